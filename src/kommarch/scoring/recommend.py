"""Recommended integrations: for every ``manual`` entry, the one that removes it (section 8).

The route an object should take into a system:

- a register object comes from its authority through Serviceplatformen with the service id
  when Serviceplatformen serves it (person SF1520, virksomhed SF1530, indkomst SF0770_A),
  otherwise through Datafordeleren (adresse, bygning, matrikel, ejendom);
- an infrastructure object comes from its fælleskommunal component, called directly
  (organisation from fk-organisation SF1500, klassifikation from fk-klassifikation SF1510);
  both as :meth:`kommarch.graph.Graph.suggested_source` says, so the rule messages agree;
- ``organisation`` comes from the municipality's own organisation master (an audited system
  that is ``master`` of it) when there is one, else from fk-organisation;
- a municipal object comes from its audited master system, through the municipality's in-use
  integration platform when the inventory has one (the first by id), else directly. With
  several masters the first by id is proposed and the text names the others; with none the
  provider is ``""`` and the text says a master must be appointed first.

A recommendation to fetch data about persons or companies (person, virksomhed, indkomst) says
that it requires a legal basis (hjemmel) and a service agreement; systems of type ``other`` and
``analytics`` get no register-data recommendation.

Hours saved (attribution rule). In a process, the steps looking up an object in two or more
systems keep one system and make the others redundant; the same for entries. The system kept is
the first in step order that is a source of the object (its authority, or a system that is
``master`` of it), else simply the first. A recommendation for (system S, object X) saves, in
each process where S is among the redundant lookup systems of X, one lookup, and where S is among
the redundant entry systems of X, one entry: ``cases_per_year * (lookup_seconds or
entry_seconds) / 3600`` each. One system per set is kept, so the recommendations of a process
never claim more hours than its journey loses.
Processes without ``cases_per_year`` are listed but add no hours; when no benefiting process has
a known number of cases, the hours are unknown (None).
"""

from __future__ import annotations

from dataclasses import dataclass

from kommarch.catalogue import ObjectKind
from kommarch.findings import Text
from kommarch.graph import Graph
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import DataUse, SystemType
from kommarch.report import Journey, Recommendation
from kommarch.rules.base import AuditContext
from kommarch.scoring.common import join, label, platform

NO_NOTE = Text("", "")
ORGANISATION = "organisation"
# Register data about persons and companies need a legal basis and a service agreement.
LEGAL_BASIS = frozenset({"person", "virksomhed", "indkomst"})
CAVEAT = Text(
    "; det kræver hjemmel og en serviceaftale",
    "; this requires a legal basis (hjemmel) and a service agreement",
)
# Systems that get no register-data recommendation (section 8).
NO_REGISTER_ADVICE = frozenset({SystemType.OTHER, SystemType.ANALYTICS})


@dataclass(frozen=True, slots=True)
class Route:
    """Where an object should come from, the phrase that says so (``fra CPR via …``) and a
    note for the end of the sentence (several masters, or none)."""

    provider: str
    via: str | None
    service: str | None
    phrase: Text
    note: Text = NO_NOTE


def route(graph: Graph, via_platform: str | None, oid: str) -> Route:
    """The integration that should deliver ``oid`` (see the module docstring).

    ``via_platform`` is the municipality's integration platform (:func:`platform`).
    """
    inv = graph.inventory
    authority = graph.authority(oid)
    if oid == ORGANISATION and graph.audited_masters(oid):
        authority = None  # the municipality's own organisation master comes first
    suggested = graph.suggested_source(oid) if authority is not None else None
    if suggested is not None:
        where = label(inv, suggested.provider)
        if suggested.via is None:
            sf = f" ({suggested.service})" if suggested.service else ""
            return Route(
                suggested.provider,
                None,
                suggested.service,
                Text(f"direkte fra {where}{sf}", f"directly from {where}{sf}"),
            )
        service = suggested.service
        channel = label(inv, suggested.via) + (f" ({service})" if service else "")
        return Route(
            suggested.provider,
            suggested.via,
            service,
            Text(f"fra {where} via {channel}", f"from {where} through {channel}"),
        )
    masters = graph.audited_masters(oid)
    via = via_platform
    how = (
        Text(
            f" via integrationsplatformen {label(inv, via)}",
            f" through the integration platform {label(inv, via)}",
        )
        if via is not None
        else Text(" direkte", " directly")
    )
    if not masters:
        return Route(
            "",
            via,
            None,
            Text(f"fra sin master{how.da}", f"from its master{how.en}"),
            Text(
                f" (intet system er master af {oid}; udpeg en først)",
                f" (no system masters {oid}; appoint one first)",
            ),
        )
    first = masters[0]
    note = NO_NOTE
    if len(masters) > 1:
        note = Text(
            f" (der er flere mastere: {join(inv, masters)}; aftal hvilken)",
            f" (there are several masters: {join(inv, masters)}; agree which)",
        )
    where = label(inv, first)
    return Route(first, via, None, Text(f"fra {where}{how.da}", f"from {where}{how.en}"), note)


def _kept(inv: Inventory, oid: str, systems: tuple[str, ...], authority: str | None) -> str:
    """The one system of a redundant set that stays: the first source, else the first."""
    for sid in systems:
        entry = inv.systems.get(sid)
        if sid == authority or (entry is not None and entry.model.data.get(oid) is DataUse.MASTER):
            return sid
    return systems[0]


Benefit = tuple[Journey, int, int]  # journey, lookups saved, entries saved


def _savings(graph: Graph, journeys: list[Journey]) -> dict[tuple[str, str], list[Benefit]]:
    """(system, object) -> the journeys where it is redundant, with the steps it would save."""
    inv = graph.inventory
    out: dict[tuple[str, str], dict[str, Benefit]] = {}
    for j in journeys:
        for o in j.objects:
            authority = graph.authority(o.object)
            for systems, is_entry in ((o.lookup_systems, False), (o.entry_systems, True)):
                if len(systems) < 2:
                    continue
                kept = _kept(inv, o.object, systems, authority)
                for sid in systems:
                    if sid == kept:
                        continue
                    per = out.setdefault((sid, o.object), {})
                    _, lookups, entries = per.get(j.process, (j, 0, 0))
                    per[j.process] = (j, lookups + (not is_entry), entries + is_entry)
    return {k: list(v.values()) for k, v in out.items()}


def recommendations(ctx: AuditContext, journeys: list[Journey]) -> list[Recommendation]:
    """One recommended integration per ``manual`` entry of an audited system.

    Ranked by the hours it would save, largest first (unknown last), then system and object.
    """
    graph = ctx.graph
    inv = ctx.inventory
    via_platform = platform(graph)
    saved = _savings(graph, journeys)
    lookup_s, entry_s = ctx.settings.lookup_seconds, ctx.settings.entry_seconds
    routes: dict[str, Route] = {}
    out: list[Recommendation] = []
    for sid in graph.audited:
        model = inv.systems[sid].model
        for oid, use in model.data.items():
            if use is not DataUse.MANUAL:
                continue
            register = graph.object_kind(oid) is ObjectKind.REGISTER
            if register and model.type in NO_REGISTER_ADVICE:
                continue
            r = routes.get(oid)
            if r is None:
                r = routes[oid] = route(graph, via_platform, oid)
            note = CAVEAT if oid in LEGAL_BASIS else NO_NOTE
            benefits = sorted(saved.get((sid, oid), []), key=lambda b: b[0].process)
            known = [b for b in benefits if b[0].cases_per_year is not None]
            total = (
                (
                    sum(
                        (b[0].cases_per_year or 0) * (b[1] * lookup_s + b[2] * entry_s)
                        for b in known
                    )
                    / 3600
                )
                if known
                else None
            )
            out.append(
                Recommendation(
                    system=sid,
                    object=oid,
                    provider=r.provider,
                    via=r.via,
                    service=r.service,
                    hours_per_year=total,
                    processes=tuple(b[0].process for b in benefits),
                    text=Text(
                        f"Hent {oid} {r.phrase.da} til {label(inv, sid)}{r.note.da}{note.da}",
                        f"Fetch {oid} {r.phrase.en} into {label(inv, sid)}{r.note.en}{note.en}",
                    ),
                )
            )
    out.sort(
        key=lambda r: (r.hours_per_year is None, -(r.hours_per_year or 0.0), r.system, r.object)
    )
    return out
