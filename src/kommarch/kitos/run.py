"""The one sequencer of ``kommarch import kitos``: fetch or read a snapshot, map, merge, validate,
write. Nothing is written before the merged inventory validates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kommarch.catalogue import catalogue
from kommarch.errors import UsageError
from kommarch.inventory.loader import discover, parse_bytes
from kommarch.inventory.merge import Inventory, build_inventory, integration_id
from kommarch.inventory.models import KitosConfig
from kommarch.kitos.client import ClientSettings, Credentials, KitosClient
from kommarch.kitos.data import KitosData
from kommarch.kitos.mapping import Desired, Existing, Options, desired
from kommarch.kitos.merge import Change, Index, Merger
from kommarch.kitos.snapshot import load_snapshot, save_snapshot
from kommarch.kitos.yamldocs import Writer, load_doc

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class Request:
    """What the user asked for."""

    inventory: Path
    org: str | None
    url: str
    credentials: Credentials
    from_snapshot: Path | None = None
    save_snapshot: Path | None = None
    write: bool = True
    client: ClientSettings = field(default_factory=ClientSettings)


@dataclass(slots=True)
class Outcome:
    """The change, and what was written."""

    data: KitosData
    changes: list[Change]
    desired: Desired
    written: list[str]
    empty_data: list[str]


def get_data(req: Request, progress: Progress) -> KitosData:
    """From the snapshot, or from KITOS (then optionally saved as a snapshot)."""
    if req.from_snapshot is not None:
        data = load_snapshot(req.from_snapshot)
        if req.org is not None and req.org.lower() not in (data.org.uuid, data.org.cvr):
            raise UsageError(
                f"the snapshot {req.from_snapshot} is of {data.org.name} ({data.org.uuid}), "
                f"not of --org {req.org}"
            )
    else:
        if req.org is None:
            raise UsageError("give --org (CVR or UUID), or kitos.org in kommarch.yaml")
        if not req.credentials.usable:
            raise UsageError(
                "no KITOS credentials: set KITOS_TOKEN, or KITOS_EMAIL and KITOS_PASSWORD, in "
                "the environment"
            )
        from kommarch.kitos.fetch import fetch

        with KitosClient(req.url, req.credentials, req.client) as client:
            data = fetch(client, req.org, progress, dt.datetime.now(dt.UTC))
    if req.save_snapshot is not None:
        save_snapshot(data, req.save_snapshot)
    return data


def _read(root: Path) -> dict[str, bytes]:
    """Every inventory file's bytes (nothing when the inventory does not exist yet)."""
    if not root.exists():
        return {}
    if not root.is_dir():
        raise UsageError(f"{root} is not a directory")
    _, files = discover(root)
    try:
        return {rel: path.read_bytes() for path, rel in files}
    except OSError as exc:
        raise UsageError(f"cannot read the inventory {root}: {exc.strerror}") from None


def _validate(root: Path, texts: dict[str, bytes]) -> Inventory:
    inventory, errors = build_inventory(
        str(root), [parse_bytes(t, r) for r, t in sorted(texts.items())]
    )
    if errors:
        first = "; ".join(f"{f.location}: {f.message.en}" for f in errors[:3])
        raise UsageError(f"the merged inventory would not validate ({len(errors)} errors: {first})")
    return inventory


def _existing(index: Index, inventory: Inventory | None) -> Existing:
    if inventory is None:
        return Existing()
    ids = {
        section: {uuid: str(loc.values.get("id") or "") for uuid, loc in entries.items()}
        for section, entries in index.entries.items()
    }
    integrations = {
        uuid: (
            str(loc.values["id"])
            if loc.values.get("id")
            else f"{loc.values.get('from')}-{loc.values.get('to')}"
        )
        for uuid, loc in index.entries["integrations"].items()
    }
    return Existing(
        unit_ids=set(inventory.units),
        system_ids=set(inventory.systems) | set(inventory.previous_ids),
        integration_ids={integration_id(e.model) for e in inventory.integrations.values()},
        units=ids["organisation"],
        systems=ids["systems"],
        integrations=integrations,
    )


def municipality_text(data: KitosData) -> bytes:
    """``municipality.yaml`` of a new inventory."""
    name = data.org.name.replace('"', "'") or "Kommune"
    return (
        "# Created by `kommarch import kitos` from OS2 KITOS.\n"
        "municipality:\n"
        f'  name: "{name}"\n'
        '  # code: "NNN"   the kommunekode (3 digits): KITOS does not know it; add it by hand\n'
        "  kitos:\n"
        f"    org: {data.org.uuid}\n"
    ).encode()


def _check_org(inventory: Inventory | None, data: KitosData) -> None:
    m = inventory.municipality if inventory is not None else None
    if m is not None and m.model.kitos is not None and m.model.kitos.org.lower() != data.org.uuid:
        raise UsageError(
            f"{m.path}: the inventory belongs to KITOS organisation {m.model.kitos.org}, not to "
            f"{data.org.name} ({data.org.uuid})"
        )


def run_import(req: Request, settings: KitosConfig, progress: Progress) -> Outcome:
    """Fetch, map, merge and validate; write only when ``req.write``."""
    root = req.inventory
    originals = _read(root)
    before = _validate(root, originals) if originals else None
    data = get_data(req, progress)
    _check_org(before, data)
    index = Index.build(before)
    options = Options(
        owner_roles=list(settings.owner_roles),
        catalogue=dict(settings.catalogue),
        skip=frozenset(s.lower() for s in settings.skip),
    )
    reserved = set(catalogue().systems)
    wanted = desired(data, _existing(index, before), options, reserved)
    merger = Merger(lambda rel: load_doc(root / rel, rel), index)
    merger.apply(wanted)
    pending: dict[str, bytes] = {}
    if before is None:
        pending["municipality.yaml"] = municipality_text(data)
    for rel, doc in merger.docs.items():
        new = doc.new_bytes()
        if new is not None:
            pending[rel] = new
    texts = {**originals, **pending}
    after = _validate(root, texts)
    _lines(merger.changes, texts)
    written = Writer(root, pending).write() if req.write and pending else []
    return Outcome(data, merger.changes, wanted, written, _empty_data(after))


def _empty_data(inventory: Inventory) -> list[str]:
    """Imported systems in use or planned whose data map has no master or manual entry yet."""
    return sorted(
        sid
        for sid, e in inventory.systems.items()
        if e.model.kitos is not None
        and e.model.status.value != "retired"
        and not any(use.value != "integration" for use in e.model.data.values())
    )


def _lines(changes: list[Change], texts: dict[str, bytes]) -> None:
    """The line of each changed entry in its new text (``- id: x``)."""
    cache: dict[str, list[str]] = {}
    for c in changes:
        lines = cache.get(c.path)
        if lines is None:
            lines = cache[c.path] = texts.get(c.path, b"").decode("utf-8").splitlines()
        wanted = (f"- id: {c.id}", f"- id: '{c.id}'", f'- id: "{c.id}"')
        c.line = next((n for n, t in enumerate(lines, 1) if t.strip() in wanted), 0) or next(
            (n for n, t in enumerate(lines, 1) if c.kitos in t), 0
        )
