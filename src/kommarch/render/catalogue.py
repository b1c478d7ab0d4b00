"""``kommarch catalog``: the built-in catalogue as plain text, JSON or markdown.

Every register, component and service shows its responsible authority as of today, the source
that says so and the date it was last verified (contract section 6).
"""

from __future__ import annotations

import json

from kommarch.catalogue import Catalogue, Provenance, Service, catalogue

Rows = list[tuple[str, ...]]


def _object_rows(cat: Catalogue) -> Rows:
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


def _status(v: Service) -> str:
    how = "direct" if v.called.value == "direct" else "via serviceplatformen"
    if v.state.value == "active":
        return f"active, {how}"
    heir = f" (use {v.successor})" if v.successor else ""
    return f"{v.state.value}{heir}"


def _system_rows(cat: Catalogue) -> Rows:
    return [
        (
            s.id,
            s.name,
            s.kind.value,
            ", ".join(sorted(s.distributes | s.indexes)) or ("passes on" if s.passes_on else ""),
            *_provenance(s.provenance),
        )
        for s in cat.systems.values()
    ]


def _service_rows(cat: Catalogue) -> Rows:
    return [
        (v.id, v.name, v.component, _status(v), *_provenance(v.provenance))
        for v in cat.services.values()
    ]


def _provenance(p: Provenance) -> tuple[str, str, str]:
    return (p.authority, p.source, p.verified)


_SYSTEMS = ("id", "name", "kind", "holds", "authority", "source", "verified")
_OBJECTS = ("id", "name", "kind", "authority", "masters")
_SERVICES = ("id", "name", "component", "status", "authority", "source", "verified")


def _table(headers: tuple[str, ...], rows: Rows) -> list[str]:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()
    out = [line, "  ".join("-" * w for w in widths)]
    out += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    return out


def _md_table(headers: tuple[str, ...], rows: Rows) -> list[str]:
    def cells(r: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.replace("|", "\\|") for c in r) + " |"

    return [cells(headers), "|" + "---|" * len(headers), *(cells(r) for r in rows)]


def catalogue_text() -> str:
    """Plain text tables, one per part of the catalogue."""
    cat = catalogue()
    lines = [f"kommarch catalogue {cat.version}", "", "Systems (reserved ids)"]
    lines += _table(_SYSTEMS, _system_rows(cat))
    lines += ["", "Data objects"]
    lines += _table(_OBJECTS, _object_rows(cat))
    lines += ["", "Services (SF numbers)"]
    lines += _table(_SERVICES, _service_rows(cat))
    return "\n".join(lines) + "\n"


def catalogue_markdown() -> str:
    """Markdown tables (for docs)."""
    cat = catalogue()
    lines = [f"# kommarch catalogue {cat.version}", "", "## Systems (reserved ids)", ""]
    lines += _md_table(_SYSTEMS, _system_rows(cat))
    lines += ["", "## Data objects", ""]
    lines += _md_table(_OBJECTS, _object_rows(cat))
    lines += ["", "## Services (SF numbers)", ""]
    lines += _md_table(_SERVICES, _service_rows(cat))
    return "\n".join(lines) + "\n"


def _provenance_json(p: Provenance) -> dict[str, str]:
    return {"authority": p.authority, "source": p.source, "verified": p.verified}


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
                **_provenance_json(s.provenance),
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
                "called": v.called.value,
                "state": v.state.value,
                "successor": v.successor,
                **_provenance_json(v.provenance),
            }
            for v in cat.services.values()
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
