"""Find inventory files and parse each one once (see :mod:`kommarch.inventory.yamlbuild`).

Discovery, decoding (UTF-8 with or without BOM, nothing else) and the errors of a file that
cannot be read or parsed; the data itself is built from libyaml's events in ``yamlbuild``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kommarch.findings import Finding, Text
from kommarch.inventory.location import YMap, YSeq
from kommarch.inventory.yamlbuild import Abort, build
from kommarch.inventory.yamlerrors import syntax_error, unreadable, yaml_error

CONFIG_NAME = "kommarch.yaml"


@dataclass(slots=True)
class LoadedFile:
    """One parsed file: its data (``None`` when empty or unusable) and what went wrong."""

    path: str
    data: YMap | None
    errors: list[Finding] = field(default_factory=list)
    usable: bool = True


# --- discovery -----------------------------------------------------------------------------


def discover(path: Path) -> tuple[Path, list[tuple[Path, str]]]:
    """The inventory root and its files as ``(absolute path, POSIX path relative to root)``.

    A directory is searched recursively for ``*.yaml``/``*.yml``, skipping hidden files and
    folders and the root's ``kommarch.yaml``; files are in sorted order of path components. A
    single file is its own inventory, rooted at its folder.
    """
    if path.is_file():
        return path.parent, [(path, path.name)]
    found: list[tuple[tuple[str, ...], Path]] = []
    for p in path.rglob("*"):
        rel = p.relative_to(path)
        parts = rel.parts
        if any(part.startswith(".") for part in parts):
            continue
        if p.suffix not in (".yaml", ".yml") or not p.is_file():
            continue
        if parts == (CONFIG_NAME,):
            continue
        found.append((parts, p))
    found.sort(key=lambda item: item[0])
    return path, [(p, "/".join(parts)) for parts, p in found]


# --- decoding ------------------------------------------------------------------------------


def _decode(raw: bytes, path: str) -> bytes:
    """The UTF-8 bytes without a BOM; anything that is not UTF-8 is KM001 at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = Text("filen er UTF-16; gem den som UTF-8", "the file is UTF-16; save it as UTF-8")
        raise Abort(yaml_error("KM001", message, path, 1, 1))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line_start = raw.rfind(b"\n", 0, start) + 1
        line = raw.count(b"\n", 0, start) + 1
        col = len(raw[line_start:start].decode("utf-8", errors="replace")) + 1
        raise Abort(
            yaml_error(
                "KM001",
                Text(
                    f"ikke gyldig UTF-8 (byte 0x{raw[start]:02x}); kommarch læser kun UTF-8-filer",
                    f"not valid UTF-8 (byte 0x{raw[start]:02x}); kommarch reads UTF-8 files only",
                ),
                path,
                line,
                col,
            )
        ) from None
    return raw


def parse_bytes(raw: bytes, path: str) -> LoadedFile:
    """Parse one file's bytes. Never raises for bad input: problems become KM001-KM003."""
    errors: list[Finding] = []
    try:
        data = build(_decode(raw, path), path, errors)
    except Abort as abort:
        return LoadedFile(path, None, [*errors, abort.finding], usable=False)
    except yaml.MarkedYAMLError as exc:
        return LoadedFile(path, None, [*errors, syntax_error(exc, path)], usable=False)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        text = raw.decode("utf-8", errors="replace").lstrip("\ufeff")
        before = text[: exc.position]
        line = before.count("\n") + 1
        col = exc.position - (before.rfind("\n") + 1) + 1
        char = f"U+{ord(exc.character):04X}" if isinstance(exc.character, str) else None
        message = Text(
            f"{'tegnet ' + char if char else 'byten'} er ikke tilladt i YAML (kontroltegn skal "
            "skrives som escape-sekvens)",
            f"the {'character ' + char if char else 'byte'} is not allowed in YAML (control "
            "characters must be escaped)",
        )
        return LoadedFile(
            path, None, [*errors, yaml_error("KM001", message, path, line, col)], usable=False
        )
    except yaml.YAMLError as exc:  # anything else without a mark
        return LoadedFile(
            path,
            None,
            [*errors, yaml_error("KM001", Text(f"ugyldig YAML: {exc}", str(exc)), path, 1, 1)],
            usable=False,
        )
    if data is None:
        return LoadedFile(path, None, errors)
    if not isinstance(data, YMap):
        line, col = (data.line, data.col) if isinstance(data, YSeq) else (1, 1)
        return LoadedFile(
            path,
            None,
            [
                *errors,
                yaml_error(
                    "KM001",
                    Text(
                        "topniveauet skal være en mapping af sektioner (municipality, "
                        "organisation, systems, integrations, data_objects, processes)",
                        "the top level must be a mapping of sections (municipality, "
                        "organisation, systems, integrations, data_objects, processes)",
                    ),
                    path,
                    line,
                    col,
                ),
            ],
            usable=False,
        )
    return LoadedFile(path, data, errors)


def load_file(abs_path: Path, rel: str) -> LoadedFile:
    """Read and parse one file; an unreadable file is KM001 without a line."""
    try:
        raw = abs_path.read_bytes()
    except OSError as exc:
        return LoadedFile(
            rel,
            None,
            [yaml_error("KM001", unreadable(exc), rel, None, None)],
            usable=False,
        )
    return parse_bytes(raw, rel)
