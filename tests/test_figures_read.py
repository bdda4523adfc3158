"""Figures that read right: a count beside its own share and the target as the target, a
per-unit table without one target repeated on every row, model units counted by the kind the
target names, an appendix that agrees with the text, Nơi nhận purposes that never wrap."""

from __future__ import annotations

import re

from tests import docx_helpers as dh


def _section(path, start: str, end: str) -> str:
    texts = dh.texts(dh.open_docx(path))
    return "\n".join(texts[texts.index(start) + 1 : texts.index(end)])


def test_a_count_is_never_printed_beside_a_lower_target(sample_out):
    targets = _section(sample_out / "plan" / "KT-01.docx", "II. CHỈ TIÊU", "III. NHIỆM VỤ, GIẢI PHÁP")
    # "70% (01/01)" and "Trên 80% xã, phường (03/03)" read as if the count missed the target.
    assert not re.search(r"\b[1-9]\d?% \(\d", targets)
    assert not re.search(r"Trên \d+%[^\n.]*\(\d", targets)
    assert ("5. 01/01 doanh nghiệp (100%) đăng ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, "
            "trật tự” (chỉ tiêu: 70%).") in targets
    assert ("6. 03/03 xã, phường (100%), ít nhất 05/06 làng, tổ dân phố (83,3%) và 02/02 cơ sở "
            "giáo dục (100%) đã đăng ký được công nhận đạt tiêu chuẩn “An toàn về an ninh, trật "
            "tự” (chỉ tiêu: trên 80%).") in targets
    # A 100% target keeps its share and counts together: they agree.
    assert ("4. 100% xã, phường (03/03), làng, tổ dân phố (06/06) và cơ sở giáo dục (02/02) đăng "
            "ký xây dựng đạt tiêu chuẩn “An toàn về an ninh, trật tự”.") in targets


def test_a_target_shared_by_every_unit_is_one_sentence_not_a_table(sample_out):
    commune = dh.open_docx(sample_out / "plan" / "KT-02-02.docx")
    assert len(commune.tables) == 2  # header and signature only
    assert ("Chỉ tiêu đối với mỗi đơn vị trực thuộc xã Hà Mòn: đăng ký xây dựng đạt tiêu chuẩn "
            "“An toàn về an ninh, trật tự”; cuối năm được công nhận đạt tiêu chuẩn “An toàn về "
            "an ninh, trật tự”, phong trào được xếp loại Khá trở lên.") in dh.full_text(commune)


def test_the_table_lists_only_the_units_with_their_own_target(sample_out):
    city = dh.open_docx(sample_out / "plan" / "KT-01.docx")
    assert ("Chỉ tiêu đối với các đơn vị trực thuộc thành phố Kon Tum (trừ các đơn vị có chỉ tiêu "
            "riêng tại bảng dưới đây): đăng ký xây dựng đạt tiêu chuẩn") in dh.full_text(city)
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
            purposes += len(re.findall(r"\(để\u00a0(báo\u00a0cáo|thực\u00a0hiện|phối\u00a0hợp)\)",
                                       paragraph.text))
    assert purposes > 100
