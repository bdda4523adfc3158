"""Templates never unbounded: loops, products, padding and output of a filled template are
bounded and refused by the template's name; loading another template is refused by
`templates check` and by the renderer; checking a template evaluates nothing."""

from __future__ import annotations

import time
import tracemalloc
from pathlib import Path

import pytest
from docx import Document

from antq_docs import tplcheck as tpl
from antq_docs.errors import RenderError
from antq_docs.render import CompiledTemplate
from tests.helpers import full_text, invoke_generate, open_docx
from tests.rendering.test_templates import _add_paragraph, _copy


def template(tmp_path: Path, *texts: str, name: str = "mau-thu.docx") -> Path:
    """A one-page Word file whose paragraphs are texts."""
    doc = Document()
    for text in texts:
        doc.add_paragraph(text)
    path = tmp_path / name
    doc.save(str(path))
    return path


PRODUCT = "tạo ra hơn 100.000 ký tự hoặc phần tử"
LOOPS = "đi qua hơn 1.000.000 lượt"
PART = "có một phần dài hơn 33.554.432 ký tự"
STEPS = "mẫu chạy hơn 2.000.000 lượt lặp hoặc lời gọi"
HOSTILE = [
    ("{{ 'x' * 400000000 }}", PRODUCT),
    ("{{ [0] * 400000000 }}", PRODUCT),
    ("{{ 10 ** 100000000 }}", PRODUCT),
    ("{{ 'x'|center(400000000) }}", PRODUCT),
    ("{{ 'x'.rjust(400000000) }}", PRODUCT),
    ("{{ '%400000000s'|format('x') }}", PRODUCT),
    ("{{ '{:>400000000}'.format('x') }}", PRODUCT),
    ("{{ ('a' * 90000)|replace('a', 'a' * 90000) }}", PRODUCT),
    ("{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}", LOOPS),
    ("{{ range(10 ** 20)|length }}", LOOPS),
    ("{{ '%*s' % (400000000, 'x') }}", PRODUCT),
    ("{{ ('x' * 100000)|join('y' * 100000) }}", PRODUCT),
    ("{{ ('y' * 100000).join('x' * 100000) }}", PRODUCT),
    (
        "{% set xs = range(1000)|list %}{% for a in xs %}{% for b in xs %}{% for c in xs %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        STEPS,
    ),
    (
        "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}",
        STEPS,
    ),
    ("{% macro f(n) %}{{ f(n) }}{% endmacro %}{{ f(1) }}", "mẫu gọi lại chính nó quá nhiều tầng"),
    ("{% for i in range(900000) %}{{ 'x' * 90000 }}{% endfor %}", PART),
    (
        "{% macro m() %}{% for i in range(900000) %}{{ 'x' * 90000 }}{% endfor %}{% endmacro %}"
        "{{ m()|length }}",
        PART,
    ),
    (
        "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}"
        "{% endfor %}{{ ns.s|length }}",
        PART,
    ),
]


@pytest.mark.parametrize(("tag", "says"), HOSTILE, ids=[h[0][:40] for h in HOSTILE])
def test_a_template_that_asks_for_unbounded_work_is_refused_by_name(tmp_path, tag, says):
    """Refused quickly, in Vietnamese, naming the template, before the work is done."""
    compiled = CompiledTemplate(template(tmp_path, "Trước", tag))
    started = time.perf_counter()
    with pytest.raises(RenderError) as excinfo:
        compiled.render({})
    assert time.perf_counter() - started < 5
    assert excinfo.value.message.startswith("Mẫu mau-thu.docx: ")
    assert says in excinfo.value.message


def test_ordinary_uses_of_the_same_operations_still_fill(tmp_path):
    """Rules, short paddings, small loops, formats and joins work as before."""
    text = (
        "{{ '-' * 5 }}|{{ range(3)|join(',') }}|{{ 'a' ~ 'b' }}|{{ '%03d' % 7 }}|"
        "{{ 'x'|center(5) }}|{{ '{:,}'.format(1500000) }}|{{ 2 ** 10 }}|{{ 'ab'|replace('a', 'c') }}"
        "|{% for i in 'ab' %}{{ loop.index }}{% if loop.last %}.{% endif %}{% else %}-{% endfor %}"
        "|{% for i in [] %}x{% else %}none{% endfor %}"
    )
    path = tmp_path / "out.docx"
    path.write_bytes(CompiledTemplate(template(tmp_path, text)).render({}))
    assert "-----|0,1,2|ab|007|  x  |1,500,000|1024|cb|12.|none" in full_text(open_docx(path))


def test_compiling_leaves_the_parsed_tree_as_it_was():
    """`templates check` follows loop variables through the tree it compiled."""
    from jinja2 import nodes

    from antq_docs.render import environment

    env = environment()
    tree = env.parse("{% for r in noi_nhan %}{{ r.ten }}{% endfor %}")
    env.compile(tree)
    loop = next(tree.find_all(nodes.For))
    assert isinstance(loop.iter, nodes.Name) and loop.iter.name == "noi_nhan"


@pytest.mark.parametrize(
    ("tag", "name"),
    [
        ("{% include 'khac.docx' %}", "include"),
        ("{% import 'khac.docx' as k %}", "import"),
        ("{% from 'khac.docx' import m %}", "from … import"),
        ("{% extends 'khac.docx' %}", "extends"),
    ],
)
def test_loading_another_template_is_refused_by_the_renderer(tmp_path, tag, name):
    """Refused when the template is prepared, not a Python error when it is filled."""
    with pytest.raises(RenderError, match=f"thẻ {{% {name} %}} nạp một mẫu khác"):
        CompiledTemplate(template(tmp_path, tag))


@pytest.mark.parametrize("tag", ["{% include 'khac.docx' %}", "{% extends 'khac.docx' %}"])
def test_templates_check_refuses_loading_another_template(tmp_path, tag):
    errors = [str(f) for f in tpl.check_template(template(tmp_path, tag), []) if f.level == "lỗi"]
    name = tag.split()[1]
    assert any(f"thẻ {{% {name} %}} nạp một mẫu khác" in e for e in errors), errors


def test_checking_a_huge_product_evaluates_nothing(tmp_path):
    """`templates check` compiles without folding constants: no 400 MB text is ever made."""
    path = template(tmp_path, "{{ 'x' * 400000000 }}")
    tracemalloc.start()
    try:
        findings = tpl.check_template(path, [])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert not any("lỗi thẻ" in str(f) or "cú pháp" in str(f) for f in findings)
    assert peak < 100 << 20


@pytest.mark.slow
def test_generate_with_an_including_template_stops_without_a_traceback(tmp_path, runner):
    """The official's template is refused by name before anything is written."""
    kinds = tpl.kind_templates()
    folder = tmp_path / "export"
    tpl.export_templates(folder, kinds)
    path = _copy(folder, tmp_path)
    _add_paragraph(path, "{% include 'khac.docx' %}")
    out = tmp_path / "out"
    result = invoke_generate(runner, "pledge", out, "--templates", str(path.parent))
    assert result.exit_code == 1
    assert "thẻ {% include %} nạp một mẫu khác" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists() or not any(out.rglob("*.docx"))
