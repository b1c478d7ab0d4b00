"""Rammearkitektur gaps KM301-KM309: the cases in fixtures/rules/km3xx, examples, messages."""

from __future__ import annotations

from typing import Any

import pytest

from kommarch.findings import Severity
from kommarch.rules import REGISTRY
from kommarch.rules.infrastructure import RULES

CASES = "km3xx"
CODES = [cls.code for cls in RULES]


def test_rule_case(rule_case: Any, audit: Any) -> None:
    assert rule_case.run(audit) == rule_case.expect


@pytest.mark.parametrize("code", CODES)
def test_examples_fire_and_pass(code: str, audit: Any) -> None:
    rule = REGISTRY[code]
    assert [h[0] for h in audit(rule.failing_example, code)][:1] == [code]
    assert audit(rule.passing_example, code) == []


def test_metadata() -> None:
    # principle 2 (AR 2.1) for using a common component, 8 (AR 8.1) for the agreed channel
    assert sorted((c.code, c.name, c.severity, c.principle.value) for c in RULES) == [
        ("KM301", "register-bypasses-infrastructure", Severity.ERROR, 8),
        ("KM302", "case-index-missing", Severity.ERROR, 2),
        ("KM303", "benefit-index-missing", Severity.ERROR, 2),
        ("KM304", "local-organisation-data", Severity.WARNING, 2),
        ("KM305", "local-classification", Severity.WARNING, 2),
        ("KM306", "digital-post-bypass", Severity.ERROR, 8),
        ("KM307", "local-authentication", Severity.WARNING, 2),
        ("KM308", "point-to-point-events", Severity.INFO, 8),
        ("KM309", "deprecated-service", Severity.WARNING, 8),
    ]
    for cls in RULES:
        assert cls.summary() and cls.group.da == "Huller i Rammearkitekturen"
        assert f"AR {cls.principle.value}.1" in cls.rationale.da
        assert f"AR {cls.principle.value}.1" in cls.rationale.en
        assert cls.remediation.da and cls.remediation.en and cls.title.da and cls.title.en


def _messages(ctx: Any, code: str) -> dict[tuple[str, ...], str]:
    return {f.subjects: f.message.en for f in REGISTRY[code].check(ctx)}


def test_register_bypass_names_the_channel_and_service(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: s, name: S, type: other, status: in-use,
     data: {person: integration, matrikel: integration}}
integrations:
  - {from: cpr, to: s, data: [person]}
  - {from: mat, to: s, data: [matrikel], via: beskedfordeler}
  - {from: vur, to: s, data: [person]}
""")
    assert _messages(ctx, "KM301") == {
        ("cpr-s",): (
            "cpr-s takes data from cpr directly, bypassing the common infrastructure; "
            "fetch them through Serviceplatformen (SF1520)"
        ),
        ("mat-s",): (
            "mat-s takes data from mat through beskedfordeler, bypassing the common "
            "infrastructure; fetch them through Datafordeleren"
        ),
        ("vur-s",): (
            "vur-s takes data from vur directly, bypassing the common infrastructure; "
            "fetch them through Serviceplatformen or Datafordeleren"
        ),
    }


def test_obligation_messages_name_component_and_service(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: s, name: S, type: case-management, status: in-use,
     data: {sag: master, ydelse: master, brev: master, organisation: manual}}
""")
    found = {code: _messages(ctx, code)[("s",)] for code in ("KM302", "KM303", "KM304", "KM306")}
    assert found == {
        "KM302": (
            "s is case-bearing but does not deliver sag or dokument to sdi; add an active "
            "integration s → sdi through Serviceplatformen (SF1470)"
        ),
        "KM303": (
            "s is benefit-paying but does not deliver ydelse to ydelsesindeks; add an "
            "active integration s → ydelsesindeks"
        ),
        "KM304": (
            "s keys in organisation by hand; fetch it from fk-organisation through "
            "Serviceplatformen (SF1500)"
        ),
        "KM306": (
            "s is the master of letters but does not deliver brev to postkomponent; add "
            "an active integration s → postkomponent through Serviceplatformen (SF1601)"
        ),
    }
    (f,) = REGISTRY["KM302"].check(ctx)
    assert f.message.da == (
        "s er sagsbærende, men leverer hverken sag eller dokument til sdi; "
        "tilføj en aktiv integration s → sdi via Serviceplatformen (SF1470)"
    )


def test_point_to_point_suggests_the_integration_platform(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: a, name: A, type: other, status: in-use, data: {sag: master}}
  - {id: b, name: B, type: other, status: in-use, data: {sag: integration}}
  - {id: ip, name: IP, type: integration-platform, status: in-use}
integrations:
  - {from: a, to: b, data: [sag], mechanism: message}
""")
    assert _messages(ctx, "KM308") == {
        ("a-b",): (
            "a-b sends messages straight from a to b; send them through the Beskedfordeler "
            "(SF1461) or ip"
        )
    }


def test_deprecated_service_names_the_successor(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: a, name: A, type: other, status: in-use, data: {sag: master}}
integrations:
  - {from: a, to: beskedfordeler, data: [sag], service: SF1460_D}
""")
    (f,) = REGISTRY["KM309"].check(ctx)
    assert f.message.da == (
        "a-beskedfordeler bruger SF1460_D (Beskedfordeler (gammel snitflade "
        "D)), som er udfaset; skift til SF1460_C (Beskedfordeler afhent)"
    )
