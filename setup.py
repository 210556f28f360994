"""The one part of the build that pyproject.toml cannot say: ``resources/`` stays at the top of the project
(translations, form layouts, fonts, the import headings) and goes into the wheel as the package
``pedesk.resources``, each of its folders a data package, read through importlib
(``pedesk.paths.resources_dir``). Everything else is in pyproject.toml."""

from pathlib import Path

from setuptools import find_packages, setup

RESOURCES = Path(__file__).parent / "resources"
FOLDERS = sorted(path.name for path in RESOURCES.iterdir() if path.is_dir() and not path.name.startswith("."))

setup(
    packages=[*find_packages(include=["pedesk", "pedesk.*"]), "pedesk.resources",
              *(f"pedesk.resources.{folder}" for folder in FOLDERS)],
    package_dir={"pedesk.resources": "resources"},
    package_data={
        "pedesk": ["models/migrations/*.py", "models/migrations/*.mako", "models/migrations/versions/*.py"],
        **{f"pedesk.resources.{folder}": ["*"] for folder in FOLDERS},
    },
)
