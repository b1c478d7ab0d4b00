"""The complete audit of each bundled example, in every format: golden, deterministic, valid.

Run through the real entry point with different PYTHONHASHSEEDs, and on a copy of the inventory
whose files were written in reverse order: the bytes must not change.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.codescanning import check_github_sarif, check_gitlab
from tests.test_cli import REPO, golden, kommarch

AS_OF = "2026-11-27"
# markdown: tests/render/test_markdown.py keeps the examples' gap reports in both languages
FORMATS = {"text": "txt", "json": "json", "sarif": "sarif", "github": "github", "gitlab": "gitlab"}
REPO_URI = REPO.resolve().as_uri() + "/"  # SARIF's base URI: the checkout, different everywhere


def _stable(out: str) -> str:
    """The output with the checkout's absolute URI replaced by a fixed one."""
    return out.replace(f'"uri": "{REPO_URI}"', '"uri": "file:///checkout/"')


@pytest.mark.parametrize("example", ["skovlund", "havoe"])
@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_audit_golden(example: str, fmt: str) -> None:
    first = kommarch("audit", f"inventories/{example}", "--as-of", AS_OF, "--format", fmt, seed="1")
    assert first.returncode == 1, first.stderr  # both examples have error findings
    assert first.stderr == ""
    golden(f"../examples/{example}.{FORMATS[fmt]}", _stable(first.stdout))
    if fmt == "sarif":
        assert f'"uri": "{REPO_URI}"' in first.stdout
        check_github_sarif(json.loads(first.stdout))
    if fmt == "gitlab":
        check_gitlab(json.loads(first.stdout))
    second = kommarch(
        "audit", f"inventories/{example}", "--as-of", AS_OF, "--format", fmt, seed="4242"
    )
    assert second.stdout == first.stdout


@pytest.mark.parametrize("lang", ["da", "en"])
def test_audit_text_in_both_languages(lang: str) -> None:
    r = kommarch("audit", "inventories/skovlund", "--as-of", AS_OF, "--lang", lang)
    golden(f"../examples/skovlund.{lang}.txt", r.stdout)


def test_file_order_on_disk_does_not_matter(tmp_path: Path) -> None:
    source = REPO / "inventories" / "havoe"
    copy = tmp_path / "havoe"
    copy.mkdir()
    for f in sorted(source.rglob("*"), reverse=True):  # created in reverse order
        if f.is_file():
            target = copy / f.relative_to(source)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, target)
    a = kommarch("audit", "inventories/havoe", "--as-of", AS_OF, "--format", "json")
    b = kommarch("audit", str(copy), "--as-of", AS_OF, "--format", "json")
    assert a.stdout == b.stdout
