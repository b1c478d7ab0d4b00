"""KITOS data -> the entries the inventory should hold (contract section 3), keyed by KITOS UUID.

Ids: an entry already in the inventory keeps its id; a new one gets the slug of its name, past
every id taken (a clash gets ``-2``, ``-3``, ... in UUID order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kommarch.kitos.data import KitosData
from kommarch.kitos.ids import IdAllocator
from kommarch.kitos.national import NationalComponents
from kommarch.kitos.relations import flow, frequency
from kommarch.kitos.systems import Lookups, lookups, system_fields
from kommarch.kitos.values import get, name_of, slug, uuid_of


@dataclass(frozen=True, slots=True)
class Existing:
    """What the inventory already holds: ids in use and the ids of entries with KITOS keys."""

    unit_ids: set[str] = field(default_factory=set)
    system_ids: set[str] = field(default_factory=set)
    integration_ids: set[str] = field(default_factory=set)
    units: dict[str, str] = field(default_factory=dict)
    systems: dict[str, str] = field(default_factory=dict)
    integrations: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Options:
    """The ``kitos`` section of kommarch.yaml, as the mapping needs it."""

    owner_roles: list[str] = field(default_factory=lambda: ["Systemejer"])
    catalogue: dict[str, str] = field(default_factory=dict)
    skip: frozenset[str] = frozenset()


@dataclass(slots=True)
class Item:
    """One entry the inventory should hold: its id, KITOS key and fields (None = absent)."""

    key: str
    id: str
    fields: dict[str, Any]


@dataclass(frozen=True, slots=True)
class Skipped:
    """A relation that is not written, and why."""

    relation: str
    source: str
    target: str
    reason: str


@dataclass(slots=True)
class Desired:
    """Everything KITOS says, in KITOS order."""

    units: list[Item] = field(default_factory=list)
    systems: list[Item] = field(default_factory=list)
    integrations: list[Item] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _allocate(
    keys: list[tuple[str, str]], known: dict[str, str], taken: set[str]
) -> dict[str, str]:
    """KITOS key -> id: the known id, else a new slug id allocated in key (UUID) order."""
    ids = {k: known[k] for k, _ in keys if k in known}
    alloc = IdAllocator(taken | set(ids.values()))
    for k, name in sorted(keys):
        if k not in ids:
            ids[k] = alloc.take(slug(name))
    return ids


def _units(data: KitosData, existing: Existing) -> list[Item]:
    units = [(u, x) for x in data.units if (u := uuid_of(x))]
    ids = _allocate([(u, name_of(x) or u) for u, x in units], existing.units, existing.unit_ids)
    return [
        Item(
            u,
            ids[u],
            {
                "name": name_of(x) or u,
                "parent": ids.get(uuid_of(get(x, "parentOrganizationUnit")) or ""),
                "kitos": {"unit": u},
            },
        )
        for u, x in units
    ]


def _ends(
    data: KitosData, existing: Existing, options: Options, reserved: set[str]
) -> tuple[dict[str, str], list[tuple[str, dict[str, Any]]]]:
    """Usage UUID -> system or catalogue id; the usages that become systems, in KITOS order."""
    national = NationalComponents(options.catalogue)
    ends: dict[str, str] = {}
    systems: list[tuple[str, dict[str, Any]]] = []
    for usage in data.usages:
        u = uuid_of(usage)
        if u is None or u in options.skip:
            continue
        system_uuid = uuid_of(get(usage, "systemContext"))
        catalogue = data.systems.get(system_uuid or "", {})
        name = name_of(catalogue) or name_of(get(usage, "systemContext"))
        cid = national.match(system_uuid, name)
        if cid is not None:
            ends[u] = cid
        else:
            systems.append((u, usage))
    names = []
    for u, usage in systems:
        call = get(usage, "general", "localCallName")
        base = call if isinstance(call, str) and call.strip() else None
        catalogue = data.systems.get(uuid_of(get(usage, "systemContext")) or "", {})
        names.append((u, base or name_of(catalogue) or name_of(get(usage, "systemContext")) or u))
    ends.update(_allocate(names, existing.systems, existing.system_ids | reserved))
    return ends, systems


def desired(data: KitosData, existing: Existing, options: Options, reserved: set[str]) -> Desired:
    """The whole mapping of contract section 3."""
    out = Desired(units=_units(data, existing))
    unit_ids = {i.key: i.id for i in out.units}
    lk: Lookups = lookups(data, unit_ids, options.owner_roles)
    ends, systems = _ends(data, existing, options, reserved)
    for u, usage in systems:
        catalogue = data.systems.get(uuid_of(get(usage, "systemContext")) or "", {})
        out.systems.append(Item(u, ends[u], system_fields(usage, catalogue, lk)))
    _integrations(data, ends, existing, options, out)
    return out


def _integrations(
    data: KitosData, ends: dict[str, str], existing: Existing, options: Options, out: Desired
) -> None:
    alloc = IdAllocator(existing.integration_ids)
    for usage in data.usages:
        using = ends.get(uuid_of(usage) or "")
        for relation in get(usage, "outgoingSystemRelations") or []:
            r = uuid_of(relation)
            if r is None or using is None:
                continue
            target = uuid_of(get(relation, "toSystemUsage"))
            used = ends.get(target or "")
            if used is None:
                why = "skipped in kommarch.yaml" if target in options.skip else "not found"
                other = name_of(get(relation, "toSystemUsage")) or str(target)
                out.skipped.append(Skipped(r, using, other, f"the used system is {why}"))
                continue
            interface = data.interfaces.get(uuid_of(get(relation, "relationInterface")) or "")
            f = flow(using, used, interface, relation)
            if f.source == f.target:
                out.skipped.append(Skipped(r, f.source, f.target, "both ends are the same system"))
                continue
            if not f.data and r not in existing.integrations:
                out.skipped.append(Skipped(r, f.source, f.target, "no data objects can be derived"))
                continue
            known = existing.integrations.get(r)
            ident = known if known is not None else alloc.take(f"{f.source}-{f.target}")
            description = get(relation, "description")
            fields: dict[str, Any] = {
                "from": f.source,
                "to": f.target,
                "data": f.data or None,
                "via": f.via,
                "service": f.service,
                "frequency": frequency(relation),
                "description": description.strip()
                if isinstance(description, str) and description.strip()
                else None,
                "kitos": {"relation": r},
            }
            out.integrations.append(Item(r, ident, fields))
