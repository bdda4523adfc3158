"""Rewrite the variables section of docs/templates.md from what each kind gives its templates.

    python -m tools.template_guide

The section is the same text `templates export` writes into BIEN.md (headings one level
down), so the guide never describes variables a kind no longer provides; a test fails when
the committed guide differs from what this writes.
"""

from __future__ import annotations

from pathlib import Path

from antq_docs import tplcheck

GUIDE = Path(__file__).resolve().parent.parent / "docs" / "templates.md"
SECTION = "## Biến của từng loại văn bản"


def section() -> str:
    """The variables section: BIEN.md's text with its headings one level down."""
    body = tplcheck.variables_markdown(tplcheck.kind_templates())
    lines = body.splitlines()[1:]  # BIEN.md's own title gives way to the section's
    shifted = [("#" + line) if line.startswith("#") else line for line in lines]
    return (
        SECTION + "\n\n" + "Danh sách này cũng có trong `antq-docs templates list` và tệp "
        "`BIEN.md` do `templates export` ghi.\n" + "\n".join(shifted).rstrip() + "\n"
    )


def rewritten(text: str) -> str:
    """The guide's text with its variables section replaced by the current one."""
    return text[: text.index(SECTION)] + section()


if __name__ == "__main__":
    GUIDE.write_text(rewritten(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(GUIDE)
