"""Where the inventory root stands, seen from the current directory and from the repository root.

Findings carry paths relative to the inventory root (the JSON contract, section 9). Formats that
are read by other tools name files from elsewhere: text and GitHub annotations from the directory
kommarch runs in (so an editor's terminal and a workflow step can open them), SARIF and GitLab
Code Quality from the repository root (the git top level, else the current directory). The
pipeline computes these prefixes once; renderers only join strings.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, slots=True)
class Anchors:
    """POSIX prefixes that lead to the inventory root, each ``""`` or ending in ``/``.

    ``repo_uri`` is the repository root as a ``file:`` URI ending in ``/`` (SARIF's
    ``originalUriBaseIds``), or ``None`` when unknown (hand-built reports).
    """

    from_cwd: str = ""
    from_repo: str = ""
    repo_uri: str | None = None

    def cwd_path(self, path: str) -> str:
        """A path relative to the inventory root, relative to the current directory instead."""
        return join(self.from_cwd, path)

    def repo_path(self, path: str) -> str:
        """A path relative to the inventory root, relative to the repository root instead."""
        return join(self.from_repo, path)


def join(prefix: str, path: str) -> str:
    """``prefix`` + ``path``; the root itself (``"."``) is the prefix without its slash."""
    if path == ".":
        return prefix.rstrip("/") or "."
    return prefix + path


def repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` that holds ``.git`` (a directory or, in a
    worktree or submodule, a file), or None. No git process is started."""
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists():
            return candidate
    return None


def _prefix(root: Path, base: Path) -> str:
    """``root`` relative to ``base``; absolute when they share nothing but the filesystem root
    (``../../../srv/x`` helps nobody) or lie on different drives."""
    try:
        shared = os.path.commonpath([root, base])
    except ValueError:  # another drive (Windows)
        shared = ""
    if shared in ("", root.anchor):
        return root.as_posix().rstrip("/") + "/"
    rel = os.path.relpath(root, base)
    rel = Path(rel).as_posix()
    return "" if rel == "." else rel + "/"


def anchors_for(root: Path, cwd: Path | None = None) -> Anchors:
    """The prefixes of the inventory ``root`` seen from ``cwd`` (default: the current directory)
    and from the repository that holds it (the git top level of ``cwd``, else ``cwd``)."""
    here = (cwd or Path.cwd()).resolve()
    absolute = root.resolve()
    repo = repository_root(here) or here
    if not absolute.is_relative_to(repo):
        repo = repository_root(absolute) or repo
    uri = repo.as_uri()
    return Anchors(
        from_cwd=_prefix(absolute, here),
        from_repo=_prefix(absolute, repo),
        repo_uri=uri if uri.endswith("/") else uri + "/",
    )
