"""Rendering: the same bytes on one core or several, errors from worker processes reported."""

from __future__ import annotations

import hashlib
import zipfile

import pytest

from antq_docs import resources, workers
from antq_docs.errors import AntqError
from antq_docs.generate import plan_documents
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.render import CompiledTemplate, FileJob, render_files
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_UNITS


@pytest.fixture(scope="module")
def jobs():
    documents, _ = plan_documents(
        load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY), ["pledge", "plan"]
    )
    templates = {}
    out = []
    for doc in documents[:40]:
        if doc.template not in templates:
            templates[doc.template] = CompiledTemplate(resources.template_path(doc.template))
        doc.context.setdefault("so_ky_hieu", "")
        out.append((templates[doc.template], doc.context))
    return out


def _render(jobs, folder, workers):
    """Render jobs into temporaries in folder; their bytes, in order."""
    folder.mkdir()
    file_jobs = [
        FileJob(template, context, folder, f".{i}.antq-tmp", None)
        for i, (template, context) in enumerate(jobs)
    ]
    out = []
    for result in render_files(file_jobs, workers=workers):
        data = (folder / result.temp).read_bytes()
        assert hashlib.sha256(data).hexdigest() == result.sha256
        out.append(data)
    return out


def test_several_processes_give_the_same_bytes_in_the_same_order(jobs, monkeypatch, tmp_path):
    serial = _render(jobs, tmp_path / "one", 1)
    monkeypatch.setattr(workers, "BATCH", 7)  # several batches, the last one short
    parallel = _render(jobs, tmp_path / "two", 2)
    assert parallel == serial
    assert len(serial) == 40


def test_equal_bytes_are_not_written_again(jobs, tmp_path):
    (first,) = _render(jobs[:1], tmp_path / "a", 1)
    digest = hashlib.sha256(first).hexdigest()
    template, context = jobs[0]
    (result,) = render_files([FileJob(template, context, tmp_path, ".x.antq-tmp", digest)])
    assert result.sha256 == digest and result.temp is None
    assert not (tmp_path / ".x.antq-tmp").exists()


def test_a_template_error_in_a_worker_is_reported(jobs, tmp_path):
    template, context = jobs[0]
    broken = {k: v for k, v in context.items() if k != "ngay_ky"}
    with pytest.raises(AntqError, match=r"Mẫu pledge.*: thiếu giá trị cho thẻ \('ngay_ky'"):
        _render([*jobs[:3], (template, broken)], tmp_path / "out", 2)


def test_workers_are_used_only_for_batches_of_work():
    assert workers.workers_for(8, 10) == 1
    assert workers.workers_for(1, 100_000) == 1
    assert workers.workers_for(2, workers.BATCH + 1) == 2
    assert workers.workers_for(None, 0) == 1


def test_docxtpl_leaves_the_core_properties_namespace_alone(tmp_path) -> None:
    """docxcompose (imported by docxtpl) must not change how python-docx writes core.xml."""
    import docx

    path = tmp_path / "a.docx"
    document = docx.Document()
    document.core_properties.revision = 3
    document.save(path)
    with zipfile.ZipFile(path) as archive:
        core = archive.read("docProps/core.xml").decode("utf-8")
    assert "custom-properties" not in core
    assert "<cp:revision>3</cp:revision>" in core
