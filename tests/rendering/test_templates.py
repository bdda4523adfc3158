"""Templates an official edits: list, export, check, a user's folder in generate, parity with docxtpl."""

from __future__ import annotations

import copy
import io
import json
import re
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Mm
from docxtpl import DocxTemplate, InlineImage
from lxml import etree

from antq_docs import resources
from antq_docs import tplcheck as tpl
from antq_docs.cli import cli
from antq_docs.render import CompiledTemplate, Image
from tests.helpers import ROOT, campaign_text, full_text, invoke_generate, open_docx
from tests.totals import template_count

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
VARIABLE = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")


@pytest.fixture(scope="module")
def kinds() -> list[tpl.KindTemplates]:
    """Every kind's templates and variables, built once from the sample."""
    return tpl.kind_templates()


@pytest.fixture(scope="module")
def exported(tmp_path_factory, kinds) -> Path:
    """The built-in templates exported once; tests edit copies."""
    folder = tmp_path_factory.mktemp("export") / "mau"
    tpl.export_templates(folder, kinds)
    return folder


def _copy(exported: Path, tmp_path: Path, name: str = "pledge.docx") -> Path:
    target = tmp_path / "mau" / name
    target.parent.mkdir(exist_ok=True)
    target.write_bytes((exported / name).read_bytes())
    return target


def _add_paragraph(path: Path, *texts: str, header: bool = False) -> None:
    """Append paragraphs (each one run) after the heading, or to the first section's header."""
    doc = Document(str(path))
    if header:
        container = doc.sections[0].header
        for text in texts:
            container.add_paragraph(text)
    else:
        anchor = next(p for p in doc.paragraphs if p.text.strip() and "{" not in p.text)
        for text in reversed(texts):
            new = copy.deepcopy(anchor._p)
            for r in new.findall(f"{W}r")[1:]:
                new.remove(r)
            new.find(f"{W}r").find(f"{W}t").text = text
            anchor._p.addnext(new)
    doc.save(str(path))


def _messages(path: Path, kinds) -> list[tuple[str, str]]:
    return [(f.level, str(f)) for f in tpl.check_template(path, kinds)]


# ------------------------------------------------------------------ list and export


def test_every_kind_lists_its_template_files_and_variables_from_its_own_context(kinds):
    names = {k.kind.name: k for k in kinds}
    from antq_docs.kinds import REGISTRY

    assert list(names) == list(REGISTRY)
    for name, entry in names.items():
        assert entry.files == list(REGISTRY[name].templates)
        assert entry.variables, name
        for file in entry.files:
            assert entry.schemas[file], f"{file}: no sample unit uses it"
    pledge = {v.name: v for v in names["pledge"].variables}
    assert pledge["dong_ngay"].type == "chữ"
    assert "ngày" in pledge["dong_ngay"].example
    assert pledge["dong_ngay"].meaning


def test_the_meaning_tables_name_only_variables_the_kinds_provide(kinds):
    """A meaning left behind when a kind renames a variable is caught here."""
    for entry in kinds:

        def paths(variables, prefix=""):
            for v in variables:
                yield prefix + v.name
                yield from paths(v.fields, f"{prefix}{v.name}.")

        known = set(paths(entry.variables))
        assert set(entry.kind.variables) <= known, entry.kind.name


def _walk(variables: list[tpl.Variable], prefix: str = ""):
    """Every variable and field as (dotted path, Variable)."""
    for v in variables:
        yield prefix + v.name, v
        yield from _walk(v.fields, f"{prefix}{v.name}.")


def test_every_variable_and_field_of_every_kind_has_a_meaning(kinds):
    """The list, BIEN.md and the guide tell an official what each variable holds."""
    empty = [
        f"{entry.kind.name}: {path}"
        for entry in kinds
        for path, v in _walk(entry.variables)
        if not v.meaning.strip()
    ]
    assert empty == []


def test_every_shared_meaning_is_of_a_variable_some_kind_provides(kinds):
    """A shared meaning left behind when common.py renames a variable is caught here."""
    provided = {path for entry in kinds for path, _ in _walk(entry.variables)}
    assert set(tpl.SHARED_MEANINGS) - provided == set()


def test_templates_list_prints_each_kind_with_types_and_examples(runner):
    result = runner.invoke(cli, ["templates", "list"])
    assert result.exit_code == 0, result.stderr
    assert "pledge (bản cam kết): pledge.docx, pledge-khu-dan-cu.docx" in result.stdout
    assert re.search(
        r"^  dong_ngay \(chữ\): .*; ví dụ: “Kon Tum, ngày 25 tháng 3 năm 2025”$",
        result.stdout,
        re.MULTILINE,
    )


def test_export_writes_every_template_and_the_variables_and_never_overwrites(
    runner, tmp_path, kinds
):
    folder = tmp_path / "mau"
    result = runner.invoke(cli, ["templates", "export", str(folder)])
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted([n for e in kinds for n in e.files] + ["BIEN.md"])
    bien = (folder / "BIEN.md").read_text("utf-8")
    assert "## bản cam kết (`pledge`)" in bien
    assert "| `ben_nhan.ho_ten` | chữ |" in bien
    (folder / "pledge.docx").write_bytes(b"edited")
    again = runner.invoke(cli, ["templates", "export", str(folder)])
    assert again.exit_code == 2
    assert "đã có tệp, không ghi đè" in again.stderr and "pledge.docx" in again.stderr
    assert (folder / "pledge.docx").read_bytes() == b"edited"


# ------------------------------------------------------------------ check, rule by rule


def test_the_built_in_templates_pass_the_check(runner):
    result = runner.invoke(cli, ["templates", "check", str(ROOT / "templates")])
    assert result.exit_code == 0, result.stdout
    assert f"Đã kiểm tra {template_count()} mẫu: không có lỗi." in result.stdout


DAMAGES = [
    # (paragraphs added, in the header?, level, what the message says)
    (["{% if nam %}Năm {{ nam }}"], False, "lỗi", "lỗi cú pháp thẻ"),
    (["Năm {{ nam if nam else “không” }}"], False, "cảnh báo", "dấu ngoặc cong"),
    (["Năm {{ nam if nam else «không» }}"], False, "lỗi", "dấu ngoặc «» trong thẻ"),
    (["{% p if nam %}", "Năm {{ nam }}", "{%p endif %}"], False, "lỗi", "viết liền {%p if"),
    (["{%pif nam %}", "Năm {{ nam }}", "{%p endif %}"], False, "lỗi", "thiếu dấu cách sau {%p"),
    (
        ["Ghi chú {%p if nam %}", "Năm {{ nam }}", "{%p endif %}"],
        False,
        "lỗi",
        "cũng có chữ «Ghi chú»",
    ),
    (["Năm { { nam }}"], False, "lỗi", "thẻ bị tách bởi dấu cách"),
    (
        ["Đại diện: {{ ben_nhan.ho_tn }}"],
        False,
        "lỗi",
        "biến ben_nhan.ho_tn không có trong mẫu bản cam kết; có phải ben_nhan.ho_ten?",
    ),
    # A misspelling with diacritics is matched without them.
    (["Năm {{ nămm }}"], False, "lỗi", "biến nămm không có trong mẫu bản cam kết; có phải nam?"),
    (["Trang {{ nma }}"], True, "lỗi", "đầu trang"),
]


@pytest.mark.parametrize("added, header, level, says", DAMAGES, ids=[d[3][:30] for d in DAMAGES])
def test_each_rule_is_triggered_by_a_damaged_template(
    exported, tmp_path, kinds, added, header, level, says
):
    path = _copy(exported, tmp_path)
    assert not [m for lv, m in _messages(path, kinds) if lv != "thông tin"]
    _add_paragraph(path, *added, header=header)
    found = _messages(path, kinds)
    assert any(lv == level and says in m for lv, m in found), found


def _add_footnotes(path: Path, text: str) -> None:
    """Give a template a footnotes part whose one footnote says `text` (as Word stores it)."""
    footnotes = (
        f'<w:footnotes xmlns:w="{W[1:-1]}"><w:footnote w:id="1"><w:p><w:r>'
        f"<w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    data = path.read_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as old, zipfile.ZipFile(path, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item.filename))
        new.writestr("word/footnotes.xml", footnotes)


def test_the_checker_reads_the_footnotes_the_renderer_fills(exported, tmp_path, kinds):
    # One list of template parts: a tag in a footnote is checked, as it would be filled.
    path = _copy(exported, tmp_path)
    _add_footnotes(path, "Theo {{ nma }}")
    found = _messages(path, kinds)
    assert any(lv == "lỗi" and "chú thích cuối trang" in m and "nma" in m for lv, m in found), found


def test_an_unused_variable_is_information_only(exported, tmp_path, kinds, runner):
    path = _copy(exported, tmp_path)
    doc = Document(str(path))
    for p in doc.paragraphs:
        if "{{ ngay_ky }}" in p.text:
            p.runs[0].text = "Hôm nay, chúng tôi gồm:"
    doc.save(str(path))
    result = runner.invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 0, result.stdout
    assert "[thông tin] biến được cung cấp nhưng mẫu không dùng:" in result.stdout
    assert "ngay_ky" in result.stdout.split("không dùng:")[1]


def test_the_format_rules_of_lint_run_on_the_template(exported, tmp_path, runner):
    path = _copy(exported, tmp_path)
    doc = Document(str(path))
    doc.sections[0].left_margin = Mm(10)
    doc.save(str(path))
    result = runner.invoke(cli, ["templates", "check", str(path)])
    assert result.exit_code == 3
    assert "[lỗi] thể thức [" in result.stdout and "lề trái" in result.stdout.lower()


def test_a_file_named_like_no_template_is_an_error(exported, tmp_path, kinds):
    path = _copy(exported, tmp_path)
    other = path.with_name("cam-ket-cua-toi.docx")
    path.rename(other)
    assert any("tên tệp không phải tên mẫu" in m for _, m in _messages(other, kinds))


# ------------------------------------------------------------------ a user's folder in generate


def _edit_pledge(path: Path) -> tuple[str, str, str]:
    """Change the heading, a body sentence, and misspell one variable; return them."""
    doc = Document(str(path))
    heading = next(p for p in doc.paragraphs if p.text.strip() == "BẢN CAM KẾT")
    heading.runs[0].text = "BẢN CAM KẾT THI ĐUA"
    body = next(
        p
        for p in doc.paragraphs
        if VARIABLE.search(p.text)
        and len(VARIABLE.sub("", p.text).split()) >= 4
        and "{%" not in p.text
    )
    body.runs[0].text = "Hai bên thống nhất như sau. " + body.runs[0].text
    # A variable the kind provides (not a loop variable of the template).
    target = next(p for p in doc.paragraphs if p._p is not body._p and "{{ ngay_ky }}" in p.text)
    name = "ngay_ky"
    wrong = name[:-2] + name[-1] + name[-2]
    target.runs[0].text = target.runs[0].text.replace(name, wrong, 1)
    doc.save(str(path))
    return name, wrong, target.runs[0].text


@pytest.mark.slow
def test_an_edited_template_is_refused_for_a_misspelled_variable_then_used(
    exported, tmp_path, runner
):
    path = _copy(exported, tmp_path)
    name, wrong, paragraph = _edit_pledge(path)
    out = tmp_path / "out"
    refused = invoke_generate(runner, "pledge", out, "--templates", str(path.parent))
    assert refused.exit_code == 1
    assert str(path) in refused.stderr
    assert f"biến {wrong} không có trong mẫu bản cam kết; có phải {name}?" in refused.stderr
    # The paragraph is named by its text.
    assert f"«{paragraph[:30]}" in refused.stderr
    assert not out.exists() or not any(out.rglob("*.docx"))

    doc = Document(str(path))
    for p in doc.paragraphs:
        if wrong in p.text:
            p.runs[0].text = p.runs[0].text.replace(wrong, name)
    doc.save(str(path))
    used = invoke_generate(runner, "pledge", out, "--templates", str(path.parent))
    assert used.exit_code == 0, used.stderr
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    labels = {d["template"] for d in manifest["documents"]}
    # Only pledge.docx is in the folder: the residential areas keep the built-in form.
    assert labels == {str(path), "builtin:pledge-khu-dan-cu.docx"}
    ours = next(d for d in manifest["documents"] if d["template"] == str(path))
    text = full_text(open_docx(out / ours["path"]))
    assert "BẢN CAM KẾT THI ĐUA" in text
    assert "Hai bên thống nhất như sau." in text
    village = next(d for d in manifest["documents"] if d["template"] != str(path))
    assert "THI ĐUA" not in full_text(open_docx(out / village["path"]))


def test_the_campaign_names_a_template_folder_relative_to_itself(exported, tmp_path, runner):
    path = _copy(exported, tmp_path)
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(campaign_text(mau="mau: mau"), encoding="utf-8")
    out = tmp_path / "out"
    result = invoke_generate(runner, "pledge", out, campaign=campaign)
    assert result.exit_code == 0, result.stderr
    manifest = json.loads((out / "manifest.json").read_text("utf-8"))
    assert str(path) in {d["template"] for d in manifest["documents"]}

    campaign.write_text(campaign_text(mau="mau: khong-co"), encoding="utf-8")
    missing = invoke_generate(runner, "pledge", out, campaign=campaign)
    assert missing.exit_code == 1
    assert 'campaign.yaml, trường mau: không tìm thấy thư mục mẫu "khong-co"' in missing.stderr


def test_a_missing_templates_folder_is_an_error(tmp_path, runner):
    result = invoke_generate(
        runner, "pledge", tmp_path / "out", "--templates", str(tmp_path / "khong-co")
    )
    assert result.exit_code == 1
    assert "không tìm thấy thư mục mẫu" in result.stderr


# ------------------------------------------------------------------ our render path = docxtpl's


def _part_texts(data: bytes) -> dict[str, list[str]]:
    """The text of every paragraph of the body, headers, footers; and the document title."""
    out = {}
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in sorted(archive.namelist()):
            if re.match(r"word/(document|header\d*|footer\d*)\.xml$", name):
                root = etree.fromstring(archive.read(name))
                out[name] = [
                    "".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")
                ]
        core = etree.fromstring(archive.read("docProps/core.xml"))
        out["title"] = [core.findtext("{http://purl.org/dc/elements/1.1/}title") or ""]
    return out


def _plain_docxtpl(path: Path, context: dict) -> bytes:
    template = DocxTemplate(str(path))
    values = {
        k: InlineImage(template, io.BytesIO(v.data), width=Mm(v.width_mm))
        if isinstance(v, Image)
        else v
        for k, v in context.items()
    }
    template.render(values, autoescape=True)
    saved = io.BytesIO()
    template.save(saved)
    return saved.getvalue()


def _edited_for_parity(exported: Path, tmp_path: Path) -> Path:
    """A pledge using what docxtpl offers beyond our own templates."""
    path = _copy(exported, tmp_path)
    _add_paragraph(path, "Viết thẻ nguyên văn: {_{ nam }_} và {_% if %_}", "Năm {{ nam }}.")
    _add_paragraph(path, "Năm {{ nam }} — {{ dong_ngay }}", header=True)
    doc = Document(str(path))
    table = doc.add_table(rows=1, cols=1)
    # One cell per căn cứ: a loop over cells, whose grid docxtpl fixes.
    row = table.rows[0]._tr
    first = row.findall(f"{W}tc")[0]
    row.append(copy.deepcopy(first))
    row.append(copy.deepcopy(first))
    texts = ["{%tc for dong in can_cu %}", "{{ dong[:20] }}", "{%tc endfor %}"]
    for cell, text in zip(row.findall(f"{W}tc"), texts):
        cell_p = cell.find(f"{W}p")
        run = etree.SubElement(cell_p, f"{W}r")
        etree.SubElement(run, f"{W}t").text = text
    doc.core_properties.title = "Cam kết năm {{ nam }}"
    doc.save(str(path))
    return path


@pytest.mark.slow
def test_our_render_path_gives_the_text_plain_docxtpl_gives(exported, tmp_path, kinds):
    """Every built-in template and an edited one, same context, same text in every part."""
    cases = [
        (resources.template_path(name), schema_contexts[0])
        for entry in kinds
        for name, schema_contexts in tpl.sample_contexts(tpl.sample_inputs(), entry.kind).items()
        if name in entry.files
    ]
    pledge_context = next(c for p, c in cases if p.name == "pledge.docx")
    cases.append((_edited_for_parity(exported, tmp_path), pledge_context))
    for path, context in cases:
        # The QR code is a picture of our own, not docxtpl's (tests/rendering/test_qrmark.py).
        context = {**context, "so_ky_hieu": context.get("so_ky_hieu", ""), "ma_nhan_dien": ""}
        ours = _part_texts(CompiledTemplate(path).render(context))
        theirs = _part_texts(_plain_docxtpl(path, context))
        assert ours == theirs, path.name
    edited = _part_texts(CompiledTemplate(cases[-1][0]).render(cases[-1][1]))
    body = "\n".join(edited["word/document.xml"])
    assert "Viết thẻ nguyên văn: {{ nam }} và {% if %}" in body
    assert "Cam kết năm 2025" in edited["title"]
    assert any("Năm 2025 — Kon Tum" in t for n, ts in edited.items() if "header" in n for t in ts)


def test_the_guide_covers_every_kind_and_the_readme_links_it():
    from antq_docs.kinds import REGISTRY

    root = ROOT
    guide = (root / "docs" / "templates.md").read_text("utf-8")
    for name, kind in REGISTRY.items():
        assert f"(`{name}`)" in guide, name
        for file in kind.templates:
            assert f"`{file}`" in guide, file
    assert "](docs/templates.md)" in (root / "README.md").read_text("utf-8")


def test_the_guide_lists_the_variables_the_kinds_provide():
    from tools import template_guide

    text = template_guide.GUIDE.read_text(encoding="utf-8")
    assert text == template_guide.rewritten(text), (
        "docs/templates.md is out of date: run `python -m tools.template_guide`"
    )
