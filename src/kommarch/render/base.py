"""The renderer interface and the small vocabulary every format shares (both languages).

A renderer maps a :class:`~kommarch.report.Report` to text and sees nothing else: the report,
the rule metadata (:mod:`kommarch.render.rules`) and ``kommarch.__version__``. Numbers shown to
people are formatted here, once, per language (Danish uses a decimal comma).
"""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from typing import ClassVar

from kommarch.findings import Counts, Lang, Severity, Text, thousands
from kommarch.report import Maturity, Report


class Renderer(ABC):
    """One output format. ``render`` returns the complete output, ending in a newline."""

    name: ClassVar[str]

    def __init__(self, *, color: bool = False, width: int = 100) -> None:
        self.color = color
        self.width = width

    @abstractmethod
    def render(self, report: Report) -> str:
        """The whole output for ``report``, ending in ``"\\n"``."""


SEVERITY_LABEL: dict[Severity, Text] = {
    Severity.ERROR: Text("fejl", "error"),
    Severity.WARNING: Text("advarsel", "warning"),
    Severity.INFO: Text("info", "info"),
}

WAIVED = Text("dispenseret", "waived")


def num(value: float, lang: Lang, digits: int = 1) -> str:
    """``value`` with ``digits`` decimals, with a decimal comma in Danish."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if lang == "da" else text


def floor1(value: float) -> float:
    """``value`` rounded *down* to one decimal: how every format shows a score or a share, so a
    U-kommune at 74.96 never reads as 75.0 (and all formats show the same number)."""
    return math.floor(value * 10 + 1e-9) / 10


def ceil1(value: float) -> float:
    """``value`` rounded *up* to one decimal (a distance still to go never reads as 0.0)."""
    return math.ceil(value * 10 - 1e-9) / 10


def score_text(value: float, lang: Lang) -> str:
    """A score for display: one decimal, rounded down, with the language's decimal mark."""
    return num(floor1(value), lang)


def pct(value: float | None, lang: Lang) -> str:
    """A fraction as a whole percentage, rounded down (``"80%"``, Danish ``"80 %"``)."""
    if value is None:
        return "–"
    whole = math.floor(value * 100 + 1e-9)
    return f"{whole} %" if lang == "da" else f"{whole}%"


def plural(n: int, one: Text, many: Text, lang: Lang) -> str:
    """``"1 error"``, ``"2 errors"``: ``n`` with the singular or plural noun."""
    return f"{n} {(one if n == 1 else many).get(lang)}"


_COUNT_WORDS: tuple[tuple[str, Text, Text], ...] = (
    ("errors", Text("fejl", "error"), Text("fejl", "errors")),
    ("warnings", Text("advarsel", "warning"), Text("advarsler", "warnings")),
    ("info", Text("info", "info"), Text("info", "info")),
    ("waived", Text("dispenseret", "waived"), Text("dispenserede", "waived")),
)

FILES = (Text("fil", "file"), Text("filer", "files"))


def counts_phrase(counts: Counts, lang: Lang) -> str:
    """``"3 errors, 2 warnings, 1 info, 1 waived"`` (every count, zeros included)."""
    return ", ".join(
        plural(getattr(counts, attr), one, many, lang) for attr, one, many in _COUNT_WORDS
    )


def not_computed_text(errors: int, lang: Lang) -> str:
    """What stands where the score would: ``"not computed: 3 validation errors"``."""
    if lang == "da":
        return f"ikke beregnet: {errors} valideringsfejl"
    return f"not computed: {errors} validation error{'' if errors == 1 else 's'}"


def money(hours: float, hourly_cost: float, lang: Lang) -> str:
    """Hours in whole kroner for people: ``"123.450 kr."`` (Danish) or ``"DKK 123,450"``."""
    kroner = thousands(hours * hourly_cost, lang)
    return f"{kroner} kr." if lang == "da" else f"DKK {kroner}"


def fte(hours: float, fte_hours: float, lang: Lang) -> str:
    """Hours in full-time equivalents, two decimals: ``"0,45 årsværk"`` / ``"0.45 FTE"``."""
    return f"{num(hours / fte_hours, lang, 2)} {'årsværk' if lang == 'da' else 'FTE'}"


def classification_label(maturity: Maturity) -> str:
    """``"Digital A-kommune"`` or ``"Digital U-kommune"`` (the same in both languages)."""
    return f"Digital {maturity.classification}-kommune"


def distance_phrase(maturity: Maturity, lang: Lang) -> str:
    """What is still missing to reach A, or that the A criteria are met."""
    parts: list[str] = []
    if maturity.distance_to_a > 0:
        points = num(ceil1(maturity.distance_to_a), lang)
        parts.append(f"{points} point fra A" if lang == "da" else f"{points} points to A")
    if maturity.infrastructure_gap > 0:
        n = maturity.infrastructure_gap
        if lang == "da":
            parts.append(f"{n} tilfælde mere med brug af den fælleskommunale infrastruktur")
        else:
            noun = "case" if n == 1 else "cases"
            parts.append(f"{n} more {noun} using the common infrastructure")
    if not maturity.mandatory_met:
        parts.append(
            "de obligatoriske elementer er ikke opfyldt"
            if lang == "da"
            else "the mandatory elements are not met"
        )
    if not parts:
        return "opfylder kravene til A" if lang == "da" else "meets the A criteria"
    return "; ".join(parts)


def municipality_label(report: Report) -> str | None:
    """``"Eksempel Kommune (999)"``, the name or the code alone, or None when neither is known."""
    m = report.municipality
    if m.name and m.code:
        return f"{m.name} ({m.code})"
    return m.name or m.code or None
