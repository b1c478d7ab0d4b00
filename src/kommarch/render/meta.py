"""Rule metadata as renderers see it: the validation codes and the audit registry in one shape.

Read at call time (never cached), so a test can substitute ``kommarch.rules.REGISTRY``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import kommarch.rules
from kommarch.findings import Lang, Severity, Text
from kommarch.inventory.codes import GROUP, SUBJECTS, VALIDATION_RULES
from kommarch.rules.base import Principle, ReportSection


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """Everything documented about one code, KM001-KM006 or an audit rule."""

    code: str
    name: str
    severity: Severity
    principle: Principle | None  # None for the validation codes
    section: ReportSection  # where the gap report shows the findings
    group: Text
    subjects: Text
    summary: str
    title: Text
    rationale: Text
    remediation: Text
    failing_example: str
    passing_example: str


class UnknownRuleError(LookupError):
    """No rule has that code or name; the message suggests the closest ones."""


def catalogue() -> tuple[RuleInfo, ...]:
    """KM001-KM006, then every registered audit rule, in code order."""
    infos = [
        RuleInfo(
            code=v.code,
            name=v.name,
            severity=v.severity,
            principle=None,
            section=ReportSection.DATA_QUALITY,
            group=GROUP,
            subjects=SUBJECTS,
            summary=v.summary,
            title=v.title,
            rationale=v.rationale,
            remediation=v.remediation,
            failing_example=v.failing_example,
            passing_example=v.passing_example,
        )
        for v in VALIDATION_RULES.values()
    ]
    for code, rule in sorted(kommarch.rules.REGISTRY.items()):
        infos.append(
            RuleInfo(
                code=code,
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
        )
    return tuple(infos)


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
