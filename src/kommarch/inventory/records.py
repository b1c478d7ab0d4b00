"""The records of a validated inventory: :class:`Entry` (a model with its file and node) and
:class:`Inventory` (every valid entry by id). Plain data: built by
:mod:`kommarch.inventory.merge` from what :mod:`kommarch.inventory.references` returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel

from kommarch.catalogue import Catalogue
from kommarch.findings import Municipality
from kommarch.inventory.location import Location, YMap, YSeq, key_mark, value_mark
from kommarch.inventory.models import (
    DataObject,
    Integration,
    MunicipalityModel,
    OrgUnit,
    Process,
    System,
)

M = TypeVar("M", bound=BaseModel)


@dataclass(slots=True)
class Entry(Generic[M]):
    """A validated record, the file it came from and its loaded node (for positions)."""

    model: M
    path: str
    node: YMap

    @property
    def loc(self) -> Location:
        """Where the entry is declared (its first key)."""
        return Location(self.path, self.node.line, self.node.col)

    def value_loc(self, *keys: Any) -> Location:
        """Where the value at ``keys`` (e.g. ``"data", "person"``) stands; the entry if absent."""
        node: Any = self.node
        pos = (self.node.line, self.node.col)
        for k in keys:
            if isinstance(node, YMap | YSeq) and (
                k in node if isinstance(node, YMap) else 0 <= k < len(node)
            ):
                pos = value_mark(node, k)
                node = node[k]
            else:
                break
        return Location(self.path, pos[0], pos[1])

    def key_loc(self, *keys: Any) -> Location:
        """Where the last key of ``keys`` stands (e.g. the ``person`` key of ``data``)."""
        node: Any = self.node
        for k in keys[:-1]:
            if isinstance(node, YMap) and k in node:
                node = node[k]
            else:
                return self.loc
        if isinstance(node, YMap):
            line, col = key_mark(node, keys[-1])
            return Location(self.path, line, col)
        return self.loc


def integration_id(model: Integration) -> str:
    """An integration's id: explicit, or ``<from>-<to>``."""
    return model.id if model.id is not None else f"{model.from_}-{model.to}"


@dataclass(slots=True)
class Inventory:
    """Everything valid in an inventory, by id, in load order."""

    root: str
    catalogue: Catalogue
    municipality: Entry[MunicipalityModel] | None = None
    units: dict[str, Entry[OrgUnit]] = field(default_factory=dict)
    systems: dict[str, Entry[System]] = field(default_factory=dict)
    integrations: dict[str, Entry[Integration]] = field(default_factory=dict)
    data_objects: dict[str, Entry[DataObject]] = field(default_factory=dict)
    processes: dict[str, Entry[Process]] = field(default_factory=dict)
    previous_ids: dict[str, str] = field(default_factory=dict)
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    invalid_consumers: set[str] = field(default_factory=set)  # `to` of invalid integrations
    invalid_ends: set[str] = field(default_factory=set)  # `from` and `to` of invalid ones
    unusable_files: list[str] = field(default_factory=list)
    files: int = 0

    @property
    def header(self) -> Municipality:
        """Name and code for report headers."""
        if self.municipality is None:
            return Municipality()
        m = self.municipality.model
        return Municipality(m.name, m.code)

    def is_system(self, sid: str) -> bool:
        """An inventory or catalogue system."""
        return sid in self.systems or sid in self.catalogue.systems

    def is_object(self, oid: str) -> bool:
        """A declared or built-in data object."""
        return oid in self.data_objects or oid in self.catalogue.objects

    def current_id(self, sid: str) -> str:
        """The current id of a system known by a former id (``previous_ids``)."""
        return self.previous_ids.get(sid, sid)
