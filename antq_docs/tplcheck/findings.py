"""A template check's findings: where each is in the file, and the summary of a check."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from antq_docs.messages import templates as msg

ERROR, WARNING, INFO = msg.LEVEL_ERROR, msg.LEVEL_WARNING, msg.LEVEL_INFO


@dataclass(frozen=True)
class TemplateFinding:
    """One problem of a template, located by part and paragraph text."""

    file: str
    level: str
    message: str
    part: str = ""
    paragraph: int | None = None
    text: str = ""

    def location(self) -> str:
        """Where in the file: 'thân văn bản, đoạn 7 «…»', or '' for the whole file."""
        where = [self.part] if self.part else []
        if self.paragraph is not None or self.text:
            number = f" {self.paragraph}" if self.paragraph is not None else ""
            quoted = f" «{short(self.text)}»" if self.text else ""
            where.append(msg.WHERE_PARAGRAPH.format(number=number, quoted=quoted))
        return ", ".join(where)

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.file, self.location()) if x)
        return f"{where}: [{self.level}] {self.message}"


def short(text: str, limit: int = 80) -> str:
    """The text on one line, cut at limit characters with an ellipsis."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def nfc(text: str) -> str:
    """The text in NFC, as Vietnamese is compared."""
    return unicodedata.normalize("NFC", text)


def strip_xml(xml: str) -> str:
    """The words of an XML fragment, its tags removed."""
    return nfc(re.sub(r"<[^>]+>", "", xml))


@dataclass
class TemplateCheck:
    """The findings of `templates check` over some files."""

    files: list[str]
    findings: list[TemplateFinding]

    @property
    def errors(self) -> list[TemplateFinding]:
        """Findings that make a template unusable."""
        return [f for f in self.findings if f.level == ERROR]

    @property
    def ok(self) -> bool:
        """No error in any file (warnings and information allowed)."""
        return not self.errors

    def table(self) -> str:
        """Vietnamese lines, one per finding, then a summary."""
        lines = [str(f) for f in self.findings]
        bad = len({f.file for f in self.errors})
        lines.append(
            msg.SUMMARY_ERRORS.format(count=len(self.files), bad=bad, errors=len(self.errors))
            if self.errors
            else msg.SUMMARY_CLEAN.format(count=len(self.files))
        )
        return "\n".join(lines)
