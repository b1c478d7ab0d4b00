"""Duplicate data entry KM101-KM105: the cases in fixtures/rules/km1xx, examples, messages."""

from __future__ import annotations

from typing import Any

from kommarch.inventory.location import Location
from kommarch.rules import REGISTRY


def _findings(ctx: Any, code: str) -> list[Any]:
    return list(REGISTRY[code].check(ctx))


def test_register_message_names_register_and_service(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n  - {id: ky, name: KY, type: line-of-business, "
        "status: in-use, data: {person: manual, adresse: manual}}\n"
    )
    person, adresse = sorted(_findings(ctx, "KM101"), key=lambda f: f.subjects[1], reverse=True)
    assert person.message.da == (
        "KY taster person ind manuelt, selvom data findes i CPR; hent "
        "person fra CPR via Serviceplatformen (SF1520)"
    )
    assert person.message.en == (
        "KY keys in person by hand although CPR holds it; fetch person "
        "from CPR through Serviceplatformen (SF1520)"
    )
    assert adresse.message.en.endswith(
        "DAR holds it; fetch adresse from DAR through Datafordeleren"
    )
    assert person.related == ()


def test_duplicate_entry_points_at_the_master_through_the_platform(audit_context: Any) -> None:
    ctx = audit_context("""data_objects:
  - {id: plan, name: Plan}
systems:
  - {id: ip, name: Integrationsplatform, type: integration-platform, status: in-use}
  - {id: a, name: A, type: other, status: in-use, data: {plan: master}}
  - {id: b, name: B, type: other, status: in-use, data: {plan: manual}}
""")
    (f,) = _findings(ctx, "KM102")
    assert f.subjects == ("b", "plan")
    assert f.message.da == (
        "B taster plan ind manuelt (dobbeltindtastning); hent plan fra A via Integrationsplatform"
    )
    assert f.message.en == (
        "B keys in plan by hand (duplicate data entry); fetch plan from A through "
        "Integrationsplatform"
    )
    assert f.related == (Location("inventory.yaml", 2, 5),)


def test_multiple_masters_relates_every_master(audit_context: Any) -> None:
    ctx = audit_context("""data_objects:
  - {id: plan, name: Plan}
systems:
  - {id: b, name: B, type: other, status: in-use, data: {plan: master}}
  - {id: a, name: A, type: other, status: in-use, data: {plan: master}}
""")
    (f,) = _findings(ctx, "KM103")
    assert f.subjects == ("plan", "a", "b")
    assert f.location == Location("inventory.yaml", 2, 5)
    assert f.related == (Location("inventory.yaml", 5, 5), Location("inventory.yaml", 4, 5))
    assert f.message.en == (
        "plan has several master systems (A and B); choose one and let the "
        "others fetch plan from it"
    )


def test_no_master_names_the_holders(audit_context: Any) -> None:
    systems = "".join(
        f"  - {{id: s{i}, name: S{i}, type: other, status: in-use, data: {{brev: integration}}}}\n"
        for i in range(7)
    )
    ctx = audit_context("systems:\n" + systems)
    (f,) = _findings(ctx, "KM104")
    assert f.message.da.startswith("brev findes i S0, S1, S2, S3, S4 og 2 andre, men intet")
    assert f.location == Location("inventory.yaml", 2, 60)


def test_a_built_in_object_with_one_master_is_reported_at_the_first_masters_data(
    audit_context: Any, future_catalogue: Any
) -> None:
    future_catalogue(objects={"sag": {"many_masters": False}})  # no data_objects entry to point at
    ctx = audit_context("""systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, data: {sag: master}}
  - {id: nova, name: KMD Nova, type: case-management, status: in-use,
     data: {brev: manual, sag: master}}
""")
    (f,) = _findings(ctx, "KM103")
    assert f.subjects == ("sag", "nova", "sbsys")
    assert f.location == Location("inventory.yaml", 4, 27)
    assert f.related == (Location("inventory.yaml", 3, 5), Location("inventory.yaml", 2, 5))
    assert f.message.da == (
        "sag har flere mastersystemer (KMD Nova og SBSYS); udpeg ét, og lad de andre hente sag "
        "derfra"
    )
