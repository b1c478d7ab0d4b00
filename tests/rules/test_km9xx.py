"""Waiver rules KM901/KM902: produced by policy.apply_config from kommarch.yaml's waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
import yaml

from kommarch.findings import Finding, Severity
from kommarch.inventory.config import config_path, load_config
from kommarch.inventory.location import Location
from kommarch.policy import apply_config
from kommarch.report import WaiverStatus
from kommarch.rules import REGISTRY
from kommarch.rules.waivers import RULES

FIXTURES = Path(__file__).parents[1] / "fixtures" / "rules" / "km9xx"
SYSTEMS = yaml.safe_load((FIXTURES / "KM901.yaml").read_text(encoding="utf-8"))["systems"]
AUDIT_CODES = [c for c in REGISTRY if "KM400" <= c < "KM600"]
DAY = dt.date(2026, 6, 1)


@pytest.fixture
def policy(audit_context: Any) -> Any:
    """``policy(config, as_of)`` -> the KM4xx/KM5xx findings of the shared inventory (booking
    without owner) after ``config`` (kommarch.yaml text) is applied, and the waiver statuses."""

    def run(config: str, as_of: dt.date = DAY) -> tuple[list[Finding], list[WaiverStatus]]:
        ctx = audit_context({"systems.yaml": SYSTEMS, "kommarch.yaml": config}, as_of)
        root = Path(ctx.inventory.root)
        cfg, errors = load_config(config_path(root, None), root, list(REGISTRY))
        assert errors == []
        raw = [f for code in AUDIT_CODES for f in REGISTRY[code].check(ctx)]
        return apply_config(raw, cfg, ctx.inventory, as_of)

    return run


def shown(findings: list[Finding]) -> list[list[Any]]:
    """[code, subjects, file:line:column(, waived)], sorted: what the case files list."""
    return sorted(
        [f.rule, list(f.subjects), str(f.location), *(["waived"] if f.waived else [])]
        for f in findings
    )


def cases() -> list[Any]:
    out = []
    for path in sorted(FIXTURES.glob("*.yaml")):
        doc = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(pytest.param(case, id=f"{path.stem}: {case['name']}"))
    return out


@pytest.mark.parametrize("case", cases())
def test_case(case: dict[str, Any], policy: Any) -> None:
    findings, _ = policy(case["files"]["kommarch.yaml"], case.get("as_of", DAY))
    assert shown(findings) == sorted(case["expect"])


@pytest.mark.parametrize("cls", RULES, ids=[c.code for c in RULES])
def test_examples_fire_and_pass(cls: Any, policy: Any) -> None:
    # the examples are kommarch.yaml snippets; their comment says what the inventory holds
    assert "'booking' without owner" in cls.failing_example
    failing, _ = policy(cls.failing_example)
    passing, _ = policy(cls.passing_example)
    assert cls.code in [f.rule for f in failing]
    assert [f.rule for f in passing if not f.waived] == []


def test_metadata_and_check_yields_nothing() -> None:
    assert [(c.code, c.name, c.severity, c.principle.value) for c in RULES] == [
        ("KM901", "waiver-expired", Severity.ERROR, 1),
        ("KM902", "waiver-unused", Severity.INFO, 1),
    ]
    for cls in RULES:
        assert cls.summary() and cls.rationale.da and cls.remediation.en
        assert list(cls().check(None)) == []  # type: ignore[arg-type]


def test_expired_waiver_message_status_and_severity_setting(policy: Any) -> None:
    config = (
        "rules:\n  KM901: warning\n"
        "waivers:\n"
        "  - {rule: KM401, subjects: [booking], reason: Ejer, approved_by: IT,"
        " expires: 2026-05-31}\n"
    )
    findings, statuses = policy(config)
    (expired,) = [f for f in findings if f.rule == "KM901"]
    assert expired.severity is Severity.WARNING
    assert expired.name == "waiver-expired"
    assert expired.location == Location("kommarch.yaml", 4, 5)
    assert expired.message.da == (
        "Dispensationen for KM401 (booking) udløb 31. maj 2026; 1 forhold står igen i "
        "rapporten; ret forholdet, eller forny dispensationen"
    )
    assert statuses == [
        WaiverStatus(
            "KM401",
            ("booking",),
            "Ejer",
            "IT",
            dt.date(2026, 5, 31),
            "expired",
            1,
            Location("kommarch.yaml", 4, 5),
        )
    ]


def test_unused_waiver_message(policy: Any) -> None:
    config = "waivers:\n  - {rule: KM404, reason: Aftalt, approved_by: IT}\n"
    findings, _ = policy(config)
    (unused,) = [f for f in findings if f.rule == "KM902"]
    assert (unused.subjects, unused.severity) == (("KM404",), Severity.INFO)
    assert unused.message.en == (
        "The waiver for KM404 matches no finding; remove it or correct its subjects"
    )
