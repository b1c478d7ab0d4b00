"""Contract section 4: bring KITOS's entries into the round-trip documents, in place.

Matching is by the ``kitos`` keys only. A matched entry gets its KITOS-owned fields set where it
stands; a new one is appended to ``kitos/<section>.yaml``; an entry whose KITOS object is gone is
retired, never deleted. Entries without a ``kitos`` key are never touched.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

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
    """An entry with a KITOS key where it stands."""

    doc: Doc
    node: CommentedMap


@dataclass(slots=True)
class Index:
    """KITOS key -> entry, per section, over every document."""

    entries: dict[str, dict[str, Located]] = field(default_factory=dict)

    @classmethod
    def build(cls, docs: list[Doc]) -> Index:
        """Index every list entry carrying a ``kitos`` mapping with its UUID."""
        out = cls({s: {} for s in ORDER})
        for doc in docs:
            for section, key in KEY.items():
                items = doc.data.get(section)
                if not isinstance(items, list):
                    continue
                for node in items:
                    kitos = node.get("kitos") if isinstance(node, CommentedMap) else None
                    uuid = kitos.get(key) if isinstance(kitos, dict) else None
                    if isinstance(uuid, str):
                        out.entries[section].setdefault(uuid.lower(), Located(doc, node))
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


def _set(node: CommentedMap, section: str, name: str, value: Any) -> tuple[Any, Any] | None:
    """Set (or remove, for None) one field; the old and new value when it changed."""
    old = node.get(name)
    if _comparable(name, old) == _comparable(name, value):
        return None
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
    return _shown(old), _shown(value)


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
    """Applies a :class:`Desired` to the documents and records every change."""

    docs: dict[str, Doc]
    index: Index
    changes: list[Change] = field(default_factory=list)

    def _target(self, section: str) -> Doc:
        rel = FILES[section]
        doc = self.docs.get(rel)
        if doc is None:
            doc = self.docs[rel] = new_doc(rel, section, HEADER)
        if not isinstance(doc.data.get(section), list):
            doc.data[section] = CommentedSeq()
        return doc

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
        node = found.node
        fields: dict[str, tuple[Any, Any]] = {}
        if section == "integrations":
            pair = (item.fields["from"], item.fields["to"])
            if {node.get("from"), node.get("to")} != set(pair):
                for name, value in zip(("from", "to"), pair, strict=True):
                    if (d := _set(node, section, name, value)) is not None:
                        fields[name] = d
        for name in OWNED[section]:
            if (d := _set(node, section, name, item.fields.get(name))) is not None:
                fields[name] = d
        if fields:
            ident = str(node.get("id") or item.id)
            self._record(section, ident, item.key, "update", fields, found.doc)

    def _retire(self, section: str, uuid: str, found: Located) -> None:
        node = found.node
        if node.get("status") == "retired":
            return
        d = _set(node, section, "status", "retired")
        ident = node.get("id") or f"{node.get('from')}-{node.get('to')}"
        if d is not None:
            self._record(section, str(ident), uuid, "retire", {"status": d}, found.doc)


def _deliveries(desired: Desired) -> dict[str, list[str]]:
    """System id -> the objects the imported integrations deliver to it (first import only)."""
    out: dict[str, list[str]] = {}
    for item in desired.integrations:
        for obj in item.fields.get("data") or []:
            objs = out.setdefault(item.fields["to"], [])
            if obj not in objs:
                objs.append(obj)
    return out
