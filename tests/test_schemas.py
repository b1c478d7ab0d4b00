"""The committed JSON Schemas are current and accept every bundled example inventory."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from kommarch.jsonschemas import schema_documents

REPO = Path(__file__).resolve().parents[1]
SCHEMAS = REPO / "schemas"
INVENTORIES = REPO / "inventories"


def test_committed_schemas_are_current() -> None:
    for name, text in schema_documents().items():
        committed = (SCHEMAS / name).read_text(encoding="utf-8")
        assert committed == text, f"schemas/{name} is stale: run `make schemas`"


def _as_json(value: Any) -> Any:
    """YAML 1.1 dates as the strings an editor's YAML 1.2 parser sees."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def _files() -> list[Path]:
    return sorted(p for p in INVENTORIES.rglob("*.yaml") if p.name != "kommarch.yaml")


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(INVENTORIES)))
def test_bundled_inventory_files_satisfy_the_schema(path: Path) -> None:
    schema = json.loads((SCHEMAS / "inventory.schema.json").read_text(encoding="utf-8"))
    data = _as_json(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) or {})
    jsonschema.Draft202012Validator(schema).validate(data)


@pytest.mark.parametrize(
    "path", sorted(INVENTORIES.rglob("kommarch.yaml")), ids=lambda p: p.parent.name
)
def test_bundled_configs_satisfy_the_schema(path: Path) -> None:
    schema = json.loads((SCHEMAS / "kommarch-config.schema.json").read_text(encoding="utf-8"))
    data = _as_json(yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader) or {})
    jsonschema.Draft202012Validator(schema).validate(data)


def test_schema_rejects_what_kommarch_rejects() -> None:
    schema = json.loads((SCHEMAS / "inventory.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    good = {
        "systems": [
            {"id": "ky", "name": "KY", "type": "finance", "status": "in-use", "kle": "32.24"}
        ]
    }
    assert list(validator.iter_errors(good)) == []
    bad: dict[str, Any]
    for bad in (
        {"systems": [{"id": "KY", "name": "KY", "type": "finance", "status": "in-use"}]},
        {
            "systems": [
                {"id": "ky", "name": "KY", "type": "finance", "status": "in-use", "kle": 32.3}
            ]
        },
        {"systems": [{"id": "ky", "name": "KY", "type": "finance", "status": "live"}]},
        {
            "systems": [
                {"id": "ky", "name": "KY", "type": "finance", "status": "in-use", "colour": "red"}
            ]
        },
        {"sytems": []},
        {"integrations": [{"from": "a", "to": "b", "data": []}]},
    ):
        assert list(validator.iter_errors(bad)), bad
