"""The campaign's scoring: the classification thresholds (xep_loai), the 100-point scoring
sheet (bang_diem) and the figures units report for the year (so_lieu)."""

from __future__ import annotations

import math
import re
from decimal import Decimal

from antq_docs.inputs.yaml_fields import Fields
from antq_docs.messages import inputs as msg
from antq_docs.model import FIGURE_SECTIONS, UNIT_TYPES, Figure, ScoreItem, Thresholds
from antq_docs.vi import strip_marks

# What a scoring-sheet item may depend on (bang_diem[].can): a results column.
ITEM_REQUIRES = ("ngay_hoi",)
SHEET_TOTAL = Decimal(100)


def _points(fields: Fields, key: str, low: Decimal, high: Decimal) -> Decimal | None:
    """A required number of points within bounds, as a Decimal."""
    value = fields.raw(key)
    if value is None:
        fields.error(key, msg.REQUIRED)
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        fields.error(key, msg.NOT_POINTS_NUMBER.format(value=value))
        return None
    points = Decimal(str(value))
    if not low <= points <= high:
        fields.error(key, msg.POINTS_OUT_OF_RANGE.format(value=value, low=low, high=high))
        return None
    return points


def thresholds(top: Fields) -> Thresholds:
    """The xep_loai thresholds: lowest score of Xuất sắc, Khá, Trung bình (defaults 90/70/50)."""
    raw = top.raw("xep_loai")
    if raw is None:
        return Thresholds()
    fields = top.child(raw, "xep_loai")
    values = [
        _points(fields, key, Decimal(0), SHEET_TOTAL) for key in ("xuat_sac", "kha", "trung_binh")
    ]
    fields.finish()
    if any(v is None for v in values):
        return Thresholds()
    best, good, fair = values
    assert best is not None and good is not None and fair is not None
    if not best > good > fair:
        fields.error(None, msg.THRESHOLDS_NOT_DESCENDING)
        return Thresholds()
    return Thresholds(best, good, fair)


def score_items(top: Fields) -> list[ScoreItem]:
    """The bang_diem list: item id, content, maximum points; the maxima add up to 100."""
    raw = top.raw("bang_diem")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("bang_diem", msg.SCORE_ITEMS_NOT_A_LIST)
        return []
    items: list[ScoreItem] = []
    seen: set[str] = set()
    complete = True
    for index, item in enumerate(raw, start=1):
        fields = top.child(item, f"bang_diem[{index}]")
        item_id = fields.text("ma")
        text = fields.text("noi_dung")
        points = _points(fields, "diem_toi_da", Decimal(0), SHEET_TOTAL)
        requires = fields.raw("can")
        if requires is not None and requires not in ITEM_REQUIRES:
            fields.error(
                "can",
                msg.ITEM_REQUIRES_UNKNOWN.format(
                    requires=requires, allowed=", ".join(ITEM_REQUIRES)
                ),
            )
            requires = None
        fields.finish()
        if item_id in seen:
            fields.error("ma", msg.ITEM_ID_TWICE.format(item_id=item_id))
        seen.add(item_id)
        if points is None or not item_id:
            complete = False
            continue
        items.append(ScoreItem(item_id, text, points, requires))
    total = sum((i.max_points for i in items), Decimal(0))
    if complete and total != SHEET_TOTAL:
        top.error("bang_diem", msg.ITEMS_TOTAL_WRONG.format(total=total, expected=SHEET_TOTAL))
    return items


_FIGURE_ID = re.compile(r"^[a-z][a-z0-9_]{0,39}$")


def figures(top: Fields) -> list[Figure]:
    """The so_lieu list: id, name, counting unit and the unit types that report each figure.

    Names head the columns of the forms and the results workbook, so two figures may not share
    one (compared without marks, as headings are matched).
    """
    raw = top.raw("so_lieu")
    if raw is None:
        return []
    if not isinstance(raw, list) or not raw:
        top.error("so_lieu", msg.FIGURES_NOT_A_LIST)
        return []
    figures: list[Figure] = []
    ids: set[str] = set()
    names: set[str] = set()
    for index, item in enumerate(raw, start=1):
        fields = top.child(item, f"so_lieu[{index}]")
        figure_id = fields.text("ma")
        name = fields.text("ten")
        measure = fields.text("don_vi_tinh")
        types_raw = fields.raw("loai")
        types = tuple(UNIT_TYPES) if types_raw is None else fields.unit_types("loai", types_raw)
        section = fields.text("muc", default="phong_trao")
        fields.finish()
        if section and section not in FIGURE_SECTIONS:
            fields.error(
                "muc",
                msg.FIGURE_SECTION_UNKNOWN.format(
                    section=section, allowed=", ".join(FIGURE_SECTIONS)
                ),
            )
            continue
        if figure_id and not _FIGURE_ID.match(figure_id):
            fields.error(
                "ma",
                msg.FIGURE_ID_NOT_PLAIN.format(figure_id=figure_id),
            )
            continue
        if figure_id in ids:
            fields.error("ma", msg.FIGURE_ID_TWICE.format(figure_id=figure_id))
            continue
        if name and strip_marks(name) in names:
            fields.error("ten", msg.FIGURE_NAME_TWICE.format(name=name))
            continue
        if not (figure_id and name and measure and types):
            continue
        ids.add(figure_id)
        names.add(strip_marks(name))
        figures.append(Figure(figure_id, name, measure, types, section))
    return figures
