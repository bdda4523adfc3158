"""The campaign as a form an official fills, and the Vietnamese name of every key of the file.

A commune official never sees the YAML: the web page shows the fields below, each under its
Vietnamese label, and names every finding of the loader by label and row ("Chỉ tiêu, dòng 3,
Mã đơn vị được giao riêng") rather than by its key path (chi_tieu[3].don_vi). A field's name is
the key path the loader reports in its findings (nam, ke_hoach.so, ngay_van_ban.plan; the
columns of a table under their row key: chi_tieu[3].ma), so a finding lands beside its field.

What the form shows is data (form_sections); what every other key is called is data too
(OTHER_LABELS), so the command line can name keys the same way. Reading and writing the values
is in inputs/campaign_form_values.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from antq_docs.model import CHANGE_BODIES, CHANGE_LEVELS, UNIT_TYPES, DeclaredKind

# The kinds of field: one line of text, a paragraph, a date (day first or ISO), a number, a
# list of lines (one document or body a line), a table of rows, a choice among fixed words,
# the unit types a row concerns (ticked), unit codes separated by commas.
TEXT = "text"
LONG_TEXT = "long_text"
DATE = "date"
NUMBER = "number"
LINES = "lines"
ROWS = "rows"
CHOICE = "choice"
TYPES = "types"
CODES = "codes"

DATE_HINT = "ngày/tháng/năm, ví dụ 07/03/2025"


@dataclass(frozen=True)
class FormField:
    """One field of the campaign form: its key path, label, hint, kind and whether required.

    A table (ROWS) has columns, each a FormField named by its key inside a row; a CHOICE has
    its (value, label) choices, the first being what an empty field means.
    """

    name: str
    label: str
    hint: str = ""
    type: str = TEXT
    required: bool = False
    columns: tuple[FormField, ...] = ()
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FormSection:
    """A group of fields shown together under a title, with a sentence saying what it is for."""

    title: str
    hint: str
    fields: tuple[FormField, ...]


def _first_upper(text: str) -> str:
    """'Cấp xã' for 'cấp xã': a label as it starts a field's name."""
    return text[:1].upper() + text[1:]


# The unit types as the form names them ("Cấp xã"), in the order of the roster's Loại column.
TYPE_CHOICES: tuple[tuple[str, str], ...] = tuple(
    (key, _first_upper(label)) for key, label in UNIT_TYPES.items()
)

_YEAR = (
    FormField("nam", "Năm", "ví dụ 2025", NUMBER, required=True),
    FormField("tinh", "Tỉnh", "tên tỉnh, không ghi chữ “tỉnh”", required=True),
    FormField("dia_danh", "Địa danh ở dòng ngày tháng", "để trống: tên tỉnh ở trên"),
    FormField(
        "ban_chi_dao",
        "Ban Chỉ đạo phong trào của tỉnh",
        "nơi nhận báo cáo của các đơn vị",
        required=True,
    ),
)

_PLAN = (
    FormField("ke_hoach.co_quan", "Cơ quan ban hành", "như ghi trong kế hoạch", required=True),
    FormField("ke_hoach.so", "Số và ký hiệu", "ví dụ 38/KH-BCĐ", required=True),
    FormField("ke_hoach.ngay", "Ngày ban hành", DATE_HINT, DATE, required=True),
    FormField(
        "ke_hoach.trich_yeu",
        "Trích yếu",
        "nội dung sau chữ “về”, như ghi trong kế hoạch",
        LONG_TEXT,
        required=True,
    ),
)


def _measure(measures: Mapping[str, str] | None) -> FormField:
    """ma: what a target is measured by, chosen among the measures when the caller knows them
    (the indicators, a layer above), else typed as its id."""
    label = "Chỉ số đo"
    hint = "báo cáo đo và so chỉ tiêu bằng chỉ số này"
    if measures:
        return FormField("ma", label, hint, CHOICE, required=True, choices=tuple(measures.items()))
    return FormField("ma", label, "ví dụ dang_ky, dat_chuan, ngay_hoi", required=True)


_TARGET_COLUMNS = (
    FormField("noi_dung", "Nội dung", "lời văn của chỉ tiêu", LONG_TEXT, required=True),
    FormField(
        "loai",
        "Loại đơn vị áp dụng",
        "không chọn loại nào: mọi loại (trừ chỉ tiêu giao riêng cho đơn vị có mã)",
        TYPES,
        choices=TYPE_CHOICES,
    ),
    FormField("ty_le", "Tỷ lệ (%)", "từ 0 đến 100", NUMBER),
    FormField(
        "so_sanh",
        "Cách so",
        "“trên 80%” hay “đạt ít nhất 80%”",
        CHOICE,
        choices=((">=", "Đạt ít nhất"), (">", "Trên")),
    ),
    FormField(
        "don_vi",
        "Mã đơn vị được giao riêng",
        "mã trong danh sách đơn vị, cách nhau bằng dấu phẩy",
        CODES,
    ),
    FormField("so_luong", "Số đơn vị điển hình", "để trống: 01", NUMBER),
)

_CHANGE_COLUMNS = (
    FormField(
        "co_quan",
        "Cơ quan kết thúc",
        "Công an của cấp đó, hay cả chính quyền cấp đó (kể cả Công an)",
        CHOICE,
        required=True,
        choices=tuple((key, _first_upper(label)) for key, label in CHANGE_BODIES.items()),
    ),
    FormField(
        "cap",
        "Cấp",
        "",
        CHOICE,
        required=True,
        choices=tuple((level, _first_upper(UNIT_TYPES[level])) for level in CHANGE_LEVELS),
    ),
    FormField("den_ngay", "Hoạt động đến hết ngày", DATE_HINT, DATE, required=True),
    FormField("can_cu", "Theo văn bản", "không bắt buộc", LONG_TEXT),
)

_ANNIVERSARY_COLUMNS = (
    FormField(
        "noi_dung",
        "Tên ngày kỷ niệm",
        "không ghi số năm: số năm tự tính",
        required=True,
    ),
    FormField("ngay", "Ngày bắt đầu", DATE_HINT, DATE, required=True),
)

_ROSTER_COLUMNS = (
    FormField("tu_ngay", "Từ ngày", DATE_HINT, DATE, required=True),
    FormField("tinh", "Tỉnh của thời kỳ", "chỉ ghi khi khác tỉnh ở trên (sau hợp nhất)"),
)

# The year-end settings a province rarely changes: report deadlines per unit type (the
# province itself reports to no one above it in this program), the score thresholds and the
# scoring sheet. Shown so that every value of the file, its dates above all, can be corrected.
_DEADLINES = tuple(
    FormField(f"han_bao_cao.{key}", label, "để trống: hạn mặc định của loại này", DATE)
    for key, label in TYPE_CHOICES
    if key != "tinh"
)

_THRESHOLDS = (
    FormField("xep_loai.xuat_sac", "Điểm thấp nhất loại Xuất sắc", "để trống: 90", NUMBER),
    FormField("xep_loai.kha", "Điểm thấp nhất loại Khá", "để trống: 70", NUMBER),
    FormField("xep_loai.trung_binh", "Điểm thấp nhất loại Trung bình", "để trống: 50", NUMBER),
)

_SCORE_COLUMNS = (
    FormField("ma", "Mã mục", "như ở cột của bảng điểm từng mục, ví dụ 1", required=True),
    FormField("noi_dung", "Nội dung", "việc được chấm điểm", LONG_TEXT, required=True),
    FormField("diem_toi_da", "Điểm tối đa", "tổng các mục là 100", NUMBER, required=True),
    FormField(
        "can",
        "Điều kiện có điểm",
        "mục về Ngày hội chỉ có điểm khi đơn vị đã tổ chức",
        CHOICE,
        choices=(("", "Luôn được chấm"), ("ngay_hoi", "Chỉ khi đơn vị tổ chức Ngày hội")),
    ),
)


def _kind_label(kind: DeclaredKind) -> str:
    """'Kế hoạch năm' for the kind labelled 'kế hoạch năm'."""
    return _first_upper(kind.label)


def _doc_date_fields(kinds: Mapping[str, DeclaredKind]) -> tuple[FormField, ...]:
    """ngay_van_ban: one date per kind; a kind that follows another says which when empty."""
    fields = []
    for name, kind in kinds.items():
        followed = kinds.get(kind.date_key) if kind.date_key else None
        hint = (
            f"để trống: cùng ngày với {followed.label}"
            if followed is not None
            else "để trống: không ghi ngày"
        )
        fields.append(FormField(f"ngay_van_ban.{name}", _kind_label(kind), hint, DATE))
    return tuple(fields)


# The QR code every document prints (ma_nhan_dien), on unless turned off.
_QR_CODE = FormSection(
    "Mã QR trên văn bản",
    "Mỗi văn bản in một mã QR nhỏ ở lề dưới mọi trang (đơn vị, loại văn bản, số, ngày) "
    "để bản đã ký, khi quét lại, được nhận ra và xếp đúng đơn vị.",
    (
        FormField(
            "ma_nhan_dien",
            "In mã QR",
            "",
            CHOICE,
            choices=(("true", "Có (mặc định)"), ("false", "Không")),
        ),
    ),
)

# The sections on how the organisation changes within the year.
_ORGANISATION = (
    FormSection(
        "Thay đổi tổ chức",
        "Cơ quan đã kết thúc hoạt động, trong năm hay từ năm trước: văn bản ghi ngày sau đó "
        "không nêu tên, không giao việc, không gửi cơ quan ấy; quyết định công nhận căn cứ luật "
        "ghi ở đây. Kế hoạch các năm sau vẫn giữ các dòng của năm 2025 (Công an cấp huyện, chính "
        "quyền cấp huyện kết thúc): bỏ đi thì văn bản coi như cấp huyện còn.",
        (FormField("thay_doi_to_chuc", "Thay đổi tổ chức", "", ROWS, columns=_CHANGE_COLUMNS),),
    ),
    FormSection(
        "Danh sách đơn vị theo thời kỳ",
        "Khi đơn vị hành chính thay đổi trong năm: mỗi thời kỳ một tệp danh sách, có hiệu "
        "lực từ ngày ghi bên cạnh. Tệp của từng thời kỳ đưa lên ở khung “Dữ liệu đang dùng”, "
        "ghi cùng “Từ ngày” đó.",
        (
            FormField(
                "danh_sach_don_vi", "Danh sách theo thời kỳ", "", ROWS, columns=_ROSTER_COLUMNS
            ),
        ),
    ),
)


# The year-end settings, last: a province rarely changes them.
_YEAR_END = FormSection(
    "Hạn báo cáo, xếp loại và bảng điểm",
    "Hạn gửi báo cáo cuối năm của từng loại đơn vị, ngưỡng xếp loại và bảng chấm "
    "điểm 100 điểm. Các ngày phải thuộc năm của phong trào.",
    (
        *_DEADLINES,
        *_THRESHOLDS,
        FormField("bang_diem", "Bảng chấm điểm", "", ROWS, columns=_SCORE_COLUMNS),
    ),
)


def form_sections(
    kinds: Mapping[str, DeclaredKind], measures: Mapping[str, str] | None = None
) -> tuple[FormSection, ...]:
    """The campaign form, section by section; kinds is the registry (its dates, its labels),
    measures the id → label of each measured target, when the caller has them."""
    return (
        FormSection(
            "Năm và tỉnh",
            "Năm của phong trào và tỉnh ban hành kế hoạch.",
            _YEAR,
        ),
        FormSection(
            "Kế hoạch của tỉnh",
            "Văn bản mà mọi văn bản của các đơn vị lấy làm căn cứ.",
            _PLAN,
        ),
        FormSection(
            "Căn cứ khác",
            "Các văn bản ghi trước kế hoạch của tỉnh ở phần căn cứ, mỗi dòng một văn bản.",
            (FormField("can_cu", "Căn cứ", "số, ngày, cơ quan ban hành và trích yếu", LINES),),
        ),
        FormSection(
            "Nơi nhận báo cáo tổng kết của tỉnh",
            "Các cơ quan cấp trên nhận báo cáo tổng kết của tỉnh, mỗi dòng một cơ quan.",
            (FormField("noi_nhan_bao_cao", "Nơi nhận", "", LINES),),
        ),
        FormSection(
            "Ngày ghi trên từng loại văn bản",
            "Mỗi loại văn bản mang một ngày; không được trước ngày của kế hoạch tỉnh.",
            _doc_date_fields(kinds),
        ),
        _QR_CODE,
        FormSection(
            "Ngày hội toàn dân bảo vệ an ninh Tổ quốc",
            "Ngày tổ chức và các ngày kỷ niệm gắn với Ngày hội.",
            (
                FormField("ngay_hoi", "Ngày hội", "để trống: 19/8 của năm", DATE),
                FormField(
                    "ngay_hoi_to_chuc.hoat_dong_tu",
                    "Hoạt động hưởng ứng bắt đầu từ",
                    "để trống: 01/7 của năm",
                    DATE,
                ),
                FormField("ngay_hoi_to_chuc.gio", "Giờ khai mạc", "để trống: 07 giờ 30 phút"),
                FormField("ky_niem", "Ngày kỷ niệm", "", ROWS, columns=_ANNIVERSARY_COLUMNS),
            ),
        ),
        FormSection(
            "Chỉ tiêu",
            "Các chỉ tiêu của kế hoạch tỉnh; kế hoạch của mỗi đơn vị chỉ nêu chỉ tiêu của mình.",
            (
                FormField(
                    "chi_tieu", "Chỉ tiêu", "", ROWS, columns=(_measure(measures), *_TARGET_COLUMNS)
                ),
            ),
        ),
        *_ORGANISATION,
        _YEAR_END,
    )


def form_fields(kinds: Mapping[str, DeclaredKind]) -> tuple[FormField, ...]:
    """Every top-level field of the form (tables as one field each), in the form's order."""
    return tuple(f for section in form_sections(kinds) for f in section.fields)


# What the keys the form does not show are called, for findings on an uploaded file. A `*`
# stands for any key of a mapping keyed by unit type or document kind, named by its label.
OTHER_LABELS: dict[str, str] = {
    "(gốc)": "Tệp kế hoạch",
    "ke_hoach": "Kế hoạch của tỉnh",
    "ngay_van_ban": "Ngày văn bản",
    "ngay_van_ban.*": "",
    "can_cu_dang": "Căn cứ của nghị quyết cấp ủy, chi bộ",
    "can_cu_cham_diem": "Căn cứ chấm điểm, xếp loại",
    "can_cu_ngay_hoi": "Căn cứ tổ chức Ngày hội",
    "ngay_hoi_to_chuc": "Cách tổ chức Ngày hội",
    "ngay_hoi_to_chuc.theo_loai": "Theo loại đơn vị",
    "ngay_hoi_to_chuc.theo_loai.*": "",
    "ngay_hoi_to_chuc.theo_loai.*.dia_diem": "Địa điểm",
    "ngay_hoi_to_chuc.theo_loai.*.kinh_phi": "Kinh phí",
    "ngay_hoi_to_chuc.theo_loai.*.thanh_phan": "Thành phần",
    "ngay_hoi_to_chuc.theo_loai.*.du_toan": "Dự toán",
    "ngay_hoi_to_chuc.theo_loai.*.du_toan[].noi_dung": "Nội dung",
    "ngay_hoi_to_chuc.theo_loai.*.du_toan[].so_tien": "Số tiền",
    "hinh_thuc_ky": "Hình thức ký",
    "hinh_thuc_ky.*": "",
    "danh_so": "Đánh số văn bản",
    "danh_so.*": "",
    "xep_loai": "Ngưỡng xếp loại",
    "bang_diem": "Bảng chấm điểm",
    "hop_binh_xet": "Loại đơn vị họp bình xét",
    "tai_lieu_bat_buoc": "Văn bản bắt buộc",
    "tai_lieu_bat_buoc.*": "",
    "tham_quyen_cong_nhan": "Thẩm quyền công nhận",
    "tham_quyen_cong_nhan.*": "",
    "nhan_danh_cong_nhan": "Quyết định công nhận nhân danh",
    "so_lieu": "Số liệu của năm",
    "so_lieu[].ma": "Mã",
    "so_lieu[].ten": "Tên",
    "so_lieu[].don_vi_tinh": "Đơn vị tính",
    "so_lieu[].loai": "Loại đơn vị",
    "so_lieu[].muc": "Phần của báo cáo",
    "han_bao_cao": "Hạn gửi báo cáo cuối năm",
    "han_bao_cao.*": "",
    "danh_sach_don_vi[].tep": "Tên tệp danh sách",
    "mau": "Thư mục mẫu riêng",
    "the_thuc": "Thể thức (khóa cũ)",
}


def key_labels(kinds: Mapping[str, DeclaredKind]) -> dict[str, str]:
    """Key pattern → Vietnamese label for every key of the campaign file.

    A pattern writes a table's row as `[]` (chi_tieu[].ma) and any key of a mapping keyed by
    unit type or document kind as `*`; such a key is named by the type's or the kind's label.
    """
    labels = dict(OTHER_LABELS)
    for field in form_fields(kinds):
        labels[field.name] = field.label
        for column in field.columns:
            labels[f"{field.name}[].{column.name}"] = column.label
    return labels


def key_names(kinds: Mapping[str, DeclaredKind]) -> dict[str, str]:
    """The labels of the keys a `*` stands for: unit types and document kinds."""
    names = {key: label for key, label in TYPE_CHOICES}
    names.update({name: _kind_label(kind) for name, kind in kinds.items()})
    return names


_SEGMENT = re.compile(r"([^.\[\]]+)((?:\[\d+\])*)")


def describe_key(path: str, labels: Mapping[str, str], names: Mapping[str, str]) -> str:
    """'Chỉ tiêu, dòng 3, Mã đơn vị được giao riêng' for chi_tieu[3].don_vi.

    labels and names are key_labels() and key_names(); a key known to neither (a misspelt one)
    is quoted as written, since it is what the person typed.
    """
    parts: list[str] = []
    pattern = ""
    for match in _SEGMENT.finditer(path):
        key, rows = match.group(1), match.group(2)
        exact = f"{pattern}.{key}" if pattern else key
        wild = f"{pattern}.*" if pattern else "*"
        if exact in labels:
            pattern = exact
            parts.append(labels[exact] or names.get(key, f"“{key}”"))
        elif wild in labels:
            pattern = wild
            parts.append(labels[wild] or names.get(key, f"“{key}”"))
        else:
            pattern = exact
            parts.append(f"“{key}”")
        for row in re.findall(r"\d+", rows):
            parts.append(f"dòng {row}")
            pattern += "[]"
    return ", ".join(parts)


# A key path inside a message ("trùng với danh_sach_don_vi[1].tu_ngay"): a key with a row
# number or a sub-key after it, or a key of several words (thay_doi_to_chuc) alone.
_PATH_IN_TEXT = re.compile(r"\b[a-z]+(?:_[a-z]+)*(?:\[\d+\]|\.[a-z_-]+)*")


def name_key_paths(message: str, labels: Mapping[str, str], names: Mapping[str, str]) -> str:
    """A message with the key paths it cites of the campaign's own keys named by label.

    labels and names are key_labels() and key_names(); a word that is no key path of the
    campaign (a Vietnamese word written without marks, a roster column) is left as it is.
    """

    def named(match: re.Match[str]) -> str:
        path = match.group(0)
        top = re.match(r"[a-z_]+", path)
        # A lone word of one part ("nam", "tinh") is more likely Vietnamese than a key.
        lone_word = top is not None and path == top.group(0) and "_" not in path
        if top is None or top.group(0) not in labels or lone_word:
            return path
        return f"“{describe_key(path, labels, names)}”"

    return _PATH_IN_TEXT.sub(named, message)
