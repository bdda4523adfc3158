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
from antq_docs.model import GOVERNMENT_TYPES, UNIT_TYPES

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


def abbr_required_types() -> list[str]:
    """The unit types whose roster row must give a ký hiệu: those with a numbered document
    that get no default (a People's Committee's is UBND), in the roster's order."""
    numbered = {t for kind in REGISTRY.values() for t in kind.abbr_types()}
    return [t for t in UNIT_TYPES if t in numbered and t not in GOVERNMENT_TYPES]


__all__ = ["REGISTRY", "Document", "Kind", "Needs", "abbr_required_types"]
