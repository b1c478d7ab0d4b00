"""The one place that sequences load -> validate -> graph -> rules -> score -> report.

The core never prints and never exits: bad input becomes findings; :class:`UsageError` is for
"cannot run at all" (a path that does not exist) and is turned into exit 2 by the CLI.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from kommarch import __version__
from kommarch.errors import UsageError, input_kind
from kommarch.findings import Finding, Lang, sort_findings
from kommarch.inventory.config import LoadedConfig, config_path, load_config
from kommarch.inventory.loader import discover, load_file
from kommarch.inventory.merge import Inventory, build_inventory
from kommarch.report import Report

T = TypeVar("T")


@contextmanager
def no_gc() -> Iterator[None]:
    """Run without the cyclic garbage collector.

    Inventories hold no reference cycles worth collecting; at 100,000 systems the collector
    costs more than half the run (docs/performance.md).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            # Re-enabling would make the next collection walk every object the run created
            # (seconds at 100,000 systems); freezing moves them out of the collector's sight.
            gc.freeze()
            gc.enable()


@dataclass(slots=True)
class Validated:
    """An inventory after sections 1-3, with its configuration and every KM0xx finding."""

    root: Path
    inventory: Inventory
    config: LoadedConfig
    findings: list[Finding]


def audit_codes() -> list[str]:
    """Every audit rule code (for checking the configuration)."""
    from kommarch.rules import REGISTRY

    return list(REGISTRY)


def validate(path: Path, config: Path | None = None) -> Validated:
    """Sections 1-3: discover, parse, validate, resolve references, check the configuration."""
    input_kind(path, "file or directory")
    if config is not None:
        input_kind(config, "configuration file", directory=False)
    problems: list[Finding] = []
    with no_gc():
        root, files = discover(path, problems)
        out_of_memory = False
        try:
            inventory, errors = build_inventory(str(path), [load_file(p, r) for p, r in files])
        except MemoryError:
            out_of_memory = True  # raised after the except block, which lets go of what was read
        if out_of_memory:
            raise UsageError(memory_message(path, files))
        cfg, cfg_errors = load_config(config_path(path, config), root, audit_codes())
    return Validated(root, inventory, cfg, sort_findings([*problems, *errors, *cfg_errors]))


def memory_message(path: Path, files: list[tuple[Path, str]]) -> str:
    """The message when an inventory does not fit in memory, naming its size."""
    size = 0
    for p, _ in files:
        try:
            size += p.stat().st_size
        except OSError:
            continue
    return (
        f"not enough memory to load the inventory {path} ({len(files):,} files, "
        f"{size / 1_000_000:,.1f} MB of YAML); kommarch needs about 12 times the size of the "
        "files in memory (docs/performance.md, 'Limits')"
    )


def validation_report(v: Validated) -> Report:
    """The report of ``kommarch validate``."""
    from kommarch.scoring import stats

    return Report(
        command="validate",
        tool_version=__version__,
        root=v.root.as_posix(),
        stats=stats(v.inventory),
        municipality=v.inventory.header,
        lang=_lang(v.config, None),
        findings=v.findings,
        catalogue_version=v.inventory.catalogue.version,
    )


def _lang(cfg: LoadedConfig, override: Lang | None) -> Lang:
    if override is not None:
        return override
    return "en" if cfg.config.lang == "en" else "da"


def audit(
    path: Path,
    config: Path | None = None,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    fail_on: str | None = None,
    baseline: Path | None = None,
) -> Report:
    """Validation plus every rule, maturity, recommendations, journeys and governance."""
    return audit_validated(validate(path, config), as_of, lang, fail_on, baseline)


def audit_validated(
    v: Validated,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    fail_on: str | None = None,
    baseline: Path | None = None,
) -> Report:
    """The audit of an inventory that :func:`validate` has already loaded."""
    from kommarch import policy, scoring
    from kommarch.graph import build_graph
    from kommarch.rules import REGISTRY, AuditContext

    day = as_of or dt.date.today()
    with no_gc():
        inv = v.inventory
        ctx = AuditContext(inv, build_graph(inv), v.config.config.settings, day)
        raw = sort_findings([f for rule in REGISTRY.values() for f in rule.check(ctx)])
        maturity = scoring.maturity(ctx, raw)
        findings, waivers = policy.apply_config(raw, v.config, inv, day)
        if baseline is not None:
            findings = policy.apply_baseline(findings, baseline)
        journeys = scoring.journeys(ctx)
        language = _lang(v.config, lang)
        report = Report(
            command="audit",
            tool_version=__version__,
            root=v.root.as_posix(),
            municipality=inv.header,
            lang=language,
            findings=sort_findings([*v.findings, *findings]),
            as_of=day,
            fail_on=fail_on or v.config.config.fail_on.value,
            catalogue_version=inv.catalogue.version,
            names=scoring.names(inv, language),
            stats=scoring.stats(inv),
            maturity=maturity,
            recommendations=scoring.recommendations(ctx, journeys),
            journeys=journeys,
            governance=scoring.governance(ctx),
            waivers=waivers,
            hotspots=scoring.hotspots(ctx, raw),
            lookup_seconds=ctx.settings.lookup_seconds,
            entry_seconds=ctx.settings.entry_seconds,
        )
    return report


def exit_code(report: Report) -> int:
    """Section 10: 2 invalid, 1 findings at or above ``fail_on``, else 0."""
    if report.invalid:
        return 2
    if report.fail_on == "never":
        return 0
    threshold = {"info": 0, "warning": 1, "error": 2}[report.fail_on]
    return 1 if any(not f.waived and f.severity.rank >= threshold for f in report.findings) else 0


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Call ``fn`` and return its result and the seconds it took (for the benchmark)."""
    import time

    start = time.perf_counter()
    result = fn()
    return result, time.perf_counter() - start
