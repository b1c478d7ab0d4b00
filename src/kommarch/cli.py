"""The command line: options -> one core call -> renderer -> exit code. Nothing else.

Heavy modules (pydantic, networkx, rich) are imported inside the commands that need them, so
``kommarch --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import os
import sys
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from kommarch import __version__
from kommarch.findings import Lang

app = typer.Typer(
    name="kommarch",
    help=(
        "Architecture inventory and audit for Danish municipal IT: duplicate data entry, "
        "missing integrations and gaps against the Fælleskommunal Rammearkitektur."
    ),
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


class ValidateFormat(enum.StrEnum):
    """Formats of ``validate``."""

    TEXT = "text"
    JSON = "json"
    GITHUB = "github"


class AuditFormat(enum.StrEnum):
    """Formats of ``audit``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"
    SARIF = "sarif"
    GITHUB = "github"


class CatalogueFormat(enum.StrEnum):
    """Formats of ``rules`` and ``catalog``."""

    TEXT = "text"
    JSON = "json"
    MARKDOWN = "markdown"


class GraphFormat(enum.StrEnum):
    """Formats of ``graph``."""

    MERMAID = "mermaid"
    DOT = "dot"
    GRAPHML = "graphml"
    JSON = "json"


class DiffFormat(enum.StrEnum):
    """Formats of ``diff``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    JSON = "json"


class FailOn(enum.StrEnum):
    """``--fail-on``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"
    NEVER = "never"


class LangOpt(enum.StrEnum):
    """``--lang``."""

    DA = "da"
    EN = "en"


PathArg = Annotated[Path, typer.Argument(help="Inventory directory or single YAML file.")]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Configuration file (default: kommarch.yaml in the inventory root)."
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the result to FILE instead of stdout.")
]
LangOption = Annotated[LangOpt | None, typer.Option("--lang", help="Language of the output.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Audit date YYYY-MM-DD (default: today).")
]


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"kommarch: {message}\n")
    raise typer.Exit(code)


def _color(output: Path | None, stream: object = None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _emit(text: str, output: Path | None) -> None:
    data = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_bytes(data)
    except OSError as exc:
        _fail(f"cannot write {output}: {exc.strerror}")
    sys.stderr.write(f"kommarch: wrote {output}\n")


def _as_of(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        _fail(f"--as-of must be a date YYYY-MM-DD, got '{value}'")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"kommarch {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """kommarch: where does the municipality's IT architecture fail its caseworkers?"""


@app.command()
def validate(
    path: PathArg,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.TEXT,
    config: ConfigOpt = None,
    output: OutputOpt = None,
) -> None:
    """Check the inventory and kommarch.yaml against the format (sections 1-3). Exit 0 or 2."""
    from kommarch.errors import UsageError
    from kommarch.pipeline import exit_code, validate, validation_report
    from kommarch.render import render

    try:
        report = validation_report(validate(path, config))
    except UsageError as exc:
        _fail(str(exc))
    _emit(render(report, fmt.value, color=_color(output)), output)
    raise typer.Exit(exit_code(report))


@app.command()
def audit(
    path: PathArg,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f")] = AuditFormat.TEXT,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None, typer.Option("--fail-on", help="Lowest severity that fails (exit 1).")
    ] = None,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings not in FILE.")
    ] = None,
    write_baseline: Annotated[
        Path | None, typer.Option("--write-baseline", help="Record the current findings in FILE.")
    ] = None,
) -> None:
    """Validate, then run every rule: findings, maturity score (A/U), recommendations."""
    from kommarch.errors import UsageError
    from kommarch.pipeline import audit, exit_code
    from kommarch.render import render

    try:
        report = audit(
            path,
            config=config,
            as_of=_as_of(as_of),
            lang=None if lang is None else lang.value,
            fail_on=None if fail_on is None else fail_on.value,
            baseline=baseline,
        )
        if write_baseline is not None:
            from kommarch.policy import write_baseline as write

            write(report.findings, write_baseline)
            sys.stderr.write(f"kommarch: wrote baseline {write_baseline}\n")
    except UsageError as exc:
        _fail(str(exc))
    _emit(render(report, fmt.value, color=_color(output)), output)
    raise typer.Exit(exit_code(report))


@app.command()
def report(
    path: PathArg,
    output: OutputOpt = None,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
) -> None:
    """Write the markdown gap report (same as audit --format markdown)."""
    from kommarch.errors import UsageError
    from kommarch.pipeline import audit, exit_code
    from kommarch.render import render

    try:
        result = audit(
            path, config=config, as_of=_as_of(as_of), lang=None if lang is None else lang.value
        )
    except UsageError as exc:
        _fail(str(exc))
    _emit(render(result, "markdown"), output)
    raise typer.Exit(2 if exit_code(result) == 2 else 0)


@app.command()
def rules(
    fmt: Annotated[CatalogueFormat, typer.Option("--format", "-f")] = CatalogueFormat.TEXT,
    lang: LangOption = None,
) -> None:
    """List every rule: code, name, severity, principle and summary."""
    from kommarch.render.rules import rules_json, rules_markdown, rules_text

    language: Lang = "da" if lang is None or lang is LangOpt.DA else "en"
    if fmt is CatalogueFormat.JSON:
        _emit(rules_json(), None)
    elif fmt is CatalogueFormat.MARKDOWN:
        _emit(rules_markdown(language), None)
    else:
        _emit(rules_text(language), None)


@app.command()
def explain(
    code: Annotated[str, typer.Argument(help="A rule code, e.g. KM201.")],
    lang: LangOption = None,
) -> None:
    """One rule's rationale, remediation and a failing and a passing example."""
    from kommarch.inventory.schemaerrors import suggest
    from kommarch.render.rules import explain_text, known_codes

    wanted = code.strip().upper()
    codes = known_codes()
    if wanted not in codes:
        _fail(f"unknown rule '{code}'{suggest(wanted, codes)}")
    _emit(explain_text(wanted, "da" if lang is None else lang.value), None)


@app.command()
def catalog(
    fmt: Annotated[CatalogueFormat, typer.Option("--format", "-f")] = CatalogueFormat.TEXT,
) -> None:
    """The built-in catalogue: registers, infrastructure, data objects and services."""
    from kommarch.render.catalogue import catalogue_json, catalogue_markdown, catalogue_text

    if fmt is CatalogueFormat.JSON:
        _emit(catalogue_json(), None)
    elif fmt is CatalogueFormat.MARKDOWN:
        _emit(catalogue_markdown(), None)
    else:
        _emit(catalogue_text(), None)


@app.command()
def schema(
    output_dir: Annotated[Path, typer.Option("--output-dir", help="Where to write the schemas.")],
) -> None:
    """Write JSON Schemas for inventory files and kommarch.yaml (for editors and CI)."""
    from kommarch.jsonschemas import write_schemas

    try:
        for written in write_schemas(output_dir):
            sys.stderr.write(f"kommarch: wrote {written}\n")
    except OSError as exc:
        _fail(f"cannot write schemas to {output_dir}: {exc.strerror}")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Directory for the starter inventory.")],
) -> None:
    """Write a small, commented starter inventory that validates."""
    from kommarch.starter import StarterExists, write_starter

    try:
        for written in write_starter(directory):
            sys.stderr.write(f"kommarch: wrote {written}\n")
    except StarterExists as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write to {directory}: {exc.strerror}")
    sys.stderr.write(f"kommarch: next: kommarch audit {directory}\n")


@app.command()
def graph(
    path: PathArg,
    fmt: Annotated[GraphFormat, typer.Option("--format", "-f")] = GraphFormat.MERMAID,
    system: Annotated[
        str | None, typer.Option("--system", help="Only this system's neighbourhood.")
    ] = None,
    depth: Annotated[int, typer.Option("--depth", min=0, help="Hops around --system.")] = 1,
    data: Annotated[
        str | None, typer.Option("--data", help="Only this data object's flow from its sources.")
    ] = None,
    config: ConfigOpt = None,
    output: OutputOpt = None,
) -> None:
    """Export the system/integration graph (Mermaid, Graphviz DOT, GraphML, node-link JSON)."""
    from kommarch.errors import UsageError
    from kommarch.graphexport import export_graph
    from kommarch.pipeline import validate

    try:
        v = validate(path, config)
        text = export_graph(v.inventory, fmt.value, system=system, depth=depth, data=data)
    except (UsageError, ValueError) as exc:
        _fail(str(exc))
    if any(f.rule < "KM100" for f in v.findings):
        sys.stderr.write(
            f"kommarch: the inventory has {len(v.findings)} validation errors; invalid entries "
            "are left out of the graph (run kommarch validate)\n"
        )
    _emit(text, output)


@app.command()
def diff(
    old: Annotated[
        Path | None, typer.Argument(help="The old inventory (or, with --git, the inventory path).")
    ] = None,
    new: Annotated[Path | None, typer.Argument(help="The new inventory.")] = None,
    git: Annotated[
        str | None, typer.Option("--git", help="REV1..REV2: compare two revisions of a repository.")
    ] = None,
    fmt: Annotated[DiffFormat, typer.Option("--format", "-f")] = DiffFormat.TEXT,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    output: OutputOpt = None,
    fail_on_new_errors: Annotated[
        bool,
        typer.Option(
            "--fail-on-new-errors", help="Exit 1 when the change introduces error findings."
        ),
    ] = False,
) -> None:
    """What a change does to the architecture: systems, integrations, flows, findings, score."""
    from kommarch.diff import diff_git, diff_inventories, render_diff
    from kommarch.errors import UsageError

    try:
        if git is not None:
            if new is not None:
                _fail("with --git give at most one path (the inventory inside the repository)")
            base = old or Path(".")
            result = diff_git(base, git, as_of=_as_of(as_of), config=config)
        else:
            if old is None or new is None:
                _fail("give two inventories (OLD NEW), or --git REV1..REV2 [PATH]")
            result = diff_inventories(old, new, as_of=_as_of(as_of), config=config)
    except UsageError as exc:
        _fail(str(exc))
    _emit(render_diff(result, fmt.value, result.lang if lang is None else lang.value), output)
    if fail_on_new_errors and result.introduced_errors:
        raise typer.Exit(1)


def main() -> None:
    """Console entry point: run the app; an unexpected error is a short message and exit 3."""
    try:
        app()
    except SystemExit:
        raise
    except KeyboardInterrupt:
        sys.stderr.write("kommarch: interrupted\n")
        sys.exit(130)
    except MemoryError:
        sys.stderr.write(
            "kommarch: not enough memory for this inventory (docs/performance.md, 'Limits')\n"
        )
        sys.exit(2)
    except OSError as exc:  # the environment, not a bug: a path that cannot be read or written
        where = f" {exc.filename}" if exc.filename is not None else ""
        sys.stderr.write(f"kommarch: cannot use{where}: {exc.strerror or exc}\n")
        sys.exit(2)
    except Exception as exc:  # the one place internal errors are caught
        sys.stderr.write(
            f"kommarch: internal error ({type(exc).__name__}); please report it with the "
            "command you ran. No inventory data is shown here.\n"
        )
        sys.exit(3)
