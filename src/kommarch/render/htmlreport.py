"""``kommarch report --format html``: the gap report as one self-contained, printable page.

The content is the gap report's section list (:data:`~kommarch.render.markdown.SECTIONS`, the
same the Markdown report is written from), each part converted with markdown-it-py (CommonMark
plus tables, raw HTML off, so every text stays escaped). Page one, for leaders, is the title,
the verdict and why, the path to A, the five actions and the indicators; the annex and the data
quality of the systemoversigt follow from page two. The pictures
(:mod:`~kommarch.render.figures`) are inline SVG where the sections place them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt

from kommarch.findings import Lang
from kommarch.landscape import Diagram
from kommarch.render.base import classification_label
from kommarch.render.figures import figures
from kommarch.render.html import esc, figure, page
from kommarch.render.markdown import MarkdownRenderer, Part
from kommarch.render.mdwriter import FIGURE_FENCE, Pictures
from kommarch.render.svg import Engine
from kommarch.report import Report

WIDE = frozenset({"hotspots", "landscape"})


def t(lang: Lang, da: str, en: str) -> str:
    """The Danish or the English text."""
    return da if lang == "da" else en


class HtmlReport:
    """The gap report as HTML. ``engine`` chooses the diagram layout (see :mod:`.svg`)."""

    name = "html"

    def __init__(self, engine: Engine = "auto") -> None:
        self.engine = engine

    @staticmethod
    def _converter(svgs: dict[str, str]) -> MarkdownIt:
        md = MarkdownIt("commonmark", {"html": False}).enable("table")
        default = getattr(md.renderer, "rules", {}).get("fence")

        def fence(_self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
            token = tokens[idx]
            key = token.content.strip()
            if token.info.strip() == FIGURE_FENCE and key in svgs:
                return figure(svgs[key], wide=key in WIDE) + "\n"
            assert default is not None
            return str(default(tokens, idx, options, env))

        md.add_render_rule("fence", fence)
        return md

    def render(self, report: Report, landscape: Diagram | None = None) -> str:
        """The whole page, ending in a newline."""
        svgs = figures(report, landscape, self.engine)
        images = {k: k for k in svgs}
        parts = MarkdownRenderer(pictures=Pictures.HTML, images=images).parts(report)
        md = self._converter(svgs)
        leaders = md.render(parts[Part.LEADERS]).strip()
        leaders = leaders.replace("</h1>", "</h1>\n" + _verdict(report), 1)
        annex = "\n".join(
            md.render(parts[p]).strip() for p in (Part.ANNEX, Part.DATA_QUALITY) if parts[p]
        )
        head = t(report.lang, "Arkitekturrapport", "Architecture gap report")
        who = report.municipality.name
        return page(f"{head}: {who}" if who else head, report.lang, leaders, annex)


def _verdict(report: Report) -> str:
    """The verdict in one line, above everything else on page one."""
    m, lang = report.maturity, report.lang
    if m is None:
        return ""
    score = f"{int(m.score * 10 + 1e-9) / 10:.1f}"
    if lang == "da":
        score = score.replace(".", ",")
    text = t(lang, f"{score} af 100 point", f"{score} of 100 points")
    return (
        f'<p class="verdict {m.classification.lower()}"><strong>'
        f"{esc(classification_label(m))}</strong> · {esc(text)}</p>"
    )
