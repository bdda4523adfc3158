"""The registry of document kinds: one module each, one line here."""

from __future__ import annotations

from antq_docs.kinds import (
    cell_resolution,
    evaluation,
    event_plan,
    minutes,
    plan,
    pledge,
    recognition,
    registration,
    report,
    resolution,
)
from antq_docs.kinds.base import Document, Kind, Needs

REGISTRY: dict[str, Kind] = {
    kind.name: kind
    for kind in (
        pledge.KIND,
        registration.KIND,
        plan.KIND,
        resolution.KIND,
        cell_resolution.KIND,
        event_plan.KIND,
        evaluation.KIND,
        minutes.KIND,
        recognition.KIND,
        report.KIND,
    )
}

__all__ = ["REGISTRY", "Document", "Kind", "Needs"]
