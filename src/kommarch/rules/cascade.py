"""Findings that follow only from an invalid entry are not reported a second time (section 13).

Validation already reported the entry; an audit finding caused by nothing but that error would
say the same thing again, usually less clearly. Left out:

- a finding of the data, integration, infrastructure or journey rules (KM1xx-KM3xx, KM5xx) that
  names an id that does not exist (a misspelt data object or system, reported as KM005);
- KM201/KM202 on a system that an integration which failed validation was meant to feed (the
  integration was left out, so the delivery looks missing), and KM205 (isolated) on either end
  of such an integration;
- the integration rules that read an integration's ends, objects or channel (KM206, KM207,
  KM301, KM308) on an integration that has a validation error (a misspelt ``via`` or ``from``).
"""

from __future__ import annotations

from kommarch.findings import Finding
from kommarch.inventory.merge import Inventory

_ID_RULES = ("KM1", "KM2", "KM3", "KM5")
_FEEDS = frozenset({"KM201", "KM202"})
_READS_INTEGRATION = frozenset({"KM206", "KM207", "KM301", "KM308"})


def _known(inv: Inventory, ident: str) -> bool:
    return (
        inv.is_system(ident)
        or inv.is_object(ident)
        or ident in inv.integrations
        or ident in inv.processes
    )


def _cascade(f: Finding, inv: Inventory, tainted: set[str]) -> bool:
    if not f.rule.startswith(_ID_RULES):
        return False
    if not all(_known(inv, s) for s in f.subjects):
        return True
    if f.rule in _FEEDS:
        return f.subjects[0] in inv.invalid_consumers
    if f.rule == "KM205":
        return f.subjects[0] in inv.invalid_ends
    return f.rule in _READS_INTEGRATION and f.subjects[0] in tainted


def without_cascades(raw: list[Finding], inv: Inventory, errors: list[Finding]) -> list[Finding]:
    """``raw`` without the findings that follow only from the validation ``errors``."""
    if not errors:
        return raw
    tainted = {f.subjects[0] for f in errors if f.subjects}
    return [f for f in raw if not _cascade(f, inv, tainted)]
