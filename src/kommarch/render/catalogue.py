"""``kommarch catalog``: the built-in catalogue as plain text, JSON or markdown."""

from __future__ import annotations

import json

from kommarch.catalogue import Catalogue, catalogue


def _object_rows(cat: Catalogue) -> list[tuple[str, str, str, str, str]]:
    return [
        (
            o.id,
            o.name.en,
            o.kind.value,
            o.authority or "—",
            "many" if o.many_masters else ("one" if o.kind.value == "municipal" else "—"),
        )
        for o in cat.objects.values()
    ]


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]]) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return out


def catalogue_text() -> str:
    """Plain text tables, one per part of the catalogue."""
    cat = catalogue()
    lines = [f"kommarch catalogue {cat.version}", "", "Systems (reserved ids)"]
    lines += _table(
        ("id", "name", "kind", "holds"),
        [
            (
                s.id,
                s.name,
                s.kind.value,
                ", ".join(sorted(s.distributes | s.indexes))
                or ("passes on" if s.passes_on else ""),
            )
            for s in cat.systems.values()
        ],
    )
    lines += ["", "Data objects"]
    lines += _table(("id", "name", "kind", "authority", "masters"), list(_object_rows(cat)))
    lines += ["", "Serviceplatformen services"]
    lines += _table(
        ("id", "name", "component", "status"),
        [
            (
                v.id,
                v.name,
                v.component,
                f"phased out (use {v.successor})"
                if v.phased_out and v.successor
                else ("phased out" if v.phased_out else "current"),
            )
            for v in cat.services.values()
        ],
    )
    return "\n".join(lines) + "\n"


def catalogue_markdown() -> str:
    """Markdown tables (for docs)."""
    text = catalogue_text().splitlines()
    out: list[str] = []
    for line in text:
        if set(line.replace(" ", "")) == {"-"}:
            continue
        out.append(line)
    return "\n".join(out) + "\n"


def catalogue_json() -> str:
    """The catalogue as JSON, with its version."""
    cat = catalogue()
    doc = {
        "catalogue_version": cat.version,
        "systems": [
            {
                "id": s.id,
                "name": s.name,
                "kind": s.kind.value,
                "owner": s.owner,
                "distributes": sorted(s.distributes),
                "indexes": sorted(s.indexes),
                "passes_on": s.passes_on,
            }
            for s in cat.systems.values()
        ],
        "data_objects": [
            {
                "id": o.id,
                "name": {"da": o.name.da, "en": o.name.en},
                "kind": o.kind.value,
                "authority": o.authority,
                "masters": "many" if o.many_masters else "one",
                "index": o.index,
            }
            for o in cat.objects.values()
        ],
        "services": [
            {
                "id": v.id,
                "name": v.name,
                "component": v.component,
                "objects": list(v.objects),
                "phased_out": v.phased_out,
                "successor": v.successor,
            }
            for v in cat.services.values()
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
