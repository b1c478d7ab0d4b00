"""The command line: options -> one core call -> renderer -> exit code. Nothing else.

Heavy modules (pydantic, networkx, rich) are imported inside the commands that need them, so
``kommarch --version`` and ``--help`` start fast.
"""

from __future__ import annotations

import datetime as dt
import enum
import functools
import os
import shutil
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from kommarch import __version__
from kommarch.errors import UsageError
from kommarch.findings import Lang
from kommarch.progress import SILENT, Phase, Progress

if TYPE_CHECKING:
    from kommarch.landscape import Diagram
    from kommarch.pipeline import Validated
    from kommarch.report import Report

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
    GITLAB = "gitlab"


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


class ReportFormat(enum.StrEnum):
    """Formats of ``report``."""

    MARKDOWN = "markdown"
    HTML = "html"


class CompareFormat(enum.StrEnum):
    """Formats of ``compare``."""

    TEXT = "text"
    MARKDOWN = "markdown"
    HTML = "html"
    JSON = "json"
    CSV = "csv"


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


class ImportFormat(enum.StrEnum):
    """Formats of ``import kitos``."""

    TEXT = "text"
    JSON = "json"


import_app = typer.Typer(
    help="Create or update an inventory from another register (OS2 KITOS).",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(import_app, name="import")

PathArg = Annotated[Path, typer.Argument(help="Inventory directory or single YAML file.")]
RootArg = Annotated[
    Path | None,
    typer.Argument(
        help="Inventory directory or single YAML file (default: the folder with kommarch.yaml: "
        "the current one, or the one below it).",
        show_default=False,
    ),
]
QuietOpt = Annotated[
    bool, typer.Option("--quiet", "-q", help="Nothing on stderr but errors (no progress, notes).")
]
ConfigOpt = Annotated[
    Path | None,
    typer.Option(
        "--config", help="Configuration file (default: kommarch.yaml in the inventory root)."
    ),
]
WidthOpt = Annotated[
    int | None,
    typer.Option(
        "--width",
        min=40,
        help="Columns of the text output (default: COLUMNS, the terminal's width, or 100).",
    ),
]
OutputOpt = Annotated[
    Path | None, typer.Option("--output", "-o", help="Write the result to FILE instead of stdout.")
]
LangOption = Annotated[LangOpt | None, typer.Option("--lang", help="Language of the output.")]
AsOfOpt = Annotated[
    str | None, typer.Option("--as-of", help="Audit date YYYY-MM-DD (default: today).")
]


_CONTROLS = {c: f"\\x{c:02x}" for c in (*range(0x20), 0x7F)} | {
    c: f"\\u{c:04x}" for c in range(0x80, 0xA0)
}
"""Control characters as escapes: an option value quoted in a message (``--system``, a rule
code) cannot move the terminal's cursor, colour it, or forge a line of a CI log."""


def _fail(message: str, code: int = 2) -> NoReturn:
    sys.stderr.write(f"kommarch: {message.translate(_CONTROLS)}\n")
    raise typer.Exit(code)


def _color(output: Path | None) -> bool:
    if output is not None or os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    return sys.stdout.isatty()


def _note(message: str, quiet: bool) -> None:
    """A note on stderr (not an error): left out with ``--quiet``."""
    if not quiet:
        sys.stderr.write(f"kommarch: {message}\n")


def _progress(quiet: bool) -> AbstractContextManager[Progress]:
    """Rich progress on stderr when it is a terminal and not ``--quiet``; else nothing."""
    if quiet or not sys.stderr.isatty():
        return nullcontext(SILENT)
    from kommarch.render.progress import RichProgress

    return RichProgress()


def _root(path: Path | None) -> Path:
    """PATH, or the inventory found from the current directory (see inventory/roots.py)."""
    if path is not None:
        return path
    from kommarch.errors import UsageError
    from kommarch.inventory.roots import find_root

    try:
        found = find_root(Path("."))
    except UsageError as exc:
        _fail(str(exc))
    return found


def _part_of_note(v: Validated, path: Path, quiet: bool) -> None:
    """A single file of a larger inventory that fails on references: say what to give."""
    if v.part_of is None or not any(f.rule in ("KM005", "KM006") for f in v.findings):
        return
    folder = _shown(v.part_of)
    _note(
        f"{path.as_posix()} is one file of the inventory in {folder}; its references and "
        f"municipality are in the other files: give the folder ({folder})",
        quiet,
    )


def _shown(folder: Path) -> str:
    try:
        return folder.relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return folder.as_posix()


def _emit(text: str, output: Path | None, quiet: bool = False) -> None:
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
    _note(f"wrote {output}", quiet)


def _width(value: int | None, output: Path | None) -> int:
    """Columns for the text output: ``--width``, else COLUMNS, else the terminal's, else 100."""
    if value is not None:
        return value
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) >= 40:
        return int(columns)
    if output is None and sys.stdout.isatty():
        return max(40, shutil.get_terminal_size((100, 24)).columns)
    return 100


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
    path: RootArg = None,
    fmt: Annotated[ValidateFormat, typer.Option("--format", "-f")] = ValidateFormat.TEXT,
    config: ConfigOpt = None,
    output: OutputOpt = None,
    lang: LangOption = None,
    quiet: QuietOpt = False,
    width: WidthOpt = None,
) -> None:
    """Check the inventory and kommarch.yaml against the format (sections 1-3). Exit 0 or 2."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.pipeline import exit_code, validate, validation_report
    from kommarch.render import render

    where = _root(path)
    try:
        with _progress(quiet) as progress:
            v = validate(where, config, progress)
            progress.phase(Phase.REPORT)
            report = validation_report(v, None if lang is None else lang.value)
            text = render(report, fmt.value, color=_color(output), width=_width(width, output))
    except UsageError as exc:
        _fail(str(exc))
    _emit(text, output, quiet)
    _part_of_note(v, where, quiet)
    raise typer.Exit(exit_code(report))


@app.command()
def audit(
    path: RootArg = None,
    fmt: Annotated[AuditFormat, typer.Option("--format", "-f")] = AuditFormat.TEXT,
    output: OutputOpt = None,
    fail_on: Annotated[
        FailOn | None,
        typer.Option(
            "--fail-on", case_sensitive=False, help="Lowest severity that fails (exit 1)."
        ),
    ] = None,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    baseline: Annotated[
        Path | None, typer.Option("--baseline", help="Report only findings not in FILE.")
    ] = None,
    write_baseline: Annotated[
        Path | None,
        typer.Option("--write-baseline", help="Record the current findings in FILE; exit 0."),
    ] = None,
    after_validate: Annotated[
        bool,
        typer.Option(
            "--after-validate",
            help="kommarch validate has run before (pre-commit): on an invalid inventory say so "
            "in one line instead of repeating its errors, and exit 0.",
        ),
    ] = False,
    quiet: QuietOpt = False,
    width: WidthOpt = None,
) -> None:
    """Validate, then run every rule: findings, maturity score (A/U), recommendations."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.pipeline import audit_validated, exit_code, validate
    from kommarch.render import render

    where = _root(path)
    try:
        with _progress(quiet) as progress:
            v = validate(where, config, progress)
            if after_validate and v.findings:
                _skip_invalid(v, quiet)
            report = audit_validated(
                v,
                as_of=_as_of(as_of),
                lang=None if lang is None else lang.value,
                fail_on=None if fail_on is None else fail_on.value,
                baseline=baseline,
                progress=progress,
            )
            progress.phase(Phase.REPORT)
            text = render(report, fmt.value, color=_color(output), width=_width(width, output))
        if write_baseline is not None:
            from kommarch.policy import write_baseline as write  # start-up time, as above

            write(report.findings, write_baseline)
    except UsageError as exc:
        _fail(str(exc))
    _emit(text, output, quiet)
    _part_of_note(v, where, quiet)
    if baseline is not None:
        n = report.baseline_hidden
        _note(f"the baseline {baseline} hid {n} known finding{'' if n == 1 else 's'}", quiet)
    if write_baseline is not None:
        n = len(report.findings)
        _note(f"wrote baseline {write_baseline} ({n} finding{'' if n == 1 else 's'})", quiet)
        raise typer.Exit(2 if report.invalid else 0)
    raise typer.Exit(exit_code(report))


def _skip_invalid(v: Validated, quiet: bool) -> NoReturn:
    n = len(v.findings)
    _note(
        f"audit skipped: the inventory has {n} validation error{'' if n == 1 else 's'} "
        "(kommarch validate lists them)",
        quiet,
    )
    raise typer.Exit(0)


@app.command()
def report(
    path: RootArg = None,
    fmt: Annotated[ReportFormat, typer.Option("--format", "-f")] = ReportFormat.MARKDOWN,
    output: OutputOpt = None,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    config: ConfigOpt = None,
    quiet: QuietOpt = False,
) -> None:
    """Write the gap report: Markdown (as audit --format markdown) or one printable HTML page."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.pipeline import audit_validated, exit_code, validate
    from kommarch.render import render

    try:
        where = _root(path)
        with _progress(quiet) as progress:
            checked = validate(where, config, progress)
            result = audit_validated(
                checked,
                as_of=_as_of(as_of),
                lang=None if lang is None else lang.value,
                progress=progress,
            )
            progress.phase(Phase.REPORT)
            svgs: dict[str, str] = {}
            if fmt is ReportFormat.HTML:
                from kommarch.render.htmlreport import HtmlReport  # start-up time, as above

                text = HtmlReport().render(result, _landscape(checked, result, where))
            elif output is None:  # stdout: no file to link, Mermaid only
                text = render(result, "markdown")
            else:
                from kommarch.render.figures import figures, file_names  # start-up time
                from kommarch.render.markdown import MarkdownRenderer, Pictures

                drawn = figures(result, _landscape(checked, result, where))
                names = file_names(output.stem, list(drawn))
                svgs = {names[k]: svg for k, svg in drawn.items()}
                text = MarkdownRenderer(pictures=Pictures.FILES, images=names).render(result)
    except UsageError as exc:
        _fail(str(exc))
    _emit(text, output, quiet)
    for name, svg in svgs.items():  # next to the report it links them from
        assert output is not None
        _emit(svg, output.parent / name, quiet)
    raise typer.Exit(2 if exit_code(result) == 2 else 0)


def _landscape(checked: Validated, result: Report, where: Path) -> Diagram:
    """The whole landscape as a diagram, titled with the municipality's name."""
    from kommarch.landscape import landscape  # start-up time: --help and --version stay fast

    who = result.municipality.name or where.resolve().name
    title = f"{who}: {'systemlandskab' if result.lang == 'da' else 'system landscape'}"
    return landscape(checked.inventory, title, result.lang)


@app.command()
def rules(
    fmt: Annotated[CatalogueFormat, typer.Option("--format", "-f")] = CatalogueFormat.TEXT,
    lang: LangOption = None,
    quiet: QuietOpt = False,
) -> None:
    """List every rule: code, name, severity, principle and summary."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
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
    code: Annotated[str, typer.Argument(help="A rule code, e.g. KM201 (any case).")],
    lang: LangOption = None,
    quiet: QuietOpt = False,
) -> None:
    """One rule's rationale, remediation and a failing and a passing example."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
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
    lang: LangOption = None,
    quiet: QuietOpt = False,
) -> None:
    """The built-in catalogue: registers, infrastructure, data objects and services."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.render.catalogue import catalogue_json, catalogue_markdown, catalogue_text

    language: Lang = "en" if lang is LangOpt.EN else "da"
    if fmt is CatalogueFormat.JSON:
        _emit(catalogue_json(), None)
    elif fmt is CatalogueFormat.MARKDOWN:
        _emit(catalogue_markdown(language), None)
    else:
        _emit(catalogue_text(language), None)


@app.command()
def schema(
    output_dir: Annotated[Path, typer.Option("--output-dir", help="Where to write the schemas.")],
    quiet: QuietOpt = False,
) -> None:
    """Write JSON Schemas for inventory files and kommarch.yaml (for editors and CI)."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.jsonschemas import write_schemas

    try:
        for written in write_schemas(output_dir):
            _note(f"wrote {written}", quiet)
    except OSError as exc:
        _fail(f"cannot write schemas to {output_dir}: {exc.strerror}")


@app.command()
def init(
    directory: Annotated[Path, typer.Argument(help="Directory for the starter inventory.")],
    quiet: QuietOpt = False,
) -> None:
    """Write a small, commented starter inventory that validates."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.starter import StarterExists, write_starter

    try:
        for written in write_starter(directory):
            _note(f"wrote {written}", quiet)
    except StarterExists as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write to {directory}: {exc.strerror}")
    _note(f"next: kommarch audit {directory}", quiet)


@app.command()
def graph(
    path: RootArg = None,
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
    quiet: QuietOpt = False,
) -> None:
    """Export the system/integration graph (Mermaid, Graphviz DOT, GraphML, node-link JSON)."""
    # Imported here, not at the top: networkx and pydantic load only when this command runs.
    from kommarch.graphexport import select
    from kommarch.pipeline import validate
    from kommarch.render.graphformats import render_graph

    try:
        v = validate(_root(path), config)
        selected = select(v.inventory, system=system, depth=depth, data=data)
    except (UsageError, ValueError) as exc:
        _fail(str(exc))
    text = render_graph(selected, fmt.value)
    errors = sum(f.rule < "KM100" for f in v.findings)
    if errors:
        _note(
            f"the inventory has {errors} validation {'error' if errors == 1 else 'errors'}; "
            "invalid entries are left out of the graph (run kommarch validate)",
            quiet,
        )
    _emit(text, output, quiet)


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
    quiet: QuietOpt = False,
) -> None:
    """What a change does to the architecture: systems, integrations, flows, findings, score."""
    # Imported here, not at the top: pydantic and the audit load only when this command runs.
    from kommarch.diff import diff_git, diff_inventories
    from kommarch.render.diff import render_diff

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
    _emit(
        render_diff(result, fmt.value, result.lang if lang is None else lang.value), output, quiet
    )
    if fail_on_new_errors and result.introduced_errors:
        raise typer.Exit(1)


@app.command()
def compare(
    paths: Annotated[
        list[Path],
        typer.Argument(
            metavar="INVENTORY",
            help="Inventories to compare, or a directory whose subdirectories are inventories.",
        ),
    ],
    fmt: Annotated[CompareFormat, typer.Option("--format", "-f")] = CompareFormat.TEXT,
    anonymise: Annotated[
        bool,
        typer.Option(
            "--anonymise", help='Call the municipalities "Kommune A, B, …" (in the order given).'
        ),
    ] = False,
    lang: LangOption = None,
    as_of: AsOfOpt = None,
    output: OutputOpt = None,
) -> None:
    """Municipalities side by side: score, A/U, indicators, hours and kroner, ranked."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.compare import compare as run
    from kommarch.render.compare import render_comparison

    try:
        result = run(paths, as_of=_as_of(as_of), anonymised=anonymise)
    except UsageError as exc:
        _fail(str(exc))
    language: Lang = "en" if lang is LangOpt.EN else "da"
    _emit(render_comparison(result, fmt.value, language), output)
    raise typer.Exit(2 if result.not_computed else 0)


@import_app.command("kitos")
def import_kitos(
    inventory: Annotated[Path, typer.Argument(help="The inventory to create or update.")],
    org: Annotated[
        str | None, typer.Option("--org", help="The municipality: CVR number or KITOS UUID.")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="KITOS base URL (default https://kitos.dk).")
    ] = None,
    from_snapshot: Annotated[
        Path | None, typer.Option("--from-snapshot", help="Read a saved snapshot, not KITOS.")
    ] = None,
    save_snapshot: Annotated[
        Path | None, typer.Option("--save-snapshot", help="Also save every response in DIR.")
    ] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show the change; write nothing.")] = (
        False
    ),
    check: Annotated[
        bool, typer.Option("--check", help="Write nothing; exit 1 when KITOS differs.")
    ] = False,
    fmt: Annotated[ImportFormat, typer.Option("--format", "-f")] = ImportFormat.TEXT,
    lang: LangOption = None,
) -> None:
    """Create or update INVENTORY from OS2 KITOS (credentials: KITOS_TOKEN, or KITOS_EMAIL and
    KITOS_PASSWORD, in the environment)."""
    # Imported here, not at the top, for start-up time: --help and --version stay fast.
    from kommarch.kitos.command import import_kitos as run
    from kommarch.render.progress import FetchProgress

    try:
        with FetchProgress() as progress:
            text, code = run(
                inventory,
                org=org,
                url=url,
                from_snapshot=from_snapshot,
                save_snapshot=save_snapshot,
                mode="check" if check else "dry-run" if dry_run else "write",
                fmt=fmt.value,
                lang=None if lang is None else lang.value,
                environ=dict(os.environ),
                progress=progress,
            )
    except UsageError as exc:
        _fail(str(exc))
    _emit(text, None)
    raise typer.Exit(code)


@functools.cache
def _command() -> typer.core.TyperGroup:
    """The click command of ``app``, built once a process: typer builds it from the commands'
    signatures (type hints evaluated, about 0.1 s), which a process that runs kommarch many
    times (the tests, the fuzzer) would otherwise pay on every run."""
    command = typer.main.get_command(app)
    assert isinstance(command, typer.core.TyperGroup)
    return command


def main() -> None:
    """Console entry point: run the app; an unexpected error is a short message and exit 3."""
    try:
        _command()()
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
