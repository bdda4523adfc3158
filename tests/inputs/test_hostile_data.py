"""Roster values are data: braces, Jinja tags, XML specials and long text come out literally."""

from __future__ import annotations

import csv
import re
import shutil
import tempfile
import unicodedata
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from antq_docs import vi
from antq_docs.cli import cli
from antq_docs.errors import ValidationError
from antq_docs.generate import generate
from antq_docs.inputs.loading import load_inputs
from antq_docs.kinds import REGISTRY
from antq_docs.limits import MAX_CELL_CHARS
from tests import helpers as dh
from tests.helpers import FIXTURES, SAMPLE_CAMPAIGN

HEADER = [
    "ma",
    "ten",
    "loai",
    "cap_tren",
    "nguoi_dung_dau",
    "chuc_vu",
    "dia_chi",
    "ky_hieu",
    "dia_danh",
    "dia_diem",
    "kinh_phi",
    "bi_thu",
]
# What XML 1.0 cannot carry (and the reader drops), and the whitespace the reader collapses.
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def _units_small_with(code: str, abbr: str, tmp_path: Path) -> Path:
    """The small fixture roster with one unit's Ký hiệu replaced."""
    rows = list(csv.reader((FIXTURES / "units-small.csv").read_text("utf-8").splitlines()))
    for row in rows:
        if row[0] == code:
            row[7] = abbr
    path = tmp_path / "units.csv"
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


def test_braces_in_ky_hieu_reach_the_number_line_literally(runner, tmp_path):
    units = _units_small_with("H2-CQ1", "P{TP", tmp_path)
    units.write_text(units.read_text("utf-8").replace(",,THCS", ",,{{x}}"), encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(units),
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    for code, abbr in (("H2-CQ1", "P{TP"), ("H2-GD1", "{{x}}")):
        line = dh.find(dh.open_docx(out / "plan" / f"{code}.docx"), "Số:").text
        assert line.rstrip().endswith(f"/KH-{abbr}"), line


def _write_roster(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(HEADER)
        writer.writerows(rows)


def _findings(runner, tmp_path: Path, text: str):
    units = tmp_path / "units.csv"
    units.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "generate",
            "plan",
            "--campaign",
            str(SAMPLE_CAMPAIGN),
            "--units",
            str(units),
            "--out",
            str(out),
        ],
    )
    return result, out


def test_unterminated_quote_is_a_finding_with_row_and_column(runner, tmp_path):
    text = (
        (FIXTURES / "units-small.csv")
        .read_text("utf-8")
        .replace("H2-CQ1,Phòng Tư pháp", 'H2-CQ1,"Phòng Tư pháp')
    )
    result, out = _findings(runner, tmp_path, text)
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert "dòng 13, cột B (Tên đơn vị)" in result.output
    assert "dấu ngoặc kép" in result.output and "13–14" in result.output
    assert not out.exists()


def test_overlong_cell_is_reported_with_every_other_finding(runner, tmp_path):
    long = "x" * (MAX_CELL_CHARS + 1)
    text = (FIXTURES / "units-small.csv").read_text("utf-8")
    text = text.replace("Y Nga,Trưởng thôn,,", f"Y Nga,Trưởng thôn,,{long}")
    text = text.replace("H1-X1-T2,Thôn 2,Thôn,", "H1-X1-T2,Thôn 2,,")
    result, out = _findings(runner, tmp_path, text)
    assert result.exit_code != 0
    assert "dòng 12, cột H (Ký hiệu): ô dài 1.001 ký tự, quá giới hạn 1.000" in result.output
    assert "dòng 6, cột C (Loại)" in result.output
    assert not out.exists()


def test_multiline_cell_without_swallowed_rows_is_still_read(runner, tmp_path):
    text = (
        (FIXTURES / "units-small.csv")
        .read_text("utf-8")
        .replace("H2-CQ1,Phòng Tư pháp huyện Hai,", 'H2-CQ1,"Phòng Tư pháp\nhuyện Hai",')
    )
    result, out = _findings(runner, tmp_path, text)
    assert result.exit_code == 0, result.output
    assert (
        "Phòng Tư pháp huyện Hai".upper()
        in dh.full_text(dh.open_docx(out / "plan" / "H2-CQ1.docx")).upper()
    )


# --- Property: any value of any roster field -------------------------------------------------

_HOSTILE = st.sampled_from(
    [
        "{",
        "}",
        "{{x}}",
        "{0}",
        "{}",
        "%s",
        "%(a)s",
        "{{ ten }}",
        "{% if 1 %}x{% endif %}",
        "{%p for a in b %}",
        "{#",
        "<w:t>",
        "</w:p>",
        "&amp;",
        "&",
        "<",
        ">",
        '"',
        "'",
        "\x00",
        "\x01",
        "\x0b",
        "\x1f",
        "\x7f",
        "\ufffe",
        "\u200f",
        "\u202e",
        "שלום",
        "مرحبا",
        "Nguye\u0302\u0303n",
        "\t",
        "\r\n",
        " ",
    ]
)
_TEXT = st.lists(
    st.one_of(_HOSTILE, st.text(st.characters(blacklist_categories=("Cs",)), max_size=8)),
    min_size=1,
    max_size=12,
).map("".join)
_LONG = st.integers(1, 10_000).map(lambda n: ("Ấp {x} <&> " * 1000)[:n])
# A ký hiệu is short; the number line still must take any characters.
_FIELDS = ["ten", "nguoi_dung_dau", "chuc_vu", "dia_chi", "ky_hieu", "dia_danh"]


def _tiny_roster(field: str, value: str) -> list[list[str]]:
    base = {
        "H1": [
            "H1",
            "Huyện Một",
            "Huyện",
            "T",
            "Trần Văn Bình",
            "Chủ tịch UBND huyện",
            "Số 1 đường A",
            "UBND",
            "Đăk Hà",
            "Hội trường huyện",
            "1000000",
            "Lê Văn C",
        ],
    }
    row = base["H1"]
    row[HEADER.index(field)] = value
    return [
        [
            "T",
            "Tỉnh Kon Tum",
            "Tỉnh",
            "",
            "Nguyễn Văn An",
            "Chủ tịch UBND tỉnh",
            "",
            "UBND",
            "Kon Tum",
            "",
            "",
            "",
        ],
        row,
        [
            "H1-X1",
            "Xã Một",
            "Xã",
            "H1",
            "Lê Thị Cúc",
            "Chủ tịch UBND xã",
            "",
            "UBND",
            "Đăk Hà",
            "Nhà văn hóa",
            "500000",
            "Võ Văn D",
        ],
        [
            "H1-X1-T1",
            "Thôn 1",
            "Thôn",
            "H1-X1",
            "Phạm Văn Dũng",
            "Trưởng thôn",
            "",
            "",
            "Đăk Hà",
            "Nhà rông",
            "200000",
            "",
        ],
    ]


def _expected(value: str) -> str:
    text = _ILLEGAL.sub("", unicodedata.normalize("NFC", value))
    return " ".join(re.split(r"[\s\u00a0\u200b\ufeff]+", text)).strip()


def _check_documents(out: Path) -> str:
    """Every file inside out, every .docx opens and every XML part parses strictly."""
    parser = etree.XMLParser(recover=False, resolve_entities=False)
    texts = []
    root = out.resolve()
    for path in out.rglob("*"):
        assert path.resolve().is_relative_to(root), path
        if path.suffix != ".docx":
            continue
        dh.open_docx(path)
        with zipfile.ZipFile(path) as z:
            for name in z.namelist():
                if name.endswith((".xml", ".rels")):
                    etree.fromstring(z.read(name), parser)
        texts.append(dh.full_text(dh.open_docx(path)))
    assert texts
    return "\n".join(texts)


@pytest.mark.slow
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(field=st.sampled_from(_FIELDS), value=st.one_of(_TEXT, _LONG))
def test_any_roster_value_comes_out_literally(field, value):
    expected = _expected(value)
    work = Path(tempfile.mkdtemp())
    try:
        units, out = work / "units.csv", work / "out"
        _write_roster(units, _tiny_roster(field, value))
        try:
            inputs = load_inputs(SAMPLE_CAMPAIGN, units, kinds=REGISTRY)
            generate(inputs, out, ["pledge", "plan"])
        except ValidationError as e:
            # Only an empty value or one past the cell limit may be refused, and by its cell.
            assert not expected or len(value) > MAX_CELL_CHARS, e
            assert all(f.row and f.column for f in e.findings if f.file == "units.csv"), e
            assert not out.exists()
            return
        text = _check_documents(out)
        # Headers break a long name over lines, so spaces are not compared.
        flat, want = "".join(text.split()), "".join(expected.split())
        assert want in flat or "".join(vi.upper(expected).split()) in flat, (field, want[:80])
    finally:
        shutil.rmtree(work)
