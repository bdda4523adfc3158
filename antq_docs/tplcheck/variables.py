"""What each kind gives its templates: variables described from the sample, BIEN.md, the export.

What a template may use is derived at run time from the kinds themselves: the context of sample
units is built by each kind and described (type, example, meaning from the kind's `variables`
table), so a kind that changes its context changes the list, the guide and the check at once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from antq_docs import resources
from antq_docs.errors import DiskFull, InputError, UsageError, is_disk_full
from antq_docs.identity import Identity, encode
from antq_docs.inputs.loading import Inputs, load_inputs
from antq_docs.kinds import REGISTRY, Kind, Needs
from antq_docs.kinds.base import Image
from antq_docs.kinds.common import UNIT_WORD_VARIABLES
from antq_docs.messages import documents as output_msg
from antq_docs.messages import templates as msg
from antq_docs.output import why_not_written, write_new

VARIABLES_FILE = "BIEN.md"
SAMPLE_RESULTS = "results-kon-tum-2025.csv"
SAMPLE_SCORES = "scores-kon-tum-2025.csv"
# Contexts built per template to learn its variables: enough to meet non-empty lists.
_SAMPLES_PER_TEMPLATE = 40

# What the variables built by kinds/common.py mean (header, legal bases, the province's plan,
# signature, recipients, thresholds, a commune's khu dân cư), whichever kinds give them; a
# kind's own `variables` table adds or overrides.
SHARED_MEANINGS: dict[str, str] = {
    **UNIT_WORD_VARIABLES,
    "cq_cap_tren": "cơ quan cấp trên (dòng trên tên cơ quan ban hành): cột Cơ quan chủ quản, "
    "không có thì suy ra khi chắc chắn; rỗng nếu không có hoặc chưa rõ",
    "cq_cap_tren_dong": "cơ quan cấp trên ngắt thành các dòng không cắt ngang một tên, mỗi "
    "dòng một phần tử (chữ in hoa); rỗng khi không có",
    "cq_ban_hanh": "tên cơ quan ban hành, mỗi dòng một phần tử (chữ in hoa)",
    "dong_ngay": "dòng địa danh, ngày tháng năm ban hành",
    "sau_quy_i": "đúng khi văn bản ghi ngày sau Quý I (sau 31/3): mẫu không giao việc "
    "“trong Quý I” nữa mà “ngay sau khi … được ban hành”",
    "so_ky_hieu": "số và ký hiệu văn bản (để trống số khi chưa cấp)",
    "ma_nhan_dien": "mã QR nhận diện văn bản (đơn vị, loại, số và ký hiệu, ngày), in thành "
    "hình vuông 14 mm ở chỗ đặt thẻ (mẫu có sẵn: lề dưới mọi trang); rỗng khi kế hoạch ghi "
    "ma_nhan_dien: false. Bỏ thẻ thì văn bản không có mã",
    "nam": "năm của phong trào",
    "can_cu": "các văn bản làm căn cứ (không có chữ “Căn cứ”, mẫu tự viết), mỗi phần tử một "
    "dòng; kế hoạch của tỉnh (ke_hoach) được mẫu trích ở dòng cuối",
    "ke_hoach": "kế hoạch của tỉnh mà văn bản này thực hiện (mẫu trích ở dòng căn cứ hoặc "
    "câu “Thực hiện …”)",
    "ke_hoach.so": "số và ký hiệu kế hoạch của tỉnh",
    "ke_hoach.ngay": "ngày ban hành kế hoạch của tỉnh (ngày/tháng/năm)",
    "ke_hoach.co_quan": "cơ quan ban hành kế hoạch của tỉnh",
    "ke_hoach.trich_yeu": "trích yếu kế hoạch của tỉnh, không có dấu chấm cuối (mẫu viết sau "
    "chữ “về”)",
    "ky": "khối chữ ký",
    "ky.tham_quyen": "dòng thẩm quyền ký (TM., KT. …), có thể rỗng",
    "ky.chuc_vu": "chức vụ người ký (chữ in hoa)",
    "ky.ho_ten": "họ và tên người ký",
    "noi_nhan": "các cơ quan nhận văn bản, mỗi phần tử một dòng; mẫu tự viết các dòng cuối "
    "(“- Lưu: VT.”)",
    "noi_nhan.ten": "tên cơ quan nhận",
    "noi_nhan.de": "lý do nhận: bao_cao (để báo cáo), thuc_hien (để thực hiện), phoi_hop (để "
    "phối hợp), rỗng thì không ghi",
    "nguong": "ngưỡng điểm thấp nhất của từng mức xếp loại đã dùng (chữ số)",
    "nguong.xuat_sac": "điểm thấp nhất của mức Xuất sắc",
    "nguong.kha": "điểm thấp nhất của mức Khá",
    "nguong.trung_binh": "điểm thấp nhất của mức Trung bình (dưới mức này là Yếu)",
    "kdc": "các khu dân cư trực thuộc xã và kết quả cuối năm của chúng (căn cứ công nhận xã "
    "đạt tiêu chuẩn)",
    "kdc.ds": "bảng các khu dân cư có kết quả, mỗi dòng một khu dân cư; rỗng với đơn vị không "
    "có khu dân cư (mẫu bỏ cả đoạn)",
    "kdc.ds.stt": "số thứ tự",
    "kdc.ds.ten": "tên khu dân cư",
    "kdc.ds.dang_ky": "đúng khi khu dân cư đã đăng ký tiêu chuẩn “An toàn về an ninh, trật tự”",
    "kdc.ds.dat_chuan": "đúng khi khu dân cư được công nhận đạt tiêu chuẩn",
    "kdc.ds.diem": "tổng điểm tự chấm của khu dân cư",
    "kdc.ds.xep_loai": "mức xếp loại của khu dân cư (Xuất sắc, Khá, Trung bình, Yếu)",
    "kdc.tong": "số khu dân cư, hai chữ số",
    "kdc.dang_ky": "số khu dân cư đã đăng ký, hai chữ số",
    "kdc.dat_chuan": "số khu dân cư được công nhận đạt tiêu chuẩn, hai chữ số",
}
_TYPE_NAMES = {
    str: "chữ",
    bool: "đúng/sai",
    int: "số nguyên",
    float: "số",
    Decimal: "số",
    dt.date: "ngày",
    list: "danh sách",
    dict: "nhóm",
    Image: "hình ảnh",
    Identity: "mã QR",
}


@dataclass
class Variable:
    """One value a kind gives its template: name, type, meaning, an example from the sample."""

    name: str
    type: str
    meaning: str
    example: str
    fields: list[Variable] = field(default_factory=list)

    def lines(self, depth: int = 0) -> list[str]:
        """The variable and its fields, one indented line each, for a terminal."""
        head = f"{'  ' * depth}{self.name} ({self.type})"
        if self.meaning:
            head += f": {self.meaning}"
        if self.example:
            head += f"; ví dụ: {self.example}"
        return [head] + [line for f in self.fields for line in f.lines(depth + 1)]


@dataclass
class KindTemplates:
    """A kind's template files and the variables they may use."""

    kind: Kind
    files: list[str]
    variables: list[Variable]
    # template file → the schema of its context (name → merged sample values).
    schemas: dict[str, dict[str, Any]]


def sample_inputs() -> Inputs:
    """The bundled sample: campaign, rosters by period, results and scores."""
    return load_inputs(
        None,
        None,
        kinds=REGISTRY,
        results=resources.sample(SAMPLE_RESULTS),
        scores=resources.sample(SAMPLE_SCORES),
        households=resources.sample(resources.SAMPLE_HOUSEHOLDS),
        per_household=True,
    )


def sample_contexts(inputs: Inputs, kind: Kind) -> dict[str, list[dict[str, Any]]]:
    """Template file → contexts the kind builds for sample units that use that file."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in kind.templates}
    roster = inputs.roster_for(kind.name)
    campaign = inputs.campaign
    for unit in roster:
        if not kind.needs(campaign, unit):
            continue
        name = kind.template(campaign, unit)
        if len(out.setdefault(name, [])) >= _SAMPLES_PER_TEMPLATE:
            continue
        needs = Needs(roster.source, inputs.campaign.source, roster.columns)
        # The kind's own documents of the unit: a khu dân cư's pledge with its households
        # and the households' forms; a unit the results owe nothing still shows its context.
        docs = kind.documents(
            campaign, roster, [unit], needs, inputs.results, households=inputs.households
        )
        if not docs:
            docs = [kind.document(campaign, roster, unit, needs, inputs.results)]
        for doc in docs:
            if len(out.setdefault(doc.template, [])) >= _SAMPLES_PER_TEMPLATE:
                continue
            if doc.number is not None:
                doc.context["so_ky_hieu"] = doc.number.format(None)
            out[doc.template].append(doc.context)
    return out


def _merge(values: list[Any]) -> Any:
    """One representative of sample values: the first non-empty; dicts and lists merged."""
    dicts = [v for v in values if isinstance(v, dict)]
    if dicts:
        keys: dict[str, list[Any]] = {}
        for d in dicts:
            for k, v in d.items():
                keys.setdefault(k, []).append(v)
        return {k: _merge(vs) for k, vs in keys.items()}
    lists = [v for v in values if isinstance(v, list)]
    if lists:
        items = [i for lst in lists for i in lst]
        return [_merge(items)] if items else []
    for v in values:
        if v not in ("", None):
            return v
    return values[0] if values else None


def schema(contexts: list[dict[str, Any]]) -> dict[str, Any]:
    """The variables of a template as one merged sample context."""
    merged = _merge(contexts)
    return merged if isinstance(merged, dict) else {}


def _type_name(value: Any) -> str:
    if isinstance(value, list):
        inner = _type_name(value[0]) if value else ""
        return f"danh sách {inner}".strip() if inner != "nhóm" else "bảng (danh sách nhóm)"
    for cls, name in _TYPE_NAMES.items():
        if isinstance(value, cls) and not (cls is int and isinstance(value, bool)):
            return name
    return "không có giá trị" if value is None else type(value).__name__


def _example(value: Any) -> str:
    if isinstance(value, list):
        return _example(value[0]) if value and not isinstance(value[0], dict) else ""
    if isinstance(value, (dict, Image)) or value in (None, ""):
        return ""
    # A QR code shows the text it holds (the number is given when the document is written).
    text = encode(value) if isinstance(value, Identity) else str(value)
    return f"“{text[:70]}…”" if len(text) > 70 else f"“{text}”"


def _describe(name: str, value: Any, meanings: dict[str, str], path: str) -> Variable:
    fields_of = value[0] if isinstance(value, list) and value else value
    fields = []
    if isinstance(fields_of, dict):
        fields = [_describe(k, v, meanings, f"{path}.{k}") for k, v in fields_of.items()]
    meaning = meanings.get(path, SHARED_MEANINGS.get(path, ""))
    return Variable(name, _type_name(value), meaning, _example(value), fields)


def kind_templates(inputs: Inputs | None = None) -> list[KindTemplates]:
    """Every kind, its template files and the variables they may use, from the sample."""
    inputs = inputs or sample_inputs()
    out = []
    for kind in REGISTRY.values():
        contexts = sample_contexts(inputs, kind)
        schemas = {name: schema(found) for name, found in contexts.items()}
        union = schema(list(schemas.values()))
        variables = [_describe(k, v, kind.variables, k) for k, v in union.items()]
        out.append(KindTemplates(kind, list(contexts), variables, schemas))
    return out


def variables_markdown(kinds: list[KindTemplates]) -> str:
    """BIEN.md: the variables of each kind, for whoever edits the templates."""
    lines = [
        "# Biến trong các mẫu văn bản",
        "",
        "Mỗi loại văn bản cung cấp các biến dưới đây cho mẫu của mình. Ví dụ lấy từ dữ "
        "liệu mẫu Kon Tum 2025. Viết biến trong Word: `{{ ten_bien }}`; trường của một "
        "nhóm: `{{ nhom.truong }}`; lặp qua danh sách: `{%p for x in danh_sach %}` … "
        "`{%p endfor %}`.",
        "",
    ]
    for entry in kinds:
        lines += [
            f"## {entry.kind.label} (`{entry.kind.name}`)",
            "",
            "Tệp mẫu: " + ", ".join(f"`{f}`" for f in entry.files),
            "",
            "| Biến | Kiểu | Ý nghĩa | Ví dụ |",
            "|---|---|---|---|",
        ]
        lines += _table_rows(entry.variables, "")
        lines.append("")
    return "\n".join(lines)


def _table_rows(variables: list[Variable], prefix: str) -> list[str]:
    """Markdown rows of variables and, below each, its fields as prefix.name."""
    out = []
    for v in variables:
        cells = [f"`{prefix}{v.name}`", v.type, v.meaning, v.example]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
        out += _table_rows(v.fields, f"{prefix}{v.name}.")
    return out


def export_templates(folder: Path, kinds: list[KindTemplates] | None = None) -> list[Path]:
    """Copy the built-in templates and BIEN.md into folder; never overwrite a file.

    Raises UsageError naming every file that already exists, before writing anything.
    """
    folder = Path(folder)
    kinds = kinds if kinds is not None else kind_templates()
    names = [name for entry in kinds for name in entry.files]
    targets = [folder / n for n in names] + [folder / VARIABLES_FILE]
    existing = [str(t) for t in targets if t.exists()]
    if existing:
        raise UsageError(msg.GUIDE_EXISTS.format(files=", ".join(existing)))
    contents = {folder / n: resources.template_path(n).read_bytes for n in names}
    contents[folder / VARIABLES_FILE] = lambda: variables_markdown(kinds).encode("utf-8")
    written: list[Path] = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for target, data in contents.items():
            # Each file whole or not at all; a set cut short is removed below, since a second
            # export refuses a folder that already holds any of it.
            if write_new(target, data()):
                written.append(target)
    except OSError as e:
        for target in written:
            target.unlink(missing_ok=True)
        if is_disk_full(e):
            raise DiskFull(output_msg.WRITING_TEMPLATES, path=folder) from e
        raise InputError(
            msg.GUIDE_NOT_WRITTEN.format(reason=why_not_written(e)), path=folder
        ) from e
    return targets
