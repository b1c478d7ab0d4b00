"""The built-in catalogue: national registers, fælleskommunal infrastructure, objects, services.

The data lives in ``data/catalogue.json`` inside the package, versioned by ``catalogue_version``;
this module only reads it (once) into typed records.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from kommarch.findings import Text


class SystemKind(enum.Enum):
    """What a catalogue system is."""

    REGISTER = "register"
    CHANNEL = "channel"
    INFRASTRUCTURE = "infrastructure"


class ServiceState(enum.Enum):
    """Whether a service can be used: active, being phased out (KM310) or closed (KM309)."""

    ACTIVE = "active"
    PHASING_OUT = "phasing-out"
    CLOSED = "closed"


class Called(enum.Enum):
    """How a service is called: through Serviceplatformen, or directly (OIO IDWS)."""

    SERVICEPLATFORMEN = "serviceplatformen"
    DIRECT = "direct"


@dataclass(frozen=True, slots=True)
class Provenance:
    """Who is responsible for a catalogue entry as of ``verified``, and where that is stated."""

    authority: str
    source: str
    verified: str  # ISO date the entry was last checked against ``source``


class ObjectKind(enum.Enum):
    """Who owns a data object: a national register, a fælleskommunal component, the municipality."""

    REGISTER = "register"
    INFRASTRUCTURE = "infrastructure"
    MUNICIPAL = "municipal"


@dataclass(frozen=True, slots=True)
class CatalogueSystem:
    """A system every municipality can reference without declaring it."""

    id: str
    name: str
    kind: SystemKind
    provenance: Provenance
    distributes: frozenset[str] = frozenset()
    indexes: frozenset[str] = frozenset()
    passes_on: bool = False


@dataclass(frozen=True, slots=True)
class CatalogueObject:
    """A built-in data object."""

    id: str
    name: Text
    kind: ObjectKind
    authority: str | None
    many_masters: bool
    index: str | None


@dataclass(frozen=True, slots=True)
class Service:
    """A KOMBIT service (SF number), called through Serviceplatformen or directly."""

    id: str
    name: str
    component: str
    objects: tuple[str, ...]
    called: Called
    state: ServiceState
    successor: str | None
    provenance: Provenance


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole built-in catalogue, by id."""

    version: str
    systems: dict[str, CatalogueSystem]
    objects: dict[str, CatalogueObject]
    services: dict[str, Service]

    def service_for(self, obj: str) -> Service | None:
        """The first active service that serves ``obj``, if any."""
        for s in self.services.values():
            if obj in s.objects and s.state is ServiceState.ACTIVE:
                return s
        return None


def _provenance(raw: dict[str, str]) -> Provenance:
    return Provenance(raw["authority"], raw["source"], raw["verified"])


@cache
def catalogue() -> Catalogue:
    """Load the packaged catalogue (cached)."""
    raw = json.loads(resources.files("kommarch").joinpath("data/catalogue.json").read_text("utf-8"))
    systems = {
        s["id"]: CatalogueSystem(
            id=s["id"],
            name=s["name"],
            kind=SystemKind(s["kind"]),
            provenance=_provenance(s),
            distributes=frozenset(s.get("distributes", ())),
            indexes=frozenset(s.get("indexes", ())),
            passes_on=bool(s.get("passes_on", False)),
        )
        for s in raw["systems"]
    }
    objects = {
        o["id"]: CatalogueObject(
            id=o["id"],
            name=Text(o["name"]["da"], o["name"]["en"]),
            kind=ObjectKind(o["kind"]),
            authority=o.get("authority"),
            many_masters=o.get("masters", "one") == "many",
            index=o.get("index"),
        )
        for o in raw["data_objects"]
    }
    services = {
        v["id"]: Service(
            id=v["id"],
            name=v["name"],
            component=v["component"],
            objects=tuple(v.get("objects", ())),
            called=Called(v.get("called", "serviceplatformen")),
            state=ServiceState(v.get("state", "active")),
            successor=v.get("successor"),
            provenance=_provenance(v),
        )
        for v in raw["services"]
    }
    return Catalogue(raw["catalogue_version"], systems, objects, services)
