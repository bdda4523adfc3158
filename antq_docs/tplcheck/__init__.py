"""Templates an official edits in Word: where they are found, what each kind gives them, a check.

(Not named templates: in a wheel, antq_docs/templates is the folder of the .docx files.)

A user's folder (--templates, or `mau` in the campaign) is searched before the built-in
templates, file by file (template_set.py). What a template may use is derived at run time from
the kinds themselves (variables.py): the context of sample units is built by each kind and
described (type, example, meaning from the kind's `variables` table), so a kind that changes its
context changes the list, the guide and the check at once. The check (checker.py) reads every
part the renderer fills as docxtpl reads it, whichever program saved it (Word, LibreOffice, WPS),
applies the rules read on a paragraph's text (paragraphs.py), walks the names it uses (names.py)
and reports findings (findings.py).
"""

from __future__ import annotations

from antq_docs.tplcheck.checker import check_template, check_templates, refuse_bad_templates
from antq_docs.tplcheck.findings import ERROR, INFO, WARNING, TemplateCheck, TemplateFinding
from antq_docs.tplcheck.template_set import BUILTIN, TemplateFile, TemplateSet
from antq_docs.tplcheck.variables import (
    SAMPLE_RESULTS,
    SAMPLE_SCORES,
    SHARED_MEANINGS,
    VARIABLES_FILE,
    KindTemplates,
    Variable,
    export_templates,
    kind_templates,
    sample_contexts,
    sample_inputs,
    schema,
    variables_markdown,
)

__all__ = [
    "BUILTIN",
    "ERROR",
    "INFO",
    "SAMPLE_RESULTS",
    "SAMPLE_SCORES",
    "SHARED_MEANINGS",
    "VARIABLES_FILE",
    "WARNING",
    "KindTemplates",
    "TemplateCheck",
    "TemplateFile",
    "TemplateFinding",
    "TemplateSet",
    "Variable",
    "check_template",
    "check_templates",
    "export_templates",
    "kind_templates",
    "refuse_bad_templates",
    "sample_contexts",
    "sample_inputs",
    "schema",
    "variables_markdown",
]
