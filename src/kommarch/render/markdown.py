"""The markdown gap report (contract section 12): for the IT architect and for the leadership.

Eleven ``##`` sections, always all of them and always in this order (an empty one says so):
summary, the path to A, indicators, duplicate data entry, missing and broken integrations,
Rammearkitektur gaps by FDA principle, recommended integrations, caseworker journeys, governance,
waivers and the hot-spot diagram. Every inventory text is escaped
(:func:`~kommarch.render.mdtable.escape`); the document fits GitHub's step summary
(``max_bytes``) by shortening the long tables. The report reads the
:class:`~kommarch.report.Report` and the rule metadata only.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from kommarch.findings import Text
from kommarch.render import mdgaps, mdplans, mdsummary
from kommarch.render.base import Renderer
from kommarch.render.mdtable import MAX_BYTES, Block, Slot, fit
from kommarch.render.mdwriter import Writer
from kommarch.render.meta import RuleInfo, rule_index
from kommarch.report import Report

__all__ = ["MAX_BYTES", "SECTIONS", "MarkdownRenderer"]

# The ``##`` sections of contract section 12, in their order; each is always present.
SECTIONS: tuple[tuple[Text, Callable[[Writer], list[Block]]], ...] = (
    (Text("Resumé", "Summary"), mdsummary.summary),
    (Text("Vejen til A-kommune", "Path to A-kommune"), mdsummary.path),
    (Text("Modenhedsindikatorer", "Maturity indicators"), mdsummary.indicators),
    (Text("Dobbeltindtastning", "Duplicate data entry"), mdgaps.duplicates),
    (
        Text("Manglende og brudte integrationer", "Missing and broken integrations"),
        mdgaps.integrations,
    ),
    (
        Text("Huller i forhold til Rammearkitekturen", "Rammearkitektur gaps by principle"),
        mdgaps.principles,
    ),
    (Text("Anbefalede integrationer", "Recommended integrations"), mdplans.recommendations),
    (Text("Sagsbehandlernes arbejdsgange", "Caseworker journeys"), mdplans.journeys),
    (Text("Styring og ejerskab", "Governance"), mdplans.governance),
    (Text("Dispensationer", "Waivers"), mdgaps.waivers),
    (Text("Brændpunkter", "Hot spots"), mdplans.hotspots),
)


class MarkdownRenderer(Renderer):
    """The gap report as GitHub/GitLab Markdown, in the report's language.

    ``max_bytes`` bounds the UTF-8 size (default 1 MiB, GitHub's step summary limit); ``rules``
    replaces :func:`kommarch.render.meta.rule_index` as the source of principles and
    remediation texts (tests use it to stay independent of the rule texts).
    """

    name = "markdown"

    def __init__(
        self,
        *,
        color: bool = False,
        width: int = 100,
        max_bytes: int = MAX_BYTES,
        rules: Mapping[str, RuleInfo] | None = None,
    ) -> None:
        super().__init__(color=color, width=width)
        self.max_bytes = max_bytes
        self.rules = rules

    def render(self, report: Report) -> str:
        """The whole report, ending in a newline."""
        rules = self.rules
        if rules is None:
            rules = rule_index()
        w = Writer(report, rules)
        blocks: list[Block] = [*mdsummary.title(w), Slot()]
        for number, (heading, section) in enumerate(SECTIONS, start=1):
            blocks.append(f"## {number}. {heading.get(report.lang)}")
            blocks.extend(section(w))
        limit = _limit(self.max_bytes)
        return fit(
            blocks,
            self.max_bytes,
            lambda n: _TABLE_NOTE.get(report.lang).format(n=n, limit=limit),
            lambda n: _DOCUMENT_NOTE.get(report.lang).format(n=n, limit=limit),
        )


_TABLE_NOTE = Text(
    "_{n} rækker mere er udeladt for at holde rapporten under {limit}; "
    "`kommarch audit --format json` giver den fulde liste._",
    "_{n} more rows left out to keep the report under {limit}; "
    "`kommarch audit --format json` gives the full list._",
)
_DOCUMENT_NOTE = Text(
    "**Bemærk:** rapporten er forkortet: {n} tabelrækker er udeladt for at holde den under "
    "{limit} (GitHubs grænse for et trinresumé). Hver forkortet tabel siger, hvor meget der "
    "mangler.",
    "**Note:** this report is shortened: {n} table rows are left out to keep it under {limit} "
    "(GitHub's limit for a step summary). Each shortened table says how much is missing.",
)


def _limit(max_bytes: int) -> str:
    if max_bytes % (1024 * 1024) == 0:
        return f"{max_bytes // (1024 * 1024)} MiB"
    return f"{max_bytes} bytes"
