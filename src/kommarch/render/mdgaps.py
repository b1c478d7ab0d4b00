"""The findings of the gap report's annex and its last section, and the waivers.

Unwaived findings are gaps; each rule's ``section`` (rule metadata) says where they stand:
duplicate data entry, missing and broken integrations, every other architecture gap by FDA
principle, or the data quality of the systemoversigt (with the validation errors). Waived
findings appear only in the waivers section. Each rule's remediation is written once.
"""

from __future__ import annotations

from collections import Counter

from kommarch.findings import Finding, long_date
from kommarch.render.base import SEVERITY_LABEL
from kommarch.render.mdtable import Block, LazyRows, Table, code, escape, prose
from kommarch.render.mdwriter import Writer
from kommarch.render.meta import principle_label
from kommarch.report import WaiverStatus
from kommarch.rules.base import Principle, ReportSection


def dup_object(f: Finding) -> str:
    """The data object a section-3 finding is about (KM103 and KM104 name it first)."""
    if f.rule in ("KM103", "KM104"):
        return f.subjects[0] if f.subjects else ""
    return f.subjects[1] if len(f.subjects) > 1 else ""


def dup_systems(f: Finding) -> tuple[str, ...]:
    """The systems of a section-3 finding: the masters of KM103, none for KM104."""
    if f.rule == "KM103":
        return f.subjects[1:]
    if f.rule == "KM104":
        return ()
    return f.subjects[:1]


def duplicates(w: Writer) -> list[Block]:
    """Section 3: duplicate data entry points grouped by data object, most affected first."""
    found = [f for f in w.gaps if w.section_of(f) is ReportSection.DUPLICATES]
    if not found:
        return [
            w.t(
                "Ingen dobbeltindtastning: hvert dataobjekt tastes ind ét sted og "
                "genbruges derfra.",
                "No duplicate data entry found: every data object is "
                "keyed in once and reused from there.",
            )
        ]
    per_object = Counter(dup_object(f) for f in found)
    found.sort(
        key=lambda f: (
            -per_object[dup_object(f)],
            dup_object(f),
            f.rule,
            f.subjects,
        )
    )
    objects = w.n(len(per_object), "object")
    lead = w.t(
        f"{w.n(len(found), 'finding')} om {objects}. Data, der tastes ind i hånden, selvom de "
        "findes et andet sted (KM101, KM102), koster sagsbehandlertid og giver fejl; flere "
        "mastere eller lokale kopier af registerdata (KM103, KM105) og manglende master (KM104) "
        "gør det uklart, hvilken kopi der gælder.",
        f"{w.n(len(found), 'finding')} about {objects}. Data keyed in by hand although it exists "
        "elsewhere (KM101, KM102) costs caseworker time and breeds errors; several masters or "
        "local copies of register data (KM103, KM105) and no master (KM104) leave it unclear "
        "which copy is right.",
    )
    table = Table(
        (
            w.t("Dataobjekt", "Data object"),
            w.t("Systemer", "Systems"),
            w.t("Regel", "Rule"),
            w.t("Alvor", "Severity"),
            w.t("Forhold", "Finding"),
            w.t("Placering", "Location"),
        ),
        LazyRows(found, lambda f: _dup_row(w, f)),
    )
    return [lead, table, *w.remedies(f.rule for f in found)]


def _dup_row(w: Writer, f: Finding) -> tuple[str, ...]:
    return (
        w.label(dup_object(f)),
        w.labels(dup_systems(f)),
        code(f.rule),
        SEVERITY_LABEL[f.severity].get(w.lang),
        prose(f.message.get(w.lang)),
        code(str(f.location)),
    )


def integrations(w: Writer) -> list[Block]:
    """Section 4: missing integrations, broken data chains, retired ends, providers lacking data."""
    found = sorted(
        (f for f in w.gaps if w.section_of(f) is ReportSection.INTEGRATIONS), key=lambda f: f.rule
    )  # stable: section 9 order within
    if not found:
        return [
            w.t(
                "Ingen manglende eller brudte integrationer: alle data, der skal komme via en "
                "integration, når frem fra en kilde.",
                "No missing or broken integrations: "
                "all data meant to arrive by integration reaches its system from a source.",
            )
        ]
    per_rule = Counter(f.rule for f in found)
    counts = ", ".join(f"{w.n(per_rule[c], c)} ({code(c)})" for c in sorted(per_rule))
    lead = w.t(
        f"I alt {counts}. Hvor en integration mangler eller kæden er brudt, tastes data ind i "
        "hånden eller mangler i sagsbehandlingen.",
        f"In all {counts}. Where an integration is missing or the chain is broken, the data is "
        "keyed in by hand or missing from casework.",
    )
    return [lead, w.finding_table(found), *w.remedies(per_rule)]


def principles(w: Writer) -> list[Block]:
    """Section 5: every other unwaived finding, grouped by FDA principle (1-8, then the rest)."""
    rest = [f for f in w.gaps if w.section_of(f) is ReportSection.PRINCIPLES]
    if not rest:
        return [
            w.t(
                "Ingen øvrige huller i forhold til Rammearkitekturen.",
                "No other Rammearkitektur gaps.",
            )
        ]
    groups: dict[Principle | None, list[Finding]] = {}
    for f in rest:
        info = w.rules.get(f.rule)
        groups.setdefault(info.principle if info else None, []).append(f)
    blocks: list[Block] = [
        w.t(
            f"{w.n(len(rest), 'finding')} ud over {w.ref('duplicates')} og "
            f"{w.ref('integrations')}, ordnet efter principperne i Fællesoffentlig digital "
            "arkitektur (FDA), som KL's rammearkitektur bygger på.",
            f"{w.n(len(rest), 'finding')} beyond {w.ref('duplicates')} and "
            f"{w.ref('integrations')}, grouped by the principles of the common public digital "
            "architecture (FDA) that KL's framework builds on.",
        )
    ]
    order = sorted(groups, key=lambda p: 99 if p is None else p.value)
    for p in order:
        head = (
            principle_label(p, w.lang) if p is not None else w.t("Andre forhold", "Other findings")
        )
        items = sorted(groups[p], key=lambda f: f.rule)  # stable: section 9 order within a rule
        blocks += [f"### {head}", w.finding_table(items), *w.remedies(f.rule for f in items)]
    return blocks


def waivers(w: Writer) -> list[Block]:
    """Section 9: waivers in force, expired waivers, and the findings they silence."""
    t = w.t
    blocks: list[Block] = [
        t(
            "Dispensationsregistret (`waivers` i `kommarch.yaml`): følg eller forklar. En udløbet "
            "dispensation dækker ikke længere; de forhold, den dækkede, står igen i rapporten "
            "(KM901).",
            "The waiver register (`waivers` in `kommarch.yaml`): comply or explain. An expired "
            "waiver no longer silences anything; its findings are back in the report (KM901).",
        )
    ]
    for state, head, none in (
        (
            "active",
            t("I kraft", "In force"),
            t("Ingen dispensationer i kraft.", "No waivers in force."),
        ),
        (
            "expired",
            t("Udløbet", "Expired"),
            t("Ingen udløbne dispensationer.", "No expired waivers."),
        ),
    ):
        items = [x for x in w.r.waivers if x.state == state]
        blocks += [f"### {head}", _waiver_table(w, items) if items else none]
    waived = [f for f in w.r.findings if f.waived]
    blocks.append(f"### {t('Forhold med dispensation', 'Waived findings')}")
    if not waived:
        return [*blocks, t("Ingen forhold har dispensation.", "No findings are waived.")]
    table = Table(
        (
            t("Regel", "Rule"),
            t("Alvor", "Severity"),
            t("Emner", "Subjects"),
            t("Forhold", "Finding"),
            t("Begrundelse", "Reason"),
            t("Placering", "Location"),
        ),
        LazyRows(
            waived,
            lambda f: (*w.finding_row(f)[:4], escape(f.waiver_reason or ""), code(str(f.location))),
        ),
    )
    return [*blocks, table]


def _waiver_table(w: Writer, items: list[WaiverStatus]) -> Table:
    t = w.t
    rows = []
    for x in items:
        subjects = w.labels(x.subjects) if x.subjects else t("alle", "all")
        expires = long_date(x.expires, w.lang) if x.expires else t("aldrig", "never")
        rows.append(
            (
                code(x.rule),
                subjects,
                escape(x.reason),
                escape(x.approved_by),
                expires,
                str(x.matched),
                code(str(x.location)),
            )
        )
    return Table(
        (
            t("Regel", "Rule"),
            t("Emner", "Subjects"),
            t("Begrundelse", "Reason"),
            t("Godkendt af", "Approved by"),
            t("Udløber", "Expires"),
            t("Dækkede forhold", "Matched findings"),
            t("Placering", "Location"),
        ),
        rows,
        right=frozenset({5}),
    )


def data_quality(w: Writer) -> list[Block]:
    """The last section: what is wrong or missing in the systemoversigt itself (validation
    errors, the hygiene rules) and the journeys whose hours are unknown, apart from the
    architecture gaps."""
    found = sorted(
        (f for f in w.gaps if w.section_of(f) is ReportSection.DATA_QUALITY),
        key=lambda f: f.rule,
    )  # stable: section 9 order within a rule
    blocks: list[Block] = [
        w.t(
            "Her står det, der skal rettes i selve systemoversigten, for at gennemgangen bliver "
            "rigtig: valideringsfejl, oplysninger, der mangler eller ikke passer sammen, og "
            "arbejdsgange uden antal sager. Det er ikke huller i arkitekturen.",
            "What must be corrected in the inventory itself for the review to be right: "
            "validation errors, facts that are missing or do not agree, and journeys without a "
            "number of cases. These are not architecture gaps.",
        )
    ]
    if found:
        blocks += [w.finding_table(found), *w.remedies(f.rule for f in found)]
    else:
        blocks.append(
            w.t(
                "Gennemgangen viser ingen forhold i selve systemoversigten.",
                "The review shows nothing to correct in the inventory itself.",
            )
        )
    return blocks + _unknown_hours(w)


def _unknown_hours(w: Writer) -> list[Block]:
    unknown = [j for j in w.r.journeys if j.cases_per_year is None]
    if not unknown:
        return []
    names = ", ".join(f"{escape(j.name)} ({code(j.process)})" for j in unknown)
    return [
        w.t(
            f"Timetallet er ukendt for {w.n(len(unknown), 'process')}, fordi antal sager pr. år "
            f"(`cases_per_year`) mangler: {names}.",
            f"The hours are unknown for {w.n(len(unknown), 'process')} because the number of "
            f"cases a year (`cases_per_year`) is missing: {names}.",
        )
    ]
