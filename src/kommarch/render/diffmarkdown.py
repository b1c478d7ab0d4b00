"""The diff as a pull/merge request comment: a summary line, then collapsible sections.

The first line is the HTML comment ``<!-- kommarch-diff -->`` so that a CI job can find and
update its earlier comment instead of adding a new one. Every piece of inventory text is
escaped (:mod:`kommarch.render.mdtable`), and the comment is kept under GitHub's limit of
65,536 characters by shortening the longest tables, saying how many rows were left out.
"""

from __future__ import annotations

import html

from kommarch.diff.model import FieldChange, InventoryDiff
from kommarch.findings import Finding, Lang
from kommarch.render.base import SEVERITY_LABEL, WAIVED
from kommarch.render.diffwords import counts_change, new_errors, score, value, word
from kommarch.render.mdtable import Block, Slot, Table, code, escape, fit, prose

MARKER = "<!-- kommarch-diff -->"
MAX_COMMENT_BYTES = 60_000  # GitHub refuses comments over 65,536 characters; leave room


def render_markdown(d: InventoryDiff, lang: Lang) -> str:
    """The PR comment for ``d`` in ``lang``."""

    def w(key: str) -> str:
        return word(key, lang)

    name = d.new.municipality.name or d.old.municipality.name
    title = f"### {w('title')}: {escape(name)}" if name else f"### {w('title')}"
    errors = len(d.introduced_errors)
    summary = (
        f"**{w('score')} {escape(score(d.old, lang))} → {escape(score(d.new, lang))}**"
        f" · **{w('findings')} +{len(d.introduced)} / −{len(d.resolved)}**"
        + (f" · **{new_errors(errors, lang)}**" if errors else "")
        + f" · {counts_change(d, lang)}"
    )
    sides = f"{w('old')}: {escape(d.old.label)} · {w('new')}: {escape(d.new.label)}"
    blocks: list[Block] = [MARKER + "\n" + title, summary, sides, Slot()]
    if d.unchanged:
        blocks.append(w("unchanged"))
    sections = [
        ("introduced", _findings(d.introduced, lang), True),
        ("resolved", _findings(d.resolved, lang), False),
        ("waived", _findings(d.waived, lang), False),
        ("unwaived", _findings(d.unwaived, lang), True),
        ("systems", _systems(d, lang), False),
        ("integrations", _integrations(d, lang), False),
        ("data_flows", _data_flows(d, lang), False),
    ]
    for key, table, is_open in sections:
        if table.rows:
            summary_line = html.escape(f"{w(key)} ({len(table.rows)})", quote=False)
            blocks += [
                f"<details{' open' if is_open else ''}>\n<summary>{summary_line}</summary>",
                table,
                "</details>",
            ]
    return fit(
        blocks,
        MAX_COMMENT_BYTES,
        lambda n: f"_… {n} {w('rows_left_out')}_",
        lambda n: w("cut").replace("{n}", str(n)),
    )


def _table(keys: tuple[str, ...], rows: list[tuple[str, ...]], lang: Lang) -> Table:
    return Table(tuple(word(k, lang) for k in keys), rows)


def _findings(findings: tuple[Finding, ...], lang: Lang) -> Table:
    rows: list[tuple[str, ...]] = []
    for f in findings:
        severity = SEVERITY_LABEL[f.severity].get(lang)
        if f.waived:
            severity = f"{severity} ({WAIVED.get(lang)})"
        rows.append(
            (
                escape(severity),
                f"{code(f.rule)} {escape(f.name)}",
                ", ".join(code(s) for s in f.subjects),
                prose(f.message.get(lang)),
                code(str(f.location)),
            )
        )
    return _table(("severity", "rule", "subjects", "message", "location"), rows, lang)


def _changes(changes: tuple[FieldChange, ...], lang: Lang) -> str:
    return "<br>".join(
        f"{code(c.field)}: {escape(value(c.old, lang))} → {escape(value(c.new, lang))}"
        for c in changes
    )


def _was(previous_id: str | None, lang: Lang) -> str:
    return f" ({word('was', lang)} {code(previous_id)})" if previous_id else ""


def _systems(d: InventoryDiff, lang: Lang) -> Table:
    rows: list[tuple[str, ...]] = [
        (word(key, lang), code(s.id), escape(s.name), code(s.status))
        for key, group in (("added", d.systems_added), ("removed", d.systems_removed))
        for s in group
    ]
    rows += [
        (word("renamed", lang), f"{code(r.old_id)} → {code(r.new_id)}", escape(r.name), "")
        for r in d.systems_renamed
    ]
    rows += [
        (
            word("changed", lang),
            code(c.id) + _was(c.previous_id, lang),
            escape(c.name),
            _changes(c.changes, lang),
        )
        for c in d.systems_changed
    ]
    return _table(("change", "system", "name", "details"), rows, lang)


def _integrations(d: InventoryDiff, lang: Lang) -> Table:
    rows: list[tuple[str, ...]] = [
        (
            word(key, lang),
            code(i.id),
            f"{code(i.source)} → {code(i.target)}",
            ", ".join(code(o) for o in i.data),
            code(i.status),
        )
        for key, group in (("added", d.integrations_added), ("removed", d.integrations_removed))
        for i in group
    ]
    rows += [
        (
            word("changed", lang),
            code(c.id) + _was(c.previous_id, lang),
            f"{code(c.source)} → {code(c.target)}",
            "",
            _changes(c.changes, lang),
        )
        for c in d.integrations_changed
    ]
    return _table(("change", "integration", "route", "data", "details"), rows, lang)


def _data_flows(d: InventoryDiff, lang: Lang) -> Table:
    rows: list[tuple[str, ...]] = [
        (
            word(c.kind, lang),
            code(c.system),
            code(c.object),
            code(c.old) if c.old else "",
            code(c.new) if c.new else "",
        )
        for c in d.data_flows
    ]
    return _table(("change", "system", "object", "before", "after"), rows, lang)
