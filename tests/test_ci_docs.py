"""Every `kommarch …` command in docs/ci.md, run as CI would on a repository holding Skovlund.

The repository has two commits (the second adds a system keyed in by hand) so that the diff
steps have a base revision. Shell redirections and CI variables are kept: the lines run in bash.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "ci.md"
BASE_REFS = (
    r"origin/\$\{\{ github\.base_ref \}\}",
    r"origin/\$CI_MERGE_REQUEST_TARGET_BRANCH_NAME",
)


def commands() -> list[str]:
    found = []
    for block in re.findall(r"```(?:yaml|sh)\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S):
        for line in block.splitlines():
            m = re.search(r"(?:^|run: |- )(kommarch .*)$", line.strip())
            if m:
                found.append(m.group(1))
    return found


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("inventory-repo")
    shutil.copytree(REPO / "inventories" / "skovlund", root / "inventory")
    git(root, "init", "-q", "-b", "main")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "one")
    (root / "inventory" / "systems" / "ny.yaml").write_text(
        "systems:\n  - id: ny-booking\n    name: Ny booking\n    type: self-service\n"
        "    status: in-use\n    owner: Borgerservicechef\n    data: {person: manual}\n",
        encoding="utf-8",
    )
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "add", ".")
    git(root, "-c", "user.name=t", "-c", "user.email=t@example.invalid", "commit", "-qm", "two")
    return root


def test_the_page_has_the_commands_we_expect() -> None:
    cmds = commands()
    assert cmds[0] == "kommarch audit inventory --write-baseline .kommarch-baseline.json"
    assert any("--format sarif" in c for c in cmds)
    assert any(c.startswith("kommarch diff --git") for c in cmds)
    assert sum(c.startswith("kommarch ") for c in cmds) >= 10


def test_every_command_runs_on_the_example(repo: Path) -> None:
    env = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_STEP_SUMMARY": str(repo / "summary.md"),
        "NO_COLOR": "1",
    }
    for command in commands():
        line = command
        for ref in BASE_REFS:
            line = re.sub(ref, "HEAD~1", line)
        r = subprocess.run(
            ["bash", "-c", line], cwd=repo, env=env, capture_output=True, text=True, check=False
        )
        allowed = {0, 1} if "--write-baseline" in line else {0}
        assert r.returncode in allowed, f"{line}\n{r.stderr}"
        assert "Traceback" not in r.stderr
    sarif = json.loads((repo / "kommarch.sarif").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "tests" / "fixtures" / "sarif-schema-2.1.0.json").read_text())
    jsonschema.Draft4Validator(schema).validate(sarif)
    assert (repo / "summary.md").read_text(encoding="utf-8").startswith("# ")
    diff = (repo / "diff.md").read_text(encoding="utf-8")
    assert "ny-booking" in diff
    for artifact in ("gap-report.md", "kommarch.json"):
        assert (repo / artifact).stat().st_size > 0
