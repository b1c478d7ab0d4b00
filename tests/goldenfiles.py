"""The one golden-file helper: compare an output with its file under tests/golden/, byte for byte.

To regenerate deliberately (after a change you have reviewed), run::

    KOMMARCH_UPDATE_GOLDEN=1 .venv/bin/python -m pytest

and review ``git diff tests/golden tests/fixtures`` before committing it.
"""

from __future__ import annotations

import os
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_VARIABLE = "KOMMARCH_UPDATE_GOLDEN"


def check_golden(path: Path, actual: str) -> None:
    """Assert that ``actual`` (UTF-8, ``\\n`` line ends) is the content of ``path``; with
    ``KOMMARCH_UPDATE_GOLDEN=1`` write it there instead."""
    data = actual.encode("utf-8")
    if os.environ.get(UPDATE_VARIABLE) == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        return
    assert path.exists(), f"no golden file {path}; create it with {UPDATE_VARIABLE}=1"
    assert data == path.read_bytes(), (
        f"output differs from {path} (regenerate: {UPDATE_VARIABLE}=1)"
    )
