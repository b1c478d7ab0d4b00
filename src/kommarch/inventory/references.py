"""Ids and references across the whole inventory: KM004 (duplicate ids), KM005 (unknown references).

Runs after every entry has been validated on its own. A reference to an entry that exists but
was invalid is not reported again (no cascades); when a file could not be parsed at all, an
unresolved reference says that file may define it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from kommarch.catalogue import Catalogue
from kommarch.findings import Finding, Text
from kommarch.inventory.location import Location
from kommarch.inventory.models import DataObject, Integration, OrgUnit, Process, System, SystemType
from kommarch.inventory.records import Entry, integration_id
from kommarch.inventory.schemaerrors import did_you_mean
from kommarch.inventory.yamlerrors import yaml_error

_KIND = {
    "organisation": "organisation unit",
    "systems": "system",
    "data_objects": "data object",
    "processes": "process",
    "integrations": "integration",
}
_AMONG_DA = {  # "dublet-id 'x' blandt ..."
    "organisation": "organisationsenhederne",
    "systems": "systemerne",
    "data_objects": "dataobjekterne",
    "processes": "processerne",
    "integrations": "integrationerne",
}
_WHAT_DA = {
    "organisation unit": "organisationsenhed",
    "system": "system",
    "data object": "dataobjekt",
    "channel": "kanal",
}
_CATALOGUE_SYSTEM = Text(
    "et indbygget katalogsystem (det skal ikke erklæres)",
    "a built-in catalogue system (it needs no declaration)",
)
_CATALOGUE_OBJECT = Text("et indbygget dataobjekt", "a built-in data object")
_NO_RESERVED = Text("", "")


def _error(rule: str, message: Text, loc: Location, subject: str | None) -> Finding:
    return yaml_error(rule, message, loc.path, loc.line, loc.column, subject)


def _merge(
    section: str,
    entries: list[Entry[Any]],
    ident: Any,
    reserved: Iterable[str],
    reserved_what: Text,
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
                    Text(
                        f"'{key}' er {reserved_what.da}: vælg et andet id",
                        f"'{key}' is {reserved_what.en}: choose another id",
                    ),
                    e.value_loc("id"),
                    key,
                )
            )
            continue
        first = out.get(key)
        if first is not None:
            what = _KIND[section]
            extra = extra_da = ""
            if section == "integrations" and e.model.id is None:
                extra = f"; two integrations between the same pair need explicit ids (id: {key}-2)"
                extra_da = (
                    "; to integrationer mellem samme par systemer skal have eksplicitte id'er "
                    f"(id: {key}-2)"
                )
            errors.append(
                _error(
                    "KM004",
                    Text(
                        f"dublet-id '{key}' blandt {_AMONG_DA[section]} (første gang i "
                        f"{first.loc}){extra_da}",
                        f"duplicate {what} id '{key}' (first at {first.loc}){extra}",
                    ),
                    e.value_loc("id") if "id" in e.node else e.loc,
                    key,
                )
            )
            continue
        out[key] = e
    return out


@dataclass(slots=True)
class Merged:
    """The sections merged by id across files, the former ids, and the KM002/KM004/KM005
    findings; :func:`kommarch.inventory.merge.build_inventory` assembles the inventory from it."""

    catalogue: Catalogue
    invalid_ids: dict[str, set[str]]
    unusable_files: list[str]
    units: dict[str, Entry[OrgUnit]] = field(default_factory=dict)
    systems: dict[str, Entry[System]] = field(default_factory=dict)
    integrations: dict[str, Entry[Integration]] = field(default_factory=dict)
    data_objects: dict[str, Entry[DataObject]] = field(default_factory=dict)
    processes: dict[str, Entry[Process]] = field(default_factory=dict)
    previous_ids: dict[str, str] = field(default_factory=dict)
    errors: list[Finding] = field(default_factory=list)


class _Refs:
    """Resolves references and reports the unknown ones once each."""

    def __init__(self, inv: Merged, errors: list[Finding]) -> None:
        self.inv = inv
        self.errors = errors
        self.note = Text("", "")
        if inv.unusable_files:
            files = ", ".join(inv.unusable_files)
            self.note = Text(
                f" ({'filerne' if len(inv.unusable_files) > 1 else 'filen'} {files} kunne ikke "
                "læses; id'et kan være defineret dér)",
                " (the file " + files + " could not be read and may define it)",
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
        hint = did_you_mean(ref, known)
        renamed = self.inv.previous_ids.get(ref)
        if what == "system" and renamed is not None:
            hint = Text(f"; det er omdøbt til '{renamed}'", f"; it was renamed to '{renamed}'")
        note = self.note
        message = Text(
            f"ukendt {_WHAT_DA[what]} '{ref}'{hint.da}{note.da}",
            f"unknown {what} '{ref}'{hint.en}{note.en}",
        )
        self.errors.append(_error("KM005", message, loc, subject))

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


def merge_and_check(
    raw: dict[str, list[Entry[Any]]],
    cat: Catalogue,
    invalid_ids: dict[str, set[str]],
    unusable_files: list[str],
) -> Merged:
    """Merge the validated entries by id and report KM002/KM004/KM005 across files.

    ``invalid_ids`` are ids of entries that failed validation (never reported again as unknown);
    ``unusable_files`` could not be parsed (an unknown id may be defined there).
    """
    inv = Merged(cat, invalid_ids, unusable_files)
    errors = inv.errors
    inv.units = _merge(
        "organisation", raw["organisation"], lambda m: m.id, (), _NO_RESERVED, errors
    )
    inv.systems = _merge(
        "systems",
        raw["systems"],
        lambda m: m.id,
        cat.systems,
        _CATALOGUE_SYSTEM,
        errors,
    )
    inv.data_objects = _merge(
        "data_objects",
        raw["data_objects"],
        lambda m: m.id,
        cat.objects,
        _CATALOGUE_OBJECT,
        errors,
    )
    inv.processes = _merge("processes", raw["processes"], lambda m: m.id, (), _NO_RESERVED, errors)
    inv.integrations = _merge(
        "integrations", raw["integrations"], integration_id, (), _NO_RESERVED, errors
    )
    _previous_ids(inv, errors)
    _kitos_keys(inv, errors)
    refs = _Refs(inv, errors)
    for uid, u in inv.units.items():
        _check_unit(refs, uid, u)
    for sid, s in inv.systems.items():
        _check_system(refs, sid, s)
    for iid, i in inv.integrations.items():
        _check_integration(refs, inv, iid, i)
    for pid, p in inv.processes.items():
        _check_process(refs, pid, p)
    return inv


def _previous_ids(inv: Merged, errors: list[Finding]) -> None:
    for sid, s in inv.systems.items():
        system: System = s.model
        for i, old in enumerate(system.previous_ids):
            if old in inv.systems or old in inv.catalogue.systems:
                errors.append(
                    _error(
                        "KM004",
                        Text(
                            f"det tidligere id '{old}' er id for et nuværende system",
                            f"previous id '{old}' is the id of a current system",
                        ),
                        s.value_loc("previous_ids", i),
                        sid,
                    )
                )
            elif old in inv.previous_ids and inv.previous_ids[old] != sid:
                errors.append(
                    _error(
                        "KM004",
                        Text(
                            f"det tidligere id '{old}' er også angivet af "
                            f"'{inv.previous_ids[old]}'",
                            f"previous id '{old}' is also claimed by '{inv.previous_ids[old]}'",
                        ),
                        s.value_loc("previous_ids", i),
                        sid,
                    )
                )
            else:
                inv.previous_ids[old] = sid


def _kitos_keys(inv: Merged, errors: list[Finding]) -> None:
    """KM004: two entries of a section carrying the same KITOS UUID (``kitos.usage`` etc.)."""
    sections: tuple[tuple[str, dict[str, Entry[Any]], str], ...] = (
        ("organisation", inv.units, "unit"),
        ("systems", inv.systems, "usage"),
        ("integrations", inv.integrations, "relation"),
    )
    for section, entries, key in sections:
        seen: dict[str, Entry[Any]] = {}
        for ident, e in entries.items():
            kitos = e.model.kitos
            if kitos is None:
                continue
            uuid = str(getattr(kitos, key)).lower()
            first = seen.setdefault(uuid, e)
            if first is e:
                continue
            errors.append(
                _error(
                    "KM004",
                    Text(
                        f"KITOS-nøglen {key} {uuid} står også på en anden post blandt "
                        f"{_AMONG_DA[section]} (første gang i {first.loc}); hver KITOS-genstand "
                        "må kun have én post",
                        f"the KITOS key {key} {uuid} is also on another {_KIND[section]} (first "
                        f"at {first.loc}); each KITOS object may have one entry only",
                    ),
                    e.value_loc("kitos", key),
                    ident,
                )
            )


def _check_unit(refs: _Refs, uid: str, u: Entry[OrgUnit]) -> None:
    refs.unit(u.model.parent, u, uid, "parent")


def _check_system(refs: _Refs, sid: str, s: Entry[System]) -> None:
    m = s.model
    refs.unit(m.unit, s, sid, "unit")
    if m.replaces not in refs.inv.previous_ids:  # a predecessor may be named by a former id
        refs.system(m.replaces, s, sid, "replaces")
    for oid in m.data:
        if oid not in refs.objects:  # locations are built for the unknown ones only
            refs.obj(oid, s.key_loc("data", oid), sid)


def _check_integration(refs: _Refs, inv: Merged, iid: str, i: Entry[Integration]) -> None:
    m = i.model
    refs.system(m.from_, i, iid, "from")
    if refs.system(m.to, i, iid, "to") and m.to == m.from_:
        errors = refs.errors
        errors.append(
            _error(
                "KM002",
                Text(
                    f"'from' og 'to' er begge '{m.to}': en integration forbinder to forskellige "
                    "systemer",
                    f"'from' and 'to' are both '{m.to}': an integration connects two different "
                    "systems",
                ),
                i.value_loc("to"),
                iid,
            )
        )
    for n, oid in enumerate(m.data):
        if oid not in refs.objects:
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
                    Text(
                        f"via '{via}' er ikke en kanal: brug serviceplatformen, datafordeleren, "
                        "beskedfordeler, fordelingskomponent, direct eller en "
                        "integrationsplatform",
                        f"via '{via}' is not a channel: use serviceplatformen, datafordeleren, "
                        "beskedfordeler, fordelingskomponent, direct or an integration platform",
                    ),
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
                    Text(
                        f"via '{via}' er et system af typen {local.model.type.value}; kun et "
                        "system af typen integration-platform (eller en kanal fra kataloget) "
                        "kan være kanal",
                        f"via '{via}' names a system of type {local.model.type.value}; only "
                        "an integration-platform system (or a catalogue channel) can be a channel",
                    ),
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
            if oid not in refs.objects:
                refs.obj(oid, p.value_loc("steps", n, "data", k), pid)


__all__ = ["Merged", "merge_and_check"]
