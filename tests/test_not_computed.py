"""Contract v2, section 13: an inventory with validation errors gets no score, no A/U verdict, no
levers and no path in any format, and findings that follow only from an invalid entry are not
reported a second time."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kommarch.pipeline import audit
from kommarch.render import render
from kommarch.report import Report

DAY = dt.date(2026, 6, 1)

# Three typos: a misspelt data object (KM005), a misspelt channel (KM005) and a bad mechanism
# (KM002, the integration is left out). In version 1 the entries dropped out and the rest scored.
BROKEN = {
    "municipality.yaml": 'municipality: {name: Testkommune, code: "999"}\n',
    "systems.yaml": """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Chef,
     data: {persn: integration, sag: master}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Chef,
     data: {person: integration, sag: master}}
  - {id: nexus, name: Nexus, type: line-of-business, status: in-use, owner: Chef,
     data: {person: integration}}
""",
    "integrations.yaml": """\
integrations:
  - {from: cpr, to: ky, data: [persn], via: serviceplatformen, service: SF1520}
  - {from: cpr, to: sbsys, data: [person], via: serviceplatfomen, service: SF1520}
  - {from: cpr, to: nexus, data: [person], mechanism: telepathy}
  - {from: ky, to: sdi, data: [sag], via: serviceplatformen, service: SF1470}
  - {from: sbsys, to: sdi, data: [sag], via: serviceplatformen, service: SF1470}
""",
}


def _write(root: Path, files: dict[str, str]) -> Path:
    for rel, text in files.items():
        (root / rel).write_text(text, encoding="utf-8")
    return root


@pytest.fixture
def broken(tmp_path: Path) -> Report:
    return audit(_write(tmp_path, BROKEN), as_of=DAY, lang="en")


def test_no_maturity_and_the_number_of_validation_errors(broken: Report) -> None:
    errors = [(f.rule, f.subjects) for f in broken.findings if f.rule < "KM100"]
    assert errors == [
        ("KM005", ("cpr-ky",)),
        ("KM005", ("cpr-sbsys",)),
        ("KM002", ("cpr-nexus",)),
        ("KM005", ("ky",)),
    ]
    assert (broken.maturity, broken.not_computed) == (None, 4)


def test_findings_that_follow_only_from_an_invalid_entry_are_left_out(broken: Report) -> None:
    audit_findings = [(f.rule, f.subjects) for f in broken.findings if f.rule >= "KM100"]
    # not KM201 (ky, persn) for the misspelt object, not KM206 (cpr-ky, persn), not KM201
    # (nexus, person) nor KM205 (nexus) for the integration that failed validation, not KM301
    # for the misspelt via
    assert audit_findings == []


def test_json_has_null_score_classification_and_maturity(broken: Report) -> None:
    doc = json.loads(render(broken, "json"))
    assert doc["summary"]["score"] is None
    assert doc["summary"]["classification"] is None
    assert doc["summary"]["not_computed"] == {
        "validation_errors": 4,
        "message": "not computed: 4 validation errors",
    }
    assert doc["maturity"] is None


def test_text_says_not_computed_where_the_score_would_stand(broken: Report) -> None:
    out = render(broken, "text")
    assert "Score not computed: 4 validation errors\n" in out
    assert "kommune" not in out.replace("Testkommune", "")  # no A/U verdict
    assert "levers" not in out and "Path to A" not in out


def test_github_summary_says_not_computed(broken: Report) -> None:
    last = render(broken, "github").splitlines()[-1]
    assert last == (
        "::notice title=kommarch::4 errors, 0 warnings, 0 info, 0 waived · score not computed: "
        "4 validation errors"
    )


def test_sarif_run_properties_say_not_computed(broken: Report) -> None:
    props = json.loads(render(broken, "sarif"))["runs"][0]["properties"]
    assert (props["score"], props["classification"]) == (None, None)
    assert props["notComputed"] == {
        "validationErrors": 4,
        "message": "not computed: 4 validation errors",
    }
    assert "classificationLabel" not in props


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "## 1. Verdict\n\nMaturity is not computed: 4 validation errors. Fix the errors in "
            "the inventory (section 14); only then can the score",
        ),
        (
            "da",
            "## 1. Konklusion\n\nModenheden er ikke beregnet: 4 valideringsfejl. Ret fejlene i "
            "systemoversigten (afsnit 14); først da kan point",
        ),
    ],
)
def test_markdown_says_not_computed_in_the_summary(
    tmp_path: Path, lang: str, expected: str
) -> None:
    report = audit(_write(tmp_path, BROKEN), as_of=DAY, lang="da" if lang == "da" else "en")
    out = render(report, "markdown")
    assert expected in out
    assert "-kommune**" not in out  # no verdict anywhere
    assert "Digital A-kommune, " not in out and "Digital U-kommune, " not in out


def test_one_error_is_singular_in_english(tmp_path: Path) -> None:
    files = dict(BROKEN)
    files["integrations.yaml"] = "integrations:\n  - {from: cpr, to: ky, data: [person]}\n"
    files["systems.yaml"] = (
        "systems:\n  - {id: ky, name: KY, type: other, status: in-use, data: {persn: manual}}\n"
    )
    report = audit(_write(tmp_path, files), as_of=DAY, lang="en")
    assert report.not_computed == 1
    assert "Score not computed: 1 validation error\n" in render(report, "text")


def test_a_valid_inventory_is_scored(tmp_path: Path) -> None:
    files = dict(BROKEN)
    files["systems.yaml"] = BROKEN["systems.yaml"].replace("persn", "person")
    files["integrations.yaml"] = (
        BROKEN["integrations.yaml"]
        .replace("persn", "person")
        .replace("serviceplatfomen", "serviceplatformen")
        .replace("telepathy", "api")
    )
    report = audit(_write(tmp_path, files), as_of=DAY, lang="en")
    assert report.not_computed is None
    assert report.maturity is not None
    assert json.loads(render(report, "json"))["summary"]["classification"] == "A"


def test_danish_text_and_github(tmp_path: Path) -> None:
    report = audit(_write(tmp_path, BROKEN), as_of=DAY, lang="da")
    assert "Point ikke beregnet: 4 valideringsfejl\n" in render(report, "text")
    assert render(report, "github").rstrip().endswith("score ikke beregnet: 4 valideringsfejl")
