"""``kommarch catalog``: the built-in catalogue as plain text, JSON or markdown.

Every register, component and service shows its responsible authority as of today, the source
that says so and the date it was last verified (contract section 6). Text and markdown speak
Danish or English (``--lang``); JSON keeps the catalogue's own values (enum values, ids).
"""

from __future__ import annotations

import json

from kommarch.catalogue import Catalogue, Provenance, Service, catalogue
from kommarch.findings import Lang, Text

Rows = list[tuple[str, ...]]

_WORDS: dict[str, Text] = {
    # column heads
    "id": Text("id", "id"),
    "name": Text("navn", "name"),
    "kind": Text("art", "kind"),
    "holds": Text("har", "holds"),
    "authority": Text("ansvarlig myndighed", "authority"),
    "source": Text("kilde", "source"),
    "verified": Text("kontrolleret", "verified"),
    "masters": Text("mastere", "masters"),
    "component": Text("komponent", "component"),
    "status": Text("status", "status"),
    # values
    "register": Text("register", "register"),
    "channel": Text("distribution", "channel"),
    "infrastructure": Text("infrastruktur", "infrastructure"),
    "municipal": Text("kommunal", "municipal"),
    "many": Text("flere", "many"),
    "one": Text("én", "one"),
    "passes on": Text("videregiver alt", "passes on"),
    "active": Text("aktiv", "active"),
    "phasing-out": Text("under udfasning", "phasing out"),
    "closed": Text("lukket", "closed"),
    "direct": Text("direkte", "direct"),
    "via serviceplatformen": Text("via Serviceplatformen", "via Serviceplatformen"),
    "use": Text("brug", "use"),
    # titles
    "catalogue": Text("kommarch-kataloget", "kommarch catalogue"),
    "systems": Text("Systemer (reserverede id'er)", "Systems (reserved ids)"),
    "objects": Text("Dataobjekter", "Data objects"),
    "services": Text("Services (SF-numre)", "Services (SF numbers)"),
}


def _w(key: str, lang: Lang) -> str:
    return _WORDS[key].get(lang)


def _masters(many: bool, municipal: bool, lang: Lang) -> str:
    if many:
        return _w("many", lang)
    return _w("one", lang) if municipal else "—"


def _object_rows(cat: Catalogue, lang: Lang) -> Rows:
    return [
        (
            o.id,
            o.name.get(lang),
            _w(o.kind.value, lang),
            o.authority or "—",
            _masters(o.many_masters, o.kind.value == "municipal", lang),
        )
        for o in cat.objects.values()
    ]


def _status(v: Service, lang: Lang) -> str:
    how = _w("direct" if v.called.value == "direct" else "via serviceplatformen", lang)
    if v.state.value == "active":
        return f"{_w('active', lang)}, {how}"
    heir = f" ({_w('use', lang)} {v.successor})" if v.successor else ""
    return f"{_w(v.state.value, lang)}{heir}"


def _holds(held: set[str], passes_on: bool, lang: Lang) -> str:
    return ", ".join(sorted(held)) or (_w("passes on", lang) if passes_on else "")


def _system_rows(cat: Catalogue, lang: Lang) -> Rows:
    return [
        (
            s.id,
            s.name,
            _w(s.kind.value, lang),
            _holds(set(s.distributes | s.indexes), s.passes_on, lang),
            *_provenance(s.provenance),
        )
        for s in cat.systems.values()
    ]


def _service_rows(cat: Catalogue, lang: Lang) -> Rows:
    return [
        (v.id, v.name, v.component, _status(v, lang), *_provenance(v.provenance))
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


def _heads(keys: tuple[str, ...], lang: Lang) -> tuple[str, ...]:
    return tuple(_w(k, lang) for k in keys)


def catalogue_text(lang: Lang = "da") -> str:
    """Plain text tables, one per part of the catalogue."""
    cat = catalogue()
    lines = [f"{_w('catalogue', lang)} {cat.version}", "", _w("systems", lang)]
    lines += _table(_heads(_SYSTEMS, lang), _system_rows(cat, lang))
    lines += ["", _w("objects", lang)]
    lines += _table(_heads(_OBJECTS, lang), _object_rows(cat, lang))
    lines += ["", _w("services", lang)]
    lines += _table(_heads(_SERVICES, lang), _service_rows(cat, lang))
    return "\n".join(lines) + "\n"


def catalogue_markdown(lang: Lang = "da") -> str:
    """Markdown tables (for docs)."""
    cat = catalogue()
    lines = [f"# {_w('catalogue', lang)} {cat.version}", "", f"## {_w('systems', lang)}", ""]
    lines += _md_table(_heads(_SYSTEMS, lang), _system_rows(cat, lang))
    lines += ["", f"## {_w('objects', lang)}", ""]
    lines += _md_table(_heads(_OBJECTS, lang), _object_rows(cat, lang))
    lines += ["", f"## {_w('services', lang)}", ""]
    lines += _md_table(_heads(_SERVICES, lang), _service_rows(cat, lang))
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
