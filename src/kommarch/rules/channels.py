"""Rammearkitektur gaps in how integrations travel, KM301, KM308, KM309: FDA principle 8.

"Data og services leveres driftssikkert" (AR 8.1: deliver data through the agreed distribution
channels): register data come through Serviceplatformen or Datafordeleren, business events
through Beskedfordeleren or an integration platform, and only through services that are not
phased out. KM301 and KM308 look at every active integration, KM309 at active and planned ones.
Part of the infrastructure family (:mod:`kommarch.rules.infrastructure`).
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.findings import Finding, Severity, Text
from kommarch.graph import DIRECT
from kommarch.inventory.models import IntegrationStatus, Mechanism
from kommarch.rules.base import AuditContext, Principle, Rule
from kommarch.rules.hints import INFRASTRUCTURE_GROUP, channel

_REGISTER_CHANNELS = frozenset({"serviceplatformen", "datafordeleren"})
_KY = "systems:\n  - {id: ky, name: KY, type: line-of-business, status: in-use,\n"


class RegisterBypassesInfrastructure(Rule):
    """Register data come straight from the register, not through the common infrastructure."""

    code = "KM301"
    name = "register-bypasses-infrastructure"
    severity = Severity.ERROR
    principle = Principle.P8
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En aktiv integration fra et nationalt register går ikke via "
        "`serviceplatformen` eller `datafordeleren`",
        "An active integration from a national register does not go via "
        "`serviceplatformen` or `datafordeleren`",
    )
    rationale = Text(
        "Grunddata skal hentes gennem de aftalte distributionskanaler; private udtræk, "
        "leverandørkopier og direkte linjer er uden serviceaftale, logning og opdatering "
        "(princip 8, AR 8.1).",
        "Basic data must come through the agreed distribution channels; private extracts, "
        "vendor copies and direct lines have no service agreement, logging or updates "
        "(principle 8, AR 8.1).",
    )
    remediation = Text(
        "Hent data via Serviceplatformen (fx SF1520 for CPR, SF1530 for CVR) eller "
        "Datafordeleren, og angiv `via`.",
        "Fetch the data through Serviceplatformen (e.g. SF1520 for CPR, SF1530 for CVR) or "
        "Datafordeleren, and state `via`.",
    )
    failing_example = (
        _KY
        + """     data: {person: integration}}
integrations:
  - {from: cpr, to: ky, data: [person], mechanism: file}
"""
    )
    passing_example = (
        _KY
        + """     data: {person: integration}}
integrations:
  - {from: cpr, to: ky, data: [person], via: serviceplatformen, service: SF1520}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per active integration out of a register by another way."""
        g = ctx.graph
        for iid in g.active:
            entry = ctx.inventory.integrations[iid]
            m = entry.model
            if not g.is_register(m.from_) or m.via in _REGISTER_CHANNELS:
                continue
            how = (
                Text("direkte", "directly")
                if m.via in (None, DIRECT)
                else Text(f"via {m.via}", f"through {m.via}")
            )
            src = next((g.suggested_source(o) for o in m.data if g.authority(o) == m.from_), None)
            fix = (
                channel(src.via, src.service)
                if src is not None and src.via is not None
                else Text(
                    " via Serviceplatformen eller Datafordeleren",
                    " through Serviceplatformen or Datafordeleren",
                )
            )
            yield self.finding(
                (iid,),
                Text(
                    f"{iid} henter data fra {m.from_} {how.da} uden om den fælles infrastruktur; "
                    f"hent dem{fix.da}",
                    f"{iid} takes data from {m.from_} {how.en}, bypassing the common "
                    f"infrastructure; fetch them{fix.en}",
                ),
                entry.loc,
            )


class PointToPointEvents(Rule):
    """Business events go point to point instead of through a message broker."""

    code = "KM308"
    name = "point-to-point-events"
    severity = Severity.INFO
    principle = Principle.P8
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En aktiv `message`-integration mellem to systemer i inventaret går direkte",
        "An active `message` integration between two inventory systems goes direct",
    )
    rationale = Text(
        "Hændelser sendt direkte mellem to systemer binder dem sammen; gennem Beskedfordeleren "
        "eller en integrationsplatform kan nye modtagere abonnere uden at ændre afsenderen "
        "(princip 8, AR 8.1).",
        "Events sent straight from one system to another tie the two together; through the "
        "Beskedfordeler or an integration platform new consumers subscribe without changing "
        "the sender (principle 8, AR 8.1).",
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
            Text(f" eller {g.platforms[0]}", f" or {g.platforms[0]}")
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
            yield self.finding(
                (iid,),
                Text(
                    f"{iid} sender beskeder direkte fra {m.from_} til {m.to}; send dem via "
                    f"Beskedfordeleren (SF1461){alternative.da}",
                    f"{iid} sends messages straight from {m.from_} to {m.to}; send them through "
                    f"the Beskedfordeler (SF1461){alternative.en}",
                ),
                entry.loc,
            )


class DeprecatedService(Rule):
    """An integration uses a Serviceplatformen service that is phased out."""

    code = "KM309"
    name = "deprecated-service"
    severity = Severity.WARNING
    principle = Principle.P8
    group = INFRASTRUCTURE_GROUP
    subjects = Text("integration", "integration")
    title = Text(
        "En integration bruger en udfaset Serviceplatform-service (fx SF1600, SF1460_A/B/D)",
        "An integration names a phased-out Serviceplatformen service (e.g. SF1600, SF1460_A/B/D)",
    )
    rationale = Text(
        "En udfaset service lukkes; integrationer, der bruger den, holder op med at virke "
        "(princip 8, AR 8.1).",
        "A phased-out service will be shut down; integrations using it will stop working "
        "(principle 8, AR 8.1).",
    )
    remediation = Text(
        "Skift til den afløsende service (fx SF1601 i stedet for SF1600).",
        "Move to the successor service (e.g. SF1601 instead of SF1600).",
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
        """One finding per active or planned integration naming a phased-out service."""
        services = ctx.inventory.catalogue.services
        for iid, entry in ctx.inventory.integrations.items():
            m = entry.model
            service = services.get(m.service) if m.service is not None else None
            if service is None or not service.phased_out or m.status is IntegrationStatus.RETIRED:
                continue
            heir = services.get(service.successor) if service.successor else None
            fix = (
                Text(f"skift til {heir.id} ({heir.name})", f"move to {heir.id} ({heir.name})")
                if heir is not None
                else Text(
                    "find den afløsende service hos KOMBIT",
                    "find the successor service with KOMBIT",
                )
            )
            yield self.finding(
                (iid,),
                Text(
                    f"{iid} bruger {service.id} ({service.name}), som er udfaset; {fix.da}",
                    f"{iid} uses {service.id} ({service.name}), which is phased out; {fix.en}",
                ),
                entry.loc,
            )


RULES: tuple[type[Rule], ...] = (
    RegisterBypassesInfrastructure,
    PointToPointEvents,
    DeprecatedService,
)
