"""Contract section 3, integrations: one outgoing KITOS relation -> one inventory integration."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from kommarch.kitos.values import get, name_key, name_of, uuid_of

SF_RE = re.compile(r"SF[0-9]{4}(_[A-Z0-9]+)?")
DIRECT_SERVICES = frozenset({"SF1500", "SF1510"})
RECEIVERS = frozenset(
    {"sdi", "ydelsesindeks", "postkomponent", "fordelingskomponent", "beskedfordeler"}
)
CHANNELS = frozenset({"serviceplatformen", "datafordeleren"})
PROVIDER = {
    "SF1520": "cpr",
    "SF1530": "cvr",
    "SF0770_A": "eindkomst",
    "SF1500": "fk-organisation",
    "SF1510": "fk-klassifikation",
}
SERVICE_DATA = {
    "SF1520": ["person"],
    "SF1530": ["virksomhed"],
    "SF0770_A": ["indkomst"],
    "SF1500": ["organisation"],
    "SF1510": ["klassifikation"],
    "SF1470": ["sag", "dokument"],
    "SF1601": ["brev"],
}
DATA_TYPES = {
    name_key(k): v
    for k, v in {
        "Person": "person",
        "Virksomhed": "virksomhed",
        "Sag": "sag",
        "Dokument": "dokument",
        "Organisation": "organisation",
        "Klassifikation": "klassifikation",
        "Ejendom": "ejendom",
    }.items()
}
FREQUENCY = {
    name_key(k): v
    for k, v in {
        "Dagligt": "daily",
        "Ugentligt": "weekly",
        "Månedligt": "monthly",
        "Kvartal": "monthly",
        "Halvårligt": "monthly",
        "Årligt": "monthly",
    }.items()
}


@dataclass(frozen=True, slots=True)
class Flow:
    """What a relation becomes before it gets an id: the ends, channel, service and data."""

    source: str
    target: str
    via: str | None
    service: str | None
    data: list[str]


def service_of(interface: dict[str, Any] | None, relation: dict[str, Any]) -> str | None:
    """The first SF number in the interface's ``interfaceId`` or name (or the relation's name)."""
    texts = [
        get(interface, "interfaceId"),
        get(interface, "name"),
        name_of(get(relation, "relationInterface")),
    ]
    for text in texts:
        if isinstance(text, str) and (m := SF_RE.search(text.upper())):
            return m.group(0)
    return None


def data_of(interface: dict[str, Any] | None, service: str | None) -> list[str]:
    """The interface's data types, else the objects the service is known to carry."""
    found: list[str] = []
    for item in get(interface, "data") or []:
        name = name_of(get(item, "dataType"))
        obj = DATA_TYPES.get(name_key(name)) if name else None
        if obj and obj not in found:
            found.append(obj)
    if found:
        return found
    return list(SERVICE_DATA.get(service or "", []))


def flow(using: str, used: str, interface: dict[str, Any] | None, relation: dict[str, Any]) -> Flow:
    """``using`` uses ``used``: data flows from the used system, except to the receivers."""
    service = service_of(interface, relation)
    via: str | None = None
    if service is not None:
        via = None if service in DIRECT_SERVICES else "serviceplatformen"
    if used in CHANNELS:
        provider = PROVIDER.get(service or "")
        source = provider or used
        via = None if service in DIRECT_SERVICES or provider is None else used
        return Flow(source, using, via, service, data_of(interface, service))
    if used in RECEIVERS:
        return Flow(using, used, via, service, data_of(interface, service))
    return Flow(used, using, via, service, data_of(interface, service))


def frequency(relation: dict[str, Any]) -> str | None:
    """``relationFrequency.name`` -> daily, weekly or monthly; else absent."""
    name = name_of(get(relation, "relationFrequency"))
    return FREQUENCY.get(name_key(name)) if name else None


def relation_uuid(relation: dict[str, Any]) -> str | None:
    """The relation's UUID (lower case)."""
    return uuid_of(relation)
