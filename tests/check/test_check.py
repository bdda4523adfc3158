"""`check`: a generated set is complete; missing, damaged, signed, changed and extra files."""

from __future__ import annotations

import json
import re
import shutil
import time
import unicodedata
import zipfile
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from docx.oxml.ns import qn

from antq_docs import workers
from antq_docs.check import PRESENT, CheckReport, Entry, check
from antq_docs.cli import cli
from antq_docs.docxread import PLACEHOLDER
from antq_docs.indicators import reaches
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.model import Target, Unit
from benchmarks.make_results import write as write_results
from benchmarks.make_roster import write as write_roster
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN, SAMPLE_DIR, SAMPLE_UNITS, campaign_text
from tests.totals import documents_required, units_owing

# The sample's rosters by period (danh_sach_don_vi): the results are those of the July tree.
BASE = ["--campaign", str(SAMPLE_CAMPAIGN)]
RESULTS = [
    "--results",
    str(SAMPLE_DIR / "results-kon-tum-2025.csv"),
    "--scores",
    str(SAMPLE_DIR / "scores-kon-tum-2025.csv"),
]


def minimal_pdf(pages: int = 1) -> bytes:
    """A small well-formed PDF, like a scanner writes, with the given number of pages."""
    kids = " ".join(f"{3 + i} 0 R" for i in range(pages))
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>",
    ]
    objects += ["<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>"] * pages
    body = b"%PDF-1.4\n"
    offsets = []
    for n, obj in enumerate(objects, start=1):
        offsets.append(len(body))
        body += f"{n} 0 obj\n{obj}\nendobj\n".encode()
    xref = len(body)
    body += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    body += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    body += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return body


@pytest.fixture(scope="module")
def generated(year_end_copy) -> Path:
    """The sample set with its year-end documents (generated once a session); tests work on
    copies."""
    return year_end_copy


@pytest.fixture
def docs(generated, tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(generated, target)
    return target


def kind_cells(row: str) -> dict[str, str]:
    """The cells of a unit's row in check's table, by kind (the last column per kind)."""
    cells = re.sub(r"(đã|chưa) (soạn|ký)", r"\1_\2", row).split()[-len(REGISTRY) :]
    return {kind: cell.replace("_", " ") for kind, cell in zip(REGISTRY, cells)}


def run_check(runner, docs: Path, *extra: str):
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--format", "json", *extra])
    data = json.loads(result.stdout) if result.stdout.startswith("{") else None
    return result, data


def rewrite_document_xml(path: Path, change) -> None:
    """Replace word/document.xml of a .docx by change(old bytes), keeping every other part."""
    with zipfile.ZipFile(path) as zin:
        members = [(i.filename, zin.read(i.filename)) for i in zin.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zout:
        for name, data in members:
            zout.writestr(name, change(data) if name == "word/document.xml" else data)


@pytest.mark.slow
def test_generated_set_is_complete(runner, docs):
    result, data = run_check(runner, docs)
    assert result.exit_code == 0, result.stderr
    assert data["complete"] is True
    # 94 units before 01/7/2025 and 10 new ones after (the province and merged communes).
    # Recognition decisions are asked for only with the results (check --results).
    required = documents_required()
    assert (data["units"], data["required"], data["present"]) == (104, required, required)
    assert data["missing"] == data["invalid"] == data["changed"] == data["extra"] == []
    indicator = data["indicators"]["pledge"]
    assert indicator["target"] == "cam_ket"
    assert indicator["by_type"]["khu_dan_cu"] == {
        "units": 44,
        "present": 44,
        "share": 100.0,
        "target": 100.0,
        "comparison": ">=",
        "met": True,
    }


def test_deleted_document_is_missing_and_exits_3(runner, docs):
    (docs / "pledge" / "KT-01-01.docx").unlink()
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert data["complete"] is False
    assert data["missing"] == [
        {"unit": "KT-01-01", "kind": "pledge", "expected": "pledge/KT-01-01.docx"}
    ]
    assert data["present"] == documents_required() - 1
    assert data["indicators"]["pledge"]["by_type"]["xa"]["share"] == 95.5
    assert data["indicators"]["pledge"]["by_type"]["xa"]["met"] is False


def test_table_names_the_missing_unit_under_its_parent(runner, docs):
    (docs / "pledge" / "KT-01-01.docx").unlink()
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    required = documents_required()
    assert lines[0] == (
        f"Kiểm tra thư mục {docs} (năm 2025): 104 đơn vị, {required} văn bản bắt buộc; "
        f"có {required - 1}, thiếu 1, không hợp lệ 0."
    )
    group = lines.index("Thành phố Kon Tum (KT-01)")
    assert lines[group + 1].split() == [
        "Mã",
        "Đơn",
        "vị",
        *" ".join(k.short for k in REGISTRY.values()).split(),
    ]
    row = next(ln for ln in lines[group:] if ln.startswith("  KT-01-01 "))
    assert row.split()[:4] == ["KT-01-01", "Phường", "Quyết", "Thắng"]
    # Merged into Phường Kon Tum on 01/7/2025: no Ngày hội plan, evaluation or report owed.
    assert (
        kind_cells(row).items()
        >= {
            "pledge": "thiếu",
            "registration": "đã soạn",
            "plan": "đã soạn",
            "resolution": "đã soạn",
            "cell-resolution": "–",
            "event-plan": "–",
            "evaluation": "–",
            "minutes": "–",
            "recognition": "–",
            "report": "–",
        }.items()
    )
    missing = lines.index(
        "Thiếu (1), theo đơn vị cấp trên (mỗi văn bản: tệp .docx hoặc bản ký .pdf):"
    )
    assert lines[missing + 1 : missing + 3] == [
        "  Thành phố Kon Tum (KT-01):",
        "    - KT-01-01 Phường Quyết Thắng: Cam kết (pledge/KT-01-01.docx)",
    ]
    assert "    cấp xã: 21/22 = 95,5% (chỉ tiêu đạt ít nhất 100%) – chưa đạt" in lines
    assert lines[-1] == "Kết quả: chưa đủ (1 thiếu, 0 không hợp lệ)."


@pytest.mark.slow
def test_signed_pdf_instead_of_docx_keeps_the_set_complete(runner, docs):
    (docs / "pledge" / "KT-02.docx").unlink()
    (docs / "pledge" / "KT-02.pdf").write_bytes(minimal_pdf())
    (docs / "pledge" / "KT-03.PDF").write_bytes(minimal_pdf(2))  # beside the .docx, upper case
    result, data = run_check(runner, docs)
    assert result.exit_code == 0, result.stdout
    assert data["complete"] is True and data["extra"] == []
    table = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)]).stdout
    # A district registers for no standard and issues no decision without the results.
    [kt02] = [kind_cells(ln) for ln in table.splitlines() if ln.strip().startswith("KT-02 ")]
    assert (
        kt02.items()
        >= {
            "pledge": "đã ký",
            "registration": "–",
            "plan": "đã soạn",
            "resolution": "đã soạn",
            "cell-resolution": "–",
            "event-plan": "–",
            "evaluation": "–",
            "minutes": "–",
            "recognition": "–",
            "report": "–",
        }.items()
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"scanned page", "không phải tệp PDF"),
        (minimal_pdf(0), "tệp PDF không có trang nào"),
        (minimal_pdf()[:200], "tệp PDF bị cắt cụt (thiếu dấu kết thúc %%EOF)"),
    ],
    ids=["not-pdf", "no-pages", "truncated"],
)
def test_bad_pdf_is_invalid(runner, docs, data, reason):
    (docs / "pledge" / "KT-02.docx").unlink()
    (docs / "pledge" / "KT-02.pdf").write_bytes(data)
    result, report = run_check(runner, docs)
    assert result.exit_code == 3
    assert report["invalid"] == [
        {"unit": "KT-02", "kind": "pledge", "path": "pledge/KT-02.pdf", "reason": reason}
    ]
    assert report["missing"] == []


@pytest.mark.slow
def test_truncated_docx_is_invalid(runner, docs):
    path = docs / "pledge" / "KT-01.docx"
    path.write_bytes(path.read_bytes()[:5000])
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert data["invalid"] == [
        {
            "unit": "KT-01",
            "kind": "pledge",
            "path": "pledge/KT-01.docx",
            "reason": "không phải tệp Word (.docx) hoặc tệp đã hỏng, bị cắt cụt",
        }
    ]


@pytest.mark.slow
def test_document_of_another_unit_is_invalid(runner, docs):
    shutil.copy(docs / "pledge" / "KT-02.docx", docs / "pledge" / "KT-03.docx")
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert [i["reason"] for i in data["invalid"]] == ["không ghi tên đơn vị “Huyện Đăk Tô”"]


@pytest.mark.slow
def test_unit_name_must_be_whole_not_a_prefix(tmp_path, docs):
    # "Tổ dân phố 1" must not be found inside "Tổ dân phố 10".
    inputs = load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY)
    unit = inputs.roster.get("KT-01-01-01")
    path = docs / "pledge" / "KT-01-01-01.docx"
    doc = Document(str(path))
    for t in doc.element.body.iter(qn("w:t")):
        t.text = re.sub(re.escape(unit.name), unit.name + "0", t.text, flags=re.IGNORECASE)
    doc.save(str(path))
    report = check(inputs, docs)
    assert [(e.unit.code, reason) for e, _, reason in report.invalid] == [
        ("KT-01-01-01", "không ghi tên đơn vị “Tổ dân phố 1”")
    ]


@pytest.mark.slow
def test_document_of_another_year_is_invalid(runner, docs):
    rewrite_document_xml(docs / "pledge" / "KT-04.docx", lambda d: d.replace(b"2025", b"2024"))
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert [i["reason"] for i in data["invalid"]] == ["ghi năm 2024, không phải năm 2025"]


def test_template_left_unfilled_is_invalid(runner, docs):
    shutil.copy(
        SAMPLE_CAMPAIGN.parent.parent / "templates" / "pledge.docx", docs / "pledge" / "KT-05.docx"
    )
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    (finding,) = data["invalid"]
    assert finding["reason"] == (
        "còn thẻ mẫu chưa điền ({%p for dong_ct in cq_cap_tren_dong %} {); "
        "không ghi tên đơn vị “Huyện Đăk Glei”; không ghi năm 2025"
    )


@pytest.mark.slow
def test_edited_document_is_changed_not_an_error(runner, docs):
    path = docs / "pledge" / "KT-06.docx"
    doc = Document(str(path))
    doc.add_paragraph("Đã ký.")
    doc.save(str(path))
    result, data = run_check(runner, docs)
    assert result.exit_code == 0
    assert data["changed"] == [{"unit": "KT-06", "kind": "pledge", "path": "pledge/KT-06.docx"}]
    table = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)]).stdout
    assert "Đã đổi sau khi soạn, có thể đã ký (1):\n  - pledge/KT-06.docx" in table


@pytest.mark.slow
def test_manifest_is_optional(runner, docs):
    (docs / "manifest.json").unlink()
    result, data = run_check(runner, docs)
    assert result.exit_code == 0
    assert data["complete"] is True and data["changed"] == []


def test_extra_files_are_listed_and_lock_files_ignored(runner, docs):
    nfd = unicodedata.normalize("NFD", "ghi chú.txt")
    for name in ("pledge/KT.docx", "pledge/~$KT-01.docx", "pledge/.~lock.x#", nfd, "plan/X.docx"):
        (docs / name).parent.mkdir(exist_ok=True)
        (docs / name).write_bytes(b"x")
    result, data = run_check(runner, docs)
    assert result.exit_code == 0
    assert data["extra"] == sorted(["ghi chú.txt", "plan/X.docx", "pledge/KT.docx"])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        ("directory", "là một thư mục, không phải tệp"),
        (
            "encrypted",
            "tệp được đặt mật khẩu (mã hóa) hoặc là tệp Word cũ .doc, không mở được như .docx",
        ),
        ("empty", "tệp rỗng"),
        ("not-word", "không phải tệp Word: không có phần văn bản chính"),
        ("bad-xml", "phần word/document.xml hỏng (XML sai: "),
        ("entities", "phần word/document.xml có khai báo DTD (không phải của Word)"),
        ("zip-bomb", "phần word/document.xml quá lớn khi giải nén (trên 16 MB)"),
    ],
)
def test_hostile_files_are_invalid_quickly(runner, docs, damage, reason):
    path = docs / "pledge" / "KT-07.docx"
    if damage == "directory":
        path.unlink()
        path.mkdir()
    elif damage == "encrypted":
        path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 4000)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "not-word":
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("content.xml", "<office/>")
    elif damage == "bad-xml":
        rewrite_document_xml(path, lambda d: d[: len(d) // 2])
    elif damage == "entities":
        laughs = b'<!ENTITY a0 "lol">' + b"".join(
            b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 12)
        )
        rewrite_document_xml(
            path,
            lambda d: d.replace(
                b"<w:document", b"<!DOCTYPE w:document [" + laughs + b"]><w:document", 1
            ).replace(b"<w:body>", b"<w:body><w:p><w:r><w:t>&a11;</w:t></w:r></w:p>", 1),
        )
    elif damage == "zip-bomb":
        # Just past the 16 MB part limit proves the bound as well as a gigabyte would.
        rewrite_document_xml(path, lambda d: d + b" " * (17 << 20))
        assert path.stat().st_size < 5 << 20
    started = time.perf_counter()
    result, data = run_check(runner, docs)
    assert time.perf_counter() - started < 10
    assert result.exit_code == 3
    (finding,) = data["invalid"]
    assert finding["unit"] == "KT-07" and finding["path"] == "pledge/KT-07.docx"
    assert finding["reason"].startswith(reason)


@pytest.mark.slow
def test_the_matrix_decides_what_is_required(tmp_path, runner, docs):
    campaign = tmp_path / "c.yaml"
    # The sample's matrix, with plans also required of every khu dân cư.
    campaign.write_text(
        campaign_text().replace(
            "  plan: [huyen, xa, co_quan,", "  plan: [huyen, xa, khu_dan_cu, co_quan,"
        ),
        "utf-8",
    )
    args = ["check", "--campaign", str(campaign), "--docs", str(docs), "--format", "json"]
    result = runner.invoke(cli, args)
    assert result.exit_code == 3
    data = json.loads(result.stdout)
    assert data["required"] == documents_required() + 44
    assert {"unit": "KT-01-01-01", "kind": "plan", "expected": "plan/KT-01-01-01.docx"} in (
        data["missing"]
    )
    assert {m["kind"] for m in data["missing"]} == {"plan"}
    assert len(data["missing"]) == 44
    # Each village's pledge, titled as a plan (the kind is read from the title and trích yếu).
    for pledge in (docs / "pledge").glob("KT-??-??-??.docx"):
        plan = docs / "plan" / pledge.name
        shutil.copy(pledge, plan)
        rewrite_document_xml(
            plan,
            lambda xml: xml.replace("BẢN CAM KẾT".encode(), "KẾ HOẠCH".encode()).replace(
                "Thực hiện phong trào".encode(), "Xây dựng phong trào".encode()
            ),
        )
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.stdout
    data = json.loads(result.stdout)
    assert data["indicators"]["plan"]["by_type"]["xa"]["present"] == 22


@pytest.mark.slow
def test_xlsx_has_a_row_per_unit_and_a_column_per_kind(tmp_path, runner, docs):
    (docs / "pledge" / "KT-01-01.docx").unlink()
    book_path = tmp_path / "kiem-tra.xlsx"
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--xlsx", str(book_path)])
    assert result.exit_code == 3
    sheet = openpyxl.load_workbook(book_path).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == (
        "Mã đơn vị",
        "Tên đơn vị",
        "Loại",
        "Mã cấp trên",
        *(k.short for k in REGISTRY.values()),
        "Ghi chú",
    )
    assert rows[0][4:14] == (
        "Cam kết",
        "Đăng ký",
        "Kế hoạch",
        "Nghị quyết",
        "NQ chi bộ",
        "KH Ngày hội",
        "Đánh giá",
        "Biên bản",
        "Công nhận",
        "Báo cáo",
    )
    # The header and every unit of both periods that owes a document: all but Tỉnh Kon Tum,
    # since the report of 20/12/2025 is owed by the root of the July roster.
    assert len(rows) == 1 + units_owing()
    assert "KT" not in {r[0] for r in rows} and "QNG" in {r[0] for r in rows}
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["KT-01-01"][:5] == ("KT-01-01", "Phường Quyết Thắng", "cấp xã", "KT-01", "thiếu")
    assert by_code["KT-01"][4] == "đã soạn"


def test_missing_folder_is_a_handled_error(tmp_path, runner):
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert result.stderr == f"Lỗi: {tmp_path / 'none'}: không tìm thấy thư mục văn bản.\n"


def test_docs_option_is_required(runner):
    result = runner.invoke(cli, ["check", *BASE])
    assert result.exit_code == 2
    assert "Lỗi: Thiếu tùy chọn '--docs'." in result.stderr


@pytest.mark.slow
def test_parallel_and_serial_inspection_agree(docs, monkeypatch):
    (docs / "pledge" / "KT-01.docx").write_bytes(b"junk")
    (docs / "pledge" / "KT-02.docx").unlink()
    inputs = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY)
    serial = check(inputs, docs, workers=1)
    monkeypatch.setattr(workers, "BATCH", 5)  # two processes even for a small folder
    parallel = check(inputs, docs, workers=2)
    assert serial.to_json() == parallel.to_json()
    assert [e.unit.code for e in parallel.missing] == ["KT-02"]


@pytest.mark.slow
def test_500_unit_roster_is_complete_then_not(tmp_path, runner):
    csv_path, _ = write_roster(500, tmp_path / "data")
    results, scores, _ = write_results(csv_path, tmp_path / "data")
    out = tmp_path / "out"
    base = ["--campaign", str(SAMPLE_CAMPAIGN), "--units", str(csv_path)]
    result = runner.invoke(
        cli,
        [
            "generate",
            "all",
            *base,
            "--results",
            str(results),
            "--scores",
            str(scores),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.stderr
    # With the results, check asks for the recognition decisions too: every file is owed.
    args = [
        "check",
        *base,
        "--results",
        str(results),
        "--scores",
        str(scores),
        "--docs",
        str(out),
        "--format",
        "json",
    ]
    result = runner.invoke(cli, args)
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["complete"] is True
    assert data["present"] == data["required"] == len(list(out.glob("*/*.docx")))
    victim = sorted((out / "pledge").iterdir())[7]
    victim.unlink()
    result = runner.invoke(cli, args)
    assert result.exit_code == 3
    assert json.loads(result.stdout)["missing"] == [
        {"unit": victim.stem, "kind": "pledge", "expected": f"pledge/{victim.name}"}
    ]


def test_the_number_register_is_not_an_extra_file(runner, docs):
    (docs / "register.sqlite").write_bytes(b"SQLite format 3\x00")
    result, data = run_check(runner, docs)
    assert result.exit_code == 0, result.stderr
    assert data["extra"] == []


def test_one_missing_of_2475_is_not_a_met_100_percent_target():
    # The counts are built directly: 2,474 pledges of 2,475 khu dân cư rounds to 100.0%, and
    # must still miss a 100% target (exact comparison, the report's rule).
    inputs = load_inputs(SAMPLE_CAMPAIGN, SAMPLE_UNITS, kinds=REGISTRY)
    units = [Unit(f"K{i}", f"Thôn {i}", "khu_dan_cu", "KT", i) for i in range(2475)]
    entries = [Entry(u, "pledge", f"pledge/{u.code}.docx", PRESENT) for u in units[1:]]
    entries.append(Entry(units[0], "pledge", "pledge/K0.docx"))
    report = CheckReport(Path("docs"), inputs, ["pledge"], entries, [], [])
    assert report.indicators()["pledge"]["by_type"]["khu_dan_cu"] == {
        "units": 2475,
        "present": 2474,
        "share": 99.9,
        "target": 100.0,
        "comparison": ">=",
        "met": False,
    }
    assert "khu dân cư: 2474/2475 = 99,9% (chỉ tiêu đạt ít nhất 100%) – chưa đạt" in report.table()
    entries[-1].status = PRESENT
    assert report.indicators()["pledge"]["by_type"]["khu_dan_cu"]["met"] is True


@pytest.mark.parametrize(
    ("numerator", "denominator", "percent", "strict", "met"),
    [
        (2474, 2475, 100, False, False),
        (2475, 2475, 100, False, True),
        (4, 5, 80, True, False),  # "trên 80%": 80% is not above it
        (4, 5, 80, False, True),
        (2, 3, 66.67, False, False),  # 66.666…% stays below 66.67%
        (1, 0, 100, False, None),
    ],
)
def test_a_target_is_met_by_exact_counts(numerator, denominator, percent, strict, met):
    target = Target("cam_ket", "", ("khu_dan_cu",), percent, strict)
    assert reaches(numerator, denominator, target) is met


@pytest.mark.slow
@pytest.mark.parametrize("where", ["campaign", "roster", "inside", "document"])
def test_xlsx_never_overwrites_an_input_or_the_checked_folder(tmp_path, runner, docs, where):
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(campaign_text(), encoding="utf-8")
    roster = tmp_path / "units.csv"
    shutil.copyfile(SAMPLE_UNITS, roster)
    target = {
        "campaign": campaign,
        "roster": roster,
        "inside": docs / "plan" / "bang.xlsx",
        "document": docs / "plan" / ".." / "pledge" / "KT-01.docx",
    }[where]
    before = target.read_bytes() if target.is_file() else None
    assert (before is None) == (where == "inside")
    result = runner.invoke(
        cli,
        [
            "check",
            "--campaign",
            str(campaign),
            "--units",
            str(roster),
            "--docs",
            str(docs),
            "--xlsx",
            str(target),
            "--force",
        ],
    )
    assert result.exit_code == 1, result.output
    expected = (
        "thư mục đang kiểm tra"
        if where in ("inside", "document")
        else "tệp đầu vào của lần kiểm tra này"
    )
    assert expected in result.stderr
    if before is not None:
        assert target.read_bytes() == before
    else:
        assert not (docs / "plan" / "bang.xlsx").exists()


@pytest.mark.slow
def test_xlsx_overwrites_an_existing_file_only_with_force(tmp_path, runner, docs):
    book_path = tmp_path / "kiem-tra.xlsx"
    book_path.write_bytes(b"not mine")
    args = ["check", *BASE, "--docs", str(docs), "--xlsx", str(book_path)]
    result = runner.invoke(cli, args)
    assert result.exit_code == 1
    assert "tệp đã có; dùng --force để ghi đè" in result.stderr
    assert book_path.read_bytes() == b"not mine"
    result = runner.invoke(cli, [*args, "--force"])
    assert result.exit_code in (0, 3), result.output
    assert openpyxl.load_workbook(book_path).active["A1"].value == "Mã đơn vị"


SHORTCOMINGS = f"{PLACEHOLDER}: những tồn tại, hạn chế của đơn vị trong năm]"
PROPOSALS = f"{PLACEHOLDER}: kiến nghị, đề xuất của đơn vị]"
# The fill of each status in the workbook (openpyxl reads the colour back with its alpha).
UNFINISHED_FILL, PRESENT_FILL = "00FFF59D", "00C8E6C9"


def cell_in_column(lines: list[str], code: str, label: str) -> str:
    """The text of one unit's cell under a column heading of the check table."""
    heading = next(ln for ln in lines if ln.startswith("  Mã "))
    row = next(ln for ln in lines if ln.startswith(f"  {code} "))
    # Columns are padded to one width and parted by two spaces; no cell holds two spaces.
    return row[heading.index(label) :].split("  ")[0]


@pytest.mark.slow
def test_a_placeholder_left_in_an_evaluation_makes_it_unfinished(tmp_path, runner, docs):
    path = docs / "evaluation" / "KT-01-01-01.docx"
    dh.insert_placeholder(path, SHORTCOMINGS, after="III. ")
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert data["complete"] is False
    assert data["unfinished"] == [
        {
            "unit": "KT-01-01-01",
            "kind": "evaluation",
            "path": "evaluation/KT-01-01-01.docx",
            "placeholders": [SHORTCOMINGS],
        }
    ]
    # It exists (not missing, not invalid) but is not counted as a finished document.
    assert (data["present"], data["missing"], data["invalid"]) == (425, [], [])

    book_path = tmp_path / "kiem-tra.xlsx"
    result = runner.invoke(cli, ["check", *BASE, "--docs", str(docs), "--xlsx", str(book_path)])
    assert result.exit_code == 3
    lines = result.stdout.splitlines()
    assert lines[0].endswith("có 425, thiếu 0, không hợp lệ 0, chưa hoàn thiện 1.")
    assert cell_in_column(lines, "KT-01-01-01", "Đánh giá") == "chưa hoàn thiện"
    assert cell_in_column(lines, "KT-01-01-01", "Cam kết") == "đã soạn"
    listed = lines.index("Chưa hoàn thiện (1):")
    assert lines[listed + 1] == (
        "  - evaluation/KT-01-01-01.docx (KT-01-01-01, Đánh giá): "
        f"còn chỗ cần bổ sung: {SHORTCOMINGS}"
    )
    assert lines[-1] == "Kết quả: chưa đủ (0 thiếu, 0 không hợp lệ, 1 chưa hoàn thiện)."

    book = openpyxl.load_workbook(book_path)
    sheet = book["Kiểm tra"]
    header = [c.value for c in sheet[1]]
    row = next(r for r in sheet.iter_rows(min_row=2) if r[0].value == "KT-01-01-01")
    evaluation, pledge = row[header.index("Đánh giá")], row[header.index("Cam kết")]
    assert (evaluation.value, evaluation.fill.fgColor.rgb) == ("chưa hoàn thiện", UNFINISHED_FILL)
    assert (pledge.value, pledge.fill.fgColor.rgb) == ("đã soạn", PRESENT_FILL)
    assert row[header.index("Ghi chú")].value == (
        f"evaluation/KT-01-01-01.docx: còn chỗ cần bổ sung: {SHORTCOMINGS}"
    )
    # The colours, then the day checked for (today, by default).
    legend = {r[0].value: r for r in book["Chú giải"].iter_rows(min_row=2, max_row=9)}
    assert set(legend) == {
        "đã soạn",
        "đã ký",
        "chưa ký",
        "chưa hoàn thiện",
        "không hợp lệ",
        "thiếu",
        "chưa đến hạn",
        "–",
    }
    assert legend["chưa hoàn thiện"][0].fill.fgColor.rgb == UNFINISHED_FILL
    assert legend["chưa hoàn thiện"][1].value.startswith("có tệp .docx nhưng còn chỗ")


@pytest.mark.slow
def test_the_same_evaluation_written_out_is_present_and_complete(runner, docs):
    path = docs / "evaluation" / "KT-01-01-01.docx"
    dh.insert_placeholder(path, SHORTCOMINGS, after="III. ")
    dh.fill_placeholder(path, PLACEHOLDER, "Công tác tuyên truyền chưa đều ở các hộ.")
    result, data = run_check(runner, docs)
    assert result.exit_code == 0, result.stdout
    assert data["complete"] is True
    assert (data["present"], data["unfinished"]) == (documents_required(), [])
    # Edited after generation, as a unit does: reported as changed, not as an error.
    assert data["changed"] == [
        {"unit": "KT-01-01-01", "kind": "evaluation", "path": "evaluation/KT-01-01-01.docx"}
    ]
    table = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)]).stdout.splitlines()
    assert cell_in_column(table, "KT-01-01-01", "Đánh giá") == "đã soạn"
    assert table[-1] == "Kết quả: đủ văn bản bắt buộc."


@pytest.mark.slow
def test_an_unfinished_plan_counts_toward_no_target_until_signed(runner, docs):
    """A plan written by hand, its proposals in a table cell still a placeholder."""
    unit = load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY).find("KT-02-01")
    path = docs / "plan" / "KT-02-01.docx"
    doc = Document()
    doc.add_paragraph("KẾ HOẠCH")
    doc.add_paragraph(
        f"Thực hiện phong trào toàn dân bảo vệ an ninh Tổ quốc năm 2025 của {unit.name}"
    )
    table = doc.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Kiến nghị"
    dh.add_placeholder(table.cell(0, 1).paragraphs[0], PROPOSALS)
    # Written by a tool that decomposes letters: still the same marker.
    dh.add_placeholder(doc.add_paragraph(), unicodedata.normalize("NFD", SHORTCOMINGS))
    doc.save(str(path))
    result, data = run_check(runner, docs)
    assert result.exit_code == 3
    assert data["unfinished"] == [
        {
            "unit": "KT-02-01",
            "kind": "plan",
            "path": "plan/KT-02-01.docx",
            "placeholders": [PROPOSALS, SHORTCOMINGS],
        }
    ]
    by_type = data["indicators"]["plan"]["by_type"]["xa"]
    assert (by_type["present"], by_type["met"]) == (by_type["units"] - 1, False)
    table = runner.invoke(cli, ["check", *BASE, "--docs", str(docs)]).stdout.splitlines()
    assert (
        "  - plan/KT-02-01.docx (KT-02-01, Kế hoạch): còn chỗ cần bổ sung: "
        f"{PROPOSALS} (và 1 chỗ khác)"
    ) in table
    # The year report measures with the same rule: an unfinished plan is not a plan issued.
    found = check(load_inputs(SAMPLE_CAMPAIGN, None, kinds=REGISTRY), docs).documents_found()
    assert [(k, u.code, p) for k, u, p in found.found if not p] == [("plan", "KT-02-01", False)]

    # The signed scan beside the draft is the document: its text is not read.
    (docs / "plan" / "KT-02-01.pdf").write_bytes(minimal_pdf())
    result, data = run_check(runner, docs)
    assert result.exit_code == 0, result.stdout
    assert data["unfinished"] == [] and data["complete"] is True
    assert data["indicators"]["plan"]["by_type"]["xa"]["met"] is True
