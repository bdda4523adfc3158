"""The wheel carries every package of antq_docs: each one is listed in setup.cfg."""

from __future__ import annotations

import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_every_package_of_the_source_is_listed_for_the_wheel():
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    listed = set(config["options"]["packages"].split())
    found = {p.parent.relative_to(ROOT).as_posix().replace("/", ".")
             for p in (ROOT / "antq_docs").rglob("__init__.py")}
    assert found <= listed, sorted(found - listed)
