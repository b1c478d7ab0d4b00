"""Progress of a long run, reported by the core through a callback it is given.

The core calls :meth:`Progress.phase` when a phase starts (with the number of steps when it
knows it) and :meth:`Progress.advance` after each step; it never prints and never imports rich.
The command line passes a rich progress display when stderr is a terminal, and
:data:`SILENT` otherwise (or with ``--quiet``).
"""

from __future__ import annotations

import enum
from typing import Protocol


class Phase(enum.StrEnum):
    """The phases of a run, in order."""

    READ = "read"  # files read and parsed (steps: files)
    VALIDATE = "validate"  # entries checked and merged, references resolved
    GRAPH = "graph"  # the system/integration graph
    RULES = "rules"  # the audit rules (steps: rules)
    SCORE = "score"  # maturity, journeys, recommendations
    REPORT = "report"  # the output written


PHASE_TEXT = {
    Phase.READ: "Reading files",
    Phase.VALIDATE: "Validating",
    Phase.GRAPH: "Building the graph",
    Phase.RULES: "Running the rules",
    Phase.SCORE: "Scoring",
    Phase.REPORT: "Writing the report",
}


class Progress(Protocol):
    """What the core calls; see the module docstring."""

    def phase(self, phase: Phase, total: int | None = None) -> None:
        """A phase starts (``total`` steps, or None when unknown)."""

    def advance(self, steps: int = 1) -> None:
        """``steps`` more steps of the current phase are done."""


class _Silent:
    """Progress that shows nothing."""

    def phase(self, phase: Phase, total: int | None = None) -> None:
        """Nothing."""

    def advance(self, steps: int = 1) -> None:
        """Nothing."""


SILENT: Progress = _Silent()
