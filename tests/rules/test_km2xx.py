"""Missing integrations KM201-KM207: the cases in fixtures/rules/km2xx, examples, messages."""

from __future__ import annotations

from typing import Any

from kommarch.inventory.location import Location
from kommarch.rules import REGISTRY


def _check(ctx: Any, code: str) -> list[Any]:
    return list(REGISTRY[code].check(ctx))


def test_missing_integration_names_the_service(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n  - {id: ky, name: KY, type: other, status: in-use, "
        "data: {indkomst: integration}}\n"
    )
    (f,) = _check(ctx, "KM201")
    assert f.message.da == (
        "KY skal have indkomst via en integration, men ingen aktiv integration "
        "leverer indkomst til KY; hent indkomst fra eIndkomst via "
        "Serviceplatformen (SF0770_A)"
    )


def test_broken_chain_names_the_providers_and_relates_a_declared_object(audit_context: Any) -> None:
    ctx = audit_context("""data_objects:
  - {id: plan, name: Plan}
systems:
  - {id: a, name: A, type: other, status: in-use, data: {plan: integration}}
  - {id: c, name: C, type: other, status: in-use, data: {plan: integration}}
  - {id: b, name: B, type: other, status: in-use, data: {plan: integration}}
integrations:
  - {from: c, to: a, data: [plan]}
  - {from: b, to: a, data: [plan]}
""")
    found = {f.subjects: f for f in _check(ctx, "KM202")}
    assert sorted(found) == [("a", "plan")]  # b and c receive nothing: that is KM201
    f = found["a", "plan"]
    assert f.message.en == (
        "A receives plan from B and C, but the chain of deliveries never "
        "reaches a source of plan; make one system the master of plan and "
        "fetch plan from it"
    )
    assert f.related == (Location("inventory.yaml", 2, 5),)


def test_retired_endpoint_names_the_successor(audit_context: Any) -> None:
    ctx = audit_context(
        """systems:
  - {id: ny-esdh, name: Ny, type: case-management, status: in-use, replaces: gammel-2,
     data: {sag: master}}
  - {id: gammel, name: Gammel, type: case-management, status: retired, previous_ids: [gammel-2],
     data: {sag: master}}
integrations:
  - {from: gammel, to: sdi, data: [sag]}
""",
        allow=["KM005"],
    )  # replaces names a former id: KM005 with a rename hint, still followed
    (f,) = _check(ctx, "KM204")
    assert f.subjects == ("gammel-sdi", "gammel")
    assert f.location == Location("inventory.yaml", 7, 5)
    assert f.related == (Location("inventory.yaml", 4, 5),)
    assert f.message.da == (
        "Integrationen fra Gammel til Sags- og Dokumentindeks er aktiv, men Gammel er udfaset; "
        "flyt den til Ny, der afløser Gammel"
    )


def test_provider_messages_say_what_is_missing(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: p, name: P, type: other, status: in-use, data: {brev: master}}
  - {id: s, name: S, type: other, status: in-use, data: {person: integration}}
integrations:
  - {from: p, to: s, data: [person]}
  - {from: beskedfordeler, to: s, data: [person]}
  - {from: dar, to: s, data: [person], via: datafordeleren}
""")
    found = {f.subjects[0]: f.message.en for f in _check(ctx, "KM206")}
    hint = "fetch person from CPR through Serviceplatformen (SF1520)"
    assert found == {
        "p-s": (
            "The integration from P to S carries person, but P's data do not list person; "
            f"add it or {hint}"
        ),
        "beskedfordeler-s": (
            "The integration from Beskedfordeler to S carries person, but no "
            f"active integration delivers person to Beskedfordeler; {hint}"
        ),
        "dar-s": (
            f"The integration from DAR to S carries person, but DAR does not hold person; {hint}"
        ),
    }


def test_undeclared_delivery_message(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: s, name: S, type: other, status: in-use, data: {sag: integration}}
integrations:
  - {from: cpr, to: s, data: [person], via: serviceplatformen}
""")
    (f,) = _check(ctx, "KM207")
    assert f.message.da == (
        "Integrationen fra CPR til S leverer person, men person står ikke i data for S; "
        "tilføj 'person: integration' til S, eller fjern person fra "
        "integrationen"
    )


def test_retired_endpoint_names_the_first_live_successor_by_id(audit_context: Any) -> None:
    # two live successors: the first by id is named, whatever the file order; a retired
    # successor (first of all by id) is never named
    ctx = audit_context(
        """systems:
  - {id: gammel, name: Gammel, type: other, status: retired, data: {sag: master}}
  - {id: zeta, name: Zeta, type: other, status: in-use, replaces: gammel, data: {sag: master}}
  - {id: beta, name: Beta, type: other, status: in-use, replaces: gammel, data: {sag: master}}
  - {id: aaa, name: Aaa, type: other, status: retired, replaces: gammel}
  - {id: gamma, name: Gamma, type: other, status: in-use, replaces: gammel, data: {sag: master}}
integrations:
  - {from: gammel, to: sdi, data: [sag]}
"""
    )
    (f,) = _check(ctx, "KM204")
    assert f.message.en == (
        "The integration from Gammel to Sags- og Dokumentindeks is active but Gammel is "
        "retired; move it to Beta, which replaced Gammel"
    )
    assert f.message.da == (
        "Integrationen fra Gammel til Sags- og Dokumentindeks er aktiv, men Gammel er udfaset; "
        "flyt den til Beta, der afløser Gammel"
    )


def test_retired_endpoint_without_a_successor_says_fix_or_retire(audit_context: Any) -> None:
    ctx = audit_context(
        """systems:
  - {id: gammel, name: Gammel, type: other, status: retired, data: {sag: master}}
  - {id: ny, name: Ny, type: other, status: retired, replaces: gammel, data: {sag: master}}
integrations:
  - {from: gammel, to: sdi, data: [sag]}
"""
    )
    (f,) = _check(ctx, "KM204")
    assert f.message.en == (
        "The integration from Gammel to Sags- og Dokumentindeks is active but Gammel is "
        "retired; fix or retire the integration"
    )
