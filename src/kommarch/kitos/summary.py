"""Contract section 6: the change as text (people) or JSON (machines). Deterministic."""

from __future__ import annotations

import json
from typing import Any

from kommarch.kitos.merge import Change
from kommarch.kitos.run import Outcome

KINDS = ("system", "integration", "unit")
ACTIONS = ("add", "update", "retire")
_DA_KIND = {"system": "systemer", "integration": "integrationer", "unit": "organisationsenheder"}
_EN_KIND = {"system": "systems", "integration": "integrations", "unit": "units"}
_DA_ONE = {"unit": "enhed"}
_DA_ACTION = {"add": "tilføjet", "update": "opdateret", "retire": "udfaset"}
_EN_ACTION = {"add": "added", "update": "updated", "retire": "retired"}
_DA_REASON = {
    "no data objects can be derived": "ingen dataobjekter kan udledes",
    "both ends are the same system": "begge ender er samme system",
    "the used system is skipped in kommarch.yaml": "det brugte system springes over i "
    "kommarch.yaml",
    "the used system is not found": "det brugte system findes ikke i organisationen",
}


def _sorted(changes: list[Change]) -> list[Change]:
    return sorted(changes, key=lambda c: (KINDS.index(c.kind), c.id, c.kitos))


def counts(outcome: Outcome) -> dict[str, int]:
    """``systems_added``, ... ``relations_skipped``, ``systems_without_data``."""
    out = {f"{_EN_KIND[k]}_{_EN_ACTION[a]}": 0 for k in KINDS for a in ACTIONS}
    for c in outcome.changes:
        out[f"{_EN_KIND[c.kind]}_{_EN_ACTION[c.action]}"] += 1
    out["relations_skipped"] = len(outcome.desired.skipped)
    out["systems_without_data"] = len(outcome.empty_data)
    return out


def summary_json(outcome: Outcome) -> str:
    """The change as JSON (schema_version 1)."""
    org = outcome.data.org
    doc: dict[str, Any] = {
        "schema_version": 1,
        "org": {"uuid": org.uuid, "name": org.name, "cvr": org.cvr},
        "fetched_at": outcome.data.fetched_at,
        "counts": counts(outcome),
        "changes": [
            {
                "kind": c.kind,
                "id": c.id,
                "kitos": c.kitos,
                "action": c.action,
                "fields": {k: list(v) for k, v in c.fields.items()},
                "path": c.path,
                "line": c.line,
            }
            for c in _sorted(outcome.changes)
        ],
        "skipped": [
            {"relation": s.relation, "from": s.source, "to": s.target, "reason": s.reason}
            for s in sorted(outcome.desired.skipped, key=lambda s: s.relation)
        ],
        "systems_without_data": outcome.empty_data,
        "written": outcome.written,
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def _value(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, list | dict):
        return json.dumps(v, ensure_ascii=False)
    return f"'{v}'"


def summary_text(outcome: Outcome, lang: str, mode: str) -> str:
    """The change for people; ``mode`` is ``write``, ``dry-run`` or ``check``."""
    da = lang == "da"
    org = outcome.data.org
    c = counts(outcome)
    lines = [
        f"KITOS: {org.name} (CVR {org.cvr or '–'}, {org.uuid}), "
        + (f"hentet {outcome.data.fetched_at}" if da else f"fetched {outcome.data.fetched_at}")
    ]
    for kind in KINDS:
        label = (_DA_KIND if da else _EN_KIND)[kind]
        parts = [
            f"{c[f'{_EN_KIND[kind]}_{_EN_ACTION[a]}']} {(_DA_ACTION if da else _EN_ACTION)[a]}"
            for a in ACTIONS
        ]
        lines.append(f"  {label}: {', '.join(parts)}")
    skipped = c["relations_skipped"]
    lines.append(
        f"  relationer uden afledte data (ikke skrevet): {skipped}"
        if da
        else f"  relations without derivable data (not written): {skipped}"
    )
    body = []
    for ch in _sorted(outcome.changes):
        where = f"{ch.path}:{ch.line}"
        kind = _DA_ONE.get(ch.kind, ch.kind) if da else ch.kind
        if ch.action == "add":
            body.append(f"{where}  {kind} {ch.id}: {'tilføjet' if da else 'added'}")
            continue
        for name, (old, new) in ch.fields.items():
            body.append(f"{where}  {kind} {ch.id}: {name} {_value(old)} → {_value(new)}")
    if body:
        lines += ["", *body]
    if outcome.desired.skipped:
        lines.append("")
        for s in sorted(outcome.desired.skipped, key=lambda s: s.relation):
            hint = (
                f"tilføj `data:` til en integration med `kitos: {{relation: {s.relation}}}`"
                if da
                else f"add `data:` to an integration with `kitos: {{relation: {s.relation}}}`"
            )
            reason = _DA_REASON.get(s.reason, s.reason) if da else s.reason
            lines.append(f"relation {s.relation} ({s.source} → {s.target}): {reason}; {hint}")
    if outcome.empty_data:
        n = len(outcome.empty_data)
        lines += [
            "",
            f"Udfyld data-kortet for {n} systemer fra KITOS, så dobbeltindtastning kan findes: "
            "skriv master eller manual ud for deres data (KM406 i kommarch audit)."
            if da
            else f"Fill in the data map of {n} systems from KITOS to audit duplicate entry: "
            "record master or manual for their data (KM406 in kommarch audit).",
        ]
    lines += ["", _footer(outcome, da, mode)]
    return "\n".join(lines) + "\n"


def _footer(outcome: Outcome, da: bool, mode: str) -> str:
    if mode == "check":
        n = len(outcome.changes)
        if n:
            return (
                f"Systemoversigten afviger fra KITOS ({n} ændringer); intet er skrevet."
                if da
                else f"The inventory differs from KITOS ({n} changes); nothing written."
            )
        return "I takt med KITOS." if da else "In step with KITOS."
    if mode == "dry-run":
        return "Prøvekørsel: intet er skrevet." if da else "Dry run: nothing written."
    if not outcome.written:
        return "Ingen filer er ændret." if da else "No file changed."
    files = ", ".join(outcome.written)
    return f"Skrev {files}." if da else f"Wrote {files}."
