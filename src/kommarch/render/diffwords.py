"""The vocabulary of the diff output in Danish and English, and small shared formatters."""

from __future__ import annotations

from kommarch.diff.model import InventoryDiff, Side
from kommarch.findings import Lang, Text
from kommarch.render.base import num

WORDS: dict[str, Text] = {
    "title": Text("kommarch diff", "kommarch diff"),
    "old": Text("før", "before"),
    "new": Text("efter", "after"),
    "before": Text("Før", "Before"),
    "after": Text("Efter", "After"),
    "score": Text("Score", "Score"),
    "findings": Text("forhold", "findings"),
    "errors": Text("fejl", "errors"),
    "warnings": Text("advarsler", "warnings"),
    "info": Text("info", "info"),
    "unchanged": Text("Ingen ændringer.", "No changes."),
    "invalid": Text("ugyldig", "invalid"),
    "introduced": Text("Nye forhold", "Findings introduced"),
    "resolved": Text("Løste forhold", "Findings resolved"),
    "waived": Text("Nye dispensationer", "Newly waived findings"),
    "unwaived": Text("Forhold uden dispensation igen", "Findings no longer waived"),
    "systems": Text("Systemer", "Systems"),
    "integrations": Text("Integrationer", "Integrations"),
    "data_flows": Text("Data i systemerne", "Data flows"),
    "added": Text("tilføjet", "added"),
    "removed": Text("fjernet", "removed"),
    "renamed": Text("omdøbt", "renamed"),
    "changed": Text("ændret", "changed"),
    "was": Text("tidligere", "was"),
    "severity": Text("Alvor", "Severity"),
    "rule": Text("Regel", "Rule"),
    "subjects": Text("Emner", "Subjects"),
    "message": Text("Besked", "Message"),
    "location": Text("Sted", "Location"),
    "change": Text("Ændring", "Change"),
    "system": Text("System", "System"),
    "name": Text("Navn", "Name"),
    "details": Text("Detaljer", "Details"),
    "integration": Text("Integration", "Integration"),
    "route": Text("Fra → til", "From → to"),
    "data": Text("Data", "Data"),
    "object": Text("Dataobjekt", "Data object"),
    "absent": Text("(ingen)", "(none)"),
    "rows_left_out": Text("rækker udeladt", "rows left out"),
    "cut": Text(
        "Kommentaren er forkortet: {n} rækker er udeladt; kør `kommarch diff` lokalt for det hele.",
        "The comment is shortened: {n} rows are left out; run "
        "`kommarch diff` locally for everything.",
    ),
}


def word(key: str, lang: Lang) -> str:
    """``WORDS[key]`` in ``lang``."""
    return WORDS[key].get(lang)


def score(side: Side, lang: Lang) -> str:
    """``"62,5 (Digital U-kommune)"``, or ``"–"`` without a score."""
    if side.score is None:
        return "–"
    label = f"Digital {side.classification}-kommune" if side.classification else ""
    return f"{num(side.score, lang)} ({label})" if label else num(side.score, lang)


def counts_change(d: InventoryDiff, lang: Lang) -> str:
    """``"errors 5 → 4, warnings 10 → 12, info 3 → 3"`` (unwaived findings)."""
    pairs = (
        ("errors", d.old.counts.errors, d.new.counts.errors),
        ("warnings", d.old.counts.warnings, d.new.counts.warnings),
        ("info", d.old.counts.info, d.new.counts.info),
    )
    return ", ".join(f"{word(k, lang)} {a} → {b}" for k, a, b in pairs)


def new_errors(n: int, lang: Lang) -> str:
    """``"1 new error"``, ``"2 nye fejl"``."""
    if lang == "da":
        return f"{n} {'ny' if n == 1 else 'nye'} fejl"
    return f"{n} new {'error' if n == 1 else 'errors'}"


def value(text: str | None, lang: Lang) -> str:
    """A changed field's value as shown; ``(none)`` for an absent field."""
    return word("absent", lang) if text is None else text
