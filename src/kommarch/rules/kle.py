"""KM311: a KLE number that the bundled KLE catalogue does not know (a hint, never an error).

KLE numbers are validated for their form (``NN``, ``NN.NN``, ``NN.NN.NN``) by the schema; whether
a number exists is a question for KL's Emnesystematik, which grows: Barnets Lov (2024) added
numbers after the bundled catalogue (reference version 2022-05-01, :mod:`kommarch.kle`). So a
number the catalogue lacks is an info-level hint to check it, and the inventory stays valid.
Audited systems (in-use and phasing-out) and every process are checked. FDA principle 6: a
common classification is only shared when everyone uses its numbers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from kommarch.findings import Finding, Severity, Text, dates
from kommarch.inventory.merge import Entry
from kommarch.kle import kle
from kommarch.rules.base import AuditContext, Cascade, Principle, ReportSection, Rule
from kommarch.rules.hints import INFRASTRUCTURE_GROUP


class UnknownKleNumber(Rule):
    """A KLE number is not in the bundled KLE catalogue (check it; newer numbers are fine)."""

    code = "KM311"
    name = "unknown-kle-number"
    severity = Severity.INFO
    feeds = ()
    cascade = Cascade.IDS
    principle = Principle.P6
    section = ReportSection.DATA_QUALITY
    group = INFRASTRUCTURE_GROUP
    subjects = Text("system eller arbejdsgang, KLE-nummer", "system or process, KLE number")
    title = Text(
        "Et KLE-nummer på et system eller en arbejdsgang findes ikke i det medfølgende "
        "KLE-katalog (udgaven fra 1. maj 2022)",
        "A KLE number on a system or process is not in the bundled KLE catalogue "
        "(the version of 1 May 2022)",
    )
    rationale = Text(
        "KLE er den fælles klassifikation af kommunens opgaver; et nummer, der ikke findes, "
        "gør sager og systemer svære at finde på tværs. Nyere numre (fx efter Barnets Lov "
        "2024) er i orden: kataloget i kommarch er fra 2022 (princip 6, AR 6.1).",
        "KLE is the common classification of the municipality's tasks; a number that does not "
        "exist makes cases and systems hard to find across systems. Newer numbers (e.g. after "
        "Barnets Lov 2024) are fine: kommarch's catalogue is from 2022 (principle 6, AR 6.1).",
    )
    remediation = Text(
        "Kontrollér nummeret i KLE-Online (kle-online.dk); ret det, hvis det er en tastefejl.",
        "Check the number in KLE-Online (kle-online.dk); correct it if it is a typo.",
    )
    failing_example = """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, kle: ["32.24.99"]}
"""
    passing_example = """systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, kle: ["32.24.04"]}
"""

    def check(self, ctx: AuditContext) -> Iterable[Finding]:
        """One finding per (system or process, KLE number) the catalogue does not know."""
        catalogue = kle()
        version = dates(dt.date.fromisoformat(catalogue.version))  # "1. maj 2022"
        systems = ctx.inventory.systems
        for sid in ctx.graph.audited:
            name = systems[sid].model.name
            yield from self._entry(sid, Text.same(name), systems[sid], catalogue.titles, version)
        for pid, p in ctx.inventory.processes.items():
            name = p.model.name
            label = Text(f"Arbejdsgangen {name}", f"The process {name}")
            yield from self._entry(pid, label, p, catalogue.titles, version)

    def _entry(
        self,
        ident: str,
        label: Text,
        entry: Entry[Any],
        titles: dict[str, str],
        version: Text,
    ) -> Iterable[Finding]:
        numbers: list[str] = entry.model.kle
        for i, number in enumerate(numbers):
            if number in titles:
                continue
            yield self.finding(
                (ident, number),
                Text(
                    f"{label.da} har KLE-nummeret {number}, som ikke findes i KLE-kataloget fra "
                    f"{version.da}; kontrollér det (nyere numre er i orden)",
                    f"{label.en} has KLE number {number}, which is not in the KLE catalogue of "
                    f"{version.en}; check it (newer numbers are fine)",
                ),
                entry.value_loc("kle", i),
            )


RULES: tuple[type[Rule], ...] = (UnknownKleNumber,)
