"""Words that fit the unit type: an enterprise's people, a school's pupils, a ward's city,
duties given to those who do them, a head's title without its kind of unit twice."""

from __future__ import annotations

import re

import pytest

from antq_docs.kinds import common
from antq_docs.model import Unit
from tests import helpers as dh
from tests.helpers import invoke_generate

HEADER = "ma,ten,loai,cap_tren,nguoi_dung_dau,chuc_vu,ky_hieu,doanh_nghiep_nha_nuoc"
ROWS = [
    "T,Tỉnh Kon Tum,Tỉnh,,A,Chủ tịch UBND tỉnh,UBND,",
    "P,Phường Thắng Lợi,Phường,T,B,Chủ tịch UBND phường,UBND,",
    "X,Xã Hà Mòn,Xã,T,C,Chủ tịch UBND xã,UBND,",
    "P-1,Tổ dân phố 1,Tổ dân phố,P,D,Tổ trưởng tổ dân phố,,",
    "X-1,Thôn 1,Thôn,X,E,Trưởng thôn,,",
    "X-2,Thôn Kon Klor,Thôn,X,F,Trưởng thôn,,",
    "X-3,Làng Kon Jơ Ri,Làng,X,G,Trưởng thôn,,",
    "S,Sở Tư pháp,Cơ quan,T,H,Giám đốc,STP,",
    "D1,Công ty TNHH An Phú,Doanh nghiệp,X,K,Giám đốc,CTAP,",
    "D2,Công ty TNHH MTV Lâm nghiệp Kon Rẫy,Doanh nghiệp,X,L,Giám đốc,LNKR,x",
    "G1,Trường THCS Lê Lợi,Trường,X,M,Hiệu trưởng,THCSLL,",
    "G2,Trường Tiểu học Kim Đồng,Trường,P,N,Hiệu trưởng,THKD,",
    "G3,Trường Cao đẳng Kon Tum,Trường,T,O,Hiệu trưởng,CĐKT,",
]
KINDS = ("plan", "pledge", "registration", "event-plan")


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """Plans, pledges, registrations and Ngày hội plans of every type of unit."""
    from click.testing import CliRunner

    folder = tmp_path_factory.mktemp("words")
    units = folder / "units.csv"
    units.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    out = folder / "out"
    for kind in KINDS:
        result = invoke_generate(CliRunner(), kind, out, units=units)
        assert result.exit_code == 0, result.stderr
    return out


def text(made, kind: str, code: str) -> str:
    return dh.full_text(dh.open_docx(made / kind / f"{code}.docx"))


def _unit(name: str, type_: str = "khu_dan_cu") -> Unit:
    return Unit(code="U", name=name, type=type_, parent_code=None, row=2)


@pytest.mark.parametrize(
    ("title", "name", "office"),
    [
        ("Trưởng thôn", "Thôn 1", "Trưởng thôn 1"),
        ("Trưởng thôn", "Thôn Kon Klor", "Trưởng thôn Kon Klor"),
        ("Trưởng thôn", "Làng Kon Jơ Ri", "Trưởng thôn làng Kon Jơ Ri"),
        ("Trưởng bản", "Bản Tà Xùa", "Trưởng bản Tà Xùa"),
        ("Tổ trưởng tổ dân phố", "Tổ dân phố 1", "Tổ trưởng Tổ dân phố 1"),
        ("Trưởng thôn 1", "Thôn 1", "Trưởng thôn 1"),
        ("Trưởng khu", "Khu Đồng Tiến", "Trưởng khu Đồng Tiến"),
        ("Trưởng khu", "Khu dân cư số 3", "Trưởng khu dân cư số 3"),
        ("Trưởng thôn", "Khu Đồng Tiến", "Trưởng thôn khu Đồng Tiến"),
    ],
)
def test_a_head_s_office_never_repeats_the_kind_of_unit(title, name, office):
    assert common.office(_unit(name), title) == office


def test_the_pledge_names_a_village_head_without_the_kind_twice(made):
    assert "Đại diện: E; chức vụ: Trưởng thôn 1." in text(made, "pledge", "X-1")
    assert "Đại diện: F; chức vụ: Trưởng thôn Kon Klor." in text(made, "pledge", "X-2")
    assert "Đại diện: D; chức vụ: Tổ trưởng Tổ dân phố 1." in text(made, "pledge", "P-1")


@pytest.mark.parametrize("kind", ["pledge", "registration"])
def test_an_enterprise_speaks_of_its_managers_and_workers(made, kind):
    private = text(made, kind, "D1")
    assert "người quản lý, người lao động" in private
    for word in ("công chức", "viên chức", "cán bộ", "bí mật nhà nước"):
        assert word not in private, word
    # A state enterprise (roster column Doanh nghiệp nhà nước) keeps state secrets; an agency too.
    state = text(made, kind, "D2")
    assert "bí mật nhà nước" in state and "viên chức" not in state
    agency = text(made, kind, "S")
    assert "cán bộ, công chức, viên chức" in agency and "bí mật nhà nước" in agency


@pytest.mark.parametrize("kind", KINDS)
def test_a_lower_secondary_or_primary_school_has_pupils_not_students(made, kind):
    for code in ("G1", "G2"):
        school = text(made, kind, code)
        assert "học sinh" in school, (kind, code)
        assert "sinh viên" not in school, (kind, code)
    assert "học sinh, sinh viên" in text(made, kind, "G3")


def test_only_a_commune_builds_new_countryside(made):
    ward = text(made, "plan", "P")
    assert "nông thôn mới" not in ward
    assert "Gắn phong trào với xây dựng đô thị văn minh;" in ward
    commune = text(made, "plan", "X")
    assert "Gắn phong trào với xây dựng nông thôn mới;" in commune
    assert "đô thị" not in commune


def test_a_school_s_ngay_hoi_fits_the_summer_break(made):
    school = text(made, "event-plan", "G1")
    assert (
        "3. Thành phần: Ban Giám hiệu, Công đoàn, Đoàn Thanh niên, giáo viên, nhân viên "
        "Trường THCS Lê Lợi và học sinh có điều kiện tham gia trong dịp nghỉ hè."
    ) in school
    assert (
        "3. Giáo viên chủ nhiệm: thông báo nội dung Ngày hội đến học sinh trong dịp nghỉ hè "
        "qua nhóm liên lạc của lớp; mời học sinh có điều kiện tham gia."
    ) in school
    assert "các lớp" not in school
    # A school's parts are its tổ chuyên môn, not phòng.
    assert "Đại diện các tổ chuyên môn, bộ phận, tổ chức đoàn thể" in school
    assert "- Các tổ chuyên môn, bộ phận, tổ chức đoàn thể (để\u00a0thực\u00a0hiện);" in school
    assert "phòng," not in school
    assert "hoạt động ngoại khóa" not in text(made, "plan", "G1")


def _reporter(doc) -> str:
    """Who presents the report on the movement at the ceremony (programme table)."""
    for table in doc.tables:
        for row in table.rows:
            cells = [c.text for c in row.cells]
            if cells[1].startswith("Báo cáo kết quả thực hiện phong trào"):
                return cells[2]
    raise AssertionError("no report row in the programme")


@pytest.mark.parametrize(
    ("code", "office"),
    [
        ("S", "Văn phòng (bộ phận hành chính)"),
        ("D1", "Bộ phận Hành chính - Tổ chức"),
        ("G1", "Bộ phận văn phòng nhà trường"),
        ("X", "Công an xã Hà Mòn"),
    ],
)
def test_the_movement_report_is_prepared_by_the_office_not_a_guard_team(made, code, office):
    doc = dh.open_docx(made / "event-plan" / f"{code}.docx")
    assert _reporter(doc) == office
    for line in dh.texts(doc):
        if "chuẩn bị báo cáo kết quả" in line:
            assert not re.search(r"[Tt]ổ bảo vệ|[Ll]ực lượng bảo vệ", line), line
    if code != "X":
        assert any(
            line.startswith(f"1. {office.split(' (')[0]}")
            and "chuẩn bị báo cáo kết quả phong trào 8 tháng đầu năm" in line
            for line in dh.texts(doc)
        )


@pytest.mark.parametrize(
    ("code", "office"),
    [
        ("S", "Văn phòng (bộ phận hành chính)"),
        ("D1", "Bộ phận Hành chính - Tổ chức"),
        ("G1", "Bộ phận văn phòng nhà trường"),
    ],
)
def test_a_plan_gives_the_year_end_report_to_the_office(made, code, office):
    assert (
        f"3. {office} theo dõi, tổng hợp kết quả; tham mưu người đứng đầu tự đánh giá, chấm "
        "điểm kết quả thực hiện phong trào năm 2025 và gửi báo cáo về"
    ) in text(made, "plan", code)


def test_the_state_enterprise_column_is_read_and_checked(tmp_path):
    from antq_docs.errors import ValidationError
    from antq_docs.inputs.roster import load_roster

    path = tmp_path / "r.csv"
    path.write_text(
        "Mã đơn vị,Tên đơn vị,Loại,Mã cấp trên,Doanh nghiệp nhà nước\n"
        "T,Tỉnh Kon Tum,Tỉnh,,\nD1,Công ty A,Doanh nghiệp,T,có\n"
        "D2,Công ty B,Doanh nghiệp,T,\n",
        encoding="utf-8",
    )
    roster = load_roster(path)
    assert (roster.get("D1").state_owned, roster.get("D2").state_owned) == (True, False)
    path.write_text(path.read_text(encoding="utf-8").replace("T,có", "T,nửa"), encoding="utf-8")
    with pytest.raises(ValidationError) as excinfo:
        load_roster(path)
    assert [str(f) for f in excinfo.value.findings] == [
        'r.csv, dòng 3, cột E (Doanh nghiệp nhà nước): "nửa" không rõ; ghi x, có, 1 hoặc để trống'
    ]
