"""Governance (ejerskab): owners, contracts, retirement, vendor lock-in, data processing agreements.

FDA principle 1 (architecture is governed: every system has an owner and a life-cycle plan),
principle 2 via AR 2.3 (avoid vendor lock-in) and principle 4 (privacy: databehandleraftale).
Scope (section 13): KM401 in-use and planned systems; KM402, KM404, KM405 in-use; KM403 in-use and
phasing-out. Catalogue systems are never audited here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable, Iterator
from fractions import Fraction

from kommarch.findings import Finding, Severity, Text, dates
from kommarch.inventory.merge import Entry, Inventory
from kommarch.inventory.models import (
    DataUse,
    Hosting,
    Indicator,
    PersonalData,
    System,
    SystemStatus,
)
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule

_GROUP = Text("Styring og ejerskab", "Governance and ownership")
_STATUS = {
    SystemStatus.IN_USE: Text("i drift", "in use"),
    SystemStatus.PHASING_OUT: Text("under udfasning", "being phased out"),
    SystemStatus.PLANNED: Text("planlagt", "planned"),
    SystemStatus.RETIRED: Text("udfaset", "retired"),
}
_SYSTEM = Text("system", "system")
_IN_USE = SystemStatus.IN_USE


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months, the day clamped (2026-08-31 + 6 = 2027-02-28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    if year > dt.MAXYEAR:
        return dt.date.max  # a horizon beyond the calendar: every contract end is before it
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


def replaced_by(inv: Inventory) -> dict[str, str]:
    """Current system id -> the first (load order) non-retired system whose ``replaces`` names it.

    ``replaces`` may name a former id (``previous_ids``); it is translated to the current id.
    """
    out: dict[str, str] = {}
    for sid, e in inv.systems.items():
        m = e.model
        if m.replaces is None or m.status is SystemStatus.RETIRED:
            continue
        target = inv.current_id(m.replaces)
        if target != sid:
            out.setdefault(target, sid)
    return out


def _in_use(inv: Inventory) -> Iterator[tuple[str, Entry[System]]]:
    return ((sid, e) for sid, e in inv.systems.items() if e.model.status is _IN_USE)


def _pct(share: float) -> str:
    """A share as a percentage with at most one decimal (``33.3``), no trailing zeros."""
    return f"{share * 100:.1f}".rstrip("0").rstrip(".")


class NoOwner(Rule):
    """An in-use or planned system has no owner (systemejer)."""

    code = "KM401"
    name = "no-owner"
    severity = Severity.WARNING
    feeds = (Indicator.OWNERSHIP,)
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _SYSTEM
    title = Text(
        "Et system i drift eller planlagt har ingen systemejer",
        "An in-use or planned system has no owner",
    )
    rationale = Text(
        "Uden en systemejer er der ingen, der prioriterer integrationer, tilslutning til den "
        "fælleskommunale infrastruktur, kontrakter og udfasning: arkitekturen styres ikke.",
        "Without a system owner nobody prioritises integrations, connection to the common "
        "municipal infrastructure, contracts and retirement: the architecture is not governed.",
    )
    remediation = Text(
        "Udpeg en systemejer (person eller rolle) og skriv den i owner.",
        "Appoint a system owner (a person or a role) and record it in owner.",
    )
    failing_example = """\
systems:
  - {id: booking, name: Lokalebooking, type: other, status: in-use}
"""
    passing_example = """\
systems:
  - {id: booking, name: Lokalebooking, type: other, status: in-use,
     owner: Kultur- og fritidschef}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per in-use or planned system whose owner is missing or blank."""
        for sid, e in ctx.inventory.systems.items():
            m = e.model
            if m.status not in (SystemStatus.IN_USE, SystemStatus.PLANNED):
                continue
            if m.owner is None or not m.owner.strip():
                who = m.name
                text = Text(
                    f"{who} har ingen systemejer; udpeg en ansvarlig person eller rolle",
                    f"{who} has no system owner; name a responsible person or role",
                )
                yield self.finding((sid,), text, e.loc)


class ContractExpiring(Rule):
    """An in-use system's contract ends within the warning horizon and nothing replaces it."""

    code = "KM402"
    name = "contract-expiring"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _SYSTEM
    title = Text(
        "Kontrakten for et system i drift udløber inden for varslingsperioden, og intet system "
        "afløser det",
        "An in-use system's contract ends within the warning period and no system replaces it",
    )
    rationale = Text(
        "Et udbud eller en afløsning tager typisk et til to år. Opdages kontraktudløbet sent, "
        "bliver forlængelse hos samme leverandør den eneste mulighed.",
        "A tender or a replacement usually takes one to two years. When a contract end is noticed "
        "late, extending with the same vendor becomes the only option.",
    )
    remediation = Text(
        "Planlæg genudbud eller afløsning, og registrér afløseren med replaces, eller forlæng "
        "kontrakten og opdatér contract_end.",
        "Plan a new tender or a replacement and record the successor with replaces, or extend "
        "the contract and update contract_end.",
    )
    failing_example = """\
systems:
  - id: esdh
    name: Gammelt ESDH
    type: case-management
    status: in-use
    owner: Digitaliseringschef
    contract_end: 2020-01-31
"""
    passing_example = """\
systems:
  - id: esdh
    name: Gammelt ESDH
    type: case-management
    status: in-use
    owner: Digitaliseringschef
    contract_end: 2020-01-31
  - {id: nyt-esdh, name: Nyt ESDH, type: case-management, status: planned,
     owner: Digitaliseringschef, replaces: esdh}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Contract end strictly before as-of + ``contract_warning_months`` (ended ones too)."""
        inv = ctx.inventory
        horizon = add_months(ctx.as_of, ctx.settings.contract_warning_months)
        successors: dict[str, str] | None = None
        for sid, e in _in_use(inv):
            end = e.model.contract_end
            if end is None or end >= horizon:
                continue
            if successors is None:
                successors = replaced_by(inv)
            if sid in successors:
                continue
            day, who = dates(end), e.model.name
            if end < ctx.as_of:
                da, en = f"udløb {day.da}", f"ended on {day.en}"
            else:
                da, en = f"udløber {day.da}", f"ends on {day.en}"
            yield self.finding(
                (sid,),
                Text(
                    f"Kontrakten for {who} {da}, og intet system afløser det; planlæg genudbud "
                    "eller afløsning",
                    f"The contract for {who} {en} and no system replaces it; plan a new tender "
                    "or a replacement",
                ),
                e.loc,
            )


class PastRetirement(Rule):
    """A system is still in use or phasing out after its planned retirement date."""

    code = "KM403"
    name = "past-retirement"
    severity = Severity.WARNING
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _SYSTEM
    title = Text(
        "Et system er stadig i drift efter sin planlagte udfasningsdato",
        "A system is still in use after its planned retirement date",
    )
    rationale = Text(
        "Et system, der lever videre efter udfasningsdatoen, koster drift og licenser, og dets "
        "integrationer og data bliver ikke ryddet op.",
        "A system that lives on after its retirement date costs operations and licences, and its "
        "integrations and data are not cleaned up.",
    )
    remediation = Text(
        "Gennemfør udfasningen og sæt status til `retired`, eller ret retire_on til den nye plan.",
        "Complete the retirement and set status: retired, or move retire_on to the new plan.",
    )
    failing_example = """\
systems:
  - id: kmd-sag
    name: KMD Sag
    type: case-management
    status: phasing-out
    owner: Digitaliseringschef
    retire_on: 2020-06-30
"""
    passing_example = """\
systems:
  - id: kmd-sag
    name: KMD Sag
    type: case-management
    status: retired
    owner: Digitaliseringschef
    retire_on: 2020-06-30
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """``retire_on`` strictly before the as-of date, status in-use or phasing-out."""
        for sid, e in ctx.inventory.systems.items():
            m = e.model
            if m.status not in (SystemStatus.IN_USE, SystemStatus.PHASING_OUT):
                continue
            if m.retire_on is not None and m.retire_on < ctx.as_of:
                status, day = _STATUS[m.status], dates(m.retire_on)
                text = Text(
                    f"{m.name} skulle have været udfaset {day.da}, men er stadig {status.da}; "
                    "gennemfør udfasningen, eller ret retire_on til den nye plan",
                    f"{m.name} was due to retire on {day.en} but is still {status.en}; complete "
                    "the retirement or update retire_on",
                )
                yield self.finding((sid,), text, e.loc)


class VendorConcentration(Rule):
    """One vendor supplies more than the configured share of the in-use systems."""

    code = "KM404"
    name = "vendor-concentration"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P2
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = Text("leverandør", "vendor")
    title = Text(
        "Én leverandør leverer mere end vendor_share af systemerne i drift",
        "One vendor supplies more than vendor_share of the in-use systems",
    )
    rationale = Text(
        "AR 2.3 undgå leverandørbinding: monopolbruddet skulle skabe et marked med flere "
        "leverandører. Leverer én leverandør en stor del af systemerne, er kommunen bundet til "
        "den ved udbud, priser og integrationer.",
        "AR 2.3 avoid vendor lock-in: the monopolbrud was meant to create a market of several "
        "vendors. When one vendor supplies a large share of the systems, the municipality is "
        "tied to it in tenders, prices and integrations.",
    )
    remediation = Text(
        "Stil krav om åbne snitflader og exit-vilkår i kontrakterne, og overvej andre "
        "leverandører ved næste udbud.",
        "Require open interfaces and exit terms in the contracts, and consider other vendors at "
        "the next tender.",
    )
    failing_example = """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef,
     vendor: Netcompany}
  - {id: ksd, name: KSD, type: line-of-business, status: in-use, owner: Ydelseschef,
     vendor: netcompany}
  - {id: esdh, name: ESDH, type: case-management, status: in-use, owner: Digitaliseringschef,
     vendor: Fujitsu}
  - {id: opus, name: OPUS, type: finance, status: in-use, owner: Økonomichef, vendor: KMD}
"""
    passing_example = """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, owner: Ydelseschef,
     vendor: Netcompany}
  - {id: ksd, name: KSD, type: line-of-business, status: in-use, owner: Ydelseschef,
     vendor: Systematic}
  - {id: esdh, name: ESDH, type: case-management, status: in-use, owner: Digitaliseringschef,
     vendor: Fujitsu}
  - {id: opus, name: OPUS, type: finance, status: in-use, owner: Økonomichef, vendor: KMD}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Share of all in-use systems, strictly above ``vendor_share`` (compared exactly)."""
        total = 0
        counts: dict[str, int] = {}
        first: dict[str, tuple[str, Entry[System]]] = {}
        for _sid, e in _in_use(ctx.inventory):
            total += 1
            vendor = (e.model.vendor or "").strip()
            if not vendor:
                continue
            key = vendor.casefold()
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, (vendor, e))
        limit = Fraction(repr(ctx.settings.vendor_share))
        for key, n in counts.items():
            if Fraction(n, total) <= limit:
                continue
            vendor, e = first[key]
            share, lim = _pct(n / total), _pct(ctx.settings.vendor_share)
            da_share, da_lim = share.replace(".", ","), lim.replace(".", ",")
            text = Text(
                f"{vendor} leverer {n} af {total} systemer i drift ({da_share} %), mere end "
                f"grænsen på {da_lim} %; risiko for leverandørbinding",
                f"{vendor} supplies {n} of {total} in-use systems ({share}%), more than the "
                f"{lim}% limit; a vendor lock-in risk",
            )
            yield self.finding((vendor,), text, e.value_loc("vendor"))


class PersonalDataWithoutDpa(Rule):
    """An in-use hosted or SaaS system with personal data has no data processing agreement."""

    code = "KM405"
    name = "personal-data-without-dpa"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P4
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _SYSTEM
    title = Text(
        "Et hostet system eller SaaS-system i drift med personoplysninger mangler "
        "databehandleraftale",
        "An in-use hosted or SaaS system with personal data lacks a data processing agreement",
    )
    rationale = Text(
        "AR 4.1 informationssikkerhed og privatliv: når en leverandør driver et system med "
        "personoplysninger, er leverandøren databehandler, og databeskyttelsesforordningen "
        "(art. 28) kræver en databehandleraftale.",
        "AR 4.1 information security and privacy: when a vendor runs a system holding personal "
        "data, the vendor is a data processor, and the GDPR (art. 28) requires a data processing "
        "agreement.",
    )
    remediation = Text(
        "Indgå en databehandleraftale med leverandøren og sæt data_processing_agreement: true.",
        "Sign a data processing agreement with the vendor and set data_processing_agreement: true.",
    )
    failing_example = """\
systems:
  - id: booking
    name: Borgerbooking
    type: self-service
    status: in-use
    owner: Borgerservicechef
    hosting: saas
    personal_data: ordinary
"""
    passing_example = """\
systems:
  - id: booking
    name: Borgerbooking
    type: self-service
    status: in-use
    owner: Borgerservicechef
    hosting: saas
    personal_data: ordinary
    data_processing_agreement: true
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Hosted/SaaS, personal data other than none, agreement false or missing."""
        for sid, e in _in_use(ctx.inventory):
            m = e.model
            if m.hosting not in (Hosting.HOSTED, Hosting.SAAS):
                continue
            if m.personal_data is None or m.personal_data is PersonalData.NONE:
                continue
            if m.data_processing_agreement is True:
                continue
            assert m.hosting is not None
            yield self.finding(
                (sid,),
                Text(
                    f"{m.name} behandler personoplysninger ({_DA_DATA[m.personal_data]}) hos "
                    f"leverandøren ({_DA_HOSTING[m.hosting]}) uden databehandleraftale",
                    f"{m.name} processes personal data ({m.personal_data.value}) at the vendor "
                    f"({m.hosting.value}) without a data processing agreement",
                ),
                e.loc,
            )


class KitosDataMapEmpty(Rule):
    """A system imported from KITOS has no data map of its own yet (no master or manual data)."""

    code = "KM406"
    name = "kitos-data-map-empty"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.DATA_QUALITY
    group = _GROUP
    subjects = _SYSTEM
    title = Text(
        "Et system hentet fra KITOS har endnu ikke fået udfyldt sit data-kort",
        "A system imported from KITOS has no data map filled in yet",
    )
    rationale = Text(
        "KITOS kender systemer, relationer og ejere, men ikke hvilke data der oprettes, hentes "
        "eller tastes ind i hvert system. Uden data-kortet kan gennemgangen ikke se "
        "dobbeltindtastning, og et system uden forhold er ikke nødvendigvis i orden.",
        "KITOS knows systems, relations and owners, but not which data are created, fetched or "
        "typed into each system. Without the data map the audit cannot see duplicate entry, "
        "and a system without findings is not necessarily clean.",
    )
    remediation = Text(
        "Skriv i data, hvilke dataobjekter systemet er master for (master), og hvilke "
        "medarbejderne taster ind, selv om de findes andetsteds (manual).",
        "Record in data which objects the system is master of (master) and which staff type in "
        "although they exist elsewhere (manual).",
    )
    failing_example = """\
systems:
  - id: kaldenavn
    name: System 3 (kaldenavn)
    type: line-of-business
    status: in-use
    owner: Hanne Holm
    data:
      person: integration
    kitos: {usage: 85cc6bd8-da66-4d4e-8e56-4dbc16e5c109}
"""
    passing_example = """\
systems:
  - id: kaldenavn
    name: System 3 (kaldenavn)
    type: line-of-business
    status: in-use
    owner: Hanne Holm
    data:
      person: integration
      sag: master
    kitos: {usage: 85cc6bd8-da66-4d4e-8e56-4dbc16e5c109}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """In-use and planned systems with a ``kitos`` key and no master or manual entry."""
        for sid, e in ctx.inventory.systems.items():
            m = e.model
            if m.kitos is None or m.status not in (SystemStatus.IN_USE, SystemStatus.PLANNED):
                continue
            if any(use is not DataUse.INTEGRATION for use in m.data.values()):
                continue
            yield self.finding(
                (sid,),
                Text(
                    f"{m.name} er hentet fra KITOS, men systemets data er ikke udfyldt; skriv "
                    "master og manual ud for dets data, så dobbeltindtastning kan findes",
                    f"{m.name} was imported from KITOS but its data map is not filled in; record "
                    "master and manual data so that duplicate entry can be audited",
                ),
                e.loc,
            )


_DA_DATA = {
    PersonalData.NONE: "ingen",
    PersonalData.ORDINARY: "almindelige",
    PersonalData.SENSITIVE: "følsomme",
    PersonalData.CRIMINAL: "straffedomme",
}

RULES: tuple[type[Rule], ...] = (
    NoOwner,
    ContractExpiring,
    PastRetirement,
    VendorConcentration,
    PersonalDataWithoutDpa,
    KitosDataMapEmpty,
)
_DA_HOSTING = {
    Hosting.ON_PREMISES: "i kommunens drift",
    Hosting.HOSTED: "hostet",
    Hosting.SAAS: "som SaaS",
}
