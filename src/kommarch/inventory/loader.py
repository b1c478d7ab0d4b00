"""Find inventory files and parse each one once (see :mod:`kommarch.inventory.yamlbuild`).

Discovery (nothing outside the inventory's folder, nothing but regular files; what is left out
is said), decoding (UTF-8 with or without BOM, nothing else) and the errors of a file that
cannot be read or parsed; the data itself is built from libyaml's events in ``yamlbuild``.
"""

from __future__ import annotations

import enum
import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from kommarch.findings import Finding, Text
from kommarch.inventory.location import YMap, YSeq, byte_position
from kommarch.inventory.yamlbuild import Abort, build
from kommarch.inventory.yamlerrors import os_reason, syntax_error, unreadable, yaml_error

CONFIG_NAME = "kommarch.yaml"


@dataclass(slots=True)
class LoadedFile:
    """One parsed file: its data (``None`` when empty or unusable) and what went wrong."""

    path: str
    data: YMap | None
    errors: list[Finding] = field(default_factory=list)
    usable: bool = True


# --- discovery -----------------------------------------------------------------------------


def discover(
    path: Path, problems: list[Finding] | None = None
) -> tuple[Path, list[tuple[Path, str]]]:
    """The inventory root and its files as ``(absolute path, POSIX path relative to root)``.

    A directory is searched recursively for ``*.yaml``/``*.yml``, skipping hidden files and
    folders and the root's ``kommarch.yaml``; files are in sorted order of path components. A
    single file is its own inventory, rooted at its folder.

    Nothing outside the root is read: a link is followed only when its target stays below the
    root (a link to a folder inside the root is not followed, its files are read where they
    are). What is left out for another reason than its name (a link that leads outside,
    dangles or loops, a named pipe or device, a folder that cannot be read) is a KM001 in
    ``problems`` naming the entry and the reason, never what the target holds.
    """
    if path.is_file():
        return path.parent, [(path, path.name)]
    found: list[tuple[tuple[str, ...], Path]] = []
    sink = problems if problems is not None else []
    real_root = path.resolve()
    pending: list[tuple[Path, tuple[str, ...]]] = [(path, ())]
    while pending:
        folder, prefix = pending.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError as exc:
            sink.append(_left_out("/".join(prefix) or ".", _os_reason(exc)))
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            parts = (*prefix, entry.name)
            is_yaml = entry.name.endswith((".yaml", ".yml"))
            kind, why = _classify(entry, real_root)
            if kind is _Kind.FOLDER:
                pending.append((Path(entry.path), parts))
            elif kind is _Kind.FILE:
                if is_yaml and parts != (CONFIG_NAME,):
                    found.append((parts, Path(entry.path)))
            elif why is not None and (is_yaml or kind is _Kind.FOREIGN_FOLDER):
                sink.append(_left_out("/".join(parts), why))
    found.sort(key=lambda item: item[0])
    return path, [(p, "/".join(parts)) for parts, p in found]


class _Kind(enum.Enum):
    """What discovery does with a directory entry."""

    FOLDER = "folder"  # search it
    FILE = "file"  # a regular file, or a link to one below the root: read it
    FOREIGN_FOLDER = "foreign folder"  # a link to a folder outside the root: say so
    OTHER = "other"  # leave it out (saying why when ``why`` is given and it matters)


_OUTSIDE = Text(
    "ikke læst: linket peger uden for inventarets mappe",
    "not read: the link leads outside the inventory folder",
)
_NOT_REGULAR = Text(
    "ikke læst: ikke en almindelig fil (en navngivet pipe, en enhed eller en socket)",
    "not read: not a regular file (a named pipe, a device or a socket)",
)


def _classify(entry: os.DirEntry[str], real_root: Path) -> tuple[_Kind, Text | None]:
    """What ``entry`` is, following a link only while its target stays below ``real_root``."""
    try:
        if not entry.is_symlink():
            if entry.is_dir(follow_symlinks=False):
                return _Kind.FOLDER, None
            if entry.is_file(follow_symlinks=False):
                return _Kind.FILE, None
            return _Kind.OTHER, _NOT_REGULAR
        return confined(Path(entry.path), real_root)
    except OSError as exc:
        return _Kind.OTHER, _os_reason(exc)


def confined(link: Path, real_root: Path) -> tuple[_Kind, Text | None]:
    """Where the link ``link`` leads: a file or folder below ``real_root``, or why not read."""
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError) as exc:  # RuntimeError: a loop, before Python 3.13
        if isinstance(exc, FileNotFoundError):
            return _Kind.OTHER, Text(
                "ikke læst: linket peger på noget, der ikke findes",
                "not read: the link leads nowhere (its target does not exist)",
            )
        if isinstance(exc, RuntimeError) or exc.errno == errno.ELOOP:
            return _Kind.OTHER, Text(
                "ikke læst: linket peger i ring", "not read: the link leads round in a loop"
            )
        return _Kind.OTHER, _os_reason(exc)
    is_dir = target.is_dir()
    if not target.is_relative_to(real_root):
        return (_Kind.FOREIGN_FOLDER if is_dir else _Kind.OTHER), _OUTSIDE
    if is_dir:
        return _Kind.OTHER, None  # its files are read where they are, below the root
    return (_Kind.FILE, None) if target.is_file() else (_Kind.OTHER, _NOT_REGULAR)


def _os_reason(exc: OSError) -> Text:
    why = os_reason(exc)
    return Text(f"ikke læst: {why.da}", f"not read: {why.en}")


def _left_out(rel: str, why: Text) -> Finding:
    return yaml_error("KM001", why, rel, None, None)


# --- decoding ------------------------------------------------------------------------------


def _decode(raw: bytes, path: str) -> bytes:
    """The UTF-8 bytes without a BOM; anything that is not UTF-8 is KM001 at the first bad byte."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    elif raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):  # before UTF-16's
        message = Text("filen er UTF-32; gem den som UTF-8", "the file is UTF-32; save it as UTF-8")
        raise Abort(yaml_error("KM001", message, path, 1, 1))
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        message = Text("filen er UTF-16; gem den som UTF-8", "the file is UTF-16; save it as UTF-8")
        raise Abort(yaml_error("KM001", message, path, 1, 1))
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        start = exc.start
        line, col = byte_position(raw, start)
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


def _forbidden(exc: yaml.reader.ReaderError, raw: bytes, path: str) -> Finding:
    """KM001 for a character YAML does not allow, named as U+XXXX where it stands.

    libyaml gives the byte offset of the character and its code point (an int; the pure-Python
    reader gives a str).
    """
    line, col = byte_position(raw, exc.position)
    code = exc.character if isinstance(exc.character, int) else ord(exc.character[:1] or "\0")
    char = f"U+{code:04X}"
    message = Text(
        f"tegnet {char} er ikke tilladt i YAML (kontroltegn skal skrives som escape-sekvens)",
        f"the character {char} is not allowed in YAML (control characters must be escaped)",
    )
    return yaml_error("KM001", message, path, line, col)


def parse_bytes(raw: bytes, path: str) -> LoadedFile:
    """Parse one file's bytes. Never raises for bad input: problems become KM001-KM003."""
    errors: list[Finding] = []
    try:
        text = _decode(raw, path)
        data = build(text, path, errors)
    except Abort as abort:
        return LoadedFile(path, None, [*errors, abort.finding], usable=False)
    except yaml.MarkedYAMLError as exc:
        return LoadedFile(path, None, [*errors, syntax_error(exc, path)], usable=False)
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        return LoadedFile(path, None, [*errors, _forbidden(exc, text, path)], usable=False)
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
    """Read and parse one file; an unreadable file is KM001 without a line.

    Only a regular file is opened (a named pipe could block, a device never end).
    """
    try:
        mode = abs_path.stat().st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):  # a folder: EISDIR below
            return LoadedFile(rel, None, [_left_out(rel, _NOT_REGULAR)], usable=False)
        raw = abs_path.read_bytes()
    except OSError as exc:
        return LoadedFile(
            rel,
            None,
            [yaml_error("KM001", unreadable(exc), rel, None, None)],
            usable=False,
        )
    return parse_bytes(raw, rel)
