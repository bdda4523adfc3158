"""Rendering: the same bytes on one core or several, errors from worker processes reported."""

from __future__ import annotations

import pytest

from antq_docs import render, resources
from antq_docs.errors import AntqError
from antq_docs.generate import load_inputs, plan_documents
from antq_docs.render import CompiledTemplate, render_many
from tests.conftest import SAMPLE_CAMPAIGN, SAMPLE_UNITS


@pytest.fixture(scope="module")
def jobs():
    documents, _ = plan_documents(load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS), ["pledge", "plan"])
    templates = {}
    out = []
    for doc in documents[:40]:
        if doc.template not in templates:
            templates[doc.template] = CompiledTemplate(resources.template_path(doc.template))
        doc.context.setdefault("so_ky_hieu", "")
        out.append((templates[doc.template], doc.context))
    return out


def test_several_processes_give_the_same_bytes_in_the_same_order(jobs, monkeypatch):
    serial = list(render_many(jobs, workers=1))
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    monkeypatch.setattr(render, "BATCH", 7)  # several batches, the last one short
    parallel = list(render_many(jobs, workers=2))
    assert parallel == serial
    assert len(serial) == 40


def test_a_template_error_in_a_worker_is_reported(jobs, monkeypatch):
    template, context = jobs[0]
    broken = {k: v for k, v in context.items() if k != "ngay_ky"}
    monkeypatch.setattr(render, "PARALLEL_FROM", 1)
    with pytest.raises(AntqError, match=r"Mẫu pledge.*: thiếu giá trị cho thẻ \('ngay_ky'"):
        list(render_many([*jobs[:3], (template, broken)], workers=2))
