"""Ids and references across the whole inventory: KM004 (duplicate ids), KM005 (unknown references).

Runs after every entry has been validated on its own. A reference to an entry that exists but
was invalid is not reported again (no cascades); when a file could not be parsed at all, an
unresolved reference says that file may define it.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from kommarch.findings import Finding
from kommarch.inventory import Entry, Inventory, integration_id
from kommarch.loader import yaml_error
from kommarch.location import Location
from kommarch.models import DataObject, Integration, OrgUnit, Process, System, SystemType
from kommarch.schemaerrors import suggest

_KIND = {
    "organisation": "organisation unit",
    "systems": "system",
    "data_objects": "data object",
    "processes": "process",
    "integrations": "integration",
}


def _error(rule: str, message: str, loc: Location, subject: str | None) -> Finding:
    return yaml_error(rule, message, loc.path, loc.line, loc.column, subject)


def _merge(
    section: str,
    entries: list[Entry[Any]],
    ident: Any,
    reserved: Iterable[str],
    reserved_what: str,
    errors: list[Finding],
) -> dict[str, Entry[Any]]:
    out: dict[str, Entry[Any]] = {}
    reserved_set = set(reserved)
    for e in entries:
        key = ident(e.model)
        if key in reserved_set:
            errors.append(
                _error(
                    "KM004",
                    f"'{key}' is {reserved_what}: choose another id",
                    e.value_loc("id"),
                    key,
                )
            )
            continue
        first = out.get(key)
        if first is not None:
            what = _KIND[section]
            extra = ""
            if section == "integrations" and e.model.id is None:
                extra = f"; two integrations between the same pair need explicit ids (id: {key}-2)"
            errors.append(
                _error(
                    "KM004",
                    f"duplicate {what} id '{key}' (first at {first.loc}){extra}",
                    e.value_loc("id") if "id" in e.node else e.loc,
                    key,
                )
            )
            continue
        out[key] = e
    return out


class _Refs:
    """Resolves references and reports the unknown ones once each."""

    def __init__(self, inv: Inventory, errors: list[Finding]) -> None:
        self.inv = inv
        self.errors = errors
        self.note = ""
        if inv.unusable_files:
            self.note = (
                " (the file "
                + ", ".join(inv.unusable_files)
                + " could not be read and may define it)"
            )
        self.units = set(inv.units) | inv.invalid_ids.get("organisation", set())
        self.systems = (
            set(inv.systems) | set(inv.catalogue.systems) | inv.invalid_ids.get("systems", set())
        )
        self.objects = (
            set(inv.data_objects)
            | set(inv.catalogue.objects)
            | inv.invalid_ids.get("data_objects", set())
        )

    def _unknown(
        self, what: str, ref: str, known: Iterable[str], loc: Location, subject: str | None
    ) -> None:
        hint = suggest(ref, known)
        renamed = self.inv.previous_ids.get(ref)
        if what == "system" and renamed is not None:
            hint = f"; it was renamed to '{renamed}'"
        self.errors.append(
            _error("KM005", f"unknown {what} '{ref}'{hint}{self.note}", loc, subject)
        )

    def unit(self, ref: str | None, e: Entry[Any], subject: str | None, *keys: Any) -> None:
        if ref is not None and ref not in self.units:
            self._unknown("organisation unit", ref, self.units, e.value_loc(*keys), subject)

    def system(self, ref: str | None, e: Entry[Any], subject: str | None, *keys: Any) -> bool:
        if ref is None or ref in self.systems:
            return True
        self._unknown("system", ref, self.systems, e.value_loc(*keys), subject)
        return False

    def obj(self, ref: str, loc: Location, subject: str | None) -> None:
        if ref not in self.objects:
            self._unknown("data object", ref, self.objects, loc, subject)


def merge_and_check(inv: Inventory, raw: dict[str, list[Entry[Any]]]) -> list[Finding]:
    """Fill ``inv`` from the validated entries and report KM002/KM004/KM005 across files."""
    errors: list[Finding] = []
    cat = inv.catalogue
    inv.units = _merge("organisation", raw["organisation"], lambda m: m.id, (), "", errors)
    inv.systems = _merge(
        "systems",
        raw["systems"],
        lambda m: m.id,
        cat.systems,
        "a built-in catalogue system (it needs no declaration)",
        errors,
    )
    inv.data_objects = _merge(
        "data_objects",
        raw["data_objects"],
        lambda m: m.id,
        cat.objects,
        "a built-in data object",
        errors,
    )
    inv.processes = _merge("processes", raw["processes"], lambda m: m.id, (), "", errors)
    inv.integrations = _merge("integrations", raw["integrations"], integration_id, (), "", errors)
    _previous_ids(inv, errors)
    refs = _Refs(inv, errors)
    for uid, u in inv.units.items():
        _check_unit(refs, uid, u)
    for sid, s in inv.systems.items():
        _check_system(refs, sid, s)
    for iid, i in inv.integrations.items():
        _check_integration(refs, inv, iid, i)
    for pid, p in inv.processes.items():
        _check_process(refs, pid, p)
    return errors


def _previous_ids(inv: Inventory, errors: list[Finding]) -> None:
    for sid, s in inv.systems.items():
        system: System = s.model
        for i, old in enumerate(system.previous_ids):
            if old in inv.systems or old in inv.catalogue.systems:
                errors.append(
                    _error(
                        "KM004",
                        f"previous id '{old}' is the id of a current system",
                        s.value_loc("previous_ids", i),
                        sid,
                    )
                )
            elif old in inv.previous_ids and inv.previous_ids[old] != sid:
                errors.append(
                    _error(
                        "KM004",
                        f"previous id '{old}' is also claimed by '{inv.previous_ids[old]}'",
                        s.value_loc("previous_ids", i),
                        sid,
                    )
                )
            else:
                inv.previous_ids[old] = sid


def _check_unit(refs: _Refs, uid: str, u: Entry[OrgUnit]) -> None:
    refs.unit(u.model.parent, u, uid, "parent")


def _check_system(refs: _Refs, sid: str, s: Entry[System]) -> None:
    m = s.model
    refs.unit(m.unit, s, sid, "unit")
    if m.replaces not in refs.inv.previous_ids:  # a predecessor may be named by a former id
        refs.system(m.replaces, s, sid, "replaces")
    for oid in m.data:
        refs.obj(oid, s.key_loc("data", oid), sid)


def _check_integration(refs: _Refs, inv: Inventory, iid: str, i: Entry[Integration]) -> None:
    m = i.model
    refs.system(m.from_, i, iid, "from")
    if refs.system(m.to, i, iid, "to") and m.to == m.from_:
        errors = refs.errors
        errors.append(
            _error(
                "KM002",
                f"'from' and 'to' are both '{m.to}': an integration connects two different systems",
                i.value_loc("to"),
                iid,
            )
        )
    for n, oid in enumerate(m.data):
        refs.obj(oid, i.value_loc("data", n), iid)
    via = m.via
    if via is None or via == "direct":
        return
    cat = inv.catalogue.systems.get(via)
    if cat is not None:
        if cat.kind.value != "channel":
            refs.errors.append(
                _error(
                    "KM002",
                    f"via '{via}' is not a channel: use serviceplatformen, datafordeleren, "
                    "beskedfordeler, fordelingskomponent, direct or an integration platform",
                    i.value_loc("via"),
                    iid,
                )
            )
        return
    local = inv.systems.get(via)
    if local is not None:
        if local.model.type is not SystemType.INTEGRATION_PLATFORM:
            refs.errors.append(
                _error(
                    "KM002",
                    f"via '{via}' names a system of type {local.model.type.value}; only "
                    "an integration-platform system (or a catalogue channel) can be a channel",
                    i.value_loc("via"),
                    iid,
                )
            )
        return
    if via in inv.invalid_ids.get("systems", set()):
        return
    channels = [c for c, s in inv.catalogue.systems.items() if s.kind.value == "channel"]
    platforms = [
        k for k, s in inv.systems.items() if s.model.type is SystemType.INTEGRATION_PLATFORM
    ]
    refs._unknown("channel", via, [*channels, *platforms, "direct"], i.value_loc("via"), iid)


def _check_process(refs: _Refs, pid: str, p: Entry[Process]) -> None:
    m = p.model
    refs.unit(m.unit, p, pid, "unit")
    for n, step in enumerate(m.steps):
        refs.system(step.system, p, pid, "steps", n, "system")
        for k, oid in enumerate(step.data):
            refs.obj(oid, p.value_loc("steps", n, "data", k), pid)


__all__ = ["DataObject", "merge_and_check"]
