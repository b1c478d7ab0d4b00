"""What every audit rule is: metadata on the class, a pure ``check`` that yields findings.

A rule's first docstring line is its summary everywhere (``kommarch rules``, docs/rules.md,
SARIF ``shortDescription``). Texts are in Danish and English. Rules never print, never do I/O
and never mutate the inventory or the graph.
"""

from __future__ import annotations

import datetime as dt
import enum
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from kommarch.findings import Finding, Severity, Text
from kommarch.graph import Graph
from kommarch.inventory.location import Location
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import Settings


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
class AuditContext:
    """What rules read: the validated inventory, its graph, the settings and the audit date."""

    inventory: Inventory
    graph: Graph
    settings: Settings
    as_of: dt.date


class Rule(ABC):
    """An audit rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    severity: ClassVar[Severity]
    principle: ClassVar[Principle]
    section: ClassVar[ReportSection]  # where the report shows the rule's findings
    group: ClassVar[Text]  # e.g. "Dobbeltindtastning" / "Duplicate data entry"
    subjects: ClassVar[Text]  # what the subjects are, e.g. "system, dataobjekt" / "system, object"
    title: ClassVar[Text]  # one line: the finding condition
    rationale: ClassVar[Text]
    remediation: ClassVar[Text]
    failing_example: ClassVar[str]  # a small inventory snippet (YAML) that fires the rule
    passing_example: ClassVar[str]  # the same snippet, fixed

    @abstractmethod
    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Yield this rule's findings, at the rule's default severity."""

    @classmethod
    def summary(cls) -> str:
        """The first line of the docstring."""
        return (cls.__doc__ or "").strip().splitlines()[0]

    def finding(
        self,
        subjects: tuple[str, ...],
        message: Text,
        location: Location,
        related: tuple[Location, ...] = (),
    ) -> Finding:
        """A finding of this rule."""
        return Finding(
            rule=self.code,
            name=self.name,
            severity=self.severity,
            subjects=subjects,
            message=message,
            location=location,
            related=related,
        )
