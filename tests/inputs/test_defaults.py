"""What a run uses when it names little: the kinds and the files, one rule for CLI and web."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_docs import resources
from antq_docs.errors import ResultsNeeded, UsageError
from antq_docs.generate import select_kinds, wants_results
from antq_docs.inputs.defaults import HERE, SAMPLE, default_inputs
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.resources import CAMPAIGN_FILE, RESULTS_FILE
from tests.helpers import FIXTURES

SMALL = FIXTURES / "units-small.csv"


@pytest.fixture(scope="module")
def small():
    """The sample campaign over the small roster, without year-end results."""
    return load_inputs(None, SMALL, kinds=REGISTRY)


def test_kinds_ticked_are_written_in_order_once(small):
    assert select_kinds(["plan", "pledge", "plan"], small) == (["plan", "pledge"], [])
    assert select_kinds("pledge", small) == (["pledge"], [])


def test_no_kind_ticked_is_all_the_inputs_allow(small):
    assert select_kinds([], small) == select_kinds("all", small)
    kinds, skipped = select_kinds([], small)
    assert skipped and all(REGISTRY[k].needs_results for k in skipped)
    assert sorted(kinds + skipped) == sorted(REGISTRY)


def test_unknown_kinds_are_named_together(small):
    with pytest.raises(UsageError, match="loại văn bản không có: khong-co, sai"):
        select_kinds(["pledge", "khong-co", "sai"], small)


def test_a_kind_needing_results_names_itself(small):
    with pytest.raises(ResultsNeeded) as raised:
        select_kinds(["pledge", "evaluation"], small)
    assert (raised.value.kind, raised.value.label) == ("evaluation", REGISTRY["evaluation"].label)
    assert str(raised.value) == "văn bản evaluation cần tệp kết quả cuối năm: thêm --results TỆP."


def test_results_are_looked_for_when_the_kinds_use_them():
    assert wants_results("all") and wants_results([])
    assert wants_results("evaluation") and wants_results(["pledge", "evaluation"])
    assert not wants_results("pledge") and not wants_results(["pledge", "khong-co"])


def test_a_folder_made_by_init_counts_only_where_the_run_may_look(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / CAMPAIGN_FILE).write_text("", encoding="utf-8")
    (tmp_path / RESULTS_FILE).write_bytes(b"")
    here = default_inputs(None, None, None, None, year_end=True)
    assert (here.campaign_from, here.results_from) == (HERE, HERE)
    assert (here.campaign, here.results, here.scores) == (
        Path(CAMPAIGN_FILE),
        Path(RESULTS_FILE),
        None,
    )
    server = default_inputs(None, None, None, None, year_end=True, here=False)
    assert (server.campaign_from, server.results_from) == (SAMPLE, SAMPLE)
    assert server.campaign == resources.sample(resources.SAMPLE_CAMPAIGN)
    assert server.results == resources.sample(resources.SAMPLE_RESULTS)
    assert server.scores == resources.sample(resources.SAMPLE_SCORES)


def test_a_named_file_always_wins(tmp_path):
    roster_only = default_inputs(None, SMALL, None, None, year_end=True)
    assert (roster_only.campaign_from, roster_only.results_from) == (SAMPLE, None)
    assert roster_only.results is None
    named = default_inputs(tmp_path / "k.yaml", None, None, None, year_end=True)
    assert (named.campaign, named.results, named.campaign_from) == (tmp_path / "k.yaml", None, None)
    results = tmp_path / "kq.csv"
    mine = default_inputs(None, None, results, None, year_end=True, here=False)
    assert (mine.results, mine.scores, mine.results_from) == (results, None, None)
