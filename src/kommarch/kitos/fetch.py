"""Read one organisation's usages, catalogue systems, interfaces, units, contracts and DPRs."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from typing import Any

from kommarch.kitos.client import KitosClient, KitosError, KitosNotFound
from kommarch.kitos.data import KitosData, Organisation
from kommarch.kitos.values import get, uuid_of

Progress = Callable[[str, int, int], None]
UUID_RE = re.compile(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}")


def _org(raw: Any) -> Organisation:
    uuid = uuid_of(raw)
    name = get(raw, "name")
    cvr = get(raw, "cvr")
    return Organisation(
        uuid or "", name if isinstance(name, str) else "", cvr if isinstance(cvr, str) else None
    )


def resolve_org(client: KitosClient, org: str) -> Organisation:
    """``--org`` as an organisation UUID or a CVR number -> the organisation (exactly one)."""
    if UUID_RE.fullmatch(org):
        return _org(client.get(f"/api/v2/organizations/{org.lower()}"))
    if not re.fullmatch(r"[0-9]{8}", org):
        raise KitosError(f"--org must be a CVR number (8 digits) or a UUID, got '{org}'")
    found = [
        _org(o)
        for o in client.get_list("/api/v2/organizations", {"cvrContent": org})
        if get(o, "cvr") == org
    ]
    if not found:
        raise KitosError(f"no organisation in KITOS at {client.base_url} has CVR {org}")
    if len(found) > 1:
        names = "; ".join(f"{o.name} ({o.uuid})" for o in found)
        raise KitosError(
            f"{len(found)} organisations in KITOS have CVR {org}: {names}; give --org the UUID"
        )
    return found[0]


def fetch(client: KitosClient, org: str, progress: Progress, now: dt.datetime) -> KitosData:
    """Everything the import needs, fetched with at most 8 requests at once."""
    client.authenticate()
    organisation = resolve_org(client, org)
    ou = {"organizationUuid": organisation.uuid}
    lists: list[tuple[str, str, dict[str, Any] | None]] = [
        ("usages", "/api/v2/it-system-usages", ou),
        ("units", f"/api/v2/organizations/{organisation.uuid}/organization-units", None),
        ("contracts", "/api/v2/it-contracts", ou),
        ("registrations", "/api/v2/data-processing-registrations", ou),
    ]

    def one_list(spec: tuple[str, str, dict[str, Any] | None]) -> list[Any]:
        items = client.get_list(spec[1], spec[2])
        progress(spec[0], len(items), len(items))
        return items

    usages, units, contracts, registrations = client.map(one_list, lists)
    data = KitosData(
        source=client.base_url,
        org=organisation,
        fetched_at=now.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        usages=_dicts(usages),
        units=_dicts(units),
        contracts=_dicts(contracts),
        registrations=_dicts(registrations),
    )
    system_ids = sorted({u for u in (uuid_of(get(x, "systemContext")) for x in data.usages) if u})
    data.systems = _by_uuid(client, "/api/v2/it-systems", system_ids, "systems", progress)
    interface_ids = sorted(
        {
            u
            for usage in data.usages
            for rel in _dicts(get(usage, "outgoingSystemRelations") or [])
            if (u := uuid_of(rel.get("relationInterface")))
        }
    )
    data.interfaces = _by_uuid(
        client, "/api/v2/it-interfaces", interface_ids, "interfaces", progress
    )
    return data


def _by_uuid(
    client: KitosClient, path: str, uuids: list[str], what: str, progress: Progress
) -> dict[str, dict[str, Any]]:
    done = 0

    def one(uuid: str) -> Any:
        nonlocal done
        try:
            body = client.get(f"{path}/{uuid}")
        except KitosNotFound:  # removed or not visible: the usage's own data still counts
            body = None
        done += 1
        if done % 50 == 0 or done == len(uuids):
            progress(what, done, len(uuids))
        return body

    bodies = client.map(one, uuids)
    return {u: b for u, b in zip(uuids, bodies, strict=True) if isinstance(b, dict)}


def _dicts(items: Any) -> list[dict[str, Any]]:
    return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []
