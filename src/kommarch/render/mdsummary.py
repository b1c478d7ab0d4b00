"""Sections 1 and 2 of the markdown gap report: the summary a leader reads, and the indicators."""

from __future__ import annotations

from kommarch.findings import Text
from kommarch.render.base import (
    classification_label,
    counts_phrase,
    fte,
    money,
    municipality_label,
    not_computed_text,
    num,
)
from kommarch.render.mdtable import Block, Table, escape, prose
from kommarch.render.mdwriter import DUPLICATE, INTEGRATION, Writer

INFRASTRUCTURE = "common_infrastructure_used"
UNMET = {
    "digital_post": Text(
        "breve når ikke Digital Post fra alle systemer",
        "letters do not reach Digital Post from every system",
    ),
    "no_closed_service": Text("der er lukkede services i brug", "closed services are in use"),
}
TOP_LEVERS = 5


def title(w: Writer) -> list[Block]:
    """The ``#`` heading and the tool line (no timestamp: the as-of date is in the summary)."""
    who = municipality_label(w.r)
    head = w.t("Arkitekturrapport", "Architecture gap report")
    meta = f"kommarch {escape(w.r.tool_version)}"
    if w.r.catalogue_version:
        meta += f" · {w.t('katalog', 'catalogue')} {escape(w.r.catalogue_version)}"
    return [f"# {head}: {escape(who)}" if who else f"# {head}", f"_{meta}_"]


def summary(w: Writer) -> list[Block]:
    """Section 1: the facts, the verdict a leader reads in 30 seconds, the top levers."""
    r, m, t = w.r, w.r.maturity, w.t
    who = escape(r.municipality.name) if r.municipality.name else t("ukendt", "unknown")
    if r.municipality.code:
        who += f" ({t('kommunekode', 'municipality code')} {escape(r.municipality.code)})"
    as_of = r.as_of.isoformat() if r.as_of else "–"
    facts = [
        f"- **{t('Kommune', 'Municipality')}:** {who}",
        f"- **{t('Opgjort pr.', 'As of')}:** {as_of}",
        f"- **{t('Inventar', 'Inventory')}:** {_inventory(w)}",
        f"- **{t('Fund', 'Findings')}:** {counts_phrase(r.counts, w.lang)}",
    ]
    if m is not None:
        score = f"{w.dec(m.score)} {t('af 100 point', 'of 100 points')}"
        facts.append(f"- **{t('Modenhed', 'Maturity')}:** {classification_label(m)}, {score}")
    elif r.not_computed:
        facts.append(
            f"- **{t('Modenhed', 'Maturity')}:** {not_computed_text(r.not_computed, w.lang)}"
        )
    blocks: list[Block] = ["\n".join(facts)]
    if r.invalid:
        blocks.append(
            t(
                "**Bemærk:** inventaret har valideringsfejl; ugyldige poster er udeladt "
                "af auditten, og der gives hverken score eller A/U-klassifikation, før fejlene "
                "er rettet (se afsnit 6).",
                "**Note:** the inventory has validation errors; invalid entries are left "
                "out of the audit, and no score or A/U classification is given until they are "
                "fixed (see section 6).",
            )
        )
    blocks.append(_verdict(w))
    return blocks + _levers(w)


def _inventory(w: Writer) -> str:
    s = w.r.stats
    if s is None:
        return "–"
    audited = w.t(f"{s.systems_audited} auditeret", f"{s.systems_audited} audited")
    active = w.t(f"{s.integrations_active} aktive", f"{s.integrations_active} active")
    return (
        f"{w.n(s.systems, 'system')} ({audited}), "
        f"{w.n(s.integrations, 'integration')} ({active}), {w.n(s.data_objects, 'object')}, "
        f"{w.n(s.processes, 'process')}, {w.n(s.units, 'unit')}, {w.n(s.files, 'file')}"
    )


def _infrastructure(w: Writer) -> str | None:
    """The common-infrastructure share as shown, or None when nothing applies."""
    m = w.r.maturity
    if m is None:
        return None
    for i in m.indicators:
        if i.key == INFRASTRUCTURE:
            return w.share(i.numerator, i.denominator) if i.denominator else None
    return None if m.infrastructure is None else w.share(round(m.infrastructure * 10**6), 10**6)


def _verdict(w: Writer) -> str:
    """Classification, distance to A and what the gaps cost, in plain words."""
    r, m = w.r, w.r.maturity
    if m is None:
        if r.not_computed:
            return w.t(
                f"Modenheden er {not_computed_text(r.not_computed, 'da')}. Ret fejlene i "
                "afsnit 6; først da kan scoren og A/U-klassifikationen beregnes.",
                f"Maturity is {not_computed_text(r.not_computed, 'en')}. Fix the errors in "
                "section 6; only then can the score and the A/U classification be computed.",
            )
        return w.t(
            "Modenheden er ikke beregnet for denne rapport.",
            "Maturity was not computed for this report.",
        )
    name = escape(r.municipality.name) if r.municipality.name else None
    label, score, infra = classification_label(m), w.dec(m.score), _infrastructure(w)
    if w.lang == "da":
        met = (
            f"den fælleskommunale infrastruktur bruges i {infra} af de tilfælde, hvor den "
            "kan bruges"
            if infra
            else "den fælleskommunale infrastruktur er ikke relevant for systemerne"
        )
        parts = [
            f"{name or 'Kommunen'} er en **{label}**: scoren er {score} af 100, og {met}. "
            "En Digital A-kommune opfylder de obligatoriske elementer (Digital Post, ingen "
            "lukkede services), har mindst 75 point og bruger den fælleskommunale "
            "infrastruktur i mindst 90 % af tilfældene."
        ]
    else:
        met = (
            f"the common municipal infrastructure is used in {infra} of the cases where it applies"
            if infra
            else "the common municipal infrastructure does not apply to its systems"
        )
        parts = [
            f"{name or 'The municipality'} is a **{label}**: the score is {score} of 100, "
            f"and {met}. A Digital A-kommune meets the mandatory elements (Digital Post, no "
            "closed services), has at least 75 points and uses the common infrastructure in "
            "at least 90% of the cases."
        ]
    if m.classification == "U":
        parts.extend(_missing(w))
    dup = sum(f.rule in DUPLICATE for f in w.gaps)
    broken = sum(f.rule in INTEGRATION for f in w.gaps)
    parts.append(
        w.t(
            f"Auditten fandt {w.n(dup, 'finding')} om dobbeltindtastning (afsnit 4) og "
            f"{w.n(broken, 'finding')} om manglende eller brudte integrationer (afsnit 5).",
            f"The audit found {w.n(dup, 'finding')} of duplicate data entry (section 4) and "
            f"{w.n(broken, 'finding')} of missing or broken integrations (section 5).",
        )
    )
    hours = sum(j.hours_per_year or 0.0 for j in r.journeys)
    if hours > 0:
        h = num(hours, w.lang)
        kr, years = money(hours, r.hourly_cost, w.lang), fte(hours, r.fte_hours, w.lang)
        parts.append(
            w.t(
                f"Sagsbehandlerne bruger anslået {h} timer om året (omkring {kr} eller {years}) "
                "på at slå de samme data op og taste dem ind i flere systemer (afsnit 8).",
                f"Caseworkers spend an estimated {h} hours a year (about {kr} or {years}) "
                "looking up and re-keying the same data in several systems (section 8).",
            )
        )
    return " ".join(parts)


def _missing(w: Writer) -> list[str]:
    """What a U-kommune lacks: score points and/or obligations to meet."""
    m = w.r.maturity
    if m is None:
        return []
    lacks: list[str] = []
    if m.distance_to_a > 0:
        points = w.dec(m.distance_to_a, up=True)
        lacks.append(w.t(f"{points} point", f"{points} more points"))
    k = m.infrastructure_gap
    if k > 0:
        lacks.append(
            w.t(
                f"{k} tilfælde mere med brug af den fælleskommunale infrastruktur",
                f"{k} more {'case' if k == 1 else 'cases'} using the common infrastructure",
            )
        )
    out = []
    if lacks:
        out.append(
            w.t(
                f"Der mangler {' og '.join(lacks)} for at blive en Digital A-kommune.",
                f"It needs {' and '.join(lacks)} to become a Digital A-kommune.",
            )
        )
    unmet = [UNMET[e.key].get(w.lang) for e in m.mandatory if not e.met and e.key in UNMET]
    if unmet:
        out.append(
            w.t(
                f"De obligatoriske elementer er ikke opfyldt: {', og '.join(unmet)} (afsnit 2).",
                f"The mandatory elements are not met: {' and '.join(unmet)} (section 2).",
            )
        )
    return out


def _levers(w: Writer) -> list[Block]:
    """The changes that would raise the score most (at most :data:`TOP_LEVERS`)."""
    m = w.r.maturity
    if m is None:
        return []
    head = f"**{w.t('Største greb', 'Top levers')}**\n\n"
    if not m.levers:
        return [head + w.t("Ingen greb at foreslå.", "No levers to suggest.")]
    points = w.t("point", "points")
    items = [
        f"{i}. {prose(lever.text.get(w.lang))} (+{num(lever.gain, w.lang)} {points})"
        for i, lever in enumerate(m.levers[:TOP_LEVERS], start=1)
    ]
    return [head + "\n".join(items)]


def indicators(w: Writer) -> list[Block]:
    """Section 2: every indicator with numerator, denominator, share and weight, and the score."""
    m = w.r.maturity
    if m is None:
        return [_not_computed(w)]
    if not m.indicators:
        return [w.t("Ingen indikatorer.", "No indicators.")]
    rows = [
        (
            prose(i.name.get(w.lang)),
            str(i.numerator),
            str(i.denominator),
            w.share(i.numerator, i.denominator)
            if i.denominator
            else w.t("– (udeladt)", "– (left out)"),
            w.number(i.weight),
        )
        for i in m.indicators
    ]
    table = Table(
        (
            w.t("Indikator", "Indicator"),
            w.t("Opfyldt", "Met"),
            w.t("I alt", "Total"),
            w.t("Andel", "Share"),
            w.t("Vægt", "Weight"),
        ),
        rows,
        right=frozenset({1, 2, 3, 4}),
        cut=False,
    )
    score = w.dec(m.score)
    note = w.t(
        f"Scoren er **{score}** af 100: 100 × det vægtede gennemsnit af andelene; en indikator "
        "uden noget at måle er udeladt. En Digital A-kommune opfylder de obligatoriske "
        "elementer, har mindst 75 point og bruger den fælleskommunale infrastruktur i mindst "
        "90 % af tilfældene. Andele er rundet ned.",
        f"The score is **{score}** of 100: 100 × the weighted mean of the shares; an indicator "
        "with nothing to measure is left out. A Digital A-kommune meets the mandatory elements, "
        "has at least 75 points and uses the common infrastructure in at least 90% of the "
        "cases. Shares are rounded down.",
    )
    mandatory = [
        f"- {prose(e.name.get(w.lang))}: "
        + (w.t("opfyldt", "met") if e.met else w.t("**ikke opfyldt**", "**not met**"))
        + f" ({e.rule})"
        for e in m.mandatory
    ]
    if mandatory:
        head = w.t("**Obligatoriske elementer**", "**Mandatory elements**")
        return [table, note, head + "\n\n" + "\n".join(mandatory)]
    return [table, note]


def _not_computed(w: Writer) -> str:
    """What stands where a maturity section would: not computed, and why."""
    if w.r.not_computed:
        return w.t(
            f"Modenheden er {not_computed_text(w.r.not_computed, 'da')}.",
            f"Maturity is {not_computed_text(w.r.not_computed, 'en')}.",
        )
    return w.t(
        "Modenheden er ikke beregnet for denne rapport.",
        "Maturity was not computed for this report.",
    )


def path(w: Writer) -> list[Block]:
    """Section 2, the path to A: each fix in order, with the score and classification after."""
    m = w.r.maturity
    if m is None:
        return [_not_computed(w)]
    if m.classification == "A":
        return [
            w.t(
                "Kommunen er en Digital A-kommune; der er ingen vej at gå.",
                "The municipality is a Digital A-kommune; there is no path to walk.",
            )
        ]
    if not m.path_to_a:
        return [
            w.t(
                "Auditten kender ingen rettelser, der gør kommunen til en A-kommune.",
                "The audit knows no fixes that make the municipality an A-kommune.",
            )
        ]
    last = m.path_to_a[-1]
    lead = w.t(
        f"Vejen har {w.n(len(m.path_to_a), 'step')}; efter dem er kommunen en Digital "
        f"{last.classification_after}-kommune (genberegnet efter hvert trin). Først de "
        "obligatoriske elementer, så brugen af den fælleskommunale infrastruktur, så de greb, "
        "der løfter scoren mest.",
        f"The path has {w.n(len(m.path_to_a), 'step')}; after them the municipality is a "
        f"Digital {last.classification_after}-kommune (recomputed after every step). First the "
        "mandatory elements, then the use of the common infrastructure, then the levers that "
        "raise the score most.",
    )
    rows = [
        (
            str(n),
            s.rule,
            prose(", ".join(s.subjects)),
            prose(s.action.get(w.lang)),
            "–" if s.hours is None else num(s.hours, w.lang),
            w.dec(s.score_after),
            s.classification_after,
        )
        for n, s in enumerate(m.path_to_a, start=1)
    ]
    table = Table(
        (
            "#",
            w.t("Regel", "Rule"),
            w.t("Emner", "Subjects"),
            w.t("Det skal gøres", "What to do"),
            w.t("Timer/år", "Hours/year"),
            w.t("Score efter", "Score after"),
            w.t("Klassifikation efter", "Classification after"),
        ),
        rows,
        right=frozenset({0, 4, 5}),
        cut=False,
    )
    return [lead, table]
