"""Rammearkitektur gaps, KM301-KM310: the fælleskommunale infrastruktur.

System obligations here (KM302-KM307): a case-bearing system indexes into SDI, a benefit-paying
system into Ydelsesindeks, organisation and classification data are shared through FK
Organisation and FK Klassifikation, letters go through Postkomponenten, users sign in through
common access control. The integration must come from the system itself (``from`` is the
system, any ``via``). The channel rules (KM301, KM308, KM309, KM310) live in
:mod:`kommarch.rules.channels`; ``RULES`` below is the whole family.

Principles (contract section 4): using a common component instead of a local copy is FDA
principle 2 (AR 2.1, KM302-KM305); letters reaching Digital Post is principle 3, architecture and
regulation support each other (the Digital Post Act, KM306); common access control is principle 4
(AR 4.2, KM307).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import ClassVar

from kommarch.catalogue import Called
from kommarch.findings import Finding, Severity, Text, counts
from kommarch.inventory.models import Authentication, DataUse, Indicator, SystemType
from kommarch.rules import channels
from kommarch.rules.base import AuditContext, Cascade, Mandatory, Principle, ReportSection, Rule
from kommarch.rules.hints import INFRASTRUCTURE_GROUP, called, channel

_SYSTEM = "systems:\n  - {id: ky, name: KY, type: line-of-business, status: in-use,\n"


class Obligation(Rule):
    """A system obligation (KM302-KM305): a system that holds one of :attr:`objects` shares it
    through :attr:`component` instead of keeping a local copy.

    :meth:`applies` and :meth:`keyed_in` are the conditions the rule and the maturity scoring
    (``common_infrastructure_used``, section 7) both read, so they are defined once, here.
    """

    component: ClassVar[str]  # the common component, e.g. ``sdi``
    objects: ClassVar[tuple[str, ...]]  # the data objects the obligation is about
    role: ClassVar[Text]  # what a system that masters them is, e.g. "sagsbærende"
    manual_counts: ClassVar[bool] = False  # keying the object in by hand breaks it too

    @classmethod
    def masters(cls, data: Mapping[str, DataUse]) -> bool:
        """The system is ``master`` of one of the objects."""
        return any(data.get(o) is DataUse.MASTER for o in cls.objects)

    @classmethod
    def keyed_in(cls, data: Mapping[str, DataUse]) -> bool:
        """The system keys one of the objects in by hand, and that breaks the obligation."""
        return cls.manual_counts and any(data.get(o) is DataUse.MANUAL for o in cls.objects)

    @classmethod
    def applies(cls, data: Mapping[str, DataUse]) -> bool:
        """The system has the obligation: it masters one of the objects, or (when keying in
        counts) holds one of them at all; met when the rule has no finding for it."""
        if cls.manual_counts:
            return any(o in data for o in cls.objects)
        return cls.masters(data)

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per audited system that keys an object in by hand (when that counts) or
        masters one without an active integration from itself to the component carrying it."""
        g = ctx.graph
        systems = ctx.inventory.systems
        objs, component = self.objects, self.component
        service = ctx.inventory.catalogue.service_for(objs[0])
        sf = Text.same("")
        if service is not None:
            sf = channel(
                None if service.called is Called.DIRECT else "serviceplatformen", service.id
            )
        carried = (
            (f"hverken {' eller '.join(objs)}", " or ".join(objs))
            if len(objs) > 1
            else (f"ikke {objs[0]}", objs[0])
        )
        target = called(g, component)
        for sid in sorted({s for o in objs for s in g.audited_holders(o)}):
            data, who = systems[sid].model.data, called(g, sid)
            if self.keyed_in(data):
                yield self.finding(
                    (sid,),
                    Text(
                        f"{who} taster {objs[0]} ind manuelt; hent den fra {target}{sf.da}",
                        f"{who} keys in {objs[0]} by hand; fetch it from {target}{sf.en}",
                    ),
                    systems[sid].loc,
                )
            elif self.masters(data) and not g.delivers(sid, component, objs):
                yield self.finding(
                    (sid,),
                    Text(
                        f"{who} {self.role.da}, men leverer {carried[0]} til {target}; tilføj "
                        f"en aktiv integration fra {who} til {target}{sf.da}",
                        f"{who} {self.role.en} but does not deliver {carried[1]} to {target}; "
                        f"add an active integration from {who} to {target}{sf.en}",
                    ),
                    systems[sid].loc,
                )


class CaseIndexMissing(Obligation):
    """A case-bearing system does not index its cases and documents in SDI."""

    code = "KM302"
    name = "case-index-missing"
    severity = Severity.ERROR
    feeds = (Indicator.COMMON_INFRASTRUCTURE_USED,)
    cascade = Cascade.IDS
    principle = Principle.P2
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et sagsbærende system har ingen aktiv integration til `sdi` med sag/dokument",
        "A case-bearing system has no active integration to `sdi` carrying sag/dokument",
    )
    rationale = Text(
        "Sags- og Dokumentindeks er den fælles komponent, der giver overblik over borgerens sager "
        "på tværs (SAPA); den er kun komplet, når alle sagsbærende systemer indekserer "
        "(princip 2, AR 2.1).",
        "The case and document index (SDI) is the common component behind the citizen's "
        "overview of cases across systems (SAPA); it is complete only when every case-bearing "
        "system indexes into it (principle 2, AR 2.1).",
    )
    remediation = Text(
        "Tilslut systemet Sags- og Dokumentindeks (SF1470).",
        "Connect the system to the case and document index (SF1470).",
    )
    failing_example = """systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {sag: master, dokument: master}}
"""
    passing_example = (
        failing_example
        + """integrations:
  - {from: sbsys, to: sdi, data: [sag, dokument], via: serviceplatformen, service: SF1470}
"""
    )

    component = "sdi"
    objects = ("sag", "dokument")
    role = Text("er sagsbærende", "is case-bearing")


class BenefitIndexMissing(Obligation):
    """A benefit-paying system does not report its benefits to Ydelsesindeks."""

    code = "KM303"
    name = "benefit-index-missing"
    severity = Severity.ERROR
    feeds = (Indicator.COMMON_INFRASTRUCTURE_USED,)
    cascade = Cascade.IDS
    principle = Principle.P2
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system, der udbetaler ydelser, har ingen aktiv integration til `ydelsesindeks`",
        "A benefit-paying system has no active integration to `ydelsesindeks`",
    )
    rationale = Text(
        "Ydelsesindeks samler bevilgede og udbetalte ydelser på tværs af systemerne; uden det "
        "mangler overblikket og kontrollen (princip 2, AR 2.1).",
        "Ydelsesindeks gathers benefits granted and paid across systems; without it the "
        "overview and the control are missing (principle 2, AR 2.1).",
    )
    remediation = Text(
        "Lever ydelser fra systemet til Ydelsesindeks.",
        "Deliver the system's benefits to Ydelsesindeks.",
    )
    failing_example = _SYSTEM + "     data: {ydelse: master}}\n"
    passing_example = (
        failing_example
        + """integrations:
  - {from: ky, to: ydelsesindeks, data: [ydelse]}
"""
    )

    component = "ydelsesindeks"
    objects = ("ydelse",)
    role = Text("udbetaler ydelser", "pays benefits")


class LocalOrganisationData(Obligation):
    """A system keeps its own organisation data instead of sharing FK Organisation's."""

    code = "KM304"
    name = "local-organisation-data"
    severity = Severity.WARNING
    feeds = (Indicator.COMMON_INFRASTRUCTURE_USED, Indicator.NO_DUPLICATE_ENTRY)
    cascade = Cascade.IDS
    principle = Principle.P2
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system har `organisation` som `manual`, eller som `master` uden at levere "
        "den til `fk-organisation`",
        "A system holds `organisation` as `manual`, or as `master` without delivering "
        "it to `fk-organisation`",
    )
    rationale = Text(
        "Fælleskommunalt Organisationssystem er den autoritative kilde til enheder, medarbejdere "
        "og roller; lokale kopier giver forkerte rettigheder og sagsfordeling (princip 2, "
        "AR 2.1).",
        "The common organisation system is the authoritative source of units, staff and roles; "
        "local copies give wrong access rights and case routing (principle 2, AR 2.1).",
    )
    remediation = Text(
        "Hent organisationen fra kommunens organisationsmaster eller direkte fra FK Organisation "
        "(SF1500, kaldes direkte, ikke via Serviceplatformen); er systemet selv kommunens master "
        "for organisationen, så lever den dertil.",
        "Fetch the organisation from the municipality's organisation master or directly from FK "
        "Organisation (SF1500, called directly, not through Serviceplatformen); if the system is "
        "the municipality's organisation master, deliver it there.",
    )
    failing_example = """systems:
  - {id: opus, name: OPUS Løn, type: hr, status: in-use, data: {organisation: master}}
"""
    passing_example = (
        failing_example
        + """integrations:
  - {from: opus, to: fk-organisation, data: [organisation], service: SF1500}
"""
    )

    component = "fk-organisation"
    objects = ("organisation",)
    role = Text("er master for organisation", "is the master of organisation")
    manual_counts = True


class LocalClassification(Obligation):
    """A system keeps its own classifications instead of sharing FK Klassifikation's."""

    code = "KM305"
    name = "local-classification"
    severity = Severity.WARNING
    feeds = (Indicator.NO_DUPLICATE_ENTRY,)
    cascade = Cascade.IDS
    principle = Principle.P2
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system har `klassifikation` som `manual`, eller som `master` uden at levere "
        "den til `fk-klassifikation`",
        "A system holds `klassifikation` as `manual`, or as `master` without delivering "
        "it to `fk-klassifikation`",
    )
    rationale = Text(
        "KLE og de andre fælles klassifikationer vedligeholdes i FK Klassifikation; lokale "
        "kopier forældes og gør sager umulige at finde på tværs (princip 2, AR 2.1).",
        "KLE and the other common classifications are maintained in FK Klassifikation; local "
        "copies go stale and make cases impossible to find across systems (principle 2, "
        "AR 2.1).",
    )
    remediation = Text(
        "Hent klassifikationerne direkte fra FK Klassifikation (SF1510).",
        "Fetch the classifications directly from FK Klassifikation (SF1510).",
    )
    failing_example = """systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {klassifikation: manual}}
"""
    passing_example = """systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {klassifikation: integration}}
integrations:
  - {from: fk-klassifikation, to: sbsys, data: [klassifikation], service: SF1510}
"""

    component = "fk-klassifikation"
    objects = ("klassifikation",)
    role = Text("er master for klassifikation", "is the master of klassifikation")
    manual_counts = True


class LettersOutsideDigitalPost(Rule):
    """A system writes letters to citizens that never reach Digital Post."""

    code = "KM306"
    name = "letters-outside-digital-post"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.IDS
    mandatory = Mandatory(
        "digital_post", Text("Breve når Digital Post", "Letters reach Digital Post")
    )
    principle = Principle.P3
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system er `master` af `brev`, men ingen aktiv kæde af integrationer med `brev` når "
        "fra det til `postkomponent` (Digital Post)",
        "A system is `master` of `brev`, but no chain of active integrations carrying `brev` "
        "leads from it to `postkomponent` (Digital Post)",
    )
    rationale = Text(
        "Lov om Digital Post pålægger kommunen at sende breve til borgere og virksomheder som "
        "digital post; breve, der ikke når Digital Post, mangler i borgerens postkasse og i "
        "kommunens overblik. Print- og forsendelsesløsninger (fx Doc2Mail, Remoteprint) "
        "undervejs er i orden, når de afleverer til Digital Post (princip 3, AR 3.1).",
        "The Digital Post Act obliges the municipality to send letters to citizens and "
        "companies as digital post; letters that never reach Digital Post are missing from the "
        "citizen's mailbox and the municipality's overview. Print and distribution gateways "
        "(e.g. Doc2Mail, Remoteprint) in between are fine when they deliver to Digital Post "
        "(principle 3, AR 3.1).",
    )
    remediation = Text(
        "Send brevene til Digital Post via Postkomponenten (SF1601), direkte eller gennem en "
        "print- og forsendelsesløsning, der afleverer til Digital Post.",
        "Send the letters to Digital Post through Postkomponenten (SF1601), directly or "
        "through a print and distribution gateway that delivers to Digital Post.",
    )
    failing_example = _SYSTEM + "     data: {brev: master}}\n"
    passing_example = (
        failing_example
        + """  - {id: doc2mail, name: Doc2Mail, type: infrastructure, status: in-use,
     data: {brev: integration}}
integrations:
  - {from: ky, to: doc2mail, data: [brev]}
  - {from: doc2mail, to: postkomponent, data: [brev], via: serviceplatformen, service: SF1601}
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per letter-writing system whose letters never reach Digital Post."""
        g = ctx.graph
        integrations = ctx.inventory.integrations
        backward: dict[str, list[str]] = {}
        for iid in g.active:
            m = integrations[iid].model
            if "brev" in m.data:
                backward.setdefault(m.to, []).append(m.from_)
        reaching = _reaching("postkomponent", backward)
        systems = ctx.inventory.systems
        for sid in g.audited_masters("brev"):
            if sid in reaching:
                continue
            yield self.finding(
                (sid,),
                Text(
                    f"{called(g, sid)} er master for breve, men ingen aktiv kæde af "
                    "integrationer med brev når fra systemet til Digital Post; send brevene "
                    "via Postkomponenten (SF1601), direkte eller gennem en print- og "
                    "forsendelsesløsning",
                    f"{called(g, sid)} is the master of letters, but no chain of active "
                    "integrations carrying brev leads from it to Digital Post; send the letters "
                    "through Postkomponenten (SF1601), directly or through a print and "
                    "distribution gateway",
                ),
                systems[sid].loc,
            )


def _reaching(goal: str, backward: dict[str, list[str]]) -> set[str]:
    """Every system from which a forward walk reaches ``goal``: one backward walk from it
    (linear in the integrations, whatever the number of letter-writing systems)."""
    seen: set[str] = set()
    stack = [goal]
    while stack:
        for prev in backward.get(stack.pop(), ()):
            if prev not in seen:
                seen.add(prev)
                stack.append(prev)
    return seen


class LocalAuthentication(Rule):
    """A system used by staff keeps its own user database."""

    code = "KM307"
    name = "local-authentication"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P4
    section = ReportSection.PRINCIPLES
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system", "system")
    title = Text(
        "Et system med brugere (ikke `self-service`) har `authentication: local`",
        "A system with users (not `self-service`) has `authentication: local`",
    )
    rationale = Text(
        "Lokale brugerdatabaser betyder ekstra adgangskoder og brugere, der ikke lukkes, når "
        "medarbejdere stopper; Fælleskommunal Adgangsstyring er den fælles komponent "
        "(princip 4, AR 4.2).",
        "Local user databases mean extra passwords and accounts that stay open when staff "
        "leave; Fælleskommunal Adgangsstyring is the common component (principle 4, AR 4.2).",
    )
    remediation = Text(
        "Brug Fælleskommunal Adgangsstyring eller kommunens fælles login (`municipal-idp`).",
        "Use Fælleskommunal Adgangsstyring or the municipality's single sign-on (`municipal-idp`).",
    )
    failing_example = _SYSTEM + "     users: 40, authentication: local}\n"
    passing_example = _SYSTEM + "     users: 40, authentication: adgangsstyring}\n"

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per audited staff system with a local login."""
        systems = ctx.inventory.systems
        for sid in ctx.graph.audited:
            s = systems[sid].model
            if (
                s.authentication is not Authentication.LOCAL
                or not s.users
                or s.type is SystemType.SELF_SERVICE
            ):
                continue
            n, one = counts(s.users), s.users == 1
            yield self.finding(
                (sid,),
                Text(
                    f"{called(ctx.graph, sid)} har {n.da} "
                    f"{'bruger' if one else 'brugere'} med eget login; brug "
                    "Fælleskommunal Adgangsstyring eller kommunens fælles login",
                    f"{called(ctx.graph, sid)} has {n.en} {'user' if one else 'users'} with their "
                    "own login; use Fælleskommunal Adgangsstyring or the municipality's single "
                    "sign-on",
                ),
                systems[sid].loc,
            )


RULES: tuple[type[Rule], ...] = (
    CaseIndexMissing,
    BenefitIndexMissing,
    LocalOrganisationData,
    LocalClassification,
    LettersOutsideDigitalPost,
    LocalAuthentication,
    *channels.RULES,
)
