"""Scoring: maturity (A/U-kommune), caseworker journeys, recommended integrations, governance,
hot spots, names and sizes: everything in the report beyond the findings.

All of it is deterministic and linear in the inventory; :mod:`kommarch.pipeline` calls these
functions once per audit.
"""

from __future__ import annotations

from kommarch.findings import Lang
from kommarch.graph import AUDITED
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import IntegrationStatus
from kommarch.kle import kle
from kommarch.report import InventoryStats, SystemContact
from kommarch.scoring.assess import maturity
from kommarch.scoring.governance import governance
from kommarch.scoring.hotspots import hotspots
from kommarch.scoring.journeys import journeys
from kommarch.scoring.recommend import recommendations


def names(inv: Inventory, lang: Lang = "da") -> dict[str, str]:
    """Id -> human name of every process, data object (built-ins in ``lang``) and system
    (catalogue included), sorted by id.

    The ids share one table: on a clash a system's name wins over a data object's, and a data
    object's over a process's.
    """
    out: dict[str, str] = {pid: p.model.name for pid, p in inv.processes.items()}
    out.update((oid, o.name.get(lang)) for oid, o in inv.catalogue.objects.items())
    out.update((oid, o.model.name) for oid, o in inv.data_objects.items())
    out.update((sid, s.name) for sid, s in inv.catalogue.systems.items())
    out.update((sid, s.model.name) for sid, s in inv.systems.items())
    return dict(sorted(out.items()))


def kle_titles(inv: Inventory) -> dict[str, str]:
    """The titles of the KLE numbers the inventory names that the bundled catalogue knows."""
    known = kle().titles
    used = {n for s in inv.systems.values() for n in s.model.kle}
    used.update(n for p in inv.processes.values() for n in p.model.kle)
    return {n: known[n] for n in sorted(used) if n in known}


def contacts(inv: Inventory) -> dict[str, SystemContact]:
    """Owner, vendor and contract end of every inventory system, and of every integration
    (its sending system's, where the change is made), by id."""
    out = {
        sid: SystemContact(sid, s.model.owner, s.model.vendor, s.model.contract_end)
        for sid, s in inv.systems.items()
    }
    for iid, i in inv.integrations.items():
        sender = out.get(i.model.from_)
        if sender is not None and iid not in out:
            out[iid] = sender
    return dict(sorted(out.items()))


def stats(inv: Inventory) -> InventoryStats:
    """Sizes of the inventory: declared entries (not the catalogue), audited systems, files."""
    return InventoryStats(
        systems=len(inv.systems),
        systems_audited=sum(s.model.status in AUDITED for s in inv.systems.values()),
        integrations=len(inv.integrations),
        integrations_active=sum(
            i.model.status is IntegrationStatus.ACTIVE for i in inv.integrations.values()
        ),
        data_objects=len(inv.data_objects),
        processes=len(inv.processes),
        units=len(inv.units),
        files=inv.files,
    )


__all__ = [
    "contacts",
    "governance",
    "hotspots",
    "journeys",
    "kle_titles",
    "maturity",
    "names",
    "recommendations",
    "stats",
]
