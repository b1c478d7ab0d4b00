"""The CLI as a user meets it: the real entry point, exit codes, stdout holds only the result."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from kommarch import __version__
from tests.goldenfiles import check_golden

REPO = Path(__file__).resolve().parents[1]
GOLDEN = REPO / "tests" / "golden" / "cli"
BROKEN = REPO / "tests" / "fixtures" / "cli" / "broken"
HAVOE = REPO / "inventories" / "havoe"


def kommarch(*args: str, cwd: Path = REPO, seed: str = "0") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed, "NO_COLOR": "1", "COLUMNS": "100"}
    env.pop("FORCE_COLOR", None)
    return subprocess.run(
        [sys.executable, "-m", "kommarch", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def golden(name: str, actual: str) -> None:
    """tests/golden/cli/<name> (``../examples/...`` for the bundled examples)."""
    check_golden(GOLDEN / name, actual)


def test_version_and_help() -> None:
    r = kommarch("--version")
    assert (r.returncode, r.stdout, r.stderr) == (0, f"kommarch {__version__}\n", "")
    r = kommarch("--help")
    assert r.returncode == 0
    for command in (
        "validate",
        "audit",
        "report",
        "rules",
        "explain",
        "catalog",
        "schema",
        "graph",
        "diff",
        "init",
    ):
        assert command in r.stdout


def test_validate_valid_inventory_exits_0() -> None:
    r = kommarch("validate", "inventories/skovlund", "--format", "json")
    assert r.returncode == 0
    assert r.stderr == ""
    doc = json.loads(r.stdout)
    assert doc["findings"] == []
    assert doc["summary"] == {"errors": 0, "warnings": 0, "info": 0, "waived": 0}


@pytest.mark.parametrize(("fmt", "ext"), [("text", "txt"), ("json", "json"), ("github", "github")])
def test_validate_broken_inventory_golden(fmt: str, ext: str) -> None:
    r = kommarch("validate", "tests/fixtures/cli/broken", "--format", fmt)
    assert r.returncode == 2
    assert r.stderr == ""
    golden(f"validate-broken.{ext}", r.stdout)


def test_validate_json_is_only_json_and_names_every_position() -> None:
    r = kommarch("validate", "tests/fixtures/cli/broken", "--format", "json")
    doc = json.loads(r.stdout)
    located = [(f["rule"], f["location"]["path"], f["location"]["line"]) for f in doc["findings"]]
    assert ("KM001", "broken.yaml", 2) in located
    assert ("KM002", "kommarch.yaml", 3) in located
    assert all(f["location"]["line"] is not None for f in doc["findings"])


def test_audit_exit_codes() -> None:
    assert (
        kommarch(
            "audit", "inventories/havoe", "--as-of", "2026-11-27", "--format", "json"
        ).returncode
        == 1
    )
    assert (
        kommarch(
            "audit",
            "inventories/havoe",
            "--as-of",
            "2026-11-27",
            "--format",
            "json",
            "--fail-on",
            "never",
        ).returncode
        == 0
    )
    assert kommarch("audit", "tests/fixtures/cli/broken", "--format", "json").returncode == 2


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (("audit", "no/such/inventory"), "no such file or directory: no/such/inventory"),
        (("audit", "inventories/havoe", "--as-of", "27-11-2026"), "--as-of must be a date"),
        (("audit", "inventories/havoe", "--config", "missing.yaml"), "no such configuration"),
        (("audit", "inventories/havoe", "--baseline", "missing.json"), "missing.json"),
        (("explain", "KM2O1"), "unknown rule 'KM2O1'; did you mean 'KM201'?"),
        (("graph", "inventories/havoe", "--system", "kyy"), "kyy"),
        (("diff", "inventories/havoe"), "give two inventories"),
        (("init", "inventories/havoe"), "already holds"),
    ],
)
def test_usage_errors_exit_2_with_a_message_on_stderr(args: tuple[str, ...], needle: str) -> None:
    r = kommarch(*args)
    assert r.returncode == 2, r.stderr
    assert r.stdout == ""
    assert needle in r.stderr
    assert "Traceback" not in r.stderr


def test_unknown_format_is_a_usage_error() -> None:
    r = kommarch("audit", "inventories/havoe", "--format", "pdf")
    assert r.returncode == 2
    assert r.stdout == ""
    assert "pdf" in r.stderr


def test_output_file_and_stderr_note(tmp_path: Path) -> None:
    out = tmp_path / "audit.json"
    r = kommarch(
        "audit",
        "inventories/havoe",
        "--as-of",
        "2026-11-27",
        "--format",
        "json",
        "--output",
        str(out),
    )
    assert r.returncode == 1
    assert r.stdout == ""
    assert f"wrote {out}" in r.stderr
    assert json.loads(out.read_text(encoding="utf-8"))["municipality"]["code"] == "997"


def test_report_writes_markdown(tmp_path: Path) -> None:
    out = tmp_path / "rapport.md"
    r = kommarch("report", "inventories/havoe", "--as-of", "2026-11-27", "-o", str(out))
    assert r.returncode == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "Havø Kommune" in text


def test_init_writes_a_starter_that_validates_and_never_overwrites(tmp_path: Path) -> None:
    target = tmp_path / "min-kommune"
    r = kommarch("init", str(target))
    assert r.returncode == 0
    assert sorted(p.name for p in target.iterdir()) == [
        "integrations.yaml",
        "kommarch.yaml",
        "municipality.yaml",
        "schemas",
        "systems.yaml",
    ]
    assert kommarch("validate", str(target)).returncode == 0
    audit = kommarch("audit", str(target), "--format", "json", "--as-of", "2026-11-27")
    assert audit.returncode == 0, audit.stdout
    before = (target / "systems.yaml").read_bytes()
    again = kommarch("init", str(target))
    assert again.returncode == 2
    assert (target / "systems.yaml").read_bytes() == before


def test_schema_command_writes_the_committed_schemas(tmp_path: Path) -> None:
    r = kommarch("schema", "--output-dir", str(tmp_path))
    assert r.returncode == 0
    for name in ("inventory.schema.json", "kommarch-config.schema.json"):
        assert (tmp_path / name).read_text() == (REPO / "schemas" / name).read_text()


def test_catalog_json_lists_the_reserved_ids() -> None:
    r = kommarch("catalog", "--format", "json")
    doc = json.loads(r.stdout)
    assert [s["id"] for s in doc["systems"]][:3] == ["cpr", "cvr", "dar"]
    assert {"SF1520", "SF1600"} <= {s["id"] for s in doc["services"]}


def test_single_file_inventory(tmp_path: Path) -> None:
    f = tmp_path / "inventory.yaml"
    f.write_text(
        "municipality: {name: Lilleby Kommune}\nsystems:\n"
        "  - {id: esdh, name: ESDH, type: case-management, status: in-use, "
        "owner: Digitaliseringschef, data: {sag: master}}\n",
        encoding="utf-8",
    )
    r = kommarch("audit", str(f), "--format", "json", "--as-of", "2026-11-27")
    doc = json.loads(r.stdout)
    assert [
        (x["rule"], x["subjects"], x["location"]["path"], x["location"]["line"])
        for x in doc["findings"]
    ] == [
        ("KM205", ["esdh"], "inventory.yaml", 3),
        ("KM302", ["esdh"], "inventory.yaml", 3),
    ]


def test_internal_error_is_a_short_message_and_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import kommarch.pipeline
    from kommarch.cli import main

    def boom(*args: object, **kwargs: object) -> None:
        raise RuntimeError("secret inventory detail")

    monkeypatch.setattr(kommarch.pipeline, "audit_validated", boom)
    monkeypatch.setattr(sys, "argv", ["kommarch", "audit", str(HAVOE)])
    with pytest.raises(SystemExit) as exc:
        main()
    assert exc.value.code == 3
    err = capsys.readouterr().err
    assert "internal error (RuntimeError)" in err
    assert "secret inventory detail" not in err
    assert "Traceback" not in err


def test_cli_choices_agree_with_the_models_and_renderers() -> None:
    # cli.py keeps its own small enums so that --help never imports pydantic; keep them in step
    from kommarch import cli
    from kommarch.inventory import models
    from kommarch.render import FORMATS

    assert [v.value for v in cli.FailOn] == [v.value for v in models.FailOn]
    assert tuple(v.value for v in cli.ValidateFormat) == FORMATS["validate"]
    assert tuple(v.value for v in cli.AuditFormat) == FORMATS["audit"]


def test_text_and_github_paths_are_relative_to_the_current_directory() -> None:
    """Run from tests/: the locations open from there; JSON keeps the inventory-relative ones."""
    here = REPO / "tests"
    text = kommarch("validate", "fixtures/cli/broken", cwd=here)
    assert "  fixtures/cli/broken/broken.yaml:2:3  KM001 error" in text.stdout
    github = kommarch("validate", str(BROKEN), "--format", "github", cwd=here)
    assert "::error file=fixtures/cli/broken/broken.yaml,line=2,col=3," in github.stdout
    js = json.loads(
        kommarch("validate", "fixtures/cli/broken", "--format", "json", cwd=here).stdout
    )
    assert js["findings"][0]["location"] == {"path": "broken.yaml", "line": 2, "column": 3}


def test_sarif_and_gitlab_paths_are_relative_to_the_repository_root() -> None:
    here = REPO / "inventories"
    sarif = json.loads(kommarch("audit", "havoe", "--format", "sarif", cwd=here).stdout)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == REPO.resolve().as_uri() + "/"
    first = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert first == {"uri": "inventories/havoe/havoe.yaml", "uriBaseId": "SRCROOT"}
    gitlab = json.loads(kommarch("audit", "havoe", "--format", "gitlab", cwd=here).stdout)
    assert gitlab[0]["location"]["path"] == "inventories/havoe/havoe.yaml"
