"""Progress of a long fetch on stderr: a rich progress display on a terminal, plain lines else."""

from __future__ import annotations

import sys
from types import TracebackType
from typing import Any

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
            from rich.console import Console
            from rich.progress import Progress

            self._rich = Progress(console=Console(stderr=True), transient=True)
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
