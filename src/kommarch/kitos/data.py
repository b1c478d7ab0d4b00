"""The KITOS data of one organisation, as fetched (or read from a snapshot)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Organisation:
    """The municipality in KITOS."""

    uuid: str
    name: str
    cvr: str | None


@dataclass(slots=True)
class KitosData:
    """Every response the import needs, as parsed JSON (unknown fields kept, never read)."""

    source: str
    org: Organisation
    fetched_at: str
    usages: list[dict[str, Any]] = field(default_factory=list)
    systems: dict[str, dict[str, Any]] = field(default_factory=dict)
    interfaces: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    registrations: list[dict[str, Any]] = field(default_factory=list)
