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
    owner: str
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
    """A Serviceplatformen service."""

    id: str
    name: str
    component: str
    objects: tuple[str, ...]
    phased_out: bool
    successor: str | None


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The whole built-in catalogue, by id."""

    version: str
    systems: dict[str, CatalogueSystem]
    objects: dict[str, CatalogueObject]
    services: dict[str, Service]

    def service_for(self, obj: str) -> Service | None:
        """The current (not phased out) Serviceplatformen service that serves ``obj``, if any."""
        for s in self.services.values():
            if obj in s.objects and not s.phased_out:
                return s
        return None


@cache
def catalogue() -> Catalogue:
    """Load the packaged catalogue (cached)."""
    raw = json.loads(resources.files("kommarch").joinpath("data/catalogue.json").read_text("utf-8"))
    systems = {
        s["id"]: CatalogueSystem(
            id=s["id"],
            name=s["name"],
            kind=SystemKind(s["kind"]),
            owner=s.get("owner", ""),
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
            phased_out=bool(v.get("phased_out", False)),
            successor=v.get("successor"),
        )
        for v in raw["services"]
    }
    return Catalogue(raw["catalogue_version"], systems, objects, services)
