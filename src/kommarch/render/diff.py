"""Render an :class:`~kommarch.diff.InventoryDiff` as plain text or JSON (Markdown lives in
:mod:`kommarch.render.diffmarkdown`): the output of ``kommarch diff``.
"""

from __future__ import annotations

import json
import unicodedata
from typing import Any, Literal

from kommarch import __version__
from kommarch.diff.model import InventoryDiff, Side
from kommarch.findings import Finding, Lang
from kommarch.render.base import SEVERITY_LABEL, WAIVED
from kommarch.render.diffmarkdown import render_markdown
from kommarch.render.diffwords import counts_change, score, value, word
from kommarch.render.jsonfmt import finding_json

DiffFormat = Literal["text", "markdown", "json"]
SCHEMA_VERSION = 1


def render_diff(d: InventoryDiff, fmt: DiffFormat, lang: Lang) -> str:
    """The diff in ``fmt`` and ``lang``, ending in a newline."""
    if fmt == "json":
        return json.dumps(diff_json(d, lang), indent=2, ensure_ascii=False) + "\n"
    if fmt == "markdown":
        return render_markdown(d, lang)
    return render_text(d, lang)


# --- text ----------------------------------------------------------------------------------


def plain(text: str) -> str:
    """``text`` on one line without control characters (no terminal escapes from a name)."""
    return " ".join("".join(" " if unicodedata.category(c) == "Cc" else c for c in text).split())


def _finding_line(sign: str, f: Finding, lang: Lang) -> list[str]:
    severity = SEVERITY_LABEL[f.severity].get(lang)
    if f.waived:
        severity = f"{severity}, {WAIVED.get(lang)}"
    return [
        f"  {sign} {f.location}: {f.rule} {f.name} [{plain(', '.join(f.subjects))}] ({severity})",
        f"      {plain(f.message.get(lang))}",
    ]


def render_text(d: InventoryDiff, lang: Lang) -> str:
    """Plain text for a terminal or a CI log."""
    name = d.new.municipality.name or d.old.municipality.name
    lines = [
        f"{word('title', lang)}: {plain(name)}" if name else word("title", lang),
        f"{word('old', lang)}: {plain(d.old.label)}",
        f"{word('new', lang)}: {plain(d.new.label)}",
        f"{word('score', lang)}: {score(d.old, lang)} → {score(d.new, lang)}",
        f"{word('findings', lang)}: +{len(d.introduced)} / −{len(d.resolved)}; "
        f"{counts_change(d, lang)}",
    ]
    if d.unchanged:
        return "\n".join([*lines, "", word("unchanged", lang)]) + "\n"
    sections: list[tuple[str, list[str]]] = [
        ("introduced", [x for f in d.introduced for x in _finding_line("+", f, lang)]),
        ("resolved", [x for f in d.resolved for x in _finding_line("-", f, lang)]),
        ("waived", [x for f in d.waived for x in _finding_line("~", f, lang)]),
        ("unwaived", [x for f in d.unwaived for x in _finding_line("!", f, lang)]),
        ("systems", _systems_text(d, lang)),
        ("integrations", _integrations_text(d, lang)),
        (
            "data_flows",
            [
                f"  {_SIGN[c.kind]} {c.system} {c.object}: "
                + (
                    f"{value(c.old, lang)} → {value(c.new, lang)}"
                    if c.kind == "changed"
                    else str(c.new or c.old)
                )
                for c in d.data_flows
            ],
        ),
    ]
    for key, body in sections:
        if body:
            lines += ["", word(key, lang), *body]
    return "\n".join(lines) + "\n"


_SIGN = {"added": "+", "removed": "-", "changed": "~"}


def _changes_text(changes: tuple[Any, ...], lang: Lang) -> list[str]:
    return [
        f"      {c.field}: {plain(value(c.old, lang))} → {plain(value(c.new, lang))}"
        for c in changes
    ]


def _systems_text(d: InventoryDiff, lang: Lang) -> list[str]:
    out = [f"  + {s.id}  {plain(s.name)} ({s.status})" for s in d.systems_added]
    out += [f"  - {s.id}  {plain(s.name)} ({s.status})" for s in d.systems_removed]
    out += [
        f"  {word('renamed', lang)} {r.old_id} → {r.new_id}  {plain(r.name)}"
        for r in d.systems_renamed
    ]
    for c in d.systems_changed:
        out.append(f"  ~ {c.id}  {plain(c.name)}")
        out += _changes_text(c.changes, lang)
    return out


def _integrations_text(d: InventoryDiff, lang: Lang) -> list[str]:
    out = [
        f"  {sign} {i.id}  {i.source} → {i.target} [{', '.join(i.data)}] ({i.status})"
        for sign, group in (("+", d.integrations_added), ("-", d.integrations_removed))
        for i in group
    ]
    for c in d.integrations_changed:
        was = f" ({word('was', lang)} {c.previous_id})" if c.previous_id else ""
        out.append(f"  ~ {c.id}{was}  {c.source} → {c.target}")
        out += _changes_text(c.changes, lang)
    return out


# --- json ----------------------------------------------------------------------------------


def _side_json(s: Side) -> dict[str, Any]:
    c = s.counts
    return {
        "label": s.label,
        "municipality": {"name": s.municipality.name, "code": s.municipality.code},
        "summary": {
            "errors": c.errors,
            "warnings": c.warnings,
            "info": c.info,
            "waived": c.waived,
            "score": None if s.score is None else round(s.score, 1),
            "classification": s.classification,
        },
        "invalid": s.invalid,
    }


def _changes_json(changes: tuple[Any, ...]) -> list[dict[str, Any]]:
    return [{"field": c.field, "old": c.old, "new": c.new} for c in changes]


def diff_json(d: InventoryDiff, lang: Lang) -> dict[str, Any]:
    """The diff as plain JSON data (messages in ``lang``)."""

    def integration(i: Any) -> dict[str, Any]:
        return {
            "id": i.id,
            "from": i.source,
            "to": i.target,
            "data": list(i.data),
            "status": i.status,
        }

    def findings(fs: tuple[Finding, ...]) -> list[dict[str, Any]]:
        return [finding_json(f, lang) for f in fs]

    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "kommarch", "version": __version__},
        "old": _side_json(d.old),
        "new": _side_json(d.new),
        "unchanged": d.unchanged,
        "introduced_errors": len(d.introduced_errors),
        "findings": {
            "introduced": findings(d.introduced),
            "resolved": findings(d.resolved),
            "waived": findings(d.waived),
            "unwaived": findings(d.unwaived),
        },
        "systems": {
            "added": [{"id": s.id, "name": s.name, "status": s.status} for s in d.systems_added],
            "removed": [
                {"id": s.id, "name": s.name, "status": s.status} for s in d.systems_removed
            ],
            "renamed": [
                {"old_id": r.old_id, "new_id": r.new_id, "name": r.name} for r in d.systems_renamed
            ],
            "changed": [
                {
                    "id": c.id,
                    "name": c.name,
                    "previous_id": c.previous_id,
                    "changes": _changes_json(c.changes),
                }
                for c in d.systems_changed
            ],
        },
        "integrations": {
            "added": [integration(i) for i in d.integrations_added],
            "removed": [integration(i) for i in d.integrations_removed],
            "changed": [
                {
                    "id": c.id,
                    "previous_id": c.previous_id,
                    "from": c.source,
                    "to": c.target,
                    "changes": _changes_json(c.changes),
                }
                for c in d.integrations_changed
            ],
        },
        "data_flows": [
            {"system": c.system, "object": c.object, "change": c.kind, "old": c.old, "new": c.new}
            for c in d.data_flows
        ],
    }
