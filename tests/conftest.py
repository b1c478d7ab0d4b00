"""Session fixtures shared by the slow release tests (tests/release.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.release import tagged_clone


@pytest.fixture(scope="session")
def release_clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This repository cloned and tagged v0.2.0 locally, as a user's pip or pre-commit sees it."""
    return tagged_clone(tmp_path_factory.mktemp("release") / "kommarch")
