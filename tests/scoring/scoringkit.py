"""Shared helpers for the scoring tests: load a fixture inventory, hand-made findings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kommarch.findings import Finding, Severity, Text
from kommarch.graph import build_graph
from kommarch.inventory.location import Location
from kommarch.inventory.models import Settings
from kommarch.pipeline import validate
from kommarch.rules import AuditContext

FIXTURES = Path(__file__).parents[1] / "fixtures" / "scoring"
AS_OF = dt.date(2026, 1, 31)
MUNICIPALITY = 'municipality: {name: Testkommune, code: "999"}\n'


def context(path: Path, as_of: dt.date = AS_OF, settings: Settings | None = None) -> AuditContext:
    """Validate the inventory at ``path`` (it must be valid) and build what scoring reads."""
    v = validate(path)
    assert [f"{f.rule} {f.location} {f.message.en}" for f in v.findings] == []
    inv = v.inventory
    return AuditContext(inv, build_graph(inv), settings or v.config.config.settings, as_of)


def fixture(name: str, as_of: dt.date = AS_OF, settings: Settings | None = None) -> AuditContext:
    """The context of ``tests/fixtures/scoring/<name>``."""
    return context(FIXTURES / name, as_of, settings)


def inline(
    tmp_path: Path, text: str, settings: Settings | None = None, as_of: dt.date = AS_OF
) -> AuditContext:
    """The context of a one-file inventory written to ``tmp_path`` (municipality added)."""
    path = tmp_path / "inventory.yaml"
    path.write_text(MUNICIPALITY + text, encoding="utf-8")
    return context(path, as_of, settings)


def finding(rule: str, *subjects: str) -> Finding:
    """A raw finding as a rule would report it (only rule and subjects matter to scoring)."""
    return Finding(
        rule, "test", Severity.ERROR, subjects, Text.same(rule), Location("inventory.yaml", 1, 1)
    )
