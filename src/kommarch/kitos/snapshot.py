"""Snapshots: every fetched response as JSON in a directory, to repeat an import offline.

Only response bodies of GET requests are written (never the token or the log-in), sorted and
indented so that two snapshots of unchanged data are byte-identical but for ``fetched_at``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from kommarch.errors import UsageError
from kommarch.kitos.data import KitosData, Organisation

SCHEMA_VERSION = 1
MANIFEST = "manifest.json"
_LISTS = {
    "usages": "it-system-usages.json",
    "units": "organization-units.json",
    "contracts": "it-contracts.json",
    "registrations": "data-processing-registrations.json",
}
_MAPS = {"systems": "it-systems.json", "interfaces": "it-interfaces.json"}


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def save_snapshot(data: KitosData, directory: Path) -> list[Path]:
    """Write the snapshot; returns the files written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        manifest = {
            "schema_version": SCHEMA_VERSION,
            "source": data.source,
            "fetched_at": data.fetched_at,
            "organization": {"uuid": data.org.uuid, "name": data.org.name, "cvr": data.org.cvr},
        }
        files: dict[str, Any] = {MANIFEST: manifest}
        files.update({name: getattr(data, attr) for attr, name in _LISTS.items()})
        for attr, name in _MAPS.items():
            by_uuid = getattr(data, attr)
            files[name] = [by_uuid[k] for k in sorted(by_uuid)]
        written = []
        for name, value in files.items():
            target = directory / name
            target.write_text(_dump(value), encoding="utf-8")
            written.append(target)
    except OSError as exc:
        raise UsageError(f"cannot write the snapshot to {directory}: {exc.strerror}") from None
    return written


def _read(directory: Path, name: str) -> Any:
    path = directory / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UsageError(f"{path}: missing; is {directory} a KITOS snapshot?") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"{path}: cannot be read ({type(exc).__name__})") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON ({exc.msg})") from None


def _list(directory: Path, name: str) -> list[dict[str, Any]]:
    value = _read(directory, name)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise UsageError(f"{directory / name}: expected a JSON list of objects")
    return value


def load_snapshot(directory: Path) -> KitosData:
    """Read a snapshot written by :func:`save_snapshot`."""
    if not directory.is_dir():
        raise UsageError(f"no such snapshot directory: {directory}")
    manifest = _read(directory, MANIFEST)
    org = manifest.get("organization") if isinstance(manifest, dict) else None
    if (
        not isinstance(manifest, dict)
        or manifest.get("schema_version") != SCHEMA_VERSION
        or not isinstance(org, dict)
        or not isinstance(org.get("uuid"), str)
        or not isinstance(manifest.get("fetched_at"), str)
    ):
        raise UsageError(
            f"{directory / MANIFEST}: not a kommarch KITOS snapshot (schema_version "
            f"{SCHEMA_VERSION} with organization and fetched_at expected)"
        )
    data = KitosData(
        source=str(manifest.get("source", "")),
        org=Organisation(org["uuid"].lower(), str(org.get("name") or ""), org.get("cvr")),
        fetched_at=manifest["fetched_at"],
    )
    for attr, name in _LISTS.items():
        setattr(data, attr, _list(directory, name))
    for attr, name in _MAPS.items():
        setattr(
            data,
            attr,
            {str(v.get("uuid", "")).lower(): v for v in _list(directory, name)},
        )
    return data
