"""Page one answers the leader's question; one remediation per rule; the data quality section;
the pictures written next to a Markdown report (``report -o dir/rapport.md``)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from pathlib import Path

import pytest

from kommarch.findings import Lang
from kommarch.pipeline import audit
from kommarch.render.markdown import MarkdownRenderer
from kommarch.render.mdtable import prose
from kommarch.render.meta import rule_index

REPO = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2026, 11, 27)


def report(example: str, lang: Lang) -> str:
    return MarkdownRenderer().render(audit(REPO / "inventories" / example, as_of=AS_OF, lang=lang))


def section(md: str, number: int) -> str:
    return re.split(r"^## \d+\. .*$", md, flags=re.M)[number]


PAGE_ONE = {
    ("havoe", "da"): [
        "Havø Kommune er en **Digital U-kommune** med 65,9 af 100 point. Kommunen skal opfylde "
        "tre krav mere for at blive en Digital A-kommune:",
        "- **De obligatoriske elementer: ikke opfyldt.** Breve når ikke Digital Post fra Cura. "
        "KMD WorkZone bruger en lukket service.",
        "- **Mindst 75 point: ikke opfyldt.** Kommunen har 65,9 point og mangler 9,1.",
        "- **Fælleskommunal infrastruktur i mindst 90 % af tilfældene: ikke opfyldt.** Den "
        "bruges i 41,6 % (5 af 12); 6 tilfælde mere skal bruge den.",
        "Med 8 trin bliver Havø Kommune en Digital A-kommune; pointene er regnet om efter hvert "
        "trin.",
        "| 1 | Send breve fra Cura til Digital Post gennem Postkomponenten (SF1601), direkte eller "
        "via en print- og forsendelsesløsning, der afleverer til Digital Post | Cura | – | – | "
        "65,9 | U |",
    ],
    ("skovlund", "da"): [
        "Skovlund Kommune er en **Digital U-kommune** med 87,1 af 100 point. Kommunen skal "
        "opfylde to krav mere for at blive en Digital A-kommune:",
        "- **De obligatoriske elementer: ikke opfyldt.** Acadre ESDH bruger en lukket service.",
        "- **Mindst 75 point: opfyldt.** Kommunen har 87,1 point.",
        "- **Fælleskommunal infrastruktur i mindst 90 % af tilfældene: ikke opfyldt.** Den "
        "bruges i 86,4 % (32 af 37); 2 tilfælde mere skal bruge den.",
        "Med 3 trin bliver Skovlund Kommune en Digital A-kommune;",
        "| 1 | Skift den lukkede service SF1600 ud med SF1601 i integrationen fra Acadre ESDH til "
        "Digital Post | Acadre ESDH | – | – | 87,1 | U |",
    ],
    ("havoe", "en"): [
        "Havø Kommune is a **Digital U-kommune** with 65.9 of 100 points. It must meet three "
        "more criteria to become a Digital A-kommune:",
        "- **The mandatory elements: not met.** Letters do not reach Digital Post from Cura. "
        "KMD WorkZone uses a closed service.",
        "- **At least 75 points: not met.** The score is 65.9, 9.1 short.",
        "- **Common infrastructure used in at least 90% of the cases: not met.** It is used in "
        "41.6% (5 of 12); 6 more cases need to use it.",
        "With 8 steps Havø Kommune becomes a Digital A-kommune;",
    ],
    ("skovlund", "en"): [
        "Skovlund Kommune is a **Digital U-kommune** with 87.1 of 100 points. It must meet two "
        "more criteria to become a Digital A-kommune:",
        "- **The mandatory elements: not met.** Acadre ESDH uses a closed service.",
        "- **At least 75 points: met.** The score is 87.1.",
        "- **Common infrastructure used in at least 90% of the cases: not met.** It is used in "
        "86.4% (32 of 37); 2 more cases need to use it.",
        "| 1 | Replace the closed service SF1600 with SF1601 in the integration from Acadre ESDH "
        "to Digital Post | Acadre ESDH | – | – | 87.1 | U |",
    ],
}


@pytest.mark.parametrize(("example", "lang"), sorted(PAGE_ONE))
def test_page_one_gives_the_verdict_why_and_the_path(example: str, lang: Lang) -> None:
    md = report(example, lang)
    page_one = "".join(section(md, n) for n in (1, 2, 3, 4))
    for line in PAGE_ONE[example, lang]:
        assert line in page_one
    actions = section(md, 3)
    rows = [r for r in actions.splitlines() if re.match(r"\| \d \|", r)]
    assert len(rows) == 5  # the five actions, each with owner, vendor and contract end
    assert all(r.count("|") == 7 for r in rows)


def test_the_five_actions_of_havoe_name_who_and_when() -> None:
    actions = section(report("havoe", "da"), 3)
    assert (
        "| 3 | Tilslut Cura til Sags- og Dokumentindeks (SF1470), så sager og dokumenter "
        "indekseres | +1,7 | Leder af Hjemmeplejen Birthe Kold | Systematic | 30. april 2030 |"
    ) in actions
    assert "| krav |" in actions


@pytest.mark.parametrize("example", ["havoe", "skovlund", "faelles-kommune"])
def test_one_remediation_text_per_rule(example: str) -> None:
    md = report(example, "da")
    for code, info in rule_index().items():
        assert md.count(f"- `{code}` ") <= 1, code
        assert md.count(prose(info.remediation.da)) <= 1, code


def test_data_quality_stands_last_apart_from_the_architecture_gaps() -> None:
    md = report("havoe", "da")
    heads = re.findall(r"^## (.*)$", md, flags=re.M)
    assert heads[-1] == "14. Datakvalitet i systemoversigten"
    quality = section(md, 14)
    assert "| `KM503` | info |" in quality
    annex = "".join(section(md, n) for n in range(5, 14))
    for code in ("KM503", "KM902", "KM207", "KM311", "KM406"):
        assert f"| `{code}` |" not in annex


def test_services_link_to_their_catalogue_pages() -> None:
    services = section(report("havoe", "da"), 13)
    assert (
        "| `SF1600` | Print (lukket med den nye Digital Post i 2022) | lukket | "
        "[https://digitaliseringskataloget.dk/integration/sf1600]"
        "(https://digitaliseringskataloget.dk/integration/sf1600) |"
    ) in services


def test_report_to_a_file_writes_the_pictures_next_to_it(tmp_path: Path) -> None:
    out = tmp_path / "bilag" / "rapport.md"
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", "report", "inventories/havoe", "-o", str(out), "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    names = sorted(p.name for p in out.parent.iterdir())
    assert names == [
        "rapport.hotspots.svg",
        "rapport.indicators.svg",
        "rapport.landscape.svg",
        "rapport.md",
        "rapport.path.svg",
    ]
    md = out.read_text(encoding="utf-8")
    for name in names[:3] + names[4:]:
        assert f"]({name})" in md
        assert (out.parent / name).read_text(encoding="utf-8").startswith("<svg")
    assert md.count("```mermaid") == 3  # path, indicators, hot spots: GitHub draws them too


def test_report_to_stdout_has_mermaid_only() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", "report", "inventories/havoe", "-q"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    assert ".svg" not in run.stdout
    assert run.stdout.count("```mermaid") == 3
