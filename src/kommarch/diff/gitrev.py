"""``kommarch diff --git REV1..REV2``: read each revision's inventory straight from git.

The inventory files of a revision are listed with ``git ls-tree`` and read with one ``git
cat-file --batch`` into a temporary directory; nothing touches the user's working tree, index,
refs or worktrees (``git archive`` is avoided because ``export-ignore`` attributes could drop
files). Only ``*.yaml``/``*.yml`` blobs are read; symlinks and submodules are skipped.

Ranges: ``A..B`` compares A with B; ``A...B`` compares the merge base of A and B with B (what a
pull request changes); a single ``A`` compares A with the working tree; an empty side is HEAD.
"""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import subprocess
import tempfile
from pathlib import Path, PurePosixPath

from kommarch.diff.model import InventoryDiff
from kommarch.diff.sides import diff_inventories
from kommarch.errors import UsageError
from kommarch.inventory.loader import CONFIG_NAME

WORKING_TREE = "working tree"


class _GitFailed(Exception):
    """A git command exited non-zero; the message is its stderr."""


def _git(repo: Path, *args: str, stdin: bytes | None = None) -> bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "LC_ALL": "C"}
    try:
        proc = subprocess.run(
            ["git", "-C", str(repo), "--literal-pathspecs", "--no-pager", *args],
            input=stdin,
            capture_output=True,
            check=False,
            env=env,
        )
    except FileNotFoundError:
        raise UsageError("--git needs the git program, and it was not found") from None
    if proc.returncode != 0:
        raise _GitFailed(proc.stderr.decode("utf-8", "replace").strip())
    return proc.stdout


def parse_range(rev_range: str) -> tuple[str, str | None, bool]:
    """``(old, new, merge_base)``; ``new`` is None for the working tree."""
    text = rev_range.strip()
    if not text:
        raise UsageError("--git needs a revision range such as main..HEAD")
    for sep, merge_base in (("...", True), ("..", False)):
        if sep in text:
            a, b = text.split(sep, 1)
            return a or "HEAD", b or "HEAD", merge_base
    return text, None, False


def _commit(repo: Path, rev: str) -> str:
    if rev.startswith("-") or any(c.isspace() for c in rev):
        raise UsageError(f"'{rev}' is not a git revision")
    try:
        return _git(repo, "rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}").decode().strip()
    except _GitFailed:
        raise UsageError(f"unknown git revision '{rev}' in {repo}") from None


def _inventory_path(repo: Path, subdir: str | None) -> tuple[Path, str]:
    """The repository's top level and the inventory's POSIX path inside it ("" for the top).

    The inventory need not exist in the working tree (it may be deleted there): git runs in
    its nearest existing folder.
    """
    target = repo / subdir if subdir is not None else repo
    target = Path(os.path.abspath(target))
    cwd = next((p for p in (target, *target.parents) if p.is_dir()), Path.cwd())
    try:
        top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    except _GitFailed:
        raise UsageError(f"not a git repository (or inside one): {cwd}") from None
    rel = os.path.relpath(os.path.realpath(target), os.path.realpath(top))
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        raise UsageError(f"{target} is outside the git repository {top}")
    rel = Path(rel).as_posix()
    return top, "" if rel == "." else rel


def _cat_blobs(repo: Path, objects: list[bytes]) -> list[bytes]:
    out = _git(repo, "cat-file", "--batch", stdin=b"".join(o + b"\n" for o in objects))
    blobs: list[bytes] = []
    pos = 0
    for _ in objects:
        end = out.index(b"\n", pos)
        size = int(out[pos:end].split(b" ")[2])
        blobs.append(out[end + 1 : end + 1 + size])
        pos = end + 2 + size
    return blobs


def export_revision(repo: Path, commit: str, rel: str, dest: Path, shown: str) -> Path:
    """Write the inventory at ``rel`` as of ``commit`` below ``dest``; return its path there."""
    try:
        kind = _git(repo, "cat-file", "-t", f"{commit}:{rel}").decode().strip()
    except _GitFailed:
        raise UsageError(f"'{rel or '.'}' does not exist in {shown}") from None
    if kind == "tree":
        specs = [rel] if rel else []
    elif kind == "blob":  # a single-file inventory and the configuration next to it
        specs = [rel, posixpath.join(posixpath.dirname(rel), CONFIG_NAME)]
    else:
        raise UsageError(f"'{rel}' in {shown} is a {kind}, not an inventory")
    listing = _git(repo, "ls-tree", "-r", "-z", "--full-tree", commit, "--", *specs)
    names: list[str] = []
    objects: list[bytes] = []
    for record in listing.split(b"\0"):
        if not record:
            continue
        meta, path = record.split(b"\t", 1)
        mode, otype, obj = meta.split(b" ")
        name = path.decode("utf-8", "surrogateescape")
        if otype != b"blob" or mode == b"120000" or not name.endswith((".yaml", ".yml")):
            continue
        names.append(name)
        objects.append(obj)
    for name, content in zip(names, _cat_blobs(repo, objects) if objects else [], strict=True):
        parts = PurePosixPath(name).parts
        if ".." in parts or PurePosixPath(name).is_absolute():
            continue  # git never stores such paths; refuse them anyway
        target = dest.joinpath(*parts)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    dest.mkdir(parents=True, exist_ok=True)
    return dest.joinpath(*PurePosixPath(rel).parts) if rel else dest


def diff_git(
    repo_path: Path,
    rev_range: str,
    subdir: str | None = None,
    *,
    as_of: dt.date | None = None,
    config: Path | None = None,
) -> InventoryDiff:
    """Compare the inventory at ``subdir`` (relative to ``repo_path``; None: ``repo_path``
    itself, a folder or file anywhere inside a git work tree) between two revisions (see the
    module docstring for the range forms).

    Raises :class:`kommarch.errors.UsageError` when ``repo_path`` is not in a git repository,
    a revision is unknown, or the inventory does not exist in a revision.
    """
    old_rev, new_rev, merge_base = parse_range(rev_range)
    top, rel = _inventory_path(repo_path, subdir)
    old_commit = _commit(top, old_rev)
    new_commit = None if new_rev is None else _commit(top, new_rev)
    if merge_base and new_commit is not None:
        try:
            old_commit = _git(top, "merge-base", old_commit, new_commit).decode().strip()
        except _GitFailed:
            raise UsageError(f"{old_rev} and {new_rev} have no merge base") from None
        old_label = f"{old_commit[:7]} (merge base of {old_rev} and {new_rev})"
    else:
        old_label = f"{old_rev} ({old_commit[:7]})"
    with tempfile.TemporaryDirectory(prefix="kommarch-diff-") as tmp:
        old_path = export_revision(top, old_commit, rel, Path(tmp, "old"), old_label)
        if new_commit is None:
            new_path, new_label = top.joinpath(*PurePosixPath(rel).parts), WORKING_TREE
        else:
            new_label = f"{new_rev} ({new_commit[:7]})"
            new_path = export_revision(top, new_commit, rel, Path(tmp, "new"), new_label)
        return diff_inventories(
            old_path, new_path, as_of=as_of, config=config, labels=(old_label, new_label)
        )
