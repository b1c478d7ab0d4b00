"""Messages that say what to do, --quiet, progress and the baseline notes (issue 12).

Each message is asserted exactly, in the language it is written in.
"""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import pytest
from rich.console import Console

from kommarch.pipeline import audit, validate
from kommarch.progress import Phase
from kommarch.render.progress import RichProgress
from tests.test_cli import HAVOE, REPO, kommarch

SYSTEM = (
    "municipality: {name: Test Kommune, code: '999'}\n"
    "systems:\n"
    "  - id: ky\n"
    "    name: KY\n"
    "    type: case-management\n"
    "    status: in-use\n"
    "    owner: Chef\n"
)


def _inventory(tmp_path: Path, extra: str = "", config: str | None = None) -> Path:
    root = tmp_path / "inventory"
    root.mkdir()
    (root / "inv.yaml").write_text(SYSTEM + extra, encoding="utf-8")
    if config is not None:
        (root / "kommarch.yaml").write_text(config, encoding="utf-8")
    return root


def _messages(root: Path) -> list[tuple[str, str, str, str]]:
    v = validate(root)
    return [(f.rule, str(f.location), f.message.da, f.message.en) for f in v.findings]


def test_a_bad_date_repeats_the_value_and_proposes_the_iso_form(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    contract_end: 31-12-2028\n    retire_on: 2028/1/5\n")
    assert _messages(root) == [
        (
            "KM002",
            "inv.yaml:8:19",
            "contract_end: 31-12-2028: skriv 2028-12-31",
            "contract_end: 31-12-2028: write 2028-12-31",
        ),
        (
            "KM002",
            "inv.yaml:9:16",
            "retire_on: 2028/1/5: skriv 2028-01-05",
            "retire_on: 2028/1/5: write 2028-01-05",
        ),
    ]


def test_a_date_that_cannot_be_read_keeps_the_general_message(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    contract_end: 31-13-2028\n")
    assert _messages(root)[0][3] == "contract_end: expected a date YYYY-MM-DD"


def test_a_data_object_outside_data_says_so(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    person: integration\n")
    assert _messages(root) == [
        (
            "KM002",
            "inv.yaml:8:5",
            "'person: integration' står direkte på systemet, men dataobjekter hører til under "
            "data: skriv data: {person: integration}",
            "'person: integration' is a data object placed outside data: write data: "
            "{person: integration}",
        )
    ]


def test_of_suggests_off_and_rule_codes_are_case_insensitive(tmp_path: Path) -> None:
    root = _inventory(tmp_path, config="rules:\n  km201: of\n")
    assert _messages(root) == [
        (
            "KM002",
            "kommarch.yaml:2:10",
            "rules.km201: 'of' er ikke én af off, error, warning, info; mente du 'off'?",
            "rules.km201: 'of' is not one of off, error, warning, info; did you mean 'off'?",
        )
    ]
    config = (
        "rules:\n  km404: warning\n  km999: off\n"
        "waivers:\n  - rule: km302\n    subjects: [ky]\n    reason: r\n    approved_by: a\n"
    )
    (root / "kommarch.yaml").write_text(config, encoding="utf-8")
    assert _messages(root) == [
        (
            "KM002",
            "kommarch.yaml:3:3",
            "rules: ukendt regel KM999; mente du 'KM902'?",
            "rules: unknown rule KM999; did you mean 'KM902'?",
        )
    ]
    cfg = validate(root).config.config
    assert cfg.rules["KM404"].severity == "warning"
    assert cfg.waivers[0].rule == "KM302"


def test_explain_and_fail_on_accept_any_case() -> None:
    assert kommarch("explain", "km201").stdout == kommarch("explain", "KM201").stdout
    upper = kommarch("audit", "inventories/havoe", "--fail-on", "NEVER", "-f", "json")
    assert (upper.returncode, upper.stderr) == (0, "")


def test_an_option_value_quoted_in_a_message_cannot_steer_the_terminal() -> None:
    rule = kommarch("explain", "KM\x1b[31m9")
    assert (rule.returncode, rule.stderr) == (
        2,
        "kommarch: unknown rule 'KM\\x1b[31m9'; did you mean 'KM311'?\n",
    )
    system = kommarch("graph", "inventories/havoe", "--system", "k\x07y\nkommarch: ok\u0085")
    assert (system.returncode, system.stderr) == (
        2,
        "kommarch: unknown system 'k\\x07y\\x0akommarch: ok\\u0085'\n",
    )


@pytest.mark.parametrize(
    ("text", "da", "en"),
    [
        (
            "systems:\n  - id: ky\n    name: KY\n   type: x\n",
            "fandt ikke det forventede '-' (under læsning af en blok-samling i linje 2, kolonne "
            "3); tjek indrykningen: linje 4 begynder i kolonne 4, men blokken fra linje 2 "
            "begynder i kolonne 3",
            "did not find expected '-' indicator (while parsing a block collection at line 2, "
            "column 3); check the indentation: line 4 starts in column 4, but the block from "
            "line 2 starts in column 3",
        ),
        (
            "systems:\n  - id: ky\n    name: KY\n  type: x\n",
            "fandt ikke det forventede '-' (under læsning af en blok-samling i linje 2, kolonne "
            "3); tjek indrykningen: linje 4 står i listens kolonne 3, så den skal begynde med "
            "'- ' (en ny post), eller rykkes ind under nøglerne ovenover",
            "did not find expected '-' indicator (while parsing a block collection at line 2, "
            "column 3); check the indentation: line 4 stands in the list's column 3, so it must "
            "start with '- ' (a new entry) or be indented under the keys above it",
        ),
    ],
)
def test_yaml_syntax_errors_get_an_indentation_hint(
    tmp_path: Path, text: str, da: str, en: str
) -> None:
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    found = [f for f in validate(tmp_path / "a.yaml").findings if f.rule == "KM001"]
    assert [(f.message.da, f.message.en) for f in found] == [(da, en)]


def test_the_yaml_syntax_error_is_listed_first(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    person: integration\n")
    (root / "a-broken.yaml").write_text("x: [\n", encoding="utf-8")
    (root / "b.yaml").write_text("systems:\n  - {id: b}\n", encoding="utf-8")
    r = kommarch("validate", str(root), "--lang", "en", cwd=tmp_path)
    listed = [line.split()[1] for line in r.stdout.splitlines() if line.startswith("  inventory/")]
    assert listed[0] == "KM001"
    assert sorted(listed[1:]) == listed[1:]  # the rest in the contract's order


def test_validate_lang(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    person: integration\n")
    en = kommarch("validate", str(root), "--lang", "en", cwd=tmp_path)
    da = kommarch("validate", str(root), "--lang", "da", cwd=tmp_path)
    assert "Validation errors (1)" in en.stdout
    assert "Valideringsfejl (1)" in da.stdout


def test_the_config_file_as_path_says_what_to_give(tmp_path: Path) -> None:
    root = _inventory(tmp_path, config="lang: en\n")
    r = kommarch("validate", "inventory/kommarch.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr == (
        "kommarch: inventory/kommarch.yaml is kommarch's configuration, not an inventory: give "
        "the folder that holds it (inventory)\n"
    )
    assert root.is_dir()


def test_one_file_of_an_inventory_as_path_says_what_to_give(tmp_path: Path) -> None:
    root = tmp_path / "inventory"
    shutil.copytree(HAVOE, root)
    (root / "kommarch.yaml").write_text("lang: en\n", encoding="utf-8")
    r = kommarch("validate", "inventory/systems.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr == (
        "kommarch: inventory/systems.yaml is one file of the inventory in inventory; its "
        "references and municipality are in the other files: give the folder (inventory)\n"
    )
    assert kommarch("validate", "inventory/systems.yaml", "-q", cwd=tmp_path).stderr == ""


def test_no_path_finds_the_folder_with_kommarch_yaml(tmp_path: Path) -> None:
    root = tmp_path / "inventory"
    shutil.copytree(HAVOE, root)
    (root / "kommarch.yaml").write_text("lang: en\n", encoding="utf-8")
    (tmp_path / "other.yaml").write_text("not: an inventory\n", encoding="utf-8")
    from_top = kommarch("validate", cwd=tmp_path)
    assert from_top.returncode == 0, from_top.stdout
    assert from_top.stdout == kommarch("validate", "inventory", cwd=tmp_path).stdout
    assert kommarch("validate", cwd=root).stdout.endswith("✓ valid (4 files)\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    r = kommarch("validate", cwd=empty)
    assert r.returncode == 2
    assert r.stderr == (
        "kommarch: no kommarch.yaml in . or below it: give the inventory folder as PATH "
        "(kommarch validate inventory), or add a kommarch.yaml to it\n"
    )
    shutil.copytree(root, tmp_path / "second")
    r = kommarch("validate", cwd=tmp_path)
    assert r.stderr == (
        "kommarch: several inventories (inventory, second): give the one to check as PATH\n"
    )


def test_write_baseline_exits_0_and_baseline_says_what_it_hid(tmp_path: Path) -> None:
    baseline = tmp_path / "baseline.json"
    w = kommarch("audit", "inventories/havoe", "--write-baseline", str(baseline))
    assert w.returncode == 0
    count = len(json.loads(kommarch("audit", "inventories/havoe", "-f", "json").stdout)["findings"])
    assert w.stderr == f"kommarch: wrote baseline {baseline} ({count} findings)\n"
    r = kommarch("audit", "inventories/havoe", "--baseline", str(baseline))
    assert r.returncode == 0
    assert r.stderr == f"kommarch: the baseline {baseline} hid {count} known findings\n"
    quiet = kommarch("audit", "inventories/havoe", "--baseline", str(baseline), "--quiet")
    assert quiet.stderr == ""


def test_quiet_leaves_only_errors_on_stderr(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    assert (
        kommarch("audit", "inventories/havoe", "-o", str(out)).stderr == f"kommarch: wrote {out}\n"
    )
    assert kommarch("audit", "inventories/havoe", "-o", str(out), "-q").stderr == ""
    assert kommarch("init", str(tmp_path / "new"), "--quiet").stderr == ""
    assert kommarch("schema", "--output-dir", str(tmp_path / "s"), "--quiet").stderr == ""
    missing = kommarch("audit", "no/such/dir", "--quiet")
    assert (missing.returncode, missing.stderr) == (
        2,
        "kommarch: no such file or directory: no/such/dir\n",
    )
    for command in ("validate", "audit", "report", "rules", "explain", "catalog", "graph", "diff"):
        assert "--quiet" in kommarch(command, "--help").stdout, command


def test_after_validate_does_not_repeat_the_validation_errors(tmp_path: Path) -> None:
    root = _inventory(tmp_path, "    person: integration\n")
    r = kommarch("audit", str(root), "--after-validate")
    assert (r.returncode, r.stdout) == (0, "")
    assert r.stderr == (
        "kommarch: audit skipped: the inventory has 1 validation error (kommarch validate "
        "lists them)\n"
    )
    valid = kommarch("audit", "inventories/havoe", "--after-validate", "-f", "json")
    assert valid.returncode == 1 and json.loads(valid.stdout)["findings"]


class Recorder:
    """A Progress that writes down what the core tells it."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int | None]] = []

    def phase(self, phase: Phase, total: int | None = None) -> None:
        self.calls.append((phase.value, total))

    def advance(self, steps: int = 1) -> None:
        self.calls.append(("+", steps))


def test_the_core_reports_every_phase() -> None:
    from kommarch.rules import REGISTRY

    rec = Recorder()
    audit(HAVOE, progress=rec)
    phases = [c for c in rec.calls if c[0] != "+"]
    files = len(list(HAVOE.glob("*.yaml")))
    assert phases == [
        ("read", files),
        ("validate", None),
        ("graph", None),
        ("rules", len(REGISTRY)),
        ("score", None),
    ]
    assert sum(n or 0 for c, n in rec.calls if c == "+") == files + len(REGISTRY)


def test_rich_progress_draws_on_a_terminal_and_the_cli_is_silent_when_piped() -> None:
    stream = io.StringIO()
    console = Console(file=stream, force_terminal=True, width=80)
    with RichProgress(console, transient=False) as progress:
        audit(HAVOE, progress=progress)
        progress.phase(Phase.REPORT)
    drawn = stream.getvalue()
    for text in ("Reading files", "Running the rules", "Writing the report"):
        assert text in drawn
    piped = kommarch("audit", "inventories/havoe", "-f", "json")  # stderr is a pipe here
    assert piped.stderr == ""
    assert REPO.is_dir()


def test_the_config_schema_accepts_rule_codes_in_any_case() -> None:
    import jsonschema

    schema = json.loads((REPO / "schemas" / "kommarch-config.schema.json").read_text("utf-8"))
    ok = {
        "rules": {"km201": "off"},
        "waivers": [{"rule": "km302", "reason": "r", "approved_by": "a"}],
    }
    jsonschema.Draft202012Validator(schema).validate(ok)
    bad = {"waivers": [{"rule": "kx302", "reason": "r", "approved_by": "a"}]}
    assert not jsonschema.Draft202012Validator(schema).is_valid(bad)


def test_graph_of_an_invalid_inventory_counts_its_validation_errors(tmp_path: Path) -> None:
    one = _inventory(tmp_path, "    status: unknown\n")
    r = kommarch("graph", str(one), "--format", "dot")
    assert (r.returncode, r.stderr) == (
        0,
        "kommarch: the inventory has 1 validation error; invalid entries are left out of the "
        "graph (run kommarch validate)\n",
    )
