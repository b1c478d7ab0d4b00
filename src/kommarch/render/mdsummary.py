"""Sections 1 and 2 of the markdown gap report: the summary a leader reads, and the indicators."""

from __future__ import annotations

from kommarch.render.base import classification_label, counts_phrase, municipality_label, num
from kommarch.render.mdtable import Block, Table, escape, prose
from kommarch.render.mdwriter import DUPLICATE, INTEGRATION, Writer

OBLIGATIONS = "infrastructure_obligations_met"
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
    blocks: list[Block] = ["\n".join(facts)]
    if r.invalid:
        blocks.append(
            t(
                "**Bemærk:** inventaret har valideringsfejl; ugyldige poster er udeladt "
                "af auditten (se afsnit 5).",
                "**Note:** the inventory has validation errors; invalid entries are left "
                "out of the audit (see section 5).",
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


def _obligations(w: Writer) -> str | None:
    """The obligations share as shown, or None when no obligation applies."""
    m = w.r.maturity
    if m is None:
        return None
    for i in m.indicators:
        if i.key == OBLIGATIONS:
            return w.share(i.numerator, i.denominator) if i.denominator else None
    return None if m.obligations is None else w.share(round(m.obligations * 10**6), 10**6)


def _verdict(w: Writer) -> str:
    """Classification, distance to A and what the gaps cost, in plain words."""
    r, m = w.r, w.r.maturity
    if m is None:
        return w.t(
            "Modenheden er ikke beregnet for denne rapport.",
            "Maturity was not computed for this report.",
        )
    name = escape(r.municipality.name) if r.municipality.name else None
    label, score, obl = classification_label(m), w.dec(m.score), _obligations(w)
    if w.lang == "da":
        met = (
            f"{obl} af forpligtelserne over for den fælleskommunale infrastruktur er opfyldt"
            if obl
            else "ingen forpligtelser over for den fælleskommunale infrastruktur gælder"
        )
        parts = [
            f"{name or 'Kommunen'} er en **{label}**: scoren er {score} af 100, og {met}. "
            "En Digital A-kommune har mindst 75 point og mindst 90 % opfyldte forpligtelser."
        ]
    else:
        met = (
            f"{obl} of its obligations to the common municipal infrastructure are met"
            if obl
            else "no obligations to the common municipal infrastructure apply"
        )
        parts = [
            f"{name or 'The municipality'} is a **{label}**: the score is {score} of 100, "
            f"and {met}. A Digital A-kommune has at least 75 points and at least 90% of the "
            "obligations met."
        ]
    if m.classification == "U":
        parts.extend(_missing(w))
    dup = sum(f.rule in DUPLICATE for f in w.gaps)
    broken = sum(f.rule in INTEGRATION for f in w.gaps)
    parts.append(
        w.t(
            f"Auditten fandt {w.n(dup, 'finding')} om dobbeltindtastning (afsnit 3) og "
            f"{w.n(broken, 'finding')} om manglende eller brudte integrationer (afsnit 4).",
            f"The audit found {w.n(dup, 'finding')} of duplicate data entry (section 3) and "
            f"{w.n(broken, 'finding')} of missing or broken integrations (section 4).",
        )
    )
    hours = sum(j.hours_per_year or 0.0 for j in r.journeys)
    if hours > 0:
        h = num(hours, w.lang)
        parts.append(
            w.t(
                f"Sagsbehandlerne bruger anslået {h} timer om året på at slå de samme data op og "
                "taste dem ind i flere systemer (afsnit 7).",
                f"Caseworkers spend an estimated {h} hours a year looking up and re-keying the "
                "same data in several systems (section 7).",
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
    k = m.obligations_gap
    if k > 0:
        lacks.append(
            w.t(
                f"{k} {'opfyldt forpligtelse' if k == 1 else 'opfyldte forpligtelser'}",
                f"{k} more {'obligation' if k == 1 else 'obligations'} met",
            )
        )
    if not lacks:
        return []
    return [
        w.t(
            f"Der mangler {' og '.join(lacks)} for at blive en Digital A-kommune.",
            f"It needs {' and '.join(lacks)} to become a Digital A-kommune.",
        )
    ]


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
        return [
            w.t(
                "Modenheden er ikke beregnet for denne rapport.",
                "Maturity was not computed for this report.",
            )
        ]
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
        "uden noget at måle er udeladt. En Digital A-kommune har mindst 75 point, og mindst 90 % "
        "af infrastrukturforpligtelserne er opfyldt. Andele er rundet ned.",
        f"The score is **{score}** of 100: 100 × the weighted mean of the shares; an indicator "
        "with nothing to measure is left out. A Digital A-kommune has at least 75 points and at "
        "least 90% of the infrastructure obligations met. Shares are rounded down.",
    )
    return [table, note]
