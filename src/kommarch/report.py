"""The Report: everything a renderer may read. Renderers see this and nothing else.

``validate`` fills only the header and the KM0xx findings; ``audit`` fills the rest. All
collections are already in their final, deterministic order when a Report is built.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

from kommarch.findings import Counts, Finding, Lang, Municipality, Text
from kommarch.inventory.location import Location
from kommarch.paths import Anchors

Classification = Literal["A", "U"]


@dataclass(frozen=True, slots=True)
class IndicatorResult:
    """One maturity indicator of section 7 with its fraction and weight."""

    key: str  # register_data_reused | common_infrastructure_used | no_duplicate_entry | ...
    name: Text
    numerator: int
    denominator: int
    weight: float

    @property
    def value(self) -> float | None:
        """The fraction, or None when the denominator is 0 (left out of the mean)."""
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True, slots=True)
class Lever:
    """A change that would raise the score, and by how many points."""

    indicator: str
    text: Text
    gain: float
    subjects: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class MandatoryElement:
    """A mandatory element of section 7 (Digital Post, no closed service) and whether it is met.

    ``findings`` are the unwaived findings that block it (rule settings applied)."""

    key: str  # digital_post | no_closed_service
    rule: str  # KM306 | KM309
    name: Text
    met: bool
    findings: tuple[tuple[str, ...], ...] = ()  # the blocking findings' subjects


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of the path to A: a concrete fix and where it leaves the municipality."""

    rule: str  # the rule whose finding (or condition) the step removes, e.g. KM302
    subjects: tuple[str, ...]
    action: Text
    hours: float | None  # caseworker hours a year it saves, where known
    score_after: float
    classification_after: Classification


@dataclass(frozen=True, slots=True)
class Maturity:
    """Score, A/U classification, distance to A, the levers and the path to A."""

    indicators: tuple[IndicatorResult, ...]
    score: float
    classification: Classification
    infrastructure: float | None  # the "common infrastructure used" fraction
    distance_to_a: float  # score points still missing to 75 (0 when the score is enough)
    infrastructure_gap: int  # (system, obligation) pairs still to meet for 0.9 (0 when enough)
    levers: tuple[Lever, ...] = ()
    mandatory: tuple[MandatoryElement, ...] = ()
    path_to_a: tuple[PathStep, ...] = ()

    @property
    def mandatory_met(self) -> bool:
        """Every mandatory element is met."""
        return all(e.met for e in self.mandatory)


@dataclass(frozen=True, slots=True)
class Recommendation:
    """An integration that would remove a ``manual`` entry (section 8)."""

    system: str
    object: str
    provider: str  # the authority, a channel's source, or the municipal master system
    via: str | None  # serviceplatformen, datafordeleren, the integration platform, or None
    service: str | None  # Serviceplatformen service id, where one applies
    hours_per_year: float | None  # caseworker hours it would save (None: unknown)
    processes: tuple[str, ...]  # processes whose hours it would reduce
    text: Text


@dataclass(frozen=True, slots=True)
class JourneyObject:
    """What one process does with one data object."""

    object: str
    lookup_systems: tuple[str, ...]
    entry_systems: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Journey:
    """A caseworker journey with its estimated hours lost per year (section 8)."""

    process: str
    name: str
    unit: str | None
    cases_per_year: int | None
    redundant_lookups: int
    redundant_entries: int
    hours_per_year: float | None  # None when cases_per_year is unknown
    objects: tuple[JourneyObject, ...]
    location: Location
    kle: tuple[str, ...] = ()  # the process's KLE numbers


@dataclass(frozen=True, slots=True)
class VendorShare:
    """How many in-use systems one vendor supplies."""

    vendor: str
    systems: int
    share: float


@dataclass(frozen=True, slots=True)
class ContractInfo:
    """An in-use system's contract end, for the governance table."""

    system: str
    contract_end: dt.date
    replaced_by: str | None


@dataclass(frozen=True, slots=True)
class SystemContact:
    """Who to talk to about a system: its owner and vendor, and when its contract ends.

    For an integration it is its sending system's (``system``), where the change is made.
    """

    system: str
    owner: str | None
    vendor: str | None
    contract_end: dt.date | None


@dataclass(frozen=True, slots=True)
class Governance:
    """Ownership, contracts, vendors and GDPR at a glance."""

    systems_in_use: int
    with_owner: int
    without_owner: tuple[str, ...]
    contracts_expiring: tuple[ContractInfo, ...]
    vendors: tuple[VendorShare, ...]  # largest first
    personal_data_systems: int
    without_dpa: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WaiverStatus:
    """A waiver of the dispensationsregister and what it did in this audit."""

    rule: str
    subjects: tuple[str, ...]
    reason: str
    approved_by: str
    expires: dt.date | None
    state: Literal["active", "expired"]
    matched: int  # findings it matched (silenced when active)
    location: Location


@dataclass(frozen=True, slots=True)
class GraphEdge:
    """An edge of the hot-spot diagram: a data flow, a missing one, or a manual entry."""

    source: str
    target: str
    objects: tuple[str, ...]
    kind: Literal["integration", "missing", "manual"]


@dataclass(frozen=True, slots=True)
class Hotspots:
    """A readable subgraph of the duplicate-entry and missing-integration hot spots."""

    nodes: tuple[str, ...]
    edges: tuple[GraphEdge, ...]
    omitted_nodes: int
    omitted_edges: int


@dataclass(frozen=True, slots=True)
class InventoryStats:
    """Sizes of the audited inventory."""

    systems: int
    systems_audited: int
    integrations: int
    integrations_active: int
    data_objects: int
    processes: int
    units: int
    files: int


@dataclass(slots=True)
class Report:
    """What a command produced, ready to render."""

    command: Literal["validate", "audit"]
    tool_version: str
    root: str
    municipality: Municipality
    lang: Lang
    findings: list[Finding]  # sorted (section 9), waived ones included and marked
    as_of: dt.date | None = None
    fail_on: str = "error"
    catalogue_version: str | None = None
    names: dict[str, str] = field(default_factory=dict)  # system/object/process id -> name
    stats: InventoryStats | None = None
    maturity: Maturity | None = None
    recommendations: list[Recommendation] = field(default_factory=list)
    journeys: list[Journey] = field(default_factory=list)
    governance: Governance | None = None
    waivers: list[WaiverStatus] = field(default_factory=list)
    hotspots: Hotspots | None = None
    lookup_seconds: float = 45.0  # settings.lookup_seconds: the journey-hour assumptions
    entry_seconds: float = 120.0  # settings.entry_seconds
    hourly_cost: float = 450.0  # settings.hourly_cost: kroner per caseworker hour
    fte_hours: float = 1924.0  # settings.fte_hours: hours in one full-time equivalent
    not_computed: int | None = None  # validation errors, when the audit is not scored
    kle_titles: dict[str, str] = field(default_factory=dict)  # known KLE number -> title
    anchors: Anchors = field(default_factory=Anchors)  # where the root is, from cwd and repo
    contacts: dict[str, SystemContact] = field(default_factory=dict)  # system/integration id
    baseline_hidden: int = 0  # known findings a --baseline left out

    @property
    def counts(self) -> Counts:
        """Unwaived findings by severity, and the waived ones."""
        return Counts.of(self.findings)

    @property
    def invalid(self) -> bool:
        """Any validation error (KM001-KM006): the inventory or configuration is invalid."""
        return any(f.rule < "KM100" for f in self.findings)
