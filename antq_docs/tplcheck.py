"""Templates an official edits in Word: where they are found, what each kind gives them, a check.

(Not named templates.py: in a wheel, antq_docs/templates is the folder of the .docx files.)

A user's folder (--templates, or `mau` in the campaign) is searched before the built-in
templates, file by file. What a template may use is derived at run time from the kinds
themselves: the context of sample units is built by each kind and described (type, example,
meaning from the kind's `variables` table), so a kind that changes its context changes the
list, the guide and the check at once.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import unicodedata
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import TemplateError, TemplateSyntaxError, nodes
from lxml import etree

from antq_docs import resources
from antq_docs.errors import Finding, InputError, UsageError, ValidationError
from antq_docs.inputs.loading import Inputs, load_inputs
from antq_docs.kinds import REGISTRY, Kind, Needs
from antq_docs.kinds.base import Image
from antq_docs.kinds.common import UNIT_WORD_VARIABLES
from antq_docs.lint import lint_file
from antq_docs.output import why_not_written
from antq_docs.render import environment
from antq_docs.vi import closest

BUILTIN = "builtin:"
VARIABLES_FILE = "BIEN.md"
SAMPLE_RESULTS = "results-kon-tum-2025.csv"
SAMPLE_SCORES = "scores-kon-tum-2025.csv"
# Contexts built per template to learn its variables: enough to meet non-empty lists.
_SAMPLES_PER_TEMPLATE = 40
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARTS = re.compile(r"^word/(document|header\d*|footer\d*)\.xml$")
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
# Quotes Word's AutoCorrect types; docxtpl mends the first four inside a tag, not the others.
_MENDED_QUOTES = "“”‘’"
_OTHER_QUOTES = "„‟«»‹›″′＂"
_PARA_TAG_SPACED = re.compile(r"\{%-?\s+(p|tr|tc)\s+(if|for|elif|else|endif|endfor)\b")
_PARA_TAG_GLUED = re.compile(r"\{%-?(p|tr|tc)(if|for|elif|else|endif|endfor)\b")
_SPLIT_BRACES = re.compile(r"\{\s+[{%]|[}%]\s+\}")
# Names Jinja itself provides inside a template.
_JINJA_NAMES = frozenset({"loop", "range", "dict", "lipsum", "cycler", "joiner", "namespace",
                          "true", "false", "none", "True", "False", "None"})
ERROR, WARNING, INFO = "lỗi", "cảnh báo", "thông tin"

# What the variables built by kinds/common.py mean (header, legal bases, the province's plan,
# signature, recipients, thresholds, a commune's khu dân cư), whichever kinds give them; a
# kind's own `variables` table adds or overrides.
SHARED_MEANINGS: dict[str, str] = {
    **UNIT_WORD_VARIABLES,
    "cq_cap_tren": "cơ quan cấp trên (dòng trên tên cơ quan ban hành): cột Cơ quan chủ quản, "
                   "không có thì suy ra khi chắc chắn; rỗng nếu không có hoặc chưa rõ",
    "cq_ban_hanh": "tên cơ quan ban hành, mỗi dòng một phần tử (chữ in hoa)",
    "dong_ngay": "dòng địa danh, ngày tháng năm ban hành",
    "so_ky_hieu": "số và ký hiệu văn bản (để trống số khi chưa cấp)",
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
_TYPE_NAMES = {str: "chữ", bool: "đúng/sai", int: "số nguyên", float: "số", Decimal: "số",
               dt.date: "ngày", list: "danh sách", dict: "nhóm", Image: "hình ảnh"}


# ---------------------------------------------------------------- where templates are found


@dataclass(frozen=True)
class TemplateFile:
    """One template a document is made from: its path and how the manifest names it."""

    path: Path
    label: str
    user: bool


class TemplateSet:
    """The templates of a run: the user's folder first, file by file, then the built-in ones."""

    def __init__(self, folder: Path | None = None) -> None:
        if folder is not None and not Path(folder).exists():
            raise InputError("không tìm thấy thư mục mẫu.", path=folder)
        if folder is not None and not Path(folder).is_dir():
            raise InputError("là một tệp, không phải thư mục mẫu.", path=folder)
        self.folder = Path(folder) if folder is not None else None

    def strangers(self) -> list[Path]:
        """Word files of the user's folder that are no template's name (and so are not used)."""
        if self.folder is None:
            return []
        names = {n for kind in REGISTRY.values() for n in kind.templates}
        return sorted(p for p in self.folder.glob("*.docx")
                      if p.name not in names and not p.name.startswith(("~$", ".")))

    def find(self, name: str) -> TemplateFile:
        """The user's file of that name when the folder has one, else the built-in template."""
        if self.folder is not None:
            own = self.folder / name
            if own.is_file():
                return TemplateFile(own, str(own), True)
        return TemplateFile(resources.template_path(name), BUILTIN + name, False)


# ---------------------------------------------------------------- variables of each kind


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
        None, None, kinds=REGISTRY,
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
        docs = kind.documents(campaign, roster, [unit], needs, inputs.results,
                              households=inputs.households)
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
    text = str(value)
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
    lines = ["# Biến trong các mẫu văn bản", "",
             "Mỗi loại văn bản cung cấp các biến dưới đây cho mẫu của mình. Ví dụ lấy từ dữ "
             "liệu mẫu Kon Tum 2025. Viết biến trong Word: `{{ ten_bien }}`; trường của một "
             "nhóm: `{{ nhom.truong }}`; lặp qua danh sách: `{%p for x in danh_sach %}` … "
             "`{%p endfor %}`.", ""]
    for entry in kinds:
        lines += [f"## {entry.kind.label} (`{entry.kind.name}`)", "",
                  "Tệp mẫu: " + ", ".join(f"`{f}`" for f in entry.files), "",
                  "| Biến | Kiểu | Ý nghĩa | Ví dụ |", "|---|---|---|---|"]
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
        raise UsageError("đã có tệp, không ghi đè: " + ", ".join(existing))
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for name in names:
            shutil.copyfile(resources.template_path(name), folder / name)
        (folder / VARIABLES_FILE).write_text(variables_markdown(kinds), encoding="utf-8")
    except OSError as e:
        raise InputError(f"không ghi được ({why_not_written(e)}).", path=folder) from e
    return targets


# ---------------------------------------------------------------- checking a template


@dataclass(frozen=True)
class TemplateFinding:
    """One problem of a template, located by part and paragraph text."""

    file: str
    level: str
    message: str
    part: str = ""
    paragraph: int | None = None
    text: str = ""

    def location(self) -> str:
        """Where in the file: 'thân văn bản, đoạn 7 «…»', or '' for the whole file."""
        where = [self.part] if self.part else []
        if self.paragraph is not None or self.text:
            number = f" {self.paragraph}" if self.paragraph is not None else ""
            quoted = f" «{_short(self.text)}»" if self.text else ""
            where.append(f"đoạn{number}{quoted}")
        return ", ".join(where)

    def __str__(self) -> str:
        where = ", ".join(x for x in (self.file, self.location()) if x)
        return f"{where}: [{self.level}] {self.message}"


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _part_title(name: str) -> str:
    """How a message names a part of the package."""
    stem = name.rsplit("/", 1)[-1].removesuffix(".xml")
    if stem == "document":
        return "thân văn bản"
    if stem.startswith("header"):
        return f"đầu trang {stem[6:] or ''}".strip()
    return f"chân trang {stem[6:] or ''}".strip()


def _text(element: etree._Element) -> str:
    return "".join(t.text or "" for t in element.iter(f"{_W}t"))


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _strip_xml(xml: str) -> str:
    return _nfc(re.sub(r"<[^>]+>", "", xml))


class _Checker:
    """Runs every rule on one template file and collects the findings."""

    def __init__(self, path: Path, kind: Kind | None, provided: dict[str, Any] | None) -> None:
        self.path = path
        self.file = str(path)
        self.kind = kind
        self.provided = provided
        self.findings: list[TemplateFinding] = []
        self.used: set[str] = set()

    def add(self, level: str, message: str, part: str = "", paragraph: int | None = None,
            text: str = "") -> None:
        self.findings.append(
            TemplateFinding(self.file, level, message, part, paragraph, text))

    def run(self) -> list[TemplateFinding]:
        try:
            data = self.path.read_bytes()
            archive = zipfile.ZipFile(io.BytesIO(data))
            parts = {n: archive.read(n).decode("utf-8") for n in sorted(archive.namelist())
                     if _PARTS.match(n)}
            helper = DocxTemplate(io.BytesIO(data))
        except (OSError, zipfile.BadZipFile, UnicodeDecodeError, KeyError) as e:
            self.add(ERROR, f"không đọc được tệp Word .docx ({e})")
            return self.findings
        # The body first, then headers and footers, as Word shows them.
        order = sorted(parts, key=lambda n: (not n.endswith("document.xml"), n))
        for name in order:
            self.part(name, parts[name], helper)
        if self.provided is not None:
            unused = [k for k in self.provided if k not in self.used]
            if unused:
                self.add(INFO, "biến được cung cấp nhưng mẫu không dùng: " + ", ".join(unused))
        for finding in lint_file(self.path):
            self.add(ERROR, f"thể thức [{finding.rule}] {finding.location}: cần "
                            f"{finding.expected}; thấy {finding.found}")
        return self.findings

    def part(self, name: str, xml: str, helper: DocxTemplate) -> None:
        title = _part_title(name)
        try:
            root = etree.fromstring(xml.encode("utf-8"))
        except etree.XMLSyntaxError as e:
            self.add(ERROR, f"XML hỏng ({e})", title)
            return
        split = False
        for number, p in enumerate(root.iter(f"{_W}p"), start=1):
            split |= self.paragraph(title, number, _nfc(_text(p)))
        for row in root.iter(f"{_W}tr"):
            self.row(title, _nfc(_text(row)))
        if split:
            return  # docxtpl would glue paragraphs together: the Jinja errors would mislead
        patched = re.sub(r"<w:p([ >])", r"\n<w:p\1", helper.patch_xml(xml))
        lines = patched.split("\n")
        try:
            tree = environment().parse(patched)
            environment().compile(tree)
        except TemplateSyntaxError as e:
            line = (e.lineno or 1) - 1
            around = " ⏎ ".join(_short(_strip_xml(t), 60) for t in lines[max(line - 1, 0):line + 2]
                                if _strip_xml(t).strip())
            self.add(ERROR, f"lỗi cú pháp thẻ: {e.message}", title, None, around)
            return
        except TemplateError as e:
            self.add(ERROR, f"lỗi thẻ: {e}", title)
            return
        if self.provided is not None:
            _Names(self, title, lines).visit(tree, {})

    def paragraph(self, part: str, number: int, text: str) -> bool:
        """Rules read on one paragraph's text; True when a tag is split across paragraphs."""
        for tag in _TAG.findall(text):
            bad = [q for q in tag if q in _OTHER_QUOTES]
            curly = [q for q in tag if q in _MENDED_QUOTES]
            if bad:
                self.add(ERROR, f"dấu ngoặc {''.join(bad)} trong thẻ {tag}: gõ lại bằng "
                                "dấu ngoặc thẳng \" hoặc '", part, number, text)
            elif curly:
                self.add(WARNING, f"dấu ngoặc cong {''.join(curly)} trong thẻ {tag}: nên gõ "
                                  "dấu ngoặc thẳng \" hoặc ' (tắt AutoCorrect của Word)",
                         part, number, text)
        for m in _PARA_TAG_SPACED.finditer(text):
            self.add(ERROR, f"viết liền {{%{m.group(1)} {m.group(2)} …%}}: không có dấu cách "
                            f"giữa {{% và {m.group(1)}", part, number, text)
        for m in _PARA_TAG_GLUED.finditer(text):
            self.add(ERROR, f"thiếu dấu cách sau {{%{m.group(1)}: viết "
                            f"{{%{m.group(1)} {m.group(2)} …%}}", part, number, text)
        if re.search(r"\{%p\s", text):
            rest = _TAG.sub("", text).strip()
            if rest:
                self.add(ERROR, f"đoạn có thẻ {{%p …%}} cũng có chữ «{_short(rest, 40)}»: khi "
                                "soạn, cả đoạn được thay bằng thẻ nên chữ này mất; đặt thẻ "
                                "vào một đoạn riêng", part, number, text)
        opened = len(re.findall(r"\{\{|\{%|\{#", text))
        closed = len(re.findall(r"\}\}|%\}|#\}", text))
        if _SPLIT_BRACES.search(text):
            self.add(ERROR, "thẻ bị tách bởi dấu cách giữa hai dấu ngoặc (“{ {” hoặc “% }”): "
                            "viết liền {{ … }} và {% … %}", part, number, text)
        if opened != closed:
            self.add(ERROR, "thẻ mở và đóng không cùng một đoạn (thẻ bị ngắt dòng): docxtpl "
                            "không nối được, hãy gõ lại cả thẻ trên một dòng", part, number, text)
            return True
        return False

    def row(self, part: str, text: str) -> None:
        if re.search(r"\{%tr\s", text):
            rest = _TAG.sub("", text).strip()
            if rest:
                self.add(ERROR, f"hàng bảng có thẻ {{%tr …%}} cũng có chữ «{_short(rest, 40)}»:"
                                " khi soạn cả hàng được thay bằng thẻ; để thẻ ở một hàng riêng",
                         part, None, text)


class _Names:
    """Walks a template's syntax tree: every name and attribute it uses must be provided."""

    def __init__(self, checker: _Checker, part: str, lines: list[str]) -> None:
        self.checker = checker
        self.part = part
        self.lines = lines
        self.reported: set[str] = set()

    def line_text(self, node: nodes.Node) -> str:
        index = (getattr(node, "lineno", 1) or 1) - 1
        return _strip_xml(self.lines[index]) if index < len(self.lines) else ""

    def visit(self, node: nodes.Node, scope: dict[str, Any]) -> None:
        if isinstance(node, nodes.For):
            self.visit(node.iter, scope)
            element = self.resolve(node.iter, scope)
            inner = dict(scope)
            single = isinstance(node.target, nodes.Name)
            for target in _names(node.target):
                inner[target] = element[0] if single and isinstance(element, list) \
                    and element else _UNKNOWN
            inner["loop"] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
            for child in node.else_:
                self.visit(child, scope)
            if node.test is not None:
                self.visit(node.test, inner)
            return
        if isinstance(node, (nodes.Assign, nodes.AssignBlock)):
            for target in _names(node.target):
                scope[target] = _UNKNOWN
        if isinstance(node, (nodes.Macro, nodes.CallBlock)):
            inner = dict(scope)
            for arg in getattr(node, "args", []):
                inner[arg.name] = _UNKNOWN
            for child in node.body:
                self.visit(child, inner)
            return
        if isinstance(node, (nodes.Name, nodes.Getattr, nodes.Getitem)):
            self.resolve(node, scope)
            return
        for child in node.iter_child_nodes():
            self.visit(child, scope)

    def resolve(self, node: nodes.Node, scope: dict[str, Any]) -> Any:
        """The sample value an expression stands for, _UNKNOWN when it cannot be told."""
        if isinstance(node, nodes.Name):
            if node.ctx != "load":
                return _UNKNOWN
            if node.name in scope:
                return scope[node.name]
            provided = self.checker.provided or {}
            if node.name in provided:
                self.checker.used.add(node.name)
                return provided[node.name]
            if node.name not in _JINJA_NAMES:
                self.missing(node.name, list(provided), node)
            return _UNKNOWN
        if isinstance(node, (nodes.Getattr, nodes.Getitem)):
            if isinstance(node, nodes.Getitem) and not isinstance(node.arg, nodes.Const):
                self.visit(node.arg, scope)
            base = self.resolve(node.node, scope)
            key = node.attr if isinstance(node, nodes.Getattr) else node.arg.value \
                if isinstance(node.arg, nodes.Const) else None
            if base is _UNKNOWN or key is None:
                return _UNKNOWN
            if isinstance(base, dict):
                if key in base:
                    return base[key]
                self.missing(f"{_dotted(node.node)}.{key}", [f"{_dotted(node.node)}.{k}"
                                                             for k in base], node)
                return _UNKNOWN
            if isinstance(key, int) and isinstance(base, list):
                return base[0] if base else _UNKNOWN
            if isinstance(key, str) and not hasattr(base, key):
                self.missing(f"{_dotted(node.node)}.{key}", [], node)
            return _UNKNOWN
        self.visit(node, scope)
        return _UNKNOWN

    def missing(self, name: str, known: list[str], node: nodes.Node) -> None:
        if name in self.reported:
            return
        self.reported.add(name)
        close = closest(name, known)
        hint = f"; có phải {close}?" if close else ""
        what = f"mẫu {self.checker.kind.label}" if self.checker.kind else "mẫu"
        self.checker.add(ERROR, f"biến {name} không có trong {what}{hint}", self.part, None,
                         self.line_text(node))


class _Unknown:
    """A value the check cannot follow (a loop over pairs, a variable set in the template)."""


_UNKNOWN: Any = _Unknown()


def _names(target: nodes.Node) -> list[str]:
    """The names a for or set target binds (one name, or a tuple of them)."""
    if isinstance(target, nodes.Name):
        return [target.name]
    return [n.name for n in target.find_all(nodes.Name)]


def _dotted(node: nodes.Node) -> str:
    if isinstance(node, nodes.Name):
        return node.name
    if isinstance(node, nodes.Getattr):
        return f"{_dotted(node.node)}.{node.attr}"
    if isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const):
        return f"{_dotted(node.node)}[{node.arg.value!r}]"
    return "…"


@dataclass
class TemplateCheck:
    """The findings of `templates check` over some files."""

    files: list[str]
    findings: list[TemplateFinding]

    @property
    def errors(self) -> list[TemplateFinding]:
        """Findings that make a template unusable."""
        return [f for f in self.findings if f.level == ERROR]

    @property
    def ok(self) -> bool:
        """No error in any file (warnings and information allowed)."""
        return not self.errors

    def table(self) -> str:
        """Vietnamese lines, one per finding, then a summary."""
        lines = [str(f) for f in self.findings]
        bad = len({f.file for f in self.errors})
        lines.append(f"Đã kiểm tra {len(self.files)} mẫu: {bad} mẫu có {len(self.errors)} lỗi."
                     if self.errors else f"Đã kiểm tra {len(self.files)} mẫu: không có lỗi.")
        return "\n".join(lines)


def _provided(name: str, kinds: list[KindTemplates]) -> tuple[Kind | None, dict | None]:
    for entry in kinds:
        if name in entry.schemas:
            return entry.kind, entry.schemas[name]
    return None, None


def check_template(path: Path, kinds: list[KindTemplates] | None = None) -> list[TemplateFinding]:
    """Every finding of one template file; its kind is told by its file name."""
    path = Path(path)
    kinds = kinds if kinds is not None else kind_templates()
    kind, provided = _provided(path.name, kinds)
    checker = _Checker(path, kind, provided)
    if kind is None:
        names = ", ".join(n for e in kinds for n in e.files)
        checker.add(ERROR, f"tên tệp không phải tên mẫu của loại văn bản nào ({names}); "
                           "không kiểm tra được biến")
    return checker.run()


def check_templates(paths: list[Path], kinds: list[KindTemplates] | None = None) -> TemplateCheck:
    """Check the .docx files named and those inside the folders named."""
    files: list[Path] = []
    for path in map(Path, paths):
        if not path.exists():
            raise InputError("không tìm thấy tệp hoặc thư mục.", path=path)
        if path.is_dir():
            files += sorted(p for p in path.glob("*.docx") if not p.name.startswith(("~$", ".")))
        else:
            files.append(path)
    if not files:
        raise InputError("không có tệp mẫu .docx nào để kiểm tra.",
                         path=", ".join(map(str, paths)))
    kinds = kinds if kinds is not None else kind_templates()
    findings = [f for file in files for f in check_template(file, kinds)]
    return TemplateCheck([str(f) for f in files], findings)


def refuse_bad_templates(templates: list[TemplateFile]) -> None:
    """Check the user's templates a run will use; raise ValidationError naming every error."""
    own = [t for t in templates if t.user]
    if not own:
        return
    kinds = kind_templates()
    findings = []
    for template in own:
        for f in check_template(template.path, kinds):
            if f.level == ERROR:
                where = f.location()
                findings.append(Finding(f"{where}: {f.message}" if where else f.message,
                                        file=f.file))
    if findings:
        raise ValidationError(findings, what="Mẫu có lỗi, không dùng được")
