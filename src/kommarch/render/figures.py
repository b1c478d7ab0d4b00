"""The gap report's pictures as SVG: the indicators, the path to A, the hot spots and the
landscape. The HTML page draws them inline; ``report -o dir/rapport.md`` writes them as files
next to the Markdown (:func:`file_names`) and links them.
"""

from __future__ import annotations

from kommarch.landscape import Diagram, hotspot_diagram
from kommarch.render.svg import Engine, diagram, indicator_chart, path_chart
from kommarch.report import Report

KEYS = ("indicators", "path", "hotspots", "landscape")  # in the order of the report


def figures(report: Report, landscape: Diagram | None, engine: Engine = "auto") -> dict[str, str]:
    """Figure key -> SVG, for the pictures this report has (a U-kommune has a path)."""
    lang, m, out = report.lang, report.maturity, {}
    if m is not None:
        bars = [(i.key, i.name.get(lang), i.value) for i in m.indicators]
        out["indicators"] = indicator_chart(bars, m.score, lang)
        if m.classification == "U" and m.path_to_a:
            steps = [(str(n), s.score_after) for n, s in enumerate(m.path_to_a, start=1)]
            out["path"] = path_chart(m.score, steps, lang)
    h = report.hotspots
    if h is not None and (h.nodes or h.edges):
        title = "Brændpunkter" if lang == "da" else "Hot spots"
        out["hotspots"] = diagram(hotspot_diagram(h, report.names, title, lang), engine)
    if landscape is not None and landscape.nodes:
        out["landscape"] = diagram(landscape, engine)
    return out


def file_names(stem: str, keys: list[str]) -> dict[str, str]:
    """Figure key -> the SVG file's name next to a report named ``stem`` + ``.md``."""
    return {k: f"{stem}.{k}.svg" for k in keys}
