"""The wheel carries every package of antq_docs (each one listed in setup.cfg), the templates and
the bundled sample, and no test-only scenario."""

from __future__ import annotations

import configparser

import yaml

from antq_docs import resources
from tests.helpers import FIXTURES, ROOT, SAMPLE_DIR


def _setup_cfg() -> configparser.ConfigParser:
    """setup.cfg as setuptools reads it."""
    config = configparser.ConfigParser()
    config.read(ROOT / "setup.cfg", encoding="utf-8")
    return config


def test_every_package_of_the_source_is_listed_for_the_wheel():
    listed = set(_setup_cfg()["options"]["packages"].split())
    found = {
        p.parent.relative_to(ROOT).as_posix().replace("/", ".")
        for p in (ROOT / "antq_docs").rglob("__init__.py")
    }
    assert found <= listed, sorted(found - listed)


def test_the_fixtures_folder_holds_the_sample_and_nothing_else():
    campaign = yaml.safe_load((SAMPLE_DIR / resources.SAMPLE_CAMPAIGN).read_text("utf-8"))
    sample = {
        resources.SAMPLE_CAMPAIGN,
        resources.SAMPLE_UNITS,
        resources.SAMPLE_RESULTS,
        resources.SAMPLE_SCORES,
        resources.SAMPLE_HOUSEHOLDS,
        *(entry["tep"] for entry in campaign["danh_sach_don_vi"]),
    }
    assert {p.name for p in SAMPLE_DIR.iterdir()} == sample
    assert not sample & {p.name for p in FIXTURES.iterdir()}


def test_the_wheel_lists_exactly_the_sample_files():
    listed = set(_setup_cfg()["options.package_data"]["antq_docs.fixtures"].split())
    assert listed == {p.name for p in SAMPLE_DIR.iterdir()}
