"""Contract section 4: bring KITOS's entries into the round-trip documents, in place.

Matching is by the ``kitos`` keys only. A matched entry gets its KITOS-owned fields set where it
stands; a new one is appended to ``kitos/<section>.yaml``; an entry whose KITOS object is gone is
retired, never deleted. Entries without a ``kitos`` key are never touched.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from kommarch.errors import UsageError
from kommarch.inventory.merge import Inventory
from kommarch.kitos.mapping import Desired, Item
from kommarch.kitos.yamldocs import Doc, new_doc, plain

ORDER = {
    "organisation": ("id", "name", "parent", "description", "kitos"),
    "systems": (
        "id", "name", "description", "type", "vendor", "owner", "unit", "status", "in_use_from",
        "retire_on", "contract_end", "hosting", "criticality", "personal_data",
        "data_processing_agreement", "authentication", "users", "kle", "replaces",
        "previous_ids", "data", "tags", "links", "kitos",
    ),
    "integrations": (
        "id", "from", "to", "data", "via", "service", "mechanism", "frequency", "status",
        "standard", "description", "kitos",
    ),
}  # fmt: skip
OWNED = {
    "organisation": ("name", "parent", "kitos"),
    "systems": (
        "name", "vendor", "owner", "unit", "status", "in_use_from", "retire_on", "contract_end",
        "hosting", "criticality", "personal_data", "data_processing_agreement", "users", "kle",
        "kitos",
    ),
    "integrations": ("via", "service", "frequency", "description", "kitos"),
}  # fmt: skip
KIND = {"organisation": "unit", "systems": "system", "integrations": "integration"}
KEY = {"organisation": "unit", "systems": "usage", "integrations": "relation"}
FILES = {s: f"kitos/{'organisation' if s == 'organisation' else s}.yaml" for s in ORDER}
HEADER = (
    "Imported from OS2 KITOS by `kommarch import kitos`. The fields KITOS owns are updated on\n"
    "every import; add data maps, authentication, processes and comments freely: they are kept."
)


@dataclass(slots=True)
class Change:
    """One entry added, updated or retired."""

    kind: str
    id: str
    kitos: str
    action: str
    fields: dict[str, tuple[Any, Any]]
    path: str
    line: int = 0


@dataclass(slots=True)
class Located:
    """An entry with a KITOS key: its file, where it starts, and its values as loaded."""

    rel: str
    line: int
    col: int
    values: dict[str, Any]


@dataclass(slots=True)
class Index:
    """KITOS key -> entry, per section, from the validated inventory (no second parse)."""

    entries: dict[str, dict[str, Located]] = field(default_factory=dict)

    @classmethod
    def build(cls, inventory: Inventory | None) -> Index:
        """Index every valid entry carrying a ``kitos`` key by its UUID."""
        out = cls({s: {} for s in ORDER})
        if inventory is None:
            return out
        sections: tuple[tuple[str, dict[str, Any]], ...] = (
            ("organisation", inventory.units),
            ("systems", inventory.systems),
            ("integrations", inventory.integrations),
        )
        for section, entries in sections:
            for e in entries.values():
                kitos = e.model.kitos
                if kitos is not None:
                    uuid = str(getattr(kitos, KEY[section])).lower()
                    located = Located(e.path, e.node.line, e.node.col, e.node)
                    out.entries[section].setdefault(uuid, located)
        return out


def _yaml_value(name: str, value: Any) -> Any:
    """New values in the inventory's style: KLE numbers quoted in a flow list, maps in blocks."""
    if name == "kle":
        seq = CommentedSeq(DoubleQuotedScalarString(k) for k in value)
        seq.fa.set_flow_style()
        return seq
    if name == "data" and isinstance(value, list):
        seq = CommentedSeq(value)
        seq.fa.set_flow_style()
        return seq
    if isinstance(value, dict):
        m = CommentedMap()
        for k, v in value.items():
            m[k] = v
        return m
    return value


def _comparable(name: str, value: Any) -> Any:
    value = plain(value)
    if name == "kle" and isinstance(value, str):
        return [value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _shown(value: Any) -> Any:
    value = plain(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def _diff(values: dict[str, Any], name: str, value: Any) -> tuple[Any, Any] | None:
    """The old and new value when ``name`` would change."""
    old = values.get(name)
    if _comparable(name, old) == _comparable(name, value):
        return None
    return _shown(old), _shown(value)


def _set(node: CommentedMap, section: str, name: str, value: Any) -> None:
    """Set (or remove, for None) one field in place."""
    if value is None:
        del node[name]
    elif name in node:
        node[name] = _yaml_value(name, value)
    else:
        order = ORDER[section]
        rank = order.index(name)
        pos = 0
        for i, k in enumerate(node):
            if k in order and order.index(k) < rank:
                pos = i + 1
        node.insert(pos, name, _yaml_value(name, value))


def _new_node(section: str, item: Item) -> CommentedMap:
    node = CommentedMap()
    node["id"] = item.id
    for name in ORDER[section]:
        value = item.fields.get(name)
        if name != "id" and value is not None:
            node[name] = _yaml_value(name, value)
    return node


@dataclass(slots=True)
class Merger:
    """Applies a :class:`Desired`; a file is parsed round-trip only when an entry in it changes."""

    load: Callable[[str], Doc]
    index: Index
    docs: dict[str, Doc] = field(default_factory=dict)
    changes: list[Change] = field(default_factory=list)

    def _doc(self, rel: str) -> Doc:
        doc = self.docs.get(rel)
        if doc is None:
            doc = self.docs[rel] = self.load(rel)
        return doc

    def _node(self, section: str, found: Located) -> tuple[Doc, CommentedMap]:
        doc = self._doc(found.rel)
        for node in doc.data.get(section) or []:
            lc = getattr(node, "lc", None)
            if lc is not None and (lc.line + 1, lc.col + 1) == (found.line, found.col):
                return doc, node
        raise UsageError(f"{found.rel}:{found.line}: the entry could not be found for merging")

    def _target(self, section: str) -> Doc:
        rel = FILES[section]
        doc = self.docs.get(rel)
        if doc is None:
            doc = self.docs[rel] = self._existing_or_new(rel, section)
        if not isinstance(doc.data.get(section), list):
            doc.data[section] = CommentedSeq()
        return doc

    def _existing_or_new(self, rel: str, section: str) -> Doc:
        try:
            return self.load(rel)
        except FileNotFoundError:
            return new_doc(rel, section, HEADER)

    def apply(self, desired: Desired) -> None:
        """Units, systems, integrations: update, add, retire."""
        delivered = _deliveries(desired)
        for section, items in (
            ("organisation", desired.units),
            ("systems", desired.systems),
            ("integrations", desired.integrations),
        ):
            known = self.index.entries[section]
            for item in items:
                found = known.get(item.key)
                if found is None:
                    self._add(section, item, delivered)
                else:
                    self._update(section, item, found)
            keys = {i.key for i in items}
            if section != "organisation":
                for uuid, found in known.items():
                    if uuid not in keys:
                        self._retire(section, uuid, found)

    def _record(
        self, section: str, ident: str, key: str, action: str, fields: dict[str, Any], doc: Doc
    ) -> None:
        self.changes.append(Change(KIND[section], ident, key, action, fields, doc.rel))
        doc.text = None
        doc.dirty = True

    def _add(self, section: str, item: Item, delivered: dict[str, list[str]]) -> None:
        doc = self._target(section)
        node = _new_node(section, item)
        if section == "systems" and delivered.get(item.id):
            data = CommentedMap()
            for obj in delivered[item.id]:
                data[obj] = "integration"
            node.insert(list(node).index("kitos"), "data", data)
        doc.data[section].append(node)
        fields = {k: (None, _shown(v)) for k, v in item.fields.items() if v is not None}
        self._record(section, item.id, item.key, "add", fields, doc)

    def _update(self, section: str, item: Item, found: Located) -> None:
        values = found.values
        wanted: dict[str, Any] = {}
        if section == "integrations":
            pair = (item.fields["from"], item.fields["to"])
            if {values.get("from"), values.get("to")} != set(pair):
                wanted.update(zip(("from", "to"), pair, strict=True))
        wanted.update({name: item.fields.get(name) for name in OWNED[section]})
        fields = {n: d for n, v in wanted.items() if (d := _diff(values, n, v)) is not None}
        if not fields:
            return
        doc, node = self._node(section, found)
        for name in fields:
            _set(node, section, name, wanted[name])
        ident = str(values.get("id") or item.id)
        self._record(section, ident, item.key, "update", fields, doc)

    def _retire(self, section: str, uuid: str, found: Located) -> None:
        values = found.values
        d = _diff(values, "status", "retired")
        if d is None:
            return
        doc, node = self._node(section, found)
        _set(node, section, "status", "retired")
        ident = values.get("id") or f"{values.get('from')}-{values.get('to')}"
        self._record(section, str(ident), uuid, "retire", {"status": d}, doc)


def _deliveries(desired: Desired) -> dict[str, list[str]]:
    """System id -> the objects the imported integrations deliver to it (first import only)."""
    out: dict[str, list[str]] = {}
    for item in desired.integrations:
        for obj in item.fields.get("data") or []:
            objs = out.setdefault(item.fields["to"], [])
            if obj not in objs:
                objs.append(obj)
    return out
