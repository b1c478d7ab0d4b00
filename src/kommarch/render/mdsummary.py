"""Page one of the gap report, for leaders: the verdict and why, the path to A, the five most
important actions with who to call and when the contract allows it, and the indicators.

Every sentence names systems by their names, dates are written out ("31. august 2026") and the
Danish follows docs/ordliste.md.
"""

from __future__ import annotations

from collections.abc import Sequence

from kommarch.findings import Text, long_date
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
from kommarch.render.mdwriter import FIGURE_ALT, Writer
from kommarch.render.mermaid import bar_chart
from kommarch.report import IndicatorResult, Maturity, SystemContact
from kommarch.rules.base import ReportSection

INFRASTRUCTURE = "common_infrastructure_used"
TOP_ACTIONS = 5
_NUMBERS = {
    "da": ("ingen", "ét", "to", "tre"),
    "en": ("no", "one", "two", "three"),
}


def title(w: Writer) -> list[Block]:
    """The ``#`` heading and the tool line (the as-of date is in the verdict)."""
    who = municipality_label(w.r)
    head = w.t("Arkitekturrapport", "Architecture gap report")
    meta = f"kommarch {escape(w.r.tool_version)}"
    if w.r.catalogue_version:
        meta += f" · {w.t('katalog', 'catalogue')} {escape(w.r.catalogue_version)}"
    return [f"# {head}: {escape(who)}" if who else f"# {head}", f"_{meta}_"]


def _who(w: Writer) -> str:
    name = w.r.municipality.name
    return escape(name) if name else w.t("Kommunen", "The municipality")


# -- 1. the verdict ---------------------------------------------------------------------------
def verdict(w: Writer) -> list[Block]:
    """The classification, each A criterion met or not and by how much, and the facts."""
    m = w.r.maturity
    blocks: list[Block] = []
    if m is None:
        blocks.append(_no_verdict(w))
    else:
        blocks += [_verdict_line(w, m), _criteria(w, m)]
    blocks += [_gaps_line(w), _facts(w)]
    return blocks


def _no_verdict(w: Writer) -> str:
    if w.r.not_computed:
        dq = w.ref("data_quality")
        return w.t(
            f"Modenheden er {not_computed_text(w.r.not_computed, 'da')}. Ret fejlene i "
            f"systemoversigten ({dq}); først da kan point og A/U-klassifikation beregnes.",
            f"Maturity is {not_computed_text(w.r.not_computed, 'en')}. Fix the errors in the "
            f"inventory ({dq}); only then can the score and the A/U classification be computed.",
        )
    return w.t(
        "Modenheden er ikke beregnet for denne rapport.",
        "Maturity was not computed for this report.",
    )


def _unmet(m: Maturity) -> int:
    return (not m.mandatory_met) + (m.distance_to_a > 0) + (m.infrastructure_gap > 0)


def _verdict_line(w: Writer, m: Maturity) -> str:
    who, label, score = _who(w), classification_label(m), w.dec(m.score)
    missing = _unmet(m)
    if missing == 0:
        return w.t(
            f"{who} er en **{label}** med {score} af 100 point og opfylder alle tre krav:",
            f"{who} is a **{label}** with {score} of 100 points and meets all three criteria:",
        )
    n = _NUMBERS[w.lang][missing]
    return w.t(
        f"{who} er en **{label}** med {score} af 100 point. Kommunen skal opfylde {n} krav "
        "mere for at blive en Digital A-kommune:",
        f"{who} is a **{label}** with {score} of 100 points. It must meet {n} more "
        f"criteri{'on' if missing == 1 else 'a'} to become a Digital A-kommune:",
    )


def _mark(w: Writer, met: bool) -> str:
    return w.t("opfyldt", "met") if met else w.t("ikke opfyldt", "not met")


def _criteria(w: Writer, m: Maturity) -> str:
    """The three A criteria, one line each: met or not, and by how much."""
    return "\n".join(
        [
            f"- **{w.t('De obligatoriske elementer', 'The mandatory elements')}: "
            f"{_mark(w, m.mandatory_met)}.** {_mandatory(w, m)}",
            f"- **{w.t('Mindst 75 point', 'At least 75 points')}: "
            f"{_mark(w, m.distance_to_a <= 0)}.** {_points(w, m)}",
            f"- **{w.t('Fælleskommunal infrastruktur i mindst 90 % af tilfældene', 'Common infrastructure used in at least 90% of the cases')}: "  # noqa: E501
            f"{_mark(w, m.infrastructure_gap <= 0)}.** {_infrastructure(w, m)}",
        ]
    )


_MANDATORY_UNMET = {
    "digital_post": Text(
        "Breve når ikke Digital Post fra {who}", "Letters do not reach Digital Post from {who}"
    ),
    "no_closed_service": Text("{who} bruger en lukket service", "{who} uses a closed service"),
}


def _mandatory(w: Writer, m: Maturity) -> str:
    unmet = [e for e in m.mandatory if not e.met]
    if not unmet:
        return w.t(
            "Breve når Digital Post, og ingen lukkede services er i brug.",
            "Letters reach Digital Post, and no closed service is in use.",
        )
    parts = []
    for e in unmet:
        who = w.names(s for subjects in e.findings for s in subjects[:1])
        text = _MANDATORY_UNMET.get(e.key)
        parts.append(text.get(w.lang).format(who=who) if text else prose(e.name.get(w.lang)))
    return ". ".join(parts) + "."


def _points(w: Writer, m: Maturity) -> str:
    score = w.dec(m.score)
    if m.distance_to_a <= 0:
        return w.t(f"Kommunen har {score} point.", f"The score is {score}.")
    short = w.dec(m.distance_to_a, up=True)
    return w.t(
        f"Kommunen har {score} point og mangler {short}.",
        f"The score is {score}, {short} short.",
    )


def _share(w: Writer, m: Maturity) -> IndicatorResult | None:
    return next((i for i in m.indicators if i.key == INFRASTRUCTURE and i.denominator), None)


def _infrastructure(w: Writer, m: Maturity) -> str:
    i = _share(w, m)
    if i is None:
        return w.t(
            "Ingen af systemerne skal bruge den.", "None of the systems is required to use it."
        )
    used = w.t(
        f"Den bruges i {w.share(i.numerator, i.denominator)} ({i.numerator} af {i.denominator})",
        f"It is used in {w.share(i.numerator, i.denominator)} ({i.numerator} of {i.denominator})",
    )
    k = m.infrastructure_gap
    if k <= 0:
        return used + "."
    return used + w.t(
        f"; {k} tilfælde mere skal bruge den.",
        f"; {k} more {'case needs' if k == 1 else 'cases need'} to use it.",
    )


def _gaps_line(w: Writer) -> str:
    """What the review shows, in counts, and what the duplicate entry costs."""
    dup = sum(w.section_of(f) is ReportSection.DUPLICATES for f in w.gaps)
    broken = sum(w.section_of(f) is ReportSection.INTEGRATIONS for f in w.gaps)
    text = w.t(
        f"Gennemgangen viser {dup} tilfælde af dobbeltindtastning ({w.ref('duplicates')}) og "
        f"{broken} manglende eller brudte integrationer ({w.ref('integrations')}).",
        f"The review shows {dup} cases of duplicate data entry ({w.ref('duplicates')}) and "
        f"{broken} missing or broken integrations ({w.ref('integrations')}).",
    )
    hours = sum(j.hours_per_year or 0.0 for j in w.r.journeys)
    if hours <= 0:
        return text
    r, h = w.r, num(hours, w.lang)
    kr, years = money(hours, r.hourly_cost, w.lang), fte(hours, r.fte_hours, w.lang)
    return text + w.t(
        f" Sagsbehandlerne bruger anslået {h} timer om året (omkring {kr} eller {years}) på at "
        f"slå de samme data op og taste dem ind i flere systemer ({w.ref('journeys')}).",
        f" Caseworkers spend an estimated {h} hours a year (about {kr} or {years}) looking up "
        f"and re-keying the same data in several systems ({w.ref('journeys')}).",
    )


def _facts(w: Writer) -> str:
    r, lines = w.r, []
    if r.as_of is not None:
        lines.append(f"{w.t('Opgjort pr.', 'As of')} {long_date(r.as_of, w.lang)}.")
    s = r.stats
    if s is not None:
        lines.append(
            w.t(
                f"Systemoversigten: {w.n(s.systems, 'system')}, heraf {s.systems_audited} i drift "
                f"eller under udfasning; {w.n(s.integrations, 'integration')}, heraf "
                f"{s.integrations_active} aktive.",
                f"The inventory: {w.n(s.systems, 'system')}, {s.systems_audited} of them in use "
                f"or being phased out; {w.n(s.integrations, 'integration')}, "
                f"{s.integrations_active} of them active.",
            )
        )
    lines.append(
        w.t("Forhold i alt: ", "Findings in all: ") + counts_phrase(r.counts, w.lang) + "."
    )
    if r.invalid:
        lines.append(
            w.t(
                f"Systemoversigten har valideringsfejl ({w.ref('data_quality')}); de poster, "
                "fejlene gælder, er ikke gennemgået.",
                f"The inventory has validation errors ({w.ref('data_quality')}); the entries "
                "they concern are not audited.",
            )
        )
    return "_" + " ".join(lines) + "_"


# -- 2. the path to A -------------------------------------------------------------------------
def path(w: Writer) -> list[Block]:
    """Each step of the path to A in order: what to do, the hours and kroner, the score after."""
    m = w.r.maturity
    if m is None:
        return [_no_verdict(w)]
    if m.classification == "A":
        return [
            w.t(
                f"{_who(w)} er en Digital A-kommune; der er ingen vej at gå.",
                f"{_who(w)} is a Digital A-kommune; there is no path to walk.",
            )
        ]
    if not m.path_to_a:
        return [
            w.t(
                "Gennemgangen kender ingen rettelser, der gør kommunen til en Digital A-kommune.",
                "The review knows no fixes that make the municipality a Digital A-kommune.",
            )
        ]
    today = w.t("I dag", "Today")
    bars = [(today, m.score)] + [(str(n), s.score_after) for n, s in enumerate(m.path_to_a, 1)]
    chart = bar_chart(FIGURE_ALT["path"].get(w.lang), bars, w.t("Point", "Score"))
    return [_path_lead(w, m), _path_table(w, m), _path_cost(w, m), *w.figure("path", chart)]


def _path_lead(w: Writer, m: Maturity) -> str:
    steps, last = len(m.path_to_a), m.path_to_a[-1]
    after = f"Digital {last.classification_after}-kommune"
    return w.t(
        f"Med {w.n(steps, 'step')} bliver {_who(w)} en {after}; pointene er regnet om efter "
        "hvert trin. Først de obligatoriske elementer, så brugen af den fælleskommunale "
        "infrastruktur, så de tiltag, der løfter pointene mest.",
        f"With {w.n(steps, 'step')} {_who(w)} becomes a {after}; the score is recomputed after "
        "every step. First the mandatory elements, then the use of the common infrastructure, "
        "then the actions that raise the score most.",
    )


def _path_table(w: Writer, m: Maturity) -> Table:
    r = w.r
    rows = [
        (
            str(n),
            prose(s.action.get(w.lang)),
            w.names(s.subjects),
            "–" if s.hours is None else num(s.hours, w.lang),
            "–" if s.hours is None else money(s.hours, r.hourly_cost, w.lang),
            w.dec(s.score_after),
            f"{s.classification_after}",
        )
        for n, s in enumerate(m.path_to_a, start=1)
    ]
    return Table(
        (
            "#",
            w.t("Det skal gøres", "What to do"),
            w.t("Hvor", "Where"),
            w.t("Timer om året", "Hours a year"),
            w.t("Kroner om året", "Kroner a year"),
            w.t("Point efter", "Score after"),
            "A/U",
        ),
        rows,
        right=frozenset({0, 3, 4, 5}),
        cut=False,
    )


def _path_cost(w: Writer, m: Maturity) -> str:
    known = [s.hours for s in m.path_to_a if s.hours is not None]
    if not known:
        return w.t(
            "Ingen af trinene har et kendt timetal: de sparer tid i arbejdsgange uden antal "
            f"sager pr. år, eller de er krav, der ikke sparer tid ({w.ref('journeys')}).",
            "None of the steps has known hours: they save time in journeys without a number of "
            f"cases a year, or they are requirements that save no time ({w.ref('journeys')}).",
        )
    r, hours = w.r, sum(known)
    h, kr = num(hours, w.lang), money(hours, r.hourly_cost, w.lang)
    years = fte(hours, r.fte_hours, w.lang)
    return w.t(
        f"Trinene sparer anslået {h} timer om året, omkring {kr} eller {years} "
        f"({len(known)} af {w.n(len(m.path_to_a), 'step')} har et kendt timetal).",
        f"The steps save an estimated {h} hours a year, about {kr} or {years} "
        f"({len(known)} of {w.n(len(m.path_to_a), 'step')} have known hours).",
    )


# -- 3. the five actions ----------------------------------------------------------------------
def actions(w: Writer) -> list[Block]:
    """The five actions that matter most: the path to A first, then the largest score gains;
    each with the system owner, the vendor and the contract end (when a new contract can
    demand it)."""
    m = w.r.maturity
    if m is None:
        return [_no_verdict(w)]
    chosen = _top_actions(w, m)
    if not chosen:
        return [w.t("Ingen tiltag at foreslå.", "No actions to suggest.")]
    rows = [
        (str(n), prose(text), _gain(w, gain), *_contact(w, subjects))
        for n, (text, gain, subjects) in enumerate(chosen, start=1)
    ]
    lead = w.t(
        "Point: hvor meget tiltaget løfter pointene; »krav« er et obligatorisk element, som en "
        "Digital A-kommune skal opfylde. Når kontrakten udløber, kan kravet skrives ind i den "
        "næste kontrakt.",
        "Points: how much the action raises the score; \u201crequired\u201d is a mandatory "
        "element a Digital A-kommune must meet. When the contract ends, the requirement can be "
        "written into the next contract.",
    )
    table = Table(
        (
            "#",
            w.t("Tiltag", "Action"),
            w.t("Point", "Points"),
            w.t("Systemejer", "System owner"),
            w.t("Leverandør", "Vendor"),
            w.t("Kontrakten udløber", "Contract ends"),
        ),
        rows,
        right=frozenset({0, 2}),
        cut=False,
    )
    return [table, lead]


def _top_actions(w: Writer, m: Maturity) -> list[tuple[str, float | None, tuple[str, ...]]]:
    chosen: list[tuple[str, float | None, tuple[str, ...]]] = []
    before, required = m.score, {e.rule for e in m.mandatory}
    for s in m.path_to_a:
        gain = None if s.rule in required else max(0.0, s.score_after - before)
        chosen.append((s.action.get(w.lang), gain, s.subjects))
        before = s.score_after
    seen = {text for text, _, _ in chosen}
    for lever in m.levers:
        if lever.text.get(w.lang) not in seen:
            chosen.append((lever.text.get(w.lang), lever.gain, lever.subjects))
    return chosen[:TOP_ACTIONS]


def _gain(w: Writer, gain: float | None) -> str:
    """The points an action adds; a mandatory element adds none but is required for A."""
    return w.t("krav", "required") if gain is None else "+" + w.dec(gain, up=True)


def _contact(w: Writer, subjects: Sequence[str]) -> tuple[str, str, str]:
    found = [c for s in subjects if (c := w.r.contacts.get(s)) is not None]
    if not found:
        return ("–", "–", "–")
    owners = _distinct(c.owner for c in found) or w.t("**ingen**", "**none**")
    vendors = _distinct(c.vendor for c in found) or "–"
    return (owners, vendors, _contract_end(w, found))


def _distinct(values: object) -> str:
    out: list[str] = []
    for v in values:  # type: ignore[attr-defined]
        if v and escape(v) not in out:
            out.append(escape(v))
    return ", ".join(out)


def _contract_end(w: Writer, found: list[SystemContact]) -> str:
    ends = sorted({c.contract_end for c in found if c.contract_end is not None})
    if not ends:
        return w.t("ikke registreret", "not recorded")
    first = ends[0]
    text = long_date(first, w.lang)
    if w.r.as_of is not None and first < w.r.as_of:
        return w.t(f"udløbet {text}", f"ended {text}")
    return text


# -- 4. the indicators ------------------------------------------------------------------------
def indicators(w: Writer) -> list[Block]:
    """The indicators as a chart and a table, the score and the mandatory elements."""
    m = w.r.maturity
    if m is None:
        return [_no_verdict(w)]
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
        f"Pointene er **{score}** af 100: 100 × det vægtede gennemsnit af andelene; en "
        "indikator uden noget at måle er udeladt. Andelene er rundet ned.",
        f"The score is **{score}** of 100: 100 × the weighted mean of the shares; an indicator "
        "with nothing to measure is left out. Shares are rounded down.",
    )
    bars = [
        (i.name.get(w.lang), 100 * i.numerator / i.denominator)
        for i in m.indicators
        if i.denominator
    ]
    bars.append((w.t("Point", "Score"), m.score))
    chart = bar_chart(FIGURE_ALT["indicators"].get(w.lang), bars, w.t("Andel i %", "Share in %"))
    return [*w.figure("indicators", chart), table, note]
