"""``kommarch diff``: inventory changes, renames through previous_ids, findings, renderers, --git.

The fixture pair tests/fixtures/diff/{old,new} changes, from old to new: KMD Aktiv is renamed to
KY (``previous_ids: [kmd-aktiv]``), changes vendor and now gets person from CPR instead of
keying it in; its integration to Postkomponenten keeps its default id under the new name and
runs realtime; a retired system and its integration go; a new system keys person in by hand; a
waiver in the new kommarch.yaml names KY by its former id.

Golden files are tests/fixtures/diff/golden/*; regenerate them deliberately with
``KOMMARCH_UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_diff.py`` and review the change.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from kommarch import __version__
from kommarch.diff import (
    DataFlowChange,
    FieldChange,
    IntegrationChange,
    IntegrationRef,
    InventoryDiff,
    Rename,
    SystemChange,
    SystemRef,
    diff_git,
    diff_inventories,
)
from kommarch.errors import UsageError
from kommarch.findings import Finding
from kommarch.render.diff import render_diff
from tests.goldenfiles import check_golden

HERE = Path(__file__).parent / "fixtures" / "diff"
GOLDEN = HERE / "golden"
AS_OF = dt.date(2026, 6, 1)


def found(fs: tuple[Finding, ...]) -> list[tuple[str, tuple[str, ...], str, bool]]:
    return [(f.rule, f.subjects, str(f.location), f.waived) for f in fs]


@pytest.fixture(scope="module")
def d() -> InventoryDiff:
    return diff_inventories(HERE / "old", HERE / "new", as_of=AS_OF, labels=("old", "new"))


def test_systems(d: InventoryDiff) -> None:
    assert d.systems_added == (
        SystemRef("nyt-fagsystem", "Nyt fagsystem | pilot <beta>", "in-use"),
    )
    assert d.systems_removed == (SystemRef("gammel", "Gammelt sagssystem", "retired"),)
    assert d.systems_renamed == (Rename("kmd-aktiv", "ky", "KY – Kommunernes Ydelsessystem"),)
    assert d.systems_changed == (
        SystemChange(
            "esdh",
            "Testrup ESDH",
            None,
            (
                FieldChange(
                    "owner", "Digitaliseringschef", "Digitaliseringschef | `drift`\n<b>ny</b>"
                ),
                FieldChange("contract_end", "2030-12-31", "2031-12-31"),
            ),
        ),
        SystemChange(
            "ky",
            "KY – Kommunernes Ydelsessystem",
            "kmd-aktiv",
            (
                FieldChange("name", "KMD Aktiv", "KY – Kommunernes Ydelsessystem"),
                FieldChange("vendor", "KMD", "Netcompany"),
            ),
        ),
    )


def test_integrations_are_matched_across_the_rename(d: InventoryDiff) -> None:
    assert d.integrations_added == (IntegrationRef("cpr-ky", "cpr", "ky", ("person",), "active"),)
    assert d.integrations_removed == (
        IntegrationRef("gammel-esdh", "gammel", "esdh", ("sag",), "retired"),
    )
    assert d.integrations_changed == (
        IntegrationChange(
            "ky-postkomponent",
            "kmd-aktiv-postkomponent",
            "ky",
            "postkomponent",
            (FieldChange("frequency", "daily", "realtime"),),
        ),
    )


def test_data_flows(d: InventoryDiff) -> None:
    assert d.data_flows == (
        DataFlowChange("ky", "person", "manual", "integration"),
        DataFlowChange("nyt-fagsystem", "person", None, "manual"),
    )
    assert [c.kind for c in d.data_flows] == ["changed", "added"]


def test_findings_introduced_resolved_and_waived(d: InventoryDiff) -> None:
    assert found(d.introduced) == [
        ("KM404", ("Netcompany",), "systems/systems.yaml:19:13", False),
        ("KM101", ("nyt-fagsystem", "person"), "systems/systems.yaml:26:5", False),
        ("KM205", ("nyt-fagsystem",), "systems/systems.yaml:26:5", False),
    ]
    assert found(d.resolved) == [
        ("KM101", ("kmd-aktiv", "person"), "systems/systems.yaml:14:5", False),
        ("KM404", ("KMD",), "systems/systems.yaml:19:13", False),
    ]
    # KM303 on kmd-aktiv is the same finding as KM303 on ky: not resolved, not introduced,
    # but now waived (the waiver names the former id)
    assert found(d.waived) == [("KM303", ("ky",), "systems/systems.yaml:14:5", True)]
    assert d.unwaived == ()
    assert found(d.introduced_errors) == [
        ("KM101", ("nyt-fagsystem", "person"), "systems/systems.yaml:26:5", False)
    ]


def test_sides(d: InventoryDiff) -> None:
    assert (d.old.label, d.new.label) == ("old", "new")
    assert (d.old.counts.errors, d.new.counts.errors, d.new.counts.waived) == (2, 1, 1)
    assert (d.old.classification, d.new.classification) == ("U", "U")
    assert d.old.score is not None and d.new.score is not None
    assert not d.unchanged


def test_reverse_diff_swaps_introduced_and_resolved(d: InventoryDiff) -> None:
    back = diff_inventories(HERE / "new", HERE / "old", as_of=AS_OF, config=None)
    assert back.systems_renamed == ()  # the old version has no previous_ids: removed + added
    assert [s.id for s in back.systems_removed] == ["ky", "nyt-fagsystem"]
    assert [s.id for s in back.systems_added] == ["gammel", "kmd-aktiv"]
    assert found(back.unwaived) == []  # KM303 ky and KM303 kmd-aktiv are different now
    assert ("KM303", ("kmd-aktiv",)) in [(f.rule, f.subjects) for f in back.introduced]


def test_same_inventory_is_unchanged() -> None:
    same = diff_inventories(HERE / "old", HERE / "old", as_of=AS_OF)
    assert same.unchanged
    assert same.introduced_errors == ()
    assert render_diff(same, "markdown", "en").splitlines()[-1] == "No changes."


def _write(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


_MASTERS = """municipality: {{name: X}}
data_objects: [{{id: plads, name: Plads}}]
systems:
  - {{id: {a}, name: A, type: other, status: in-use, owner: o{prev_a}, data: {{plads: master}}}}
  - {{id: zz, name: Z, type: other, status: in-use, owner: o, data: {{plads: master}}}}
  - {{id: {c}, name: C, type: other, status: in-use, owner: o{prev_c},
     data: {{plads: integration}}}}
integrations:
  - {{from: {a}, to: {c}, data: [plads], mechanism: rpa}}
"""


def test_a_rename_alone_introduces_and_resolves_nothing(tmp_path: Path) -> None:
    old = _write(
        tmp_path / "old", {"i.yaml": _MASTERS.format(a="aa", c="cc", prev_a="", prev_c="")}
    )
    new = _write(
        tmp_path / "new",
        {
            "i.yaml": _MASTERS.format(
                a="zzz", c="dd", prev_a=", previous_ids: [aa]", prev_c=", previous_ids: [cc]"
            )
        },
    )
    d = diff_inventories(old, new, as_of=AS_OF)
    # KM103 (plads, aa, zz) becomes (plads, zz, zzz): the masters are re-sorted after the rename;
    # KM203 names the integration aa-cc, which is now zzz-dd
    assert found(d.introduced) == [] and found(d.resolved) == []
    assert {f.rule for f in diff_inventories(old, old, as_of=AS_OF).introduced} == set()
    assert d.systems_renamed == (Rename("aa", "zzz", "A"), Rename("cc", "dd", "C"))
    assert d.systems_changed == ()
    assert d.integrations_changed == (IntegrationChange("zzz-dd", "aa-cc", "zzz", "dd", ()),)
    assert (d.integrations_added, d.integrations_removed, d.data_flows) == ((), (), ())
    assert not d.unchanged


def test_an_old_id_claimed_by_an_existing_system_is_a_removal(tmp_path: Path) -> None:
    body = (
        "municipality: {name: X}\nsystems:\n"
        "  - {id: a, name: A, type: other, status: in-use, owner: o}\n"
    )
    old = _write(
        tmp_path / "old", {"i.yaml": body + "  - {id: b, name: B, type: other, status: in-use}\n"}
    )
    new = _write(
        tmp_path / "new", {"i.yaml": body.replace("owner: o}", "owner: o, previous_ids: [b]}")}
    )
    d = diff_inventories(old, new, as_of=AS_OF)
    assert d.systems_renamed == ()
    assert d.systems_removed == (SystemRef("b", "B", "in-use"),)
    assert found(d.resolved) == [("KM401", ("b",), "i.yaml:4:5", False)]


def _golden(name: str, actual: str) -> None:
    check_golden(GOLDEN / name, actual)


@pytest.mark.parametrize(
    ("fmt", "lang", "name"),
    [
        ("text", "en", "diff.en.txt"),
        ("text", "da", "diff.da.txt"),
        ("markdown", "da", "diff.da.md"),
        ("markdown", "en", "diff.en.md"),
        ("json", "en", "diff.en.json"),
    ],
)
def test_golden(d: InventoryDiff, fmt: str, lang: str, name: str) -> None:
    text = render_diff(d, fmt, lang)  # type: ignore[arg-type]
    if fmt == "json":
        text = text.replace(f'"version": "{__version__}"', '"version": "VERSION"')
    _golden(name, text)


def test_markdown_is_a_pr_comment_with_escaped_cells(d: InventoryDiff) -> None:
    text = render_diff(d, "markdown", "en")
    assert text.startswith("<!-- kommarch-diff -->\n### kommarch diff: Testrup Kommune\n")
    md = MarkdownIt("commonmark").enable("table")
    tables: list[list[int]] = []
    for t in md.parse(text):
        if t.type == "table_open":
            tables.append([])
        elif t.type == "tr_open":
            tables[-1].append(0)
        elif t.type in ("td_open", "th_open"):
            tables[-1][-1] += 1
    # every row has as many cells as its header: no name broke out of its cell
    assert [sorted(set(t)) for t in tables] == [[5], [5], [5], [4], [5], [5]]
    html = md.render(text)
    assert "<td>Nyt fagsystem | pilot &lt;beta&gt;</td>" in html
    assert "<td>Ydelsesindeks" not in html  # the waiver reason is not shown in the comment
    assert text.count("<details") == text.count("</details>") == 6


def test_markdown_is_cut_to_fit_a_comment(tmp_path: Path) -> None:
    systems = "".join(
        f"  - {{id: s{i:04d}, name: {'x' * 80}, type: other, status: in-use,"
        f" owner: o, data: {{person: manual}}}}\n"
        for i in range(700)
    )
    old = _write(tmp_path / "old", {"i.yaml": "municipality: {name: X}\n"})
    new = _write(tmp_path / "new", {"i.yaml": "municipality: {name: X}\nsystems:\n" + systems})
    text = render_diff(diff_inventories(old, new, as_of=AS_OF), "markdown", "en")
    assert len(text) <= 65536
    assert "The comment is shortened:" in text
    assert "rows left out_" in text


# --- git -----------------------------------------------------------------------------------


def _git(repo: Path, *args: str) -> str:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@example.org",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@example.org",
        "GIT_AUTHOR_DATE": "2026-01-01T00:00:00Z",
        "GIT_COMMITTER_DATE": "2026-01-01T00:00:00Z",
        "GIT_CONFIG_GLOBAL": os.devnull,
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    return subprocess.run(
        ["git", "-C", str(repo), *args], check=True, capture_output=True, text=True, env=env
    ).stdout.strip()


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: the old inventory at inv/; branch feature: the new one (two commits)."""
    r = tmp_path / "repo"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    shutil.copytree(HERE / "old", r / "inv")
    (r / "README.md").write_text("x\n")
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "old")
    _git(r, "checkout", "-q", "-b", "feature")
    shutil.rmtree(r / "inv")
    shutil.copytree(HERE / "new", r / "inv")
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "new")
    _git(r, "checkout", "-q", "main")
    (r / "main.txt").write_text("later work on main\n")
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "main moves on")
    _git(r, "checkout", "-q", "feature")
    return r


def _same_content(a: InventoryDiff, b: InventoryDiff) -> bool:
    return (
        render_diff(a, "json", "en").split('"unchanged"')[1]
        == render_diff(b, "json", "en").split('"unchanged"')[1]
    )


def test_git_range_matches_the_directory_diff(repo: Path, d: InventoryDiff) -> None:
    status = _git(repo, "status", "--porcelain", "--ignored")
    head = _git(repo, "rev-parse", "HEAD")
    result = diff_git(repo, "main~1..feature", "inv", as_of=AS_OF)
    assert _same_content(result, d)
    main1, feature = _git(repo, "rev-parse", "--short=7", "main~1"), head[:7]
    assert (result.old.label, result.new.label) == (f"main~1 ({main1})", f"feature ({feature})")
    # read-only: the working tree, HEAD and the worktree list are untouched
    assert _git(repo, "status", "--porcelain", "--ignored") == status
    assert _git(repo, "rev-parse", "HEAD") == head
    assert len(_git(repo, "worktree", "list").splitlines()) == 1


def test_git_three_dots_compare_with_the_merge_base(repo: Path, d: InventoryDiff) -> None:
    result = diff_git(repo / "inv", "main...feature", None, as_of=AS_OF)
    assert _same_content(result, d)
    base = _git(repo, "merge-base", "main", "feature")[:7]
    assert result.old.label == f"{base} (merge base of main and feature)"


def test_git_single_revision_compares_with_the_working_tree(repo: Path) -> None:
    text = (repo / "inv" / "systems" / "systems.yaml").read_text()
    (repo / "inv" / "systems" / "systems.yaml").write_text(text.replace("Ydelseschef", "Ny chef"))
    result = diff_git(repo, "HEAD", "inv", as_of=AS_OF)
    assert result.new.label == "working tree"
    assert result.systems_changed == (
        SystemChange(
            "ky",
            "KY – Kommunernes Ydelsessystem",
            None,
            (FieldChange("owner", "Ydelseschef", "Ny chef"),),
        ),
    )


def test_git_single_file_inventory_takes_its_configuration_along(tmp_path: Path) -> None:
    r = tmp_path / "r"
    r.mkdir()
    _git(r, "init", "-q", "-b", "main")
    _write(
        r,
        {
            "one.yaml": "municipality: {name: X}\nsystems:\n  - {id: a, name: A, type: "
            "other, status: in-use}\n",
            "kommarch.yaml": "rules: {KM401: off}\n",
        },
    )
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "one")
    _write(r, {"kommarch.yaml": "rules: {}\n"})
    _git(r, "commit", "-q", "-am", "two")
    result = diff_git(r / "one.yaml", "HEAD~1..HEAD", None, as_of=AS_OF)
    assert found(result.introduced) == [("KM401", ("a",), "one.yaml:3:5", False)]


@pytest.mark.parametrize(
    ("rev_range", "subdir", "message"),
    [
        ("nope..HEAD", "inv", "unknown git revision 'nope'"),
        ("main..-x", "inv", "'-x' is not a git revision"),
        ("HEAD~1..HEAD", "missing", "'missing' does not exist in HEAD~1"),
        ("", "inv", "--git needs a revision range such as main..HEAD"),
    ],
)
def test_git_errors_are_usage_errors(repo: Path, rev_range: str, subdir: str, message: str) -> None:
    with pytest.raises(UsageError) as exc:
        diff_git(repo, rev_range, subdir)
    assert message in str(exc.value)


def test_not_a_git_repository(tmp_path: Path) -> None:
    (tmp_path / "plain").mkdir()
    with pytest.raises(UsageError) as exc:
        diff_git(tmp_path / "plain", "HEAD~1..HEAD", None)
    assert str(exc.value).startswith("not a git repository")


def test_git_inventory_at_the_repository_root_and_absolute_paths(
    tmp_path: Path, d: InventoryDiff
) -> None:
    r = tmp_path / "root"
    shutil.copytree(HERE / "old", r)
    _git(r, "init", "-q", "-b", "main")
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "old")
    shutil.rmtree(r / "systems")
    for p in (HERE / "new").rglob("*.yaml"):
        (r / p.relative_to(HERE / "new")).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(p, r / p.relative_to(HERE / "new"))
    _git(r, "add", "-A")
    _git(r, "commit", "-q", "-m", "new")
    assert _same_content(diff_git(r, "HEAD~1..HEAD", None, as_of=AS_OF), d)
    assert _same_content(
        diff_git(tmp_path, "HEAD~1..HEAD", str(r / "systems" / ".."), as_of=AS_OF), d
    )
