"""``kommarch compare --format html``: the comparison as one self-contained, printable page.

Page one, for leaders: the ranking and a chart of the scores with the 75-point line. The annex:
the inventories not computed, the spread per indicator, what the A-kommuner do that the
U-kommuner do not, and the assumptions.
"""

from __future__ import annotations

from kommarch.compare import Comparison
from kommarch.findings import Lang
from kommarch.render.base import num, pct
from kommarch.render.compare import (
    ComparisonRenderer,
    assumptions,
    cells,
    headings,
    indicator_keys,
    no_differences,
    points,
    t,
    title,
    why,
)
from kommarch.render.html import esc, figure, page, table
from kommarch.render.svg import Bar, bar_chart


def _gap(text: str, lang: Lang) -> str:
    return text or t(lang, "ingen", "none")


class HtmlComparison(ComparisonRenderer):
    """Ranking and score chart on page one; spread and differences in the annex."""

    name = "html"

    def render(self, c: Comparison, lang: Lang) -> str:
        """The whole page, ending in a newline."""
        head = title(c, lang)
        leaders = [f"<h1>{esc(head)}</h1>"]
        if c.ranked:
            rows = [
                [
                    *cells(c, r, lang),
                    _gap(r.verdict.top_gap.get(lang) if r.verdict.top_gap else "", lang),
                ]
                for r in c.ranked
            ]
            numeric = set(range(len(rows[0]) - 1)) - {1, 3}
            leaders.append(
                table([*headings(c, lang), t(lang, "Største mangel", "Top gap")], rows, numeric)
            )
            leaders.append(figure(self._chart(c, lang)))
        annex = self._not_computed(c, lang) + self._spread(c, lang) + self._differences(c, lang)
        legend = [f"{n.get(lang)}" for _, n in indicator_keys(c)]
        if legend:
            annex.append(f"<h2>{esc(t(lang, 'Indikatorer', 'Indicators'))}</h2>")
            annex.append("<ul>" + "".join(f"<li>{esc(x)}</li>" for x in legend) + "</ul>")
        annex.append(f"<p>{esc(assumptions(c, lang))}</p>")
        return page(head, lang, "\n".join(leaders), "\n".join(annex))

    def _chart(self, c: Comparison, lang: Lang) -> str:
        bars = [
            Bar(
                r.name,
                (r.verdict.score or 0.0) / 100,
                num(int((r.verdict.score or 0.0) * 10 + 1e-9) / 10, lang),
                0.75,
            )
            for r in c.ranked
        ]
        note = t(
            lang,
            "Stiplet linje: 75 point. Grøn: Digital A-kommune; rød: Digital U-kommune (en kommune "
            "med mange point kan mangle den fælleskommunale infrastruktur).",
            "Dashed line: 75 points. Green: Digital A-kommune; red: Digital U-kommune (a high "
            "score can still lack the common infrastructure).",
        )
        return bar_chart(t(lang, "Point pr. kommune", "Score per municipality"), bars, note)

    def _not_computed(self, c: Comparison, lang: Lang) -> list[str]:
        if not c.not_computed:
            return []
        items = "".join(f"<li>{esc(r.name)}: {esc(why(r, c, lang))}</li>" for r in c.not_computed)
        return [f"<h2>{esc(t(lang, 'Ikke beregnet', 'Not computed'))}</h2>", f"<ul>{items}</ul>"]

    def _spread(self, c: Comparison, lang: Lang) -> list[str]:
        if not c.spread:
            return []
        head = [t(lang, "Indikator", "Indicator"), "Min", "Median", t(lang, "Maks", "Max")]
        rows = [
            [s.name.get(lang), pct(s.low, lang), pct(s.median, lang), pct(s.high, lang)]
            for s in c.spread
        ]
        return [
            f"<h2>{esc(t(lang, 'Spredning pr. indikator', 'Spread per indicator'))}</h2>",
            table(head, rows, {1, 2, 3}),
        ]

    def _differences(self, c: Comparison, lang: Lang) -> list[str]:
        out = [f"<h2>{esc(t(lang, 'Hvad A-kommunerne gør', 'What the A-kommuner do'))}</h2>"]
        if not c.differences:
            return [*out, f"<p>{esc(no_differences(c, lang))}</p>"]
        head = [t(lang, "Indikator", "Indicator"), "A", "U", t(lang, "Forskel", "Difference")]
        rows = [
            [d.name.get(lang), pct(d.a_mean, lang), pct(d.u_mean, lang), points(d.gap, lang)]
            for d in c.differences
        ]
        return [*out, table(head, rows, {1, 2, 3})]
