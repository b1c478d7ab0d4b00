"""The text format: goldens (both languages, 80 and 100 columns, colour) and its promises."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable

import pytest

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.location import Location
from kommarch.render import render
from kommarch.render.styled import StyledLines
from kommarch.report import Report

ESC = "\x1b"


@pytest.mark.parametrize("lang", ["en", "da"])
def test_audit_golden(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None], lang: str
) -> None:
    golden(f"audit-{lang}.txt", render(make_audit(lang), "text"))


def test_audit_golden_80_columns(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None]
) -> None:
    out = render(make_audit("en"), "text", width=80)
    golden("audit-en-80.txt", out)
    too_long = [line for line in out.splitlines() if len(line) > 80]
    assert too_long == []


def test_audit_golden_color(
    make_audit: Callable[[str], Report], golden: Callable[[str, str], None]
) -> None:
    out = render(make_audit("en"), "text", color=True, width=80)
    golden("audit-en-color.txt", out)
    assert f"{ESC}[1;31merror{ESC}[0m" in out  # errors are bold red
    assert f"{ESC}[33mwarning{ESC}[0m" in out
    # the text under the styling is exactly the plain output
    assert re.sub(f"{ESC}\\[[0-9;]*m", "", out) == render(make_audit("en"), "text", width=80)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_validate_golden(
    make_validate: Callable[..., Report], golden: Callable[[str, str], None], lang: str
) -> None:
    golden(f"validate-{lang}.txt", render(make_validate(lang), "text"))


def test_validate_summary_lines(
    make_validate: Callable[..., Report], add_stats: Callable[[Report, int], Report]
) -> None:
    assert render(make_validate("en"), "text").endswith("\n3 errors\n")
    assert render(add_stats(make_validate("en"), 12), "text").endswith("\n12 files, 3 errors\n")
    assert render(add_stats(make_validate("da"), 1), "text").endswith("\n1 fil, 3 fejl\n")
    assert render(make_validate("en", valid=True), "text").endswith("\n✓ valid\n")
    valid = add_stats(make_validate("da", valid=True), 4)
    assert render(valid, "text").endswith("\n✓ gyldig (4 filer)\n")


@pytest.mark.parametrize("command", ["audit", "validate"])
def test_plain_has_no_escape_codes(
    make_audit: Callable[[str], Report], make_validate: Callable[..., Report], command: str
) -> None:
    report = make_audit("da") if command == "audit" else make_validate("da")
    assert ESC not in render(report, "text", color=False)


def test_environment_changes_nothing(
    make_audit: Callable[[str], Report], monkeypatch: pytest.MonkeyPatch
) -> None:
    plain = render(make_audit("en"), "text")
    color = render(make_audit("en"), "text", color=True)
    for name, value in (
        ("FORCE_COLOR", "1"),
        ("NO_COLOR", "1"),
        ("COLUMNS", "33"),
        ("TERM", "dumb"),
        ("TTY_COMPATIBLE", "1"),
        ("JUPYTER_COLUMNS", "40"),
    ):
        monkeypatch.setenv(name, value)
    assert render(make_audit("en"), "text") == plain
    assert render(make_audit("en"), "text", color=True) == color


def test_deterministic(make_audit: Callable[[str], Report]) -> None:
    assert render(make_audit("en"), "text") == render(make_audit("en"), "text")


def test_groups_validation_first_then_principles(make_audit: Callable[[str], Report]) -> None:
    heads = [
        line
        for line in render(make_audit("en"), "text").splitlines()
        if re.match(r"^(Validation|Principle|Other)", line)
    ]
    assert heads == [
        "Validation errors (1)",
        "Principle 1: Architecture is governed at the right level under common frameworks (1)",
        "Principle 2: Architecture promotes coherence, innovation and efficiency (1)",
        "Principle 5: Processes are optimised across organisations (1)",
        "Principle 6: Good data are shared and reused (2)",
        "Principle 7: IT solutions interoperate efficiently (2)",
    ]


def test_finding_line_and_waived(make_audit: Callable[[str], Report]) -> None:
    lines = render(make_audit("en"), "text", width=200).splitlines()
    assert (
        "  inventories/skovlund/systems/ydelser.yaml:30:7  KM201 error  ky gets indkomst by "
        "integration, but no active integration delivers it" in lines
    )
    assert "      subjects: ky, indkomst" in lines
    assert (
        "  inventories/skovlund/systems/esdh.yaml:4:5  KM302 error (waived)  legacy-esdh is "
        "case-bearing but does not index into Sags- og Dokumentindeks" in lines
    )
    assert "      waiver: Udfases 2027; godkendt af IT-styregruppen" in lines
    assert (
        "  inventories/skovlund/systems/ødelagt.yaml  KM001 error  cannot read file: "
        "Permission denied" in lines
    )


def test_score_block(make_audit: Callable[[str], Report]) -> None:
    lines = render(make_audit("da"), "text").splitlines()
    assert lines[2:5] == [
        "Point 71,4 / 100 · Digital U-kommune",
        "  3,6 point fra A; 2 tilfælde mere med brug af den fælleskommunale infrastruktur; de "
        "obligatoriske",
        "    elementer er ikke opfyldt",
    ]
    at = lines.index("  Vejen til A-kommune")
    assert lines[at + 1 : at + 3] == [
        "    1. KM306  Send breve fra ky til Digital Post  → 71,4 U",
        "    2. KM302  Indekser legacy-esdh i SDI  → 76,4 A",
    ]


def test_unknown_rule_goes_to_other(make_audit: Callable[[str], Report]) -> None:
    report = make_audit("en")
    stray = Finding(
        "KM777",
        "stray",
        Severity.INFO,
        ("x",),
        Text.same("a stray finding"),
        Location("a.yaml", 1, 1),
    )
    report = dataclasses.replace(report, findings=[*report.findings, stray])
    out = render(report, "text")
    assert (
        "\nOther findings (1)\n  inventories/skovlund/a.yaml:1:1  KM777 info  a stray finding\n"
        in out
    )


def test_audit_without_findings(make_audit: Callable[[str], Report]) -> None:
    report = dataclasses.replace(make_audit("da"), findings=[])
    out = render(report, "text")
    assert "\nGennemgangen viser ingen forhold.\n" in out
    assert out.endswith("\n0 fejl, 0 advarsler, 0 info, 0 dispenserede\n")


def test_wrapping_hangs_folds_and_counts_cells() -> None:
    out = StyledLines(color=False, width=20)
    out.line(("a.yaml:1:1", "bold"), "  ", "one two three four five six", indent=2, hang=6)
    out.line("x" * 30, indent=0, hang=4)
    out.line("日本語 日本語 日本語 x", indent=0, hang=2)  # two cells per character
    out.line("tab\there\nand   break", indent=0)
    assert out.text() == (
        "  a.yaml:1:1  one\n"
        "      two three four\n"
        "      five six\n"
        "xxxxxxxxxxxxxxxxxxxx\n"
        "    xxxxxxxxxx\n"
        "日本語 日本語 日本語\n"
        "  x\n"
        "tab here and   break\n"
    )
    narrow = StyledLines(color=True, width=12)
    narrow.line(("日本語 日本語", "red"), " end", hang=2)
    narrow.line("日本語日本語日本語", hang=2)
    assert narrow.text() == (
        "\x1b[31m日本語\x1b[0m\n  \x1b[31m日本語\x1b[0m end\n日本語日本語\n  日本語\n"
    )
