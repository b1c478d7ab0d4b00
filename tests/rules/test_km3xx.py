"""Rammearkitektur gaps KM301-KM310: the cases in fixtures/rules/km3xx, examples, messages."""

from __future__ import annotations

from typing import Any

from kommarch.catalogue import ServiceState
from kommarch.rules import REGISTRY


def _messages(ctx: Any, code: str) -> dict[tuple[str, ...], str]:
    return {f.subjects: f.message.en for f in REGISTRY[code].check(ctx)}


def test_register_data_from_copy_names_the_register_and_its_channel(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: s, name: S, type: other, status: in-use,
     data: {person: integration, matrikel: integration}}
  - {id: t, name: T, type: other, status: in-use,
     data: {person: integration, matrikel: integration}}
integrations:
  - {from: cpr, to: s, data: [person]}
  - {from: mat, to: s, data: [matrikel], via: beskedfordeler}
  - {from: s, to: t, data: [person, matrikel]}
""")
    # contract v2: the registers' own lines (cpr-s, mat-s) are official; the copy is not
    assert _messages(ctx, "KM301") == {
        ("s-t", "person"): (
            "The integration from S to T takes person from a copy in S, not from CPR; fetch "
            "person from CPR through Serviceplatformen (SF1520)"
        ),
        ("s-t", "matrikel"): (
            "The integration from S to T takes matrikel from a copy in S, not from Matriklen; "
            "fetch matrikel from Matriklen through Datafordeleren"
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
            "S is case-bearing but does not deliver sag or dokument to Sags- og "
            "Dokumentindeks; add an active integration from S to Sags- og Dokumentindeks "
            "through Serviceplatformen (SF1470)"
        ),
        "KM303": (
            "S pays benefits but does not deliver ydelse to Ydelsesindeks; add an active "
            "integration from S to Ydelsesindeks"
        ),
        # contract v2: Organisation is called directly, not through Serviceplatformen
        "KM304": (
            "S keys in organisation by hand; fetch it from Fælleskommunalt "
            "Organisationssystem directly (SF1500)"
        ),
        "KM306": (
            "S is the master of letters, but no chain of active integrations carrying brev "
            "leads from it to Digital Post; send the letters through Postkomponenten (SF1601), "
            "directly or through a print and distribution gateway"
        ),
    }
    (f,) = REGISTRY["KM302"].check(ctx)
    assert f.message.da == (
        "S er sagsbærende, men leverer hverken sag eller dokument til Sags- og "
        "Dokumentindeks; tilføj en aktiv integration fra S til Sags- og Dokumentindeks via "
        "Serviceplatformen (SF1470)"
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
            "The integration from A to B sends its messages directly; send them through the "
            "Beskedfordeler (SF1461) or IP"
        )
    }


def test_closed_and_phasing_out_services_name_the_successor(audit_context: Any) -> None:
    ctx = audit_context("""systems:
  - {id: a, name: A, type: other, status: in-use, data: {sag: master, brev: master}}
integrations:
  - {from: a, to: beskedfordeler, data: [sag], service: SF1460_D}
  - {from: a, to: postkomponent, data: [brev], service: SF1600}
""")
    (closed,) = REGISTRY["KM309"].check(ctx)
    assert closed.subjects == ("a-postkomponent",)
    assert closed.message.da == (
        "Integrationen fra A til Digital Post bruger den lukkede service SF1600 (Print); "
        "skift til SF1601 (Postkomponent send)"
    )
    (phasing,) = REGISTRY["KM310"].check(ctx)
    assert phasing.message.da == (
        "Integrationen fra A til Beskedfordeler bruger servicen under udfasning SF1460_D "
        "(Beskedfordeler); skift til SF1461 (Beskedfordeler modtag beskeder)"
    )


def test_benefit_index_says_the_system_pays_benefits(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n  - {id: ky, name: KY, type: other, status: in-use, data: {ydelse: master}}\n"
    )
    (f,) = REGISTRY["KM303"].check(ctx)
    assert f.message.da.startswith(
        "KY udbetaler ydelser, men leverer ikke ydelse til Ydelsesindeks"
    )


def test_a_retiring_service_without_a_named_successor_sends_the_architect_to_kombit(
    audit_context: Any, future_catalogue: Any
) -> None:
    future_catalogue(
        services={
            "SF1601": {"state": ServiceState.CLOSED},
            "SF1525": {"state": ServiceState.PHASING_OUT, "successor": "SF9999"},  # not known
        }
    )
    ctx = audit_context("""systems:
  - {id: a, name: A, type: other, status: in-use, data: {brev: master, person: integration}}
integrations:
  - {from: a, to: postkomponent, data: [brev], service: SF1601}
  - {from: cpr, to: a, data: [person], service: SF1525, via: serviceplatformen}
""")
    (closed,) = REGISTRY["KM309"].check(ctx)
    assert (closed.message.da, closed.message.en) == (
        "Integrationen fra A til Digital Post bruger den lukkede service SF1601 "
        "(Postkomponent send); find den afløsende service hos KOMBIT",
        "The integration from A to Digital Post uses the closed service SF1601 "
        "(Postkomponent send); find the successor service with KOMBIT",
    )
    (phasing,) = REGISTRY["KM310"].check(ctx)
    assert (phasing.message.da, phasing.message.en) == (
        "Integrationen fra CPR til A bruger servicen under udfasning SF1525 (CPR opslag); "
        "find den afløsende service hos KOMBIT",
        "The integration from CPR to A uses the service being phased out SF1525 (CPR opslag); "
        "find the successor service with KOMBIT",
    )
