"""The pre-commit hooks as an inventory repository uses them (slow: pre-commit installs kommarch
from a locally tagged clone into its own environment).

The repository holds the Skovlund example under ``inventory/`` next to other YAML files (a
workflow), with the configuration from docs/ci.md. A good inventory passes both hooks; a broken
one fails once, in kommarch-validate, with located messages, and kommarch-audit does not repeat
them. ``pre-commit try-repo`` runs the hooks straight from the clone.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.release import REPO, TAG, git
from tests.test_ci_docs import precommit

pytestmark = pytest.mark.slow

BASE = ".kommarch-baseline.json"
BROKEN = (
    "systems:\n"
    "  - id: ny-booking\n"
    "    name: Ny booking\n"
    "    type: self-service\n"
    "    status: in-use\n"
    "    contract_end: 31-12-2028\n"
)


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """pre-commit's cache, shared by the tests of this module (one install per hook repository)."""
    return tmp_path_factory.mktemp("pre-commit-home")


def _inventory_repo(top: Path, clone: Path) -> Path:
    repo = top / "inventory-repo"
    shutil.copytree(REPO / "inventories" / "skovlund", repo / "inventory")
    (repo / ".github" / "workflows").mkdir(parents=True)
    (repo / ".github" / "workflows" / "kommarch.yml").write_text(
        "name: kommarch\non: [push]\njobs: {}\n", encoding="utf-8"
    )
    config = precommit()
    assert config["repos"][0]["rev"] == TAG
    config["repos"][0]["repo"] = str(clone)
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    subprocess.run(
        [sys.executable, "-m", "kommarch", "audit", "inventory", "-q", "--write-baseline", BASE],
        cwd=repo,
        check=True,
        capture_output=True,
    )
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", ".")
    git(repo, "commit", "-qm", "inventory")
    return repo


def _pre_commit(repo: Path, home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PRE_COMMIT_HOME": str(home), "NO_COLOR": "1", "PRE_COMMIT_COLOR": "never"}
    env.pop("VIRTUAL_ENV", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def _status(output: str, name: str) -> str:
    line = next(line for line in output.splitlines() if line.startswith(name + "."))
    return line.rsplit(".", 1)[1].strip()


def test_hooks_pass_on_a_good_inventory_and_fail_once_on_a_broken_one(
    tmp_path: Path, release_clone: Path, home: Path
) -> None:
    repo = _inventory_repo(tmp_path, release_clone)
    good = _pre_commit(repo, home, "run", "--all-files")
    assert good.returncode == 0, good.stdout + good.stderr
    assert _status(good.stdout, "kommarch validate") == "Passed"
    assert _status(good.stdout, "kommarch audit") == "Passed"

    (repo / "inventory" / "systems" / "ny.yaml").write_text(BROKEN, encoding="utf-8")
    git(repo, "add", ".")
    bad = _pre_commit(repo, home, "run", "--all-files")
    assert bad.returncode == 1
    assert _status(bad.stdout, "kommarch validate") == "Failed"
    assert _status(bad.stdout, "kommarch audit") == "Passed"
    expected = (
        "inventory/systems/ny.yaml:6:19  KM002 fejl  contract_end: 31-12-2028: skriv 2028-12-31"
    )
    assert bad.stdout.count("contract_end: 31-12-2028") == 1
    assert expected in bad.stdout
    assert "kommarch.yml" not in bad.stdout  # the workflow is not read as an inventory file


def test_try_repo_runs_the_hooks_from_the_clone(
    tmp_path: Path, release_clone: Path, home: Path
) -> None:
    repo = _inventory_repo(tmp_path, release_clone)
    r = _pre_commit(repo, home, "try-repo", str(release_clone), "kommarch-validate", "--all-files")
    assert r.returncode == 0, r.stdout + r.stderr
    assert _status(r.stdout, "kommarch validate") == "Passed"
