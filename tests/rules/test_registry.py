"""The rule registry as a whole: exactly the contract's rules, complete metadata, examples and
the table-driven cases of every family (tests/fixtures/rules/<family>/*.yaml)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
import yaml
from tests.rules.conftest import CASES_ROOT

import kommarch.rules
from kommarch.findings import Finding, RuleMeta, Severity
from kommarch.rules import REGISTRY, AuditContext, Rule, _registry
from kommarch.rules.base import ReportSection
from kommarch.rules.governance import NoOwner

ROOT = Path(__file__).parents[2]
DOCS = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")

CASES = ("km1xx", "km2xx", "km3xx", "km4xx", "km5xx")

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO
CONTRACT = {  # section 4: code -> (name, default severity)
    "KM101": ("register-data-keyed-in", E),
    "KM102": ("duplicate-entry", W),
    "KM103": ("multiple-masters", E),
    "KM104": ("no-master", W),
    "KM105": ("register-data-mastered-locally", E),
    "KM201": ("missing-integration", E),
    "KM202": ("broken-data-chain", E),
    "KM203": ("manual-integration", W),
    "KM204": ("retired-endpoint", E),
    "KM205": ("isolated-system", W),
    "KM206": ("provider-lacks-data", E),
    "KM207": ("undeclared-delivery", N),
    "KM301": ("register-data-from-copy", W),
    "KM302": ("case-index-missing", E),
    "KM303": ("benefit-index-missing", E),
    "KM304": ("local-organisation-data", W),
    "KM305": ("local-classification", W),
    "KM306": ("letters-outside-digital-post", E),
    "KM307": ("local-authentication", W),
    "KM308": ("point-to-point-events", N),
    "KM309": ("closed-service", E),
    "KM310": ("phasing-out-service", W),
    "KM311": ("unknown-kle-number", N),
    "KM401": ("no-owner", W),
    "KM402": ("contract-expiring", W),
    "KM403": ("past-retirement", W),
    "KM404": ("vendor-concentration", N),
    "KM405": ("personal-data-without-dpa", E),
    "KM406": ("kitos-data-map-empty", N),  # kitos-import.md section 7
    "KM501": ("repeated-lookup", W),
    "KM502": ("re-keying", W),
    "KM503": ("process-data-mismatch", N),
    "KM901": ("waiver-expired", E),
    "KM902": ("waiver-unused", N),
}
PRINCIPLE_BY_FAMILY = {
    "KM1": {6},
    "KM2": {7},
    "KM3": {2, 3, 4, 6, 7, 8},
    "KM4": {1, 2, 4},
    "KM5": {5},
    "KM9": {1},
}


def test_registry_holds_exactly_the_contract_rules() -> None:
    assert {code: (r.name, r.severity) for code, r in REGISTRY.items()} == CONTRACT
    assert list(REGISTRY) == sorted(CONTRACT)


@pytest.mark.parametrize("code", sorted(CONTRACT))
def test_metadata_is_complete(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.code == code
    assert rule.summary()
    assert rule.principle.value in PRINCIPLE_BY_FAMILY[code[:3]]
    assert rule.subjects.da and rule.subjects.en  # "system" reads the same in both
    for text in (rule.group, rule.title, rule.rationale, rule.remediation):
        assert text.da and text.en and text.da != text.en
    assert rule.failing_example.strip() and rule.passing_example.strip()


@pytest.mark.parametrize("code", [c for c in sorted(CONTRACT) if not c.startswith("KM9")])
def test_failing_example_fires_and_passing_example_does_not(code: str, audit: Any) -> None:
    # KM9xx examples are kommarch.yaml snippets: tests/rules/test_km9xx.py runs them
    rule = REGISTRY[code]
    assert [h[0] for h in audit(rule.failing_example, code)][:1] == [code]
    assert audit(rule.passing_example, code) == []


def test_rule_case(rule_case: Any, audit: Any) -> None:
    assert rule_case.run(audit) == rule_case.expect


def _rule_classes() -> list[type[Rule]]:
    """Every concrete rule class defined in a module of kommarch.rules."""
    found: list[type[Rule]] = []
    for info in pkgutil.iter_modules(kommarch.rules.__path__):
        module = importlib.import_module(f"kommarch.rules.{info.name}")
        for obj in vars(module).values():
            if (
                inspect.isclass(obj)
                and issubclass(obj, Rule)
                and obj.__module__ == module.__name__
                and "code" in vars(obj)  # a shared base such as Obligation has none
            ):
                found.append(obj)
    return sorted(found, key=lambda c: c.code)


def _case_file_gaps(code: str, cases: list[dict[str, Any]], shown: str) -> list[str]:
    """What the cases of a case file lack to stand on their own (docs/testing.md): a case where
    an entry the rule skips comes before one it fires on, and a case on both sides of a
    boundary. ``shown`` is the file's path as the message names it."""
    out = []
    if not any(c["name"].startswith("skipped then firing") and c["expect"] for c in cases):
        out.append(
            f"{code}: no case named 'skipped then firing ...' that expects a finding in {shown} "
            "(an entry the rule skips before one it fires on)"
        )
    if not any(c["name"].startswith("boundary:") for c in cases):
        out.append(
            f"{code}: no case named 'boundary: ...' in {shown} (the rule's threshold on both sides)"
        )
    return out


def missing(cls: type[Rule]) -> list[str]:
    """What a rule lacks of the three places adding a rule touches, each said in one line."""
    code = cls.code
    out = []
    registered = REGISTRY.get(code)
    if registered is None or type(registered) is not cls:
        out.append(f"{code}: not registered: add {cls.__name__} to its family module's RULES")
    case = CASES_ROOT / f"km{code[2]}xx" / f"{code}.yaml"
    if not case.is_file():
        out.append(f"{code}: no case file: write {case.relative_to(ROOT)}")
    else:
        cases = yaml.safe_load(case.read_text(encoding="utf-8"))["cases"]
        out.extend(_case_file_gaps(code, cases, str(case.relative_to(ROOT))))
    if f'<a id="{code.lower()}"></a>{code} {cls.name}' not in DOCS:
        out.append(f"{code}: no docs line in docs/rules.md: run make docs")
    for attr in ("failing_example", "passing_example"):
        if not getattr(cls, attr, "").strip():
            out.append(f"{code}: no {attr}: set it on {cls.__name__}")
    if "section" not in vars(cls):
        out.append(
            f"{code}: no section: set `section = ReportSection...` on {cls.__name__} after "
            "`principle` (where the gap report shows its findings)"
        )
    if "feeds" not in vars(cls):
        out.append(
            f"{code}: no feeds: set `feeds = (...)` on {cls.__name__} after `severity` (the "
            "maturity indicators it feeds, () for none)"
        )
    if "cascade" not in vars(cls):
        out.append(
            f"{code}: no cascade: set `cascade = Cascade...` on {cls.__name__} after `feeds` "
            "(when a finding only repeats a validation error)"
        )
    return out


def test_every_rule_class_has_what_adding_a_rule_takes() -> None:
    classes = _rule_classes()
    assert [c.code for c in classes] == list(REGISTRY), "a rule class is missing or extra"
    assert [line for cls in classes for line in missing(cls)] == []


def test_the_registry_test_names_what_is_missing() -> None:
    class Forgotten(Rule):
        """A rule someone forgot to finish."""

        code = "KM399"
        name = "forgotten"
        severity = Severity.INFO
        failing_example = ""
        passing_example = "systems: []\n"

        def check(self, ctx: AuditContext) -> Iterable[Finding]:
            return ()

    assert missing(Forgotten) == [
        "KM399: not registered: add Forgotten to its family module's RULES",
        "KM399: no case file: write tests/fixtures/rules/km3xx/KM399.yaml",
        "KM399: no docs line in docs/rules.md: run make docs",
        "KM399: no failing_example: set it on Forgotten",
        "KM399: no section: set `section = ReportSection...` on Forgotten after `principle` "
        "(where the gap report shows its findings)",
        "KM399: no feeds: set `feeds = (...)` on Forgotten after `severity` (the maturity "
        "indicators it feeds, () for none)",
        "KM399: no cascade: set `cascade = Cascade...` on Forgotten after `feeds` (when a "
        "finding only repeats a validation error)",
    ]


def test_the_registry_test_names_what_a_case_file_lacks() -> None:
    weak: list[dict[str, Any]] = [
        {"name": "fires", "files": {}, "expect": [["KM399", [], "x.yaml:1:1"]]},
        {"name": "skipped then firing (but nothing fires)", "files": {}, "expect": []},
        {"name": "a boundary case not named so", "files": {}, "expect": []},
    ]
    assert _case_file_gaps("KM399", weak, "KM399.yaml") == [
        "KM399: no case named 'skipped then firing ...' that expects a finding in KM399.yaml "
        "(an entry the rule skips before one it fires on)",
        "KM399: no case named 'boundary: ...' in KM399.yaml (the rule's threshold on both sides)",
    ]
    weak[1]["expect"] = [["KM399", [], "x.yaml:2:1"]]
    weak[2]["name"] = "boundary: named so"
    assert _case_file_gaps("KM399", weak, "KM399.yaml") == []


@pytest.mark.parametrize("code", sorted(CONTRACT))
def test_meta_is_the_rules_metadata_in_the_shared_shape(code: str) -> None:
    rule = REGISTRY[code]
    assert rule.meta() == RuleMeta(
        code=rule.code,
        name=rule.name,
        severity=rule.severity,
        principle=rule.principle,
        section=rule.section,
        group=rule.group,
        subjects=rule.subjects,
        summary=rule.summary(),
        title=rule.title,
        rationale=rule.rationale,
        remediation=rule.remediation,
        failing_example=rule.failing_example,
        passing_example=rule.passing_example,
    )


def test_the_registry_is_built_from_the_families_in_code_order() -> None:
    built = _registry()
    assert list(built) == sorted(CONTRACT)
    assert all(type(r) is type(REGISTRY[c]) for c, r in built.items())


def test_a_code_registered_twice_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    twice = SimpleNamespace(RULES=(NoOwner, NoOwner))
    monkeypatch.setattr(kommarch.rules, "_FAMILIES", (twice,))
    with pytest.raises(RuntimeError, match=r"^rule code KM401 registered twice$"):
        _registry()


SECTION = {  # docs/report.md: where each rule's findings stand in the gap report
    **dict.fromkeys(("KM101", "KM102", "KM103", "KM104", "KM105"), "DUPLICATES"),
    **dict.fromkeys(("KM201", "KM202", "KM204", "KM206"), "INTEGRATIONS"),
    **dict.fromkeys(("KM207", "KM311", "KM406", "KM503", "KM902"), "DATA_QUALITY"),
}


@pytest.mark.parametrize("code", sorted(CONTRACT))
def test_every_rule_declares_its_report_section(code: str) -> None:
    cls = type(REGISTRY[code])
    assert "section" in vars(cls), f"{code} has no section"
    assert isinstance(cls.section, ReportSection)
    assert cls.section.name == SECTION.get(code, "PRINCIPLES")


def test_the_section_is_written_after_the_principle() -> None:
    for rule in REGISTRY.values():
        source = inspect.getsource(type(rule)).splitlines()
        at = next(i for i, line in enumerate(source) if line.strip().startswith("principle = "))
        assert source[at + 1].strip().startswith("section = ReportSection."), rule.code
