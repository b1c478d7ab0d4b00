"""Caseworker journeys: the time lost to repeated lookups and re-keying (sections 8 and 13).

Per process and data object, the systems the object is looked up in (and, separately, entered
in) are counted once each; every system beyond the first is redundant::

    redundant lookups = sum over objects of max(0, distinct lookup systems - 1)
    redundant entries = sum over objects of max(0, distinct entry systems - 1)
    hours per year    = cases_per_year * (lookups * lookup_seconds
                                          + entries * entry_seconds) / 3600

A process without ``cases_per_year`` has unknown hours (None), never zero. This is an estimate:
it assumes every case goes through every step and that each redundant step costs the configured
seconds (``lookup_seconds``, ``entry_seconds``).
"""

from __future__ import annotations

from kommarch.inventory.models import Action, Process
from kommarch.report import Journey, JourneyObject
from kommarch.rules.base import AuditContext


def redundant(systems: tuple[str, ...]) -> int:
    """Distinct systems beyond the first (``systems`` is already distinct)."""
    return max(0, len(systems) - 1)


def journey_objects(process: Process) -> tuple[JourneyObject, ...]:
    """What ``process`` does with each object: distinct systems in step order, objects in order
    of first appearance."""
    lookups: dict[str, dict[str, None]] = {}
    entries: dict[str, dict[str, None]] = {}
    order: dict[str, None] = {}
    for step in process.steps:
        into = lookups if step.action is Action.LOOKUP else entries
        for oid in step.data:
            order.setdefault(oid)
            into.setdefault(oid, {}).setdefault(step.system)
    return tuple(
        JourneyObject(oid, tuple(lookups.get(oid, ())), tuple(entries.get(oid, ())))
        for oid in order
    )


def hours(
    cases: int | None, lookups: int, entries: int, lookup_s: float, entry_s: float
) -> float | None:
    """Hours per year for ``cases`` cases with the given redundant steps (None when unknown)."""
    if cases is None:
        return None
    return cases * (lookups * lookup_s + entries * entry_s) / 3600


def journeys(ctx: AuditContext) -> list[Journey]:
    """Every process with its redundant steps and estimated hours per year.

    Sorted by hours, largest first (unknown hours last), then by process id.
    """
    settings = ctx.settings
    out: list[Journey] = []
    for pid, entry in ctx.inventory.processes.items():
        p = entry.model
        objects = journey_objects(p)
        lookups = sum(redundant(o.lookup_systems) for o in objects)
        entries = sum(redundant(o.entry_systems) for o in objects)
        out.append(
            Journey(
                process=pid,
                name=p.name,
                unit=p.unit,
                cases_per_year=p.cases_per_year,
                redundant_lookups=lookups,
                redundant_entries=entries,
                hours_per_year=hours(
                    p.cases_per_year,
                    lookups,
                    entries,
                    settings.lookup_seconds,
                    settings.entry_seconds,
                ),
                objects=objects,
                kle=tuple(p.kle),
                location=entry.loc,
            )
        )
    out.sort(key=lambda j: (j.hours_per_year is None, -(j.hours_per_year or 0.0), j.process))
    return out
