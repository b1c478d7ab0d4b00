"""policy.apply_config: rules turned off, configured severities, waivers (section 13)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from kommarch.catalogue import catalogue
from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.config import LoadedConfig
from kommarch.inventory.location import Location
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import Config
from kommarch.policy import apply_config
from kommarch.report import WaiverStatus

DAY = dt.date(2026, 6, 1)
INV = Inventory(root=".", catalogue=catalogue(), previous_ids={"esdh": "sbsys"})


def finding(rule: str, *subjects: str, line: int = 1, sev: Severity = Severity.WARNING) -> Finding:
    return Finding(
        rule,
        f"name-{rule}",
        sev,
        subjects,
        Text.same(" ".join(subjects)),
        Location("systems.yaml", line, 5),
    )


RAW = [
    finding("KM401", "booking", line=3),
    finding("KM404", "KMD", line=4, sev=Severity.INFO),
    finding("KM503", "p", "ky", "person", line=10, sev=Severity.INFO),
    finding("KM503", "p", "sbsys", "sag", line=10, sev=Severity.INFO),
    finding("KM503", "q", "ky", "person", line=20, sev=Severity.INFO),
    finding("KM302", "sbsys", line=30, sev=Severity.ERROR),
]


def config(rules: dict[str, Any] | None = None, *waivers: dict[str, Any]) -> LoadedConfig:
    """A configuration whose n-th waiver stands at kommarch.yaml line n + 10."""
    full = [{"reason": f"grund {n}", "approved_by": "IT", **w} for n, w in enumerate(waivers)]
    cfg = Config.model_validate({"rules": rules or {}, "waivers": full})
    locations = [Location("kommarch.yaml", n + 10, 5) for n in range(len(waivers))]
    return LoadedConfig(cfg, "kommarch.yaml", locations)


def state(findings: list[Finding]) -> list[tuple[str, tuple[str, ...], str, str | None]]:
    return [(f.rule, f.subjects, f.severity.value, f.waiver_reason) for f in findings]


def test_no_configuration_changes_nothing() -> None:
    findings, statuses = apply_config(RAW, config(), INV, DAY)
    assert state(findings) == [
        ("KM401", ("booking",), "warning", None),
        ("KM404", ("KMD",), "info", None),
        ("KM503", ("p", "ky", "person"), "info", None),
        ("KM503", ("p", "sbsys", "sag"), "info", None),
        ("KM503", ("q", "ky", "person"), "info", None),
        ("KM302", ("sbsys",), "error", None),
    ]
    assert statuses == []


def test_rules_off_are_dropped_and_severities_set() -> None:
    cfg = config(
        {
            "KM401": False,
            "KM503": "off",
            "KM404": {"severity": "error"},
            "KM302": "warning",
            "KM405": "info",
        }
    )
    findings, _ = apply_config(RAW, cfg, INV, DAY)
    assert state(findings) == [
        ("KM404", ("KMD",), "error", None),
        ("KM302", ("sbsys",), "warning", None),
    ]


def test_prefix_matching_of_subjects() -> None:
    cfg = config(
        None,
        {"rule": "KM503", "subjects": ["p"]},
        {"rule": "KM503", "subjects": ["q", "ky"]},
        {"rule": "KM503", "subjects": ["ky"]},
        {"rule": "KM503", "subjects": ["q", "ky", "person", "mere"]},
    )
    findings, statuses = apply_config(RAW, cfg, INV, DAY)
    assert [(f.subjects, f.waiver_reason) for f in findings if f.rule == "KM503"] == [
        (("p", "ky", "person"), "grund 0"),
        (("p", "sbsys", "sag"), "grund 0"),
        (("q", "ky", "person"), "grund 1"),
    ]
    assert [s.matched for s in statuses] == [2, 1, 0, 0]
    assert [(f.rule, f.subjects, str(f.location)) for f in findings if f.rule >= "KM900"] == [
        ("KM902", ("KM503", "ky"), "kommarch.yaml:12:5"),
        ("KM902", ("KM503", "q"), "kommarch.yaml:13:5"),
    ]


def test_empty_subjects_match_every_finding_of_the_rule_only() -> None:
    findings, statuses = apply_config(RAW, config(None, {"rule": "KM503"}), INV, DAY)
    assert [f.rule for f in findings if f.waived] == ["KM503", "KM503", "KM503"]
    assert not any(f.waived for f in findings if f.rule != "KM503")
    assert statuses[0].matched == 3


def test_the_first_matching_waiver_gives_the_reason_and_all_count_as_used() -> None:
    cfg = config(None, {"rule": "KM401", "subjects": ["booking"]}, {"rule": "KM401"})
    findings, statuses = apply_config(RAW, cfg, INV, DAY)
    assert state(findings)[0] == ("KM401", ("booking",), "warning", "grund 0")
    assert findings[0].waived
    assert [s.matched for s in statuses] == [1, 1]
    assert [f.rule for f in findings if f.rule >= "KM900"] == []


def test_former_ids_in_waivers_are_translated() -> None:
    cfg = config(
        None,
        {"rule": "KM302", "subjects": ["esdh"]},
        {"rule": "KM503", "subjects": ["p", "esdh", "sag"]},
    )
    findings, statuses = apply_config(RAW, cfg, INV, DAY)
    assert [f.subjects for f in findings if f.waived] == [("p", "sbsys", "sag"), ("sbsys",)]
    assert [(s.subjects, s.matched) for s in statuses] == [
        (("esdh",), 1),
        (("p", "esdh", "sag"), 1),
    ]


def test_a_waiver_of_a_rule_turned_off_has_nothing_to_waive() -> None:
    cfg = config({"KM302": "off"}, {"rule": "KM302", "subjects": ["sbsys"]})
    findings, statuses = apply_config(RAW, cfg, INV, DAY)
    assert "KM302" not in [f.rule for f in findings]
    assert [(f.rule, f.subjects) for f in findings if f.rule >= "KM900"] == [
        ("KM902", ("KM302", "sbsys"))
    ]
    assert statuses[0].matched == 0


def test_waiver_findings_obey_rule_settings() -> None:
    cfg = config(
        {"KM901": "warning", "KM902": "off"},
        {"rule": "KM401", "expires": "2026-05-31"},
        {"rule": "KM405"},
    )
    findings, _ = apply_config(RAW, cfg, INV, DAY)
    assert [(f.rule, f.subjects, f.severity.value) for f in findings if f.rule >= "KM900"] == [
        ("KM901", ("KM401",), "warning")
    ]
    (owner,) = [f for f in findings if f.rule == "KM401"]
    assert not owner.waived  # the expired waiver silences nothing


def test_expiry_is_inclusive() -> None:
    cfg = config(None, {"rule": "KM401", "expires": "2026-06-01"})
    on_the_day, statuses = apply_config(RAW, cfg, INV, DAY)
    after, after_statuses = apply_config(RAW, cfg, INV, DAY + dt.timedelta(days=1))
    assert [(f.rule, f.waived) for f in on_the_day if f.rule in ("KM401", "KM901")] == [
        ("KM401", True)
    ]
    assert [(f.rule, f.waived) for f in after if f.rule in ("KM401", "KM901")] == [
        ("KM901", False),
        ("KM401", False),
    ]
    assert (statuses[0].state, after_statuses[0].state) == ("active", "expired")


def test_waivers_never_apply_to_km9xx() -> None:
    # KM9xx waivers are a KM002 of the configuration; here they silence nothing and say nothing
    cfg = config(None, {"rule": "KM902"}, {"rule": "KM405", "subjects": ["x"]})
    findings, statuses = apply_config(RAW, cfg, INV, DAY)
    assert [(f.rule, f.subjects, f.waived) for f in findings if f.rule >= "KM900"] == [
        ("KM902", ("KM405", "x"), False)
    ]
    assert [(s.rule, s.matched) for s in statuses] == [("KM902", 0), ("KM405", 0)]


def test_statuses_are_in_config_order_with_their_details() -> None:
    cfg = config(
        None,
        {"rule": "KM404", "subjects": ["KMD"], "expires": "2027-01-01"},
        {"rule": "KM401", "expires": "2020-01-01"},
    )
    _, statuses = apply_config(RAW, cfg, INV, DAY)
    assert statuses == [
        WaiverStatus(
            "KM404",
            ("KMD",),
            "grund 0",
            "IT",
            dt.date(2027, 1, 1),
            "active",
            1,
            Location("kommarch.yaml", 10, 5),
        ),
        WaiverStatus(
            "KM401",
            (),
            "grund 1",
            "IT",
            dt.date(2020, 1, 1),
            "expired",
            1,
            Location("kommarch.yaml", 11, 5),
        ),
    ]


def test_result_is_sorted_and_independent_of_input_order() -> None:
    cfg = config(None, {"rule": "KM503", "subjects": ["p"]}, {"rule": "KM405"})
    forward, _ = apply_config(RAW, cfg, INV, DAY)
    backward, _ = apply_config(list(reversed(RAW)), cfg, INV, DAY)
    assert forward == backward
    assert forward == sorted(forward, key=lambda f: f.sort_key())


def test_missing_waiver_location_falls_back_to_the_config_file() -> None:
    cfg = LoadedConfig(
        Config.model_validate({"waivers": [{"rule": "KM405", "reason": "r", "approved_by": "a"}]}),
        "k.yaml",
        [],
    )
    findings, _ = apply_config([], cfg, INV, DAY)
    assert [(f.rule, str(f.location)) for f in findings] == [("KM902", "k.yaml")]
