"""The command line's progress display: rich's progress bars on stderr, one line per phase.

Used only by :mod:`kommarch.cli` when stderr is a terminal and ``--quiet`` is not given; the
core knows only the :class:`~kommarch.progress.Progress` protocol. The display is transient: it
is cleared when the run ends, so nothing of it stays between the report and the prompt.
"""

from __future__ import annotations

from types import TracebackType

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
