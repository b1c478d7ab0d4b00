"""Municipalities side by side: ``kommarch compare INV1 INV2 …`` (issue 11).

Each inventory is audited in its own process (:class:`~concurrent.futures.ProcessPoolExecutor`,
one worker per core); a worker sends back a small :class:`Summary`, never the whole report. The
summaries are ranked by score (invalid inventories are listed as not computed and never ranked),
and the comparison adds the spread of every indicator and what the A-kommuner do that the
U-kommuner do not.

Everything this module reads from a :class:`~kommarch.report.Report` goes through
:func:`verdict`, the one adapter between the audit's maturity model and the comparison.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
from collections.abc import Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path

from kommarch.errors import UsageError
from kommarch.findings import Text
from kommarch.report import Classification, Report

HOURLY_COST = 450.0
"""Kroner per caseworker hour, overhead included (contract section 7, ``settings.hourly_cost``)."""


@dataclass(frozen=True, slots=True)
class Indicator:
    """One maturity indicator of one municipality."""

    key: str
    name: Text
    numerator: int
    denominator: int

    @property
    def value(self) -> float | None:
        """The share, or None when there is nothing to measure."""
        return None if self.denominator == 0 else self.numerator / self.denominator


@dataclass(frozen=True, slots=True)
class Mandatory:
    """A mandatory element and whether the municipality meets it."""

    key: str
    name: Text
    met: bool


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the comparison reads of an audit's maturity: see :func:`verdict`."""

    score: float | None
    classification: Classification | None
    not_computed: int | None  # the number of validation errors when the score is not computed
    indicators: tuple[Indicator, ...]
    mandatory: tuple[Mandatory, ...]
    top_gap: Text | None
    hours: float | None  # caseworker hours lost a year (known journeys), None when unknown
    hourly_cost: float = HOURLY_COST  # settings.hourly_cost of that municipality


def verdict(report: Report) -> Verdict:
    """The one adapter from a :class:`Report` to what the comparison needs.

    An inventory with validation errors is not scored (contract section 13): the comparison
    lists it with the number of errors and never ranks it.
    """
    m = report.maturity
    known = [j.hours_per_year for j in report.journeys if j.hours_per_year is not None]
    hours = sum(known) if known else None
    cost = report.hourly_cost
    if report.not_computed is not None or m is None:
        invalid = report.not_computed or sum(f.rule < "KM100" for f in report.findings)
        return Verdict(None, None, invalid, (), (), None, hours, cost)
    indicators = tuple(Indicator(i.key, i.name, i.numerator, i.denominator) for i in m.indicators)
    mandatory = tuple(Mandatory(e.rule, e.name, e.met) for e in m.mandatory)
    if m.path_to_a:
        top: Text | None = m.path_to_a[0].action
    else:
        top = m.levers[0].text if m.levers else None
    return Verdict(m.score, m.classification, None, indicators, mandatory, top, hours, cost)


@dataclass(frozen=True, slots=True)
class Summary:
    """One municipality in the comparison: small and picklable (a worker's whole answer)."""

    path: str  # the inventory as given (POSIX)
    name: str  # the municipality's name, or the path when it has none
    code: str | None
    verdict: Verdict
    systems: int
    errors: int  # unwaived error findings
    rank: int | None = None  # 1 = highest score; None when not computed

    @property
    def kroner(self) -> float | None:
        """The hours lost, in kroner (the municipality's ``settings.hourly_cost`` an hour)."""
        h = self.verdict.hours
        return None if h is None else h * self.verdict.hourly_cost


@dataclass(frozen=True, slots=True)
class Spread:
    """The lowest, median and highest share of one indicator over the computed municipalities."""

    key: str
    name: Text
    low: float
    median: float
    high: float
    count: int


@dataclass(frozen=True, slots=True)
class Difference:
    """An indicator's mean share among the A-kommuner and among the U-kommuner."""

    key: str
    name: Text
    a_mean: float
    u_mean: float

    @property
    def gap(self) -> float:
        """How far ahead the A-kommuner are (share points, 0-1)."""
        return self.a_mean - self.u_mean


@dataclass(frozen=True, slots=True)
class Comparison:
    """The whole comparison: ranked rows, then the not computed ones; spread; differences."""

    rows: tuple[Summary, ...]
    spread: tuple[Spread, ...]
    differences: tuple[Difference, ...]
    as_of: dt.date
    anonymised: bool = False

    @property
    def ranked(self) -> tuple[Summary, ...]:
        """The municipalities with a score, best first."""
        return tuple(r for r in self.rows if r.rank is not None)

    @property
    def not_computed(self) -> tuple[Summary, ...]:
        """The invalid inventories, in the order given."""
        return tuple(r for r in self.rows if r.rank is None)


def _holds_inventory(directory: Path) -> bool:
    return any(
        p.is_file() and p.suffix in (".yaml", ".yml") and p.name != "kommarch.yaml"
        for p in directory.iterdir()
        if not p.name.startswith(".")
    )


def expand(paths: Iterable[Path]) -> list[Path]:
    """Each path as an inventory; a directory without YAML files of its own stands for its
    subdirectories (sorted, hidden ones skipped). Raises :class:`UsageError` for a missing path,
    a path given twice, or nothing to compare."""
    out: list[Path] = []
    for path in paths:
        if not path.exists():
            raise UsageError(f"no such file or directory: {path}")
        if path.is_dir() and not _holds_inventory(path):
            subs = sorted(p for p in path.iterdir() if p.is_dir() and not p.name.startswith("."))
            if not subs:
                raise UsageError(f"{path} holds neither an inventory nor inventory directories")
            out.extend(subs)
        else:
            out.append(path)
    seen: set[Path] = set()
    for p in out:
        key = p.resolve()
        if key in seen:
            raise UsageError(f"{p} is given twice")
        seen.add(key)
    if not out:
        raise UsageError("give at least one inventory")
    return out


def summarise(path: str, as_of: dt.date) -> Summary:
    """Audit one inventory and keep what the comparison needs (runs in a worker process)."""
    from kommarch.pipeline import audit

    report = audit(Path(path), as_of=as_of)
    v = verdict(report)
    m = report.municipality
    return Summary(
        path=path,
        name=m.name or path,
        code=m.code,
        verdict=v,
        systems=report.stats.systems if report.stats else 0,
        errors=report.counts.errors,
    )


def _run(paths: list[str], as_of: dt.date, workers: int) -> list[Summary]:
    if workers <= 1 or len(paths) == 1:
        return [summarise(p, as_of) for p in paths]
    # Import the audit before the pool starts: forked workers then share the loaded modules.
    import kommarch.pipeline
    import kommarch.rules  # noqa: F401

    with ProcessPoolExecutor(max_workers=min(workers, len(paths))) as pool:
        return list(pool.map(summarise, paths, [as_of] * len(paths)))


def letters(n: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: spreadsheet column letters."""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("A") + r) + out
    return out


def anonymise(rows: Sequence[Summary]) -> list[Summary]:
    """ "Kommune A, B, …" in the order given (not by score), no code, no path."""
    return [
        replace(r, name=f"Kommune {letters(i)}", code=None, path=f"kommune-{letters(i).lower()}")
        for i, r in enumerate(rows)
    ]


def _rank(rows: list[Summary]) -> list[Summary]:
    scored = [r for r in rows if r.verdict.score is not None]
    scored.sort(key=lambda r: (-(r.verdict.score or 0.0), r.verdict.classification or "", r.name))
    ranked = [replace(r, rank=i) for i, r in enumerate(scored, start=1)]
    return ranked + [r for r in rows if r.verdict.score is None]


def _indicator_names(rows: Sequence[Summary]) -> dict[str, Text]:
    names: dict[str, Text] = {}
    for r in rows:
        for i in r.verdict.indicators:
            names.setdefault(i.key, i.name)
    return names


def _values(rows: Sequence[Summary], key: str) -> list[float]:
    return [
        v for r in rows for i in r.verdict.indicators if i.key == key and (v := i.value) is not None
    ]


def spread(rows: Sequence[Summary]) -> tuple[Spread, ...]:
    """Min, median and max of every indicator over the municipalities where it measures."""
    out: list[Spread] = []
    for key, name in _indicator_names(rows).items():
        values = _values(rows, key)
        if values:
            out.append(
                Spread(key, name, min(values), statistics.median(values), max(values), len(values))
            )
    return tuple(out)


def differences(rows: Sequence[Summary]) -> tuple[Difference, ...]:
    """Each indicator's mean among A-kommuner and U-kommuner, largest lead of A first; empty
    unless both groups exist."""
    a = [r for r in rows if r.verdict.classification == "A"]
    u = [r for r in rows if r.verdict.classification == "U"]
    if not a or not u:
        return ()
    out: list[Difference] = []
    for key, name in _indicator_names(rows).items():
        av, uv = _values(a, key), _values(u, key)
        if av and uv:
            out.append(Difference(key, name, statistics.fmean(av), statistics.fmean(uv)))
    out.sort(key=lambda d: (-d.gap, d.key))
    return tuple(out)


def compare(
    paths: Iterable[Path],
    as_of: dt.date | None = None,
    *,
    anonymised: bool = False,
    workers: int | None = None,
) -> Comparison:
    """Audit every inventory (in parallel), rank them and compare their indicators."""
    day = as_of or dt.date.today()
    inventories = [p.as_posix() for p in expand(paths)]
    rows = _run(inventories, day, workers if workers is not None else (os.cpu_count() or 1))
    if anonymised:
        rows = anonymise(rows)
    ranked = _rank(rows)
    scored = [r for r in ranked if r.rank is not None]
    return Comparison(tuple(ranked), spread(scored), differences(scored), day, anonymised)
