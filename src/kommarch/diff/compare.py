"""Compare two validated inventories and their findings. Pure: no I/O.

Renames: a system of the old version whose id the new version lists in some system's
``previous_ids`` (and whose new id did not exist before) is *renamed*, not removed and added.
Its fields and data flows are compared with the new system's; an integration whose default id
``<from>-<to>`` changed because an end was renamed is matched under its new id; and findings
of the old version are compared with their subjects translated to the new ids, so a rename by
itself introduces and resolves nothing. An old id claimed by a system that already existed (two
systems merged) is a removal.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from kommarch.diff.model import (
    DataFlowChange,
    FieldChange,
    IntegrationChange,
    IntegrationRef,
    Rename,
    SystemChange,
    SystemRef,
)
from kommarch.findings import Finding, fingerprint
from kommarch.inventory.merge import Entry, Inventory
from kommarch.inventory.models import Integration, System

_SYSTEM_SKIP = frozenset({"id", "previous_ids", "data"})  # identity, the rename itself, flows
_INTEGRATION_SKIP = frozenset({"id"})
_SYSTEM_REFS = frozenset({"replaces"})
_INTEGRATION_REFS = frozenset({"from_", "to"})
# Rules whose subjects after the first are a sorted list (KM103: the object, then its masters).
_SORTED_TAIL = frozenset({"KM103"})


def show(value: Any) -> str | None:
    """A field value as text: enums by value, dates ISO, lists joined, ``None`` when absent."""
    if value is None:
        return None
    if isinstance(value, enum.Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return ", ".join(str(show(v)) for v in value) or None
    return str(value)


def _field_changes(
    old: BaseModel,
    new: BaseModel,
    skip: frozenset[str],
    refs: frozenset[str],
    rename: Callable[[str], str],
) -> tuple[FieldChange, ...]:
    out: list[FieldChange] = []
    for name, info in type(new).model_fields.items():
        if name in skip:
            continue
        before, after = getattr(old, name), getattr(new, name)
        if name in refs and isinstance(before, str):
            before = rename(before)
        if name == "via":  # omitted means direct
            before, after = before or "direct", after or "direct"
        if before != after and show(before) != show(after):
            out.append(FieldChange(info.alias or name, show(before), show(after)))
    return tuple(out)


@dataclass(slots=True)
class InventoryChanges:
    """The inventory part of a diff, and the id translations the findings part needs."""

    systems_added: tuple[SystemRef, ...]
    systems_removed: tuple[SystemRef, ...]
    systems_renamed: tuple[Rename, ...]
    systems_changed: tuple[SystemChange, ...]
    integrations_added: tuple[IntegrationRef, ...]
    integrations_removed: tuple[IntegrationRef, ...]
    integrations_changed: tuple[IntegrationChange, ...]
    data_flows: tuple[DataFlowChange, ...]
    translate: dict[str, str]  # old system and integration ids -> new ids (renames only)


def _ref(e: Entry[System]) -> SystemRef:
    return SystemRef(e.model.id, e.model.name, e.model.status.value)


def _iref(iid: str, e: Entry[Integration]) -> IntegrationRef:
    m = e.model
    return IntegrationRef(iid, m.from_, m.to, tuple(m.data), m.status.value)


def renames(old: Inventory, new: Inventory) -> dict[str, str]:
    """Old id -> new id of every renamed system."""
    return {
        o: n
        for o, n in sorted(new.previous_ids.items())
        if o in old.systems and o not in new.systems and n not in old.systems
    }


def match_integrations(old: Inventory, new: Inventory, renamed: dict[str, str]) -> dict[str, str]:
    """Old integration id -> new id: the same id, else the default id with renamed ends."""
    match = {iid: iid for iid in old.integrations if iid in new.integrations}
    taken = set(match)
    for iid, e in old.integrations.items():
        m = e.model
        if iid in match or iid != f"{m.from_}-{m.to}":
            continue
        candidate = f"{renamed.get(m.from_, m.from_)}-{renamed.get(m.to, m.to)}"
        if candidate in new.integrations and candidate not in taken:
            match[iid] = candidate
            taken.add(candidate)
    return match


def compare_inventories(old: Inventory, new: Inventory) -> InventoryChanges:
    """Systems, integrations and data flows added, removed, renamed and changed."""
    renamed = renames(old, new)

    def rename(sid: str) -> str:
        return renamed.get(sid, sid)

    back = {n: o for o, n in renamed.items()}
    changed: list[SystemChange] = []
    for sid in sorted(new.systems):
        before = old.systems.get(back.get(sid, sid))
        if before is None:
            continue
        diffs = _field_changes(
            before.model, new.systems[sid].model, _SYSTEM_SKIP, _SYSTEM_REFS, rename
        )
        if diffs:
            changed.append(SystemChange(sid, new.systems[sid].model.name, back.get(sid), diffs))
    kept = {rename(sid) for sid in old.systems}
    match = match_integrations(old, new, renamed)
    matched = set(match.values())
    ichanged: list[IntegrationChange] = []
    for oid, nid in sorted(match.items(), key=lambda item: item[1]):
        m = new.integrations[nid].model
        diffs = _field_changes(
            old.integrations[oid].model, m, _INTEGRATION_SKIP, _INTEGRATION_REFS, rename
        )
        if diffs or oid != nid:
            ichanged.append(
                IntegrationChange(nid, None if oid == nid else oid, m.from_, m.to, diffs)
            )
    translate = {**{o: n for o, n in match.items() if o != n}, **renamed}
    return InventoryChanges(
        systems_added=tuple(_ref(new.systems[s]) for s in sorted(new.systems) if s not in kept),
        systems_removed=tuple(
            _ref(old.systems[s]) for s in sorted(old.systems) if rename(s) not in new.systems
        ),
        systems_renamed=tuple(Rename(o, n, new.systems[n].model.name) for o, n in renamed.items()),
        systems_changed=tuple(changed),
        integrations_added=tuple(
            _iref(i, new.integrations[i]) for i in sorted(new.integrations) if i not in matched
        ),
        integrations_removed=tuple(
            _iref(i, old.integrations[i]) for i in sorted(old.integrations) if i not in match
        ),
        integrations_changed=tuple(ichanged),
        data_flows=_data_flows(old, new, rename),
        translate=translate,
    )


def _data_flows(
    old: Inventory, new: Inventory, rename: Callable[[str], str]
) -> tuple[DataFlowChange, ...]:
    before = {
        (rename(sid), obj): use.value
        for sid, e in old.systems.items()
        for obj, use in e.model.data.items()
    }
    after = {
        (sid, obj): use.value for sid, e in new.systems.items() for obj, use in e.model.data.items()
    }
    return tuple(
        DataFlowChange(sid, obj, before.get((sid, obj)), after.get((sid, obj)))
        for sid, obj in sorted(before.keys() | after.keys())
        if before.get((sid, obj)) != after.get((sid, obj))
    )


def finding_key(f: Finding, translate: dict[str, str]) -> tuple[str, ...]:
    """What identifies a finding across versions: rule and translated subjects (the
    fingerprint); validation errors (KM0xx) also by message, as one entry can have several."""
    subjects = tuple(translate.get(s, s) for s in f.subjects)
    if f.rule in _SORTED_TAIL and subjects:
        subjects = (subjects[0], *sorted(subjects[1:]))
    if f.rule < "KM100":
        return (fingerprint(f.rule, subjects), f.message.en)
    return (fingerprint(f.rule, subjects),)


@dataclass(slots=True)
class FindingChanges:
    """Findings introduced, resolved, newly waived and no longer waived."""

    introduced: tuple[Finding, ...]
    resolved: tuple[Finding, ...]
    waived: tuple[Finding, ...]
    unwaived: tuple[Finding, ...]


def _by_key(
    findings: Iterable[Finding], translate: dict[str, str]
) -> dict[tuple[str, ...], Finding]:
    out: dict[tuple[str, ...], Finding] = {}
    for f in findings:
        out.setdefault(finding_key(f, translate), f)
    return out


def compare_findings(
    old: list[Finding], new: list[Finding], translate: dict[str, str]
) -> FindingChanges:
    """Match findings by :func:`finding_key`; keep each list's own (section 9) order."""
    before = _by_key(old, translate)
    after = _by_key(new, {})
    both = [(before[k], f) for k, f in after.items() if k in before]
    return FindingChanges(
        introduced=tuple(f for k, f in after.items() if k not in before),
        resolved=tuple(f for k, f in before.items() if k not in after),
        waived=tuple(n for o, n in both if n.waived and not o.waived),
        unwaived=tuple(n for o, n in both if o.waived and not n.waived),
    )
