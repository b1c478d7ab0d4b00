"""The ``kitos`` field of the format (contract section 5): KM002 for a wrong shape, KM004 for two
entries with the same KITOS UUID, and the ``kitos`` section of kommarch.yaml."""

from __future__ import annotations

from pathlib import Path

from tests.test_validation import MUNI, codes, run

U1 = "85cc6bd8-da66-4d4e-8e56-4dbc16e5c109"
U2 = "90a6cdc4-8ab0-4955-a7df-6067c21a10b1"


def _system(sid: str, kitos: str) -> str:
    return (
        f"  - id: {sid}\n    name: {sid}\n    type: other\n    status: in-use\n    kitos: {kitos}\n"
    )


def test_kitos_keys_on_every_kind_of_entry_validate(tmp_path: Path) -> None:
    files = {
        "m.yaml": f"municipality:\n  name: Testkommune\n  kitos: {{org: {U1}}}\n",
        "o.yaml": f"organisation:\n  - {{id: stab, name: Stab, kitos: {{unit: {U1}}}}}\n",
        "s.yaml": "systems:\n"
        + _system("a", f"{{usage: {U1}, system: {U2}}}")
        + _system("b", f"{{usage: {U2}}}"),
        "i.yaml": "integrations:\n"
        f"  - {{from: a, to: b, data: [person], kitos: {{relation: {U1}}}}}\n",
    }
    assert run(tmp_path, files) == []


def test_km002_wrong_shapes(tmp_path: Path) -> None:
    files = {
        "m.yaml": MUNI,
        "s.yaml": "systems:\n"
        + _system("a", "{usage: not-a-uuid}")
        + _system("b", f"{U1}")
        + _system("c", f"{{usage: {U2}, relation: {U1}}}"),
    }
    assert codes(run(tmp_path, files)) == [
        ("KM002", "a", "s.yaml:6:20"),
        ("KM002", "b", "s.yaml:11:12"),
        ("KM002", "c", "s.yaml:16:58"),
    ]


def test_km004_the_same_kitos_uuid_twice(tmp_path: Path) -> None:
    files = {
        "m.yaml": MUNI,
        "s.yaml": "systems:\n"
        + _system("a", f"{{usage: {U1}}}")
        + _system("b", f"{{usage: {U1.upper()}}}"),
    }
    result = run(tmp_path, files)
    assert codes(result) == [("KM004", "b", "s.yaml:11:20")]
    assert result[0][3] == (
        f"the KITOS key usage {U1} is also on another system (first at s.yaml:2:5); each KITOS "
        "object may have one entry only"
    )


def test_config_kitos_section(tmp_path: Path) -> None:
    config = (
        "kitos:\n  url: https://kitos.dk\n  org: 29189919\n  owner_roles: [Systemejer]\n"
        f"  catalogue:\n    {U1}: cpr\n    KOMBIT Serviceplatform: serviceplatformen\n"
        f"  skip: [{U2}]\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": config}) == []
    bad = "kitos:\n  org: 1234\n  skip: [x]\n"
    assert codes(run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": bad})) == [
        ("KM002", "kommarch.yaml:2:8"),
        ("KM002", "kommarch.yaml:3:10"),
    ]
