"""The github format: workflow commands, escaping, limits, paths and the summary line."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from pathlib import Path

import pytest

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.location import Location
from kommarch.paths import Anchors, anchors_for, join, repository_root
from kommarch.render import render
from kommarch.render.github import escape_data, escape_property
from kommarch.report import Report


@pytest.mark.parametrize("lang", ["en", "da"])
def test_audit_golden(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None], lang: str
) -> None:
    golden(f"audit-{lang}.github", render(make_audit(lang), "github"))


def test_validate_golden(
    make_validate: Callable[..., Report], golden: Callable[[str, str], None]
) -> None:
    golden("validate-en.github", render(make_validate("en"), "github"))


def test_audit_lines(make_audit: Callable[[str], Report]) -> None:
    lines = render(make_audit("en"), "github").splitlines()
    assert lines == [
        "::error file=inventories/skovlund/data-objects.yaml,line=3,col=5,"
        "title=KM103 multiple-masters::handleplan has 2 masters: nexus, sbsys",
        "::error file=inventories/skovlund/systems/ydelser.yaml,line=12,col=5,"
        "title=KM101 register-data-keyed-in::ky keys in person by hand although CPR holds it; "
        "fetch it through Serviceplatformen (SF1520)",
        "::error file=inventories/skovlund/systems/ydelser.yaml,line=30,col=7,"
        "title=KM201 missing-integration::ky gets indkomst by integration, but no active "
        "integration delivers it",
        "::error file=inventories/skovlund/systems/ødelagt.yaml,title=KM001 yaml-syntax::"
        "cannot read file: Permission denied",
        "::warning file=inventories/skovlund/processes.yaml,line=2,col=5,"
        "title=KM501 repeated-lookup::Behandling af ansøgning om kontanthjælp looks person up "
        "in 3 systems: sbsys, momentum, ky",
        "::warning file=inventories/skovlund/systems/esdh.yaml,line=20,col=5,"
        "title=KM401 no-owner::kmd-sag has no system owner",
        "::notice file=inventories/skovlund/systems/esdh.yaml,line=22,col=13,"
        "title=KM404 vendor-concentration::KMD supplies 7 of 19 in-use systems (37%25): "
        'a lock-in risk, see AR 2.3, "vendor"',
        "::notice title=kommarch::4 errors, 2 warnings, 1 info, 1 waived · score 71.4 · "
        "Digital U-kommune",
    ]


def test_validate_summary_has_no_score(make_validate: Callable[..., Report]) -> None:
    last = render(make_validate("da"), "github").splitlines()[-1]
    assert last == "::notice title=kommarch::3 fejl, 0 advarsler, 0 info, 0 dispenserede"


def test_positionless_root_error_names_the_root(make_validate: Callable[..., Report]) -> None:
    lines = render(make_validate("en"), "github").splitlines()
    assert "::error file=inventories/skovlund,title=KM006 municipality::no municipality" in lines


def test_escaping() -> None:
    assert escape_data("50% done\r\nnext: a,b") == "50%25 done%0D%0Anext: a,b"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"


@pytest.mark.parametrize(
    ("prefix", "path", "expected"),
    [
        ("inventories/skovlund/", "systems/a.yaml", "inventories/skovlund/systems/a.yaml"),
        ("", "systems/a.yaml", "systems/a.yaml"),
        ("../skovlund/", "a.yaml", "../skovlund/a.yaml"),
        ("inventories/skovlund/", ".", "inventories/skovlund"),
        ("", ".", "."),
    ],
)
def test_join(prefix: str, path: str, expected: str) -> None:
    assert join(prefix, path) == expected


def test_anchors_from_cwd_and_repository(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    (repo / ".git").mkdir(parents=True)
    (repo / "inventory" / "systems").mkdir(parents=True)
    inv = repo / "inventory"
    assert anchors_for(inv, cwd=repo) == Anchors(
        "inventory/", "inventory/", repo.resolve().as_uri() + "/"
    )
    assert anchors_for(inv, cwd=inv / "systems") == Anchors(
        "../", "inventory/", repo.resolve().as_uri() + "/"
    )
    assert anchors_for(inv, cwd=inv).from_cwd == ""
    plain = tmp_path / "plain"
    (plain / "inv").mkdir(parents=True)
    if repository_root(plain) is None:  # no git above the temporary directory: cwd is the root
        assert anchors_for(plain / "inv", cwd=plain) == Anchors(
            "inv/", "inv/", plain.resolve().as_uri() + "/"
        )


def test_property_escaping_in_file_and_title(make_audit: Callable[[str], Report]) -> None:
    f = Finding(
        "KM401",
        "no-owner",
        Severity.WARNING,
        ("x",),
        Text.same("line 1\nline 2"),
        Location("a,b:c.yaml", 1, 2),
    )
    report = dataclasses.replace(make_audit("en"), findings=[f], anchors=Anchors("inv/"))
    assert render(report, "github").splitlines()[0] == (
        "::warning file=inv/a%2Cb%3Ac.yaml,line=1,col=2,title=KM401 no-owner::line 1%0Aline 2"
    )


def test_at_most_ten_per_type_most_severe_first(make_audit: Callable[[str], Report]) -> None:
    def many(rule: str, severity: Severity, n: int) -> list[Finding]:
        return [
            Finding(
                rule,
                "x",
                severity,
                (f"s{k:02}",),
                Text.same(f"{rule} {k}"),
                Location("a.yaml", k + 1, 1),
            )
            for k in range(n)
        ]

    found = [
        *many("KM404", Severity.INFO, 12),
        *many("KM401", Severity.WARNING, 11),
        *many("KM201", Severity.ERROR, 13),
    ]
    waived = Finding(
        "KM201", "x", Severity.ERROR, ("w",), Text.same("waived"), Location("a.yaml", 99, 1)
    ).waive("ok")
    report = dataclasses.replace(make_audit("en"), findings=[*found, waived])
    lines = render(report, "github").splitlines()
    kinds = [line.split(" ", 1)[0] for line in lines]
    assert kinds == ["::error"] * 10 + ["::warning"] * 10 + ["::notice"] * 10
    assert lines[0].endswith("::KM201 0") and lines[9].endswith("::KM201 9")
    assert not any(line.endswith("::waived") for line in lines)
    assert lines[-1] == (
        "::notice title=kommarch::13 errors, 11 warnings, 12 info, 1 waived · "
        "score 71.4 · Digital U-kommune · 7 annotations not shown"
    )


def test_deterministic(make_audit: Callable[[str], Report]) -> None:
    assert render(make_audit("en"), "github") == render(make_audit("en"), "github")
