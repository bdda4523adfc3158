"""The rules read on the text of one paragraph or table row, as Word shows it to the official.

Each rule returns (level, message) pairs; the checker places them in their part and paragraph.
What docxtpl fills correctly is never reported: "{ {" in ordinary prose is text, a tag whose
two halves sit in two paragraphs is judged on the whole part (checker.py), since docxtpl joins
those paragraphs when it can.
"""

from __future__ import annotations

import re

from antq_docs.messages import templates as msg
from antq_docs.tplcheck.findings import ERROR, WARNING, short

TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_OPENERS = re.compile(r"\{\{|\{%|\{#")
_CLOSERS = re.compile(r"\}\}|%\}|#\}")
# Quotes Word's AutoCorrect types; docxtpl mends the first four inside a tag, not the others.
_MENDED_QUOTES = "“”‘’"
_OTHER_QUOTES = "„‟«»‹›″′＂"
_PARA_TAG_SPACED = re.compile(r"\{%-?\s+(p|tr|tc)\s+(if|for|elif|else|endif|endfor)\b")
_PARA_TAG_GLUED = re.compile(r"\{%-?(p|tr|tc)(if|for|elif|else|endif|endfor)\b")
_SPLIT_BRACES = re.compile(r"\{\s+[{%]|[}%]\s+\}")
# docxtpl's own pattern for a paragraph tag: the paragraph becomes this one tag, nothing else.
_PARAGRAPH_TAG = re.compile(r"(\{%|\{\{)p ([^}%]*(%\}|\}\}))")
_ROW_TAG = re.compile(r"(\{%|\{\{)tr ([^}%]*(%\}|\}\}))")

Found = list[tuple[str, str]]


def balance(text: str) -> int:
    """Tags opened minus tags closed in the text: not 0 when a tag goes on in another paragraph."""
    return len(_OPENERS.findall(text)) - len(_CLOSERS.findall(text))


def paragraph_findings(text: str) -> Found:
    """Every rule read on one paragraph's text."""
    return [*_quotes(text), *_paragraph_tags(text), *_split_by_space(text)]


def row_findings(text: str) -> Found:
    """A table row with a {%tr …%} tag holds nothing else: docxtpl keeps only the tag."""
    match = _ROW_TAG.search(text)
    rest = (text[: match.start()] + text[match.end() :]).strip() if match else ""
    if not rest:
        return []
    return [(ERROR, msg.ROW_TAG_WITH_TEXT.format(rest=short(rest, 40)))]


def _quotes(text: str) -> Found:
    """Quotes Word's AutoCorrect typed inside the paragraph's tags."""
    found: Found = []
    for tag in TAG.findall(text):
        bad = [q for q in tag if q in _OTHER_QUOTES]
        curly = [q for q in tag if q in _MENDED_QUOTES]
        if bad:
            found.append((ERROR, msg.TAG_BAD_QUOTES.format(bad="".join(bad), tag=tag)))
        elif curly:
            found.append((WARNING, msg.TAG_CURLY_QUOTES.format(curly="".join(curly), tag=tag)))
    return found


def _paragraph_tags(text: str) -> Found:
    """Paragraph tags ({%p …%}, {{p …}}, {%tr …%}, {%tc …%}) written as docxtpl reads them."""
    found: Found = [
        (ERROR, msg.TAG_NO_SPACE.format(word=m.group(1), rest=m.group(2)))
        for m in _PARA_TAG_SPACED.finditer(text)
    ]
    found += [
        (ERROR, msg.TAG_SPACE_MISSING.format(word=m.group(1), rest=m.group(2)))
        for m in _PARA_TAG_GLUED.finditer(text)
    ]
    # docxtpl replaces the whole paragraph with its first paragraph tag: the rest is lost.
    match = _PARAGRAPH_TAG.search(text)
    rest = (text[: match.start()] + text[match.end() :]).strip() if match else ""
    if rest:
        tag = short(match.group(0), 40) if match else ""
        found.append((ERROR, msg.PARAGRAPH_TAG_WITH_TEXT.format(tag=tag, rest=short(rest, 40))))
    return found


def _split_by_space(text: str) -> Found:
    """A tag whose braces a space parts ("{ {", "% }"), told from braces in ordinary prose.

    Only a paragraph whose tags do not close, and would close with the space taken out, is
    reported: "{ {" in a sentence is text docxtpl leaves as it is.
    """
    if not _SPLIT_BRACES.search(text) or balance(text) == 0:
        return []
    joined = _SPLIT_BRACES.sub(lambda m: re.sub(r"\s+", "", m.group(0)), text)
    if balance(joined) != 0:
        return []
    return [(ERROR, msg.TAG_SPLIT_BY_SPACE)]
