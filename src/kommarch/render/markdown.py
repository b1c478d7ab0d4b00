"""The gap report (contract section 12) as one list of sections, for leaders first.

:data:`SECTIONS` is the document model both the Markdown report and the HTML page
(:mod:`~kommarch.render.htmlreport`) are written from, so they cannot drift apart. Three parts:
page one for leaders (the verdict and why, the path to A, the five most important actions, the
indicators), the annex for the architect (the findings with their positions, one remediation
text per rule, recommendations, journeys, governance, waivers, pictures, services), and last
the data quality of the systemoversigt. Every section is always present (an empty one says so).
Every inventory text is escaped (:func:`~kommarch.render.mdtable.escape`); the document fits
GitHub's step summary (``max_bytes``) by shortening the long tables. The report reads the
:class:`~kommarch.report.Report` and the rule metadata only.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from kommarch.findings import Text
from kommarch.render import mdgaps, mdplans, mdsummary
from kommarch.render.base import Renderer
from kommarch.render.mdtable import MAX_BYTES, Block, Slot, fit
from kommarch.render.mdwriter import Pictures, Writer
from kommarch.render.meta import RuleInfo, rule_index
from kommarch.report import Report

__all__ = ["MAX_BYTES", "SECTIONS", "MarkdownRenderer", "Part", "Pictures", "Section"]


class Part(enum.Enum):
    """The three parts of the report; in print, each starts on a new page."""

    LEADERS = "leaders"  # page one
    ANNEX = "annex"  # for the architect
    DATA_QUALITY = "data_quality"  # the systemoversigt itself


@dataclass(frozen=True, slots=True)
class Section:
    """One ``##`` section: its key (for cross-references), part, heading and writer."""

    key: str
    part: Part
    heading: Text
    write: Callable[[Writer], list[Block]]


_L, _A, _Q = Part.LEADERS, Part.ANNEX, Part.DATA_QUALITY
SECTIONS: tuple[Section, ...] = (
    Section("verdict", _L, Text("Konklusion", "Verdict"), mdsummary.verdict),
    Section("path", _L, Text("Vejen til A-kommune", "The path to A-kommune"), mdsummary.path),
    Section(
        "actions",
        _L,
        Text("De fem vigtigste tiltag", "The five most important actions"),
        mdsummary.actions,
    ),
    Section(
        "indicators", _L, Text("Modenhedsindikatorer", "Maturity indicators"), mdsummary.indicators
    ),
    Section(
        "duplicates", _A, Text("Dobbeltindtastning", "Duplicate data entry"), mdgaps.duplicates
    ),
    Section(
        "integrations",
        _A,
        Text("Manglende og brudte integrationer", "Missing and broken integrations"),
        mdgaps.integrations,
    ),
    Section(
        "principles",
        _A,
        Text("Øvrige huller i forhold til Rammearkitekturen", "Other Rammearkitektur gaps"),
        mdgaps.principles,
    ),
    Section(
        "recommendations",
        _A,
        Text("Anbefalede integrationer", "Recommended integrations"),
        mdplans.recommendations,
    ),
    Section(
        "journeys",
        _A,
        Text("Sagsbehandlernes arbejdsgange", "Caseworker journeys"),
        mdplans.journeys,
    ),
    Section("governance", _A, Text("Styring og ejerskab", "Governance"), mdplans.governance),
    Section("waivers", _A, Text("Dispensationer", "Waivers"), mdgaps.waivers),
    Section(
        "pictures",
        _A,
        Text("Brændpunkter og systemlandskab", "Hot spots and landscape"),
        mdplans.pictures,
    ),
    Section(
        "services",
        _A,
        Text("Services i Digitaliseringskataloget", "Services in the catalogue"),
        mdplans.services,
    ),
    Section(
        "data_quality",
        _Q,
        Text("Datakvalitet i systemoversigten", "Data quality of the inventory"),
        mdgaps.data_quality,
    ),
)
NUMBERS = {s.key: n for n, s in enumerate(SECTIONS, start=1)}


class MarkdownRenderer(Renderer):
    """The gap report as GitHub/GitLab Markdown, in the report's language.

    ``max_bytes`` bounds the UTF-8 size (default 1 MiB, GitHub's step summary limit); ``rules``
    replaces :func:`kommarch.render.meta.rule_index` as the source of principles, sections and
    remediation texts (tests use it to stay independent of the rule texts). ``pictures`` says
    how charts and diagrams appear: Mermaid only (stdout), linked SVG files plus Mermaid
    (``images``: figure key -> file name), or placeholders for the HTML page.
    """

    name = "markdown"

    def __init__(
        self,
        *,
        color: bool = False,
        width: int = 100,
        max_bytes: int = MAX_BYTES,
        rules: Mapping[str, RuleInfo] | None = None,
        pictures: Pictures = Pictures.MERMAID,
        images: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(color=color, width=width)
        self.max_bytes = max_bytes
        self.rules = rules
        self.pictures = pictures
        self.images = images or {}

    def _writer(self, report: Report) -> Writer:
        rules = self.rules if self.rules is not None else rule_index()
        return Writer(report, rules, NUMBERS, self.pictures, self.images)

    def render(self, report: Report) -> str:
        """The whole report, ending in a newline."""
        w = self._writer(report)
        blocks: list[Block] = [*mdsummary.title(w), Slot()]
        for number, section in enumerate(SECTIONS, start=1):
            blocks.append(f"## {number}. {section.heading.get(report.lang)}")
            blocks.extend(section.write(w))
        return self._fit(blocks, report)

    def parts(self, report: Report) -> dict[Part, str]:
        """Each part's Markdown (the title opens the leaders' part), for the HTML page."""
        w = self._writer(report)
        blocks: dict[Part, list[Block]] = {p: [] for p in Part}
        blocks[Part.LEADERS] += [*mdsummary.title(w), Slot()]
        for number, section in enumerate(SECTIONS, start=1):
            blocks[section.part].append(f"## {number}. {section.heading.get(report.lang)}")
            blocks[section.part].extend(section.write(w))
        return {p: self._fit(b, report) for p, b in blocks.items()}

    def _fit(self, blocks: list[Block], report: Report) -> str:
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
