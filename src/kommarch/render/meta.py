"""Rule metadata as renderers see it: the validation codes and the audit registry in one shape.

Read at call time (never cached), so a test can substitute ``kommarch.rules.REGISTRY``.
"""

from __future__ import annotations

import difflib

import kommarch.rules
from kommarch.findings import Lang, RuleMeta
from kommarch.inventory.codes import VALIDATION_RULES
from kommarch.rules.base import Principle

RuleInfo = RuleMeta  # what the renderers import; one shape for every code


class UnknownRuleError(LookupError):
    """No rule has that code or name; the message suggests the closest ones."""


def catalogue() -> tuple[RuleInfo, ...]:
    """KM001-KM006, then every registered audit rule, in code order."""
    audit = (rule.meta() for _, rule in sorted(kommarch.rules.REGISTRY.items()))
    return (*VALIDATION_RULES.values(), *audit)


def rule_index() -> dict[str, RuleInfo]:
    """The catalogue by code."""
    return {info.code: info for info in catalogue()}


def find_rule(key: str) -> RuleInfo:
    """The rule with code or name ``key`` (case-insensitive), or :class:`UnknownRuleError`."""
    wanted = key.strip().lower()
    infos = catalogue()
    for info in infos:
        if wanted in (info.code.lower(), info.name):
            return info
    candidates = [i.code for i in infos] + [i.name for i in infos]
    close = difflib.get_close_matches(key.strip(), candidates, n=3, cutoff=0.6)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownRuleError(f"unknown rule {key!r}{hint}")


def principle_label(principle: Principle, lang: Lang) -> str:
    """``"Principle 6: Good data are shared and reused"`` (Danish ``"Princip 6: …"``)."""
    word = "Princip" if lang == "da" else "Principle"
    return f"{word} {principle.value}: {principle.title.get(lang)}"
