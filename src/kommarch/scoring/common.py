"""Small helpers the parts of the scoring share: owners, the integration platform, labels.

The indexes themselves (audited systems, masters and holders per object) come from
:class:`kommarch.graph.Graph`, built once per audit.
"""

from __future__ import annotations

from kommarch.graph import Graph
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import SystemStatus


def blank(text: str | None) -> bool:
    """A missing or whitespace-only text (an owner ``"  "`` is no owner, as in KM401)."""
    return text is None or not text.strip()


def platform(graph: Graph) -> str | None:
    """The municipality's integration platform: the first (by id) ``in-use`` inventory system
    of type ``integration-platform``, if any."""
    systems = graph.inventory.systems
    for sid in graph.platforms:
        if systems[sid].model.status is SystemStatus.IN_USE:
            return sid
    return None


def label(inv: Inventory, sid: str) -> str:
    """A short, readable label for a system in a sentence.

    Inventory systems by name (as the municipality calls them); catalogue systems by the first
    part of their name (``CPR``, ``Serviceplatformen``, ``Matriklen``), so texts read like the
    domain; anything else by its id.
    """
    own = inv.systems.get(sid)
    if own is not None:
        return own.model.name
    built_in = inv.catalogue.systems.get(sid)
    if built_in is None:
        return sid
    name = built_in.name
    for cut in (" – ", " ("):
        name = name.split(cut, 1)[0]
    return name


def join(inv: Inventory, ids: tuple[str, ...] | list[str]) -> str:
    """``A, B, C``: the systems' labels in a sentence."""
    return ", ".join(label(inv, i) for i in ids)
