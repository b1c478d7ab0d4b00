"""What GitHub code scanning and GitLab Code Quality require of an upload, as assertions.

GitHub: "SARIF support for code scanning" (docs.github.com, code-security/reference/code-scanning/
sarif-files/sarif-support-for-code-scanning) on top of the SARIF 2.1.0 schema: each run names its
tool and rules; each rule has an id, a name, short and full descriptions, ``help`` (shown beside
the alert) and a ``defaultConfiguration.level``; each result has a ``ruleId`` of a known rule, a
message, ``partialFingerprints`` and 1 to 10 locations whose artifact URIs are relative to a
``uriBaseId`` (a repository-relative path GitHub can place on a file; an absolute URI lands
nowhere); ``security-severity`` is only for security rules (kommarch has none); at most 25,000
results and 25,000 rules per run, 20 runs, 1,000 related locations and 20 tags per rule.

GitLab: the JSON Schema in tests/fixtures/gitlab-codequality-schema.json, written from GitLab's
"Code Quality report format", plus unique fingerprints (GitLab keeps one issue per fingerprint).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jsonschema

FIXTURES = Path(__file__).resolve().parent / "fixtures"
LEVELS = {"none", "note", "warning", "error"}


def _schema(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def _check_rule(rule: dict[str, Any]) -> None:
    assert rule["id"] and rule["name"], rule
    assert rule["shortDescription"]["text"], rule["id"]
    assert rule["fullDescription"]["text"], rule["id"]
    assert rule["help"]["text"], rule["id"]
    assert rule["defaultConfiguration"]["level"] in LEVELS, rule["id"]
    props = rule.get("properties", {})
    assert "security-severity" not in props, rule["id"]  # not a security tool
    assert len(props.get("tags", [])) <= 20, rule["id"]
    if "helpUri" in rule:
        assert urlsplit(rule["helpUri"]).scheme == "https", rule["id"]


def _check_location(loc: dict[str, Any], bases: dict[str, Any]) -> None:
    artifact = loc["physicalLocation"]["artifactLocation"]
    uri = artifact["uri"]
    assert not urlsplit(uri).scheme and not uri.startswith(("/", "./", "../")), uri
    assert artifact["uriBaseId"] in bases, artifact
    region = loc["physicalLocation"].get("region")
    if region is not None:
        assert region["startLine"] >= 1


def check_github_sarif(log: dict[str, Any]) -> None:
    """Assert ``log`` is valid SARIF 2.1.0 and meets GitHub code scanning's requirements."""
    jsonschema.Draft4Validator(_schema("sarif-schema-2.1.0.json")).validate(log)
    assert log["version"] == "2.1.0"
    assert 1 <= len(log["runs"]) <= 20
    for run in log["runs"]:
        driver = run["tool"]["driver"]
        assert driver["name"] and driver["version"]
        rules = driver["rules"]
        assert len(rules) <= 25_000 and len(run["results"]) <= 25_000
        ids = [r["id"] for r in rules]
        assert len(ids) == len(set(ids)), "rule ids repeat"
        for rule in rules:
            _check_rule(rule)
        bases = run.get("originalUriBaseIds", {})
        for base in bases.values():
            uri = base["uri"]
            assert urlsplit(uri).scheme == "file" and uri.endswith("/"), uri
        for result in run["results"]:
            assert result["ruleId"] in ids
            assert ids[result["ruleIndex"]] == result["ruleId"]
            assert result["message"]["text"]
            assert result["partialFingerprints"], result["ruleId"]
            assert 1 <= len(result["locations"]) <= 10
            related = result.get("relatedLocations", [])
            assert len(related) <= 1_000
            for loc in [*result["locations"], *related]:
                _check_location(loc, bases)


def check_gitlab(issues: list[dict[str, Any]]) -> None:
    """Assert ``issues`` is a GitLab Code Quality report GitLab shows in full."""
    jsonschema.Draft7Validator(_schema("gitlab-codequality-schema.json")).validate(issues)
    fingerprints = [i["fingerprint"] for i in issues]
    assert len(fingerprints) == len(set(fingerprints)), "fingerprints repeat"
