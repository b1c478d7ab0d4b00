"""The baseline: accept today's findings, report only what is new (never keyed on positions)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from kommarch import pipeline
from kommarch.errors import UsageError
from kommarch.findings import Finding, Severity, Text, fingerprint
from kommarch.inventory.location import Location
from kommarch.policy import apply_baseline, baseline_fingerprints, write_baseline


def finding(rule: str, *subjects: str, line: int = 1, waived: bool = False) -> Finding:
    f = Finding(
        rule, "n", Severity.WARNING, subjects, Text.same("m"), Location("systems.yaml", line, 5)
    )
    return f.waive("ok") if waived else f


OLD = [
    finding("KM401", "booking", line=3),
    finding("KM503", "p", "ky", "person", line=9),
    finding("KM302", "sbsys", line=12, waived=True),
    finding("KM002", "x", line=1),
]


def test_round_trip_reports_only_the_added_finding(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(OLD, path)
    added = finding("KM401", "nyt-system", line=40)
    assert apply_baseline([*OLD[:3], added], path) == [added]


def test_positions_moving_does_not_matter(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(OLD, path)
    moved = [finding("KM401", "booking", line=300), finding("KM503", "p", "ky", "person", line=1)]
    assert apply_baseline(moved, path) == []


def test_waived_findings_are_filtered_the_same_way(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(OLD, path)
    assert apply_baseline([finding("KM302", "sbsys", line=12, waived=True)], path) == []
    assert apply_baseline([finding("KM302", "sbsys", line=12)], path) == []


def test_the_file_is_small_sorted_stable_and_has_no_positions(tmp_path: Path) -> None:
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    write_baseline(OLD, first)
    write_baseline([*reversed(OLD), OLD[0]], second)
    assert first.read_bytes() == second.read_bytes()
    doc = json.loads(first.read_text(encoding="utf-8"))
    assert doc == {
        "schema_version": 1,
        "tool": {"name": "kommarch"},
        "findings": [
            {
                "rule": "KM302",
                "subjects": ["sbsys"],
                "fingerprint": fingerprint("KM302", ("sbsys",)),
            },
            {
                "rule": "KM401",
                "subjects": ["booking"],
                "fingerprint": fingerprint("KM401", ("booking",)),
            },
            {
                "rule": "KM503",
                "subjects": ["p", "ky", "person"],
                "fingerprint": fingerprint("KM503", ("p", "ky", "person")),
            },
        ],
    }
    assert first.read_text(encoding="utf-8").endswith("}\n")


def test_fingerprints_are_read_back(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    write_baseline(OLD, path)
    assert baseline_fingerprints(path) == {f.fingerprint for f in OLD[:3]}


def test_recomputes_fingerprints_from_rule_and_subjects(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text(
        json.dumps(
            {
                "schema_version": 1,
                "findings": [
                    {
                        "rule": "KM401",
                        "subjects": ["booking"],
                        "fingerprint": "from-an-older-version",
                    }
                ],
            }
        )
    )
    assert baseline_fingerprints(path) == {
        "from-an-older-version",
        fingerprint("KM401", ("booking",)),
    }


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (None, "no such file"),
        (b"{not json", "not valid JSON (line 1, column 2)"),
        (b"\xff\xfe{}", "cannot read it (UnicodeDecodeError)"),
        (b"[]", "not a kommarch baseline (schema_version 1 expected)"),
        (b'{"schema_version": 2, "findings": []}', "not a kommarch baseline"),
        (b'{"schema_version": 1}', "'findings' must be a list"),
        (b'{"schema_version": 1, "findings": [{"rule": "KM401"}]}', "finding 1 has no fingerprint"),
        (b'{"schema_version": 1, "findings": ["abc"]}', "finding 1 has no fingerprint"),
    ],
)
def test_a_bad_baseline_is_a_usage_error_naming_the_file(
    tmp_path: Path, content: bytes | None, why: str
) -> None:
    path = tmp_path / "baseline.json"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(UsageError) as exc:
        apply_baseline([], path)
    assert str(exc.value).startswith(f"cannot use baseline {path}: {why}")


def test_an_unwritable_path_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "missing-dir" / "baseline.json"
    with pytest.raises(UsageError) as exc:
        write_baseline(OLD, path)
    assert str(exc.value) == f"cannot use baseline {path}: cannot write it (FileNotFoundError)"


def test_a_directory_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(
        UsageError, match=r"cannot use baseline .*: not a regular file \(a directory\)"
    ):
        baseline_fingerprints(tmp_path)


def test_through_the_audit(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    inv.mkdir()
    (inv / "m.yaml").write_text('municipality: {name: Testkommune, code: "999"}\n')
    systems = inv / "systems.yaml"
    systems.write_text("systems:\n  - {id: booking, name: B, type: other, status: in-use}\n")
    day = dt.date(2026, 6, 1)
    path = tmp_path / "baseline.json"
    write_baseline(pipeline.audit(inv, as_of=day).findings, path)
    assert pipeline.audit(inv, as_of=day, baseline=path).findings == []
    # a comment moves booking down; a new system without owner is the only finding reported
    systems.write_text(
        "# flyttet\nsystems:\n"
        "  - {id: booking, name: B, type: other, status: in-use}\n"
        "  - {id: nyt, name: N, type: other, status: planned}\n"
    )
    report = pipeline.audit(inv, as_of=day, baseline=path)
    assert [(f.rule, f.subjects, str(f.location)) for f in report.findings] == [
        ("KM401", ("nyt",), "systems.yaml:4:5")
    ]
