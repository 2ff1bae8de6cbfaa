"""The wheel must hold every package and the bundled rule packs."""

from __future__ import annotations

import sys
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent


def test_every_subpackage_is_listed_in_pyproject() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    listed = set(config["packages"])
    found = {
        ".".join(module.parent.relative_to(ROOT).parts)
        for module in (ROOT / "newslint").rglob("*.py")
        if "__pycache__" not in module.parts
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert config["package-dir"]["newslint.packs"] == "rules"


def test_bundled_data_files_are_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    patterns = config["package-data"]["newslint.packs"]
    suffixes = {p.suffix for p in (ROOT / "rules").rglob("*") if p.is_file()} - {".py", ""}
    for suffix in suffixes:
        assert any(p.endswith(suffix) or p == "**/*" for p in patterns), suffix
