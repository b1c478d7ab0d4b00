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
    """``a, b og c`` / ``a, b and c``, cut after ``limit`` names (``og 3 andre``)."""
    shown = list(ids[:limit])
    rest = len(ids) - len(shown)
    if rest:
        return Text(f"{', '.join(shown)} og {rest} andre", f"{', '.join(shown)} and {rest} more")
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
    via = channel(src.via, src.service)
    return Text(
        f"hent {obj} fra {src.provider}{via.da}", f"fetch {obj} from {src.provider}{via.en}"
    )


def object_related(graph: Graph, *objs: str) -> tuple[Location, ...]:
    """The declarations of the declared data objects among ``objs`` (built-ins have none)."""
    declared = graph.inventory.data_objects
    return tuple(declared[o].loc for o in objs if o in declared)


def system_related(graph: Graph, *sids: str) -> tuple[Location, ...]:
    """The declarations of the inventory systems among ``sids`` (catalogue systems have none)."""
    systems = graph.inventory.systems
    return tuple(systems[s].loc for s in sids if s in systems)
