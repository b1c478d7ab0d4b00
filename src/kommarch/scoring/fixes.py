"""The candidate fixes of the maturity analysis: what :mod:`kommarch.scoring.maturity` counts
and collects, and what :mod:`kommarch.scoring.levers` ranks. Both import these types from here, so
neither imports the other's internals (maturity -> levers -> fixes, one way).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from kommarch.scoring.score import Tally


class Fix(enum.Enum):
    """The kinds of concrete fixes a lever proposes."""

    MANUAL = "manual"  # replace a manual entry by an integration
    KM201 = "KM201"  # build the missing integration
    KM202 = "KM202"  # connect a broken chain to a source
    OBLIGATION = "obligation"  # use the common infrastructure: KM302/KM303/KM304
    OWNERS = "owners"  # name owners for the in-use systems without one
    MASTER = "master"  # settle one master for a single-master object


@dataclass(frozen=True, slots=True)
class Candidate:
    """A concrete fix and how it changes the tally (``delta``, added position-wise)."""

    fix: Fix
    subjects: tuple[str, ...]
    delta: Tally
    rule: str = ""


@dataclass(slots=True)
class Analysis:
    """The tally of the five indicators and every candidate fix."""

    tally: list[int] = field(default_factory=lambda: [0] * 10)
    candidates: list[Candidate] = field(default_factory=list)
