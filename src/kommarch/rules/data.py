"""Duplicate data entry (dobbeltindtastning), KM101-KM105: FDA principle 6.

"Gode data deles og genbruges": data are registered once, where they belong, and reused from
there. These rules read the ``data`` maps of the audited systems (in-use and phasing-out).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from kommarch.catalogue import ObjectKind
from kommarch.findings import Finding, Severity, Text
from kommarch.graph import Graph
from kommarch.inventory.location import Location
from kommarch.inventory.models import DataUse, Indicator
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule
from kommarch.rules.hints import (
    DATA_GROUP,
    called,
    fetch_hint,
    names,
    object_related,
    short_name,
    system_related,
)

_SYSTEM = """systems:
  - id: ky
    name: Kommunernes Ydelsessystem
    type: line-of-business
    status: in-use
"""


def _uses(graph: Graph, use: DataUse, kind: ObjectKind) -> Iterator[tuple[str, str]]:
    """(system, object) for every audited system with ``use`` for an object of ``kind``."""
    systems = graph.inventory.systems
    for sid in graph.audited:
        for obj, u in systems[sid].model.data.items():
            if u is use and graph.object_kind(obj) is kind:
                yield sid, obj


def _object_loc(graph: Graph, obj: str, systems: tuple[str, ...]) -> Location:
    """The object's declaration; for a built-in, the ``data`` key of the first system by id."""
    declared = graph.inventory.data_objects.get(obj)
    if declared is not None:
        return declared.loc
    return graph.inventory.systems[systems[0]].key_loc("data", obj)


class RegisterDataKeyedIn(Rule):
    """A system keys in register data by hand although a national register holds it."""

    code = "KM101"
    name = "register-data-keyed-in"
    severity = Severity.ERROR
    feeds = (Indicator.REGISTER_DATA_REUSED, Indicator.NO_DUPLICATE_ENTRY)
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DUPLICATES
    group = DATA_GROUP
    subjects = Text("system, dataobjekt", "system, object")
    title = Text(
        "Et system har `manual` for et registerobjekt",
        "A system has `manual` for a register object",
    )
    rationale = Text(
        "Persondata, virksomheder, adresser, bygninger, matrikler, ejendomme og indkomst findes i "
        "de nationale grunddataregistre. Taster sagsbehandlerne dem ind igen, bliver de forkerte "
        "og forældede, og borgeren bliver spurgt to gange (AR 6.1).",
        "Persons, companies, addresses, buildings, parcels, property and income live in the "
        "national basic data registers. Keying them in again makes them wrong and stale and asks "
        "the citizen twice (AR 6.1).",
    )
    remediation = Text(
        "Hent data fra registret via Serviceplatformen (fx SF1520 for CPR) eller Datafordeleren, "
        "og sæt objektet til `integration`.",
        "Fetch the data from the register through Serviceplatformen (e.g. SF1520 for CPR) or "
        "Datafordeleren, and set the object to `integration`.",
    )
    failing_example = _SYSTEM + "    data: {person: manual}\n"
    passing_example = (
        _SYSTEM
        + """    data: {person: integration}
integrations:
  - {from: cpr, to: ky, data: [person], via: serviceplatformen, service: SF1520}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (system, register object) keyed in by hand."""
        g = ctx.graph
        for sid, obj in _uses(g, DataUse.MANUAL, ObjectKind.REGISTER):
            reg, hint = short_name(g, g.authority(obj) or obj), fetch_hint(g, obj)
            who = called(g, sid)
            yield self.finding(
                (sid, obj),
                Text(
                    f"{who} taster {obj} ind manuelt, selvom data findes i {reg}; {hint.da}",
                    f"{who} keys in {obj} by hand although {reg} holds it; {hint.en}",
                ),
                ctx.inventory.systems[sid].loc,
            )


class DuplicateEntry(Rule):
    """A system keys in a municipal data object by hand (dobbeltindtastning)."""

    code = "KM102"
    name = "duplicate-entry"
    severity = Severity.WARNING
    feeds = (Indicator.NO_DUPLICATE_ENTRY,)
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DUPLICATES
    group = DATA_GROUP
    subjects = Text("system, dataobjekt", "system, object")
    title = Text(
        "Et system har `manual` for et kommunalt dataobjekt",
        "A system has `manual` for a municipal data object",
    )
    rationale = Text(
        "Data, der tastes ind i flere systemer, koster sagsbehandlertid og bliver uens. Kommunens "
        "egne data skal oprettes ét sted og deles derfra (AR 6.1).",
        "Data typed into several systems cost caseworker time and drift apart. The "
        "municipality's own data should be created in one place and shared from there (AR 6.1).",
    )
    remediation = Text(
        "Hent objektet fra dets mastersystem med en integration (gerne via kommunens "
        "integrationsplatform), og sæt det til `integration`.",
        "Fetch the object from its master system by an integration (through the municipality's "
        "integration platform, if it has one) and set it to `integration`.",
    )
    failing_example = """systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, data: {sag: master}}
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use, data: {sag: manual}}
integrations:
  - {from: sbsys, to: sdi, data: [sag]}
"""
    passing_example = """systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, data: {sag: master}}
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {sag: integration}}
integrations:
  - {from: sbsys, to: sdi, data: [sag]}
  - {from: sbsys, to: momentum, data: [sag]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (system, municipal object) keyed in by hand."""
        g = ctx.graph
        for sid, obj in _uses(g, DataUse.MANUAL, ObjectKind.MUNICIPAL):
            hint, who = fetch_hint(g, obj), called(g, sid)
            yield self.finding(
                (sid, obj),
                Text(
                    f"{who} taster {obj} ind manuelt (dobbeltindtastning); {hint.da}",
                    f"{who} keys in {obj} by hand (duplicate data entry); {hint.en}",
                ),
                ctx.inventory.systems[sid].loc,
                object_related(g, obj),
            )


class MultipleMasters(Rule):
    """Two or more systems claim to master a single-master municipal data object."""

    code = "KM103"
    name = "multiple-masters"
    severity = Severity.ERROR
    feeds = (Indicator.OWNERSHIP,)
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DUPLICATES
    group = DATA_GROUP
    subjects = Text("dataobjekt, mastersystemerne", "object, the master systems")
    title = Text(
        "To eller flere systemer er `master` af et kommunalt objekt med én master",
        "Two or more systems are `master` of a single-master municipal object",
    )
    rationale = Text(
        "Med flere mastere ved ingen, hvilken version der gælder; data tastes ind flere steder "
        "og glider fra hinanden.",
        "With several masters nobody knows which version holds; the data are keyed in several "
        "places and drift apart.",
    )
    remediation = Text(
        "Udpeg ét mastersystem; lad de andre hente objektet derfra (`integration`), eller "
        "erklær objektet `masters: many`, hvis hvert system ejer sin egen del.",
        "Choose one master system and let the others fetch the object from it "
        "(`integration`), or declare the object `masters: many` if each system owns its part.",
    )
    failing_example = """data_objects:
  - {id: handleplan, name: Borgerens handleplan}
systems:
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {handleplan: master}}
  - {id: dubu, name: DUBU, type: line-of-business, status: in-use, data: {handleplan: master}}
integrations:
  - {from: momentum, to: dubu, data: [handleplan]}
"""
    passing_example = """data_objects:
  - {id: handleplan, name: Borgerens handleplan}
systems:
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {handleplan: master}}
  - {id: dubu, name: DUBU, type: line-of-business, status: in-use,
     data: {handleplan: integration}}
integrations:
  - {from: momentum, to: dubu, data: [handleplan]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per single-master object with several audited masters."""
        g = ctx.graph
        for obj in g.held_objects():
            masters = g.audited_masters(obj)
            if len(masters) < 2 or not g.single_master(obj):
                continue
            listed = names([called(g, s) for s in masters])
            yield self.finding(
                (obj, *masters),
                Text(
                    f"{obj} har flere mastersystemer ({listed.da}); udpeg ét, og lad de andre "
                    f"hente {obj} derfra",
                    f"{obj} has several master systems ({listed.en}); choose one and let the "
                    f"others fetch {obj} from it",
                ),
                _object_loc(g, obj, masters),
                system_related(g, *masters),
            )


class NoMaster(Rule):
    """A municipal data object is held by systems but mastered by none."""

    code = "KM104"
    name = "no-master"
    severity = Severity.WARNING
    feeds = (Indicator.OWNERSHIP,)
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DUPLICATES
    group = DATA_GROUP
    subjects = Text("dataobjekt", "object")
    title = Text(
        "Et kommunalt objekt findes i systemer, men intet system er `master`",
        "A municipal object is held by some system but mastered by none",
    )
    rationale = Text(
        "Uden en master er der ingen autoritativ version: hvert system har sin kopi, og ingen "
        "ved, hvor data skal rettes.",
        "Without a master there is no authoritative version: each system has its own copy and "
        "nobody knows where to correct the data.",
    )
    remediation = Text(
        "Udpeg det system, hvor objektet oprettes og vedligeholdes, som `master`.",
        "Mark the system where the object is created and maintained as its `master`.",
    )
    failing_example = """data_objects:
  - {id: handleplan, name: Borgerens handleplan}
systems:
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {handleplan: manual}}
"""
    passing_example = """data_objects:
  - {id: handleplan, name: Borgerens handleplan}
systems:
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {handleplan: master}}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per municipal object audited systems hold but none masters.

        A built-in object has no declaration: the finding points at the ``data`` key of its
        first holder by id.
        """
        g = ctx.graph
        for obj in g.held_objects():
            if g.audited_masters(obj) or g.object_kind(obj) is not ObjectKind.MUNICIPAL:
                continue
            holders = g.audited_holders(obj)
            listed = names([called(g, s) for s in holders])
            yield self.finding(
                (obj,),
                Text(
                    f"{obj} findes i {listed.da}, men intet system er master; udpeg det "
                    f"system, hvor {obj} oprettes og vedligeholdes",
                    f"{obj} is held by {listed.en} but no system masters it; mark the system "
                    f"where {obj} is created and maintained as its master",
                ),
                _object_loc(g, obj, holders),
            )


class RegisterDataMasteredLocally(Rule):
    """A system claims to master data that a national register owns."""

    code = "KM105"
    name = "register-data-mastered-locally"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DUPLICATES
    group = DATA_GROUP
    subjects = Text("system, dataobjekt", "system, object")
    title = Text(
        "Et system er `master` af et registerobjekt",
        "A system claims `master` of a register object",
    )
    rationale = Text(
        "Grunddata har én autoritativ kilde: det nationale register. En lokal master er en "
        "skyggekopi, der hurtigt bliver forældet.",
        "Basic data have one authoritative source, the national register. A local master is a "
        "shadow copy that soon goes stale.",
    )
    remediation = Text(
        "Hent data fra registret via Serviceplatformen eller Datafordeleren, og sæt objektet "
        "til `integration`.",
        "Fetch the data from the register through Serviceplatformen or Datafordeleren and set "
        "the object to `integration`.",
    )
    failing_example = _SYSTEM + "    data: {virksomhed: master}\n"
    passing_example = (
        _SYSTEM
        + """    data: {virksomhed: integration}
integrations:
  - {from: cvr, to: ky, data: [virksomhed], via: serviceplatformen, service: SF1530}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (system, register object) the system claims to master."""
        g = ctx.graph
        for sid, obj in _uses(g, DataUse.MASTER, ObjectKind.REGISTER):
            reg, hint = short_name(g, g.authority(obj) or obj), fetch_hint(g, obj)
            who = called(g, sid)
            yield self.finding(
                (sid, obj),
                Text(
                    f"{who} er angivet som master for {obj}, men {reg} er den autoritative "
                    f"kilde; {hint.da}",
                    f"{who} claims to master {obj}, but {reg} is the authoritative source; "
                    f"{hint.en}",
                ),
                ctx.inventory.systems[sid].loc,
            )


RULES: tuple[type[Rule], ...] = (
    RegisterDataKeyedIn,
    DuplicateEntry,
    MultipleMasters,
    NoMaster,
    RegisterDataMasteredLocally,
)
