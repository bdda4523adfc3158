"""`templates check`: the rules run on a template file an official edited in Word or LibreOffice.

Every part the renderer fills (docxread.TEMPLATE_PARTS: body, each header and footer, the
footnotes) and the document properties it fills are read as docxtpl reads them (docxread's
template_xml, whoever saved the file): quotes AutoCorrect typed inside a tag, paragraph tags
sharing their paragraph with words, tags split across paragraphs docxtpl cannot join. Each is
then parsed as docxtpl would, its names held against its kind's variables (names.py), and the
file is linted against Nghị định 30. A plain check (`--plain`) stops at the syntax, for any
docxtpl template. A tag in a part nobody fills (the endnotes) is an error: it would be printed.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from jinja2 import TemplateError, TemplateSyntaxError
from lxml import etree

from antq_docs.docxread import (
    BODY_PART,
    CORE_PART,
    TEMPLATE_PARTS,
    TEMPLATE_PROPERTIES,
    UNFILLED_PARTS,
    Package,
    template_xml,
)
from antq_docs.errors import Finding, InputError, UnreadableDocument, ValidationError
from antq_docs.kinds import Kind
from antq_docs.lint import lint_file
from antq_docs.messages import templates as msg
from antq_docs.render import environment
from antq_docs.render_docxtpl import prepared_xml, table_without_grid
from antq_docs.sandbox import loading_refused, loads_others
from antq_docs.tplcheck.findings import (
    ERROR,
    INFO,
    TemplateCheck,
    TemplateFinding,
    nfc,
    short,
    strip_xml,
)
from antq_docs.tplcheck.names import NameWalker
from antq_docs.tplcheck.paragraphs import TAG, balance, paragraph_findings, row_findings
from antq_docs.tplcheck.template_set import TemplateFile
from antq_docs.tplcheck.variables import KindTemplates, kind_templates

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_OPENER = re.compile(r"\{[{%#]")
_NOTES = ("footnotes.xml", "endnotes.xml")
_FOOTNOTES = "word/footnotes.xml"


def _part_title(name: str) -> str:
    """How a message names a part of the package."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
    if stem == "document":
        return msg.PART_BODY
    if stem.startswith("header"):
        return msg.PART_HEADER.format(number=stem[6:] or "").strip()
    if stem == "footnotes":
        return msg.PART_FOOTNOTES
    if stem == "endnotes":
        return msg.PART_ENDNOTES
    return msg.PART_FOOTER.format(number=stem[6:] or "").strip()


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_W}t"))


def _well_formed(xml: str) -> bool:
    """Tell whether a part, its tags taken out, is still XML (docxtpl's clean-up kept it whole)."""
    try:
        etree.fromstring(TAG.sub("", xml).encode("utf-8"))
    except etree.XMLSyntaxError:
        return False
    return True


class _Checker:
    """Runs every rule on one template file and collects the findings."""

    def __init__(
        self, path: Path, kind: Kind | None, provided: dict[str, Any] | None, plain: bool = False
    ) -> None:
        self.path = path
        self.file = str(path)
        self.kind = kind
        self.provided = provided
        self.plain = plain
        self.findings: list[TemplateFinding] = []
        self.used: set[str] = set()

    def add(
        self, level: str, message: str, part: str = "", paragraph: int | None = None, text: str = ""
    ) -> None:
        self.findings.append(TemplateFinding(self.file, level, message, part, paragraph, text))

    def run(self) -> list[TemplateFinding]:
        """Read the file, apply every rule to each part, then lint it; return the findings."""
        try:
            package = Package(self.path)
            names = [n for n in package.names if TEMPLATE_PARTS.match(n) or UNFILLED_PARTS.match(n)]
            parts = {n: package.part(n) for n in names}
            core = package.part(CORE_PART) if package.has(CORE_PART) else None
        except UnreadableDocument as e:
            self.add(ERROR, msg.NOT_A_WORD_FILE.format(error=e.reason))
            return self.findings
        # docxtpl fills the footnotes once per section of the body: a body without one leaves
        # them as typed, like the endnotes.
        sections = parts.get(BODY_PART, b"").count(b"<w:sectPr")
        # The body first, then headers, footers and notes, as Word shows them.
        for name in sorted(parts, key=lambda n: (n != BODY_PART, n.endswith(_NOTES), n)):
            self.part(name, parts[name], unfilled=name == _FOOTNOTES and not sections)
        if core is not None:
            self.properties(core)
        if self.plain:
            return self.findings
        if self.provided is not None:
            unused = [k for k in self.provided if k not in self.used]
            if unused:
                self.add(INFO, msg.UNUSED_VARIABLES.format(names=", ".join(unused)))
        for finding in lint_file(self.path):
            self.add(
                ERROR,
                msg.FORMAT_FINDING.format(
                    rule=finding.rule,
                    location=finding.location,
                    expected=finding.expected,
                    found=finding.found,
                ),
            )
        return self.findings

    def part(self, name: str, data: bytes, *, unfilled: bool = False) -> None:
        """The rules of one part (body, header, footer, notes): paragraphs, rows, tags;
        unfilled: a part no renderer fills, where any tag would print as typed."""
        title = _part_title(name)
        try:
            xml = template_xml(data)
            root = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as e:
            self.add(ERROR, msg.BROKEN_XML.format(error=e), title)
            return
        if unfilled or UNFILLED_PARTS.match(name):
            why = msg.FOOTNOTES_WITHOUT_SECTION if unfilled else msg.TAG_NOT_FILLED
            self.unfilled(root, title, why.format(part=title))
            return
        split = []
        for number, p in enumerate(root.iter(f"{_W}p"), start=1):
            text = nfc(_text(p))
            for level, message in paragraph_findings(text):
                self.add(level, message, title, number, text)
            if balance(text):
                split.append((number, text))
        for row in root.iter(f"{_W}tr"):
            text = nfc(_text(row))
            for level, message in row_findings(text):
                self.add(level, message, title, None, text)
        if name == BODY_PART and table_without_grid(xml):
            self.add(ERROR, msg.TABLE_WITHOUT_GRID, title)
            return
        # Parsed exactly as the renderer compiles it (render_docxtpl.prepared_xml).
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", prepared_xml(xml))
        if not _well_formed(patched):
            # docxtpl joins a tag's paragraphs only where they are alike (siblings in the body,
            # in one cell): otherwise the joined part is broken, and so is every document.
            for number, text in split:
                self.add(ERROR, msg.TAG_SPLIT_ACROSS_PARAGRAPHS, title, number, text)
            if not split:
                self.add(ERROR, msg.PART_BROKEN_BY_TAGS, title)
            return
        self.compile(title, patched, patched.split("\n"))

    def unfilled(self, root: etree._Element, title: str, why: str) -> None:
        """A tag in a part no renderer fills would be printed as typed: each is an error."""
        for number, p in enumerate(root.iter(f"{_W}p"), start=1):
            text = nfc(_text(p))
            if _OPENER.search(text):
                self.add(ERROR, why, title, number, text)

    def properties(self, data: bytes) -> None:
        """The document properties the renderer fills (title, subject…), each as a template."""
        try:
            root = etree.fromstring(data)
        except etree.XMLSyntaxError as e:
            self.add(ERROR, msg.BROKEN_XML.format(error=e), CORE_PART)
            return
        for name in TEMPLATE_PROPERTIES:
            element = root.find(name)
            text = nfc(element.text or "") if element is not None else ""
            if not _OPENER.search(text):
                continue
            label = msg.PROPERTY_NAMES[name.rsplit("}", 1)[-1]]
            title = msg.PART_PROPERTY.format(name=label)
            for level, message in paragraph_findings(text):
                self.add(level, message, title, None, text)
            self.compile(title, text, [text])

    def compile(self, title: str, source: str, lines: list[str]) -> None:
        """Parse a part as Jinja does, refuse loading other templates, check its names."""
        try:
            tree = environment().parse(source)
            environment().compile(tree)
            if tag := loads_others(tree):
                self.add(ERROR, loading_refused(tag), title)
                return
        except TemplateSyntaxError as e:
            line = (e.lineno or 1) - 1
            around = " ⏎ ".join(
                short(strip_xml(t), 60)
                for t in lines[max(line - 1, 0) : line + 2]
                if strip_xml(t).strip()
            )
            self.add(ERROR, msg.TAG_SYNTAX.format(message=e.message), title, None, around)
            return
        except TemplateError as e:
            self.add(ERROR, msg.TAG_ERROR.format(error=e), title)
            return
        if self.provided is not None:
            what = msg.TEMPLATE_OF_KIND.format(label=self.kind.label) if self.kind else msg.TEMPLATE

            def report(message: str, text: str) -> None:
                self.add(ERROR, message, title, None, text)

            NameWalker(self.provided, self.used, what, report, lines).visit(tree, {})


def _provided(name: str, kinds: list[KindTemplates]) -> tuple[Kind | None, dict | None]:
    """The kind whose template a file name is, and the variables it provides."""
    for entry in kinds:
        if name in entry.schemas:
            return entry.kind, entry.schemas[name]
    return None, None


def check_template(
    path: Path, kinds: list[KindTemplates] | None = None, plain: bool = False
) -> list[TemplateFinding]:
    """Every finding of one template file; its kind is told by its file name.

    A plain check reads any docxtpl template: the syntax of every part, no kind, no variables,
    no Nghị định 30 rules.
    """
    path = Path(path)
    if plain:
        return _Checker(path, None, None, plain=True).run()
    kinds = kinds if kinds is not None else kind_templates()
    kind, provided = _provided(path.name, kinds)
    checker = _Checker(path, kind, provided)
    if kind is None:
        names = ", ".join(n for e in kinds for n in e.files)
        checker.add(ERROR, msg.NOT_A_KIND_TEMPLATE.format(names=names))
    return checker.run()


def check_templates(
    paths: list[Path], kinds: list[KindTemplates] | None = None, plain: bool = False
) -> TemplateCheck:
    """Check the .docx files named and those inside the folders named (plain: syntax only)."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise InputError(msg.NOT_FOUND, path=path)
        if path.is_dir():
            files += sorted(p for p in path.glob("*.docx") if not p.name.startswith(("~$", ".")))
        else:
            files.append(path)
    if not files:
        raise InputError(msg.NO_TEMPLATES, path=", ".join(map(str, paths)))
    if not plain and kinds is None:
        kinds = kind_templates()
    findings = [f for file in files for f in check_template(file, kinds, plain)]
    return TemplateCheck([str(f) for f in files], findings)


def refuse_bad_templates(templates: list[TemplateFile]) -> None:
    """Check the user's templates a run will use; raise ValidationError naming every error."""
    own = [t for t in templates if t.user]
    if not own:
        return
    kinds = kind_templates()
    findings = []
    for template in own:
        for f in check_template(template.path, kinds):
            if f.level == ERROR:
                where = f.location()
                findings.append(
                    Finding(f"{where}: {f.message}" if where else f.message, file=f.file)
                )
    if findings:
        raise ValidationError(findings, what=msg.TEMPLATES_WITH_ERRORS)
