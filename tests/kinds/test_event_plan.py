"""The Ngày hội plan: Quyết định 521, anniversaries, the budget estimate, funds, place, tasks."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import yaml

from antq_docs import vi
from antq_docs.errors import ValidationError
from antq_docs.inputs.campaign import load_campaign
from antq_docs.kinds import REGISTRY
from antq_docs.model import Anniversary
from tests import helpers as dh
from tests.helpers import SAMPLE_CAMPAIGN
from tests.kinds.test_plans import generate

DECISION_521 = (
    "Căn cứ Quyết định số 521/2005/QĐ-TTg ngày 13/6/2005 của Thủ tướng Chính phủ lấy ngày 19 tháng 8 "
    "hằng năm là “Ngày hội toàn dân bảo vệ an ninh Tổ quốc”;"
)
ANNIVERSARIES = (
    "80 năm Ngày truyền thống Công an nhân dân (19/8/1945 - 19/8/2025) và 20 năm Ngày hội toàn "
    "dân bảo vệ an ninh Tổ quốc (19/8/2005 - 19/8/2025)"
)
PROVINCE = "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,,,,"


def campaign_with(change) -> str:
    """The sample campaign as YAML text after change(data) edits its parsed form."""
    data = yaml.safe_load(SAMPLE_CAMPAIGN.read_text("utf-8"))
    change(data)
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def theo_loai(data) -> dict:
    return data["ngay_hoi_to_chuc"]["theo_loai"]


def budget_rows(doc) -> list[list[str]]:
    """The rows of the dự toán table (the one headed 'Thành tiền (đồng)'), or []."""
    for table in doc.tables:
        rows = [[c.text for c in row.cells] for row in table.rows]
        if rows[0][-1] == "Thành tiền (đồng)":
            return rows
    return []


def test_ward_plan_cites_521_marks_anniversaries_and_holds_it_in_its_own_hall(sample_out):
    doc = dh.open_docx(sample_out / "event-plan" / "KT-01-01.docx")
    texts = dh.texts(doc)
    assert dh.leftover_tags(doc) == []
    # 521 comes first among the căn cứ lines, italic like them.
    bases = [t for t in texts if t.startswith("Căn cứ")]
    assert bases[0] == DECISION_521
    assert bases[-1].startswith("Căn cứ Kế hoạch số 38/KH-BCĐ") and bases[-1].endswith(".")
    assert dh.runs_style(dh.find(doc, "Căn cứ Quyết định số 521")) == {(14.0, False, True)}
    assert texts[texts.index("KẾ HOẠCH") + 1] == (
        "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025 gắn với kỷ niệm 80 năm Ngày "
        "truyền thống Công an nhân dân và 20 năm Ngày hội toàn dân bảo vệ an ninh Tổ quốc"
    )
    assert dh.find(doc, "1. Tổ chức Ngày hội").text.startswith(
        f"1. Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025 gắn với kỷ niệm "
        f"{ANNIVERSARIES} nhằm giáo dục truyền thống"
    )
    programme = [[c.text for c in row.cells] for row in doc.tables[1].rows]
    assert programme[3] == [
        "2",
        "Diễn văn kỷ niệm 80 năm Ngày truyền thống Công an nhân dân và 20 năm Ngày hội toàn dân "
        "bảo vệ an ninh Tổ quốc",
        "Lãnh đạo Ủy ban nhân dân phường Quyết Thắng",
    ]
    assert programme[4][2] == "Công an phường Quyết Thắng"
    assert "2. Địa điểm: Hội trường Ủy ban nhân dân phường Quyết Thắng." in texts
    # "xã" is not written for a ward ("chính trị - xã hội" is another word).
    assert not any(
        re.search(r"\bxã\b(?! hội)", t)
        for t in texts
        if t.startswith(("2. Địa điểm", "3. Thành phần"))
    )
    assert any(
        t.startswith("3. Thành phần: Thường trực Đảng ủy phường Quyết Thắng,") for t in texts
    )


def test_commune_budget_table_adds_up_to_the_total_in_words(sample_out):
    campaign = load_campaign(SAMPLE_CAMPAIGN, kinds=REGISTRY)
    items = campaign.event.by_type["xa"].items
    doc = dh.open_docx(sample_out / "event-plan" / "KT-02-02.docx")
    rows = budget_rows(doc)
    assert rows[0] == ["STT", "Nội dung", "Thành tiền (đồng)"]
    assert rows[1:-1] == [
        [str(i), item.text, vi.number(item.amount)] for i, item in enumerate(items, start=1)
    ]
    total = sum(int(r[2].replace(".", "")) for r in rows[1:-1])
    assert total == 15_500_000
    assert rows[-1] == ["", "Tổng cộng", "15.500.000"]
    texts = dh.texts(doc)
    assert (
        "1. Tổng kinh phí dự kiến: 15.500.000 đồng (Bằng chữ: Mười lăm triệu năm trăm nghìn đồng), "
        "gồm các khoản sau:"
    ) in texts
    assert (
        "2. Nguồn kinh phí: từ nguồn ngân sách được giao năm 2025 của Ủy ban nhân dân xã Hà Mòn và "
        "nguồn xã hội hóa hợp pháp (nếu có)."
    ) in texts
    assert (
        "4. Các làng, thôn: tuyên truyền, vận động Nhân dân tham gia Ngày hội; cử đại diện ký "
        "kết giao ước thi đua." in texts
    )


def test_enterprise_funds_it_itself_and_assigns_its_own_bodies(sample_out):
    doc = dh.open_docx(sample_out / "event-plan" / "KT-DN-01.docx")
    texts = dh.texts(doc)
    assert "2. Nguồn kinh phí: từ nguồn tài chính của doanh nghiệp." in texts
    assert not any("ngân sách" in t for t in texts)
    tasks = texts[texts.index("VI. PHÂN CÔNG NHIỆM VỤ") + 1 :]
    assert [t.split(":")[0] for t in tasks[:4]] == [
        "1. Bộ phận Hành chính - Tổ chức",
        "2. Công đoàn cơ sở",
        "3. Đoàn Thanh niên",
        "4. Lực lượng bảo vệ doanh nghiệp",
    ]
    assert not any("Ủy ban Mặt trận" in t or "Công an phường" in t for t in texts)
    assert "2. Địa điểm: Hội trường Công ty TNHH MTV Cà phê 734." in texts


@pytest.mark.parametrize(
    ("code", "source"),
    [
        ("KT-CQ-01", "2. Nguồn kinh phí: từ nguồn ngân sách được giao năm 2025 của Sở Tư pháp."),
        (
            "KT-GD-01",
            "2. Nguồn kinh phí: từ kinh phí hoạt động của nhà trường năm 2025 và nguồn "
            "tài trợ hợp pháp (nếu có).",
        ),
        (
            "KT-02-02",
            "2. Nguồn kinh phí: từ nguồn ngân sách được giao năm 2025 của Ủy ban nhân "
            "dân xã Hà Mòn và nguồn xã hội hóa hợp pháp (nếu có).",
        ),
    ],
)
def test_source_of_funds_follows_the_unit_type(sample_out, code, source):
    texts = dh.texts(dh.open_docx(sample_out / "event-plan" / f"{code}.docx"))
    assert [t for t in texts if t.startswith("2. Nguồn kinh phí")] == [source]


def test_years_are_counted_from_the_dates(tmp_path, runner):
    assert Anniversary("Ngày truyền thống Công an nhân dân", dt.date(1945, 8, 19)).years(2025) == 80

    def change(data):
        data["ky_niem"] = [{"noi_dung": "Ngày thành lập Công an xã", "ngay": dt.date(1960, 3, 5)}]

    rows = [PROVINCE, "X,Phường Thắng Lợi,Phường,T,C,Chủ tịch UBND phường,UBND,,,,"]
    result, out = generate(runner, tmp_path, "event-plan", rows, campaign_with(change))
    assert result.exit_code == 0, result.stderr
    text = dh.full_text(dh.open_docx(out / "event-plan" / "X.docx"))
    assert "gắn với kỷ niệm 65 năm Ngày thành lập Công an xã (05/3/1960 - 05/3/2025) nhằm" in text
    assert "Hội trường Ủy ban nhân dân phường Thắng Lợi." in text


def test_without_anniversaries_the_plan_reads_without_them(tmp_path, runner):
    rows = [PROVINCE, "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,,"]
    result, out = generate(
        runner, tmp_path, "event-plan", rows, campaign_with(lambda data: data.pop("ky_niem"))
    )
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(out / "event-plan" / "X.docx")
    assert dh.leftover_tags(doc) == []
    text = dh.full_text(doc)
    assert "kỷ niệm" not in text
    assert "Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2025\n" in text
    assert "Diễn văn ôn lại truyền thống lực lượng Công an nhân dân" in text


def test_a_campaign_that_lists_521_itself_cites_it_once(tmp_path, runner):
    def change(data):
        data["can_cu"].insert(0, DECISION_521.removeprefix("Căn cứ ").rstrip(";"))

    rows = [PROVINCE, "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,,"]
    result, out = generate(runner, tmp_path, "event-plan", rows, campaign_with(change))
    assert result.exit_code == 0, result.stderr
    assert dh.full_text(dh.open_docx(out / "event-plan" / "X.docx")).count("521/2005/QĐ-TTg") == 1


def test_roster_budget_keeps_items_only_when_it_equals_their_sum(tmp_path, runner):
    rows = [PROVINCE, "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,20.000.000,"]
    result, out = generate(runner, tmp_path, "event-plan", rows)
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(out / "event-plan" / "X.docx")
    # No itemisation stands behind the roster's amount: the total alone, no invented items.
    assert budget_rows(doc) == []
    assert "1. Tổng kinh phí dự kiến: 20.000.000 đồng (Bằng chữ: Hai mươi triệu đồng)." in dh.texts(
        doc
    )
    rows[1] = "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,15.500.000,"
    result, out = generate(runner, tmp_path, "event-plan", rows)
    assert result.exit_code == 0, result.stderr
    assert budget_rows(dh.open_docx(out / "event-plan" / "X.docx"))[-1] == [
        "",
        "Tổng cộng",
        "15.500.000",
    ]


def test_campaign_and_roster_venues(tmp_path, runner):
    def change(data):
        theo_loai(data)["co_quan"]["dia_diem"] = "Hội trường tầng 3, trụ sở cơ quan"

    rows = [
        PROVINCE,
        "C,Sở Tư pháp,Cơ quan,T,B,Giám đốc,STP,,,,",
        "D,Sở Y tế,Cơ quan,T,B,Giám đốc,SYT,,Nhà văn hóa tỉnh,,",
    ]
    result, out = generate(runner, tmp_path, "event-plan", rows, campaign_with(change))
    assert result.exit_code == 0, result.stderr
    assert "2. Địa điểm: Hội trường tầng 3, trụ sở cơ quan." in dh.texts(
        dh.open_docx(out / "event-plan" / "C.docx")
    )
    assert "2. Địa điểm: Nhà văn hóa tỉnh." in dh.texts(dh.open_docx(out / "event-plan" / "D.docx"))


def test_bad_budgets_anniversaries_and_venues_are_located(tmp_path):
    def change(data):
        types = theo_loai(data)
        types["xa"]["kinh_phi"] = 16_000_000
        types["xa"]["dia_diem"] = "Hội trường Ủy ban nhân dân xã"
        types["co_quan"]["du_toan"][1]["so_tien"] = 1_500_000.5
        types["doanh_nghiep"]["du_toan"][0]["so_tien"] = "hai triệu"
        types["co_so_giao_duc"]["du_toan"].append({"noi_dung": "Nước uống"})
        data["ky_niem"] = [
            {"noi_dung": "80 năm Ngày truyền thống Công an nhân dân", "ngay": dt.date(1945, 8, 19)},
            {"noi_dung": "Ngày hội", "ngay": dt.date(2025, 8, 19)},
            {"noi_dung": "Ngày truyền thống", "ngay": "19/8"},
        ]

    path = tmp_path / "c.yaml"
    path.write_text(campaign_with(change), encoding="utf-8")
    with pytest.raises(ValidationError) as excinfo:
        load_campaign(path, kinds=REGISTRY)
    where = "c.yaml, trường "
    assert [str(f) for f in excinfo.value.findings] == [
        f'{where}ngay_hoi_to_chuc.theo_loai.xa.dia_diem: "Hội trường Ủy ban nhân dân xã" không ghi '
        "tên đơn vị nên sai với các đơn vị khác loại (xã, phường, thị trấn; huyện, thị xã, thành "
        "phố); bỏ khóa này thì mỗi kế hoạch ghi hội trường Ủy ban nhân dân của chính đơn vị đó, "
        "hoặc ghi riêng ở cột Địa điểm của danh sách",
        f"{where}ngay_hoi_to_chuc.theo_loai.xa.kinh_phi: tổng kinh phí 16.000.000 đồng khác tổng dự "
        "toán (du_toan) 15.500.000 đồng; sửa cho bằng nhau hoặc bỏ kinh_phi",
        f'{where}ngay_hoi_to_chuc.theo_loai.co_quan.du_toan[2].so_tien: "1500000.5" không phải số '
        "tiền đồng nguyên (viết 15500000)",
        f'{where}ngay_hoi_to_chuc.theo_loai.doanh_nghiep.du_toan[1].so_tien: "hai triệu" không '
        "phải số tiền đồng nguyên (viết 15500000)",
        f"{where}ngay_hoi_to_chuc.theo_loai.co_so_giao_duc.du_toan[5].so_tien: thiếu giá trị bắt "
        "buộc",
        f'{where}ky_niem[1].noi_dung: "80 năm Ngày truyền thống Công an nhân dân": ghi tên ngày kỷ '
        "niệm không kèm số năm; số năm tính từ ngay và nam",
        f"{where}ky_niem[2].ngay: ngày 19/8/2025 phải trước năm 2025",
        f'{where}ky_niem[3].ngay: "19/8" không phải ngày hợp lệ (viết 2025-03-07 hoặc 07/03/2025)',
    ]


def test_estimate_alone_gives_the_total(tmp_path):
    def change(data):
        del theo_loai(data)["xa"]["kinh_phi"]

    path = tmp_path / "c.yaml"
    path.write_text(campaign_with(change), encoding="utf-8")
    assert load_campaign(path, kinds=REGISTRY).event.by_type["xa"].budget == 15_500_000


def test_a_residential_area_plan_when_the_campaign_asks_for_one(tmp_path, runner):
    def change(data):
        data["tai_lieu_bat_buoc"]["event-plan"] = ["khu_dan_cu"]
        theo_loai(data)["khu_dan_cu"] = {"kinh_phi": 2_000_000}

    rows = [
        PROVINCE,
        "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,,,,",
        "K,Thôn 1,Thôn,X,D,Trưởng thôn,TH,,,,",
    ]
    result, out = generate(runner, tmp_path, "event-plan", rows, campaign_with(change))
    assert result.exit_code == 0, result.stderr
    doc = dh.open_docx(out / "event-plan" / "K.docx")
    assert dh.leftover_tags(doc) == []
    texts = dh.texts(doc)
    assert "2. Địa điểm: Nhà văn hóa Thôn 1." in texts
    assert (
        "1. Trưởng thôn: chủ trì tổ chức Ngày hội; chuẩn bị báo cáo kết quả phong trào 8 "
        "tháng đầu năm; báo cáo kết quả Ngày hội về Ủy ban nhân dân xã Hà Mòn."
    ) in texts
    assert "1. Tổng kinh phí dự kiến: 2.000.000 đồng (Bằng chữ: Hai triệu đồng)." in texts
