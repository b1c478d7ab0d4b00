"""The sarif format: valid SARIF 2.1.0 (official schema), locations, suppressions, descriptors."""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable
from typing import Any

import jsonschema
import pytest
from tests.codescanning import check_github_sarif

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.location import Location
from kommarch.paths import Anchors
from kommarch.render import render
from kommarch.report import Report


def _check(out: str) -> dict[str, Any]:
    log: dict[str, Any] = json.loads(out)
    check_github_sarif(log)
    return log


def _results(log: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {r["ruleId"]: r for r in log["runs"][0]["results"]}


@pytest.mark.parametrize("lang", ["en", "da"])
def test_golden_and_schema(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None], lang: str
) -> None:
    out = render(make_audit(lang), "sarif")
    golden(f"audit-{lang}.sarif", out)
    _check(out)


def test_schema_rejects_a_broken_log(make_audit: Callable[[str], Report]) -> None:
    log = json.loads(render(make_audit("en"), "sarif"))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        check_github_sarif(log)


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("tool", "driver", "rules", 0, "help"), None),
        (("results", 0, "partialFingerprints"), None),
        (
            ("results", 0, "locations", 0, "physicalLocation", "artifactLocation", "uri"),
            "/abs/a.yaml",
        ),
        (("originalUriBaseIds", "SRCROOT", "uri"), "inventories/"),
    ],
)
def test_github_requirements_catch_what_the_schema_allows(
    make_audit: Callable[[str], Report], path: tuple[str | int, ...], value: str | None
) -> None:
    """A missing help text or fingerprint, or an absolute artifact URI, is valid SARIF that
    GitHub cannot use: the check in tests/codescanning.py refuses it."""
    log = json.loads(render(make_audit("en"), "sarif"))
    node: Any = log["runs"][0]
    for key in path[:-1]:
        node = node[key]
    if value is None:
        del node[path[-1]]
    else:
        node[path[-1]] = value
    with pytest.raises((AssertionError, KeyError)):
        check_github_sarif(log)


def test_rule_descriptors(make_audit: Callable[[str], Report]) -> None:
    log = _check(render(make_audit("en"), "sarif"))
    driver = log["runs"][0]["tool"]["driver"]
    rules = driver["rules"]
    assert (driver["name"], driver["version"]) == ("kommarch", "9.9.9")
    assert "informationUri" not in driver
    assert [r["id"] for r in rules] == [
        "KM001",
        "KM002",
        "KM003",
        "KM004",
        "KM005",
        "KM006",
        "KM101",
        "KM103",
        "KM201",
        "KM302",
        "KM401",
        "KM404",
        "KM501",
    ]
    km201 = rules[8]
    assert km201["name"] == "missing-integration"
    assert km201["shortDescription"] == {"text": "No active integration delivers X"}
    assert km201["fullDescription"] == {"text": "Why KM201 matters."}
    assert km201["help"]["text"] == "Fix KM201 like this | here."
    assert "```yaml\nsystems:\n  - id: ky  # KM201 fejler\n```" in km201["help"]["markdown"]
    assert km201["defaultConfiguration"] == {"level": "error"}
    assert km201["properties"] == {
        "group": "Missing integrations",
        "principle": "Principle 7: IT solutions interoperate efficiently",
        "tags": ["kommarch", "architecture", "fda-principle-7"],
    }
    assert rules[0]["properties"] == {"group": "Validation", "tags": ["kommarch", "validation"]}
    for result in log["runs"][0]["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]


def test_results(make_audit: Callable[[str], Report]) -> None:
    results = _results(_check(render(make_audit("da"), "sarif")))
    km101 = results["KM101"]
    assert km101["level"] == "error"
    assert km101["message"]["text"].startswith("ky taster person ind manuelt")
    assert km101["locations"] == [
        {
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "inventories/skovlund/systems/ydelser.yaml",
                    "uriBaseId": "SRCROOT",
                },
                "region": {"startLine": 12, "startColumn": 5},
            }
        }
    ]
    assert km101["partialFingerprints"] == {
        "kommarchFingerprint/v1": "{}".format(
            Finding(
                "KM101", "x", Severity.ERROR, ("ky", "person"), Text.same(""), Location("a")
            ).fingerprint
        )
    }
    assert "suppressions" not in km101
    assert results["KM401"]["level"] == "warning"
    assert results["KM404"]["level"] == "note"
    # positionless: no region; a non-ASCII path is percent-encoded
    assert results["KM001"]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {
            "uri": "inventories/skovlund/systems/%C3%B8delagt.yaml",
            "uriBaseId": "SRCROOT",
        }
    }
    assert results["KM302"]["suppressions"] == [
        {
            "kind": "external",
            "status": "accepted",
            "justification": "Udfases 2027; godkendt af IT-styregruppen",
        }
    ]
    assert results["KM103"]["relatedLocations"] == [
        {
            "id": 1,
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "inventories/skovlund/systems/social.yaml",
                    "uriBaseId": "SRCROOT",
                },
                "region": {"startLine": 4, "startColumn": 5},
            },
        },
        {
            "id": 2,
            "physicalLocation": {
                "artifactLocation": {
                    "uri": "inventories/skovlund/systems/esdh.yaml",
                    "uriBaseId": "SRCROOT",
                },
                "region": {"startLine": 40, "startColumn": 5},
            },
        },
    ]


def test_repository_relative_uris_and_one_absolute_base(
    make_audit: Callable[[str], Report],
) -> None:
    """Run from a subfolder of the repository: URIs still start at the repository root, and the
    base URI is the only absolute path (no timestamps, no invocations)."""
    anchors = Anchors("../skovlund/", "inventories/skovlund/", "file:///home/someone/arkitektur/")
    report = dataclasses.replace(
        make_audit("en"), root="/home/someone/arkitektur/inventories/skovlund", anchors=anchors
    )
    out = render(report, "sarif")
    assert out.count("/home/someone") == 1
    log = _check(out)
    run = log["runs"][0]
    assert "invocations" not in run
    assert run["originalUriBaseIds"] == {
        "SRCROOT": {
            "uri": "file:///home/someone/arkitektur/",
            "description": {"text": "The repository root directory"},
        }
    }
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert all(u.startswith("inventories/skovlund/") for u in uris), uris
    assert run["columnKind"] == "unicodeCodePoints"


def test_unknown_rule_gets_a_bare_descriptor(make_audit: Callable[[str], Report]) -> None:
    report = make_audit("en")
    stray = Finding(
        "KM777", "stray", Severity.INFO, ("x",), Text.same("stray"), Location("a.yaml", 1, 1)
    )
    report = dataclasses.replace(report, findings=[*report.findings, stray])
    log = _check(render(report, "sarif"))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert rules[-1] == {
        "id": "KM777",
        "name": "stray",
        "shortDescription": {"text": "stray"},
        "fullDescription": {"text": "stray"},
        "help": {"text": "kommarch explain KM777"},
        "defaultConfiguration": {"level": "note"},
    }
    assert _results(log)["KM777"]["ruleIndex"] == len(rules) - 1


def test_real_registry_is_valid_sarif(
    monkeypatch: pytest.MonkeyPatch, make_audit: Callable[[str], Report]
) -> None:
    """With the rules as registered (not the fake table), the log is still valid SARIF."""
    import kommarch.rules

    monkeypatch.undo()
    log = _check(render(make_audit("da"), "sarif"))
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert ids[:6] == ["KM001", "KM002", "KM003", "KM004", "KM005", "KM006"]
    assert ids[6 : 6 + len(kommarch.rules.REGISTRY)] == sorted(kommarch.rules.REGISTRY)


def test_deterministic(make_audit: Callable[[str], Report]) -> None:
    assert render(make_audit("en"), "sarif") == render(make_audit("en"), "sarif")
