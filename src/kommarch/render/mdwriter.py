"""What every section of the markdown gap report shares: language, names, rule metadata, findings.

:class:`Writer` carries the report and the small vocabulary (plurals, numbers, labels, finding
tables, remediation lists) the section modules (:mod:`~kommarch.render.mdsummary`,
:mod:`~kommarch.render.mdgaps`, :mod:`~kommarch.render.mdplans`) write with. Every inventory
text goes through :func:`~kommarch.render.mdtable.escape` or
:func:`~kommarch.render.mdtable.code`, never raw.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping

from kommarch.findings import Finding, Text
from kommarch.render.base import SEVERITY_LABEL, ceil1, floor1, num, plural
from kommarch.render.mdtable import Block, LazyRows, Table, code, escape, prose
from kommarch.render.meta import RuleInfo
from kommarch.report import Report
from kommarch.rules.base import ReportSection


class Pictures(enum.Enum):
    """How the report shows its charts and diagrams."""

    MERMAID = "mermaid"  # Mermaid only (the report goes to stdout: no file to link)
    FILES = "files"  # SVG files next to the report, linked, plus Mermaid where GitHub draws it
    HTML = "html"  # a placeholder the HTML page replaces with the inline SVG


FIGURE_FENCE = "kommarch-figure"  # the info string of the HTML placeholder
FIGURE_ALT = {
    "indicators": Text("Modenhedsindikatorer og point", "Maturity indicators and score"),
    "path": Text("Vejen til A-kommune: point efter hvert trin", "The path to A: score per step"),
    "hotspots": Text("Brændpunkter", "Hot spots"),
    "landscape": Text("Systemlandskabet", "The system landscape"),
}

NOUNS: dict[str, tuple[Text, Text]] = {
    "finding": (Text("forhold", "finding"), Text("forhold", "findings")),
    "object": (Text("dataobjekt", "data object"), Text("dataobjekter", "data objects")),
    "system": (Text("system", "system"), Text("systemer", "systems")),
    "integration": (Text("integration", "integration"), Text("integrationer", "integrations")),
    "process": (Text("arbejdsgang", "journey"), Text("arbejdsgange", "journeys")),
    "unit": (
        Text("organisationsenhed", "organisation unit"),
        Text("organisationsenheder", "organisation units"),
    ),
    "file": (Text("fil", "file"), Text("filer", "files")),
    "step": (Text("trin", "step"), Text("trin", "steps")),
    "edge": (Text("forbindelse", "connection"), Text("forbindelser", "connections")),
    "KM201": (
        Text("manglende integration", "missing integration"),
        Text("manglende integrationer", "missing integrations"),
    ),
    "KM202": (
        Text("brudt datakæde", "broken data chain"),
        Text("brudte datakæder", "broken data chains"),
    ),
    "KM204": (
        Text("integration med et udfaset system", "integration with a retired system"),
        Text("integrationer med udfasede systemer", "integrations with retired systems"),
    ),
    "KM206": (
        Text(
            "integration fra et system uden dataene", "integration from a provider lacking the data"
        ),
        Text(
            "integrationer fra systemer uden dataene",
            "integrations from providers lacking the data",
        ),
    ),
}


class Writer:
    """The report, its language and rule metadata, and the helpers every section writes with."""

    def __init__(
        self,
        report: Report,
        rules: Mapping[str, RuleInfo],
        numbers: Mapping[str, int] | None = None,
        pictures: Pictures = Pictures.MERMAID,
        images: Mapping[str, str] | None = None,
    ) -> None:
        self.r = report
        self.lang = report.lang
        self.rules = rules
        self.gaps = [f for f in report.findings if not f.waived]
        self.numbers = numbers or {}
        self.pictures = pictures
        self.images = images or {}
        self.mermaid: dict[str, str] = {}  # figure key -> Mermaid source, set by the sections

    # -- structure --------------------------------------------------------------------------
    def section_of(self, f: Finding) -> ReportSection:
        """The report section of ``f``'s rule (rule metadata; an unknown code: the principles)."""
        info = self.rules.get(f.rule)
        return info.section if info is not None else ReportSection.PRINCIPLES

    def ref(self, key: str) -> str:
        """``"afsnit 5"`` / ``"section 5"``: a reference to the section ``key``."""
        return self.t("afsnit ", "section ") + str(self.numbers.get(key, "?"))

    def figure(self, key: str, mermaid: str | None = None) -> list[Block]:
        """The picture ``key``: a linked SVG file and/or Mermaid, or the HTML placeholder."""
        alt = FIGURE_ALT[key].get(self.lang)
        if self.pictures is Pictures.HTML:
            return [f"```{FIGURE_FENCE}\n{key}\n```"] if key in self.images else []
        out: list[Block] = []
        if self.pictures is Pictures.FILES and key in self.images:
            out.append(f"![{escape(alt)}]({self.images[key]})")
        if mermaid:
            out.append(mermaid)
        return out

    # -- vocabulary -------------------------------------------------------------------------
    def t(self, da: str, en: str) -> str:
        """The Danish or the English text."""
        return da if self.lang == "da" else en

    def n(self, count: int, noun: str) -> str:
        """``count`` with the right form of ``noun`` (a key of :data:`NOUNS`)."""
        one, many = NOUNS[noun]
        return plural(count, one, many, self.lang)

    def dec(self, value: float, up: bool = False) -> str:
        """One decimal, rounded down (or up), so a U score never reads as 75.0."""
        return num(ceil1(value) if up else floor1(value), self.lang)

    def share(self, numerator: int, denominator: int) -> str:
        """A percentage with one decimal, rounded down exactly; ``–`` for 0/0."""
        if denominator == 0:
            return "–"
        tenths = numerator * 1000 // denominator
        sep = "," if self.lang == "da" else "."
        return f"{tenths // 10}{sep}{tenths % 10}" + self.t(" %", "%")

    def number(self, value: float) -> str:
        """A short number (weights, seconds) with the language's decimal mark."""
        text = f"{value:g}"
        return text.replace(".", ",") if self.lang == "da" else text

    def label(self, ident: str) -> str:
        """``Name (`id`)`` when the report knows a name, else the id as code."""
        name = self.r.names.get(ident)
        if name and name != ident:
            return f"{escape(name)} ({code(ident)})"
        return code(ident)

    def name(self, ident: str) -> str:
        """The name the report knows for ``ident`` (escaped), else the id as code."""
        name = self.r.names.get(ident)
        return escape(name) if name else code(ident)

    def where(self, ident: str) -> str:
        """The system's name; for an integration, its sending system's name."""
        contact = self.r.contacts.get(ident)
        if ident not in self.r.names and contact is not None:
            return self.name(contact.system)
        return self.name(ident)

    def names(self, idents: Iterable[str]) -> str:
        """Where each of ``idents`` is (:meth:`where`), comma-separated, each once; ``–``."""
        return ", ".join(dict.fromkeys(self.where(i) for i in idents)) or "–"

    def labels(self, idents: Iterable[str]) -> str:
        """Several labels, comma-separated; ``–`` for none."""
        return ", ".join(self.label(i) for i in idents) or "–"

    def finding_table(self, findings: list[Finding]) -> Table:
        """Rule, severity, subjects, message and location of each finding."""
        return Table(
            (
                self.t("Regel", "Rule"),
                self.t("Alvor", "Severity"),
                self.t("Emner", "Subjects"),
                self.t("Forhold", "Finding"),
                self.t("Placering", "Location"),
            ),
            LazyRows(findings, self.finding_row),
        )

    def finding_row(self, f: Finding) -> tuple[str, ...]:
        """The cells of :meth:`finding_table` for one finding."""
        return (
            code(f.rule),
            SEVERITY_LABEL[f.severity].get(self.lang),
            self.labels(f.subjects),
            prose(f.message.get(self.lang)),
            code(str(f.location)),
        )

    def remedies(self, codes: Iterable[str]) -> list[Block]:
        """How to fix each rule among ``codes`` (from the rule metadata)."""
        lines = [
            f"- {code(c)} {prose(rule.title.get(self.lang))}: "
            f"{prose(rule.remediation.get(self.lang))}"
            for c in sorted(set(codes))
            if (rule := self.rules.get(c)) is not None
        ]
        if not lines:
            return []
        return [f"**{self.t('Sådan rettes det', 'How to fix')}**\n\n" + "\n".join(lines)]
