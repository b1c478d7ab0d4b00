"""The third example, inventories/faelles-kommune: exactly what ``kommarch import kitos`` writes
from the snapshot in tests/fixtures/kitos/snapshot (built from KITOS's own example responses)."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.test_cli import REPO, golden, kommarch

EXAMPLE = REPO / "inventories" / "faelles-kommune"
SNAPSHOT = REPO / "tests" / "fixtures" / "kitos" / "snapshot"
AS_OF = "2026-11-27"


def _files(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*.yaml"))
        if p.name != "kommarch.yaml"
    }


def test_the_example_is_what_the_import_writes(tmp_path: Path) -> None:
    r = kommarch("import", "kitos", str(tmp_path / "new"), "--from-snapshot", str(SNAPSHOT))
    assert r.returncode == 0, r.stderr
    assert _files(tmp_path / "new") == _files(EXAMPLE)


def test_the_example_is_in_step_with_its_snapshot(tmp_path: Path) -> None:
    copy = tmp_path / "faelles-kommune"
    shutil.copytree(EXAMPLE, copy)
    r = kommarch("import", "kitos", str(copy), "--from-snapshot", str(SNAPSHOT), "--check")
    assert r.returncode == 0, r.stdout
    assert r.stdout.endswith("\nI takt med KITOS.\n")
    assert _files(copy) == _files(EXAMPLE)


def test_audit_golden() -> None:
    r = kommarch("audit", "inventories/faelles-kommune", "--as-of", AS_OF, "--lang", "en")
    assert r.stderr == ""
    assert r.returncode == 1  # KM405 fires: hosted, personal data, no agreement
    golden("../examples/faelles-kommune.en.txt", r.stdout)
    assert "KM406" in r.stdout
