"""pedesk as an office gets it (issue 15 points 1 and 5): the wheel carries its resources (translations, form
layouts, fonts, import headings) inside the package, and installed into a fresh virtual environment it works
from any folder: Kazakh help, a demo region, a certificate PDF with Kazakh letters, a package export. A
missing catalogue is an error at start-up, never English in silence; and the command line writes UTF-8 into
a pipe whatever the code page (a Kazakh or Russian Windows gives a pipe cp1251, which has no Kazakh letters)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from datetime import date
from pathlib import Path

import pytest

from pedesk.paths import REQUIRED_RESOURCES, resources_dir
from pedesk.services.rules.iin import make_iin
from tests.builders import pdf_text, run_main

ROOT = Path(__file__).resolve().parent.parent
KAZAKH_LETTERS = set("әғқңөұүһіӘҒҚҢӨҰҮҺІ")


def _clean_environment(**extra: str) -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("PEDESK_", "PYTHON")) and key not in ("VIRTUAL_ENV",)}
    environment.update({"QT_QPA_PLATFORM": "offscreen", "LC_ALL": "C.UTF-8", **extra})
    return environment


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from this checkout, as `pip wheel .` builds it."""
    folder = tmp_path_factory.mktemp("wheel")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--disable-pip-version-check",
                    "-w", str(folder), str(ROOT)], check=True, capture_output=True, timeout=300)
    (built,) = folder.glob("pedesk-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed; its dependencies are those of the test
    environment (a path file to its site-packages: pedesk itself is not there, its editable finder is not
    loaded), so that the test needs no network. Returns the environment's ``pedesk`` program."""
    target = tmp_path_factory.mktemp("venv") / "env"
    venv.EnvBuilder(with_pip=True).create(target)
    python = target / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet",
                    "--disable-pip-version-check", str(wheel)], check=True, capture_output=True, timeout=300)
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    (Path(site) / "pedesk-test-dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", "utf-8")
    return target / "bin" / "pedesk"


def test_the_wheel_carries_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {f"pedesk/resources/{name}" for name in REQUIRED_RESOURCES} <= names
    assert "pedesk/models/migrations/versions/0001_initial_schema.py" in names
    assert not any(name.startswith("resources/") for name in names)  # inside the package, not beside it


@pytest.mark.sqlite_only("the installed program on its embedded database file")
def test_the_installed_wheel_works_from_another_folder(installed: Path, tmp_path: Path) -> None:
    work = tmp_path / "office"
    work.mkdir()
    environment = _clean_environment(PEDESK_DATA_DIR=str(tmp_path / "data"))

    def pedesk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(installed), *args], cwd=work, env=environment, capture_output=True,
                              text=True, encoding="utf-8", timeout=300)

    where = subprocess.run([str(installed.with_name("python")), "-c",
                            "import pedesk, pedesk.paths; print(pedesk.__file__); print(pedesk.paths.resources_dir())"],
                           cwd=work, env=environment, capture_output=True, text=True, check=True).stdout.split()
    assert all(path.startswith(str(installed.parent.parent)) for path in where), where
    assert where[1].endswith(os.path.join("pedesk", "resources"))
    helped = pedesk("--lang", "kk", "--help")
    assert helped.returncode == 0 and helped.stdout.startswith("қолданылуы: pedesk"), helped.stderr
    made = pedesk("--db", "office.sqlite3", "demo", "--teachers", "50")
    assert made.returncode == 0 and "50 педагог" in made.stdout, made.stderr
    listed = pedesk("--lang", "en", "--db", "office.sqlite3", "certificates", "list", "--json")
    number = next(item["number"] for item in json.loads(listed.stdout) if item["status"] == "valid")
    printed = pedesk("--db", "office.sqlite3", "certificates", "print", "--number", number, "--out", "cert.pdf")
    assert printed.returncode == 0, printed.stderr
    text, _reader = pdf_text(work / "cert.pdf")
    assert "СЕРТИФИКАТ" in text.upper() and KAZAKH_LETTERS & set(text)
    exported = pedesk("--lang", "en", "--db", "office.sqlite3", "package", "export", "--from", "2020-01-01",
                      "--to", "2030-12-31", "--out", "package.zip", "--json")
    assert exported.returncode == 0 and json.loads(exported.stdout)["counts"]["offices"] == 1, exported.stderr
    assert zipfile.ZipFile(work / "package.zip").testzip() is None


def test_a_missing_catalogue_is_an_error_at_start_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "resources"
    shutil.copytree(resources_dir(), broken)
    (broken / "translations" / "kk.po").unlink()
    monkeypatch.setenv("PEDESK_RESOURCES", str(broken))
    code, out, err = run_main(capsys, "--version")
    assert (code, out) == (2, "")
    assert "translations/kk.po" in err and "pedesk-ті қайта орнатыңыз" in err and "Install pedesk again" in err


@pytest.mark.sqlite_only("the installed program on its embedded database file")
@pytest.mark.parametrize("encoding", ["cp1251", "cp866", "ascii"])
def test_the_command_line_writes_utf8_into_a_pipe_whatever_the_code_page(encoding: str, tmp_path: Path) -> None:
    iin = make_iin(date(1985, 3, 5), "male", 12)
    environment = _clean_environment(PYTHONIOENCODING=encoding, PEDESK_DATA_DIR=str(tmp_path))
    program = [sys.executable, "-m", "pedesk"]
    checked = subprocess.run([*program, "--lang", "kk", "iin", "check", iin], env=environment, capture_output=True,
                             cwd=tmp_path, timeout=120)
    said = checked.stdout.decode("utf-8")
    assert checked.returncode == 0 and KAZAKH_LETTERS & set(said), checked.stderr.decode("utf-8", "replace")
    refused = subprocess.run([*program, "--lang", "kk", "iin", "check", "123"], env=environment,
                             capture_output=True, cwd=tmp_path, timeout=120)
    assert refused.returncode == 1 and KAZAKH_LETTERS & set(refused.stdout.decode("utf-8") +
                                                            refused.stderr.decode("utf-8"))
    made = subprocess.run([*program, "--db", str(tmp_path / "d.sqlite3"), "demo", "--teachers", "20"],
                          env=environment, capture_output=True, cwd=tmp_path, timeout=300)
    assert made.returncode == 0 and "педагог" in made.stdout.decode("utf-8"), made.stderr.decode("utf-8", "replace")

