"""Regressions of the defects a fuzzer found (issue 13): each input ends in exit 0, 1 or 2 with
a located message, never an internal error; exports are well-formed whatever the names hold."""

from __future__ import annotations

import json
import os
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from kommarch.findings import Text
from kommarch.inventory.schemaerrors import _bound
from kommarch.render.graphformats import dot_quote, xml_safe
from tests.fuzz.harness import DOT, Run, check, check_dot, run

REPO = Path(__file__).resolve().parents[1]
HAVOE = REPO / "inventories" / "havoe"


@pytest.fixture
def havoe(tmp_path: Path) -> Path:
    """A copy of the Havø example to break."""
    root = tmp_path / "havoe"
    shutil.copytree(HAVOE, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def validate_json(root: Path, *extra: str) -> tuple[Run, list[tuple[str, str, str]]]:
    r = run("validate", str(root), "--format", "json", *extra)
    check(r, "json")
    doc = json.loads(r.out)
    found = [
        (
            f["rule"],
            f"{f['location']['path']}:{f['location']['line']}:{f['location']['column']}",
            f["message"],
        )
        for f in doc["findings"]
    ]
    return r, found


# --- 1. internal errors where the input is at fault -------------------------------------------


@pytest.mark.parametrize(
    "literal",
    ["0x" + "f" * 5000, "0b" + "1" * 15000, "0" + "7" * 5000, "1:" + "59:" * 2500 + "59"],
)
def test_a_huge_integer_literal_where_text_is_expected(havoe: Path, literal: str) -> None:
    # Python caps decimal literals at 4,300 digits; the other notations bypassed the cap and
    # formatting the message crashed (ValueError: Exceeds the limit)
    edit(
        havoe / "systems.yaml",
        "owner: Leder af Borgerservice og Jobcenter Dorthe Ravn",
        f"owner: {literal}",
    )
    r = run("validate", str(havoe))
    check(r, "text")
    assert r.code in (0, 2)
    r = run("audit", str(havoe), "--format", "sarif")
    check(r, "sarif")


def test_a_huge_integer_where_a_number_is_expected_is_km002(havoe: Path) -> None:
    edit(havoe / "systems.yaml", "users: 4", "users: 0x" + "f" * 5000)
    r, found = validate_json(havoe)
    assert r.code == 2
    assert [(rule, where) for rule, where, _ in found] == [("KM002", "systems.yaml:21:12")]


def test_cases_per_year_beyond_its_bound_is_km002_not_a_crash(havoe: Path) -> None:
    edit(havoe / "processes.yaml", "cases_per_year: 240", "cases_per_year: 1" + "0" * 400)
    r, found = validate_json(havoe)
    assert r.code == 2
    assert found == [
        (
            "KM002",
            "processes.yaml:11:21",
            "cases_per_year: skal være højst 100.000.000",
        )
    ]
    for fmt in ("json", "sarif", "text", "markdown"):
        a = run("audit", str(havoe), "--format", fmt, "--as-of", "2026-11-27")
        check(a, fmt)
        assert a.code == 2


def test_population_and_users_have_a_bound(havoe: Path) -> None:
    edit(havoe / "havoe.yaml", "population: 3050", "population: 10000001")
    edit(havoe / "systems.yaml", "users: 4", "users: 10000001")
    _, found = validate_json(havoe)
    assert [(rule, where) for rule, where, _ in found] == [
        ("KM002", "havoe.yaml:20:15"),
        ("KM002", "systems.yaml:21:12"),
    ]


@pytest.mark.parametrize("fmt", ["json", "sarif", "text", "github", "markdown"])
def test_huge_seconds_are_refused_so_hours_stay_finite(havoe: Path, fmt: str) -> None:
    (havoe / "kommarch.yaml").write_text(
        "settings:\n  lookup_seconds: 1.0e+308\n  entry_seconds: 86400.5\n", encoding="utf-8"
    )
    r = run("audit", str(havoe), "--format", fmt, "--as-of", "2026-11-27")
    check(r, fmt)
    assert r.code == 2
    _, found = validate_json(havoe)
    assert [(rule, where) for rule, where, _ in found] == [
        ("KM002", "kommarch.yaml:2:19"),
        ("KM002", "kommarch.yaml:3:18"),
    ]


def test_the_largest_accepted_values_give_finite_hours(havoe: Path) -> None:
    (havoe / "kommarch.yaml").write_text(
        "settings:\n  lookup_seconds: 86400\n  entry_seconds: 86400\n", encoding="utf-8"
    )
    edit(havoe / "processes.yaml", "cases_per_year: 240", "cases_per_year: 100000000")
    r = run("audit", str(havoe), "--format", "json", "--as-of", "2026-11-27")
    check(r, "json")
    hours = [j["hours_per_year"] for j in json.loads(r.out)["journeys"]]
    # 100 million cases a year, three redundant lookups and two re-keyings of a day each
    assert max(h for h in hours if h is not None) == 7_200_000_000.0


@pytest.mark.parametrize(
    ("content", "why"),
    [
        ("[" * 100_000, "nested too deeply"),
        ('{"schema_version": ' + "9" * 5000 + "}", "a number too long to read"),
    ],
)
def test_a_hostile_baseline_is_a_usage_error(tmp_path: Path, content: str, why: str) -> None:
    baseline = tmp_path / "baseline.json"
    baseline.write_text(content, encoding="utf-8")
    r = run("audit", str(HAVOE), "--baseline", str(baseline))
    assert (r.code, r.out) == (2, b"")
    assert r.err == f"kommarch: cannot use baseline {baseline}: not a kommarch baseline ({why})\n"


def test_a_fifo_or_device_as_baseline_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)  # opening it would block forever: no writer
    r = run("audit", str(HAVOE), "--baseline", str(fifo))
    assert (r.code, r.err) == (
        2,
        f"kommarch: cannot use baseline {fifo}: not a regular file (a named pipe)\n",
    )
    r = run("audit", str(HAVOE), "--baseline", "/dev/zero")
    assert (r.code, r.err) == (
        2,
        "kommarch: cannot use baseline /dev/zero: not a regular file (a device)\n",
    )


def test_a_fifo_or_device_as_path_or_config_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "inventory.yaml"
    os.mkfifo(fifo)
    r = run("validate", str(fifo))
    assert (r.code, r.err) == (
        2,
        f"kommarch: cannot read file or directory {fifo}: not a regular file or a directory "
        "(a named pipe)\n",
    )
    r = run("audit", str(HAVOE), "--config", "/dev/zero")
    assert (r.code, r.err) == (
        2,
        "kommarch: cannot read configuration file /dev/zero: not a regular file (a device)\n",
    )


# --- 2. exports of names holding control characters -------------------------------------------


def _named(havoe: Path, escape: str) -> None:
    edit(havoe / "systems.yaml", "name: KY – Kommunernes Ydelsessystem", f'name: "KY{escape}x"')


@pytest.mark.parametrize("escape", ["\\0", "\\a", "\\x1b", "\\uFFFE", "\\uFFFF", "\\x7f"])
def test_names_with_control_characters_export_well_formed(havoe: Path, escape: str) -> None:
    _named(havoe, escape)
    assert run("validate", str(havoe)).code == 0  # names are free text (docs/format.md)
    for fmt in ("dot", "graphml", "json", "mermaid"):
        r = run("graph", str(havoe), "--format", fmt)
        assert r.code == 0
        check(r, fmt)


def test_dot_and_graphml_show_control_characters_as_their_pictures(havoe: Path) -> None:
    _named(havoe, "\\0\\a")
    dot = run("graph", str(havoe), "--format", "dot").out.decode()
    assert '[label="KY␀␇x"' in dot
    graphml = run("graph", str(havoe), "--format", "graphml").out.decode()
    assert "KY␀␇x" in [e.text for e in ET.fromstring(graphml).iter()]
    assert dot_quote('a\0b"\\\n\t\x7f') == '"a␀b\\"\\\\\\n␉␡"'
    assert xml_safe("a\0\t\n\r\x1f\ufffe\uffff\u00e6") == "a␀\t\n\r␟\ufffd\ufffdæ"
    ET.fromstring(f"<a>{xml_safe(''.join(map(chr, range(0x20))))}</a>")


@pytest.mark.skipif(DOT is None, reason="graphviz is not installed")
def test_graphviz_reads_a_name_with_nul() -> None:
    label = dot_quote("x\0y")
    check_dot(f'digraph "kommarch" {{\n  "a" [label={label}];\n}}\n')


@pytest.mark.parametrize("escape", ["\\N", "\\L", "\\P", "\\x9b"])
def test_unicode_line_breaks_and_c1_controls_in_a_name_keep_dot_lines_whole(
    havoe: Path, escape: str
) -> None:
    # fuzz input 69806 of seed 13: a name with NEL (U+0085) split a DOT line for any reader
    # that breaks lines as Unicode does (Python's splitlines)
    _named(havoe, escape)
    dot = run("graph", str(havoe), "--format", "dot").out.decode()
    assert dot.splitlines() == dot.split("\n")[:-1]
    assert ('[label="KY\\nx"' if escape != "\\x9b" else '[label="KY\ufffdx"') in dot
    check_dot(dot)


def test_a_name_longer_than_graphviz_reads_in_one_string_is_written_in_pieces(
    havoe: Path,
) -> None:
    # fuzz input 31246 of seed 13: a 20,000-character name made graphviz refuse the DOT
    # ("longer than 16384?")
    name = "Æ" * 5_000 + 'x"\\' * 5_000
    edit(havoe / "systems.yaml", "name: KY – Kommunernes Ydelsessystem", f"name: '{name}'")
    r = run("graph", str(havoe), "--format", "dot")
    assert r.code == 0
    check(r, "dot")
    line = next(x for x in r.out.decode().splitlines() if x.startswith('  "ky" [label='))
    label = line.removeprefix('  "ky" [label=').removesuffix("];").split(", ")[0]
    pieces = label.split(" + ")
    assert len(pieces) == 10 and all(len(p.encode()) < 16_384 for p in pieces)
    assert "".join(p[1:-1] for p in pieces) == name.replace("\\", "\\\\").replace('"', '\\"')


def test_a_huge_depth_around_a_system_ends_at_once() -> None:
    # the neighbourhood loop counted to --depth even after the graph ran out (found by hand
    # while fuzzing the options)
    r = run("graph", str(HAVOE), "--system", "ky", "--depth", str(10**20), "--format", "dot")
    assert r.code == 0
    check(r, "dot")
    everything = run("graph", str(HAVOE), "--format", "dot").out.decode()
    assert r.out.decode().count(" -> ") <= everything.count(" -> ")


def test_a_bound_is_written_as_each_language_writes_numbers() -> None:
    assert _bound("less_than_equal", {"le": 100_000_000}) == Text(
        "skal være højst 100.000.000", "must be less than or equal to 100,000,000"
    )
    assert _bound("greater_than", {"gt": 0.0}) == Text(
        "skal være større end 0", "must be greater than 0"
    )
    assert _bound("less_than", {"lt": 0.25}) == Text(
        "skal være mindre end 0,25", "must be less than 0.25"
    )
    assert _bound("greater_than_equal", {"ge": 1924.5}) == Text(
        "skal være mindst 1.924,5", "must be greater than or equal to 1,924.5"
    )
