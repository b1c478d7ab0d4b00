"""Caseworker journeys (arbejdsgange): repeated lookups, re-keying, entries against the data map.

FDA principle 5 "Processer optimeres på tværs". KM5xx look at every step of every process,
whatever the step's system (section 13). A step naming a former system id (``previous_ids``) is
read as the current id, so a rename never splits one system in two.
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.location import Location
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import Action, DataUse, Process
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule
from kommarch.rules.hints import called, names

_GROUP = Text("Sagsbehandlernes arbejdsgange", "Caseworker journeys")
_PROCESS_OBJECT = Text("arbejdsgang, dataobjekt", "process, object")


def systems_per_object(inv: Inventory, p: Process, action: Action) -> dict[str, list[int]]:
    """Object -> the steps (indexes) of ``action``, one per distinct system, in step order."""
    out: dict[str, list[int]] = {}
    seen: set[tuple[str, str]] = set()
    for n, step in enumerate(p.steps):
        if step.action is not action:
            continue
        system = inv.current_id(step.system)
        for oid in step.data:
            if (oid, system) not in seen:
                seen.add((oid, system))
                out.setdefault(oid, []).append(n)
    return out


def _object_loc(inv: Inventory, oid: str) -> tuple[Location, ...]:
    declared = inv.data_objects.get(oid)
    return (declared.loc,) if declared is not None else ()


def _repeated(rule: Rule, ctx: AuditContext, action: Action, template: Text) -> Iterable[Finding]:
    """KM501/KM502; ``template`` is formatted with process, object, count, systems."""
    inv = ctx.inventory
    for pid, e in inv.processes.items():
        for oid, steps in systems_per_object(inv, e.model, action).items():
            if len(steps) < 2:
                continue
            systems = names(
                [called(ctx.graph, inv.current_id(e.model.steps[n].system)) for n in steps]
            )
            related = (*_object_loc(inv, oid), *(e.value_loc("steps", n) for n in steps))
            args = {"p": e.model.name, "o": oid, "n": len(steps)}
            yield rule.finding(
                (pid, oid),
                Text(
                    template.da.format(**args, s=systems.da),
                    template.en.format(**args, s=systems.en),
                ),
                e.loc,
                related,
            )


class RepeatedLookup(Rule):
    """A process looks the same data object up in two or more systems."""

    code = "KM501"
    name = "repeated-lookup"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P5
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _PROCESS_OBJECT
    title = Text(
        "En arbejdsgang slår det samme dataobjekt op i flere systemer",
        "A process looks the same data object up in several systems",
    )
    rationale = Text(
        "Hvert ekstra opslag af den samme borger eller sag koster sagsbehandlertid og giver "
        "risiko for at handle på forskellige versioner af de samme data.",
        "Every extra lookup of the same citizen or case costs caseworker time and risks acting "
        "on different versions of the same data.",
    )
    remediation = Text(
        "Saml overblikket ét sted, fx i SAPA via Sags- og Dokumentindeks og Ydelsesindeks, eller "
        "integrér systemerne, så data vises, hvor sagen behandles.",
        "Bring the overview into one place, e.g. SAPA through the Sags- og Dokumentindeks and "
        "Ydelsesindeks, or integrate the systems so the data shows where the case is handled.",
    )
    failing_example = """\
systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Digitaliseringschef}
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef}
processes:
  - id: kontanthjaelp
    name: Ansøgning om kontanthjælp
    steps:
      - {system: sbsys, action: lookup, data: [person]}
      - {system: ky, action: lookup, data: [person]}
"""
    passing_example = """\
systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Digitaliseringschef}
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef}
processes:
  - id: kontanthjaelp
    name: Ansøgning om kontanthjælp
    steps:
      - {system: ky, action: lookup, data: [person]}
      - {system: sbsys, action: lookup, data: [sag]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (process, object) looked up in two or more distinct systems."""
        return _repeated(
            self,
            ctx,
            Action.LOOKUP,
            Text(
                "I arbejdsgangen {p} slås {o} op i {n} systemer ({s}); saml opslaget ét sted",
                "The process {p} looks {o} up in {n} systems ({s}); bring the lookup into one "
                "place",
            ),
        )


class ReKeying(Rule):
    """A process enters the same data object in two or more systems (dobbeltindtastning)."""

    code = "KM502"
    name = "re-keying"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P5
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _PROCESS_OBJECT
    title = Text(
        "En arbejdsgang taster det samme dataobjekt ind i flere systemer",
        "A process enters the same data object in several systems",
    )
    rationale = Text(
        "Dobbeltindtastning koster tid, giver tastefejl og data, der ikke stemmer overens "
        "mellem systemerne; data skal indtastes én gang og genbruges.",
        "Re-keying costs time and causes typing errors and data that disagree between systems; "
        "data should be entered once and reused.",
    )
    remediation = Text(
        "Indtast objektet i dets mastersystem og lad integrationer føre det videre til de "
        "andre systemer.",
        "Enter the object in its master system and let integrations carry it to the other systems.",
    )
    failing_example = """\
systems:
  - {id: nexus, name: Nexus, type: line-of-business, status: in-use, owner: Ældrechef,
     data: {handleplan: master}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Digitaliseringschef,
     data: {handleplan: manual}}
data_objects:
  - {id: handleplan, name: Borgerens handleplan}
processes:
  - id: visitation
    name: Visitation til hjemmepleje
    steps:
      - {system: nexus, action: enter, data: [handleplan]}
      - {system: sbsys, action: enter, data: [handleplan]}
"""
    passing_example = """\
systems:
  - {id: nexus, name: Nexus, type: line-of-business, status: in-use, owner: Ældrechef,
     data: {handleplan: master}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Digitaliseringschef,
     data: {handleplan: integration}}
data_objects:
  - {id: handleplan, name: Borgerens handleplan}
processes:
  - id: visitation
    name: Visitation til hjemmepleje
    steps:
      - {system: nexus, action: enter, data: [handleplan]}
      - {system: sbsys, action: lookup, data: [handleplan]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (process, object) entered in two or more distinct systems."""
        return _repeated(
            self,
            ctx,
            Action.ENTER,
            Text(
                "I arbejdsgangen {p} tastes {o} ind i {n} systemer ({s}); indtast én gang og "
                "integrér resten",
                "The process {p} keys {o} into {n} systems ({s}); enter it once and integrate "
                "the rest",
            ),
        )


class ProcessDataMismatch(Rule):
    """A step enters a data object into a system whose data map does not expect it keyed in."""

    code = "KM503"
    name = "process-data-mismatch"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P5
    section = ReportSection.DATA_QUALITY
    group = _GROUP
    subjects = Text("arbejdsgang, system, dataobjekt", "process, system, object")
    title = Text(
        "Et trin taster et dataobjekt ind i et system, hvis data har det som integration eller "
        "ikke nævner det",
        "A step enters an object into a system whose data has it as integration or lacks it",
    )
    rationale = Text(
        "Systemoversigten og arbejdsgangene skal fortælle den samme historie: tastes data ind, "
        "hvor de burde komme via en integration, virker integrationen ikke, eller "
        "systemoversigten er "
        "forkert.",
        "The inventory and the journeys must tell the same story: when data are keyed in where "
        "they should arrive by integration, the integration does not work or the inventory is "
        "wrong.",
    )
    remediation = Text(
        "Ret systemets data (master eller manual), eller få integrationen til at levere data, "
        "så trinet bliver et opslag.",
        "Correct the system's data (master or manual), or make the integration deliver the data "
        "so that the step becomes a lookup.",
    )
    failing_example = """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef,
     data: {person: integration}}
processes:
  - id: kontanthjaelp
    name: Ansøgning om kontanthjælp
    steps:
      - {system: ky, action: enter, data: [person]}
"""
    passing_example = """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef,
     data: {person: integration}}
processes:
  - id: kontanthjaelp
    name: Ansøgning om kontanthjælp
    steps:
      - {system: ky, action: lookup, data: [person]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Inventory system: fine at master/manual; catalogue system: fine only at the authority."""
        inv = ctx.inventory
        for pid, e in inv.processes.items():
            seen: set[tuple[str, str]] = set()
            for n, step in enumerate(e.model.steps):
                if step.action is not Action.ENTER:
                    continue
                sid = inv.current_id(step.system)
                for oid in step.data:
                    if (sid, oid) in seen:
                        continue
                    seen.add((sid, oid))
                    text = _mismatch(ctx, e.model.name, sid, oid)
                    if text is not None:
                        related = (
                            e.value_loc("steps", n),
                            *_system_loc(inv, sid),
                            *_object_loc(inv, oid),
                        )
                        yield self.finding((pid, sid, oid), text, e.loc, related)


def _system_loc(inv: Inventory, sid: str) -> tuple[Location, ...]:
    declared = inv.systems.get(sid)
    return (declared.loc,) if declared is not None else ()


def _mismatch(ctx: AuditContext, process: str, sid: str, oid: str) -> Text | None:
    """Why entering ``oid`` into ``sid`` disagrees with the inventory, or None when it is fine."""
    inv = ctx.inventory
    name = called(ctx.graph, sid)
    system = inv.systems.get(sid)
    if system is not None:
        use = system.model.data.get(oid)
        if use is DataUse.MASTER or use is DataUse.MANUAL:
            return None
        if use is DataUse.INTEGRATION:
            return Text(
                f"I arbejdsgangen {process} tastes {oid} ind i {name}, der får {oid} via "
                f"integration; få integrationen til at levere, eller skriv '{oid}: manual' i "
                f"data for {name}",
                f"The process {process} keys {oid} into {name}, which gets {oid} by integration; "
                f"make the integration deliver it, or record '{oid}: manual' in {name}'s data",
            )
        return Text(
            f"I arbejdsgangen {process} tastes {oid} ind i {name}, men {oid} står ikke i data "
            f"for {name}; tilføj {oid} (master eller manual)",
            f"The process {process} keys {oid} into {name}, but {name}'s data do not list {oid}; "
            f"add {oid} (master or manual)",
        )
    if sid not in inv.catalogue.systems:
        return None  # an unknown system is KM005 already: no cascade
    obj = inv.catalogue.objects.get(oid)
    authority = obj.authority if obj is not None else None
    if authority == sid:
        return None
    where = (
        (
            f"kun hos autoriteten {called(ctx.graph, authority)}",
            f"only at its authority {called(ctx.graph, authority)}",
        )
        if authority is not None
        else ("i kommunens eget mastersystem", "in the municipality's own master system")
    )
    return Text(
        f"I arbejdsgangen {process} tastes {oid} ind i den fælleskommunale komponent {name}; "
        f"{oid} tastes {where[0]}",
        f"The process {process} keys {oid} into the common component {name}; {oid} is "
        f"entered {where[1]}",
    )


RULES: tuple[type[Rule], ...] = (RepeatedLookup, ReKeying, ProcessDataMismatch)
