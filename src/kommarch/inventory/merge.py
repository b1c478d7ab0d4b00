"""The validated inventory: records merged across files, looked up by id, with their locations.

:func:`build_inventory` validates every entry of every loaded file against the models (an invalid
entry is reported and left out, the rest is still checked), hands the valid entries to
:func:`kommarch.inventory.references.merge_and_check` (ids and references across files), and
assembles the :class:`~kommarch.inventory.records.Inventory` from what it returns. Data flows one
way: loader -> merge (validate) -> references (merge by id, check) -> merge (assemble).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from kommarch.catalogue import catalogue
from kommarch.findings import Finding, Text
from kommarch.inventory.loader import LoadedFile
from kommarch.inventory.location import YMap, YSeq, key_mark, value_mark
from kommarch.inventory.models import (
    DataObject,
    Integration,
    MunicipalityModel,
    OrgUnit,
    Process,
    System,
)
from kommarch.inventory.records import Entry, Inventory, integration_id
from kommarch.inventory.references import merge_and_check
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


def _note_invalid(
    section: str, node: Any, invalid: set[str], consumers: set[str], ends: set[str]
) -> None:
    """Remember an entry that failed validation: its id, and an integration's ends (for the
    filter of findings that follow only from an invalid entry)."""
    if not isinstance(node, YMap):
        return
    ident = node.get("id")
    if isinstance(ident, str):
        invalid.add(ident)
    if section != "integrations":
        return
    source, consumer = node.get("from"), node.get("to")
    if isinstance(consumer, str):
        consumers.add(consumer)
        ends.add(consumer)
    if isinstance(source, str):
        ends.add(source)


def _first_file(files: list[LoadedFile]) -> tuple[str, int | None, int | None]:
    """Where a finding about the whole inventory points: a file to open, never the directory
    (the first file in discovery order, at its start); ``"."`` only when there is no file."""
    return (files[0].path, 1, 1) if files else (".", None, None)


@dataclass
class _Collected:
    """What :func:`build_inventory` gathers from the loaded files before merging."""

    errors: list[Finding] = field(default_factory=list)
    unusable_files: list[str] = field(default_factory=list)
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)
    invalid_consumers: set[str] = field(default_factory=set)  # `to` of invalid integrations
    invalid_ends: set[str] = field(default_factory=set)  # `from` and `to` of those
    municipality: Entry[MunicipalityModel] | None = None  # the first valid one
    municipality_seen: bool = False
    raw: dict[str, list[Entry[Any]]] = field(default_factory=lambda: {s: [] for s in LIST_SECTIONS})


def _duplicate_municipality(
    first: Entry[MunicipalityModel], path: str, top: YMap, section: str
) -> Finding:
    kl, kc = key_mark(top, section)
    return yaml_error(
        "KM006",
        Text(
            f"kommunen er angivet mere end én gang (første gang i {first.loc}); "
            "angiv 'municipality' præcis én gang",
            f"municipality is given more than once (first at {first.loc}); give it exactly once",
        ),
        path,
        kl,
        kc,
    )


def _unknown_section(path: str, top: YMap, section: Any) -> Finding:
    kl, kc = key_mark(top, section)
    hint = did_you_mean(str(section), SECTIONS)
    return yaml_error(
        "KM002",
        Text(
            f"ukendt sektion '{section}'{hint.da} (sektioner: {', '.join(SECTIONS)})",
            f"unknown section '{section}'{hint.en} (sections: {', '.join(SECTIONS)})",
        ),
        path,
        kl,
        kc,
    )


def _missing_municipality(files: list[LoadedFile]) -> Finding:
    return yaml_error(
        "KM006",
        Text(
            "kommunen mangler: tilføj 'municipality: {name: ...}' i én af filerne",
            "no municipality: add 'municipality: {name: ...}' to one inventory file",
        ),
        *_first_file(files),
    )


def _take_municipality(acc: _Collected, loaded: LoadedFile, top: YMap, value: Any) -> None:
    """The ``municipality`` section: the first valid one counts, a second is KM006."""
    if value is None:
        return
    acc.municipality_seen = True
    entry = _validate(MunicipalityModel, value, loaded.path, top, "municipality", acc.errors)
    if acc.municipality is not None:
        acc.errors.append(
            _duplicate_municipality(acc.municipality, loaded.path, top, "municipality")
        )
    elif entry is not None:
        acc.municipality = entry


def _take_section(
    acc: _Collected,
    loaded: LoadedFile,
    top: YMap,
    section: str,
    model: type[BaseModel],
    value: Any,
) -> None:
    """A list section: validate each entry, keep the valid ones, note the invalid ones."""
    items = _section_entries(loaded, section, value, top, acc.errors)
    if items is None:
        return
    invalid = acc.invalid_ids.setdefault(section, set())
    for i, node in enumerate(items):
        record: Entry[Any] | None = _validate(model, node, loaded.path, items, i, acc.errors)
        if record is None:
            _note_invalid(section, node, invalid, acc.invalid_consumers, acc.invalid_ends)
        else:
            acc.raw[section].append(record)


def _take_file(acc: _Collected, loaded: LoadedFile) -> None:
    """One loaded file: its YAML findings, then each top-level section in file order."""
    acc.errors.extend(loaded.errors)
    if not loaded.usable:
        acc.unusable_files.append(loaded.path)
    top = loaded.data
    if top is None:
        return
    for section, value in top.items():
        if section == "municipality":
            _take_municipality(acc, loaded, top, value)
            continue
        model = LIST_SECTIONS.get(section) if isinstance(section, str) else None
        if model is None:
            acc.errors.append(_unknown_section(loaded.path, top, section))
        else:
            _take_section(acc, loaded, top, section, model, value)


def build_inventory(root: str, files: list[LoadedFile]) -> tuple[Inventory, list[Finding]]:
    """Validate and merge the loaded files; return the inventory and every KM002-KM006 finding."""
    cat = catalogue()
    acc = _Collected()
    for loaded in files:
        _take_file(acc, loaded)
    if not acc.municipality_seen:
        acc.errors.append(_missing_municipality(files))
    merged = merge_and_check(acc.raw, cat, acc.invalid_ids, acc.unusable_files)
    acc.errors.extend(merged.errors)
    inv = Inventory(
        root=root,
        catalogue=cat,
        municipality=acc.municipality,
        units=merged.units,
        systems=merged.systems,
        integrations=merged.integrations,
        data_objects=merged.data_objects,
        processes=merged.processes,
        previous_ids=merged.previous_ids,
        invalid_ids=acc.invalid_ids,
        invalid_consumers=acc.invalid_consumers,
        invalid_ends=acc.invalid_ends,
        unusable_files=acc.unusable_files,
        files=len(files),
    )
    return inv, acc.errors


__all__ = ["LIST_SECTIONS", "SECTIONS", "Entry", "Inventory", "build_inventory", "integration_id"]
