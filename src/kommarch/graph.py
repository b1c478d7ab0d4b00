"""The system/integration graph and the queries the rules and the scoring share.

:func:`build_graph` makes one pass over the systems and one over the integrations and keeps
plain dicts and sets, so that every query below is a lookup (section 4, "Holding, sources and
chains" of section 13):

- an integration **delivers** X to S when it is active, ``to`` is S and ``data`` lists X;
- a system **holds** X when X is in its ``data`` map, when it is X's authority, or when it is a
  catalogue component that distributes or indexes X; ``beskedfordeler`` and
  ``fordelingskomponent`` hold X exactly when an active integration delivers X to them;
- a **source** of X is X's authority, a catalogue channel that distributes X, or a system that
  is ``master`` or ``manual`` of X whatever its status; the indexes and the pass-on channels are
  never sources;
- KM202's backward walk from S reaches a source of X exactly when a forward search from the
  sources of X along the active edges carrying X reaches S. That search runs once per object,
  so the whole chain analysis is linear in the number of (integration, object) pairs.

The rules ask these indexes, not networkx: a lookup in a dict is what every query needs, and
building a networkx graph of a large inventory costs more than the whole rule run
(docs/performance.md, "networkx and the audit"). The networkx graph of the inventory is
:func:`kommarch.graphexport.network`, for the exports.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from kommarch.catalogue import Called, ObjectKind, SystemKind
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import DataUse, IntegrationStatus, Masters, SystemStatus, SystemType

AUDITED = frozenset({SystemStatus.IN_USE, SystemStatus.PHASING_OUT})
"""Statuses of the systems the data, integration and infrastructure rules audit."""

DIRECT = "direct"


@dataclass(frozen=True, slots=True)
class Source:
    """Where a data object should come from (section 8): provider, channel and service."""

    provider: str
    via: str | None = None
    service: str | None = None


def _reach(adjacency: dict[str, list[str]], starts: Iterable[str]) -> set[str]:
    """Every node reachable from ``starts`` (those with an outgoing edge included)."""
    stack = [s for s in starts if s in adjacency]
    seen = set(stack)
    while stack:
        for nxt in adjacency.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return seen


class Graph:
    """The inventory as a graph: precomputed indexes for the rules and the scoring."""

    def __init__(self, inv: Inventory) -> None:
        self.inventory = inv
        cat = inv.catalogue
        self._kinds = {o.id: o.kind for o in cat.objects.values()}
        self._kinds.update(dict.fromkeys(inv.data_objects, ObjectKind.MUNICIPAL))
        self._registers = frozenset(
            c.id for c in cat.systems.values() if c.kind is SystemKind.REGISTER
        )
        adjacency = self._index_integrations(inv)
        sources = self._index_systems(inv)
        for o in cat.objects.values():
            if o.authority is not None:
                sources.setdefault(o.id, set()).add(o.authority)
        for c in cat.systems.values():
            if not c.passes_on:
                for obj in c.distributes:
                    sources.setdefault(obj, set()).add(c.id)
        self._sources = sources
        self._fed = {obj: _reach(adj, sources.get(obj, ())) for obj, adj in adjacency.items()}

    def _index_integrations(self, inv: Inventory) -> dict[str, dict[str, list[str]]]:
        """Index the integrations; return the active adjacency per object (from -> [to])."""
        out: defaultdict[str, list[str]] = defaultdict(list)
        into: defaultdict[str, list[str]] = defaultdict(list)
        deliveries: defaultdict[tuple[str, str], list[str]] = defaultdict(list)
        adjacency: defaultdict[str, defaultdict[str, list[str]]] = defaultdict(
            lambda: defaultdict(list)
        )
        active: list[str] = []
        carried: list[tuple[str, str]] = []
        connected: set[str] = set()
        kinds = self._kinds
        for iid, link in inv.integrations.items():
            m = link.model
            p, to = m.from_, m.to
            out[p].append(iid)
            into[to].append(iid)
            if m.status is not IntegrationStatus.ACTIVE:
                continue
            active.append(iid)
            connected.add(p)
            connected.add(to)
            if m.via is not None:
                connected.add(m.via)
            data = m.data
            for obj in data if len(data) < 2 else dict.fromkeys(data):
                deliveries[to, obj].append(iid)
                adjacency[obj][p].append(to)
                if obj in kinds:
                    carried.append((iid, obj))
        self._out = {k: tuple(v) for k, v in out.items()}
        self._in = {k: tuple(v) for k, v in into.items()}
        self._deliveries = {k: tuple(v) for k, v in deliveries.items()}
        self._connected = frozenset(connected)
        self.active: tuple[str, ...] = tuple(active)
        """Active integration ids, in load order."""
        self.carried: tuple[tuple[str, str], ...] = tuple(carried)
        """(integration, object) for every known object an active integration carries, once
        each, in load order."""
        return {obj: dict(adj) for obj, adj in adjacency.items()}

    def _index_systems(self, inv: Inventory) -> dict[str, set[str]]:
        """Index the systems' data maps; return the inventory sources per object."""
        sources: defaultdict[str, set[str]] = defaultdict(set)
        masters: defaultdict[str, list[str]] = defaultdict(list)
        holders: defaultdict[str, list[str]] = defaultdict(list)
        audited: list[str] = []
        platforms: list[str] = []
        expected: list[tuple[str, str]] = []
        kinds = self._kinds
        integration_use, master_use = DataUse.INTEGRATION, DataUse.MASTER
        for sid, entry in inv.systems.items():
            s = entry.model
            is_audited = s.status in AUDITED
            if is_audited:
                audited.append(sid)
                if s.type is SystemType.INTEGRATION_PLATFORM:
                    platforms.append(sid)
            for obj, use in s.data.items():
                if use is not integration_use:
                    sources[obj].add(sid)
                elif is_audited and obj in kinds:
                    expected.append((sid, obj))
                if is_audited:
                    holders[obj].append(sid)
                    if use is master_use:
                        masters[obj].append(sid)
        self._masters = {k: tuple(sorted(v)) for k, v in masters.items()}
        self._holders = {k: tuple(sorted(v)) for k, v in holders.items()}
        self.audited: tuple[str, ...] = tuple(audited)
        """Audited systems (in-use or phasing-out inventory systems), in load order."""
        self.expected: tuple[tuple[str, str], ...] = tuple(expected)
        """(system, object) for every known object an audited system declares as
        ``integration``, in load order (what KM201 and KM202 check)."""
        self.platforms: tuple[str, ...] = tuple(sorted(platforms))
        """Audited systems of type ``integration-platform``, sorted by id."""
        return dict(sources)

    # --- systems -------------------------------------------------------------------------

    def is_system(self, sid: str) -> bool:
        """An inventory or catalogue system."""
        return self.inventory.is_system(sid)

    def is_audited(self, sid: str) -> bool:
        """An inventory system with status ``in-use`` or ``phasing-out``."""
        entry = self.inventory.systems.get(sid)
        return entry is not None and entry.model.status in AUDITED

    def is_register(self, sid: str) -> bool:
        """A national register of the catalogue (cpr, cvr, dar, ...)."""
        return sid in self._registers

    def node_kind(self, sid: str) -> str | None:
        """``inventory``, or the catalogue kind (``register``, ``channel``, ``infrastructure``)."""
        if sid in self.inventory.systems:
            return "inventory"
        c = self.inventory.catalogue.systems.get(sid)
        return None if c is None else c.kind.value

    # --- data objects --------------------------------------------------------------------

    def object_kind(self, obj: str) -> ObjectKind | None:
        """Register, infrastructure or municipal (every declared object); None when unknown."""
        return self._kinds.get(obj)

    def single_master(self, obj: str) -> bool:
        """A municipal object with one master (declared ``masters: one``, the default)."""
        built_in = self.inventory.catalogue.objects.get(obj)
        if built_in is not None:
            return built_in.kind is ObjectKind.MUNICIPAL and not built_in.many_masters
        declared = self.inventory.data_objects.get(obj)
        return declared is not None and declared.model.masters is Masters.ONE

    def authority(self, obj: str) -> str | None:
        """The catalogue system that owns a register or infrastructure object."""
        built_in = self.inventory.catalogue.objects.get(obj)
        return None if built_in is None else built_in.authority

    # --- holding and sources ------------------------------------------------------------

    def holds(self, sid: str, obj: str) -> bool:
        """Whether ``sid`` holds ``obj`` (section 4 and 13)."""
        entry = self.inventory.systems.get(sid)
        if entry is not None:
            return obj in entry.model.data
        c = self.inventory.catalogue.systems.get(sid)
        if c is None:
            return False
        if c.passes_on:
            return (sid, obj) in self._deliveries
        return obj in c.distributes or obj in c.indexes or self.authority(obj) == sid

    def is_source(self, sid: str, obj: str) -> bool:
        """Whether ``sid`` is a source of ``obj`` (authority, distributor, master or manual)."""
        return sid in self._sources.get(obj, ())

    def chain_intact(self, sid: str, obj: str) -> bool:
        """Whether walking active deliveries of ``obj`` back from ``sid`` reaches a source."""
        return sid in self._fed.get(obj, ()) or self.is_source(sid, obj)

    def audited_masters(self, obj: str) -> tuple[str, ...]:
        """Audited systems that are ``master`` of ``obj``, sorted by id."""
        return self._masters.get(obj, ())

    def audited_holders(self, obj: str) -> tuple[str, ...]:
        """Audited systems whose ``data`` lists ``obj`` (any value), sorted by id."""
        return self._holders.get(obj, ())

    def held_objects(self) -> tuple[str, ...]:
        """Every object some audited system's ``data`` lists, sorted."""
        return tuple(sorted(self._holders))

    def suggested_source(self, obj: str) -> Source | None:
        """Where ``obj`` should come from: its authority through Serviceplatformen (with the
        service), directly for the services called directly (SF1500, SF1510), or
        Datafordeleren, else its first audited master through the first integration platform;
        None when there is neither."""
        cat = self.inventory.catalogue
        authority = self.authority(obj)
        if authority is not None:
            service = cat.service_for(obj)
            if service is not None and service.called is Called.DIRECT:
                return Source(authority, None, service.id)
            if service is not None:
                return Source(authority, "serviceplatformen", service.id)
            fordeler = cat.systems.get("datafordeleren")
            if fordeler is not None and obj in fordeler.distributes:
                return Source(authority, "datafordeleren")
            return Source(authority)
        masters = self.audited_masters(obj)
        if not masters:
            return None
        return Source(masters[0], self.platforms[0] if self.platforms else None)

    # --- integrations --------------------------------------------------------------------

    def deliveries_to(self, sid: str, obj: str) -> tuple[str, ...]:
        """Active integrations that deliver ``obj`` to ``sid``, in load order."""
        return self._deliveries.get((sid, obj), ())

    def integrations_from(self, sid: str) -> tuple[str, ...]:
        """Every integration (any status) whose ``from`` is ``sid``, in load order."""
        return self._out.get(sid, ())

    def integrations_to(self, sid: str) -> tuple[str, ...]:
        """Every integration (any status) whose ``to`` is ``sid``, in load order."""
        return self._in.get(sid, ())

    def delivers(self, provider: str, consumer: str, objs: Iterable[str]) -> bool:
        """Whether an active integration ``provider`` -> ``consumer`` carries any of ``objs``."""
        wanted = set(objs)
        integrations = self.inventory.integrations
        for iid in self._out.get(provider, ()):
            m = integrations[iid].model
            if (
                m.to == consumer
                and m.status is IntegrationStatus.ACTIVE
                and not wanted.isdisjoint(m.data)
            ):
                return True
        return False

    def is_connected(self, sid: str) -> bool:
        """Whether an active integration names ``sid`` in ``from``, ``to`` or ``via``."""
        return sid in self._connected


def build_graph(inv: Inventory) -> Graph:
    """Index ``inv`` once for the rules (linear in the size of the inventory)."""
    return Graph(inv)
