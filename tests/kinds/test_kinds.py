"""One declaration per kind: a kind added to the registry is picked up everywhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from antq_docs.check import check
from antq_docs.indicators import document_targets
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.kinds.pledge import Pledge
from tests.helpers import campaign_text


class Invitation(Pledge):
    """A throwaway kind: a meeting invitation every commune sends (reuses the pledge's form)."""

    name = "invitation"
    label = "giấy mời"
    short = "Giấy mời"
    required = ("xa",)
    target = "giay_moi"


@pytest.fixture
def invitation(monkeypatch) -> Invitation:
    """The throwaway kind, registered for one test only."""
    kind = Invitation()
    monkeypatch.setitem(REGISTRY, kind.name, kind)
    return kind


def test_a_registered_kind_is_required_dated_checked_and_counted(invitation, tmp_path: Path):
    """Campaign, check and the indicators read the new kind from its one declaration."""
    text = campaign_text().replace("ngay_van_ban:", "ngay_van_ban:\n  invitation: 2025-04-02", 1)
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(text, encoding="utf-8")
    inputs = load_inputs(campaign, None, kinds=REGISTRY)
    assert inputs.campaign.required["invitation"] == ("xa",)
    assert inputs.campaign.doc_dates["invitation"].isoformat() == "2025-04-02"
    assert document_targets(REGISTRY)["giay_moi"] == ("invitation",)
    docs = tmp_path / "docs"
    docs.mkdir()
    report = check(inputs, docs, workers=1)
    assert "invitation" in report.kinds
    missing = {e.unit.code for e in report.missing if e.kind == "invitation"}
    communes = {u.code for u in inputs.roster_for("invitation") if u.type == "xa"}
    assert missing == communes and communes
    assert "Giấy mời" in report.table()


def test_no_module_but_the_kinds_lists_the_kind_names():
    """The kind names appear as a list nowhere outside antq_docs/kinds (one declaration)."""
    root = Path(__file__).resolve().parents[2] / "antq_docs"
    for path in root.rglob("*.py"):
        if path.parent.name == "kinds":
            continue
        text = path.read_text(encoding="utf-8")
        named = [k for k in REGISTRY if f'"{k}"' in text]
        assert len(named) < 3, f"{path.name} names kinds {named}"
