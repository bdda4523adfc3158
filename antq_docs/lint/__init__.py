"""`lint`: the Nghị định 30/2020 format rules (Hướng dẫn 36 for Party documents) on any .docx.

The document is read with zipfile and lxml (docxread), never executed or fully loaded;
reading.py gives its paragraphs in reading order with their run properties resolved as Word
resolves them, rules.py applies the rules to them, and this module runs them over files and
folders and reports.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

from antq_docs.docxread import Package
from antq_docs.errors import InputError, UnreadableDocument
from antq_docs.lint.rules import RULES, Linter, LintFinding
from antq_docs.messages import lint as msg

__all__ = [
    "RULES",
    "LintFinding",
    "LintReport",
    "collect",
    "lint",
    "lint_file",
]


def lint_file(path: Path) -> list[LintFinding]:
    """Every format finding of one .docx; an unreadable file is one finding of rule 'tep'."""
    try:
        return Linter(path, Package(path)).run()
    except UnreadableDocument as e:
        return [LintFinding(str(path), "tep", msg.WHERE_FILE, msg.WORD_FILE_READABLE, e.reason)]


def collect(paths: Iterable[Path]) -> list[Path]:
    """The .docx files named, and those inside the folders named (Word's ~$ files skipped)."""
    files: list[Path] = []
    for path in paths:
        path = Path(path)
        if not path.exists():
            raise InputError(msg.NOT_FOUND, path=path)
        if path.is_dir() and path.suffix.lower() != ".docx":
            for folder, dirs, names in os.walk(path):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                # os.walk does not follow a linked folder; name it, so it is reported (never read).
                files += [Path(folder) / d for d in dirs if (Path(folder) / d).is_symlink()]
                dirs[:] = [d for d in dirs if not (Path(folder) / d).is_symlink()]
                files += [
                    Path(folder) / n
                    for n in sorted(names)
                    if n.lower().endswith(".docx") and not n.startswith(("~$", "."))
                ]
                # A folder named like a document is linted too, and reported as unreadable.
                files += [Path(folder) / d for d in dirs if d.lower().endswith(".docx")]
                dirs[:] = [d for d in dirs if not d.lower().endswith(".docx")]
        else:
            files.append(path)
    return files


@dataclass
class LintReport:
    """The findings of a lint run over some files."""

    files: list[str]
    findings: list[LintFinding]

    @property
    def ok(self) -> bool:
        """No rule broken in any file."""
        return not self.findings

    def table(self) -> str:
        """Vietnamese lines, one per finding, then a summary."""
        lines = [str(f) for f in self.findings]
        bad = len({f.file for f in self.findings})
        lines.append(
            msg.SUMMARY_FAULTS.format(count=len(self.files), bad=bad, faults=len(self.findings))
            if self.findings
            else msg.SUMMARY_CLEAN.format(count=len(self.files))
        )
        return "\n".join(lines)

    def to_json(self) -> str:
        """The findings as JSON: files, ok, findings (file, rule, rule_title, location, …)."""
        import json

        findings = [{**asdict(f), "rule_title": RULES[f.rule]} for f in self.findings]
        return json.dumps(
            {"files": self.files, "ok": self.ok, "findings": findings},
            ensure_ascii=False,
            indent=2,
        )


def lint(paths: Iterable[Path]) -> LintReport:
    """Lint every .docx named or found in the folders named."""
    files = collect(paths)
    findings: list[LintFinding] = []
    for path in files:
        findings += lint_file(path)
    return LintReport([str(p) for p in files], findings)
