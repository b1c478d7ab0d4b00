"""Rammearkitektur gaps KM301-KM309: the cases in fixtures/rules/km3xx, examples, messages."""

from __future__ import annotations

from typing import Any

from kommarch.rules import REGISTRY


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
