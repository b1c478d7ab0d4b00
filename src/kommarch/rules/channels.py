"""Rammearkitektur gaps in how integrations travel: KM301, KM308, KM309, KM310.

KM301 (FDA principle 6, AR 6.1 "Gode data deles og genbruges"): register data come from the
register, through any official channel (Serviceplatformen, Datafordeleren, the registers' own
system-to-system services) or the municipality's integration platform, never from a municipal
or vendor copy. KM308 (principle 7, AR 7.1): business events go through Beskedfordeleren or an
integration platform. KM309 and KM310 (principle 8, AR 8.1): no closed service, and none being
phased out. KM301 and KM308 look at every active integration, KM309 and KM310 at active and
planned ones. Part of the infrastructure family (:mod:`kommarch.rules.infrastructure`).
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.catalogue import ObjectKind, ServiceState
from kommarch.findings import Finding, Severity, Text
from kommarch.graph import DIRECT
from kommarch.inventory.models import IntegrationStatus, Mechanism, SystemType
from kommarch.rules.base import AuditContext, Cascade, Mandatory, Principle, ReportSection, Rule
from kommarch.rules.hints import (
    INFRASTRUCTURE_GROUP,
    called,
    capitalised,
    fetch_hint,
    integration_text,
    short_name,
)

_KY = "systems:\n  - {id: ky, name: KY, type: line-of-business, status: in-use,\n"


class RegisterDataFromCopy(Rule):
    """Register data are taken from a local or vendor copy instead of from the register."""

    code = "KM301"
    name = "register-data-from-copy"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.INTEGRATION
    principle = Principle.P6
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration, dataobjekt", "integration, object")
    title = Text(
        "En aktiv integration henter et registerobjekt fra et system i systemoversigten (ikke en "
        "integrationsplatform): fra en kopi, ikke fra registeret",
        "An active integration carries a register object from an inventory system (not an "
        "integration platform): from a copy, not from the register",
    )
    rationale = Text(
        "Grunddata skal genbruges fra registeret selv: via Serviceplatformen, Datafordeleren "
        "eller registrets egne system-til-system-services, eller gennem kommunens "
        "integrationsplatform. En kommunal kopi eller leverandørkopi forældes, har ingen "
        "serviceaftale og logger ikke opslagene (princip 6, AR 6.1).",
        "Basic data are to be reused from the register itself: through Serviceplatformen, "
        "Datafordeleren or the register's own system-to-system services, or through the "
        "municipality's integration platform. A municipal or vendor copy goes stale, has no "
        "service agreement and does not log the look-ups (principle 6, AR 6.1).",
    )
    remediation = Text(
        "Hent data fra registeret (fx CPR via Serviceplatformen, SF1520) eller gennem "
        "integrationsplatformen i stedet for fra et andet systems kopi.",
        "Fetch the data from the register (e.g. CPR through Serviceplatformen, SF1520) or "
        "through the integration platform instead of from another system's copy.",
    )
    failing_example = (
        _KY
        + """     data: {person: integration}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {person: integration}}
integrations:
  - {from: cpr, to: sbsys, data: [person], via: serviceplatformen, service: SF1520}
  - {from: sbsys, to: ky, data: [person], mechanism: file}
"""
    )
    passing_example = (
        _KY
        + """     data: {person: integration}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {person: integration}}
integrations:
  - {from: cpr, to: sbsys, data: [person], via: serviceplatformen, service: SF1520}
  - {from: cpr, to: ky, data: [person]}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (active integration, register object) out of a copy."""
        g = ctx.graph
        systems = ctx.inventory.systems
        for iid in g.active:
            entry = ctx.inventory.integrations[iid]
            m = entry.model
            source = systems.get(m.from_)
            if source is None or source.model.type is SystemType.INTEGRATION_PLATFORM:
                continue
            for oid in m.data:
                if g.object_kind(oid) is not ObjectKind.REGISTER:
                    continue
                register = g.authority(oid) or oid
                fix = fetch_hint(g, oid)
                link, copy = capitalised(integration_text(g, iid)), called(g, m.from_)
                yield self.finding(
                    (iid, oid),
                    Text(
                        f"{link.da} henter {oid} fra en kopi i {copy}, ikke fra "
                        f"{short_name(g, register)}; {fix.da}",
                        f"{link.en} takes {oid} from a copy in {copy}, not from "
                        f"{short_name(g, register)}; {fix.en}",
                    ),
                    entry.loc,
                )


class PointToPointEvents(Rule):
    """Business events go point to point instead of through a message broker."""

    code = "KM308"
    name = "point-to-point-events"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.INTEGRATION
    principle = Principle.P7
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En aktiv `message`-integration mellem to systemer i systemoversigten går direkte",
        "An active `message` integration between two inventory systems goes direct",
    )
    rationale = Text(
        "Hændelser sendt direkte mellem to systemer binder dem sammen; gennem Beskedfordeleren "
        "eller en integrationsplatform kan nye modtagere abonnere uden at ændre afsenderen "
        "(princip 7, AR 7.1).",
        "Events sent straight from one system to another tie the two together; through the "
        "Beskedfordeler or an integration platform new consumers subscribe without changing "
        "the sender (principle 7, AR 7.1).",
    )
    remediation = Text(
        "Send beskederne via Beskedfordeleren (SF1461) eller kommunens integrationsplatform.",
        "Send the messages through the Beskedfordeler (SF1461) or the municipality's "
        "integration platform.",
    )
    failing_example = """systems:
  - {id: nexus, name: Nexus, type: line-of-business, status: in-use, data: {sag: master}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, data: {sag: integration}}
integrations:
  - {from: nexus, to: sbsys, data: [sag], mechanism: message}
"""
    passing_example = failing_example.replace(
        "mechanism: message", "mechanism: message, via: beskedfordeler"
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per direct active message integration between inventory systems."""
        g = ctx.graph
        systems = ctx.inventory.systems
        alternative = (
            Text(f" eller {called(g, g.platforms[0])}", f" or {called(g, g.platforms[0])}")
            if g.platforms
            else Text.same("")
        )
        for iid in g.active:
            entry = ctx.inventory.integrations[iid]
            m = entry.model
            if (
                m.mechanism is not Mechanism.MESSAGE
                or m.via not in (None, DIRECT)
                or m.from_ not in systems
                or m.to not in systems
            ):
                continue
            link = capitalised(integration_text(g, iid))
            yield self.finding(
                (iid,),
                Text(
                    f"{link.da} sender beskeder direkte; send dem via "
                    f"Beskedfordeleren (SF1461){alternative.da}",
                    f"{link.en} sends its messages directly; send them through "
                    f"the Beskedfordeler (SF1461){alternative.en}",
                ),
                entry.loc,
            )


def _service_findings(
    rule: Rule, ctx: AuditContext, state: ServiceState, what: Text
) -> Iterable[Finding]:
    """One finding per active or planned integration naming a service in ``state``."""
    services = ctx.inventory.catalogue.services
    for iid, entry in ctx.inventory.integrations.items():
        m = entry.model
        service = services.get(m.service) if m.service is not None else None
        if service is None or service.state is not state or m.status is IntegrationStatus.RETIRED:
            continue
        heir = services.get(service.successor) if service.successor else None
        fix = (
            Text(f"skift til {heir.id} ({heir.name})", f"move to {heir.id} ({heir.name})")
            if heir is not None
            else Text(
                "find den afløsende service hos KOMBIT", "find the successor service with KOMBIT"
            )
        )
        link = integration_text(ctx.graph, iid)
        label = service.name.split(" (")[0]
        yield rule.finding(
            (iid,),
            Text(
                f"{link.da[0].upper()}{link.da[1:]} bruger {what.da} {service.id} ({label}); "
                f"{fix.da}",
                f"{link.en[0].upper()}{link.en[1:]} uses the {what.en} {service.id} ({label}); "
                f"{fix.en}",
            ),
            entry.loc,
        )


class ClosedService(Rule):
    """An integration uses a service that is closed: it cannot work."""

    code = "KM309"
    name = "closed-service"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.IDS
    mandatory = Mandatory(
        "no_closed_service", Text("Ingen lukkede services i brug", "No closed service in use")
    )
    principle = Principle.P8
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En integration bruger en lukket service (SF1600, lukket med den nye Digital Post i 2022)",
        "An integration names a closed service (SF1600, closed when the new Digital Post went "
        "live in 2022)",
    )
    rationale = Text(
        "En lukket service svarer ikke længere; integrationen virker ikke, og de data eller "
        "breve, den skulle bære, kommer ikke frem (princip 8, AR 8.1).",
        "A closed service no longer answers; the integration does not work, and the data or "
        "letters it should carry never arrive (principle 8, AR 8.1).",
    )
    remediation = Text(
        "Skift til den afløsende service (SF1601 i stedet for SF1600).",
        "Move to the successor service (SF1601 instead of SF1600).",
    )
    failing_example = (
        _KY
        + """     data: {brev: master}}
integrations:
  - {from: ky, to: postkomponent, data: [brev], via: serviceplatformen, service: SF1600}
"""
    )
    passing_example = failing_example.replace("SF1600", "SF1601")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per active or planned integration naming a closed service."""
        return _service_findings(
            self, ctx, ServiceState.CLOSED, Text("den lukkede service", "closed service")
        )


class PhasingOutService(Rule):
    """An integration uses a service that is being phased out."""

    code = "KM310"
    name = "phasing-out-service"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P8
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En integration bruger en service under udfasning (SF1460_A/B/D, afløst af SF1461)",
        "An integration names a service being phased out (SF1460_A/B/D, replaced by SF1461)",
    )
    rationale = Text(
        "En service under udfasning lukkes; integrationer, der bruger den, holder op med at "
        "virke, hvis de ikke flyttes i tide (princip 8, AR 8.1).",
        "A service being phased out will close; integrations using it stop working unless "
        "they move in time (principle 8, AR 8.1).",
    )
    remediation = Text(
        "Planlæg skiftet til den afløsende service (SF1461 i stedet for SF1460_A/B/D).",
        "Plan the move to the successor service (SF1461 instead of SF1460_A/B/D).",
    )
    failing_example = """systems:
  - {id: nexus, name: Nexus, type: line-of-business, status: in-use, data: {sag: master}}
integrations:
  - {from: beskedfordeler, to: nexus, data: [sag], service: SF1460_A}
  - {from: nexus, to: beskedfordeler, data: [sag], service: SF1460_C}
"""
    passing_example = failing_example.replace("SF1460_A", "SF1461")

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per active or planned integration naming a service being phased out."""
        return _service_findings(
            self,
            ctx,
            ServiceState.PHASING_OUT,
            Text("servicen under udfasning", "service being phased out"),
        )


RULES: tuple[type[Rule], ...] = (
    RegisterDataFromCopy,
    PointToPointEvents,
    ClosedService,
    PhasingOutService,
)
