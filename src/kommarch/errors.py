"""The exceptions the layers share.

Bad input is never an exception: it becomes a located finding. An exception is for "the command
cannot run" and is caught once, in the CLI.
"""

from __future__ import annotations

import enum
import stat
from pathlib import Path


class UsageError(Exception):
    """The command cannot run (exit 2): the message says why, naming the path at fault."""


class FileKind(enum.Enum):
    """What a path given on the command line is, once it is known to be usable."""

    FILE = "file"
    DIRECTORY = "directory"


def input_kind(path: Path, what: str, *, directory: bool = True) -> FileKind:
    """Whether ``path`` is a regular file or (when ``directory``) a directory; else UsageError.

    The message is "no such WHAT: PATH" or "cannot read WHAT PATH: why" (:func:`refusal`).
    """
    kind, why = refusal(path, directory=directory)
    if kind is not None:
        return kind
    if why is None:
        raise UsageError(f"no such {what}: {path}")
    raise UsageError(f"cannot read {what} {path}: {why}")


def refusal(path: Path, *, directory: bool = True) -> tuple[FileKind | None, str | None]:
    """What ``path`` is, or why it cannot be used as input (``(None, None)``: it does not exist).

    Only ``stat`` is called, never ``open``: a named pipe or a device (``/dev/zero``) is refused
    before it could block or flood the run. A path that cannot be reached (a folder on the way
    that may not be searched) is refused with the operating system's reason.
    """
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return None, None
    except OSError as exc:
        return None, exc.strerror or type(exc).__name__
    if stat.S_ISREG(mode):
        return FileKind.FILE, None
    if directory and stat.S_ISDIR(mode):
        return FileKind.DIRECTORY, None
    allowed = "a regular file or a directory" if directory else "a regular file"
    return None, f"not {allowed} ({_kind(mode)})"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"
