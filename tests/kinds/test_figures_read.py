"""Figures that read right: a count beside its own share and the target as the target, a
per-unit table without one target repeated on every row, model units counted by the kind the
target names, an appendix that agrees with the text, Nơi nhận purposes that never wrap."""

from __future__ import annotations

import re

from tests import helpers as dh
from tests.helpers import steady_campaign, steady_text


def _section(path, start: str, end: str) -> str:
    texts = dh.texts(dh.open_docx(path))
    return "\n".join(texts[texts.index(start) + 1 : texts.index(end)])


def test_a_count_is_never_printed_beside_a_lower_target(sample_out):
    targets = _section(
        sample_out / "plan" / "KT-01.docx", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP"
    )
    # "70% (01/01)" and "Trên 80% xã, phường (03/03)" read as if the count missed the target.
    assert not re.search(r"\b[1-9]\d?% \(\d", targets)
    assert not re.search(r"Trên \d+%[^\n.]*\(\d", targets)
    assert (
        "5. 01/01 doanh nghiệp (100%) đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, "
        "trật tự” (chỉ tiêu: 70%)."
    ) in targets
    assert (
        "6. 03/03 xã, phường (100%), ít nhất 05/06 làng, tổ dân phố (83,3%) và 02/02 cơ sở "
        "giáo dục (100%) đã đăng ký được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật "
        "tự” (chỉ tiêu: trên 80%)."
    ) in targets
    # A 100% target keeps its share and counts together: they agree.
    assert (
        "4. 100% xã, phường (03/03), làng, tổ dân phố (06/06) và cơ sở giáo dục (02/02) đăng "
        "ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”."
    ) in targets


def test_a_target_shared_by_every_unit_is_one_sentence_not_a_table(sample_out):
    commune = dh.open_docx(sample_out / "plan" / "KT-02-02.docx")
    assert len(commune.tables) == 2  # header and signature only
    assert (
        "Chỉ tiêu đối với mỗi đơn vị trực thuộc xã Hà Mòn: đăng ký xây dựng đạt tiêu chuẩn "
        "“An toàn về an ninh, trật tự”; cuối năm được công nhận đạt tiêu chuẩn “An toàn về "
        "an ninh, trật tự”, phong trào được xếp loại Khá trở lên."
    ) in dh.full_text(commune)


def test_the_table_lists_only_the_units_with_their_own_target(sample_out):
    city = dh.open_docx(sample_out / "plan" / "KT-01.docx")
    # Its enterprises and schools are on its territory, not under it.
    assert (
        "Chỉ tiêu đối với các đơn vị trên địa bàn thành phố Kon Tum (trừ các đơn vị có chỉ tiêu "
        "riêng tại bảng dưới đây): đăng ký xây dựng đạt tiêu chuẩn"
    ) in dh.full_text(city)
    rows = [[c.text for c in row.cells] for row in city.tables[1].rows[1:]]
    # The model ward, and the enterprise whose registration target is 70%.
    assert [r[:4] for r in rows] == [
        ["1", "Phường Thắng Lợi", "Phường", "Đăng ký"],
        ["2", "Công ty TNHH MTV Cà phê 734", "Doanh nghiệp", "Vận động đăng ký (chỉ tiêu 70%)"],
    ]
    assert rows[0][5] == "Xây dựng điển hình"


def test_noi_nhan_purposes_never_wrap(sample_out):
    purposes = 0
    for path in sorted((sample_out / "plan").glob("*.docx")):
        cell = dh.open_docx(path).tables[-1].rows[0].cells[0]
        for paragraph in cell.paragraphs:
            assert "(để " not in paragraph.text, (path.name, paragraph.text)
            purposes += len(
                re.findall(
                    r"\(để\u00a0(báo\u00a0cáo|thực\u00a0hiện|phối\u00a0hợp)\)", paragraph.text
                )
            )
    assert purposes > 100


ROSTER_HEADER = "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,dien_hinh"
RESULTS_HEADER = "Mã đơn vị,Đăng ký,Đạt chuẩn,Điểm,Xếp loại,Ngày hội"


def _report(runner, tmp_path, rows: list[str], results: list[str], campaign, *extra: str):
    from antq_docs.cli import cli

    units = tmp_path / "units.csv"
    units.write_text("\n".join([ROSTER_HEADER, *rows]) + "\n", encoding="utf-8")
    marks = tmp_path / "results.csv"
    marks.write_text("\n".join([RESULTS_HEADER, *results]) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(
        cli,
        [
            "report",
            "--campaign",
            str(campaign),
            "--units",
            str(units),
            "--results",
            str(marks),
            "--out",
            str(out),
            *extra,
        ],
    )
    assert result.exit_code == 0, result.stderr
    return result, out


CITY = [
    "KT,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,",
    "KT-01,Thành phố Kon Tum,Thành phố,KT,B,Chủ tịch UBND thành phố,UBND,",
    "P1,Phường Thắng Lợi,Phường,KT-01,C,Chủ tịch UBND phường,UBND,x",
    "P2,Phường Quyết Thắng,Phường,KT-01,D,Chủ tịch UBND phường,UBND,x",
    "X1,Xã Đăk Blà,Xã,KT-01,E,Chủ tịch UBND xã,UBND,x",
    "P1-1,Tổ dân phố 1,Tổ dân phố,P1,F,Tổ trưởng tổ dân phố,,x",
]
CITY_RESULTS = [
    "KT-01,,,85,,có",
    "P1,có,đạt,92,,có",
    "P2,có,chưa đạt,80,,có",
    "X1,có,đạt,95,,có",
    "P1-1,có,đạt,91,,có",
]


def test_a_named_model_target_counts_the_kind_of_unit_it_names(tmp_path, runner):
    text = steady_text()
    old = "chọn xây dựng 02 Công an phường điển hình"
    assert old in text and "    don_vi: [KT-01]\n" in text
    campaign = tmp_path / "campaign.yaml"
    campaign.write_text(
        text.replace(old, "chọn xây dựng 02 phường điển hình").replace(
            "    don_vi: [KT-01]\n", "    don_vi: [KT-01]\n    loai: [xa]\n"
        ),
        encoding="utf-8",
    )
    result, _ = _report(runner, tmp_path, CITY, CITY_RESULTS, campaign, "--level", "KT-01")
    # Thắng Lợi is a model ward built; Quyết Thắng was not recognised; the model commune and
    # the model street group are not wards.
    assert re.search(
        r"dien_hinh\s+Có điển hình\s+Thành phố Kon Tum\s+1/2\s+50%\s+100%\s+"
        r"Không đạt",
        result.stdout,
    )


def test_model_units_of_a_kind_the_roster_does_not_hold_are_not_counted(tmp_path, runner):
    campaign = steady_campaign(tmp_path)  # a year in which the districts go on

    # "02 Công an phường điển hình": a ward's police, not the wards marked Điển hình.
    result, out = _report(runner, tmp_path, CITY, CITY_RESULTS, campaign, "--level", "KT-01")
    assert "chọn xây dựng 02 Công an phường điển hình" in dh.full_text(
        dh.open_docx(out / "report" / "KT-01.docx")
    )
    assert not re.search(r"dien_hinh\s+Có điển hình\s+Thành phố Kon Tum", result.stdout)


def test_the_appendix_names_a_district_s_model_unit_the_text_names(tmp_path, runner):
    campaign = steady_campaign(tmp_path)  # a year in which the districts go on

    rows = [
        "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,",
        "H1,Huyện Đăk Hà,Huyện,T,B,Chủ tịch UBND huyện,UBND,",
        "X1,Xã Hà Mòn,Xã,H1,C,Chủ tịch UBND xã,UBND,x",
        "X1-1,Thôn 1,Thôn,X1,D,Trưởng thôn,,x",
        "X2,Xã Đăk Mar,Xã,H1,C,Chủ tịch UBND xã,UBND,",
        "H2,Huyện Đăk Tô,Huyện,T,B,Chủ tịch UBND huyện,UBND,",
        "X3,Xã Tân Cảnh,Xã,H2,C,Chủ tịch UBND xã,UBND,",
    ]
    results = [
        "H1,,,85,,có",
        "H2,,,85,,có",
        "X1,có,chưa đạt,80,,có",
        "X1-1,có,đạt,90,,có",
        "X2,có,đạt,85,,có",
        "X3,có,đạt,85,,có",
    ]
    result, out = _report(runner, tmp_path, rows, results, campaign)
    # Neither district built a model commune: Hà Mòn was not recognised, and a village is not
    # a unit the target names ("01 xã, phường, thị trấn hoặc 01 cơ quan, doanh nghiệp, …").
    assert re.search(r"dien_hinh\s+Có điển hình\s+cấp huyện\s+0/2", result.stdout)
    doc = dh.open_docx(out / "report" / "T.docx")
    assert (
        "Chọn xây dựng 2 đơn vị điển hình về phong trào toàn dân bảo vệ an ninh Tổ quốc: "
        "Thôn 1 (xã Hà Mòn), xã Hà Mòn" in dh.full_text(doc)
    )
    rows = {
        cells[1]: cells[3]
        for table in doc.tables
        for row in table.rows
        if len(cells := [c.text for c in row.cells]) == 4
    }
    assert rows["Huyện Đăk Hà"] == (
        "Đã chọn xây dựng điển hình: Thôn 1 (xã Hà Mòn), xã Hà Mòn; "
        "chưa có đơn vị đạt yêu cầu của chỉ tiêu"
    )
    assert rows["Huyện Đăk Tô"] == "Chưa chọn đơn vị điển hình"
