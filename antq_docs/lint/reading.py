"""A document as the format rules read it: paragraphs in reading order and resolved run properties.

Run properties are resolved the way Word does it (document defaults, paragraph style, character
style, direct formatting), so a size set in a style counts like one set on the run.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from antq_docs.docxread import W, paragraph_text
from antq_docs.messages import lint as msg

_W = f"{{{W}}}"
# Each script's font slot of w:rFonts, and the attribute that takes it from the theme instead.
FONT_SLOTS = (
    ("ascii", "asciiTheme"),
    ("hAnsi", "hAnsiTheme"),
    ("eastAsia", "eastAsiaTheme"),
    ("cs", "cstheme"),
)
_CONTROL = re.compile(r"^\{%.*%\}$")


@dataclass
class Para:
    """A paragraph in reading order, with where a person finds it."""

    el: etree._Element
    text: str
    location: str
    container: int
    in_table: bool

    @property
    def control(self) -> bool:
        """Whether the paragraph is only a template control tag ({% … %})."""
        return bool(_CONTROL.match(self.text))

    @property
    def tagged(self) -> bool:
        """Whether the paragraph still holds a template tag."""
        return "{{" in self.text or "{%" in self.text

    @property
    def blank(self) -> bool:
        """Whether the paragraph shows nothing: empty, or only a control tag."""
        return not self.text or self.control


@dataclass
class Props:
    """The run properties lint needs, after resolving styles."""

    size: float | None = None
    bold: bool = False
    italic: bool = False
    fonts: dict[str, str] = field(default_factory=dict)


def _on(el: etree._Element) -> bool:
    """Whether a toggle property (w:b, w:i) is on."""
    return el.get(f"{_W}val", "true").lower() not in ("false", "0", "off", "none")


def _apply(props: Props, rpr: etree._Element | None) -> None:
    """Lay the properties of one w:rPr over those resolved so far."""
    if rpr is None:
        return
    sz = rpr.find(f"{_W}sz")
    half_points = sz.get(f"{_W}val", "") if sz is not None else ""
    if half_points.isdigit():
        props.size = int(half_points) / 2
    b = rpr.find(f"{_W}b")
    if b is not None:
        props.bold = _on(b)
    i = rpr.find(f"{_W}i")
    if i is not None:
        props.italic = _on(i)
    fonts = rpr.find(f"{_W}rFonts")
    if fonts is not None:
        for slot, theme in FONT_SLOTS:
            themed, named = fonts.get(f"{_W}{theme}"), fonts.get(f"{_W}{slot}")
            if themed:
                props.fonts[slot] = msg.THEME_FONT.format(themed=themed)
            elif named:
                props.fonts[slot] = named


class Styles:
    """Word's style cascade for run properties: defaults, paragraph style, run style, direct."""

    def __init__(self, root: etree._Element | None) -> None:
        self.by_id: dict[str, etree._Element] = {}
        self.default_para: str | None = None
        self.defaults: etree._Element | None = None
        self._cache: dict[tuple[str | None, str | None], Props] = {}
        if root is None:
            return
        self.defaults = root.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        for style in root.iter(f"{_W}style"):
            sid = style.get(f"{_W}styleId")
            if sid:
                self.by_id[sid] = style
                if style.get(f"{_W}type") == "paragraph" and _on_attr(style, "default"):
                    self.default_para = sid

    def _chain(self, sid: str | None) -> list[etree._Element]:
        """A style and those it is based on, the farthest first."""
        chain: list[etree._Element] = []
        while sid and sid in self.by_id and len(chain) < 20:
            style = self.by_id[sid]
            chain.append(style)
            based = style.find(f"{_W}basedOn")
            sid = based.get(f"{_W}val") if based is not None else None
        return list(reversed(chain))

    def base(self, pstyle: str | None, rstyle: str | None) -> Props:
        """Properties from the defaults and the styles of a paragraph and a run."""
        key = (pstyle, rstyle)
        if key not in self._cache:
            props = Props()
            _apply(props, self.defaults)
            for style in self._chain(pstyle or self.default_para) + self._chain(rstyle):
                _apply(props, style.find(f"{_W}rPr"))
            self._cache[key] = props
        cached = self._cache[key]
        return Props(cached.size, cached.bold, cached.italic, dict(cached.fonts))

    def runs(self, p: etree._Element) -> list[tuple[str, Props]]:
        """(text, resolved properties) of every run of a paragraph that shows text."""
        ppr = p.find(f"{_W}pPr")
        pstyle_el = ppr.find(f"{_W}pStyle") if ppr is not None else None
        pstyle = pstyle_el.get(f"{_W}val") if pstyle_el is not None else None
        out = []
        for r in p.iter(f"{_W}r"):
            text = "".join(t.text or "" for t in r.iter(f"{_W}t"))
            if not text.strip():
                continue
            rpr = r.find(f"{_W}rPr")
            rstyle_el = rpr.find(f"{_W}rStyle") if rpr is not None else None
            props = self.base(pstyle, rstyle_el.get(f"{_W}val") if rstyle_el is not None else None)
            _apply(props, rpr)
            out.append((text, props))
        return out


def _on_attr(el: etree._Element, name: str) -> bool:
    """Whether an on/off attribute of an element is on."""
    return el.get(f"{_W}{name}", "0").lower() in ("1", "true", "on")


def paragraphs(body: etree._Element) -> list[Para]:
    """Every paragraph of the body in reading order, table cells included."""
    out: list[Para] = []
    counters = {"p": 0, "tbl": 0, "cell": 0}

    def block(parent: etree._Element, where: str | None, container: int) -> None:
        k = 0
        for child in parent:
            if child.tag == f"{_W}p":
                if where is None:
                    counters["p"] += 1
                    location = msg.WHERE_PARAGRAPH.format(number=counters["p"])
                else:
                    k += 1
                    location = msg.WHERE_CELL_PARAGRAPH.format(where=where, number=k)
                out.append(
                    Para(child, paragraph_text(child), location, container, where is not None)
                )
            elif child.tag == f"{_W}tbl":
                counters["tbl"] += 1
                name = (
                    msg.WHERE_TABLE.format(number=counters["tbl"])
                    if where is None
                    else msg.WHERE_NESTED_TABLE.format(where=where)
                )
                for ri, row in enumerate(child.iterfind(f"{_W}tr"), start=1):
                    for ci, cell in enumerate(row.iterfind(f"{_W}tc"), start=1):
                        counters["cell"] += 1
                        block(
                            cell,
                            msg.WHERE_TABLE_CELL.format(table=name, row=ri, cell=ci),
                            counters["cell"],
                        )
            elif child.tag == f"{_W}sdt":
                content = child.find(f"{_W}sdtContent")
                if content is not None:
                    block(content, where, container)

    block(body, None, 0)
    return out
