"""The architecture holds: the import-linter contracts of pyproject.toml, and no import cycle.

docs/architecture.md draws the layers; ``[tool.importlinter]`` states them; this test keeps
both true. A broken contract prints the offending import chain.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import grimp
import networkx as nx
import pytest
from importlinter.cli import lint_imports

ROOT = Path(__file__).parent.parent


def test_import_linter_contracts_hold(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(ROOT)
    status = lint_imports(config_filename=str(ROOT / "pyproject.toml"), no_cache=True, no_logo=True)
    out = capsys.readouterr().out
    assert status == 0, out
    assert "Contracts: 3 kept, 0 broken." in out


def _import_graph() -> nx.DiGraph[str]:
    imports = grimp.build_graph("kommarch", cache_dir=None)
    g: nx.DiGraph[str] = nx.DiGraph()
    for module in sorted(imports.modules):
        g.add_node(module)
        for imported in imports.find_modules_directly_imported_by(module):
            g.add_edge(module, imported)
    return g


def test_no_import_cycle_among_kommarch_modules() -> None:
    g = _import_graph()
    assert len(g) > 50  # every module was found
    cycles = sorted(sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1)
    assert cycles == []


def test_the_cycle_check_sees_a_cycle() -> None:
    g = _import_graph()
    g.add_edge("kommarch.inventory.references", "kommarch.inventory.merge")  # the old cycle
    cycles = [sorted(c) for c in nx.strongly_connected_components(g) if len(c) > 1]
    assert cycles == [["kommarch.inventory.merge", "kommarch.inventory.references"]]


def test_the_architecture_page_draws_every_layer() -> None:
    """docs/architecture.md names every module of the layers contract."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    layers = next(c["layers"] for c in contracts if c["id"] == "layers")
    modules = [m.strip() for layer in layers for m in layer.split("|")]
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    missing = [m for m in modules if m.rsplit(".", 1)[-1] not in page]
    assert len(modules) > 15
    assert missing == []
