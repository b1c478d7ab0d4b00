"""The rule registry: one explicit table of every audit rule, in code order.

Each family module exports ``RULES``, a tuple of rule classes. Tests guard the table: codes are
unique, every rule is registered, docs/rules.md matches what is generated from it.
"""

from __future__ import annotations

from kommarch.rules import data, governance, infrastructure, integration, journeys, kle, waivers
from kommarch.rules.base import AuditContext, Principle, ReportSection, Rule

_FAMILIES = (data, integration, infrastructure, kle, governance, journeys, waivers)


def _registry() -> dict[str, Rule]:
    table: dict[str, Rule] = {}
    for family in _FAMILIES:
        for cls in family.RULES:
            if cls.code in table:
                raise RuntimeError(f"rule code {cls.code} registered twice")
            table[cls.code] = cls()
    return dict(sorted(table.items()))


REGISTRY: dict[str, Rule] = _registry()

__all__ = ["REGISTRY", "AuditContext", "Principle", "ReportSection", "Rule"]
