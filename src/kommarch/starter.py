"""``kommarch init``: a small, commented starter inventory that validates.

The JSON Schemas are written next to it (``schemas/``) so that editors check and complete the
files offline through their ``# yaml-language-server: $schema=./schemas/…`` lines.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from kommarch.jsonschemas import write_schemas

STARTER_FILES = ("municipality.yaml", "systems.yaml", "integrations.yaml", "kommarch.yaml")


class StarterExists(Exception):
    """The target already holds an inventory: kommarch never overwrites one."""


def write_starter(directory: Path) -> list[Path]:
    """Write the starter files into ``directory`` (created if needed); never overwrite."""
    if directory.exists() and not directory.is_dir():
        raise StarterExists(f"{directory} exists and is not a directory")
    if directory.is_dir():
        taken = sorted(
            p.name
            for p in directory.iterdir()
            if p.suffix in (".yaml", ".yml") or p.name in STARTER_FILES
        )
        if taken:
            raise StarterExists(
                f"{directory} already holds {', '.join(taken)}; kommarch init writes only into "
                "an empty or new directory"
            )
    directory.mkdir(parents=True, exist_ok=True)
    written = write_schemas(directory / "schemas")  # the files' $schema lines point here
    source = resources.files("kommarch").joinpath("data/starter")
    for name in STARTER_FILES:
        target = directory / name
        target.write_text(source.joinpath(name).read_text("utf-8"), encoding="utf-8")
        written.append(target)
    return written
