"""The one place that sequences load -> validate -> graph -> rules -> score -> report.

The core never prints and never exits: bad input becomes findings; :class:`UsageError` is for
"cannot run at all" (a path that does not exist) and is turned into exit 2 by the CLI.
"""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kommarch import __version__, policy, scoring
from kommarch.errors import UsageError, input_kind
from kommarch.findings import Finding, Lang, Severity, sort_findings
from kommarch.graph import build_graph
from kommarch.inventory.config import LoadedConfig, config_path, load_config
from kommarch.inventory.loader import discover, load_file
from kommarch.inventory.merge import Inventory, build_inventory
from kommarch.inventory.roots import enclosing_root, refuse_config_file
from kommarch.paths import anchors_for
from kommarch.progress import SILENT, Phase, Progress
from kommarch.report import Report
from kommarch.rules import REGISTRY, AuditContext
from kommarch.rules.cascade import without_cascades


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
    part_of: Path | None = None  # a single file given as PATH: the inventory folder it lies in


def audit_codes() -> list[str]:
    """Every audit rule code (for checking the configuration)."""
    return list(REGISTRY)


def validate(path: Path, config: Path | None = None, progress: Progress = SILENT) -> Validated:
    """Sections 1-3: discover, parse, validate, resolve references, check the configuration."""
    input_kind(path, "file or directory")
    refuse_config_file(path)
    if config is not None:
        input_kind(config, "configuration file", directory=False)
    problems: list[Finding] = []
    with no_gc():
        root, files = discover(path, problems)
        progress.phase(Phase.READ, len(files))
        out_of_memory = False
        try:
            loaded = []
            for p, rel in files:
                loaded.append(load_file(p, rel))
                progress.advance()
            progress.phase(Phase.VALIDATE)
            inventory, errors = build_inventory(str(path), loaded)
        except MemoryError:
            out_of_memory = True  # raised after the except block, which lets go of what was read
        if out_of_memory:
            loaded = []
            raise UsageError(memory_message(path, files))
        cfg, cfg_errors = load_config(config_path(path, config), root, audit_codes())
    part_of = enclosing_root(path) if path.is_file() else None
    findings = sort_findings([*problems, *errors, *cfg_errors])
    return Validated(root, inventory, cfg, findings, part_of)


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


def validation_report(v: Validated, lang: Lang | None = None) -> Report:
    """The report of ``kommarch validate`` (in ``lang``, default the configured language)."""
    return Report(
        command="validate",
        tool_version=__version__,
        root=v.root.as_posix(),
        stats=scoring.stats(v.inventory),
        municipality=v.inventory.header,
        lang=_lang(v.config, lang),
        findings=v.findings,
        catalogue_version=v.inventory.catalogue.version,
        anchors=anchors_for(v.root),
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
    progress: Progress = SILENT,
) -> Report:
    """Validation plus every rule, maturity, recommendations, journeys and governance."""
    v = validate(path, config, progress)
    return audit_validated(v, as_of, lang, fail_on, baseline, progress)


def audit_validated(
    v: Validated,
    as_of: dt.date | None = None,
    lang: Lang | None = None,
    fail_on: str | None = None,
    baseline: Path | None = None,
    progress: Progress = SILENT,
) -> Report:
    """The audit of an inventory that :func:`validate` has already loaded."""
    day = as_of or dt.date.today()
    with no_gc():
        inv = v.inventory
        progress.phase(Phase.GRAPH)
        ctx = AuditContext(inv, build_graph(inv), v.config.config.settings, day)
        progress.phase(Phase.RULES, len(REGISTRY))
        found: list[Finding] = []
        for rule in REGISTRY.values():
            found.extend(rule.check(ctx))
            progress.advance()
        raw = without_cascades(sort_findings(found), inv, v.findings)
        configured, waivers = policy.apply_config(raw, v.config, inv, day)
        findings, hidden = configured, 0
        if baseline is not None:  # a baseline hides known findings; it never changes the score
            findings = policy.apply_baseline(configured, baseline)
            hidden = len(configured) - len(findings)
        progress.phase(Phase.SCORE)
        journeys = scoring.journeys(ctx)
        recommendations = scoring.recommendations(ctx, journeys)
        invalid = validation_errors(v.findings)
        hours = {(r.system, r.object): r.hours_per_year for r in recommendations}
        language = _lang(v.config, lang)
        settings = ctx.settings
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
            maturity=None if invalid else scoring.maturity(ctx, raw, configured, hours),
            recommendations=recommendations,
            journeys=journeys,
            governance=scoring.governance(ctx),
            waivers=waivers,
            hotspots=scoring.hotspots(ctx, raw),
            lookup_seconds=settings.lookup_seconds,
            entry_seconds=settings.entry_seconds,
            hourly_cost=settings.hourly_cost,
            fte_hours=settings.fte_hours,
            not_computed=invalid or None,
            kle_titles=scoring.kle_titles(inv),
            anchors=anchors_for(v.root),
            contacts=scoring.contacts(inv),
            baseline_hidden=hidden,
        )
    return report


def validation_errors(findings: list[Finding]) -> int:
    """How many validation errors (KM001-KM006) there are: any one means no score (section 13)."""
    return sum(f.rule < "KM100" and f.severity is Severity.ERROR for f in findings)


def exit_code(report: Report) -> int:
    """Section 10: 2 invalid, 1 findings at or above ``fail_on``, else 0."""
    if report.invalid:
        return 2
    if report.fail_on == "never":
        return 0
    threshold = {"info": 0, "warning": 1, "error": 2}[report.fail_on]
    return 1 if any(not f.waived and f.severity.rank >= threshold for f in report.findings) else 0
