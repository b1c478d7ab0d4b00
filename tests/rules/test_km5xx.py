"""Journey rules KM501-KM503: the data-driven cases in fixtures/rules/km5xx, plus details."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kommarch.findings import Finding
from kommarch.inventory.location import Location
from kommarch.rules import REGISTRY, AuditContext

KM501 = Path(__file__).parents[1] / "fixtures" / "rules" / "km5xx" / "KM501.yaml"
SYSTEMS = yaml.safe_load(KM501.read_text(encoding="utf-8"))["systems"]  # the cases' systems


def findings(ctx: AuditContext, code: str) -> list[Finding]:
    return list(REGISTRY[code].check(ctx))


PROCESS = """\
processes:
  - id: p
    name: P
    steps:
      - {system: momentum, action: lookup, data: [jobplan]}
      - {system: ky, action: lookup, data: [jobplan]}
      - {system: ky, action: enter, data: [person]}
"""


def test_repeated_lookup_names_systems_and_relates_object_and_steps(audit_context: Any) -> None:
    (f,) = findings(audit_context({"systems.yaml": SYSTEMS, "p.yaml": PROCESS}), "KM501")
    assert f.message.da == (
        "I arbejdsgangen P slås jobplan op i 2 systemer (Momentum og KY); saml opslaget ét sted"
    )
    assert f.message.en == (
        "The process P looks jobplan up in 2 systems (Momentum and KY); bring the lookup into "
        "one place"
    )
    assert f.location == Location("p.yaml", 2, 5)
    # the declared data object first, then the steps
    assert [str(r) for r in f.related] == ["systems.yaml:11:5", "p.yaml:5:9", "p.yaml:6:9"]


def test_mismatch_relates_step_system_and_says_why(audit_context: Any) -> None:
    (f,) = findings(audit_context({"systems.yaml": SYSTEMS, "p.yaml": PROCESS}), "KM503")
    assert f.subjects == ("p", "ky", "person")
    assert [str(r) for r in f.related] == ["p.yaml:7:9", "systems.yaml:5:5"]
    assert f.message.en == (
        "The process P keys person into KY, which gets person by integration; make the "
        "integration deliver it, or record 'person: manual' in KY's data"
    )


def test_mismatch_at_a_catalogue_component_names_the_authority(audit_context: Any) -> None:
    process = (
        "processes:\n  - id: p\n    name: P\n    steps:\n"
        "      - {system: datafordeleren, action: enter, data: [adresse]}\n"
    )
    (f,) = findings(audit_context({"p.yaml": process}), "KM503")
    assert f.subjects == ("p", "datafordeleren", "adresse")
    assert f.related == (Location("p.yaml", 5, 9),)
    assert f.message.en == (
        "The process P keys adresse into the common component Datafordeleren; adresse "
        "is entered only at its authority DAR"
    )


def test_mismatch_is_reported_once_per_system_and_object_at_its_first_step(
    audit_context: Any,
) -> None:
    process = """\
processes:
  - id: p
    name: P
    steps:
      - {system: ky, action: enter, data: [person]}
      - {system: momentum, action: lookup, data: [jobplan]}
      - {system: ky, action: enter, data: [adresse, person]}
"""
    found = findings(audit_context({"systems.yaml": SYSTEMS, "p.yaml": process}), "KM503")
    assert [(f.subjects, [str(r) for r in f.related]) for f in found] == [
        (("p", "ky", "person"), ["p.yaml:5:9", "systems.yaml:5:5"]),
        (("p", "ky", "adresse"), ["p.yaml:7:9", "systems.yaml:5:5"]),
    ]


def test_a_municipal_object_keyed_into_a_common_component_belongs_in_the_own_master(
    audit_context: Any,
) -> None:
    process = """\
data_objects:
  - {id: plan, name: Plan}
processes:
  - id: p
    name: P
    steps:
      - {system: sdi, action: enter, data: [plan]}
"""
    (f,) = findings(audit_context({"p.yaml": process}), "KM503")
    assert f.subjects == ("p", "sdi", "plan")
    assert [str(r) for r in f.related] == ["p.yaml:7:9", "p.yaml:2:5"]
    assert (f.message.da, f.message.en) == (
        "I arbejdsgangen P tastes plan ind i den fælleskommunale komponent Sags- og "
        "Dokumentindeks; plan tastes i kommunens eget mastersystem",
        "The process P keys plan into the common component Sags- og Dokumentindeks; plan is "
        "entered in the municipality's own master system",
    )
