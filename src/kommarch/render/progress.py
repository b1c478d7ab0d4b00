"""Progress on stderr, for the command line only.

:class:`RichProgress` draws the phases of a long run (the core reports them through the
:class:`~kommarch.progress.Progress` protocol) as rich progress bars when stderr is a terminal and
``--quiet`` is not given; it is transient, so nothing of it stays between the report and the
prompt. :class:`FetchProgress` shows a KITOS fetch: rich on a terminal, plain lines otherwise.
"""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    SpinnerColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)
from rich.progress import Progress as Bars

from kommarch.progress import PHASE_TEXT, Phase

_LABELS = {
    "usages": "system usages",
    "units": "organisation units",
    "contracts": "contracts",
    "registrations": "data processing registrations",
    "systems": "catalogue systems",
    "interfaces": "interfaces",
}


class FetchProgress:
    """Callable ``(stage, done, total)``; a context manager around the fetch."""

    def __init__(self) -> None:
        self._rich: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> FetchProgress:
        if sys.stderr.isatty():
            self._rich = Bars(console=Console(stderr=True), transient=True)
            self._rich.start()
        return self

    def __exit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, _tb: TracebackType | None
    ) -> None:
        if self._rich is not None:
            self._rich.stop()

    def __call__(self, stage: str, done: int, total: int) -> None:
        label = _LABELS.get(stage, stage)
        if self._rich is None:
            sys.stderr.write(f"kommarch: KITOS: {done}/{total} {label}\n")
            return
        task = self._tasks.get(stage)
        if task is None:
            task = self._tasks[stage] = self._rich.add_task(label, total=total)
        self._rich.update(task, completed=done, total=total)


class RichProgress:
    """Rich progress on ``console`` (default: stderr); a context manager around the run."""

    def __init__(self, console: Console | None = None, *, transient: bool = True) -> None:
        self._bars = Bars(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console or Console(stderr=True),
            transient=transient,
        )
        self._task: TaskID | None = None

    def __enter__(self) -> RichProgress:
        self._bars.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self._finish()
        self._bars.stop()

    def _finish(self) -> None:
        if self._task is not None:
            task = self._bars.tasks[-1]
            self._bars.update(self._task, total=task.total or 1, completed=task.total or 1)

    def phase(self, phase: Phase, total: int | None = None) -> None:
        """Close the running phase and start ``phase``."""
        self._finish()
        self._task = self._bars.add_task(PHASE_TEXT[phase], total=total)

    def advance(self, steps: int = 1) -> None:
        """Move the running phase on by ``steps``."""
        if self._task is not None:
            self._bars.advance(self._task, steps)
