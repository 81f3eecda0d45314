"""The web UI's templates and static files ship in the wheel: package data covers them."""

from __future__ import annotations

import fnmatch
import tomllib

from tests.conftest import ROOT


def test_package_data_globs_cover_every_web_file() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["oplens"]
    package = ROOT / "src" / "oplens"
    shipped = [
        path.relative_to(package).as_posix()
        for folder in ("web/templates", "web/static")
        for path in (package / folder).iterdir()
    ]
    assert len(shipped) >= 16
    missing = [name for name in shipped if not any(fnmatch.fnmatch(name, g) for g in globs)]
    assert missing == []
