"""The validated inventory: records merged across files, looked up by id, with their locations.

:func:`build_inventory` validates every entry of every loaded file against the models (an invalid
entry is reported and left out, the rest is still checked), merges the sections, and hands the
result to :mod:`kommarch.inventory.references` for ids and references.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from kommarch.catalogue import Catalogue, catalogue
from kommarch.findings import Finding, Municipality, Text
from kommarch.inventory.loader import LoadedFile
from kommarch.inventory.location import Location, YMap, YSeq, key_mark, value_mark
from kommarch.inventory.models import (
    DataObject,
    Integration,
    MunicipalityModel,
    OrgUnit,
    Process,
    System,
)
from kommarch.inventory.schemaerrors import did_you_mean, schema_findings
from kommarch.inventory.yamlerrors import yaml_error

M = TypeVar("M", bound=BaseModel)

LIST_SECTIONS: dict[str, type[BaseModel]] = {
    "organisation": OrgUnit,
    "systems": System,
    "integrations": Integration,
    "data_objects": DataObject,
    "processes": Process,
}
SECTIONS = ("municipality", *LIST_SECTIONS)


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


def _section_entries(
    loaded: LoadedFile, section: str, value: Any, top: YMap, errors: list[Finding]
) -> YSeq | None:
    if value is None:
        return None
    if not isinstance(value, YSeq):
        line, col = value_mark(top, section)
        is_map = isinstance(value, YMap)
        errors.append(
            yaml_error(
                "KM002",
                Text(
                    f"{section} skal være en liste af poster ('- id: ...'), ikke "
                    f"{'en mapping' if is_map else 'en enkelt værdi'}",
                    f"{section} must be a list of entries ('- id: ...'), not "
                    f"{'a mapping' if is_map else 'a single value'}",
                ),
                loaded.path,
                line,
                col,
            )
        )
        return None
    return value


def _validate(
    model: type[M], node: Any, path: str, parent: YMap | YSeq, key: Any, errors: list[Finding]
) -> Entry[M] | None:
    """Validate ``node`` (``parent[key]``) as one ``model`` record; None when it is invalid."""
    if not isinstance(node, YMap):
        pos = value_mark(parent, key)
        kind = Text("en liste", "a list") if isinstance(node, YSeq) else Text.same(f"'{node}'")
        errors.append(
            yaml_error(
                "KM002",
                Text(
                    f"forventede en post (en mapping af felter), fik {kind.da}",
                    f"expected an entry (a mapping of fields), got {kind.en}",
                ),
                path,
                pos[0],
                pos[1],
            )
        )
        return None
    try:
        record = model.model_validate(node)
    except ValidationError as exc:
        ident = node.get("id")
        if ident is None and model is Integration:
            ends = (node.get("from"), node.get("to"))
            if all(isinstance(e, str) for e in ends):
                ident = f"{ends[0]}-{ends[1]}"
        errors.extend(
            schema_findings(exc, model, node, path, ident if isinstance(ident, str) else None)
        )
        return None
    _share_fields_set(record)
    return Entry(record, path, node)


_FIELDS_SETS: dict[frozenset[str], set[str]] = {}
_LAST_SET: dict[type[BaseModel], set[str]] = {}


def _share_fields_set(record: BaseModel) -> None:
    """Let records that set the same fields share one ``model_fields_set``.

    pydantic gives every record its own set of the field names it was given: at 10,000 systems
    that is 40,000 sets and 28 MiB, half of all the records' memory, for about twenty distinct
    sets. The records are frozen, so nothing ever changes a set (``model_copy`` copies it).
    Records of one section mostly set the same fields as the record before them.
    """
    own = record.__pydantic_fields_set__
    shared = _LAST_SET.get(record.__class__)
    if shared is None or shared != own:
        shared = _FIELDS_SETS.get(frozenset(own))
        if shared is None:
            shared = own
            if len(_FIELDS_SETS) < 4096:
                _FIELDS_SETS[frozenset(own)] = own
        _LAST_SET[record.__class__] = shared
    if shared is not own:
        object.__setattr__(record, "__pydantic_fields_set__", shared)


def _first_file(files: list[LoadedFile]) -> tuple[str, int | None, int | None]:
    """Where a finding about the whole inventory points: a file to open, never the directory
    (the first file in discovery order, at its start); ``"."`` only when there is no file."""
    return (files[0].path, 1, 1) if files else (".", None, None)


def build_inventory(root: str, files: list[LoadedFile]) -> tuple[Inventory, list[Finding]]:
    """Validate and merge the loaded files; return the inventory and every KM002-KM006 finding."""
    inv = Inventory(root=root, catalogue=catalogue(), files=len(files))
    errors: list[Finding] = []
    first_municipality: Entry[MunicipalityModel] | None = None
    municipality_seen = False
    raw: dict[str, list[Entry[Any]]] = {s: [] for s in LIST_SECTIONS}
    for loaded in files:
        errors.extend(loaded.errors)
        if not loaded.usable:
            inv.unusable_files.append(loaded.path)
        top = loaded.data
        if top is None:
            continue
        for section, value in top.items():
            if section == "municipality":
                if value is None:
                    continue
                municipality_seen = True
                entry = _validate(MunicipalityModel, value, loaded.path, top, section, errors)
                if first_municipality is not None:
                    kl, kc = key_mark(top, section)
                    errors.append(
                        yaml_error(
                            "KM006",
                            Text(
                                "kommunen er angivet mere end én gang (første gang i "
                                f"{first_municipality.loc}); angiv 'municipality' præcis én gang",
                                "municipality is given more than once (first at "
                                f"{first_municipality.loc}); give it exactly once",
                            ),
                            loaded.path,
                            kl,
                            kc,
                        )
                    )
                elif entry is not None:
                    first_municipality = entry
                continue
            model = LIST_SECTIONS.get(section) if isinstance(section, str) else None
            if model is None:
                kl, kc = key_mark(top, section)
                hint = did_you_mean(str(section), SECTIONS)
                errors.append(
                    yaml_error(
                        "KM002",
                        Text(
                            f"ukendt sektion '{section}'{hint.da} (sektioner: "
                            f"{', '.join(SECTIONS)})",
                            f"unknown section '{section}'{hint.en} (sections: "
                            f"{', '.join(SECTIONS)})",
                        ),
                        loaded.path,
                        kl,
                        kc,
                    )
                )
                continue
            items = _section_entries(loaded, section, value, top, errors)
            if items is None:
                continue
            invalid = inv.invalid_ids.setdefault(section, set())
            for i, node in enumerate(items):
                record: Entry[Any] | None = _validate(model, node, loaded.path, items, i, errors)
                if record is None:
                    ident = node.get("id") if isinstance(node, YMap) else None
                    if isinstance(ident, str):
                        invalid.add(ident)
                    continue
                raw[section].append(record)
    inv.municipality = first_municipality
    if not municipality_seen:
        errors.append(
            yaml_error(
                "KM006",
                Text(
                    "kommunen mangler: tilføj 'municipality: {name: ...}' i én af filerne",
                    "no municipality: add 'municipality: {name: ...}' to one inventory file",
                ),
                *_first_file(files),
            )
        )
    from kommarch.inventory.references import merge_and_check

    errors.extend(merge_and_check(inv, raw))
    return inv, errors
