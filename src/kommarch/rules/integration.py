"""Missing and broken integrations, KM201-KM207: FDA principle 7.

"It-løsninger samarbejder effektivt": what a system declares as arriving by `integration` must
really be delivered, along a chain that starts at a source. The system rules here (KM201,
KM202, KM205) audit in-use and phasing-out systems; the integration rules (KM203, KM204, KM206,
KM207) live in :mod:`kommarch.rules.flows`; ``RULES`` below is the whole family.
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.findings import Finding, Severity, Text
from kommarch.inventory.models import Indicator
from kommarch.rules import flows
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule
from kommarch.rules.hints import INTEGRATION_GROUP, called, fetch_hint, names, object_related

_SYSTEM = """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use,
     data: {person: integration}}
"""
_SP = "via: serviceplatformen, service: SF1520"


class MissingIntegration(Rule):
    """A system expects data by integration, but no active integration delivers them."""

    code = "KM201"
    name = "missing-integration"
    severity = Severity.ERROR
    feeds = (Indicator.REGISTER_DATA_REUSED, Indicator.INTEGRATIONS_INTACT)
    cascade = Cascade.CONSUMER
    principle = Principle.P7
    section = ReportSection.INTEGRATIONS
    group = INTEGRATION_GROUP
    subjects = Text("system, dataobjekt", "system, object")
    title = Text(
        "Et system har `integration` for X, men ingen aktiv integration leverer X",
        "A system has `integration` for X, but no active integration delivers X",
    )
    rationale = Text(
        "Når integrationen mangler, bliver data tastet ind alligevel eller mangler i sagen: "
        "sagsbehandleren slår op i flere systemer.",
        "Where the integration is missing, the data are keyed in anyway or missing from the "
        "case: the caseworker looks them up in other systems.",
    )
    remediation = Text(
        "Beskriv den integration, der leverer data (eller etablér den), fra registret via "
        "Serviceplatformen eller Datafordeleren, eller fra kommunens mastersystem.",
        "Declare (or build) the integration that delivers the data: from the register through "
        "Serviceplatformen or Datafordeleren, or from the municipal master system.",
    )
    failing_example = _SYSTEM
    passing_example = _SYSTEM + f"integrations:\n  - {{from: cpr, to: ky, data: [person], {_SP}}}\n"

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per undelivered (system, object) pair."""
        g = ctx.graph
        for sid, obj in g.expected:
            if g.deliveries_to(sid, obj):
                continue
            hint, who = fetch_hint(g, obj), called(g, sid)
            yield self.finding(
                (sid, obj),
                Text(
                    f"{who} skal have {obj} via en integration, men ingen aktiv integration "
                    f"leverer {obj} til {who}; {hint.da}",
                    f"{who} expects {obj} by integration, but no active integration delivers "
                    f"{obj} to {who}; {hint.en}",
                ),
                ctx.inventory.systems[sid].loc,
                object_related(g, obj),
            )


class BrokenDataChain(Rule):
    """Data are delivered to a system, but the chain of deliveries never reaches a source."""

    code = "KM202"
    name = "broken-data-chain"
    severity = Severity.ERROR
    feeds = (Indicator.REGISTER_DATA_REUSED, Indicator.INTEGRATIONS_INTACT)
    cascade = Cascade.CONSUMER
    principle = Principle.P7
    section = ReportSection.INTEGRATIONS
    group = INTEGRATION_GROUP
    subjects = Text("system, dataobjekt", "system, object")
    title = Text(
        "Leverancerne af X til et system kan ikke følges tilbage til en kilde",
        "The deliveries of X to a system cannot be traced back to a source",
    )
    rationale = Text(
        "En integration er kun så god som sin kilde. Systemer, der kun fodrer hinanden, eller "
        "et indeks, som ingen leverer til, giver data uden ophav.",
        "An integration is only as good as its source. Systems that only feed each other, or an "
        "index nobody delivers to, pass on data with no origin.",
    )
    remediation = Text(
        "Forbind kæden til en kilde: registret (via Serviceplatformen eller Datafordeleren) "
        "eller det system, der er `master` for objektet.",
        "Connect the chain to a source: the register (through Serviceplatformen or "
        "Datafordeleren) or the system that is `master` of the object.",
    )
    failing_example = """systems:
  - {id: a, name: A, type: line-of-business, status: in-use, data: {sag: integration}}
  - {id: b, name: B, type: line-of-business, status: in-use, data: {sag: integration}}
integrations:
  - {from: a, to: b, data: [sag]}
  - {from: b, to: a, data: [sag]}
"""
    passing_example = """systems:
  - {id: a, name: A, type: line-of-business, status: in-use, data: {sag: integration}}
  - {id: b, name: B, type: case-management, status: in-use, data: {sag: master}}
integrations:
  - {from: b, to: a, data: [sag]}
  - {from: b, to: sdi, data: [sag]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per delivered (system, object) pair whose backward walk finds no source."""
        g = ctx.graph
        integrations = ctx.inventory.integrations
        for sid, obj in g.expected:
            delivered = g.deliveries_to(sid, obj)
            if not delivered or g.chain_intact(sid, obj):
                continue
            providers = names(sorted({called(g, integrations[i].model.from_) for i in delivered}))
            hint, who = fetch_hint(g, obj), called(g, sid)
            yield self.finding(
                (sid, obj),
                Text(
                    f"{who} får {obj} fra {providers.da}, men kæden af leverancer når aldrig "
                    f"en kilde til {obj}; {hint.da}",
                    f"{who} receives {obj} from {providers.en}, but the chain of deliveries "
                    f"never reaches a source of {obj}; {hint.en}",
                ),
                ctx.inventory.systems[sid].loc,
                object_related(g, obj),
            )


class IsolatedSystem(Rule):
    """A system holds data but exchanges none of them with any other system."""

    code = "KM205"
    name = "isolated-system"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.END
    principle = Principle.P7
    section = ReportSection.PRINCIPLES
    group = INTEGRATION_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system har data, men ingen aktiv integration ind eller ud",
        "A system holds data but has no active integration in or out",
    )
    rationale = Text(
        "Et isoleret system med data er en ø: data tastes ind i det og kommer aldrig ud, eller "
        "integrationerne er ikke beskrevet.",
        "An isolated system with data is an island: data are keyed into it and never leave, or "
        "its integrations are not declared.",
    )
    remediation = Text(
        "Beskriv systemets integrationer, eller integrér det med de systemer, der har samme data.",
        "Declare the system's integrations, or integrate it with the systems holding the same "
        "data.",
    )
    failing_example = """data_objects:
  - {id: lokale, name: Lokaler}
systems:
  - {id: booking, name: Lokalebooking, type: other, status: in-use, data: {lokale: master}}
"""
    passing_example = (
        failing_example
        + """  - {id: kalender, name: Kalender, type: other,
     status: in-use, data: {lokale: integration}}
integrations:
  - {from: booking, to: kalender, data: [lokale]}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per audited system with data that no active integration names."""
        g = ctx.graph
        for sid in g.audited:
            entry = ctx.inventory.systems[sid]
            if not entry.model.data or g.is_connected(sid):
                continue
            held = ", ".join(sorted(entry.model.data))
            yield self.finding(
                (sid,),
                Text(
                    f"{called(ctx.graph, sid)} har data ({held}), men ingen aktiv integration "
                    "ind eller ud; beskriv eller etablér systemets integrationer",
                    f"{called(ctx.graph, sid)} holds data ({held}) but has no active integration "
                    "in or out; declare or build its integrations",
                ),
                entry.loc,
            )


RULES: tuple[type[Rule], ...] = (
    MissingIntegration,
    BrokenDataChain,
    IsolatedSystem,
    *flows.RULES,
)
