"""Findings that follow only from an invalid entry are not reported a second time (section 13).

Validation already reported the entry; an audit finding caused by nothing but that error would
say the same thing again, usually less clearly. Each rule says which of its findings can be such
a repetition (``Rule.cascade``, :class:`kommarch.rules.base.Cascade`); left out are:

- with every kind but ``NONE`` (the data, integration, infrastructure and journey rules,
  KM1xx-KM3xx and KM5xx), a finding that names an id that does not exist (a misspelt data
  object or system, reported as KM005);
- ``CONSUMER`` (KM201/KM202): a finding on a system that an integration which failed
  validation was meant to feed (the integration was left out, so the delivery looks missing);
  ``END`` (KM205, isolated): one on either end of such an integration;
- ``INTEGRATION`` (the rules that read an integration's ends, objects or channel: KM206, KM207,
  KM301, KM308): a finding on an integration that has a validation error (a misspelt ``via`` or
  ``from``).
"""

from __future__ import annotations

from kommarch.findings import Finding
from kommarch.inventory.merge import Inventory
from kommarch.rules import REGISTRY
from kommarch.rules.base import Cascade


def _known(inv: Inventory, ident: str) -> bool:
    return (
        inv.is_system(ident)
        or inv.is_object(ident)
        or ident in inv.integrations
        or ident in inv.processes
    )


def _cascade(f: Finding, inv: Inventory, tainted: set[str]) -> bool:
    kind = REGISTRY[f.rule].cascade
    if kind is Cascade.NONE:
        return False
    if not all(_known(inv, s) for s in f.subjects):
        return True
    if kind is Cascade.CONSUMER:
        return f.subjects[0] in inv.invalid_consumers
    if kind is Cascade.END:
        return f.subjects[0] in inv.invalid_ends
    return kind is Cascade.INTEGRATION and f.subjects[0] in tainted


def without_cascades(raw: list[Finding], inv: Inventory, errors: list[Finding]) -> list[Finding]:
    """``raw`` without the findings that follow only from the validation ``errors``."""
    if not errors:
        return raw
    tainted = {f.subjects[0] for f in errors if f.subjects}
    return [f for f in raw if not _cascade(f, inv, tainted)]
