"""``kommarch report --format html``: the gap report as one self-contained, printable page.

The content is the Markdown gap report's (:class:`~kommarch.render.markdown.MarkdownRenderer`),
converted section by section with markdown-it-py (CommonMark plus tables, raw HTML off, so every
text stays escaped). Page one, for leaders, is the title and the first section (verdict, score,
what to do first) with the indicators as a chart; the other sections are the annex, where the
hot-spot diagram is drawn as SVG instead of Mermaid and the whole landscape follows.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from markdown_it import MarkdownIt

from kommarch.findings import Lang
from kommarch.landscape import Diagram, hotspot_diagram
from kommarch.render.base import classification_label
from kommarch.render.html import esc, figure, page
from kommarch.render.markdown import MarkdownRenderer
from kommarch.render.svg import Engine, diagram, indicator_chart
from kommarch.report import Report


def t(lang: Lang, da: str, en: str) -> str:
    """The Danish or the English text."""
    return da if lang == "da" else en


def split(markdown: str) -> tuple[str, str]:
    """The Markdown up to the second ``##`` section (page one), and the rest (the annex)."""
    lines = markdown.split("\n")
    heads = [i for i, line in enumerate(lines) if line.startswith("## ")]
    if len(heads) < 2:
        return markdown, ""
    cut = heads[1]
    return "\n".join(lines[:cut]), "\n".join(lines[cut:])


class HtmlReport:
    """The gap report as HTML. ``engine`` chooses the diagram layout (see :mod:`.svg`)."""

    name = "html"

    def __init__(self, engine: Engine = "auto") -> None:
        self.engine = engine

    def _converter(self, report: Report) -> MarkdownIt:
        md = MarkdownIt("commonmark", {"html": False}).enable("table")
        default = getattr(md.renderer, "rules", {}).get("fence")
        title = t(report.lang, "Brændpunkter", "Hot spots")

        def fence(_self: Any, tokens: Sequence[Any], idx: int, options: Any, env: Any) -> str:
            if tokens[idx].info.strip() == "mermaid" and report.hotspots is not None:
                d = hotspot_diagram(report.hotspots, report.names, title, report.lang)
                return figure(diagram(d, self.engine), wide=True) + "\n"
            assert default is not None
            return str(default(tokens, idx, options, env))

        md.add_render_rule("fence", fence)
        return md

    def render(self, report: Report, landscape: Diagram | None = None) -> str:
        """The whole page, ending in a newline."""
        lang = report.lang
        first, rest = split(MarkdownRenderer().render(report))
        md = self._converter(report)
        leaders = [md.render(first).strip().replace("</h1>", "</h1>\n" + _verdict(report), 1)]
        m = report.maturity
        if m is not None:
            bars = [(i.key, i.name.get(lang), i.value) for i in m.indicators]
            leaders.append(figure(indicator_chart(bars, m.score, lang)))
        annex = [md.render(rest).strip()]
        if landscape is not None and landscape.nodes:
            annex += [
                f"<h2>{esc(t(lang, 'Systemlandskabet', 'The system landscape'))}</h2>",
                f"<p>{esc(_landscape_note(lang))}</p>",
                figure(diagram(landscape, self.engine), wide=True),
            ]
        head = t(lang, "Arkitekturrapport", "Architecture gap report")
        who = report.municipality.name
        return page(f"{head}: {who}" if who else head, lang, "\n".join(leaders), "\n".join(annex))


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


def _landscape_note(lang: Lang) -> str:
    return t(
        lang,
        "Alle systemer, der ikke er udfaset, grupperet efter forvaltning (eller systemtype), og "
        "de aktive integrationer mellem dem.",
        "Every system that is not retired, grouped by department (or system type), and the "
        "active integrations between them.",
    )
