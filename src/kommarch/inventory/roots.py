"""Which folder is the inventory: found from the current directory when no PATH is given, and
recognised when the PATH given is a file inside one (or its configuration file)."""

from __future__ import annotations

from pathlib import Path

from kommarch.errors import UsageError
from kommarch.inventory.loader import CONFIG_NAME

_SEARCH_DEPTH = 4  # inventory/, docs/inventory/, ... : deep enough, and quick in a large repository


def _configs_below(start: Path, depth: int) -> list[Path]:
    found: list[Path] = []
    level = [start]
    for _ in range(depth):
        below: list[Path] = []
        for folder in level:
            try:
                children = sorted(folder.iterdir())
            except OSError:
                continue
            for child in children:
                if child.name.startswith(".") or not child.is_dir():
                    continue
                if (child / CONFIG_NAME).is_file():
                    found.append(child)
                else:
                    below.append(child)
        level = below
    return found


def find_root(start: Path) -> Path:
    """The inventory root for a command run without PATH: ``start`` when it holds
    ``kommarch.yaml``, else the one folder below it that does (hidden folders skipped, at most
    four levels down). :class:`UsageError` when there is none or more than one."""
    if (start / CONFIG_NAME).is_file():
        return start
    found = _configs_below(start, _SEARCH_DEPTH)
    if len(found) == 1:
        return found[0]
    if not found:
        raise UsageError(
            f"no {CONFIG_NAME} in {start} or below it: give the inventory folder as PATH "
            "(kommarch validate inventory), or add a kommarch.yaml to it"
        )
    listed = ", ".join(p.as_posix() for p in found)
    raise UsageError(f"several inventories ({listed}): give the one to check as PATH")


def enclosing_root(path: Path) -> Path | None:
    """The nearest folder above the file ``path`` that holds ``kommarch.yaml``, or None."""
    for folder in path.resolve().parents:
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def refuse_config_file(path: Path) -> None:
    """:class:`UsageError` when PATH is the configuration file rather than the inventory."""
    if path.is_file() and path.name == CONFIG_NAME:
        folder = path.parent.as_posix()
        raise UsageError(
            f"{path.as_posix()} is kommarch's configuration, not an inventory: give the folder "
            f"that holds it ({folder})"
        )
