"""Reading rosters as officials keep them, and refusing bad ones with every problem at once."""

from __future__ import annotations

import codecs
import datetime as dt
import unicodedata

import pytest

from antq_docs.errors import InputError, ValidationError
from antq_docs.inputs.roster import load_roster
from tests.helpers import FIXTURES, SAMPLE_UNITS, write_csv, write_xlsx

HEADER = ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã cấp trên", "Người đứng đầu", "Chức vụ"]
TREE = [
    [1, "Tỉnh Kon Tum", "Tỉnh", None, "Nguyễn Văn An", "Chủ tịch UBND tỉnh"],
    [101, "Huyện Đăk Hà", "Huyện", 1, "Trần Văn Bình", "Chủ tịch UBND huyện"],
    [10101, "Xã Hà Mòn", "Xã", 101, "Lê Thị Hoa", "Chủ tịch UBND xã"],
]


def messages(excinfo) -> list[str]:
    return [str(f) for f in excinfo.value.findings]


def test_sample_roster_reads_into_one_tree():
    roster = load_roster(SAMPLE_UNITS)
    assert roster.root.code == "KT"
    assert len(roster) == 94
    district = roster.get("KT-02")
    communes = [c.name for c in district.children if c.type == "xa"]
    assert communes == ["Thị trấn Đăk Hà", "Xã Đăk Mar", "Xã Hà Mòn"]


def test_xlsx_with_title_rows_numeric_codes_and_stray_spaces(tmp_path):
    rows = [
        ["DANH SÁCH ĐƠN VỊ NĂM 2025"],
        ["(kèm theo kế hoạch)"],
        [],
        ["STT", *[f"  {h} " for h in HEADER]],
        [1, *TREE[0]],
        [],
        [2, *TREE[1]],
        [3, 10101, "  Xã   Hà Mòn ", "xa", 101.0, "Lê Thị Hoa", "Chủ tịch UBND xã"],
    ]
    path = write_xlsx(tmp_path / "ds.xlsx", rows)
    roster = load_roster(path)
    assert sorted(roster.units) == ["1", "101", "10101"]
    commune = roster.get("10101")
    assert commune.name == "Xã Hà Mòn"
    assert commune.parent.code == "101"
    assert commune.row == 8


def test_xlsx_named_sheet_and_missing_sheet(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    sheet = book.create_sheet("Đơn vị")
    sheet.append(HEADER)
    for row in TREE:
        sheet.append(row)
    path = tmp_path / "ds.xlsx"
    book.save(path)
    assert len(load_roster(path, sheet="Đơn vị")) == 3
    with pytest.raises(
        InputError, match='không có trang tính "Khác"; các trang: "Ghi chú", "Đơn vị"'
    ):
        load_roster(path, sheet="Khác")


def test_csv_with_bom_semicolons_and_lowercase_keys(tmp_path):
    text = "\ufeffma;ten;loai;cap_tren\r\nT;Tỉnh Kon Tum;tinh;\r\nH;Huyện Đăk Hà;huyen;T\r\n"
    roster = load_roster(write_csv(tmp_path / "a.csv", text))
    assert roster.get("H").type == "huyen"


def test_headers_match_without_diacritics_and_in_any_case(tmp_path):
    text = "MA DON VI,ten don vi,LOẠI,Ma cap tren\nT,Tỉnh Kon Tum,Tỉnh,\nH,Huyện Đăk Hà,Huyen,T\n"
    assert load_roster(write_csv(tmp_path / "a.csv", text)).get("H").type == "huyen"


def test_nfd_text_becomes_nfc():
    roster = load_roster(FIXTURES / "roster-nfd.csv")
    name = roster.get("TH1").name
    assert name == "Thôn Kon Klor"
    assert unicodedata.is_normalized("NFC", name)
    assert roster.get("X1").head == "Lê Thị Hoa"


def test_windows_1258_is_detected_and_read_correctly():
    roster = load_roster(FIXTURES / "roster-windows-1258.csv")
    assert [u.name for u in roster] == [
        "Tỉnh Kon Tum",
        "Huyện Đăk Hà",
        "Xã Hà Mòn",
        "Thôn Kon Klor",
    ]
    assert roster.get("H1").title == "Chủ tịch UBND huyện"


def test_windows_1258_named_explicitly():
    roster = load_roster(FIXTURES / "roster-windows-1258.csv", encoding="cp1258")
    assert roster.get("X1").name == "Xã Hà Mòn"


def test_utf16_export_with_tabs(tmp_path):
    text = (
        "Mã đơn vị\tTên đơn vị\tLoại\tMã cấp trên\nT\tTỉnh Kon Tum\tTỉnh\t\nX\tXã Hà Mòn\tXã\tT\n"
    )
    path = tmp_path / "u16.csv"
    path.write_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert load_roster(path).get("X").name == "Xã Hà Mòn"


def test_unknown_encoding_is_refused_with_the_byte_and_line():
    with pytest.raises(InputError) as excinfo:
        load_roster(FIXTURES / "roster-wrong-encoding.csv")
    assert str(excinfo.value) == (
        f"{FIXTURES / 'roster-wrong-encoding.csv'}: không phải UTF-8 (byte 0xE3 ở dòng 1) và "
        'cũng không phải Windows-1258. Hãy lưu lại bằng Excel dạng "CSV UTF-8", hoặc cho biết '
        "bảng mã bằng --encoding."
    )


def test_wrong_explicit_encoding_is_refused():
    with pytest.raises(InputError, match="không đọc được theo bảng mã utf-8: byte 0x"):
        load_roster(FIXTURES / "roster-windows-1258.csv", encoding="utf-8")
    with pytest.raises(InputError, match='không biết bảng mã "tcvn9"'):
        load_roster(FIXTURES / "roster-windows-1258.csv", encoding="tcvn9")


def test_control_characters_are_removed(tmp_path):
    text = 'ma,ten,loai,cap_tren\nT,Tỉnh\x07 Kon\x0bTum\x00,tinh,\nH,"Huyện\nĐăk Hà",huyen,T\n'
    roster = load_roster(write_csv(tmp_path / "a.csv", text))
    assert roster.get("T").name == "Tỉnh KonTum"
    assert roster.get("H").name == "Huyện Đăk Hà"


def test_row_numbers_follow_the_text_editor_across_multiline_cells(tmp_path):
    text = 'ma,ten,loai,cap_tren\nT,"Tỉnh\nKon Tum",tinh,\n\nH,Huyện A,Sai,T\n'
    with pytest.raises(ValidationError) as excinfo:
        load_roster(write_csv(tmp_path / "a.csv", text))
    assert messages(excinfo)[0].startswith('a.csv, dòng 5, cột C (loai): loại "Sai"')


def test_header_not_found_names_the_missing_columns(tmp_path):
    path = write_csv(tmp_path / "a.csv", "Mã đơn vị,Ghi chú\nT,Tỉnh\n")
    with pytest.raises(InputError) as excinfo:
        load_roster(path)
    assert str(excinfo.value) == (
        f"{path}: không tìm thấy dòng tiêu đề trong 30 dòng đầu; thiếu cột "
        '"Tên đơn vị" (ten), "Loại" (loai).'
    )


def test_repeated_header_column_is_reported(tmp_path):
    path = write_csv(tmp_path / "a.csv", "ma,ten,loai,Tên đơn vị\nT,Tỉnh,tinh,x\n")
    with pytest.raises(ValidationError) as excinfo:
        load_roster(path)
    assert messages(excinfo) == [
        'a.csv, dòng 1, cột D: cột "Tên đơn vị" lặp lại cột B; hãy xóa hoặc đổi tên một trong hai.'
    ]


def test_old_xls_and_broken_xlsx_and_directories_are_refused(tmp_path):
    (tmp_path / "old.xls").write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputError, match=r"Excel 97-2003 \(.xls\) không được hỗ trợ"):
        load_roster(tmp_path / "old.xls")
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(InputError, match="không mở được tệp Excel"):
        load_roster(tmp_path / "broken.xlsx")
    (tmp_path / "dir.csv").mkdir()
    with pytest.raises(InputError, match="là một thư mục"):
        load_roster(tmp_path / "dir.csv")
    with pytest.raises(InputError, match="không tìm thấy tệp"):
        load_roster(tmp_path / "none.csv")


@pytest.mark.parametrize(
    ("fixture", "expected"),
    [
        (
            "roster-duplicate-code.csv",
            ['roster-duplicate-code.csv, dòng 5, cột A (Mã đơn vị): mã "H1" trùng mã ở dòng 3'],
        ),
        (
            "roster-unknown-parent.csv",
            [
                "roster-unknown-parent.csv, dòng 4, cột D (Mã cấp trên): không có đơn vị nào mang mã "
                '"H9"'
            ],
        ),
        (
            "roster-cycle.csv",
            ["roster-cycle.csv, dòng 3, cột D (Mã cấp trên): vòng lặp cấp trên: H1 → X1 → H1"],
        ),
        (
            "roster-unknown-type.csv",
            [
                'roster-unknown-type.csv, dòng 5, cột C (Loại): loại "Thông" không hợp lệ; chấp nhận: '
                "tinh, huyen, xa, khu_dan_cu, co_quan, doanh_nghiep, co_so_giao_duc hoặc Tỉnh, Thành "
                "phố trực thuộc trung ương; Huyện, Thị xã, Thành phố, Quận; Xã, Phường, Thị trấn, Đặc "
                "khu; Khu dân cư, Thôn, Làng, Bản, Buôn, Ấp, Tổ dân phố, Khu phố; Cơ quan; Doanh "
                "nghiệp; Cơ sở giáo dục, Trường"
            ],
        ),
        (
            "roster-missing-value.csv",
            [
                "roster-missing-value.csv, dòng 3, cột B (Tên đơn vị): thiếu giá trị bắt buộc",
                "roster-missing-value.csv, dòng 4, cột A (Mã đơn vị): thiếu giá trị bắt buộc",
            ],
        ),
        (
            "roster-unsafe-code.csv",
            [
                'roster-unsafe-code.csv, dòng 3, cột A (Mã đơn vị): mã "H1/2" chứa "/", "\\" hoặc ".." '
                "nên không dùng làm tên tệp được",
                'roster-unsafe-code.csv, dòng 4, cột A (Mã đơn vị): mã "../X1" chứa "/", "\\" hoặc ".." '
                "nên không dùng làm tên tệp được",
                'roster-unsafe-code.csv, dòng 5, cột A (Mã đơn vị): mã "CON" trùng tên dành riêng của '
                "Windows",
                'roster-unsafe-code.csv, dòng 6, cột A (Mã đơn vị): mã "Hà-1" không dùng làm tên tệp '
                'được: chỉ được dùng chữ cái không dấu, chữ số, ".", "-", "_" và phải bắt đầu bằng chữ '
                "hoặc số",
            ],
        ),
    ],
)
def test_each_bad_roster_is_refused_with_its_exact_message(fixture, expected):
    with pytest.raises(ValidationError) as excinfo:
        load_roster(FIXTURES / fixture)
    assert messages(excinfo) == expected


def test_every_problem_is_reported_in_one_pass(tmp_path):
    text = (
        "ma,ten,loai,cap_tren,so_ho,dien_hinh\n"
        "T,Tỉnh,tinh,,,\n"
        "A,Xã A,Xã,T,,có\n"
        "a,Xã B,Xã,T,,\n"
        "B,,Thon,Z,mười,maybe\n"
        "C,Xã C,Xã,,,\n"
    )
    with pytest.raises(ValidationError) as excinfo:
        load_roster(write_csv(tmp_path / "r.csv", text))
    assert messages(excinfo) == [
        'r.csv, dòng 4, cột A (ma): mã "a" chỉ khác chữ hoa/thường với mã ở dòng 3',
        "r.csv, dòng 5, cột B (ten): thiếu giá trị bắt buộc",
        'r.csv, dòng 5, cột E (so_ho): số hộ "mười" không phải số nguyên',
        'r.csv, dòng 5, cột F (dien_hinh): "maybe" không rõ; ghi x, có, 1 hoặc để trống',
        "r.csv, dòng 6, cột D (cap_tren): thiếu mã cấp trên; chỉ đơn vị gốc được để trống, và "
        'đơn vị gốc đã là "T" (dòng 2)',
    ]
    assert excinfo.value.message.startswith("Danh sách đơn vị r.csv: 5 lỗi, chưa ghi tệp nào.")


def test_type_labels_flags_and_households(tmp_path):
    text = (
        "ma,ten,loai,cap_tren,so_ho,dien_hinh\n"
        "T,Tỉnh,Tỉnh,,,\n"
        "H,Thị xã Kon Tum,Thị xã,T,,\n"
        "X,Phường 5,phuong,H,,x\n"
        "K,Tổ dân phố 3,Tổ dân phố,X,1.250,\n"
        "S,Trường THPT Kon Tum,Trường,H,,TRUE\n"
    )
    roster = load_roster(write_csv(tmp_path / "r.csv", text))
    assert [roster.get(c).type for c in "THXKS"] == [
        "tinh",
        "huyen",
        "xa",
        "khu_dan_cu",
        "co_so_giao_duc",
    ]
    assert roster.get("K").households == 1250
    assert roster.get("X").is_model and roster.get("S").is_model
    assert not roster.get("H").is_model


def test_xlsx_dates_and_booleans_become_text(tmp_path):
    rows = [
        [*HEADER, "Điển hình", "Địa chỉ"],
        [*TREE[0], None, None],
        [*TREE[1], True, dt.datetime(2025, 3, 7)],
    ]
    roster = load_roster(write_xlsx(tmp_path / "d.xlsx", rows))
    assert roster.get("101").is_model
    assert roster.get("101").address == "2025-03-07"


def test_a_parent_code_typed_close_to_a_real_one_gets_a_suggestion(tmp_path):
    text = "ma,ten,loai,cap_tren\nKT-01,Tỉnh Kon Tum,tinh,\nKT-02,Huyện Đăk Hà,huyen,KT-O1\n"
    with pytest.raises(ValidationError) as excinfo:
        load_roster(write_csv(tmp_path / "r.csv", text))
    assert messages(excinfo) == [
        'r.csv, dòng 3, cột D (cap_tren): không có đơn vị nào mang mã "KT-O1"; có phải mã "KT-01"?'
    ]
