"""The benchmark's inventory generator: deterministic, realistic, and valid under the models.

No timing here: the benchmark itself (bench/bench.py) is a script, not a test.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from kommarch import pipeline
from kommarch.inventory.models import DataUse, SystemStatus

GENERATOR = Path(__file__).resolve().parents[1] / "bench" / "generate.py"


@pytest.fixture(scope="module")
def gen() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", GENERATOR)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def _tree(root: Path) -> dict[str, bytes]:
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_same_size_and_seed_give_the_same_bytes(gen: ModuleType, tmp_path: Path) -> None:
    a = gen.generate(tmp_path / "a", 120)
    b = gen.generate(tmp_path / "b", 120)
    assert _tree(a.root) == _tree(b.root)
    assert sorted(_tree(a.root)) == [
        "integrations/beskaeftigelse-0000.yaml",
        "integrations/boern-og-unge-0002.yaml",
        "integrations/social-0001.yaml",
        "municipality.yaml",
        "organisation.yaml",
        "processes.yaml",
        "systems/beskaeftigelse-0000.yaml",
        "systems/boern-og-unge-0002.yaml",
        "systems/infrastruktur.yaml",
        "systems/social-0001.yaml",
    ]
    assert (a.systems, a.files, a.bytes) == (121, 10, sum(map(len, _tree(a.root).values())))


def test_another_seed_gives_another_inventory(gen: ModuleType, tmp_path: Path) -> None:
    a = gen.generate(tmp_path / "a", 120, seed=1)
    b = gen.generate(tmp_path / "b", 120, seed=2)
    assert _tree(a.root)["municipality.yaml"] == _tree(b.root)["municipality.yaml"]
    assert _tree(a.root)["systems/social-0001.yaml"] != _tree(b.root)["systems/social-0001.yaml"]


def test_generated_inventory_has_no_validation_errors(gen: ModuleType, tmp_path: Path) -> None:
    g = gen.generate(tmp_path, 1000)
    v = pipeline.validate(tmp_path)
    assert [(f.rule, str(f.location), f.message.en) for f in v.findings] == []
    inv = v.inventory
    assert (len(inv.systems), len(inv.integrations)) == (g.systems, g.integrations)
    assert 2.8 * 1000 < g.integrations < 3.1 * 1000  # about 3 per system
    assert 0.9e6 < g.bytes < 1.4e6  # about 1 KB per system
    first = inv.systems["momentum-000000"]
    assert (first.model.name, first.path, first.loc.line) == (
        "Momentum – Beskæftigelse, område 0",
        "systems/beskaeftigelse-0000.yaml",
        11,
    )
    assert first.model.data["jobplan-0000"] is DataUse.MASTER
    feed = inv.integrations["momentum-000000-ky-000001"]
    assert (feed.model.via, feed.model.data, feed.loc.line) == (
        "integrationsplatform",
        ["jobplan-0000"],
        42,
    )
    assert inv.integrations["ky-000001-sdi"].model.service == "SF1470"
    assert sorted(inv.processes)[:2] == ["beskaeftigelse-0000", "sundhed-og-aeldre-0010"]
    statuses = {s.model.status for s in inv.systems.values()}
    assert statuses == set(SystemStatus)


def test_ensure_reuses_a_generation_and_refuses_foreign_folders(
    gen: ModuleType, tmp_path: Path
) -> None:
    root = tmp_path / "inv"
    first = gen.ensure(root, 60)
    marker = root / "systems" / "beskaeftigelse-0000.yaml"
    marker.write_text("changed", "utf-8")
    assert gen.ensure(root, 60) == first  # same stamp: reused as it is
    assert marker.read_text("utf-8") == "changed"
    assert gen.ensure(root, 61).systems == 62  # another size: written afresh
    assert marker.read_text("utf-8").startswith("# Syntetisk inventar")
    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me", "utf-8")
    with pytest.raises(FileExistsError):
        gen.ensure(foreign, 60)
    assert (foreign / "notes.txt").read_text("utf-8") == "keep me"


def test_command_line_writes_the_same_inventory_as_the_function(
    gen: ModuleType, tmp_path: Path
) -> None:
    import subprocess
    import sys

    out = tmp_path / "cli"
    r = subprocess.run(
        [sys.executable, str(GENERATOR), "--systems", "120", "--out", str(out), "--seed", "7"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    g = gen.generate(tmp_path / "fn", 120, seed=7)
    files = sorted(p.relative_to(out) for p in out.rglob("*.yaml"))
    assert files == sorted(p.relative_to(g.root) for p in g.root.rglob("*.yaml"))
    assert all((out / f).read_bytes() == (g.root / f).read_bytes() for f in files)
    assert r.stderr == (
        f"generate.py: wrote {g.files} files ({g.bytes:,} bytes) to {out}: "
        f"{g.systems:,} systems, {g.integrations:,} integrations\n"
    )
    again = subprocess.run(
        [sys.executable, str(GENERATOR), "--systems", "5", "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert again.returncode == 2
    assert f"--out {out} exists and is not an empty directory" in again.stderr
