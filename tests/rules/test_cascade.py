"""Findings that follow only from an invalid entry are left out (kommarch.rules.cascade).

The inventory has one integration that fails validation (an unknown ``mechanism``): it is left
out, so ``b`` looks as if nothing delivered ``plan`` to it, and ``a`` and ``b`` look isolated;
and one that is kept with an error (``via`` names no system), so what reads its channel would
only repeat the error.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.rules.conftest import write_inventory
from tests.scoring.scoringkit import finding

from kommarch.findings import Finding
from kommarch.inventory.merge import Inventory
from kommarch.pipeline import validate
from kommarch.rules.cascade import without_cascades

FILES = {
    "systems.yaml": """systems:
  - {id: a, name: A, type: other, status: in-use, data: {plan: master}}
  - {id: b, name: B, type: other, status: in-use, data: {plan: integration}}
  - {id: c, name: C, type: other, status: in-use, data: {plan: integration}}
data_objects:
  - {id: plan, name: Plan}
""",
    "integrations.yaml": """integrations:
  - {id: brudt, from: a, to: b, data: [plan], mechanism: telepati}
  - {id: hel, from: a, to: c, data: [plan]}
  - {id: skaev, from: a, to: c, data: [plan], via: nosuch}
""",
}


@pytest.fixture
def invalid(tmp_path: Path) -> tuple[Inventory, list[Finding]]:
    v = validate(write_inventory(tmp_path, FILES))
    assert [(f.rule, f.subjects[:1]) for f in v.findings] == [
        ("KM002", ("brudt",)),
        ("KM005", ("skaev",)),
    ]
    return v.inventory, v.findings


def _kept(raw: list[Finding], inv: Inventory, errors: list[Finding]) -> list[tuple[str, ...]]:
    return [(f.rule, *f.subjects) for f in without_cascades(raw, inv, errors)]


def test_findings_that_follow_from_the_invalid_integration_are_left_out(
    invalid: tuple[Inventory, list[Finding]],
) -> None:
    inv, errors = invalid
    raw = [
        finding("KM401", "nosuch"),  # governance: never a cascade, even naming an unknown id
        finding("KM102", "a", "nosuch"),  # names an id that does not exist: KM005 said it
        finding("KM101", "a", "plan"),
        finding("KM201", "c", "plan"),
        finding("KM201", "b", "plan"),  # b was to be fed by the invalid integration
        finding("KM202", "a", "plan"),
        finding("KM205", "c"),
        finding("KM205", "a"),  # an end of the invalid integration
        finding("KM206", "hel", "plan"),
        finding("KM206", "brudt", "plan"),  # the left-out integration: no such id
        finding("KM206", "skaev", "plan"),  # reads the integration with the error
        finding("KM203", "skaev"),  # does not read its ends or channel: kept
    ]
    assert _kept(raw, inv, errors) == [
        ("KM401", "nosuch"),
        ("KM101", "a", "plan"),
        ("KM201", "c", "plan"),
        ("KM202", "a", "plan"),
        ("KM205", "c"),
        ("KM206", "hel", "plan"),
        ("KM203", "skaev"),
    ]


def test_without_validation_errors_nothing_is_left_out(
    invalid: tuple[Inventory, list[Finding]],
) -> None:
    inv, _ = invalid
    raw = [finding("KM102", "a", "nosuch"), finding("KM201", "b", "plan")]
    assert _kept(raw, inv, []) == [("KM102", "a", "nosuch"), ("KM201", "b", "plan")]


def test_every_kind_of_id_is_known(invalid: tuple[Inventory, list[Finding]]) -> None:
    inv, errors = invalid
    raw = [
        finding("KM501", "nosuch-process", "plan"),
        finding("KM102", "a", "person"),  # a catalogue object
        finding("KM102", "cpr", "plan"),  # a catalogue system
        finding("KM203", "hel"),  # an integration
    ]
    assert _kept(raw, inv, errors) == [
        ("KM102", "a", "person"),
        ("KM102", "cpr", "plan"),
        ("KM203", "hel"),
    ]
