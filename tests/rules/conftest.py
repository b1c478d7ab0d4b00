"""Shared helpers for rule tests: write an inventory, audit it, compare (code, subjects, place).

- the ``audit`` fixture writes ``{relative path: yaml text}`` (or one text) into a fresh folder
  below ``tmp_path`` (adding a municipality unless a file declares one), validates it (failing
  the test on any KM0xx finding unless allowed), builds the graph, runs the given rules (every
  registered rule when none is given) and returns the findings in report order as
  ``(code, subjects, "path:line:column")``; ``audit_context`` stops before the rules;
- ``future_catalogue`` reads the next inventories against the built-in catalogue with some
  services or objects changed (for branches today's catalogue does not reach);
- a test module that sets ``CASES = ("km1xx", ...)`` and takes a ``rule_case`` argument is run
  once per case in ``tests/fixtures/rules/km1xx/*.yaml`` (tests/rules/test_registry.py does).
  A case file is ``rule`` (the code run by default)
  and ``cases``: each with ``name``, ``files``, ``expect`` (``[code, [subjects], "path:line:col"]``)
  and optionally ``rules`` (codes to run instead), ``as_of`` and ``allow_validation`` (codes).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

from kommarch.catalogue import catalogue
from kommarch.findings import Finding, sort_findings
from kommarch.graph import build_graph
from kommarch.inventory import merge
from kommarch.pipeline import validate
from kommarch.rules import REGISTRY, AuditContext

AS_OF = dt.date(2026, 6, 1)
MUNICIPALITY = 'municipality: {name: Testkommune, code: "999"}\n'
CASES_ROOT = Path(__file__).parents[1] / "fixtures" / "rules"

Hit = tuple[str, tuple[str, ...], str]
Audit = Callable[..., list[Hit]]


def hit(f: Finding) -> Hit:
    """What a test compares: code, subjects and ``path:line:column``."""
    return (f.rule, f.subjects, str(f.location))


def write_inventory(root: Path, files: Mapping[str, str] | str) -> Path:
    """Write the files below ``root``; add ``municipality.yaml`` unless one declares it."""
    written = {"inventory.yaml": files} if isinstance(files, str) else dict(files)
    if not any(t.startswith("municipality:") or "\nmunicipality:" in t for t in written.values()):
        written = {"municipality.yaml": MUNICIPALITY, **written}
    for rel, text in written.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


def context(root: Path, as_of: dt.date = AS_OF, allow: Iterable[str] = ()) -> AuditContext:
    """Validate the inventory at ``root`` (no KM0xx findings but ``allow``) and index it."""
    v = validate(root)
    allowed = set(allow)
    unexpected = [
        f"{f.rule} {f.location} {f.message.en}" for f in v.findings if f.rule not in allowed
    ]
    assert unexpected == [], "the test inventory is invalid"
    return AuditContext(v.inventory, build_graph(v.inventory), v.config.config.settings, as_of)


def run_rules(ctx: AuditContext, codes: Iterable[str] = ()) -> list[Finding]:
    """The sorted, de-duplicated findings of ``codes`` (every registered rule when empty)."""
    rules = [REGISTRY[c] for c in codes] or list(REGISTRY.values())
    return sort_findings([f for rule in rules for f in rule.check(ctx)])


@pytest.fixture
def audit_context(tmp_path: Path) -> Callable[..., AuditContext]:
    """``audit_context(files, as_of=AS_OF, allow=())`` -> the context rules read, for tests
    that look at messages and related locations."""
    counter = itertools.count()

    def make(
        files: Mapping[str, str] | str, as_of: dt.date = AS_OF, allow: Iterable[str] = ()
    ) -> AuditContext:
        root = write_inventory(tmp_path / f"inventory-{next(counter)}", files)
        return context(root, as_of, allow)

    return make


@pytest.fixture
def future_catalogue(monkeypatch: pytest.MonkeyPatch) -> Callable[..., None]:
    """``future_catalogue(services={id: {field: value}}, objects=..., systems=...)``: the
    inventories written afterwards are read against the built-in catalogue with those fields
    changed, as a later catalogue may have them (a service closed before KOMBIT names its
    successor, a built-in object with one master, a renamed system)."""

    def change(
        services: Mapping[str, Mapping[str, Any]] = {},
        objects: Mapping[str, Mapping[str, Any]] = {},
        systems: Mapping[str, Mapping[str, Any]] = {},
    ) -> None:
        cat = catalogue()
        assert services.keys() <= cat.services.keys() and objects.keys() <= cat.objects.keys()
        assert systems.keys() <= cat.systems.keys()
        later = dataclasses.replace(
            cat,
            systems={
                k: dataclasses.replace(v, **systems.get(k, {})) for k, v in cat.systems.items()
            },
            services={
                k: dataclasses.replace(v, **services.get(k, {})) for k, v in cat.services.items()
            },
            objects={
                k: dataclasses.replace(v, **objects.get(k, {})) for k, v in cat.objects.items()
            },
        )
        monkeypatch.setattr(merge, "catalogue", lambda: later)

    return change


@pytest.fixture
def audit(audit_context: Callable[..., AuditContext]) -> Audit:
    """``audit(files, *codes, as_of=AS_OF, allow=())`` -> hits in report order."""

    def run(
        files: Mapping[str, str] | str,
        *codes: str,
        as_of: dt.date = AS_OF,
        allow: Iterable[str] = (),
    ) -> list[Hit]:
        return [hit(f) for f in run_rules(audit_context(files, as_of, allow), codes)]

    return run


@dataclass(frozen=True)
class RuleCase:
    """One table-driven case of a case file."""

    name: str
    codes: tuple[str, ...]
    files: dict[str, str]
    expect: list[Hit]
    as_of: dt.date
    allow: tuple[str, ...]

    def run(self, audit: Audit) -> list[Hit]:
        """Audit the case's inventory with its rules; the hits sorted like :attr:`expect`."""
        return sorted(audit(self.files, *self.codes, as_of=self.as_of, allow=self.allow))


def load_cases(family: str) -> list[RuleCase]:
    """Every case of ``tests/fixtures/rules/<family>/*.yaml``, in file order."""
    out: list[RuleCase] = []
    for path in sorted((CASES_ROOT / family).glob("*.yaml")):
        doc: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
        for case in doc["cases"]:
            out.append(
                RuleCase(
                    name=f"{path.stem}: {case['name']}",
                    codes=tuple(case.get("rules", [doc["rule"]])),
                    files=case["files"],
                    expect=sorted((c, tuple(s), at) for c, s, at in case["expect"]),
                    as_of=case.get("as_of", doc.get("as_of", AS_OF)),
                    allow=tuple(case.get("allow_validation", ())),
                )
            )
    return out


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize ``rule_case`` from the case files of the module's ``CASES`` families."""
    if "rule_case" in metafunc.fixturenames:
        families = metafunc.module.CASES
        cases = [c for family in families for c in load_cases(family)]
        assert cases, f"no case files for {families}"
        metafunc.parametrize("rule_case", cases, ids=[c.name for c in cases])
