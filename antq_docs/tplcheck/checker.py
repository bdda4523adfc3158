"""`templates check`: the rules run on a template file an official edited in Word.

Each part (body, headers, footers) is read as Word stores it: quotes AutoCorrect typed inside a
tag, paragraph tags sharing their paragraph with words, tags split across paragraphs; then it is
parsed as docxtpl would, its names are held against its kind's variables (names.py), and the
file is linted against Nghị định 30.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError
from lxml import etree

from antq_docs.docxread import BODY_PART, TEMPLATE_PARTS
from antq_docs.errors import Finding, InputError, ValidationError
from antq_docs.kinds import Kind
from antq_docs.lint import lint_file
from antq_docs.messages import templates as msg
from antq_docs.render import environment
from antq_docs.sandbox import loading_refused, loads_others
from antq_docs.tplcheck.findings import (
    ERROR,
    INFO,
    WARNING,
    TemplateCheck,
    TemplateFinding,
    nfc,
    short,
    strip_xml,
)
from antq_docs.tplcheck.names import NameWalker
from antq_docs.tplcheck.template_set import TemplateFile
from antq_docs.tplcheck.variables import KindTemplates, kind_templates

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Quotes Word's AutoCorrect types; docxtpl mends the first four inside a tag, not the others.
_MENDED_QUOTES = "“”‘’"
_OTHER_QUOTES = "„‟«»‹›″′＂"
_PARA_TAG_SPACED = re.compile(r"\{%-?\s+(p|tr|tc)\s+(if|for|elif|else|endif|endfor)\b")
_PARA_TAG_GLUED = re.compile(r"\{%-?(p|tr|tc)(if|for|elif|else|endif|endfor)\b")
_SPLIT_BRACES = re.compile(r"\{\s+[{%]|[}%]\s+\}")


def _part_title(name: str) -> str:
    """How a message names a part of the package."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
    if stem == "document":
        return msg.PART_BODY
    if stem.startswith("header"):
        return msg.PART_HEADER.format(number=stem[6:] or "").strip()
    if stem == "footnotes":
        return msg.PART_FOOTNOTES
    return msg.PART_FOOTER.format(number=stem[6:] or "").strip()


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_W}t"))


class _Checker:
    """Runs every rule on one template file and collects the findings."""

    def __init__(self, path: Path, kind: Kind | None, provided: dict[str, Any] | None) -> None:
        self.path = path
        self.file = str(path)
        self.kind = kind
        self.provided = provided
        self.findings: list[TemplateFinding] = []
        self.used: set[str] = set()

    def add(
        self, level: str, message: str, part: str = "", paragraph: int | None = None, text: str = ""
    ) -> None:
        self.findings.append(TemplateFinding(self.file, level, message, part, paragraph, text))

    def run(self) -> list[TemplateFinding]:
        """Read the file, apply every rule to each part, then lint it; return the findings."""
        try:
            data = self.path.read_bytes()
            archive = zipfile.ZipFile(io.BytesIO(data))
            parts = {
                n: archive.read(n).decode("utf-8")
                for n in sorted(archive.namelist())
                if TEMPLATE_PARTS.match(n)
            }
            helper = DocxTemplate(io.BytesIO(data))
        except (OSError, zipfile.BadZipFile, UnicodeDecodeError, KeyError) as e:
            self.add(ERROR, msg.NOT_A_WORD_FILE.format(error=e))
            return self.findings
        # The body first, then headers, footers and footnotes, as Word shows them.
        order = sorted(parts, key=lambda n: (n != BODY_PART, n.endswith("footnotes.xml"), n))
        for name in order:
            self.part(name, parts[name], helper)
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

    def part(self, name: str, xml: str, helper: DocxTemplate) -> None:
        """The rules of one part (body, header, footer, footnotes): paragraphs, rows, tags."""
        title = _part_title(name)
        try:
            root = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as e:
            self.add(ERROR, msg.BROKEN_XML.format(error=e), title)
            return
        split = False
        for number, p in enumerate(root.iter(f"{_W}p"), start=1):
            split |= self.paragraph(title, number, nfc(_text(p)))
        for row in root.iter(f"{_W}tr"):
            self.row(title, nfc(_text(row)))
        if split:
            return  # docxtpl would glue paragraphs together: the Jinja errors would mislead
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", helper.patch_xml(xml))
        lines = patched.split("\n")
        try:
            tree = environment().parse(patched)
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

    def paragraph(self, part: str, number: int, text: str) -> bool:
        """Rules read on one paragraph's text; True when a tag is split across paragraphs."""
        self.quotes(part, number, text)
        self.paragraph_tags(part, number, text)
        opened = len(re.findall(r"\{\{|\{%|\{#", text))
        closed = len(re.findall(r"\}\}|%\}|#\}", text))
        if _SPLIT_BRACES.search(text):
            self.add(
                ERROR,
                msg.TAG_SPLIT_BY_SPACE.format(),
                part,
                number,
                text,
            )
        if opened != closed:
            self.add(
                ERROR,
                msg.TAG_SPLIT_ACROSS_PARAGRAPHS,
                part,
                number,
                text,
            )
            return True
        return False

    def quotes(self, part: str, number: int, text: str) -> None:
        """Quotes Word's AutoCorrect typed inside the paragraph's tags."""
        for tag in _TAG.findall(text):
            bad = [q for q in tag if q in _OTHER_QUOTES]
            curly = [q for q in tag if q in _MENDED_QUOTES]
            if bad:
                self.add(
                    ERROR,
                    msg.TAG_BAD_QUOTES.format(bad="".join(bad), tag=tag),
                    part,
                    number,
                    text,
                )
            elif curly:
                self.add(
                    WARNING,
                    msg.TAG_CURLY_QUOTES.format(curly="".join(curly), tag=tag),
                    part,
                    number,
                    text,
                )

    def paragraph_tags(self, part: str, number: int, text: str) -> None:
        """Paragraph tags ({%p …%}, {%tr …%}, {%tc …%}) written as docxtpl reads them."""
        for m in _PARA_TAG_SPACED.finditer(text):
            self.add(
                ERROR,
                msg.TAG_NO_SPACE.format(word=m.group(1), rest=m.group(2)),
                part,
                number,
                text,
            )
        for m in _PARA_TAG_GLUED.finditer(text):
            self.add(
                ERROR,
                msg.TAG_SPACE_MISSING.format(word=m.group(1), rest=m.group(2)),
                part,
                number,
                text,
            )
        if re.search(r"\{%p\s", text):
            rest = _TAG.sub("", text).strip()
            if rest:
                self.add(
                    ERROR,
                    msg.PARAGRAPH_TAG_WITH_TEXT.format(rest=short(rest, 40)),
                    part,
                    number,
                    text,
                )

    def row(self, part: str, text: str) -> None:
        """A table row with a {%tr …%} tag holds nothing else."""
        if re.search(r"\{%tr\s", text):
            rest = _TAG.sub("", text).strip()
            if rest:
                self.add(
                    ERROR,
                    msg.ROW_TAG_WITH_TEXT.format(rest=short(rest, 40)),
                    part,
                    None,
                    text,
                )


def _provided(name: str, kinds: list[KindTemplates]) -> tuple[Kind | None, dict | None]:
    """The kind whose template a file name is, and the variables it provides."""
    for entry in kinds:
        if name in entry.schemas:
            return entry.kind, entry.schemas[name]
    return None, None


def check_template(path: Path, kinds: list[KindTemplates] | None = None) -> list[TemplateFinding]:
    """Every finding of one template file; its kind is told by its file name."""
    path = Path(path)
    kinds = kinds if kinds is not None else kind_templates()
    kind, provided = _provided(path.name, kinds)
    checker = _Checker(path, kind, provided)
    if kind is None:
        names = ", ".join(n for e in kinds for n in e.files)
        checker.add(
            ERROR,
            msg.NOT_A_KIND_TEMPLATE.format(names=names),
        )
    return checker.run()


def check_templates(paths: list[Path], kinds: list[KindTemplates] | None = None) -> TemplateCheck:
    """Check the .docx files named and those inside the folders named."""
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
    kinds = kinds if kinds is not None else kind_templates()
    findings = [f for file in files for f in check_template(file, kinds)]
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
