"""What every audit rule is: metadata on the class, a pure ``check`` that yields findings.

:meth:`Rule.meta` gives the metadata as a :class:`~kommarch.findings.RuleMeta`, the shape the
validation codes (:mod:`kommarch.inventory.codes`) have too.

A rule's first docstring line is its summary everywhere (``kommarch rules``, docs/rules.md,
SARIF ``shortDescription``). Texts are in Danish and English. Rules never print, never do I/O
and never mutate the inventory or the graph.
"""

from __future__ import annotations

import datetime as dt
from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar

from kommarch.findings import Finding, Principle, ReportSection, RuleMeta, Severity, Text
from kommarch.graph import Graph
from kommarch.inventory.location import Location
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import Indicator, Settings


class Cascade(StrEnum):
    """When a finding of the rule only repeats a validation error and is left out (section 13;
    :mod:`kommarch.rules.cascade`). Every kind but ``NONE`` also drops a finding that names an
    id the inventory does not have (a misspelt data object or system, reported as KM005)."""

    NONE = "none"  # never: the rule reads nothing an invalid entry can break
    IDS = "ids"  # only when a subject does not exist
    CONSUMER = "consumer"  # or its system was to be fed by an integration that failed validation
    END = "end"  # or its system is an end of an integration that failed validation
    INTEGRATION = "integration"  # or its integration (first subject) has a validation error


@dataclass(frozen=True, slots=True)
class Mandatory:
    """A mandatory element of section 7 a rule stands for: met when no unwaived finding of the
    rule is left (``key`` as in the JSON report, ``name`` in Danish and English)."""

    key: str
    name: Text


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
    # the maturity indicators whose met count rises when a finding of the rule is fixed (section
    # 7); tests/scoring/test_feeds.py holds the scoring to it, both ways
    feeds: ClassVar[tuple[Indicator, ...]]
    # when a finding of the rule only repeats a validation error (kommarch.rules.cascade)
    cascade: ClassVar[Cascade]
    # the mandatory element the rule stands for (KM306, KM309), read by kommarch.scoring.assess
    mandatory: ClassVar[Mandatory | None] = None
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

    @classmethod
    def meta(cls) -> RuleMeta:
        """The rule's documentation in the shape every code shares (validation codes too)."""
        return RuleMeta(
            code=cls.code,
            name=cls.name,
            severity=cls.severity,
            principle=cls.principle,
            section=cls.section,
            group=cls.group,
            subjects=cls.subjects,
            summary=cls.summary(),
            title=cls.title,
            rationale=cls.rationale,
            remediation=cls.remediation,
            failing_example=cls.failing_example,
            passing_example=cls.passing_example,
        )

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


# Principle lives with RuleMeta in kommarch.findings; the rules have always read it from here.
__all__ = ["AuditContext", "Mandatory", "Principle", "ReportSection", "Rule"]
