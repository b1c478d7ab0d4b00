"""Message pieces the data, integration and infrastructure rules share (Danish and English).

Remediation in a message is concrete: it names the provider, the channel and the
Serviceplatformen service (:meth:`kommarch.graph.Graph.suggested_source`).
"""

from __future__ import annotations

from collections.abc import Sequence

from kommarch.findings import Text
from kommarch.graph import Graph
from kommarch.inventory.location import Location

DATA_GROUP = Text("Dobbeltindtastning", "Duplicate data entry")
INTEGRATION_GROUP = Text("Manglende integrationer", "Missing integrations")
INFRASTRUCTURE_GROUP = Text("Huller i Rammearkitekturen", "Rammearkitektur gaps")

_CHANNEL = {"serviceplatformen": "Serviceplatformen", "datafordeleren": "Datafordeleren"}


def names(ids: Sequence[str], limit: int = 5) -> Text:
    """``a, b og c`` / ``a, b and c``, cut after ``limit`` names (``og 1 anden``, ``og 3
    andre``)."""
    shown = list(ids[:limit])
    rest = len(ids) - len(shown)
    if rest:
        other = "anden" if rest == 1 else "andre"
        return Text(f"{', '.join(shown)} og {rest} {other}", f"{', '.join(shown)} and {rest} more")
    if len(shown) <= 1:
        return Text.same("".join(shown))
    head = ", ".join(shown[:-1])
    return Text(f"{head} og {shown[-1]}", f"{head} and {shown[-1]}")


def short_name(graph: Graph, sid: str) -> str:
    """A catalogue system's short name (``CPR``, ``eIndkomst``, ``Matriklen``), else the id."""
    c = graph.inventory.catalogue.systems.get(sid)
    if c is None:
        return sid
    return c.name.split(" – ")[0].split(" (")[0]


def called(graph: Graph, ident: str) -> str:
    """What a sentence calls a system: an inventory system's name, a catalogue system's short
    name, a process's name; else the id (data objects are named by their id, a Danish word)."""
    inv = graph.inventory
    system = inv.systems.get(ident)
    if system is not None:
        return system.model.name
    if ident in inv.catalogue.systems:
        return short_name(graph, ident)
    process = inv.processes.get(ident)
    return process.model.name if process is not None else ident


def integration_text(graph: Graph, iid: str) -> Text:
    """``integrationen fra KMD WorkZone til Postkomponent`` (an integration by its ends)."""
    entry = graph.inventory.integrations.get(iid)
    if entry is None:
        return Text(f"integrationen {iid}", f"the integration {iid}")
    a, b = called(graph, entry.model.from_), called(graph, entry.model.to)
    return Text(f"integrationen fra {a} til {b}", f"the integration from {a} to {b}")


def capitalised(text: Text) -> Text:
    """``text`` with its first letter upper-case in both languages (a sentence's start)."""
    return Text(text.da[:1].upper() + text.da[1:], text.en[:1].upper() + text.en[1:])


def channel(via: str | None, service: str | None) -> Text:
    """`` via Serviceplatformen (SF1520)`` / `` through …``; `` direkte (SF1500)`` for a
    service called directly; empty for a direct line without a service."""
    if via is None:
        if service is not None:
            return Text(f" direkte ({service})", f" directly ({service})")
        return Text.same("")
    label = _CHANNEL.get(via, via)
    if service is not None:
        label = f"{label} ({service})"
    return Text(f" via {label}", f" through {label}")


def fetch_hint(graph: Graph, obj: str) -> Text:
    """How a system should get ``obj``: ``hent person fra cpr via Serviceplatformen (SF1520)``."""
    src = graph.suggested_source(obj)
    if src is None:
        return Text(
            f"udpeg ét system som master for {obj}, og hent {obj} derfra",
            f"make one system the master of {obj} and fetch {obj} from it",
        )
    platform = src.via if src.via is None or src.via in _CHANNEL else called(graph, src.via)
    via, provider = channel(platform, src.service), called(graph, src.provider)
    return Text(f"hent {obj} fra {provider}{via.da}", f"fetch {obj} from {provider}{via.en}")


def object_related(graph: Graph, *objs: str) -> tuple[Location, ...]:
    """The declarations of the declared data objects among ``objs`` (built-ins have none)."""
    declared = graph.inventory.data_objects
    return tuple(declared[o].loc for o in objs if o in declared)


def system_related(graph: Graph, *sids: str) -> tuple[Location, ...]:
    """The declarations of the inventory systems among ``sids`` (catalogue systems have none)."""
    systems = graph.inventory.systems
    return tuple(systems[s].loc for s in sids if s in systems)
