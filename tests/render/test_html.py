"""The HTML page shell and ``report --format html``: self-contained, escaped, golden bytes."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from kommarch.findings import Municipality
from kommarch.landscape import landscape
from kommarch.pipeline import audit_validated, validate
from kommarch.render.html import esc, page, table
from kommarch.render.htmlreport import HtmlReport
from kommarch.render.markdown import MarkdownRenderer
from kommarch.report import Report

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 27)
# Anything the page would fetch: a source, a style sheet, a url(). A link (<a href>) to a
# service's catalogue page is followed only when the reader clicks it.
EXTERNAL = re.compile(
    r"""(?:src|(?<!<a )href)\s*=\s*["']?\s*(?:https?:|//)|url\(\s*["']?\s*(?:https?:|//)""",
    re.I,
)


def self_contained(doc: str) -> None:
    """No script, no external style sheet, font or image, nothing fetched from a network."""
    lower = doc.lower()
    assert "<script" not in lower
    assert "<link" not in lower
    assert "@import" not in lower
    assert "<img" not in lower
    assert EXTERNAL.search(doc) is None


def havoe(lang: str) -> str:
    checked = validate(REPO / "inventories" / "havoe")
    report = audit_validated(checked, AS_OF, lang)  # type: ignore[arg-type]
    picture = landscape(checked.inventory, "Havø Kommune: systemlandskab", report.lang)
    return HtmlReport(engine="python").render(report, picture)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_havoe_report_html(lang: str, golden: Callable[[str, str], None]) -> None:
    doc = havoe(lang)
    golden(f"havoe-report.{lang}.html", doc)
    assert havoe(lang) == doc
    self_contained(doc)
    leaders, annex = doc.split('<section class="annex">')
    assert '<section class="leaders">' in leaders
    assert "Digital U-kommune" in leaders
    assert leaders.count('role="img"') == 2  # the path to A and the indicators
    assert annex.count('role="img"') == 2  # hot spots and the landscape
    assert "```" not in doc and "mermaid" not in doc
    assert f'<html lang="{lang}">' in doc


def test_every_text_is_escaped(make_audit: Callable[[str], Report]) -> None:
    evil = "<script>alert('x')</script> & \"Kommune\""
    report = dataclasses.replace(make_audit("da"), municipality=Municipality(evil, "999"))
    doc = HtmlReport(engine="python").render(report)
    self_contained(doc)
    assert "<script>" not in doc
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;Kommune&quot;" in doc


def test_page_shell_prints_on_a4_with_a_break_after_the_leaders_page() -> None:
    doc = page("T <1>", "da", "<p>forside</p>", "<p>bilag</p>")
    assert doc.startswith('<!DOCTYPE html>\n<html lang="da">\n<head>\n<meta charset="utf-8">')
    assert "<title>T &lt;1&gt;</title>" in doc
    assert "@page { size: A4;" in doc
    assert ".leaders { break-after: page; page-break-after: always; }" in doc
    assert doc.index("forside") < doc.index("bilag")
    self_contained(doc)


def test_table_and_esc() -> None:
    assert esc("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#x27;"
    html = table(["Navn", "Point"], [["<Ø>", "87,3"]], {1})
    assert '<td>&lt;Ø&gt;</td><td class="num">87,3</td>' in html
    assert '<th class="num">Point</th>' in html


def test_html_and_markdown_have_the_same_sections_in_the_same_parts() -> None:
    checked = validate(REPO / "inventories" / "havoe")
    report = audit_validated(checked, AS_OF, "da")
    doc = HtmlReport(engine="python").render(report)
    md = MarkdownRenderer().render(report)
    heads = re.findall(r"^## (.*)$", md, flags=re.M)
    assert re.findall(r"<h2>(.*?)</h2>", doc) == heads
    leaders = doc.split('<section class="annex">')[0]
    assert re.findall(r"<h2>(.*?)</h2>", leaders) == [
        "1. Konklusion",
        "2. Vejen til A-kommune",
        "3. De fem vigtigste tiltag",
        "4. Modenhedsindikatorer",
    ]
    assert heads[-1] == "14. Datakvalitet i systemoversigten"
