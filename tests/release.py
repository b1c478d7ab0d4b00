"""A release of kommarch as a user gets it: a clone of this repository tagged ``v0.2.0`` locally,
and fresh virtual environments to install it into (used by the slow tests of the CI examples and
the pre-commit hooks).

The clone holds the *committed* state of the repository (``git clone`` of HEAD): commit before
running these tests. Nothing is pushed anywhere; the tag exists only in the temporary clone.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from kommarch import __version__

REPO = Path(__file__).resolve().parents[1]
TAG = f"v{__version__}"
PUBLIC_URL = re.compile(r"git\+https://github\.com/<org>/kommarch@(v[0-9.]+)")


def git(cwd: Path, *args: str) -> str:
    """Run git quietly with a fixed identity; its stdout."""
    identity = ("-c", "user.name=kommarch tests", "-c", "user.email=tests@example.invalid")
    r = subprocess.run(
        ["git", *identity, *args], cwd=cwd, check=True, capture_output=True, text=True
    )
    return r.stdout


def tagged_clone(where: Path) -> Path:
    """A clone of this repository's HEAD at ``where``, tagged :data:`TAG`."""
    subprocess.run(
        ["git", "clone", "-q", "--no-hardlinks", str(REPO), str(where)],
        check=True,
        capture_output=True,
    )
    git(where, "tag", "-a", TAG, "-m", f"kommarch {__version__}")
    return where


def local_url(line: str, clone: Path) -> str:
    """An install line from the docs with the public URL pointed at the local clone."""
    return PUBLIC_URL.sub(lambda m: f"git+{clone.as_uri()}@{m.group(1)}", line)


def fresh_venv(where: Path) -> Path:
    """A new virtual environment with a current pip, as setup-python gives (the pip bundled
    with an older Python refuses ``git+file:///`` URLs); its ``bin`` directory."""
    subprocess.run(
        [sys.executable, "-m", "venv", "--upgrade-deps", str(where)],
        check=True,
        capture_output=True,
    )
    return where / ("Scripts" if os.name == "nt" else "bin")
