"""Severity, Finding and the fingerprint: what every check produces and every renderer reads."""

from __future__ import annotations

import datetime as dt
import enum
import hashlib
from dataclasses import dataclass, replace
from typing import Literal

from kommarch.inventory.location import Location

Lang = Literal["da", "en"]


class Severity(enum.Enum):
    """How serious a finding is; ordered ``info < warning < error``."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return _RANK[self]

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class Text:
    """A text in Danish and English."""

    da: str
    en: str

    def get(self, lang: Lang) -> str:
        """The text in ``lang``."""
        return self.da if lang == "da" else self.en

    @staticmethod
    def same(text: str) -> Text:
        """A text that reads the same in both languages (ids, codes, technical messages)."""
        return Text(text, text)


class Principle(enum.Enum):
    """The eight FDA principles (adopted by KL for the municipalities in 2017)."""

    P1 = 1
    P2 = 2
    P3 = 3
    P4 = 4
    P5 = 5
    P6 = 6
    P7 = 7
    P8 = 8

    @property
    def title(self) -> Text:
        """The principle's name in Danish and English."""
        return _PRINCIPLES[self]


class ReportSection(enum.Enum):
    """Where a rule's findings stand in the gap report (docs/report.md).

    The architecture gaps go to the annex for the architect, in this order; the findings about
    the systemoversigt itself (missing or contradictory facts, not the architecture) go to the
    last section, "Datakvalitet i systemoversigten".
    """

    DUPLICATES = "duplicates"  # duplicate data entry
    INTEGRATIONS = "integrations"  # missing and broken integrations
    PRINCIPLES = "principles"  # every other architecture gap, by FDA principle
    DATA_QUALITY = "data_quality"  # hygiene of the systemoversigt


_PRINCIPLES = {
    Principle.P1: Text(
        "Arkitektur styres på rette niveau efter fælles rammer",
        "Architecture is governed at the right level under common frameworks",
    ),
    Principle.P2: Text(
        "Arkitektur fremmer sammenhæng, innovation og effektivitet",
        "Architecture promotes coherence, innovation and efficiency",
    ),
    Principle.P3: Text(
        "Arkitektur og regulering understøtter hinanden",
        "Architecture and regulation support each other",
    ),
    Principle.P4: Text(
        "Sikkerhed, privatliv og tillid sikres", "Security, privacy and trust are ensured"
    ),
    Principle.P5: Text(
        "Processer optimeres på tværs", "Processes are optimised across organisations"
    ),
    Principle.P6: Text("Gode data deles og genbruges", "Good data are shared and reused"),
    Principle.P7: Text(
        "It-løsninger samarbejder effektivt", "IT solutions interoperate efficiently"
    ),
    Principle.P8: Text(
        "Data og services leveres driftssikkert", "Data and services are delivered reliably"
    ),
}


@dataclass(frozen=True, slots=True)
class RuleMeta:
    """What is documented about one code, a validation code (KM001-KM006) or an audit rule: the
    one shape ``kommarch rules``, ``kommarch explain``, docs/rules.md and SARIF read."""

    code: str
    name: str
    severity: Severity
    principle: Principle | None  # None for the validation codes
    section: ReportSection  # where the gap report shows the findings
    group: Text  # e.g. "Dobbeltindtastning" / "Duplicate data entry"
    subjects: Text  # what the subjects are, e.g. "system, dataobjekt" / "system, object"
    summary: str  # one line, English (an audit rule's first docstring line)
    title: Text  # one line: the finding condition
    rationale: Text
    remediation: Text
    failing_example: str  # a small snippet (YAML) that gives the code
    passing_example: str  # the same snippet, fixed


def fingerprint(rule: str, subjects: tuple[str, ...]) -> str:
    """A stable identity of a finding: rule and subjects only, never positions."""
    digest = hashlib.sha256("\x1f".join((rule, *subjects)).encode("utf-8")).hexdigest()
    return digest[:16]


@dataclass(frozen=True, slots=True)
class Finding:
    """One validation error or audit finding.

    ``location`` is where the first subject is declared; ``related`` are the declarations of the
    other subjects (for SARIF ``relatedLocations`` and editors).
    """

    rule: str
    name: str
    severity: Severity
    subjects: tuple[str, ...]
    message: Text
    location: Location
    related: tuple[Location, ...] = ()
    waived: bool = False
    waiver_reason: str | None = None

    @property
    def fingerprint(self) -> str:
        """See :func:`fingerprint`."""
        return fingerprint(self.rule, self.subjects)

    def sort_key(self) -> tuple[str, int, int, str, tuple[str, ...]]:
        """Section 9 order: path, line, column, rule, subjects."""
        path, line, column = self.location.sort_key()
        return (path, line, column, self.rule, self.subjects)

    def waive(self, reason: str) -> Finding:
        """This finding, marked as silenced by a waiver."""
        return replace(self, waived=True, waiver_reason=reason)

    def with_severity(self, severity: Severity) -> Finding:
        """This finding with the severity configured for its rule."""
        return replace(self, severity=severity)


def sort_findings(findings: list[Finding]) -> list[Finding]:
    """Sorted and de-duplicated: the same rule with the same subjects is reported once.

    Validation errors (KM0xx) are distinct per position and message: one entry can have
    several schema errors.
    """
    seen: set[tuple[object, ...]] = set()
    out: list[Finding] = []
    for f in sorted(findings, key=lambda f: (*f.sort_key(), f.message.en)):
        key: tuple[object, ...] = (f.rule, f.subjects)
        if f.rule < "KM100":
            key = (*key, f.location, f.message.en)
        if key in seen:
            continue
        seen.add(key)
        out.append(f)
    return out


@dataclass(slots=True)
class Counts:
    """Unwaived findings by severity, and the waived ones."""

    errors: int = 0
    warnings: int = 0
    info: int = 0
    waived: int = 0

    @staticmethod
    def of(findings: list[Finding]) -> Counts:
        """Count ``findings``."""
        c = Counts()
        for f in findings:
            if f.waived:
                c.waived += 1
            elif f.severity is Severity.ERROR:
                c.errors += 1
            elif f.severity is Severity.WARNING:
                c.warnings += 1
            else:
                c.info += 1
        return c


@dataclass(frozen=True, slots=True)
class Municipality:
    """Who the inventory is of, for report headers."""

    name: str | None = None
    code: str | None = None


_MONTHS: dict[Lang, tuple[str, ...]] = {
    "da": (
        "januar",
        "februar",
        "marts",
        "april",
        "maj",
        "juni",
        "juli",
        "august",
        "september",
        "oktober",
        "november",
        "december",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}


def long_date(day: dt.date, lang: Lang) -> str:
    """``"31. august 2026"`` in Danish, ``"31 August 2026"`` in English (no locale needed)."""
    month = _MONTHS[lang][day.month - 1]
    return f"{day.day}. {month} {day.year}" if lang == "da" else f"{day.day} {month} {day.year}"


def dates(day: dt.date) -> Text:
    """``day`` written out in both languages."""
    return Text(long_date(day, "da"), long_date(day, "en"))


def thousands(value: float, lang: Lang) -> str:
    """A whole number with thousands separators: ``"12.345"`` in Danish, ``"12,345"`` in English."""
    text = f"{round(value):,}"
    return text.replace(",", ".") if lang == "da" else text


def counts(value: float) -> Text:
    """:func:`thousands` in both languages."""
    return Text(thousands(value, "da"), thousands(value, "en"))
