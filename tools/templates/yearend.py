"""Pieces of the year-end documents (evaluation, minutes, report) built on docxbuild: the
year's figures by section, the unit's own words or a highlighted placeholder asking for them,
and the table of a commune's khu dân cư."""

from __future__ import annotations

from tools.templates import docxbuild as d

# The first words of a placeholder paragraph (antq_docs.docxread.PLACEHOLDER): lint and check
# find what is left to write by them.
PLACEHOLDER = "[Cần bổ sung"


def placeholder(container, text: str) -> None:
    """A highlighted paragraph saying what the signer must write there: '[Cần bổ sung: …]'."""
    from docx.enum.text import WD_COLOR_INDEX

    paragraph = d.body(container, f"{PLACEHOLDER}: {text}]")
    for r in paragraph.runs:
        r.font.highlight_color = WD_COLOR_INDEX.YELLOW


def note(container, key: str, what: str, *, lead: str = "") -> None:
    """A unit's own words (ghi_chu.key) as a paragraph, or the placeholder saying what
    belongs there when the unit wrote none; lead opens the paragraph ('Nguyên nhân: ')."""
    d.optional(container, f"ghi_chu.{key}", f"{lead}{{{{ ghi_chu.{key} }}}}")
    d.body(container, f"{{%p if not ghi_chu.{key} %}}")
    placeholder(container, what)
    d.body(container, "{%p endif %}")


# One figure of the year (common.figure_sections): its name, then the total in its unit,
# zero said as "không có", a figure nobody gave as "chưa có số liệu"; the unit's own share and
# its subtree's, how many units gave it, and last year's comparison when known.
FIGURE = (
    "- {{ s.ten }}: {% if not s.co_so %}chưa có số liệu{% elif s.so == '0' %}không có"
    "{% else %}{{ s.so }} {{ s.dvt }}{% if s.duoi %} (của đơn vị {{ s.rieng }}, của các đơn "
    "vị trên địa bàn {{ s.duoi }}){% endif %}{% endif %}"
    "{% if s.bao_cao and s.co_so %} (số liệu của {{ s.bao_cao }} đơn vị đã báo cáo){% endif %}"
    "{% if s.tang %}, tăng {{ s.tang }} {{ s.dvt }} so với năm {{ nam_truoc }}"
    "{% elif s.giam %}, giảm {{ s.giam }} {{ s.dvt }} so với năm {{ nam_truoc }}"
    "{% elif s.nam_truoc %}, bằng năm {{ nam_truoc }}{% endif %}."
)


def figures(container, section: str) -> None:
    """The figures of one section of the text (so_lieu.<section>), a line each."""
    d.body(container, f"{{%p for s in so_lieu.{section} %}}")
    d.body(container, FIGURE)
    d.body(container, "{%p endfor %}")


def no_figures(container, section: str, what: str) -> None:
    """Where the campaign declares no figure for a part, the signer writes its results there."""
    d.body(container, f"{{%p if not so_lieu.{section} %}}")
    placeholder(container, what)
    d.body(container, "{%p endif %}")


def residential_table(doc) -> None:
    """A commune's khu dân cư and their year-end results (kdc.ds): the basis of its standard."""
    table = d.grid_table(
        doc,
        [1.2, 5.0, 2.4, 2.6, 2.0, 3.3],
        ["STT", "Khu dân cư", "Đăng ký", "Được công nhận", "Điểm", "Xếp loại"],
        size=12,
    )
    d.loop_rows(
        table,
        "for r in kdc.ds",
        [
            "{{ r.stt }}",
            "{{ r.ten }}",
            "{% if r.dang_ky %}Có{% else %}Không{% endif %}",
            "{% if r.dat_chuan %}Đạt{% else %}Chưa đạt{% endif %}",
            "{{ r.diem }}",
            "{{ r.xep_loai }}",
        ],
        size=12,
        aligns=[d.CENTER, d.LEFT, d.CENTER, d.CENTER, d.CENTER, d.CENTER],
    )
    d.para(doc, "", size=6)
