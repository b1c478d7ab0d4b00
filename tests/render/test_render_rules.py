"""The rule catalogue: text, json, markdown, explain, and the committed docs/rules.md."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

import kommarch.rules
from kommarch.findings import Lang
from kommarch.inventory.codes import VALIDATION_RULES
from kommarch.render.meta import UnknownRuleError, catalogue
from kommarch.render.rules import (
    explain_text,
    known_codes,
    rules_doc,
    rules_json,
    rules_markdown,
    rules_text,
)
from kommarch.rules.base import Rule

DOCS = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
Golden = Callable[[str, str], None]


@pytest.mark.parametrize("lang", ["en", "da"])
def test_rules_text_golden(fake_registry: dict[str, Rule], golden: Golden, lang: Lang) -> None:
    golden(f"rules-{lang}.txt", rules_text(lang))


def test_rules_json_golden(fake_registry: dict[str, Rule], golden: Golden) -> None:
    out = rules_json()
    golden("rules.json", out)
    doc = json.loads(out)
    assert [r["code"] for r in doc["rules"]] == known_codes()
    assert doc["rules"][8]["principle"] == {
        "number": 7,
        "da": "It-løsninger samarbejder effektivt",
        "en": "IT solutions interoperate efficiently",
    }
    assert doc["rules"][0]["principle"] is None


@pytest.mark.parametrize("lang", ["en", "da"])
def test_rules_markdown_golden(fake_registry: dict[str, Rule], golden: Golden, lang: Lang) -> None:
    out = rules_markdown(lang)
    golden(f"rules-{lang}.md", out)
    # a pipe in a rule text cannot break the overview table
    row = next(line for line in out.splitlines() if line.startswith("| [KM201]"))
    assert row.count(" | ") == 5


@pytest.mark.parametrize(
    ("key", "lang"),
    [("KM201", "en"), ("km201", "da"), ("KM003", "da"), ("missing-integration", "en")],
)
def test_explain_golden(
    fake_registry: dict[str, Rule], golden: Golden, key: str, lang: Lang
) -> None:
    code = "KM201" if key.lower() in ("km201", "missing-integration") else key
    golden(f"explain-{code}-{lang}.txt", explain_text(key, lang))


def test_explain_unknown_suggests(fake_registry: dict[str, Rule]) -> None:
    with pytest.raises(UnknownRuleError, match=r"unknown rule 'KM2O1'; did you mean KM201"):
        explain_text("KM2O1", "en")


def test_known_codes(fake_registry: dict[str, Rule]) -> None:
    assert known_codes() == [
        "KM001",
        "KM002",
        "KM003",
        "KM004",
        "KM005",
        "KM006",
        "KM101",
        "KM103",
        "KM201",
        "KM302",
        "KM401",
        "KM404",
        "KM501",
    ]


# --- the real registry ------------------------------------------------------------------


def test_catalogue_covers_every_registered_rule_and_validation_code() -> None:
    codes = [info.code for info in catalogue()]
    assert codes == [*VALIDATION_RULES, *sorted(kommarch.rules.REGISTRY)]
    assert len(set(codes)) == len(codes)


@pytest.mark.parametrize("lang", ["en", "da"])
def test_every_rule_explains_in_both_languages(lang: Lang) -> None:
    for code in known_codes():
        out = explain_text(code, lang)
        assert out.startswith(f"{code} ")
        assert out.endswith("\n")


def test_validation_codes_match_the_loader() -> None:
    """The names here are the names the loader gives KM001-KM006 findings."""
    from kommarch.inventory.yamlerrors import yaml_error

    for code, rule in VALIDATION_RULES.items():
        assert yaml_error(code, "m", "p", 1, 1).name == rule.name


def test_committed_docs_are_current() -> None:
    """docs/rules.md is generated: `python -m kommarch.render.rules > docs/rules.md`."""
    assert DOCS.read_bytes().decode("utf-8") == rules_doc(), (
        "docs/rules.md is stale: run `python -m kommarch.render.rules > docs/rules.md`"
    )
