"""Contract section 3, systems: one KITOS usage -> the fields of one inventory system."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from kommarch.kitos.data import KitosData
from kommarch.kitos.values import (
    HOSTING,
    LIFECYCLE,
    SENSITIVITY,
    YES_NO_DONT_KNOW,
    YES_NO_IRRELEVANT,
    date_of,
    enum_name,
    get,
    name_key,
    name_of,
    uuid_of,
)

KLE_RE = re.compile(r"[0-9]{2}(\.[0-9]{2}){0,2}")

_TYPES = {
    "case-management": ["ESDH og Journalisering"],
    "line-of-business": ["Sagsbærende", "Specialsystemer"],
    "self-service": ["Selvbetjening og indberetning", "Hjemmesider og portaler"],
    "finance": ["Økonomi og betaling"],
    "hr": ["Løn/personale/HR"],
    "analytics": ["BI og ledelsesinformation"],
    "infrastructure": [
        "Bruger- og rettighedsstyring",
        "Sikkerhed og overvågning",
        "Master data og registre",
        "IT management",
    ],
}
TYPE_BY_NAME = {name_key(n): t for t, names in _TYPES.items() for n in names}
_LIFECYCLE = {
    "Operational": "in-use",
    "PhasingIn": "planned",
    "Pilot": "planned",
    "PhasingOut": "phasing-out",
    "NotInUse": "retired",
}
_HOSTING = {"OnPremise": "on-premises", "External": "hosted", "Hybrid": "hosted"}
_SENSITIVITY = {"None": "none", "PersonData": "ordinary", "SensitiveData": "sensitive"}
_SENSITIVITY["LegalData"] = "criminal"
_RANK = ["none", "ordinary", "sensitive", "criminal"]


@dataclass(frozen=True, slots=True)
class Lookups:
    """Per-import indexes: contracts and DPR answers by usage, unit ids by unit UUID."""

    contracts: dict[str, dict[str, Any]]
    agreements: dict[str, list[str]]
    unit_ids: dict[str, str]
    owner_roles: frozenset[str]
    today: dt.date


def lookups(data: KitosData, unit_ids: dict[str, str], owner_roles: list[str]) -> Lookups:
    """Index contracts by UUID and the DPR agreement answers by usage UUID."""
    contracts = {u: c for c in data.contracts if (u := uuid_of(c))}
    agreements: dict[str, list[str]] = {}
    for reg in data.registrations:
        answer = enum_name(get(reg, "general", "isAgreementConcluded"), YES_NO_IRRELEVANT)
        for usage in get(reg, "systemUsages") or []:
            u = uuid_of(usage)
            if u and answer:
                agreements.setdefault(u, []).append(answer)
    today = dt.date.fromisoformat(data.fetched_at[:10])
    roles = frozenset(name_key(r) for r in owner_roles)
    return Lookups(contracts, agreements, unit_ids, roles, today)


def system_type(catalogue_system: dict[str, Any]) -> str:
    """``businessType.name`` -> the inventory type (a parenthesised suffix is ignored)."""
    name = name_of(get(catalogue_system, "businessType"))
    if name is None:
        return "other"
    return TYPE_BY_NAME.get(name_key(name.split("(")[0]), "other")


def status(usage: dict[str, Any], today: dt.date) -> str:
    """``lifeCycleStatus`` -> status; undecided or unknown: from ``valid`` and ``validTo``."""
    validity = get(usage, "general", "validity")
    life = enum_name(get(validity, "lifeCycleStatus"), LIFECYCLE)
    if life in _LIFECYCLE:
        return _LIFECYCLE[life]
    if get(validity, "valid") is True:
        return "in-use"
    valid_to = date_of(get(validity, "validTo"))
    return "retired" if valid_to is not None and valid_to < today else "planned"


def owner(usage: dict[str, Any], roles: frozenset[str]) -> str | None:
    """The users of the owner roles (by role name or UUID), in KITOS order, once each."""
    names: list[str] = []
    for assignment in get(usage, "roles") or []:
        role = get(assignment, "role")
        role_name = name_of(role)
        matches = (role_name is not None and name_key(role_name) in roles) or (
            uuid_of(role) in roles
        )
        user = name_of(get(assignment, "user"))
        if matches and user and user not in names:
            names.append(user)
    return ", ".join(names) or None


def hosting(usage: dict[str, Any]) -> str | None:
    """``general.hostedAt`` (older servers: ``gdpr.hostedAt``)."""
    value = get(usage, "general", "hostedAt")
    if value is None:
        value = get(usage, "gdpr", "hostedAt")
    return _HOSTING.get(enum_name(value, HOSTING) or "")


def criticality(usage: dict[str, Any]) -> str | None:
    """Socially critical beats business critical; anything else is absent."""
    if enum_name(get(usage, "general", "isSociallyCritical"), YES_NO_DONT_KNOW) == "Yes":
        return "society-critical"
    business = get(usage, "general", "isBusinessCritical")
    if business is None:
        business = get(usage, "gdpr", "businessCritical")
    return "business-critical" if enum_name(business, YES_NO_DONT_KNOW) == "Yes" else None


def personal_data(usage: dict[str, Any]) -> str | None:
    """The highest of ``gdpr.dataSensitivityLevels`` (unknown values ignored)."""
    levels = [
        _SENSITIVITY.get(enum_name(v, SENSITIVITY) or "")
        for v in get(usage, "gdpr", "dataSensitivityLevels") or []
    ]
    known = [lv for lv in levels if lv is not None]
    return max(known, key=_RANK.index) if known else None


def agreement(answers: list[str]) -> bool | None:
    """Any ``Yes`` -> true; else any ``No`` -> false; else absent."""
    if "Yes" in answers:
        return True
    return False if "No" in answers else None


def kle(usage: dict[str, Any], catalogue_system: dict[str, Any]) -> list[str]:
    """Catalogue KLE minus the usage's removed plus its added; only valid KLE numbers."""

    def names(items: Any) -> set[str]:
        return {n for i in (items or []) if (n := name_of(i))}

    out = names(get(catalogue_system, "kle"))
    out -= names(get(usage, "localKLEDeviations", "removedKLE"))
    out |= names(get(usage, "localKLEDeviations", "addedKLE"))
    return sorted(k for k in out if KLE_RE.fullmatch(k))


def display_name(usage: dict[str, Any], catalogue_system: dict[str, Any]) -> str:
    """Catalogue name, with `` (localCallName)`` when that differs."""
    base = name_of(catalogue_system) or name_of(get(usage, "systemContext")) or "?"
    local = get(usage, "general", "localCallName")
    if isinstance(local, str) and local.strip() and local.strip() != base:
        return f"{base} ({local.strip()})"
    return base


def system_fields(
    usage: dict[str, Any], catalogue_system: dict[str, Any], lk: Lookups
) -> dict[str, Any]:
    """The KITOS-owned and first-import fields of one system, in the format's order."""
    usage_uuid = uuid_of(usage) or ""
    general = get(usage, "general")
    validity = get(general, "validity")
    contract = lk.contracts.get(uuid_of(get(general, "mainContract")) or "")
    vendor = name_of(get(contract, "supplier", "organization")) or name_of(
        get(catalogue_system, "rightsHolder")
    )
    description = get(catalogue_system, "description")
    users = get(general, "numberOfExpectedUsers", "lowerBound")
    fields: dict[str, Any] = {
        "name": display_name(usage, catalogue_system),
        "description": description.strip()
        if isinstance(description, str) and description.strip()
        else None,
        "type": system_type(catalogue_system),
        "vendor": vendor,
        "owner": owner(usage, lk.owner_roles),
        "unit": lk.unit_ids.get(
            uuid_of(get(usage, "organizationUsage", "responsibleOrganizationUnit")) or ""
        ),
        "status": status(usage, lk.today),
        "in_use_from": date_of(get(validity, "validFrom")),
        "retire_on": date_of(get(validity, "validTo")),
        "contract_end": date_of(get(contract, "general", "validity", "validTo")),
        "hosting": hosting(usage),
        "criticality": criticality(usage),
        "personal_data": personal_data(usage),
        "data_processing_agreement": agreement(lk.agreements.get(usage_uuid, [])),
        "users": users
        if isinstance(users, int) and not isinstance(users, bool) and users >= 0
        else None,
        "kle": kle(usage, catalogue_system) or None,
    }
    system_uuid = uuid_of(get(usage, "systemContext"))
    fields["kitos"] = {"usage": usage_uuid, **({"system": system_uuid} if system_uuid else {})}
    return fields
