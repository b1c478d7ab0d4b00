"""Integration-subject rules of the integration family, KM203, KM204, KM206, KM207: principle 7.

Each looks at every active integration (section 13); KM207 only where the consumer is audited.
The system-subject rules of the family and its ``RULES`` table are in
:mod:`kommarch.rules.integration`.
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.models import Mechanism, SystemStatus
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule
from kommarch.rules.hints import (
    INTEGRATION_GROUP,
    called,
    capitalised,
    fetch_hint,
    integration_text,
    names,
    object_related,
)

_SYSTEM = """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use,
     data: {person: integration}}
integrations:
"""
_CPR = "  - {from: cpr, to: ky, data: [person], via: serviceplatformen, service: SF1520"


class ManualIntegration(Rule):
    """An active integration is done by hand or by a robot."""

    code = "KM203"
    name = "manual-integration"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P7
    section = ReportSection.PRINCIPLES
    group = INTEGRATION_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En aktiv integration bruger `mechanism: manual` eller `rpa`",
        "An active integration uses `mechanism: manual` or `rpa`",
    )
    rationale = Text(
        "Manuel eksport/import og robotter (RPA) er skrøbelige, forsinkede og knækker ved hver "
        "skærmændring; de skjuler en manglende snitflade.",
        "Manual export/import and robots (RPA) are fragile and late and break with every screen "
        "change; they hide a missing interface.",
    )
    remediation = Text(
        "Erstat integrationen med en api- eller beskedbaseret snitflade efter fælles standarder "
        "(AR 7.1).",
        "Replace the integration with an API or message interface following common standards "
        "(AR 7.1).",
    )
    failing_example = _SYSTEM + _CPR + ", mechanism: rpa}\n"
    passing_example = failing_example.replace("rpa", "api")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per active manual or RPA integration."""
        for iid in ctx.graph.active:
            entry = ctx.inventory.integrations[iid]
            m = entry.model
            if m.mechanism not in (Mechanism.MANUAL, Mechanism.RPA):
                continue
            how = (
                Text("manuelt", "by hand")
                if m.mechanism is Mechanism.MANUAL
                else Text("med en robot (rpa)", "by a robot (rpa)")
            )
            carried = names(m.data)
            link = capitalised(integration_text(ctx.graph, iid))
            yield self.finding(
                (iid,),
                Text(
                    f"{link.da} flytter {carried.da} {how.da}; "
                    "erstat den med en api- eller beskedintegration",
                    f"{link.en} moves {carried.en} {how.en}; "
                    "replace it with an API or message integration",
                ),
                entry.loc,
            )


class RetiredEndpoint(Rule):
    """An active integration connects a retired system."""

    code = "KM204"
    name = "retired-endpoint"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P7
    section = ReportSection.INTEGRATIONS
    group = INTEGRATION_GROUP
    subjects = Text("integration, system", "integration, system")
    title = Text(
        "En aktiv integration har et udfaset (`retired`) system i en af enderne",
        "An active integration has a `retired` system at either end",
    )
    rationale = Text(
        "Enten kører integrationen ikke længere, og modtageren får ingen data, eller også kører "
        "det udfasede system stadig: systemoversigten er forkert.",
        "Either the integration no longer runs and the consumer gets nothing, or the retired "
        "system still runs: the inventory is wrong either way.",
    )
    remediation = Text(
        "Flyt integrationen til det system, der afløser det udfasede, eller sæt integrationens "
        "status til `retired`.",
        "Move the integration to the system that replaced the retired one, or set the "
        "integration's status to `retired`.",
    )
    failing_example = """systems:
  - {id: kmd-aktiv, name: KMD Aktiv, type: line-of-business, status: retired,
     data: {ydelse: master}}
  - {id: ky, name: KY, type: line-of-business, status: in-use, replaces: kmd-aktiv,
     data: {ydelse: master}}
integrations:
  - {from: kmd-aktiv, to: ydelsesindeks, data: [ydelse]}
"""
    passing_example = """systems:
  - {id: kmd-aktiv, name: KMD Aktiv, type: line-of-business, status: retired,
     data: {ydelse: master}}
  - {id: ky, name: KY, type: line-of-business, status: in-use, replaces: kmd-aktiv,
     data: {ydelse: master}}
integrations:
  - {from: ky, to: ydelsesindeks, data: [ydelse]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per retired end of an active integration."""
        inv = ctx.inventory
        successors: dict[str, str] = {}  # retired id -> its non-retired successor, first by id
        for sid, e in inv.systems.items():
            if e.model.replaces and e.model.status is not SystemStatus.RETIRED:
                old = inv.current_id(e.model.replaces)
                successors[old] = min(sid, successors.get(old, sid))
        retired = {sid for sid, e in inv.systems.items() if e.model.status is SystemStatus.RETIRED}
        if not retired:
            return
        for iid in ctx.graph.active:
            entry = inv.integrations[iid]
            for end in dict.fromkeys((entry.model.from_, entry.model.to)):
                if end not in retired:
                    continue
                system = inv.systems[end]
                heir = successors.get(end)
                old = called(ctx.graph, end)
                fix = (
                    Text(
                        f"flyt den til {called(ctx.graph, heir)}, der afløser {old}",
                        f"move it to {called(ctx.graph, heir)}, which replaced {old}",
                    )
                    if heir
                    else Text("ret eller udfas integrationen", "fix or retire the integration")
                )
                link = capitalised(integration_text(ctx.graph, iid))
                yield self.finding(
                    (iid, end),
                    Text(
                        f"{link.da} er aktiv, men {old} er udfaset; {fix.da}",
                        f"{link.en} is active but {old} is retired; {fix.en}",
                    ),
                    entry.loc,
                    (system.loc,),
                )


class ProviderLacksData(Rule):
    """An integration carries data its provider does not hold."""

    code = "KM206"
    name = "provider-lacks-data"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.INTEGRATION
    principle = Principle.P7
    section = ReportSection.INTEGRATIONS
    group = INTEGRATION_GROUP
    subjects = Text("integration, dataobjekt", "integration, object")
    title = Text(
        "En aktiv integration fører X fra en afsender, der ikke har X",
        "An active integration carries X from a provider that does not hold X",
    )
    rationale = Text(
        "En afsender kan ikke levere data, den ikke har: enten er afsenderens data ufuldstændigt "
        "beskrevet, eller data kommer i virkeligheden et andet sted fra.",
        "A provider cannot deliver data it does not hold: either its data are incompletely "
        "declared, or the data really come from somewhere else.",
    )
    remediation = Text(
        "Tilføj objektet til afsenderens `data`, eller ret integrationens `from` til den rigtige "
        "kilde.",
        "Add the object to the provider's `data`, or point the integration's `from` at the real "
        "source.",
    )
    failing_example = """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, data: {person: integration}}
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {sag: master}}
integrations:
  - {from: momentum, to: ky, data: [person]}
"""
    passing_example = _SYSTEM + _CPR + "}\n"

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (active integration, object) whose provider does not hold it."""
        g = ctx.graph
        integrations = ctx.inventory.integrations
        catalogue = ctx.inventory.catalogue.systems
        for iid, obj in g.carried:
            p = integrations[iid].model.from_
            if not g.is_system(p) or g.holds(p, obj):
                continue
            hint = fetch_hint(g, obj)
            name = called(g, p)
            if p in ctx.inventory.systems:
                why = Text(
                    f"{obj} står ikke i data for {name}; tilføj det, eller {hint.da}",
                    f"{name}'s data do not list {obj}; add it or {hint.en}",
                )
            elif catalogue[p].passes_on:
                why = Text(
                    f"ingen aktiv integration leverer {obj} til {name}; {hint.da}",
                    f"no active integration delivers {obj} to {name}; {hint.en}",
                )
            else:
                why = Text(
                    f"{name} har ikke {obj}; {hint.da}", f"{name} does not hold {obj}; {hint.en}"
                )
            link = capitalised(integration_text(g, iid))
            yield self.finding(
                (iid, obj),
                Text(
                    f"{link.da} leverer {obj}, men {why.da}",
                    f"{link.en} carries {obj}, but {why.en}",
                ),
                integrations[iid].loc,
                object_related(g, obj),
            )


class UndeclaredDelivery(Rule):
    """An integration delivers data the consuming system does not declare."""

    code = "KM207"
    name = "undeclared-delivery"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.INTEGRATION
    principle = Principle.P7
    section = ReportSection.DATA_QUALITY
    group = INTEGRATION_GROUP
    subjects = Text("integration, dataobjekt", "integration, object")
    title = Text(
        "En aktiv integration leverer X til et system, hvis `data` ikke nævner X",
        "An active integration delivers X to a system whose `data` does not list X",
    )
    rationale = Text(
        "Systemets `data` er grundlaget for hele gennemgangen; data, der leveres uden at stå der, "
        "gør billedet af, hvor data findes, ufuldstændigt.",
        "A system's `data` map is what the whole audit rests on; data delivered without being "
        "listed there leave the picture of where data live incomplete.",
    )
    remediation = Text(
        "Tilføj objektet til modtagerens `data` som `integration`, eller fjern det fra "
        "integrationens `data`.",
        "Add the object to the consumer's `data` as `integration`, or remove it from the "
        "integration's `data`.",
    )
    failing_example = _SYSTEM + "  - {from: datafordeleren, to: ky, data: [person, adresse]}\n"
    passing_example = failing_example.replace(
        "{person: integration}", "{person: integration, adresse: integration}"
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (active integration, object) an audited consumer does not list."""
        g = ctx.graph
        inv = ctx.inventory
        for iid, obj in g.carried:
            to = inv.integrations[iid].model.to
            if not g.is_audited(to) or obj in inv.systems[to].model.data:
                continue
            link = capitalised(integration_text(g, iid))
            name = called(g, to)
            yield self.finding(
                (iid, obj),
                Text(
                    f"{link.da} leverer {obj}, men {obj} står ikke i data for {name}; "
                    f"tilføj '{obj}: integration' til {name}, eller fjern {obj} fra "
                    "integrationen",
                    f"{link.en} delivers {obj}, but {name}'s data do not list {obj}; add "
                    f"'{obj}: integration' to {name} or drop {obj} from the integration",
                ),
                inv.integrations[iid].loc,
                object_related(g, obj),
            )


RULES: tuple[type[Rule], ...] = (
    ManualIntegration,
    RetiredEndpoint,
    ProviderLacksData,
    UndeclaredDelivery,
)
