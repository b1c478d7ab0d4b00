"""``kommarch compare`` in text, Markdown, JSON and CSV (HTML: :mod:`kommarch.render.comparehtml`).

Each format is a small class behind :class:`ComparisonRenderer`; :func:`render_comparison` finds
it in one table. The cells people read (score, shares, hours, kroner, the verdict) are made once,
in :func:`cells`, so every format shows the same numbers.
"""

from __future__ import annotations

import csv
import importlib
import io
import json
import shlex
import textwrap
from abc import ABC, abstractmethod
from typing import ClassVar

from kommarch import __version__
from kommarch.compare import Comparison, Summary
from kommarch.findings import Lang, Text, long_date, thousands
from kommarch.render.base import not_computed_text, pct, score_text
from kommarch.render.mdtable import escape, prose

SHORT: dict[str, Text] = {
    "register_data_reused": Text("Registerdata", "Register data"),
    "infrastructure_obligations_met": Text("Infrastruktur", "Infrastructure"),
    "common_infrastructure_used": Text("Infrastruktur", "Infrastructure"),
    "no_duplicate_entry": Text("Indtastning", "Data entry"),
    "integrations_intact": Text("Integrationer", "Integrations"),
    "ownership": Text("Ejerskab", "Ownership"),
}
"""Column headings of the indicators (the full names are in the legend)."""


def t(lang: Lang, da: str, en: str) -> str:
    """The Danish or the English text."""
    return da if lang == "da" else en


def indicator_keys(c: Comparison) -> list[tuple[str, Text]]:
    """Every indicator key with its full name, in the audit's order."""
    out: dict[str, Text] = {}
    for r in c.ranked:
        for i in r.verdict.indicators:
            out.setdefault(i.key, i.name)
    return list(out.items())


def short(key: str, name: Text, lang: Lang) -> str:
    """The column heading of an indicator."""
    return SHORT.get(key, name).get(lang)


def why(r: Summary, c: Comparison, lang: Lang, code: str = "{}") -> str:
    """``"ikke beregnet: 3 valideringsfejl (se dem med kommarch validate PATH)"``, the command
    put in ``code`` (``"`{}`"`` in Markdown); an anonymised comparison names no path."""
    n = r.verdict.not_computed or 0
    text = not_computed_text(n, lang)
    if c.anonymised:
        return text
    one = n == 1
    see = t(lang, "se den med" if one else "se dem med", "see it with" if one else "see them with")
    return f"{text} ({see} {code.format(f'kommarch validate {shlex.quote(r.path)}')})"


def mandatory_cell(r: Summary, lang: Lang) -> str:
    """``"2 af 2"``: mandatory elements met."""
    m = r.verdict.mandatory
    return t(lang, "{} af {}", "{} of {}").format(sum(x.met for x in m), len(m))


def money(value: float | None, lang: Lang) -> str:
    """Hours or kroner, whole, with thousands separators; ``–`` when unknown."""
    return "–" if value is None else thousands(value, lang)


def cells(c: Comparison, r: Summary, lang: Lang) -> list[str]:
    """Rank, municipality, score, A/U, every indicator, mandatory elements, hours, kroner."""
    v = r.verdict
    shares = {i.key: i.value for i in v.indicators}
    return [
        str(r.rank) if r.rank is not None else "–",
        r.name,
        score_text(v.score, lang) if v.score is not None else "–",
        v.classification or "–",
        *(pct(shares.get(key), lang) for key, _ in indicator_keys(c)),
        mandatory_cell(r, lang),
        money(v.hours, lang),
        money(r.kroner, lang),
    ]


def headings(c: Comparison, lang: Lang) -> list[str]:
    """The headings of :func:`cells`."""
    return [
        "#",
        t(lang, "Kommune", "Municipality"),
        t(lang, "Point", "Score"),
        "A/U",
        *(short(k, n, lang) for k, n in indicator_keys(c)),
        t(lang, "Obligatorisk", "Mandatory"),
        t(lang, "Timer/år", "Hours/year"),
        t(lang, "Kr./år", "DKK/year"),
    ]


def title(c: Comparison, lang: Lang) -> str:
    """``"Sammenligning af 4 kommuner pr. 27. november 2026"``."""
    n = len(c.rows)
    noun = t(
        lang, "kommune" if n == 1 else "kommuner", "municipality" if n == 1 else "municipalities"
    )
    return t(lang, "Sammenligning af {} {} pr. {}", "Comparison of {} {} as of {}").format(
        n, noun, long_date(c.as_of, lang)
    )


def hourly_cost(c: Comparison) -> float | None:
    """The hourly cost every municipality uses, or None when their ``settings.hourly_cost``
    differ."""
    rates = {r.verdict.hourly_cost for r in c.rows}
    return rates.pop() if len(rates) == 1 else None


def assumptions(c: Comparison, lang: Lang) -> str:
    """How hours and kroner are estimated (at the one hourly cost, or each municipality's)."""
    common = hourly_cost(c)
    if common is not None:
        cost = thousands(common, lang)
        rate = t(lang, f"{cost} kr. i timen", f"DKK {cost} an hour")
    else:
        rates = sorted(r.verdict.hourly_cost for r in c.rows)
        low, high = thousands(rates[0], lang), thousands(rates[-1], lang)
        rate = t(
            lang,
            f"den enkelte kommunes timepris (her fra {low} til {high} kr.)",
            f"each municipality's hourly cost (here DKK {low} to {high})",
        )
    return t(
        lang,
        f"Timer/år er sagsbehandlernes anslåede tidsforbrug på at slå de samme data op og taste "
        f"dem ind flere gange (kendte arbejdsgange); kroner er et skøn med {rate} inklusive "
        "overhead. Obligatorisk: breve når Digital Post, og ingen lukkede services bruges.",
        f"Hours/year are the caseworkers' estimated time spent looking up and re-keying the same "
        f"data (known journeys); kroner are an estimate at {rate} including overhead. "
        "Mandatory: letters reach Digital Post, and no closed services are used.",
    )


def no_differences(c: Comparison, lang: Lang) -> str:
    """Why there is no A/U comparison."""
    return t(
        lang,
        "Sammenligningen kræver mindst én Digital A-kommune og én Digital U-kommune.",
        "The comparison needs at least one Digital A-kommune and one Digital U-kommune.",
    )


def points(value: float, lang: Lang) -> str:
    """A difference of shares in percentage points, rounded to whole points."""
    n = round(value * 100)
    return t(lang, f"{n:+d} procentpoint", f"{n:+d} percentage points")


class ComparisonRenderer(ABC):
    """One output format of ``compare``."""

    name: ClassVar[str]

    @abstractmethod
    def render(self, c: Comparison, lang: Lang) -> str:
        """The whole output, ending in a newline."""


def _align(rows: list[list[str]], left: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.ljust(widths[i]) if i in left else cell.rjust(widths[i])
            for i, cell in enumerate(row)
        ).rstrip()
        for row in rows
    ]


class TextComparison(ComparisonRenderer):
    """Plain aligned text for the terminal."""

    name = "text"

    def render(self, c: Comparison, lang: Lang) -> str:
        """Ranking, first steps, not computed, spread, A versus U, legend."""
        out = [title(c, lang), ""]
        if c.ranked:
            out += _align([headings(c, lang), *(cells(c, r, lang) for r in c.ranked)], {1, 3})
            out += ["", t(lang, "Største mangel:", "Top gap:")]
            out += [f"  {r.rank}. {r.name}: {_gap(r, lang)}" for r in c.ranked]
        out += self._not_computed(c, lang) + self._spread(c, lang) + self._diff(c, lang)
        out += ["", t(lang, "Indikatorer:", "Indicators:")]
        out += [f"  {short(k, n, lang)}: {n.get(lang)}" for k, n in indicator_keys(c)]
        out += ["", *textwrap.wrap(assumptions(c, lang), 100)]
        return "\n".join(out) + "\n"

    def _not_computed(self, c: Comparison, lang: Lang) -> list[str]:
        if not c.not_computed:
            return []
        head = t(
            lang, "Ikke beregnet (ugyldig systemoversigt):", "Not computed (invalid inventory):"
        )
        return ["", head, *(f"  {r.name}: {why(r, c, lang)}" for r in c.not_computed)]

    def _spread(self, c: Comparison, lang: Lang) -> list[str]:
        if not c.spread:
            return []
        rows = [[t(lang, "Indikator", "Indicator"), "Min", "Median", t(lang, "Maks", "Max")]]
        rows += [
            [short(s.key, s.name, lang), pct(s.low, lang), pct(s.median, lang), pct(s.high, lang)]
            for s in c.spread
        ]
        return [
            "",
            t(lang, "Spredning pr. indikator:", "Spread per indicator:"),
            *_align(rows, {0}),
        ]

    def _diff(self, c: Comparison, lang: Lang) -> list[str]:
        head = t(
            lang,
            "Hvad A-kommunerne gør, som U-kommunerne ikke gør:",
            "What the A-kommuner do that the U-kommuner do not:",
        )
        if not c.differences:
            return ["", head, f"  {no_differences(c, lang)}"]
        rows = [[t(lang, "Indikator", "Indicator"), "A", "U", t(lang, "Forskel", "Difference")]]
        rows += [
            [
                short(d.key, d.name, lang),
                pct(d.a_mean, lang),
                pct(d.u_mean, lang),
                points(d.gap, lang),
            ]
            for d in c.differences
        ]
        return ["", head, *_align(rows, {0})]


def _gap(r: Summary, lang: Lang) -> str:
    gap = r.verdict.top_gap
    return gap.get(lang) if gap is not None else t(lang, "ingen", "none")


class MarkdownComparison(ComparisonRenderer):
    """GitHub/GitLab Markdown; every inventory text escaped."""

    name = "markdown"

    def render(self, c: Comparison, lang: Lang) -> str:
        """Heading, ranking table, not computed, spread, A versus U, assumptions."""
        out = [f"# {title(c, lang)}", ""]
        if c.ranked:
            head = [*headings(c, lang), t(lang, "Største mangel", "Top gap")]
            rows = [[*cells(c, r, lang), _gap(r, lang)] for r in c.ranked]
            out += [*_table(head, rows, {1, 3, len(head) - 1}), ""]
        if c.not_computed:
            out += [f"## {t(lang, 'Ikke beregnet', 'Not computed')}", ""]
            out += [f"- {escape(r.name)}: {why(r, c, lang, '`{}`')}" for r in c.not_computed]
            out.append("")
        if c.spread:
            out += [f"## {t(lang, 'Spredning pr. indikator', 'Spread per indicator')}", ""]
            head = [t(lang, "Indikator", "Indicator"), "Min", "Median", t(lang, "Maks", "Max")]
            rows = [
                [s.name.get(lang), *(pct(x, lang) for x in (s.low, s.median, s.high))]
                for s in c.spread
            ]
            out += [*_table(head, rows, {0}), ""]
        out += [f"## {t(lang, 'Hvad A-kommunerne gør', 'What the A-kommuner do')}", ""]
        out += [*self._diff(c, lang), "", f"_{assumptions(c, lang)}_"]
        return "\n".join(out) + "\n"

    def _diff(self, c: Comparison, lang: Lang) -> list[str]:
        if not c.differences:
            return [no_differences(c, lang)]
        head = [t(lang, "Indikator", "Indicator"), "A", "U", t(lang, "Forskel", "Difference")]
        rows = [
            [d.name.get(lang), pct(d.a_mean, lang), pct(d.u_mean, lang), points(d.gap, lang)]
            for d in c.differences
        ]
        return _table(head, rows, {0})


def _table(head: list[str], rows: list[list[str]], left: set[int]) -> list[str]:
    align = ["---" if i in left else "--:" for i in range(len(head))]
    out = ["| " + " | ".join(escape(h) for h in head) + " |", "| " + " | ".join(align) + " |"]
    out += ["| " + " | ".join(prose(x) for x in row) + " |" for row in rows]
    return out


def _exact(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def row_json(r: Summary, lang: Lang, anonymised: bool) -> dict[str, object]:
    """One municipality as JSON: exact values (4 decimals for shares, scores)."""
    v = r.verdict
    return {
        "rank": r.rank,
        "name": r.name,
        "code": r.code,
        "path": None if anonymised else r.path,
        "score": _exact(v.score, 4),
        "classification": v.classification,
        "not_computed": v.not_computed,
        "indicators": {
            i.key: {
                "numerator": i.numerator,
                "denominator": i.denominator,
                "share": _exact(i.value, 4),
            }
            for i in v.indicators
        },
        "mandatory": {m.key: m.met for m in v.mandatory},
        "hours_per_year": _exact(v.hours, 2),
        "kroner_per_year": _exact(r.kroner, 2),
        "hourly_cost": v.hourly_cost,
        "top_gap": None if v.top_gap is None else v.top_gap.get(lang),
        "systems": r.systems,
        "errors": r.errors,
    }


class JsonComparison(ComparisonRenderer):
    """Machine output: exact values, keys in a fixed order."""

    name = "json"

    def render(self, c: Comparison, lang: Lang) -> str:
        """The comparison as one JSON object."""
        doc = {
            "schema_version": 1,
            "tool": {"name": "kommarch", "version": __version__},
            "as_of": c.as_of.isoformat(),
            "anonymised": c.anonymised,
            "hourly_cost": hourly_cost(c),
            "municipalities": [row_json(r, lang, c.anonymised) for r in c.rows],
            "spread": [
                {
                    "indicator": s.key,
                    "min": _exact(s.low, 4),
                    "median": _exact(s.median, 4),
                    "max": _exact(s.high, 4),
                    "municipalities": s.count,
                }
                for s in c.spread
            ],
            "differences": [
                {
                    "indicator": d.key,
                    "a_mean": _exact(d.a_mean, 4),
                    "u_mean": _exact(d.u_mean, 4),
                    "difference": _exact(d.gap, 4),
                }
                for d in c.differences
            ],
        }
        return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


class CsvComparison(ComparisonRenderer):
    """One row per municipality for a spreadsheet: English keys, decimal points, exact values."""

    name = "csv"

    def render(self, c: Comparison, lang: Lang) -> str:
        """Header and rows, ``\\n`` line ends."""
        keys = [k for k, _ in indicator_keys(c)]
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(
            [
                "rank",
                "name",
                "code",
                "score",
                "classification",
                "not_computed",
                *keys,
                "mandatory_met",
                "mandatory_total",
                "hours_per_year",
                "kroner_per_year",
                "top_gap",
            ]
        )
        for r in c.rows:
            row = row_json(r, lang, c.anonymised)
            shares = {i.key: i.value for i in r.verdict.indicators}
            w.writerow(
                [
                    _csv(row["rank"]),
                    r.name,
                    _csv(r.code),
                    _csv(row["score"]),
                    _csv(row["classification"]),
                    _csv(row["not_computed"]),
                    *(_csv(_exact(shares.get(k), 4)) for k in keys),
                    sum(m.met for m in r.verdict.mandatory),
                    len(r.verdict.mandatory),
                    _csv(row["hours_per_year"]),
                    _csv(row["kroner_per_year"]),
                    _csv(row["top_gap"]),
                ]
            )
        return buf.getvalue()


def _csv(value: object) -> str:
    return "" if value is None else str(value)


FORMATS: tuple[str, ...] = ("text", "markdown", "html", "json", "csv")
_RENDERERS: dict[str, tuple[str, str]] = {
    "text": ("kommarch.render.compare", "TextComparison"),
    "markdown": ("kommarch.render.compare", "MarkdownComparison"),
    "html": ("kommarch.render.comparehtml", "HtmlComparison"),
    "json": ("kommarch.render.compare", "JsonComparison"),
    "csv": ("kommarch.render.compare", "CsvComparison"),
}


def render_comparison(c: Comparison, fmt: str, lang: Lang) -> str:
    """The comparison in ``fmt`` (one of :data:`FORMATS`)."""
    module, cls = _RENDERERS[fmt]
    renderer: ComparisonRenderer = getattr(importlib.import_module(module), cls)()
    return renderer.render(c, lang)
