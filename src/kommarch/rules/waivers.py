"""Waivers (dispensationsregistret): expired and unused waivers in ``kommarch.yaml``.

These classes carry the metadata only; their findings come from
:func:`kommarch.policy.apply_config`, which is where waivers are matched against findings. Their
examples are ``kommarch.yaml`` snippets; the comment in each says what the inventory holds.
"""

from __future__ import annotations

from collections.abc import Iterable

from kommarch.findings import Finding, Severity, Text
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule

_GROUP = Text("Dispensationer", "Waivers")
_SUBJECTS = Text("regel, første emne", "rule code, first subject")
_INVENTORY = "# kommarch.yaml; the inventory has an in-use system 'booking' without owner (KM401)\n"


class WaiverExpired(Rule):
    """A waiver's expiry date has passed: it silences nothing, and its findings are back."""

    code = "KM901"
    name = "waiver-expired"
    severity = Severity.ERROR
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.PRINCIPLES
    group = _GROUP
    subjects = _SUBJECTS
    title = Text("En dispensation er udløbet", "A waiver has expired")
    rationale = Text(
        "Følg eller forklar: en dispensation er en tidsbegrænset, godkendt afvigelse. Når den "
        "udløber, skal afvigelsen være rettet, eller dispensationen fornyes af dem, der "
        "godkendte den.",
        "Comply or explain: a waiver is an approved deviation for a limited time. When it "
        "expires, the deviation must be fixed or the waiver renewed by those who approved it.",
    )
    remediation = Text(
        "Ret forholdet, eller få dispensationen fornyet og sæt en ny expires-dato.",
        "Fix the finding, or have the waiver renewed and set a new expires date.",
    )
    failing_example = (
        _INVENTORY
        + """\
waivers:
  - rule: KM401
    subjects: [booking]
    reason: Ejer udpeges ved omorganiseringen
    approved_by: IT-styregruppen
    expires: 2020-01-01
"""
    )
    passing_example = (
        _INVENTORY
        + """\
waivers:
  - rule: KM401
    subjects: [booking]
    reason: Ejer udpeges ved omorganiseringen
    approved_by: IT-styregruppen
    expires: 2099-12-31
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Nothing: :mod:`kommarch.policy` produces KM901 when it applies the waivers."""
        return ()


class WaiverUnused(Rule):
    """A waiver matches no finding: it is obsolete or names the wrong subjects."""

    code = "KM902"
    name = "waiver-unused"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.NONE
    principle = Principle.P1
    section = ReportSection.DATA_QUALITY
    group = _GROUP
    subjects = _SUBJECTS
    title = Text("En dispensation dækker ingen forhold", "A waiver matches no finding")
    rationale = Text(
        "Et dispensationsregister skal afspejle de afvigelser, der faktisk findes; en "
        "dispensation, der ikke dækker noget forhold, er forældet eller stavet forkert og skjuler "
        "måske intet af det, den skulle.",
        "A register of waivers must reflect the deviations that actually exist; a waiver with "
        "no finding is obsolete or misspelt and may hide nothing of what it was meant to.",
    )
    remediation = Text(
        "Fjern dispensationen, eller ret regel og emner, så de svarer til forholdet.",
        "Remove the waiver, or correct its rule and subjects to match the finding.",
    )
    failing_example = (
        _INVENTORY
        + """\
waivers:
  - rule: KM401
    subjects: [lokalebooking]
    reason: Ejer udpeges ved omorganiseringen
    approved_by: IT-styregruppen
"""
    )
    passing_example = (
        _INVENTORY
        + """\
waivers:
  - rule: KM401
    subjects: [booking]
    reason: Ejer udpeges ved omorganiseringen
    approved_by: IT-styregruppen
"""
    )

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """Nothing: :mod:`kommarch.policy` produces KM902 when it applies the waivers."""
        return ()


RULES: tuple[type[Rule], ...] = (WaiverExpired, WaiverUnused)
