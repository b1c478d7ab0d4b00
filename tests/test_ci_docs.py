"""docs/ci.md as a user follows it: the install line from a release tag, then every step of the
GitHub Actions and GitLab CI examples, run as CI would in a repository holding Skovlund under
``inventory/``, up to the uploads and the API calls (which need GitHub or GitLab).

The repository has an ``origin`` with ``main`` and a branch with a second commit (a system keyed
in by hand), so that the diff steps have a merge base. CI variables are set as a pull/merge
request would set them; the lines run in bash. The outputs are checked against the schemas GitHub
and GitLab document (tests/codescanning.py).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

from kommarch import __version__
from tests.codescanning import check_github_sarif, check_gitlab
from tests.release import PUBLIC_URL, REPO, TAG, fresh_venv, git, local_url

DOC = REPO / "docs" / "ci.md"
TEXT = DOC.read_text(encoding="utf-8")
API_STEPS = {"Comment on the pull request (create or update)"}  # need GitHub's API and a token
API_LINES = ("python3 ci/post-mr-note.py",)  # needs GitLab's API and a token
SYSTEM_PACKAGES = ("apt-get ",)  # the image's packages; git is already here


def blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", TEXT, re.S)


def github() -> dict[str, Any]:
    (workflow,) = [yaml.safe_load(b) for b in blocks("yaml") if "jobs:" in b]
    return dict(workflow)


def gitlab() -> dict[str, Any]:
    (pipeline,) = [yaml.safe_load(b) for b in blocks("yaml") if "before_script:" in b]
    return dict(pipeline)


def precommit() -> dict[str, Any]:
    (config,) = [yaml.safe_load(b) for b in blocks("yaml") if b.startswith("repos:")]
    return dict(config)


# --- what the page promises (fast) ------------------------------------------------------------


def test_github_example_uses_current_actions_and_the_permissions_code_scanning_needs() -> None:
    wf = github()
    assert wf["permissions"] == {
        "actions": "read",
        "contents": "read",
        "security-events": "write",
        "pull-requests": "write",
    }
    uses = [s["uses"] for s in wf["jobs"]["audit"]["steps"] if "uses" in s]
    assert uses == [
        "actions/checkout@v4",
        "actions/setup-python@v5",
        "github/codeql-action/upload-sarif@v3",
    ]
    assert "private repository needs GitHub Code Security" in " ".join(TEXT.split())
    names = [s.get("name") for s in wf["jobs"]["audit"]["steps"]]
    assert set(names) >= API_STEPS
    assert names.index("Diff for the pull request") < names.index(next(iter(API_STEPS)))


def test_gitlab_example_reports_code_quality_with_full_history() -> None:
    ci = gitlab()
    assert ci["variables"] == {"GIT_DEPTH": 0}
    job = ci["kommarch"]
    assert job["artifacts"]["reports"] == {"codequality": "gl-code-quality-report.json"}
    assert any("--format gitlab --output gl-code-quality-report.json" in s for s in job["script"])
    diff = ci["kommarch-diff"]["script"][0]
    assert '"origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME...HEAD"' in diff


def test_one_token_name_and_three_dot_ranges_in_every_doc() -> None:
    docs = "".join(p.read_text(encoding="utf-8") for p in sorted((REPO / "docs").glob("*.md")))
    assert set(re.findall(r"\b(KOMMARCH_\w*TOKEN)\b", docs)) == {"KOMMARCH_GITLAB_TOKEN"}
    ranges = re.findall(r'--git "origin/[^"]*?(\.\.\.?)HEAD"', docs)
    assert ranges and set(ranges) == {"..."}


def test_every_install_line_names_the_current_tag() -> None:
    lines = [line for line in TEXT.splitlines() if "install" in line and "kommarch" in line]
    urls = [m.group(1) for line in lines for m in PUBLIC_URL.finditer(line)]
    assert len(urls) >= 4 and set(urls) == {TAG}  # sh (pip, pipx), GitHub, GitLab x2
    assert 'pipx install "git+https://github.com/<org>/kommarch@' + TAG + '"' in TEXT
    assert not re.search(r"pip install kommarch\s*$", TEXT, re.M)
    assert precommit()["repos"][0]["rev"] == TAG
    hooks = (REPO / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert f"#     rev: {TAG}\n" in hooks
    for doc in ("README.md", "docs/releasing.md"):
        assert f"@{TAG}" in (REPO / doc).read_text(encoding="utf-8"), doc


def test_the_changelog_has_the_version() -> None:
    changelog = (REPO / "CHANGELOG.md").read_text(encoding="utf-8")
    assert re.search(rf"^## \[{re.escape(__version__)}\]", changelog, re.M)
    assert re.search(r"^## \[0\.1\.0\]", changelog, re.M)


# --- the examples, run (slow) -----------------------------------------------------------------


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    top = tmp_path_factory.mktemp("ci")
    origin = top / "origin.git"
    git(top, "init", "-q", "--bare", "-b", "main", str(origin))
    work = top / "inventory-repo"
    git(top, "clone", "-q", str(origin), str(work))
    shutil.copytree(REPO / "inventories" / "skovlund", work / "inventory")
    git(work, "checkout", "-q", "-b", "main")
    git(work, "add", ".")
    git(work, "commit", "-qm", "one")
    git(work, "push", "-q", "origin", "main")
    git(work, "checkout", "-q", "-b", "ny-booking")
    (work / "inventory" / "systems" / "ny.yaml").write_text(
        "systems:\n  - id: ny-booking\n    name: Ny booking\n    type: self-service\n"
        "    status: in-use\n    owner: Borgerservicechef\n    data: {person: manual}\n",
        encoding="utf-8",
    )
    git(work, "add", ".")
    git(work, "commit", "-qm", "two")
    return work


def _run(line: str, cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    r = subprocess.run(
        ["bash", "-e", "-c", line], cwd=cwd, env=env, capture_output=True, text=True, check=False
    )
    assert "Traceback" not in r.stderr, line
    return r


def _github_steps(clone: Path) -> list[str]:
    lines = []
    skipped = set()
    for step in github()["jobs"]["audit"]["steps"]:
        if "run" not in step:
            continue
        if step.get("name") in API_STEPS:
            skipped.add(step["name"])
            continue
        lines.append(local_url(step["run"].replace("${{ github.base_ref }}", "main"), clone))
    assert skipped == API_STEPS
    return lines


def _gitlab_lines(job: dict[str, Any], clone: Path) -> list[str]:
    lines = []
    for line in [*job.get("before_script", []), *job["script"]]:
        if line.startswith(SYSTEM_PACKAGES + API_LINES):
            continue
        lines.append(local_url(line, clone))
    return lines


@pytest.mark.slow
def test_the_examples_run_from_a_tagged_install(
    repo: Path, release_clone: Path, tmp_path: Path
) -> None:
    bin_dir = fresh_venv(tmp_path / "venv")
    env = {
        **os.environ,
        "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(repo / "summary.md"),
        "CI_MERGE_REQUEST_TARGET_BRANCH_NAME": "main",
        "NO_COLOR": "1",
    }
    env.pop("VIRTUAL_ENV", None)
    github_steps = _github_steps(release_clone)
    assert github_steps[0].startswith(f'pip install "kommarch @ git+{release_clone.as_uri()}@')
    install = _run(github_steps[0], repo, env)
    assert install.returncode == 0, install.stderr
    which = _run("command -v kommarch && kommarch --version", repo, env).stdout.split("\n")
    assert which[:2] == [str(bin_dir / "kommarch"), f"kommarch {__version__}"]

    for line in [*blocks("sh")[0].splitlines(), *github_steps[1:]]:
        r = _run(line, repo, env)
        assert r.returncode == 0, f"{line}\n{r.stdout}\n{r.stderr}"
    sarif = json.loads((repo / "kommarch.sarif").read_text(encoding="utf-8"))
    check_github_sarif(sarif)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == repo.resolve().as_uri() + "/"
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
    }
    assert uris and all(u.startswith("inventory/") for u in uris), uris
    assert (repo / "summary.md").read_text(encoding="utf-8").startswith("# ")
    diff = (repo / "kommarch-diff.md").read_text(encoding="utf-8")
    assert diff.startswith("<!-- kommarch-diff -->") and "ny-booking" in diff

    ci = gitlab()
    for name in ("kommarch", "kommarch-diff"):
        for line in _gitlab_lines(ci[name], release_clone):
            r = _run(line, repo, env)
            assert r.returncode == 0, f"{line}\n{r.stdout}\n{r.stderr}"
    quality = json.loads((repo / "gl-code-quality-report.json").read_text(encoding="utf-8"))
    check_gitlab(quality)
    assert quality and all(i["location"]["path"].startswith("inventory/") for i in quality)
    for artifact in ("gap-report.md", "kommarch-diff.md"):
        assert (repo / artifact).stat().st_size > 0
