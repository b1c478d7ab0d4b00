"""The HTML page shell: one self-contained, print-ready file.

Inline CSS and inline SVG only: no script, no font, image or style sheet from anywhere, so the
page opens the same offline, in a mail client and in a browser's print preview. Printed on A4,
the leaders' page stands alone on page one and the annex follows from page two
(``chromium --headless --print-to-pdf=rapport.pdf rapport.html``, see docs/report.md). Every
text that reaches the page goes through :func:`esc`.
"""

from __future__ import annotations

import html
from collections.abc import Sequence

from kommarch.findings import Lang

CSS = """\
@page { size: A4; margin: 16mm 15mm 18mm 15mm; }
:root { color-scheme: light; }
body { font-family: "Segoe UI", Helvetica, Arial, sans-serif; font-size: 11pt; line-height: 1.45;
  color: #1a202c; background: #fff; margin: 0 auto; max-width: 60rem; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.25rem; margin: 1.6rem 0 .5rem; border-bottom: 2px solid #2b6cb0;
  padding-bottom: .2rem; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .4rem; break-after: avoid; }
p, li { orphans: 3; widows: 3; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: 9.5pt; }
th, td { border: 1px solid #cbd5e0; padding: .25rem .4rem; text-align: left; vertical-align: top; }
th { background: #edf2f7; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
td.num, th.num { text-align: right; white-space: nowrap; }
code { font-family: Consolas, "DejaVu Sans Mono", monospace; font-size: .9em;
  background: #edf2f7; padding: 0 .2em; border-radius: 3px; }
figure { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.wide { overflow-x: auto; }
figcaption { font-size: 9.5pt; color: #4a5568; }
svg { max-width: 100%; height: auto; }
.leaders { break-after: page; page-break-after: always; }
.verdict { font-size: 1.15rem; border-left: 6px solid #2b6cb0; padding: .5rem .9rem;
  background: #ebf4ff; }
.verdict.u { border-color: #c53030; background: #fff5f5; }
.verdict.a { border-color: #2f855a; background: #f0fff4; }
.meta { color: #4a5568; font-size: 9.5pt; }
@media print {
  body { max-width: none; padding: 0; font-size: 10pt; }
  figure.wide { overflow: visible; }
  a { color: inherit; text-decoration: none; }
  .leaders { font-size: 8pt; line-height: 1.25; }
  .leaders h1 { font-size: 14pt; }
  .leaders h2 { font-size: 10.5pt; margin: .35rem 0 .1rem; }
  .leaders p, .leaders ul { margin: .2rem 0; }
  .leaders .verdict { font-size: 10pt; padding: .2rem .6rem; margin: .2rem 0; }
  .leaders table { font-size: 7pt; margin: .15rem 0 .3rem; }
  .leaders th, .leaders td { padding: .05rem .25rem; }
  .leaders figure { margin: .15rem 0; }
  .leaders svg { max-height: 32mm; width: auto; }
}
"""


def esc(text: str) -> str:
    """``text`` safe as HTML content and inside a double- or single-quoted attribute."""
    return html.escape(text, quote=True)


def figure(svg: str, caption: str = "", wide: bool = False) -> str:
    """An inline SVG with an optional caption."""
    cls = ' class="wide"' if wide else ""
    cap = f"\n<figcaption>{esc(caption)}</figcaption>" if caption else ""
    return f"<figure{cls}>\n{svg.strip()}{cap}\n</figure>"


def table(head: Sequence[str], rows: Sequence[Sequence[str]], numeric: set[int]) -> str:
    """A table; every cell escaped, columns in ``numeric`` right-aligned."""

    def cell(tag: str, i: int, text: str) -> str:
        cls = ' class="num"' if i in numeric else ""
        return f"<{tag}{cls}>{esc(text)}</{tag}>"

    out = ["<table>", "<thead><tr>" + "".join(cell("th", i, h) for i, h in enumerate(head))]
    out.append("</tr></thead>\n<tbody>")
    out += ["<tr>" + "".join(cell("td", i, c) for i, c in enumerate(r)) + "</tr>" for r in rows]
    out.append("</tbody></table>")
    return "\n".join(out)


def page(title: str, lang: Lang, leaders: str, annex: str) -> str:
    """The whole document: the leaders' page, a page break, the annex."""
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{lang}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        '<meta name="generator" content="kommarch">',
        f"<title>{esc(title)}</title>",
        f"<style>\n{CSS}</style>",
        "</head>",
        "<body>",
        f'<section class="leaders">\n{leaders.strip()}\n</section>',
        f'<section class="annex">\n{annex.strip()}\n</section>',
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
