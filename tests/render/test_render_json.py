"""The json format: section 9 exactly (keys and order), additions after, the report schema."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kommarch.render import render
from kommarch.render.jsonout import dumps
from kommarch.report import Report

SCHEMA = Path(__file__).resolve().parents[2] / "schemas" / "report.schema.json"
CONTRACT_KEYS = ["schema_version", "tool", "municipality", "summary", "findings"]
FINDING_KEYS = [
    "rule",
    "name",
    "severity",
    "subjects",
    "message",
    "location",
    "fingerprint",
    "waived",
]


def _validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )


@pytest.mark.parametrize("lang", ["en", "da"])
def test_audit_golden(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None], lang: str
) -> None:
    golden(f"audit-{lang}.json", render(make_audit(lang), "json"))


def test_validate_golden(
    make_validate: Callable[..., Report], golden: Callable[[str, str], None]
) -> None:
    golden("validate-en.json", render(make_validate("en"), "json"))


def test_contract_keys_come_first_in_order(make_audit: Callable[[str], Report]) -> None:
    doc = json.loads(render(make_audit("en"), "json"))
    assert list(doc)[:5] == CONTRACT_KEYS
    assert doc["schema_version"] == 1
    assert doc["tool"] == {"name": "kommarch", "version": "9.9.9"}
    assert doc["municipality"] == {"name": "Skovlund Kommune", "code": "999"}
    assert doc["summary"] == {
        "errors": 4,
        "warnings": 2,
        "info": 1,
        "waived": 1,
        "score": 71.458333,
        "classification": "U",
    }
    first = doc["findings"][0]
    assert list(first)[:8] == FINDING_KEYS
    assert first == {
        "rule": "KM103",
        "name": "multiple-masters",
        "severity": "error",
        "subjects": ["handleplan", "nexus", "sbsys"],
        "message": "handleplan has 2 masters: nexus, sbsys",
        "location": {"path": "data-objects.yaml", "line": 3, "column": 5},
        "fingerprint": first["fingerprint"],
        "waived": False,
        "related": [
            {"path": "systems/social.yaml", "line": 4, "column": 5},
            {"path": "systems/esdh.yaml", "line": 40, "column": 5},
        ],
        "waiver_reason": None,
    }


def test_findings_in_report_order_with_positionless_and_waived(
    make_audit: Callable[[str], Report],
) -> None:
    findings = json.loads(render(make_audit("da"), "json"))["findings"]
    assert [(f["location"]["path"], f["location"]["line"], f["rule"]) for f in findings] == [
        ("data-objects.yaml", 3, "KM103"),
        ("processes.yaml", 2, "KM501"),
        ("systems/esdh.yaml", 4, "KM302"),
        ("systems/esdh.yaml", 20, "KM401"),
        ("systems/esdh.yaml", 22, "KM404"),
        ("systems/ydelser.yaml", 12, "KM101"),
        ("systems/ydelser.yaml", 30, "KM201"),
        ("systems/ødelagt.yaml", None, "KM001"),
    ]
    waived = findings[2]
    assert (waived["waived"], waived["waiver_reason"]) == (
        True,
        "Udfases 2027; godkendt af IT-styregruppen",
    )
    assert findings[-1]["location"] == {
        "path": "systems/ødelagt.yaml",
        "line": None,
        "column": None,
    }
    assert findings[5]["message"].startswith("ky taster person ind manuelt")


def test_validate_summary_has_no_score(make_validate: Callable[..., Report]) -> None:
    doc = json.loads(render(make_validate("en"), "json"))
    assert doc["summary"] == {"errors": 3, "warnings": 0, "info": 0, "waived": 0}
    assert list(doc) == [*CONTRACT_KEYS, "command", "lang", "catalogue_version", "stats"]


def test_utf8_not_escaped_and_newline(make_audit: Callable[[str], Report]) -> None:
    out = render(make_audit("da"), "json")
    assert "ødelagt" in out and "\\u00f8" not in out
    assert out.endswith("}\n")


@pytest.mark.parametrize("kind", ["audit-en", "audit-da", "validate", "valid"])
def test_schema_accepts_output(
    make_audit: Callable[[str], Report], make_validate: Callable[..., Report], kind: str
) -> None:
    report = {
        "audit-en": lambda: make_audit("en"),
        "audit-da": lambda: make_audit("da"),
        "validate": lambda: make_validate("en"),
        "valid": lambda: make_validate("da", valid=True),
    }[kind]()
    _validator().validate(json.loads(render(report, "json")))


def _mutations(audit: dict[str, Any], validate: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    extra = copy.deepcopy(audit)
    extra["timestamp"] = "2025-03-01T12:00:00"
    out.append(extra)
    no_score = copy.deepcopy(audit)
    del no_score["summary"]["score"]
    out.append(no_score)
    score_in_validate = copy.deepcopy(validate)
    score_in_validate["summary"]["score"] = 50.0
    out.append(score_in_validate)
    audit_rule_in_validate = copy.deepcopy(validate)
    audit_rule_in_validate["findings"][0]["rule"] = "KM201"
    out.append(audit_rule_in_validate)
    bad_severity = copy.deepcopy(audit)
    bad_severity["findings"][0]["severity"] = "fatal"
    out.append(bad_severity)
    zero_line = copy.deepcopy(audit)
    zero_line["findings"][0]["location"]["line"] = 0
    out.append(zero_line)
    return out


def test_schema_rejects_what_the_contract_forbids(
    make_audit: Callable[[str], Report], make_validate: Callable[..., Report]
) -> None:
    validator = _validator()
    audit = json.loads(render(make_audit("en"), "json"))
    validate = json.loads(render(make_validate("en"), "json"))
    for doc in _mutations(audit, validate):
        assert not validator.is_valid(doc), doc


def test_deterministic(make_audit: Callable[[str], Report]) -> None:
    assert render(make_audit("en"), "json") == render(make_audit("en"), "json")


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=5), children, max_size=4)
    ),
    max_leaves=25,
)


@given(_JSON)
def test_fast_writer_equals_json_dumps(value: Any) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_fast_writer_on_every_report_shape(
    make_audit: Callable[[str], Report], make_validate: Callable[..., Report]
) -> None:
    from kommarch.render.jsonfmt import report_json
    from kommarch.render.sarif import sarif_log

    for report in (make_audit("da"), make_validate("en"), make_validate("en", valid=True)):
        for doc in (report_json(report), sarif_log(report)):
            assert dumps(doc) == json.dumps(doc, ensure_ascii=False, indent=2)


def test_fast_writer_refuses_nan() -> None:
    with pytest.raises(TypeError):
        dumps({"x": float("nan")})
