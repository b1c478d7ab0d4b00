"""``kommarch compare``: the same verdicts as ``audit``, ranking, not computed, anonymising,
every format byte for byte."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kommarch.render.compare as render_compare
from kommarch.compare import Summary, Verdict, compare, differences, expand, letters, verdict
from kommarch.errors import UsageError
from kommarch.findings import Text
from kommarch.pipeline import audit
from kommarch.render.compare import FORMATS, render_comparison

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
from generate import generate  # noqa: E402

GOLDEN = REPO / "tests" / "golden" / "compare"
FIXTURES = REPO / "tests" / "fixtures" / "compare"
SKOVLUND = REPO / "inventories" / "skovlund"
HAVOE = REPO / "inventories" / "havoe"
UGYLDIG = FIXTURES / "ugyldig"
MOENSTERBY = FIXTURES / "moensterby"
AS_OF = dt.date(2026, 11, 27)
EXT = {"text": "txt", "markdown": "md", "html": "html", "json": "json", "csv": "csv"}


def golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("KOMMARCH_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(actual.encode("utf-8"))
        return
    assert path.exists(), f"no golden file {path}; create it with KOMMARCH_UPDATE_GOLDEN=1"
    assert actual == path.read_bytes().decode("utf-8"), f"output differs from {path}"


def _rel(paths: list[Path]) -> list[Path]:
    return [p.relative_to(REPO) for p in paths]


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)
    monkeypatch.setattr(render_compare, "__version__", "9.9.9")


def test_compare_gives_the_audits_scores_and_verdicts(tmp_path: Path) -> None:
    generated = []
    for seed in (3, 11):
        root = tmp_path / f"syntetisk-{seed}"
        generate(root, 120, seed=seed)
        generated.append(root)
    paths = [SKOVLUND, HAVOE, MOENSTERBY, *generated]
    result = compare(paths, as_of=AS_OF, workers=2)
    by_path = {r.path: r for r in result.rows}
    assert len(by_path) == 5
    for path in paths:
        report = audit(path, as_of=AS_OF)
        assert report.maturity is not None
        row = by_path[path.as_posix()]
        assert row.verdict.score == report.maturity.score
        assert row.verdict.classification == report.maturity.classification
        assert [(i.key, i.numerator, i.denominator) for i in row.verdict.indicators] == [
            (i.key, i.numerator, i.denominator) for i in report.maturity.indicators
        ]
        assert row.errors == report.counts.errors
    scores = [r.verdict.score for r in result.ranked]
    assert scores == sorted(scores, reverse=True)  # type: ignore[type-var]
    assert [r.rank for r in result.ranked] == [1, 2, 3, 4, 5]


def test_one_worker_and_many_give_the_same_comparison() -> None:
    one = compare([SKOVLUND, HAVOE, MOENSTERBY], as_of=AS_OF, workers=1)
    two = compare([SKOVLUND, HAVOE, MOENSTERBY], as_of=AS_OF, workers=2)
    assert one == two


def test_invalid_inventory_is_not_computed_and_never_ranked() -> None:
    result = compare([UGYLDIG, HAVOE], as_of=AS_OF, workers=1)
    assert [r.name for r in result.ranked] == ["Havø Kommune"]
    (bad,) = result.not_computed
    assert (bad.name, bad.rank, bad.verdict.score, bad.verdict.not_computed) == (
        "Ugyldig Kommune",
        None,
        None,
        2,
    )
    assert bad.verdict.indicators == ()
    path = UGYLDIG.as_posix()
    text = render_comparison(result, "text", "da")
    assert (
        f"  Ugyldig Kommune: ikke beregnet: 2 valideringsfejl (se dem med kommarch validate "
        f"{path})\n" in text
    )
    assert (
        f"Ugyldig Kommune: not computed: 2 validation errors (see them with kommarch validate "
        f"{path})\n" in render_comparison(result, "text", "en")
    )
    assert (
        f"- Ugyldig Kommune: ikke beregnet: 2 valideringsfejl (se dem med `kommarch validate "
        f"{path}`)\n" in render_comparison(result, "markdown", "da")
    )
    assert (
        f"<li>Ugyldig Kommune: ikke beregnet: 2 valideringsfejl (se dem med kommarch validate "
        f"{path})</li>" in render_comparison(result, "html", "da")
    )


def test_an_anonymised_comparison_names_no_path_of_an_invalid_inventory() -> None:
    result = compare([UGYLDIG, HAVOE], as_of=AS_OF, workers=1, anonymised=True)
    for fmt in ("text", "markdown", "html"):
        out = render_comparison(result, fmt, "da")
        assert "Kommune A: ikke beregnet: 2 valideringsfejl" in out
        assert "kommarch validate" not in out
        assert UGYLDIG.as_posix() not in out


def test_a_path_with_a_space_is_quoted_for_the_shell(tmp_path: Path) -> None:
    bad = tmp_path / "min kommune"
    shutil.copytree(UGYLDIG, bad)
    result = compare([bad, HAVOE], as_of=AS_OF, workers=1)
    assert f"(se dem med kommarch validate '{bad.as_posix()}')" in render_comparison(
        result, "text", "da"
    )


def test_each_municipality_is_costed_at_its_own_hourly_cost(tmp_path: Path) -> None:
    dyr = tmp_path / "havoe-600"
    shutil.copytree(HAVOE, dyr)
    (dyr / "kommarch.yaml").write_text("settings:\n  hourly_cost: 600\n", encoding="utf-8")
    result = compare([HAVOE, dyr], as_of=AS_OF, workers=1)
    by_path = {r.path: r for r in result.rows}
    assert by_path[dyr.as_posix()].verdict.hourly_cost == 600
    assert by_path[HAVOE.as_posix()].verdict.hourly_cost == 450
    text = render_comparison(result, "text", "da")
    assert "kroner er et skøn med den enkelte kommunes timepris (her fra 450 til 600 kr.)" in (
        " ".join(text.split())
    )
    en = " ".join(render_comparison(result, "text", "en").split())
    assert "kroner are an estimate at each municipality's hourly cost (here DKK 450 to 600)" in en
    doc = json.loads(render_comparison(result, "json", "da"))
    assert doc["hourly_cost"] is None
    assert sorted(m["hourly_cost"] for m in doc["municipalities"]) == [450, 600]
    one = json.loads(render_comparison(compare([HAVOE], as_of=AS_OF, workers=1), "json", "da"))
    assert (one["hourly_cost"], one["municipalities"][0]["hourly_cost"]) == (450, 450)


def test_ranking_spread_and_differences() -> None:
    result = compare([HAVOE, MOENSTERBY, SKOVLUND], as_of=AS_OF, workers=1)
    assert [(r.rank, r.name, r.verdict.classification) for r in result.ranked] == [
        (1, "Mønsterby Kommune", "A"),
        (2, "Skovlund Kommune", "U"),
        (3, "Havø Kommune", "U"),
    ]
    reg = next(s for s in result.spread if s.key == "register_data_reused")
    assert (reg.low, reg.high, reg.count) == (15 / 26, 1.0, 3)
    assert result.differences[0].a_mean == 1.0
    gaps = [d.gap for d in result.differences]
    assert gaps == sorted(gaps, reverse=True)


def _summary(name: str, cls: str | None, value: float) -> Summary:
    from kommarch.compare import Indicator

    ind = (Indicator("ownership", Text("Ejerskab", "Ownership"), round(value * 10), 10),)
    v = Verdict(80.0 if cls == "A" else 50.0, cls, None, ind, (), None, None)  # type: ignore[arg-type]
    return Summary(name, name, None, v, 1, 0)


def test_differences_need_both_groups() -> None:
    assert differences([_summary("a", "A", 1.0), _summary("b", "A", 0.5)]) == ()
    (d,) = differences([_summary("a", "A", 1.0), _summary("b", "U", 0.4), _summary("c", "U", 0.6)])
    assert d.a_mean == 1.0
    assert d.u_mean == pytest.approx(0.5)


def test_anonymise_names_in_the_order_given() -> None:
    result = compare([SKOVLUND, HAVOE, UGYLDIG], as_of=AS_OF, workers=1, anonymised=True)
    assert [(r.name, r.code) for r in result.rows] == [
        ("Kommune A", None),
        ("Kommune B", None),
        ("Kommune C", None),
    ]
    for fmt in FORMATS:
        out = render_comparison(result, fmt, "da")
        for secret in ("Skovlund", "Havø", "Ugyldig", "inventories/", "fixtures"):
            assert secret not in out, (fmt, secret)
    assert [letters(i) for i in (0, 25, 26, 27, 701, 702)] == ["A", "Z", "AA", "AB", "ZZ", "AAA"]


def test_a_directory_of_inventories_is_expanded(tmp_path: Path) -> None:
    for name in ("b", "a", ".hidden"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "x.yaml").write_text("municipality: {name: X}\n", encoding="utf-8")
    assert expand([tmp_path]) == [tmp_path / "a", tmp_path / "b"]
    assert expand([SKOVLUND]) == [SKOVLUND]  # an inventory itself, with subdirectories
    with pytest.raises(UsageError, match="is given twice"):
        expand([SKOVLUND, SKOVLUND])
    with pytest.raises(UsageError, match="no such file or directory"):
        expand([tmp_path / "nowhere"])
    (tmp_path / "empty").mkdir()
    with pytest.raises(UsageError, match="holds neither"):
        expand([tmp_path / "empty"])


def test_verdict_reads_mandatory_elements_and_hours() -> None:
    report = audit(HAVOE, as_of=AS_OF)
    v = verdict(report)
    unwaived = {f.rule for f in report.findings if not f.waived}
    assert [(m.key, m.met) for m in v.mandatory] == [
        ("KM306", "KM306" not in unwaived),
        ("KM309", "KM309" not in unwaived),
    ]
    assert v.hours == sum(j.hours_per_year or 0.0 for j in report.journeys)
    assert report.maturity is not None
    assert v.top_gap == report.maturity.path_to_a[0].action


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.usefixtures("in_repo")
def test_golden(fmt: str, lang: str) -> None:
    paths = _rel([SKOVLUND, HAVOE, MOENSTERBY, UGYLDIG])
    result = compare(paths, as_of=AS_OF, workers=1)
    out = render_comparison(result, fmt, lang)  # type: ignore[arg-type]
    golden(f"compare.{lang}.{EXT[fmt]}", out)
    assert render_comparison(result, fmt, lang) == out  # type: ignore[arg-type]


@pytest.mark.usefixtures("in_repo")
def test_json_shape() -> None:
    result = compare(_rel([HAVOE, UGYLDIG]), as_of=AS_OF, workers=1)
    doc = json.loads(render_comparison(result, "json", "en"))
    first, second = doc["municipalities"]
    assert (first["rank"], first["name"], first["path"]) == (1, "Havø Kommune", "inventories/havoe")
    assert (second["rank"], second["score"], second["not_computed"]) == (None, None, 2)
    assert set(first["mandatory"]) == {"KM306", "KM309"}


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "PYTHONHASHSEED": "0"}
    return subprocess.run(
        [sys.executable, "-m", "kommarch", *args],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )


def test_cli_compare_exit_codes_and_streams(tmp_path: Path) -> None:
    ok = _cli("compare", "inventories", "--as-of", "2026-11-27", "--format", "csv")
    assert ok.returncode == 0, ok.stderr
    assert ok.stderr == ""
    rows = [line.split(",")[:5] for line in ok.stdout.splitlines()[1:]]
    assert rows == [
        ["1", "Fælles Kommune", "", "87.5", "A"],
        ["2", "Skovlund Kommune", "998", "87.1869", "U"],
        ["3", "Havø Kommune", "997", "65.9445", "U"],
    ]
    bad = _cli(
        "compare", "inventories/havoe", str(UGYLDIG.relative_to(REPO)), "--as-of", "2026-11-27"
    )
    assert bad.returncode == 2
    assert "Ugyldig Kommune: ikke beregnet: 2 valideringsfejl" in bad.stdout
    missing = _cli("compare", "inventories/havoe", "nowhere")
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == "kommarch: no such file or directory: nowhere\n"
    out = tmp_path / "sammenligning.html"
    wrote = _cli("compare", "inventories", "--anonymise", "--format", "html", "-o", str(out))
    assert wrote.returncode == 0
    assert wrote.stderr == f"kommarch: wrote {out}\n"
    html = out.read_text(encoding="utf-8")
    assert "Kommune A" in html and "Skovlund" not in html


def test_cli_report_html(tmp_path: Path) -> None:
    out = tmp_path / "rapport.html"
    run = _cli("report", "inventories/havoe", "--format", "html", "-o", str(out), "--lang", "en")
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert "Architecture gap report: Havø Kommune" in html
    invalid = _cli("report", str(UGYLDIG.relative_to(REPO)), "--format", "html")
    assert invalid.returncode == 2
    assert invalid.stdout.startswith("<!DOCTYPE html>")


def test_the_cli_offers_every_compare_format() -> None:
    from kommarch import cli

    assert tuple(v.value for v in cli.CompareFormat) == FORMATS
    assert tuple(v.value for v in cli.ReportFormat) == ("markdown", "html")


def test_the_order_given_changes_only_the_anonymous_letters() -> None:
    one = compare([SKOVLUND, HAVOE, MOENSTERBY], as_of=AS_OF, workers=1)
    two = compare([MOENSTERBY, SKOVLUND, HAVOE], as_of=AS_OF, workers=1)
    assert one.rows == two.rows
    anon = compare([MOENSTERBY, SKOVLUND, HAVOE], as_of=AS_OF, workers=1, anonymised=True)
    assert [r.name for r in anon.ranked] == ["Kommune A", "Kommune B", "Kommune C"]
    assert [r.verdict for r in anon.rows] == [r.verdict for r in one.rows]
