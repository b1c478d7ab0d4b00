"""Validation (sections 3 and 13): each KM002-KM006 variant with code, subject and position."""

from __future__ import annotations

from pathlib import Path

import pytest

from kommarch.pipeline import validate

MUNI = "municipality: {name: Testkommune, code: '0101'}\n"
SYS = """systems:
  - id: ky
    name: KY
    type: line-of-business
    status: in-use
"""


def run(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, tuple[str, ...], str, str]]:
    for rel, text in files.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    v = validate(tmp_path)
    return [(f.rule, f.subjects, str(f.location), f.message.en) for f in v.findings]


def codes(result: list[tuple[str, tuple[str, ...], str, str]]) -> list[tuple[str, ...]]:
    return [(r[0], *r[1], r[2]) for r in result]


def test_valid_inventory_has_no_findings(tmp_path: Path) -> None:
    assert run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS}) == []


@pytest.mark.parametrize(
    ("field", "value", "col", "needle"),
    [
        ("kle", "32.30", 10, 'quote it: "32.30"'),
        ("kle", '["32.24", 32.30]', 20, 'quote it: "32.30"'),
        ("owner", "yes", 12, 'YAML reads yes as the boolean true; quote it: "yes"'),
        ("vendor", "2020-01-01", 13, 'quote it: "2020-01-01"'),
        ("description", "012", 18, 'YAML reads 012 as the number 10; quote it: "012"'),
        ("hosting", "saas2", 14, "did you mean 'saas'?"),
        ("contract_end", "2019-02-29", 19, "2019-02-29 is not a date that exists"),
        ("contract_end", "2029", 19, "expected a date YYYY-MM-DD"),
        ("data_processing_agreement", "ja", 32, "write true (true or false)"),
        ("data_processing_agreement", "nej", 32, "write false (true or false)"),
        ("users", "many", 12, "expected a whole number"),
        ("users", "-1", 12, "must be greater than or equal to 0"),
        ("kle", '"32.2"', 10, "is not a KLE number"),
        ("unit", "Jobcenter Syd", 11, "for example 'jobcenter-syd'"),
    ],
)
def test_km002_wrong_values_point_at_the_value(
    tmp_path: Path, field: str, value: str, col: int, needle: str
) -> None:
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS + f"    {field}: {value}\n"})
    assert codes(result) == [("KM002", "ky", f"s.yaml:6:{col}")]
    assert needle in result[0][3]


def test_km002_unknown_field_points_at_the_key_with_suggestion(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS + "    ower: Hanne\n"})
    assert codes(result) == [("KM002", "ky", "s.yaml:6:5")]
    assert "unknown field 'ower' in system; did you mean 'owner'?" in result[0][3]


def test_km002_missing_field_points_at_the_entry(tmp_path: Path) -> None:
    text = "systems:\n  - id: ky\n    type: other\n    status: in-use\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": text})
    assert codes(result) == [("KM002", "ky", "s.yaml:2:5")]
    assert "missing required field 'name'" in result[0][3]


def test_km002_unknown_section_with_suggestion(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": MUNI + "sytems: []\n"})
    assert codes(result) == [("KM002", "m.yaml:2:1")]
    assert "did you mean 'systems'?" in result[0][3]


def test_km002_section_of_wrong_shape(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": MUNI + "systems:\n  id: ky\n"})
    assert codes(result) == [("KM002", "m.yaml:3:3")]


def test_km002_id_and_enum_in_nested_step(tmp_path: Path) -> None:
    text = (
        "processes:\n  - id: p\n    name: P\n    steps:\n"
        "      - {system: ky, action: lookup, data: [person]}\n"
        "      - {system: ky, action: typein, data: [person]}\n"
    )
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "p.yaml": text})
    assert codes(result) == [("KM002", "p", "p.yaml:6:30")]
    assert "steps.1.action: 'typein' is not one of lookup, enter" in result[0][3]


def test_km002_data_map_value_and_key(tmp_path: Path) -> None:
    text = SYS + "    data:\n      person: manuel\n      Sag: master\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": text})
    assert codes(result) == [("KM002", "ky", "s.yaml:7:15"), ("KM002", "ky", "s.yaml:8:7")]
    assert "did you mean 'manual'?" in result[0][3]


def test_km002_from_equals_to_at_to(tmp_path: Path) -> None:
    text = "integrations:\n  - {from: ky, to: ky, data: [ydelse]}\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "i.yaml": text})
    assert codes(result) == [("KM002", "ky-ky", "i.yaml:2:20")]


def test_km002_via_must_be_a_channel_or_platform(tmp_path: Path) -> None:
    text = (
        "integrations:\n  - {from: cpr, to: ky, data: [person], via: sdi}\n"
        "  - {id: two, from: cpr, to: ky, data: [person], via: ky}\n"
    )
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "i.yaml": text})
    assert codes(result) == [("KM002", "cpr-ky", "i.yaml:2:46"), ("KM002", "two", "i.yaml:3:55")]


def test_km002_service_format(tmp_path: Path) -> None:
    text = "integrations:\n  - {from: cpr, to: ky, data: [person], service: SF152}\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "i.yaml": text})
    assert codes(result) == [("KM002", "cpr-ky", "i.yaml:2:50")]


def test_km002_kommunekode(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": "municipality: {name: X, code: 101}\n"})
    assert codes(result) == [("KM002", "m.yaml:1:31")]
    assert 'quote it: "101"' in result[0][3]


def test_km003_duplicate_key(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS + "    status: retired\n"})
    assert codes(result) == [("KM003", "s.yaml:6:5")]
    assert "first at line 5" in result[0][3]


def test_km004_duplicate_ids_later_one_names_the_first(tmp_path: Path) -> None:
    result = run(tmp_path, {"m.yaml": MUNI, "a.yaml": SYS, "b.yaml": SYS})
    assert codes(result) == [("KM004", "ky", "b.yaml:2:9")]
    assert "first at a.yaml:2:5" in result[0][3]


def test_km004_catalogue_id_and_builtin_object(tmp_path: Path) -> None:
    text = (
        "systems:\n  - {id: cpr, name: CPR, type: other, status: in-use}\n"
        "data_objects:\n  - {id: sag, name: Sag}\n"
    )
    result = run(tmp_path, {"m.yaml": MUNI, "a.yaml": text})
    assert codes(result) == [("KM004", "cpr", "a.yaml:2:10"), ("KM004", "sag", "a.yaml:4:10")]


def test_km004_two_integrations_same_pair_need_ids(tmp_path: Path) -> None:
    text = (
        "integrations:\n  - {from: cpr, to: ky, data: [person]}\n"
        "  - {from: cpr, to: ky, data: [person], via: serviceplatformen}\n"
    )
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "i.yaml": text})
    assert codes(result) == [("KM004", "cpr-ky", "i.yaml:3:5")]
    assert "need explicit ids" in result[0][3]


def test_km005_unknown_references_with_suggestions(tmp_path: Path) -> None:
    text = SYS + "    unit: jobcentr\n    data: {persn: integration}\n"
    org = "organisation:\n  - {id: jobcenter, name: Jobcenter}\n"
    integ = "integrations:\n  - {from: cpr, to: kyy, data: [person]}\n"
    result = run(tmp_path, {"m.yaml": MUNI + org, "s.yaml": text, "i.yaml": integ})
    assert codes(result) == [
        ("KM005", "cpr-kyy", "i.yaml:2:21"),
        ("KM005", "ky", "s.yaml:6:11"),
        ("KM005", "ky", "s.yaml:7:12"),
    ]
    assert [r[3].split(";")[1].strip() for r in result] == [
        "did you mean 'ky'?",
        "did you mean 'jobcenter'?",
        "did you mean 'person'?",
    ]


def test_no_cascade_for_reference_to_invalid_entry(tmp_path: Path) -> None:
    broken = "systems:\n  - id: sbsys\n    name: SBSYS\n    type: esdh\n    status: in-use\n"
    integ = "integrations:\n  - {from: sbsys, to: sdi, data: [sag]}\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": broken, "i.yaml": integ})
    assert codes(result) == [("KM002", "sbsys", "s.yaml:4:11")]


def test_unparsed_file_is_named_in_unresolved_references(tmp_path: Path) -> None:
    integ = "integrations:\n  - {from: cpr, to: sbsys, data: [person]}\n"
    result = run(tmp_path, {"m.yaml": MUNI, "a.yaml": "systems: [\n", "i.yaml": integ})
    assert codes(result) == [("KM001", "a.yaml:2:1"), ("KM005", "cpr-sbsys", "i.yaml:2:21")]
    assert "the file a.yaml could not be read and may define it" in result[1][3]


def test_km006_missing_and_twice(tmp_path: Path) -> None:
    assert codes(run(tmp_path / "a", {"s.yaml": SYS})) == [("KM006", "s.yaml:1:1")]
    result = run(tmp_path / "b", {"a.yaml": MUNI, "b.yaml": MUNI})
    assert codes(result) == [("KM006", "b.yaml:1:1")]
    assert "first at a.yaml:1:15" in result[0][3]


def test_config_errors_use_the_same_codes(tmp_path: Path) -> None:
    config = (
        "lang: dk\nfail_on: warnings\nrules:\n  KM999: off\n  KM001: off\n"
        "waivers:\n  - {rule: KM301, reason: x}\n"
    )
    result = run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": config})
    assert codes(result) == [
        ("KM002", "kommarch.yaml:1:7"),
        ("KM002", "kommarch.yaml:2:10"),
        ("KM002", "kommarch.yaml:7:5"),
    ]


def test_config_unknown_rule_code(tmp_path: Path) -> None:
    config = "rules:\n  KM999: off\n  KM001: off\n"
    result = run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": config})
    assert codes(result) == [("KM002", "kommarch.yaml:2:3"), ("KM002", "kommarch.yaml:3:3")]
    assert "cannot be configured" in result[1][3]


def test_config_of_a_single_file_inventory_is_next_to_it(tmp_path: Path) -> None:
    (tmp_path / "inv.yaml").write_text(MUNI)
    (tmp_path / "kommarch.yaml").write_text("lang: fr\n")
    v = validate(tmp_path / "inv.yaml")
    assert [(f.rule, str(f.location)) for f in v.findings] == [("KM002", "kommarch.yaml:1:7")]


def test_previous_id_reference_says_renamed(tmp_path: Path) -> None:
    text = SYS + "    previous_ids: [kmd-aktiv]\n"
    integ = "integrations:\n  - {from: cpr, to: kmd-aktiv, data: [person]}\n"
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": text, "i.yaml": integ})
    assert codes(result) == [("KM005", "cpr-kmd-aktiv", "i.yaml:2:21")]
    assert "it was renamed to 'ky'" in result[0][3]


def test_replaces_may_name_a_former_id(tmp_path: Path) -> None:
    text = (
        SYS
        + "    previous_ids: [kmd-aktiv]\n"
        + ("  - {id: ny, name: Ny, type: other, status: planned, replaces: kmd-aktiv}\n")
    )
    assert run(tmp_path, {"m.yaml": MUNI, "s.yaml": text}) == []


def test_records_with_the_same_fields_share_one_fields_set(tmp_path: Path) -> None:
    # inventory._share_fields_set: a memory saving that must not change what pydantic reports
    more = SYS + "  - id: esdh\n    name: ESDH\n    type: line-of-business\n    status: in-use\n"
    more += (
        "  - id: web\n    name: Web\n    type: self-service\n    status: in-use\n    vendor: V\n"
    )
    (tmp_path / "m.yaml").write_text(MUNI, encoding="utf-8")
    (tmp_path / "s.yaml").write_text(more, encoding="utf-8")
    v = validate(tmp_path)
    assert v.findings == []
    ky, esdh, web = (v.inventory.systems[i].model for i in ("ky", "esdh", "web"))
    assert ky.model_fields_set == {"id", "name", "type", "status"}
    assert esdh.model_fields_set is ky.model_fields_set
    assert web.model_fields_set == {"id", "name", "type", "status", "vendor"}
    copy = ky.model_copy(update={"vendor": "X"})
    assert copy.model_fields_set == {"id", "name", "type", "status", "vendor"}
    assert ky.model_fields_set == {"id", "name", "type", "status"}
