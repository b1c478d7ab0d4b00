"""The markdown gap report: structure, escaping, the Mermaid diagram, truncation and goldens.

Golden files are tests/golden/report-{da,en}.md (a hand-built report) and
tests/golden/<example>-report.{da,en}.md (the bundled example inventories, ``--as-of
2026-11-27``); they are compared byte for byte. Regenerate them deliberately, after reviewing
the change, with::

    KOMMARCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/render/test_markdown.py

and review the diff of tests/golden/ before committing it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from tests.goldenfiles import check_golden

from kommarch.findings import Finding, Lang, Municipality, Severity, Text, sort_findings
from kommarch.inventory.location import Location
from kommarch.render import render as render_format
from kommarch.render.markdown import SECTIONS, MarkdownRenderer
from kommarch.render.mdtable import Slot, Table, code, escape, fit, prose
from kommarch.render.mermaid import flowchart, label, node_ids
from kommarch.render.meta import RuleInfo
from kommarch.report import (
    ContractInfo,
    Governance,
    GraphEdge,
    Hotspots,
    IndicatorResult,
    InventoryStats,
    Journey,
    JourneyObject,
    Lever,
    Maturity,
    Recommendation,
    Report,
    SystemContact,
    VendorShare,
    WaiverStatus,
)
from kommarch.rules.base import Principle, ReportSection

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = ROOT / "tests" / "golden"
MD = MarkdownIt("commonmark").enable("table")

H2 = {
    "da": [
        "1. Konklusion",
        "2. Vejen til A-kommune",
        "3. De fem vigtigste tiltag",
        "4. Modenhedsindikatorer",
        "5. Dobbeltindtastning",
        "6. Manglende og brudte integrationer",
        "7. Øvrige huller i forhold til Rammearkitekturen",
        "8. Anbefalede integrationer",
        "9. Sagsbehandlernes arbejdsgange",
        "10. Styring og ejerskab",
        "11. Dispensationer",
        "12. Brændpunkter og systemlandskab",
        "13. Services i Digitaliseringskataloget",
        "14. Datakvalitet i systemoversigten",
    ],
    "en": [
        "1. Verdict",
        "2. The path to A-kommune",
        "3. The five most important actions",
        "4. Maturity indicators",
        "5. Duplicate data entry",
        "6. Missing and broken integrations",
        "7. Other Rammearkitektur gaps",
        "8. Recommended integrations",
        "9. Caseworker journeys",
        "10. Governance",
        "11. Waivers",
        "12. Hot spots and landscape",
        "13. Services in the catalogue",
        "14. Data quality of the inventory",
    ],
}
PARTS = ["leaders"] * 4 + ["annex"] * 9 + ["data_quality"]

HOSTILE = {
    "pipe": "SBSYS | ESDH",
    "evil": "<script>alert(1)</script>",
    "tick": "Navn med `backticks` og *stjerner* _og_ [link](javascript:x)",
    "nl": "Linje 1\nLinje 2\r\n# ikke en overskrift",
    "aeoe": "Æblegrød – Øens Ålborg-system",
}


# -- building reports by hand (the audit pipeline is tested elsewhere) ------------------------
def _info(code_: str, principle: Principle | None, title: str) -> RuleInfo:
    return RuleInfo(
        code_,
        f"rule-{code_.lower()}",
        Severity.ERROR,
        principle,
        SECTION.get(code_[:4], ReportSection.PRINCIPLES)
        if principle
        else ReportSection.DATA_QUALITY,
        Text("Gruppe", "Group"),
        Text("emner", "subjects"),
        title,
        Text(f"{title} (da)", title),
        Text("Hvorfor", "Why"),
        Text(f"Ret `{code_}` | sådan.", f"Fix `{code_}` | like this."),
        "",
        "",
    )


SECTION = {"KM10": ReportSection.DUPLICATES, "KM20": ReportSection.INTEGRATIONS}
RULES: dict[str, RuleInfo] = {
    c: _info(c, p, f"Title of {c}")
    for c, p in [
        ("KM001", None),
        ("KM101", Principle.P6),
        ("KM102", Principle.P6),
        ("KM103", Principle.P6),
        ("KM104", Principle.P6),
        ("KM105", Principle.P6),
        ("KM201", Principle.P7),
        ("KM202", Principle.P7),
        ("KM204", Principle.P7),
        ("KM206", Principle.P7),
        ("KM302", Principle.P2),
        ("KM401", Principle.P1),
        ("KM404", Principle.P2),
        ("KM501", Principle.P5),
        ("KM901", Principle.P1),
    ]
}


def _f(
    rule: str,
    subjects: tuple[str, ...],
    msg: str,
    path: str,
    line: int | None,
    severity: Severity = Severity.ERROR,
    waived: str | None = None,
) -> Finding:
    f = Finding(
        rule,
        f"rule-{rule.lower()}",
        severity,
        subjects,
        Text(f"{msg} (da)", msg),
        Location(path, line, 5 if line else None),
    )
    return f.waive(waived) if waived else f


def findings() -> list[Finding]:
    """One finding of every section, hostile subjects and messages, one waived."""
    w = Severity.WARNING
    return sort_findings(
        [
            _f("KM101", ("pipe", "person"), "pipe keys in person by hand", "systems/a.yaml", 3),
            _f(
                "KM102",
                ("nl", "handleplan"),
                "nl keys in `handleplan` | by hand",
                "systems/a.yaml",
                20,
                w,
            ),
            _f(
                "KM103",
                ("handleplan", "ky", "pipe"),
                "handleplan has 2 masters",
                "data-objects.yaml",
                2,
            ),
            _f(
                "KM104",
                ("hjaelpemiddel",),
                "hjaelpemiddel has no master",
                "data-objects.yaml",
                9,
                w,
            ),
            _f("KM105", ("aeoe", "adresse"), "aeoe masters adresse", "systems/b.yaml", 4),
            _f(
                "KM101",
                ("aeoe", "person"),
                "aeoe keys in person <b>by hand</b>",
                "systems/b.yaml",
                4,
            ),
            _f(
                "KM201",
                ("ky", "indkomst"),
                "no integration delivers indkomst",
                "systems/a.yaml",
                40,
            ),
            _f(
                "KM202", ("evil", "handleplan"), "chain never reaches a source", "systems/c.yaml", 1
            ),
            _f("KM204", ("ky-old", "kmd-aktiv"), "retired end", "integrations/x.yaml", 7),
            _f("KM206", ("int-1", "ydelse"), "provider lacks ydelse", "integrations/x.yaml", 12),
            _f(
                "KM302",
                ("tick",),
                "tick does not index into SDI",
                "systems/c.yaml",
                30,
                waived="Udfases 2027 | godkendt <b>",
            ),
            _f("KM401", ("evil",), "evil `<script>` has no owner", "systems/c.yaml", 1, w),
            _f(
                "KM404",
                ("A|B & <Co>",),
                "A|B & <Co> supplies too many",
                "systems/c.yaml",
                5,
                Severity.INFO,
            ),
            _f(
                "KM501",
                ("kontanthjaelp", "person"),
                "looks person up in 3 systems",
                "processes.yaml",
                2,
                w,
            ),
            _f("KM901", ("KM302", "tick"), "waiver expired", "kommarch.yaml", 9),
            _f("KM001", (), "cannot read file", "systems/ødelagt|fil.yaml", None),
        ]
    )


def maturity(score: float = 71.458333, classification: str = "U") -> Maturity:
    ind = [
        ("register_data_reused", "Registerdata genbruges", "Register data reused", 8, 10),
        (
            "common_infrastructure_used",
            "Fælleskommunal infrastruktur i brug",
            "Common infrastructure used",
            3,
            5,
        ),
        ("no_duplicate_entry", "Ingen dobbeltindtastning", "No duplicate entry", 9, 12),
        ("ownership", "Ejerskab", "Ownership", 0, 0),
    ]
    return Maturity(
        tuple(
            IndicatorResult(k, Text(da, en), n, d, 1.5 if k == "ownership" else 1.0)
            for k, da, en, n, d in ind
        ),
        score,
        "A" if classification == "A" else "U",
        0.6,
        max(0.0, 75 - score),
        2 if classification == "U" else 0,
        (
            Lever("x", Text("Indekser `tick` i SDI", "Index `tick` into SDI"), 5.0),
            Lever("y", Text("Hent person | CPR", "Fetch person | CPR"), 2.5),
        ),
    )


def full_report(lang: Lang = "en") -> Report:
    """Every section filled, hostile names everywhere."""
    names = {
        **HOSTILE,
        "ky": "Kommunernes Ydelsessystem (KY)",
        "person": "Persondata (CPR)",
        "handleplan": 'Borgerens "handleplan" & mål',
        "cpr": "CPR – Personregistret",
    }
    vendors = tuple(VendorShare(f"Leverandør {i}", 12 - i, (12 - i) / 78) for i in range(11))
    return Report(
        command="audit",
        tool_version="9.9.9",
        root="/somewhere/skovlund",
        municipality=Municipality("Skovlund | Kommune <Ø>", "999"),
        lang=lang,
        findings=findings(),
        as_of=dt.date(2026, 11, 27),
        catalogue_version="2026.11",
        names=names,
        stats=InventoryStats(19, 17, 25, 23, 2, 1, 6, 9),
        maturity=maturity(),
        recommendations=[
            Recommendation(
                "pipe", "person", "cpr", "serviceplatformen", "SF1520", 10.5, (), Text("x", "x")
            ),
            Recommendation("aeoe", "adresse", "dar", None, None, None, (), Text("x", "x")),
            Recommendation(
                "nl",
                "handleplan",
                "ky",
                "evil",
                None,
                40.0,
                ("kontanthjaelp", "visitation"),
                Text("x", "x"),
            ),
        ],
        journeys=[
            Journey(
                "visitation",
                "Visitation | <hjemmehjælp>",
                None,
                None,
                1,
                0,
                None,
                (JourneyObject("person", ("ky", "nexus"), ()),),
                Location("p.yaml", 9, 5),
            ),
            Journey(
                "kontanthjaelp",
                "Ansøgning om kontanthjælp",
                "jobcenter",
                1800,
                2,
                1,
                105.0,
                (
                    JourneyObject("person", ("sbsys", "momentum", "ky"), ("ky", "pipe")),
                    JourneyObject("sag", ("sbsys",), ("sbsys",)),
                ),
                Location("p.yaml", 2, 5),
            ),
        ],
        governance=Governance(
            17,
            16,
            ("evil",),
            (
                ContractInfo("pipe", dt.date(2026, 6, 30), None),
                ContractInfo("ky", dt.date(2027, 3, 31), "aeoe"),
            ),
            (VendorShare("A|B & <Co>", 13, 13 / 78), *vendors),
            12,
            ("nl",),
        ),
        waivers=[
            WaiverStatus(
                "KM302",
                ("tick",),
                "Udfases 2027 | godkendt <b>",
                "IT-styregruppen",
                dt.date(2027, 6, 30),
                "active",
                1,
                Location("kommarch.yaml", 4, 5),
            ),
            WaiverStatus(
                "KM302",
                ("tick",),
                "gammel\ndispensation",
                "`Direktør`",
                dt.date(2026, 6, 30),
                "expired",
                0,
                Location("kommarch.yaml", 9, 5),
            ),
            WaiverStatus(
                "KM404",
                (),
                "leverandør-dispensation",
                "Direktionen",
                None,
                "active",
                0,
                Location("kommarch.yaml", 14, 5),
            ),
        ],
        hotspots=Hotspots(
            ("cpr", "pipe", "fk-org", "fk_org", "end", "evil"),
            (
                GraphEdge("cpr", "pipe", ("person",), "manual"),
                GraphEdge("cpr", "evil", ("person", "adresse"), "missing"),
                GraphEdge("fk-org", "fk_org", ("organisation",), "integration"),
                GraphEdge("end", "not-listed", ("sag",), "integration"),
                GraphEdge("pipe", "evil", (), "missing"),
            ),
            3,
            5,
        ),
    )


def empty_report(lang: Lang = "en") -> Report:
    """An audit with nothing at all: every section must still be there."""
    return Report(
        command="audit",
        tool_version="9.9.9",
        root=".",
        municipality=Municipality(None, None),
        lang=lang,
        findings=[],
    )


def render(report: Report, max_bytes: int = 1024 * 1024) -> str:
    return MarkdownRenderer(max_bytes=max_bytes, rules=RULES).render(report)


# -- reading the output back -------------------------------------------------------------------
def h2(md: str) -> list[str]:
    tokens = MD.parse(md)
    return [
        tokens[i + 1].content
        for i, t in enumerate(tokens)
        if t.type == "heading_open" and t.tag == "h2"
    ]


def sections(md: str) -> dict[str, str]:
    """The text under each ``## N.`` heading, by its number."""
    parts = re.split(r"^## (\d+)\. .*$", md, flags=re.M)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def split_row(line: str) -> list[str]:
    """A table line split into cells as GFM does: ``\\x`` escapes x, ``|`` separates."""
    cells, cur, i = [], "", 0
    body = line.strip()
    assert body.startswith("|") and body.endswith("|"), line
    body = body[1:]
    while i < len(body):
        ch = body[i]
        if ch == "\\" and i + 1 < len(body):
            cur += body[i : i + 2]
            i += 2
            continue
        if ch == "|":
            cells.append(cur)
            cur = ""
        else:
            cur += ch
        i += 1
    assert cur.strip() == "", line
    return cells


def tables(md: str) -> list[list[list[str]]]:
    """Every table in ``md`` as rows of raw cells (header, delimiter, body), per markdown-it."""
    out = []
    lines = md.split("\n")
    for t in MD.parse(md):
        if t.type == "table_open" and t.map:
            start, end = t.map
            out.append([split_row(line) for line in lines[start:end]])
    return out


def assert_tables_sound(md: str) -> None:
    found = tables(md)
    assert found, "no table at all"
    for rows in found:
        width = len(rows[0])
        assert all(len(r) == width for r in rows), rows
        assert all(re.fullmatch(r"\s*-+:?\s*", c) for c in rows[1])


def cell_html(md_cell: str) -> str:
    """How markdown-it renders ``md_cell`` inside a one-column table."""
    html = MD.render(f"| h |\n|---|\n| {md_cell} |\n")
    m = re.search(r"<td>(.*)</td>", html, flags=re.S)
    assert m, html
    return m.group(1)


def mermaid_block(md: str) -> str:
    """The hot-spot flowchart (the charts are Mermaid xycharts)."""
    fences = [t for t in MD.parse(md) if t.type == "fence"]
    assert {f.info for f in fences} == {"mermaid"}
    flows = [f.content for f in fences if f.content.startswith("flowchart")]
    assert len(flows) == 1
    return flows[0]


# -- structure ---------------------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("build", [full_report, empty_report])
def test_sections_in_order_in_both_languages(
    lang: Lang,
    build: Callable[[Lang], Report],
) -> None:
    md = render(build(lang))
    assert h2(md) == H2[lang]
    assert [s.heading.get(lang) for s in SECTIONS] == [h.split(". ", 1)[1] for h in H2[lang]]
    assert [s.part.value for s in SECTIONS] == PARTS


def test_empty_sections_say_so() -> None:
    body = sections(render(empty_report("da")))
    assert "Modenheden er ikke beregnet for denne rapport." in body["1"]
    assert "Ingen dobbeltindtastning: hvert dataobjekt" in body["5"]
    assert "Ingen manglende eller brudte integrationer" in body["6"]
    assert "Ingen øvrige huller" in body["7"]
    assert "Ingen anbefalinger" in body["8"]
    assert "Systemoversigten beskriver ingen arbejdsgange" in body["9"]
    assert "Styringen er ikke opgjort" in body["10"]
    assert "Ingen dispensationer i kraft." in body["11"]
    assert "Ingen forhold har dispensation." in body["11"]
    assert "Ingen brændpunkter" in body["12"]
    assert "Rapporten nævner ingen services." in body["13"]
    assert "Gennemgangen viser ingen forhold i selve systemoversigten." in body["14"]
    assert "|" not in render(empty_report("en"))  # no empty tables


@pytest.mark.parametrize("lang", ["da", "en"])
def test_every_table_row_has_the_header_width(lang: Lang) -> None:
    assert_tables_sound(render(full_report(lang)))


def test_verdict_names_each_a_criterion_and_by_how_much() -> None:
    body = sections(render(full_report("da")))["1"]
    assert (
        "Skovlund \\| Kommune &lt;Ø&gt; er en **Digital U-kommune** med 71,4 af 100 point. "
        "Kommunen skal opfylde to krav mere for at blive en Digital A-kommune:\n\n"
        "- **De obligatoriske elementer: opfyldt.** Breve når Digital Post, og ingen lukkede "
        "services er i brug.\n"
        "- **Mindst 75 point: ikke opfyldt.** Kommunen har 71,4 point og mangler 3,6.\n"
        "- **Fælleskommunal infrastruktur i mindst 90 % af tilfældene: ikke opfyldt.** Den "
        "bruges i 60,0 % (3 af 5); 2 tilfælde mere skal bruge den." in body
    )
    assert "Gennemgangen viser 6 tilfælde af dobbeltindtastning (afsnit 5)" in body
    assert "anslået 105,0 timer om året (omkring 47.250 kr. eller 0,05 årsværk)" in body
    assert "_Opgjort pr. 27. november 2026. Systemoversigten: 19 systemer, heraf 17 i drift" in body
    en = sections(render(full_report("en")))["1"]
    assert "**At least 75 points: not met.** The score is 71.4, 3.6 short." in en
    assert "It must meet two more criteria to become a Digital A-kommune:" in en


def test_the_five_actions_with_owner_vendor_and_contract_end() -> None:
    report = full_report("da")
    report.contacts = {
        "tick": SystemContact("tick", "Chef <A>", "KMD", dt.date(2027, 3, 31)),
        "pipe": SystemContact("pipe", None, "Netcompany", dt.date(2026, 1, 31)),
    }
    assert report.maturity is not None
    report.maturity = dataclasses.replace(
        report.maturity,
        levers=(
            Lever("x", Text("Indekser `tick` i SDI", "Index `tick` into SDI"), 5.0, ("tick",)),
            Lever("y", Text("Hent person | CPR", "Fetch person | CPR"), 2.5, ("pipe",)),
        ),
    )
    rows = tables(sections(render(report))["3"])[0]
    assert [c.strip() for c in rows[0]] == [
        "#",
        "Tiltag",
        "Point",
        "Systemejer",
        "Leverandør",
        "Kontrakten udløber",
    ]
    assert [c.strip() for c in rows[2]] == [
        "1",
        "Indekser `tick` i SDI",
        "+5,0",
        "Chef &lt;A&gt;",
        "KMD",
        "31. marts 2027",
    ]
    assert [c.strip() for c in rows[3]][3:] == [
        "**ingen**",
        "Netcompany",
        "udløbet 31. januar 2026",
    ]


def test_a_score_just_below_75_never_reads_as_75() -> None:
    report = full_report("en")
    report.maturity = maturity(74.96)
    body = sections(render(report))["1"]
    assert "with 74.9 of 100 points" in body
    assert "The score is 74.9, 0.1 short." in body


def test_a_kommune_has_no_distance() -> None:
    report = full_report("da")
    report.maturity = maturity(80.0, "A")
    body = sections(render(report))
    assert (
        "er en **Digital A-kommune** med 80,0 af 100 point og opfylder alle tre krav:" in body["1"]
    )
    assert "mangler" not in body["1"]
    assert "ingen vej at gå" in body["2"]


def test_indicator_table() -> None:
    rows = tables(sections(render(full_report("en")))["4"])[0]
    assert [c.strip() for c in rows[2]] == ["Register data reused", "8", "10", "80.0%", "1"]
    assert [c.strip() for c in rows[5]] == ["Ownership", "0", "0", "– (left out)", "1.5"]


def test_duplicates_grouped_by_object_most_affected_first() -> None:
    rows = tables(sections(render(full_report("en")))["5"])[0][2:]
    assert [(r[0].strip(), r[2].strip()) for r in rows] == [
        ('Borgerens "handleplan" &amp; mål (`handleplan`)', "`KM102`"),
        ('Borgerens "handleplan" &amp; mål (`handleplan`)', "`KM103`"),
        ("Persondata (CPR) (`person`)", "`KM101`"),
        ("Persondata (CPR) (`person`)", "`KM101`"),
        ("`adresse`", "`KM105`"),
        ("`hjaelpemiddel`", "`KM104`"),
    ]
    assert rows[1][1].strip() == ("Kommunernes Ydelsessystem (KY) (`ky`), SBSYS \\| ESDH (`pipe`)")
    assert rows[5][1].strip() == "–"


def test_integration_section_and_principle_groups() -> None:
    md = render(full_report("en"))
    body = sections(md)
    rules4 = [r[0].strip() for r in tables(body["6"])[0][2:]]
    assert rules4 == ["`KM201`", "`KM202`", "`KM204`", "`KM206`"]
    heads = re.findall(r"^### (.*)$", body["7"], flags=re.M)
    assert heads == [
        "Principle 1: Architecture is governed at the right level under common frameworks",
        "Principle 2: Architecture promotes coherence, innovation and efficiency",
        "Principle 5: Processes are optimised across organisations",
    ]
    assert "- `KM401` Title of KM401: Fix `KM401` \\| like this." in body["7"]
    # a validation error stands in the data quality section: no position, a pipe in the file
    assert "| `KM001` | error | – | cannot read file | systems/ødelagt\\|fil.yaml |" in body["14"]
    assert "KM001" not in body["7"]


def test_waived_findings_appear_only_under_waivers() -> None:
    body = sections(render(full_report("en")))
    for n in ("1", "2", "3", "4", "5", "6", "7", "8", "9", "14"):
        assert "tick does not index into SDI" not in body[n]
    assert "| `KM302` | error | Navn med \\`backticks\\`" in body["11"]
    assert "| Udfases 2027 \\| godkendt &lt;b&gt; | `systems/c.yaml:30:5` |" in body["11"]
    assert "| `KM404` | all | leverandør-dispensation | Direktionen | never | 0 |" in body["11"]
    expired = body["11"].split("### Expired")[1].split("###")[0]
    assert "gammel<br>dispensation | \\`Direktør\\` | 30 June 2026 | 0 |" in expired


def test_recommendations_ranked_by_hours_unknown_last() -> None:
    rows = tables(sections(render(full_report("en")))["8"])[0][2:]
    assert [(r[0].strip(), r[1].strip(), r[6].strip()) for r in rows] == [
        ("1", "Linje 1<br>Linje 2<br>\\# ikke en overskrift (`nl`)", "40.0"),
        ("2", "SBSYS \\| ESDH (`pipe`)", "10.5"),
        ("3", "Æblegrød – Øens Ålborg-system (`aeoe`)", "unknown"),
    ]
    assert rows[0][4].strip() == "&lt;script&gt;alert(1)&lt;/script&gt; (`evil`)"
    assert rows[2][4].strip() == "direct"


def test_journeys_are_labelled_as_an_estimate_with_the_configured_seconds() -> None:
    report = full_report("da")
    report.lookup_seconds, report.entry_seconds = 30.0, 90.5
    body = sections(render(report))["9"]
    assert body.lstrip().startswith(
        "**Skøn.** Timer om året = sager pr. år × (overflødige "
        "opslag × 30 sekunder + overflødige indtastninger × 90,5 "
        "sekunder) / 3600."
    )
    rows = tables(body)[0][2:]
    assert [r[0].strip() for r in rows] == [
        "Ansøgning om kontanthjælp (`kontanthjaelp`)",
        "Visitation \\| &lt;hjemmehjælp&gt; (`visitation`)",
    ]
    assert rows[0][6].strip() == (
        "`person`: opslag i `sbsys`, `momentum`, `ky`; tastet ind i `ky`, `pipe`"
    )
    assert rows[1][2].strip() == "ukendt" and rows[1][5].strip() == "ukendt"
    assert (
        "I alt anslået **105,0** timer om året i 1 arbejdsgang med kendt antal sager, svarende "
        "til omkring 47.250 kr. eller 0,05 årsværk (skøn: 450 kr. pr. time inklusive overhead, "
        "1924 timer pr. årsværk" in body
    )


def test_governance() -> None:
    body = sections(render(full_report("en")))["10"]
    assert re.findall(r"^### (.*)$", body, flags=re.M) == [
        "System owners",
        "Contracts",
        "Vendors",
        "Personal data (GDPR)",
    ]
    assert "16 of 17 systems in use have a system owner." in body
    assert "| SBSYS \\| ESDH (`pipe`) | 30 June 2026 (ended) | – |" in body
    assert "| Kommunernes Ydelsessystem (KY) (`ky`) | 31 March 2027 | Æblegrød" in body
    assert "| A\\|B &amp; &lt;Co&gt; | 13 | 16.6% |" in body
    assert "Besides, 2 other vendors supply 5 systems in all." in body
    assert "12 systems process personal data; 1 of them has no data processing agreement:" in body


# -- escaping ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "md"),
    [
        ("a|b", "a\\|b"),
        ("<script>", "&lt;script&gt;"),
        ("`x`", "\\`x\\`"),
        ("a\nb\r\nc\rd", "a<br>b<br>c<br>d"),
        ("æøå ÆØÅ", "æøå ÆØÅ"),
        ("*a* _b_ [c](d) ~e~ $f$ #g", "\\*a\\* \\_b\\_ \\[c\\](d) \\~e\\~ \\$f\\$ \\#g"),
        ("a\\|b", "a\\\\\\|b"),
        ("&amp;", "&amp;amp;"),
        ("  tab\there \x00\x1b[31m ", "tab here \\[31m"),
        ("rtl\u202eevil", "rtlevil"),
    ],
)
def test_escape(text: str, md: str) -> None:
    assert escape(text) == md


def _expected_html(text: str) -> str:
    """What a reader should see for ``text``: the same characters, line breaks as <br>.

    Tabs read as spaces; control and bidi-override characters are dropped.
    """
    out = []
    for c in text.strip().replace("\r\n", "\n"):
        if c in "\n\r\x0b\x0c\x85\u2028\u2029":
            out.append("\n")
        elif c == "\t":
            out.append(" ")
        elif not (
            ord(c) < 32 or ord(c) == 0x7F or "\u202a" <= c <= "\u202e" or "\u2066" <= c <= "\u2069"
        ):
            out.append(c)
    html = "".join(out).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return html.replace('"', "&quot;").replace("\n", "<br>").strip()


@pytest.mark.parametrize(
    "text",
    [
        *HOSTILE.values(),
        "a\\",
        "\\|",
        "|",
        "<!-- x -->",
        "&copy; &#124;",
        "**",
        "1. item",
        "- item",
        "> q",
        "<http://x.y>",
        "```",
        "a  \nb",
    ],
)
def test_escaped_text_renders_as_itself_in_a_table_cell(text: str) -> None:
    assert cell_html(escape(text)).strip() == _expected_html(text)
    assert len(split_row(f"| {escape(text)} | x |")) == 2


@given(
    st.text(
        st.sampled_from(list("|\\`*_[]<>&;#$~!:-= \n\r\t\x00\u2028\u202eæøåÆØÅ"))
        | st.characters(codec="utf-8"),
        max_size=40,
    )
)
def test_any_text_stays_in_its_cell_and_reads_the_same(text: str) -> None:
    row = f"| {escape(text)} | x |"
    assert len(split_row(row)) == 2
    assert cell_html(escape(text)).strip() == _expected_html(text).strip()


def test_code_spans_only_for_text_they_can_hold() -> None:
    assert code("systems/ydelser.yaml:12:5") == "`systems/ydelser.yaml:12:5`"
    assert code("KM201") == "`KM201`"
    assert code("a|b") == "a\\|b"
    assert code("a`b") == "a\\`b"
    assert code(" x") == "x"
    assert code("") == ""
    assert prose("brug `via: serviceplatformen` | nu") == "brug `via: serviceplatformen` \\| nu"
    assert prose("uafsluttet ` tegn") == "uafsluttet \\` tegn"
    assert prose("`a|b` og `<b>`") == "\\`a\\|b\\` og `<b>`"
    assert cell_html(prose("`<b>`")) == "<code>&lt;b&gt;</code>"


@pytest.mark.parametrize("lang", ["da", "en"])
def test_hostile_names_never_break_the_document(lang: Lang) -> None:
    md = render(full_report(lang))
    html = MD.render(md)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert h2(md) == H2[lang]
    assert_tables_sound(md)
    links = re.findall(r"<a [^>]*>", html)  # no name becomes a link; the services do
    assert links and all(
        a.startswith('<a href="https://digitaliseringskataloget.dk/') for a in links
    )


# -- the Mermaid diagram -----------------------------------------------------------------------
NODE = re.compile(r'^  (n_[A-Za-z0-9_]+)\["([^"]*)"\]$')
EDGE = re.compile(r'^  (\S+) (-->|-\.->|==>)(?:\|"([^"]*)"\|)? (\S+)$')


def test_mermaid_nodes_edges_and_styles() -> None:
    block = mermaid_block(render(full_report("da")))
    lines = block.splitlines()
    assert lines[0] == "flowchart LR"
    nodes = {m.group(1): m.group(2) for ln in lines if (m := NODE.match(ln))}
    edges = [m.groups() for ln in lines if (m := EDGE.match(ln))]
    assert list(nodes) == [
        "n_cpr",
        "n_pipe",
        "n_fk_org",
        "n_fk_org_2",
        "n_end",
        "n_evil",
        "n_not_listed",
    ]
    assert nodes["n_evil"] == "#60;script#62;alert(1)#60;/script#62; (evil)"
    assert nodes["n_pipe"] == "SBSYS #124; ESDH (pipe)"
    assert nodes["n_cpr"] == "CPR – Personregistret (cpr)"
    assert edges == [
        ("n_cpr", "==>", "manuelt#58; person", "n_pipe"),
        ("n_cpr", "-.->", "mangler#58; person, adresse", "n_evil"),
        ("n_fk_org", "-->", "organisation", "n_fk_org_2"),
        ("n_end", "-->", "sag", "n_not_listed"),
        ("n_pipe", "-.->", "mangler", "n_evil"),
    ]
    assert all(s in nodes and t in nodes for s, _, _, t in edges)
    assert len(lines) == 1 + len(nodes) + len(edges) + 2  # flowchart LR, ..., two linkStyles
    assert "  linkStyle 1,4 stroke:#c0392b,stroke-width:2px,color:#c0392b" in lines
    assert "  linkStyle 0 stroke:#d35400,stroke-width:3px,color:#d35400" in lines


def test_mermaid_note_on_what_was_left_out() -> None:
    body = sections(render(full_report("en")))["12"]
    assert "For readability 3 systems and 5 connections are left out" in body


@given(
    st.text(
        st.sampled_from(list('"#;:`|<>&%{}[]\n\\æ -')) | st.characters(codec="utf-8"), max_size=30
    )
)
def test_any_mermaid_label_is_inert(text: str) -> None:
    assert re.fullmatch(r"(?:[\w .,()/'+!?@=–—-]|#(?:quot|\d+);)*", label(text))


def test_registered_as_the_markdown_format(make_audit: Callable[[str], Report]) -> None:
    out = render_format(make_audit("en"), "markdown")  # the rule registry, via render.meta
    assert h2(out) == H2["en"]
    assert "### Principle 1: Architecture is governed" in out
    assert "- `KM401` A system has no owner: Fix KM401 like this \\| here." in out


def test_mermaid_labels_and_ids() -> None:
    assert label('Sag "A" & <b>; `x` | %% #1') == (
        "Sag #quot;A#quot; #38; #60;b#62;#59; #96;x#96; #124; #37;#37; #35;1"
    )
    assert label("æøå\nnæste linje") == "æøå næste linje"
    ids = node_ids(["a.b", "a-b", "a_b", "END", "x"])
    assert ids == {"a.b": "n_a_b", "a-b": "n_a_b_2", "a_b": "n_a_b_3", "END": "n_END", "x": "n_x"}
    hot = Hotspots(("a",), (GraphEdge("a", "b", ("person",), "integration"),), 0, 0)
    assert flowchart(hot, {}, "en") == (
        '```mermaid\nflowchart LR\n  n_a["a"]\n  n_b["b"]\n  n_a -->|"person"| n_b\n```'
    )


# -- size limit ----------------------------------------------------------------------------------
def many_findings_report(n: int) -> Report:
    report = full_report("en")
    extra = [
        _f(
            "KM401",
            (f"sys-{i:05d}",),
            f"sys-{i:05d} has no owner æøå",
            "systems/big.yaml",
            i + 1,
            Severity.WARNING,
        )
        for i in range(n)
    ]
    report.findings = sort_findings([*report.findings, *extra])
    return report


def test_small_limit_shortens_long_tables_and_says_so() -> None:
    report = many_findings_report(400)
    full = render(report)
    assert "shortened" not in full
    short = render(report, max_bytes=30_000)
    assert len(short.encode("utf-8")) <= 30_000
    assert h2(short) == H2["en"]
    assert_tables_sound(short)
    notes = [
        int(n)
        for n in re.findall(
            r"_(\d+) more rows left out to keep the report under "
            r"30000 bytes; ",
            short,
        )
    ]
    assert notes and sum(notes) == _rows(full) - _rows(short)
    m = re.search(r"\*\*Note:\*\* this report is shortened: (\d+) table rows are left out", short)
    assert m and int(m.group(1)) == sum(notes)
    assert mermaid_block(short) == mermaid_block(full)


def _rows(md: str) -> int:
    return sum(len(t) - 2 for t in tables(md))


def test_default_limit_is_one_mebibyte() -> None:
    report = many_findings_report(15000)
    out = MarkdownRenderer(rules=RULES).render(report)
    assert 1_000_000 < len(out.encode("utf-8")) <= 1024 * 1024
    assert "under 1 MiB" in out


def test_fit_keeps_tables_that_may_not_be_cut() -> None:
    keep = Table(("a",), [("x" * 50,)] * 10, cut=False)
    cut = Table(("b",), [(str(i),) for i in range(100)])
    out = fit(["# t", Slot(), keep, cut], 700, lambda n: f"-{n}-", lambda n: f"={n}=")
    assert len(out.encode()) <= 700
    assert out.count("x" * 50) == 10
    m = re.search(r"-(\d+)-", out)
    assert m and f"={m.group(1)}=" in out
    assert f"| {99 - int(m.group(1))} |" in out and f"| {100 - int(m.group(1))} |" not in out
    whole = "\n".join([cut.head(), *(cut.line(i) for i in range(100))])
    assert fit(["# t", Slot(), cut], 10**6, str, str) == f"# t\n\n{whole}\n"


# -- goldens -----------------------------------------------------------------------------------
def golden(name: str, actual: str) -> None:
    check_golden(GOLDEN / name, actual)


@pytest.mark.parametrize("lang", ["da", "en"])
def test_golden_hand_built(lang: Lang) -> None:
    out = render(full_report(lang))
    assert out == render(full_report(lang))  # deterministic
    golden(f"report-{lang}.md", out)


EXAMPLES = sorted(p.name for p in (ROOT / "inventories").iterdir() if p.is_dir())


@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_golden_bundled_examples(
    example: str,
    lang: Lang,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from kommarch.pipeline import audit

    monkeypatch.chdir(ROOT)
    report = audit(Path("inventories") / example, as_of=dt.date(2026, 11, 27), lang=lang)
    out = MarkdownRenderer().render(report)
    assert h2(out) == H2[lang]
    assert_tables_sound(out)
    golden(f"{example}-report.{lang}.md", out)
