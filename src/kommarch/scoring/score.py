"""The score arithmetic of section 7: exact weighted mean, A/U classification, infrastructure gap.

A tally holds the five indicators in :data:`KEYS` order, numerator of indicator ``i`` at ``2i``
and denominator at ``2i + 1``. Everything is computed with fractions, so that the comparisons
``score >= 75`` and ``common infrastructure used >= 0.9`` are exact (floating point would make
``100 * (0.7 + 0.8) / 2`` fall just short of 75); values are rounded only for display.
"""

from __future__ import annotations

from fractions import Fraction

from kommarch.inventory.models import Settings
from kommarch.report import Classification

KEYS = (
    "register_data_reused",
    "common_infrastructure_used",
    "no_duplicate_entry",
    "integrations_intact",
    "ownership",
)
A_SCORE = Fraction(75)
A_INFRASTRUCTURE = Fraction(9, 10)

Tally = tuple[int, ...]


def configured_weights(settings: Settings) -> tuple[float, ...]:
    """The weight of each indicator in ``KEYS`` order, as configured (1 unless set)."""
    configured = {str(k): w for k, w in settings.weights.items()}
    return tuple(configured.get(k, 1.0) for k in KEYS)


def weights(settings: Settings) -> tuple[Fraction, ...]:
    """The weights as exact fractions (the configuration only admits finite weights)."""
    return tuple(Fraction(w) for w in configured_weights(settings))


def score_of(tally: Tally | list[int], w: tuple[Fraction, ...]) -> Fraction:
    """100 x the weighted mean of the indicators with a denominator and a weight (else 100)."""
    total = Fraction(0)
    acc = Fraction(0)
    for i, weight in enumerate(w):
        num, den = tally[2 * i], tally[2 * i + 1]
        if den == 0 or weight == 0:
            continue
        acc += weight * Fraction(num, den)
        total += weight
    return Fraction(100) if total == 0 else 100 * acc / total


def infrastructure_met(met: int, total: int) -> bool:
    """Common infrastructure used: met / total >= 0.9, exactly (an empty indicator is met)."""
    return total == 0 or Fraction(met, total) >= A_INFRASTRUCTURE


def classify(
    score: Fraction, infrastructure: Fraction | None, mandatory: bool = True
) -> Classification:
    """A when the mandatory elements are met, score >= 75 and common infrastructure used >= 0.9
    (an empty infrastructure indicator is met)."""
    met = infrastructure is None or infrastructure >= A_INFRASTRUCTURE
    return "A" if mandatory and score >= A_SCORE and met else "U"


def classify_tally(
    tally: Tally | list[int], w: tuple[Fraction, ...], mandatory: bool
) -> Classification:
    """:func:`classify` of a tally (infrastructure is indicator 1)."""
    infra = None if tally[3] == 0 else Fraction(tally[2], tally[3])
    return classify(score_of(tally, w), infra, mandatory)


def infrastructure_gap(met: int, total: int) -> int:
    """How many more (system, obligation) pairs must be met for met / total >= 0.9 (0 when so)."""
    return max(0, -((10 * met - 9 * total) // 10))
