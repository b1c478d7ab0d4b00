"""The annex of the gap report: what to build, what it costs, who owns it, and the pictures.

Recommended integrations ranked by the hours they save, caseworker journeys with their
estimated hours (labelled as an estimate with its assumptions), governance, the hot spots and
the landscape, and the services the report names with a link to each one's catalogue page.
"""

from __future__ import annotations

import math
import re

from kommarch.catalogue import catalogue
from kommarch.findings import Text, long_date
from kommarch.render.base import fte, money, num
from kommarch.render.mdtable import Block, LazyRows, Table, code, escape
from kommarch.render.mdwriter import Writer
from kommarch.render.mermaid import flowchart
from kommarch.report import ContractInfo, Journey, Recommendation, VendorShare

TOP_VENDORS = 10  # the vendor table shows the largest; the rest are summed up in one sentence


def _hours(w: Writer, hours: float | None) -> str:
    return w.t("ukendt", "unknown") if hours is None else num(hours, w.lang)


def _by_hours(hours: float | None) -> tuple[bool, float]:
    """Sort key: most hours first, unknown hours last."""
    return (hours is None, -(hours or 0.0))


def recommendations(w: Writer) -> list[Block]:
    """Section 6: the integrations that would remove manual entry, most hours saved first."""
    recs = sorted(
        w.r.recommendations, key=lambda x: (*_by_hours(x.hours_per_year), x.system, x.object)
    )
    if not recs:
        return [
            w.t(
                "Ingen anbefalinger: ingen system taster data ind, som en integration kunne "
                "levere.",
                "No recommendations: no system keys in data that an integration could deliver.",
            )
        ]
    lead = w.t(
        f"{w.n(len(recs), 'integration')}, der vil fjerne manuel indtastning, rangeret efter de "
        "sagsbehandlertimer, de anslås at spare om året (forudsætningerne står i "
        f"{w.ref('journeys')}).",
        f"{w.n(len(recs), 'integration')} that would remove manual entry, ranked by the "
        "caseworker hours they are estimated to save a year (assumptions in "
        f"{w.ref('journeys')}).",
    )
    table = Table(
        (
            "#",
            w.t("System", "System"),
            w.t("Dataobjekt", "Data object"),
            w.t("Fra", "From"),
            w.t("Kanal", "Channel"),
            w.t("Service", "Service"),
            w.t("Timer/år", "Hours/yr"),
            w.t("Arbejdsgange", "Journeys"),
        ),
        LazyRows(list(enumerate(recs, start=1)), lambda x: _recommendation(w, *x)),
        right=frozenset({0, 6}),
    )
    return [lead, table]


def _recommendation(w: Writer, rank: int, x: Recommendation) -> tuple[str, ...]:
    via = w.label(x.via) if x.via else w.t("direkte", "direct")
    service = code(x.service) if x.service else "–"
    journeys = ", ".join(code(p) for p in x.processes) or "–"
    return (
        str(rank),
        w.label(x.system),
        w.label(x.object),
        w.label(x.provider),
        via,
        service,
        _hours(w, x.hours_per_year),
        journeys,
    )


def journeys(w: Writer) -> list[Block]:
    """Section 7: caseworker journeys with their estimated hours a year, and the assumptions."""
    ls, es = w.number(w.r.lookup_seconds), w.number(w.r.entry_seconds)
    assumptions = w.t(
        f"**Skøn.** Timer om året = sager pr. år × (overflødige opslag × {ls} sekunder + "
        f"overflødige indtastninger × {es} sekunder) / 3600. Et opslag eller en indtastning er "
        "overflødig, når samme dataobjekt slås op eller tastes ind i endnu et system i samme "
        "arbejdsgang (antal systemer minus ét pr. dataobjekt). Sekunderne er antagelser fra "
        "konfigurationen (`lookup_seconds`, `entry_seconds`); en arbejdsgang uden antal sager "
        "pr. år har ukendt timetal.",
        f"**Estimate.** Hours a year = cases a year × (redundant lookups × {ls} seconds + "
        f"redundant entries × {es} seconds) / 3600. A lookup or entry is redundant when the same "
        "data object is looked up or keyed in in one more system in the same journey (systems "
        "minus one per data object). The seconds are assumptions from the configuration "
        "(`lookup_seconds`, `entry_seconds`); a journey without cases a year has unknown hours.",
    )
    items = sorted(w.r.journeys, key=lambda j: (*_by_hours(j.hours_per_year), j.process))
    if not items:
        return [
            assumptions,
            w.t(
                "Systemoversigten beskriver ingen arbejdsgange (afsnittet `processes`).",
                "The inventory describes no caseworker journeys (section `processes`).",
            ),
        ]
    table = Table(
        (
            w.t("Arbejdsgang", "Journey"),
            w.t("Enhed", "Unit"),
            w.t("Sager/år", "Cases/yr"),
            w.t("Overflødige opslag", "Redundant lookups"),
            w.t("Overflødige indtastninger", "Redundant entries"),
            w.t("Timer/år (skøn)", "Hours/yr (estimate)"),
            w.t("Gentagelser", "Repetitions"),
        ),
        LazyRows(items, lambda j: _journey(w, j)),
        right=frozenset({2, 3, 4, 5}),
    )
    known = [j.hours_per_year for j in items if j.hours_per_year is not None]
    hours = sum(known)
    r = w.r
    kr, years = money(hours, r.hourly_cost, w.lang), fte(hours, r.fte_hours, w.lang)
    cost, per = w.number(r.hourly_cost), w.number(r.fte_hours)
    total = w.t(
        f"I alt anslået **{num(hours, w.lang)}** timer om året i "
        f"{w.n(len(known), 'process')} med kendt antal sager, svarende til omkring {kr} eller "
        f"{years} (skøn: {cost} kr. pr. time inklusive overhead, {per} timer pr. årsværk; "
        "`hourly_cost`, `fte_hours`).",
        f"In all an estimated **{num(hours, w.lang)}** hours a year in "
        f"{w.n(len(known), 'process')} with a known number of cases, about {kr} or {years} "
        f"(estimate: DKK {cost} an hour including overhead, {per} hours a full-time "
        "equivalent; `hourly_cost`, `fte_hours`).",
    )
    return [assumptions, table, total]


def _journey(w: Writer, j: Journey) -> tuple[str, ...]:
    cases = w.t("ukendt", "unknown") if j.cases_per_year is None else str(j.cases_per_year)
    kle = "".join(
        f"<br>KLE {escape(n)}" + (f" {escape(t)}" if (t := w.r.kle_titles.get(n)) else "")
        for n in j.kle
    )
    return (
        f"{escape(j.name)} ({code(j.process)}){kle}",
        w.label(j.unit) if j.unit else "–",
        cases,
        str(j.redundant_lookups),
        str(j.redundant_entries),
        _hours(w, j.hours_per_year),
        _repetitions(w, j),
    )


def _repetitions(w: Writer, j: Journey) -> str:
    """Per data object: where it is looked up or keyed in more than once."""
    out: list[str] = []
    for o in j.objects:
        parts = []
        if len(o.lookup_systems) > 1:
            parts.append(w.t("opslag i ", "looked up in ") + ", ".join(map(code, o.lookup_systems)))
        if len(o.entry_systems) > 1:
            parts.append(
                w.t("tastet ind i ", "entered in ") + ", ".join(map(code, o.entry_systems))
            )
        if parts:
            out.append(f"{code(o.object)}: {'; '.join(parts)}")
    return "<br>".join(out) or "–"


def governance(w: Writer) -> list[Block]:
    """Section 8: system owners, contracts, vendor concentration, personal data without DPA."""
    g, t = w.r.governance, w.t
    if g is None:
        return [
            t(
                "Styringen er ikke opgjort for denne rapport.",
                "Governance was not computed for this report.",
            )
        ]
    owners = t(
        f"{g.with_owner} af {w.n(g.systems_in_use, 'system')} i drift har en systemejer.",
        f"{g.with_owner} of {w.n(g.systems_in_use, 'system')} in use have a system owner.",
    )
    blocks: list[Block] = [f"### {t('Systemejere', 'System owners')}", owners]
    if g.without_owner:
        blocks += [t("Uden systemejer:", "Without a system owner:"), _systems(w, g.without_owner)]
    blocks += [
        f"### {t('Kontrakter', 'Contracts')}",
        *_contracts(w, g.contracts_expiring),
        f"### {t('Leverandører', 'Vendors')}",
        *_vendors(w, g.vendors),
    ]
    blocks.append(f"### {t('Persondata (GDPR)', 'Personal data (GDPR)')}")
    n, k = w.n(g.personal_data_systems, "system"), len(g.without_dpa)
    if not g.without_dpa:
        return [
            *blocks,
            t(
                f"{n} behandler personoplysninger; alle har en databehandleraftale.",
                f"{n} process personal data; all have a data processing agreement.",
            ),
        ]
    has = "has" if k == 1 else "have"
    return [
        *blocks,
        t(
            f"{n} behandler personoplysninger; {k} af dem har ingen databehandleraftale:",
            f"{n} process personal data; {k} of them {has} no data processing agreement:",
        ),
        _systems(w, g.without_dpa),
    ]


def _contracts(w: Writer, contracts: tuple[ContractInfo, ...]) -> list[Block]:
    t = w.t
    if not contracts:
        return [
            t(
                "Ingen kontrakter udløber inden for varslingsperioden.",
                "No contract ends within the warning period.",
            )
        ]

    def row(c: ContractInfo) -> tuple[str, ...]:
        end = long_date(c.contract_end, w.lang)
        if w.r.as_of is not None and c.contract_end < w.r.as_of:
            end += t(" (udløbet)", " (ended)")
        return (w.label(c.system), end, w.label(c.replaced_by) if c.replaced_by else "–")

    return [
        t(
            "Kontrakter, der er udløbet eller udløber inden for varslingsperioden:",
            "Contracts that have ended or end within the warning period:",
        ),
        Table(
            (
                t("System", "System"),
                t("Kontraktudløb", "Contract end"),
                t("Erstattes af", "Replaced by"),
            ),
            LazyRows(contracts, row),
        ),
    ]


def _vendors(w: Writer, vendors: tuple[VendorShare, ...]) -> list[Block]:
    """The largest vendors (vendor concentration); the rest in one sentence."""
    t = w.t
    if not vendors:
        return [t("Ingen leverandører er registreret.", "No vendors are recorded.")]
    rows = [
        (escape(v.vendor), str(v.systems), w.share(math.floor(v.share * 1000 + 1e-9), 1000))
        for v in vendors[:TOP_VENDORS]
    ]
    blocks: list[Block] = [
        t(
            "Systemer i drift pr. leverandør, største først; en stor andel hos én leverandør er en "
            "risiko for leverandørlåsning (FDA AR 2.3).",
            "In-use systems per vendor, largest "
            "first; a large share with one vendor is a lock-in risk (FDA AR 2.3).",
        ),
        Table(
            (t("Leverandør", "Vendor"), t("Systemer", "Systems"), t("Andel", "Share")),
            rows,
            right=frozenset({1, 2}),
        ),
    ]
    rest = vendors[TOP_VENDORS:]
    if rest:
        k, systems = len(rest), w.n(sum(v.systems for v in rest), "system")
        da = "1 anden leverandør" if k == 1 else f"{k} andre leverandører"
        en = "1 other vendor supplies" if k == 1 else f"{k} other vendors supply"
        blocks.append(
            t(f"Derudover leverer {da} i alt {systems}.", f"Besides, {en} {systems} in all.")
        )
    return blocks


def _systems(w: Writer, ids: tuple[str, ...]) -> Table:
    return Table((w.t("System", "System"),), LazyRows(ids, lambda i: (w.label(i),)))


def pictures(w: Writer) -> list[Block]:
    """The hot spots (Mermaid and/or a drawing) and, where drawn, the whole landscape."""
    blocks = hotspots(w)
    landscape = w.figure("landscape")
    if landscape:
        blocks += [
            f"### {w.t('Systemlandskabet', 'The system landscape')}",
            w.t(
                "Alle systemer, der ikke er udfaset, grupperet efter forvaltning (eller "
                "systemtype), og de aktive integrationer mellem dem.",
                "Every system that is not retired, grouped by department (or system type), and "
                "the active integrations between them.",
            ),
            *landscape,
        ]
    return blocks


def hotspots(w: Writer) -> list[Block]:
    """The duplicate-entry and missing-integration hot spots as a diagram."""
    h, t = w.r.hotspots, w.t
    if h is None or not (h.nodes or h.edges):
        return [
            t(
                "Ingen brændpunkter: ingen dobbeltindtastning eller manglende integrationer at "
                "vise.",
                "No hot spots: no duplicate data entry or missing integrations to show.",
            )
        ]
    blocks: list[Block] = [
        t(
            "Brændpunkterne for dobbeltindtastning og manglende integrationer. Fuldt optrukne pile "
            "er aktive integrationer, stiplede røde pile manglende integrationer og tykke orange "
            "pile manuel indtastning.",
            "The hot spots of duplicate data entry and missing integrations. Solid arrows are "
            "active integrations, dashed red arrows missing integrations and thick orange arrows "
            "manual entry.",
        ),
        *w.figure("hotspots", flowchart(h, w.r.names, w.lang)),
    ]
    if h.omitted_nodes or h.omitted_edges:
        nodes, edges = w.n(h.omitted_nodes, "system"), w.n(h.omitted_edges, "edge")
        blocks.append(
            t(
                f"For overskuelighedens skyld er {nodes} og {edges} udeladt; "
                "tabellerne ovenfor viser dem alle.",
                f"For readability {nodes} and {edges} are left out; the tables above "
                "list them all.",
            )
        )
    return blocks


_SERVICE = re.compile(r"\bSF\d{4}(?:_[A-Z])?\b")


def services(w: Writer) -> list[Block]:
    """Every catalogue service the report names, with its state and a link to its page in the
    catalogue source (Digitaliseringskataloget)."""
    texts = [f.message.get(w.lang) for f in w.gaps]
    texts += [x.service or "" for x in w.r.recommendations]
    if w.r.maturity is not None:
        texts += [s.action.get(w.lang) for s in w.r.maturity.path_to_a]
    known = catalogue().services
    named = sorted({m for text in texts for m in _SERVICE.findall(text) if m in known})
    if not named:
        return [w.t("Rapporten nævner ingen services.", "The report names no services.")]
    rows = [
        (
            code(s.id),
            escape(s.name),
            _STATE[s.state.value].get(w.lang),
            f"[{escape(s.provenance.source)}]({s.provenance.source})",
        )
        for s in (known[i] for i in named)
    ]
    lead = w.t(
        "De services, rapporten nævner, med et link til hver services side i kataloget.",
        "The services the report names, with a link to each service's page in the catalogue.",
    )
    head = (w.t("Service", "Service"), w.t("Navn", "Name"), w.t("Status", "State"), "Link")
    return [lead, Table(head, rows)]


_STATE = {
    "active": Text("i drift", "in use"),
    "phasing-out": Text("under udfasning", "being phased out"),
    "closed": Text("lukket", "closed"),
}
