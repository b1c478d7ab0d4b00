"""Fixed, hand-built reports and a fixed rule registry for the renderer tests.

Golden files live in tests/golden/render/ and are compared byte for byte. To regenerate them
deliberately (after a change you have reviewed), run::

    KOMMARCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render

and review the diff of tests/golden/ before committing it.

The renderers read rule metadata from ``kommarch.rules.REGISTRY``; the goldens use the fixed
registry below so that they change only when a renderer changes, not when a rule text does.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path

import pytest
from tests.goldenfiles import check_golden

import kommarch.rules
from kommarch.findings import Finding, Municipality, Severity, Text, sort_findings
from kommarch.inventory.location import Location
from kommarch.paths import Anchors
from kommarch.report import (
    ContractInfo,
    Governance,
    GraphEdge,
    Hotspots,
    IndicatorResult,
    InventoryStats,
    Journey,
    JourneyObject,
    Lever,
    MandatoryElement,
    Maturity,
    PathStep,
    Recommendation,
    Report,
    VendorShare,
    WaiverStatus,
)
from kommarch.rules.base import AuditContext, Principle, ReportSection, Rule

ANCHORS = Anchors("inventories/skovlund/", "inventories/skovlund/", "file:///srv/arkitektur/")
"""The fixed reports run from the repository root, the inventory in inventories/skovlund."""

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "render"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """``golden(name, actual)``: compare with tests/golden/render/<name>, byte for byte."""

    def check(name: str, actual: str) -> None:
        check_golden(GOLDEN / name, actual)

    return check


def _rule(
    code: str, name: str, severity: Severity, principle: Principle, group: Text, title: Text
) -> Rule:
    def check(self: Rule, ctx: AuditContext) -> Iterable[Finding]:
        return ()

    cls = type(
        f"Fake{code}",
        (Rule,),
        {
            "__doc__": f"{title.en}.",
            "code": code,
            "name": name,
            "severity": severity,
            "principle": principle,
            "section": {"KM1": ReportSection.DUPLICATES, "KM2": ReportSection.INTEGRATIONS}.get(
                code[:3], ReportSection.PRINCIPLES
            ),
            "group": group,
            "subjects": Text("system, dataobjekt", "system, object"),
            "title": title,
            "rationale": Text(f"Begrundelse for {code}: data genbruges.", f"Why {code} matters."),
            "remediation": Text(f"Ret {code} sådan | her.", f"Fix {code} like this | here."),
            "failing_example": f"systems:\n  - id: ky  # {code} fejler\n",
            "passing_example": "systems:\n  - id: ky\n",
            "check": check,
        },
    )
    rule: Rule = cls()
    return rule


DATA = Text("Dobbeltindtastning", "Duplicate data entry")
INTEGRATION = Text("Manglende integrationer", "Missing integrations")
GAPS = Text("Huller i Rammearkitekturen", "Rammearkitektur gaps")
GOV = Text("Styring og ejerskab", "Governance and ownership")
JOURNEYS = Text("Sagsbehandlernes arbejdsgange", "Caseworker journeys")

FAKE_RULES = [
    _rule(
        "KM101",
        "register-data-keyed-in",
        Severity.ERROR,
        Principle.P6,
        DATA,
        Text(
            "Et system har `manual` for et registerobjekt",
            "A system has `manual` for a register object",
        ),
    ),
    _rule(
        "KM103",
        "multiple-masters",
        Severity.ERROR,
        Principle.P6,
        DATA,
        Text("To eller flere systemer er master", "Two or more systems are master"),
    ),
    _rule(
        "KM201",
        "missing-integration",
        Severity.ERROR,
        Principle.P7,
        INTEGRATION,
        Text("Ingen aktiv integration leverer X", "No active integration delivers X"),
    ),
    _rule(
        "KM302",
        "case-index-missing",
        Severity.ERROR,
        Principle.P7,
        GAPS,
        Text(
            "Et sagsbærende system indekserer ikke i SDI",
            "A case-bearing system does not index into SDI",
        ),
    ),
    _rule(
        "KM401",
        "no-owner",
        Severity.WARNING,
        Principle.P1,
        GOV,
        Text("Et system har ingen systemejer", "A system has no owner"),
    ),
    _rule(
        "KM404",
        "vendor-concentration",
        Severity.INFO,
        Principle.P2,
        GOV,
        Text("Én leverandør leverer for mange systemer", "One vendor supplies too many"),
    ),
    _rule(
        "KM501",
        "repeated-lookup",
        Severity.WARNING,
        Principle.P5,
        JOURNEYS,
        Text("Samme objekt slås op i flere systemer", "The same object is looked up twice"),
    ),
]


@pytest.fixture
def fake_registry(monkeypatch: pytest.MonkeyPatch) -> dict[str, Rule]:
    """Replace the rule registry with the fixed fake rules for the duration of a test."""
    table = {r.code: r for r in FAKE_RULES}
    monkeypatch.setattr(kommarch.rules, "REGISTRY", table)
    return table


def finding(
    rule: str,
    name: str,
    severity: Severity,
    subjects: tuple[str, ...],
    da: str,
    en: str,
    loc: Location,
    related: tuple[Location, ...] = (),
    waived: str | None = None,
) -> Finding:
    f = Finding(rule, name, severity, subjects, Text(da, en), loc, related)
    return f.waive(waived) if waived is not None else f


def audit_findings() -> list[Finding]:
    """Several severities, a waived one, a positionless one, related locations, æøå, a %."""
    e, w, i = Severity.ERROR, Severity.WARNING, Severity.INFO
    return sort_findings(
        [
            finding(
                "KM101",
                "register-data-keyed-in",
                e,
                ("ky", "person"),
                "ky taster person ind manuelt, selvom data findes i CPR; hent dem via "
                "Serviceplatformen (SF1520)",
                "ky keys in person by hand although CPR holds it; fetch it through "
                "Serviceplatformen (SF1520)",
                Location("systems/ydelser.yaml", 12, 5),
            ),
            finding(
                "KM201",
                "missing-integration",
                e,
                ("ky", "indkomst"),
                "ky får indkomst via integration, men ingen aktiv integration leverer den",
                "ky gets indkomst by integration, but no active integration delivers it",
                Location("systems/ydelser.yaml", 30, 7),
            ),
            finding(
                "KM103",
                "multiple-masters",
                e,
                ("handleplan", "nexus", "sbsys"),
                "handleplan har 2 mastere: nexus, sbsys",
                "handleplan has 2 masters: nexus, sbsys",
                Location("data-objects.yaml", 3, 5),
                related=(
                    Location("systems/social.yaml", 4, 5),
                    Location("systems/esdh.yaml", 40, 5),
                ),
            ),
            finding(
                "KM302",
                "case-index-missing",
                e,
                ("legacy-esdh",),
                "legacy-esdh er sagsbærende, men indekserer ikke i Sags- og Dokumentindeks",
                "legacy-esdh is case-bearing but does not index into Sags- og Dokumentindeks",
                Location("systems/esdh.yaml", 4, 5),
                waived="Udfases 2027; godkendt af IT-styregruppen",
            ),
            finding(
                "KM401",
                "no-owner",
                w,
                ("kmd-sag",),
                "kmd-sag har ingen systemejer",
                "kmd-sag has no system owner",
                Location("systems/esdh.yaml", 20, 5),
            ),
            finding(
                "KM404",
                "vendor-concentration",
                i,
                ("KMD",),
                "KMD leverer 7 af 19 systemer i drift (37 %): risiko for leverandørlåsning",
                'KMD supplies 7 of 19 in-use systems (37%): a lock-in risk, see AR 2.3, "vendor"',
                Location("systems/esdh.yaml", 22, 13),
            ),
            finding(
                "KM501",
                "repeated-lookup",
                w,
                ("kontanthjaelp-ansoegning", "person"),
                "Behandling af ansøgning om kontanthjælp slår person op i 3 systemer: "
                "sbsys, momentum, ky",
                "Behandling af ansøgning om kontanthjælp looks person up in 3 systems: "
                "sbsys, momentum, ky",
                Location("processes.yaml", 2, 5),
            ),
            finding(
                "KM001",
                "yaml-syntax",
                e,
                (),
                "cannot read file: Permission denied",
                "cannot read file: Permission denied",
                Location("systems/ødelagt.yaml"),
            ),
        ]
    )


def maturity() -> Maturity:
    ind = [
        ("register_data_reused", "registerdata genbruges", "register data reused", 8, 10),
        (
            "common_infrastructure_used",
            "fælleskommunal infrastruktur i brug",
            "common infrastructure used",
            3,
            5,
        ),
        ("no_duplicate_entry", "ingen dobbeltindtastning", "no duplicate entry", 9, 12),
        ("integrations_intact", "integrationer intakte", "integrations intact", 7, 8),
        ("ownership", "ejerskab", "ownership", 0, 0),
    ]
    return Maturity(
        indicators=tuple(IndicatorResult(k, Text(da, en), n, d, 1.0) for k, da, en, n, d in ind),
        score=71.458333,
        classification="U",
        infrastructure=0.6,
        distance_to_a=3.541667,
        infrastructure_gap=2,
        levers=(
            Lever(
                "common_infrastructure_used",
                Text("Indekser legacy-esdh i SDI", "Index legacy-esdh into SDI"),
                5.0,
                ("legacy-esdh",),
            ),
            Lever(
                "register_data_reused",
                Text("Hent person til ky fra CPR", "Fetch person into ky from CPR"),
                2.5,
                ("ky", "person"),
            ),
        ),
        mandatory=(
            MandatoryElement(
                "digital_post",
                "KM306",
                Text("Breve når Digital Post", "Letters reach Digital Post"),
                False,
                (("ky",),),
            ),
            MandatoryElement(
                "no_closed_service",
                "KM309",
                Text("Ingen lukkede services i brug", "No closed service in use"),
                True,
            ),
        ),
        path_to_a=(
            PathStep(
                "KM306",
                ("ky",),
                Text("Send breve fra ky til Digital Post", "Send letters from ky to Digital Post"),
                None,
                71.458333,
                "U",
            ),
            PathStep(
                "KM302",
                ("legacy-esdh",),
                Text("Indekser legacy-esdh i SDI", "Index legacy-esdh into SDI"),
                None,
                76.458333,
                "A",
            ),
        ),
    )


def audit_report(lang: str = "en") -> Report:
    """The fixed audit report every format is tested with."""
    return Report(
        command="audit",
        tool_version="9.9.9",
        root="inventories/skovlund",
        anchors=ANCHORS,
        municipality=Municipality("Skovlund Kommune", "999"),
        lang="da" if lang == "da" else "en",
        findings=audit_findings(),
        as_of=dt.date(2025, 3, 1),
        fail_on="error",
        catalogue_version="2025.1",
        names={"ky": "Kommunernes Ydelsessystem (KY)"},
        stats=InventoryStats(19, 17, 25, 23, 2, 1, 6, 9),
        maturity=maturity(),
        recommendations=[
            Recommendation(
                "ky",
                "person",
                "cpr",
                "serviceplatformen",
                "SF1520",
                37.5,
                ("kontanthjaelp-ansoegning",),
                Text(
                    "Hent person fra CPR via Serviceplatformen (SF1520)",
                    "Fetch person from CPR through Serviceplatformen (SF1520)",
                ),
            )
        ],
        journeys=[
            Journey(
                "kontanthjaelp-ansoegning",
                "Behandling af ansøgning om kontanthjælp",
                "jobcenter",
                1800,
                2,
                0,
                45.0,
                (JourneyObject("person", ("ky", "momentum", "sbsys"), ()),),
                Location("processes.yaml", 2, 5),
            )
        ],
        governance=Governance(
            17,
            16,
            ("kmd-sag",),
            (ContractInfo("kmd-sag", dt.date(2025, 12, 31), None),),
            (VendorShare("KMD", 7, 7 / 19), VendorShare("Netcompany", 3, 3 / 19)),
            12,
            (),
        ),
        waivers=[
            WaiverStatus(
                "KM302",
                ("legacy-esdh",),
                "Udfases 2027; godkendt af IT-styregruppen",
                "IT-styregruppen",
                dt.date(2027, 6, 30),
                "active",
                1,
                Location("kommarch.yaml", 9, 5),
            )
        ],
        hotspots=Hotspots(("cpr", "ky"), (GraphEdge("cpr", "ky", ("person",), "missing"),), 0, 0),
    )


def validate_report(lang: str = "en", valid: bool = False) -> Report:
    """A validate report: three errors (one positionless), or none."""
    e = Severity.ERROR
    found = (
        []
        if valid
        else sort_findings(
            [
                finding(
                    "KM002",
                    "schema",
                    e,
                    ("ky",),
                    "status: 'active' is not one of in-use, …",
                    "status: 'active' is not one of in-use, …",
                    Location("systems/a.yaml", 3, 13),
                ),
                finding(
                    "KM003",
                    "duplicate-key",
                    e,
                    ("ky",),
                    "owner is repeated (first at line 4)",
                    "owner is repeated (first at line 4)",
                    Location("systems/a.yaml", 6, 5),
                ),
                finding(
                    "KM006",
                    "municipality",
                    e,
                    (),
                    "no municipality",
                    "no municipality",
                    Location("."),
                ),
            ]
        )
    )
    return Report(
        command="validate",
        tool_version="9.9.9",
        root="inventories/skovlund",
        anchors=ANCHORS,
        municipality=Municipality(None, None),
        lang="da" if lang == "da" else "en",
        findings=found,
        catalogue_version="2025.1",
    )


def with_stats(report: Report, files: int) -> Report:
    """``report`` with a file count (as the pipeline may fill it for validate)."""
    return dataclasses.replace(report, stats=InventoryStats(0, 0, 0, 0, 0, 0, 0, files))


@pytest.fixture
def make_audit(fake_registry: dict[str, Rule]) -> Callable[[str], Report]:
    """``make_audit(lang)``: the fixed audit report, with the fake registry in place."""
    return audit_report


@pytest.fixture
def make_validate(fake_registry: dict[str, Rule]) -> Callable[..., Report]:
    """``make_validate(lang, valid=False)``: the fixed validate report."""
    return validate_report


@pytest.fixture
def add_stats() -> Callable[[Report, int], Report]:
    """``add_stats(report, files)``."""
    return with_stats
