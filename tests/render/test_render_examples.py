"""The bundled example inventories through every format: schema-valid, deterministic."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from kommarch.pipeline import audit, validate, validation_report
from kommarch.render import FORMATS, render

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = sorted(p for p in (REPO / "inventories").iterdir() if p.is_dir())
AS_OF = dt.date(2026, 11, 27)


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_render_valid_json_and_sarif(example: Path) -> None:
    report_schema = _load(REPO / "schemas" / "report.schema.json")
    sarif_schema = _load(REPO / "tests" / "fixtures" / "sarif-schema-2.1.0.json")
    for lang in ("da", "en"):
        report = audit(example, as_of=AS_OF, lang=lang)
        jsonschema.Draft202012Validator(report_schema).validate(json.loads(render(report, "json")))
        jsonschema.Draft4Validator(sarif_schema).validate(json.loads(render(report, "sarif")))
    checked = validation_report(validate(example))
    jsonschema.Draft202012Validator(report_schema).validate(json.loads(render(checked, "json")))


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.name)
def test_examples_render_the_same_bytes_twice(example: Path) -> None:
    first, second = audit(example, as_of=AS_OF), audit(example, as_of=AS_OF)
    for fmt in FORMATS["audit"]:
        assert render(first, fmt) == render(second, fmt), fmt
