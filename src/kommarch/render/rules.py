"""The rule catalogue (``kommarch rules``, ``kommarch explain``) and the generated docs/rules.md.

docs/rules.md is generated from the registry, never edited by hand. Regenerate it with::

    python -m kommarch.render.rules > docs/rules.md

A test checks that the committed file equals :func:`rules_doc`.
"""

from __future__ import annotations

import json
import sys
import textwrap

from kommarch.findings import Lang, Text
from kommarch.render.base import SEVERITY_LABEL
from kommarch.render.meta import RuleInfo, catalogue, find_rule, principle_label

_WIDTH = 100

_L = {
    "rules": Text("Regler", "Rules"),
    "heading": Text("kommarch-regler", "kommarch rules"),
    "code": Text("Kode", "Code"),
    "name": Text("Navn", "Name"),
    "severity": Text("Alvor", "Severity"),
    "principle": Text("Princip", "Principle"),
    "group": Text("Gruppe", "Group"),
    "what": Text("Forholdet opstår, når", "Finding when"),
    "subjects": Text("Vedrører", "Subjects"),
    "why": Text("Hvorfor", "Why"),
    "fix": Text("Sådan retter du det", "How to fix it"),
    "failing": Text("Eksempel, der udløser reglen", "Failing example"),
    "passing": Text("Eksempel, der overholder reglen", "Passing example"),
    "intro": Text(
        "Alle koder, kommarch kan rapportere: valideringsfejl (KM001-KM006, systemoversigten er "
        "forkert) og revisionsregler (arkitekturen har huller). Alvor og til/fra kan ændres "
        "i kommarch.yaml.",
        "Every code kommarch can report: validation errors (KM001-KM006, the inventory is "
        "wrong) and audit rules (the architecture has gaps). Severities can be changed and "
        "rules turned off in kommarch.yaml.",
    ),
}


def _principle_short(info: RuleInfo) -> str:
    return "–" if info.principle is None else str(info.principle.value)


def _wrap(text: str, indent: int) -> str:
    pad = " " * indent
    return textwrap.fill(
        text,
        _WIDTH,
        initial_indent=pad,
        subsequent_indent=pad,
        break_long_words=False,
        break_on_hyphens=False,
    )


def known_codes() -> list[str]:
    """Every code ``explain`` accepts: KM001-KM006 and the registered rules, in order."""
    return [info.code for info in catalogue()]


def rules_text(lang: Lang) -> str:
    """Every code, grouped as in the catalogue, one rule per line plus its wrapped title."""
    lines: list[str] = []
    group: str | None = None
    for info in catalogue():
        heading = info.group.get(lang)
        if heading != group:
            if group is not None:
                lines.append("")
            lines.append(heading)
            group = heading
        severity = SEVERITY_LABEL[info.severity].get(lang)
        where = ""
        if info.principle is not None:
            where = f", {_L['principle'].get(lang).lower()} {_principle_short(info)}"
        lines.append(f"  {info.code}  {info.name} ({severity}{where})")
        lines.append(_wrap(info.title.get(lang), 9))
    return "\n".join(lines) + "\n"


def _text_json(text: Text) -> dict[str, str]:
    return {"da": text.da, "en": text.en}


def rules_json() -> str:
    """The catalogue as JSON, both languages, for tools."""
    rules = [
        {
            "code": i.code,
            "name": i.name,
            "severity": i.severity.value,
            "principle": None
            if i.principle is None
            else {"number": i.principle.value, **_text_json(i.principle.title)},
            "group": _text_json(i.group),
            "subjects": _text_json(i.subjects),
            "summary": i.summary,
            "title": _text_json(i.title),
            "rationale": _text_json(i.rationale),
            "remediation": _text_json(i.remediation),
            "failing_example": i.failing_example,
            "passing_example": i.passing_example,
        }
        for i in catalogue()
    ]
    return json.dumps({"schema_version": 1, "rules": rules}, ensure_ascii=False, indent=2) + "\n"


def _cell(text: str) -> str:
    """A markdown table cell that cannot break the table (backticks are ours: code spans)."""
    return " ".join(text.split()).replace("\\", "\\\\").replace("|", "\\|").replace("<", "&lt;")


def _anchor(info: RuleInfo, lang: Lang) -> str:
    return info.code.lower() if lang == "en" else f"{info.code.lower()}-da"


def _fence(example: str) -> list[str]:
    fence = "````" if "```" in example else "```"
    return [f"{fence}yaml", example.rstrip("\n"), fence]


def rules_markdown(lang: Lang, level: int = 1) -> str:
    """The catalogue as a markdown page: an overview table, then one section per rule.

    ``level`` is the level of the page heading; rule sections are one level below it.
    """
    h = "#" * level
    lines = [f"{h} {_L['heading'].get(lang)}", "", _L["intro"].get(lang), ""]
    head = [_L[k].get(lang) for k in ("code", "name", "severity", "principle", "group", "what")]
    lines.append("| " + " | ".join(head) + " |")
    lines.append("|---" * len(head) + "|")
    for i in catalogue():
        lines.append(
            f"| [{i.code}](#{_anchor(i, lang)}) | `{i.name}` | "
            f"{SEVERITY_LABEL[i.severity].get(lang)} | {_principle_short(i)} | "
            f"{_cell(i.group.get(lang))} | {_cell(i.title.get(lang))} |"
        )
    for i in catalogue():
        principle = "–" if i.principle is None else principle_label(i.principle, lang)
        lines += [
            "",
            f'{h}# <a id="{_anchor(i, lang)}"></a>{i.code} {i.name}',
            "",
            f"{i.title.get(lang)}",
            "",
            f"- **{_L['severity'].get(lang)}:** {SEVERITY_LABEL[i.severity].get(lang)}",
            f"- **{_L['principle'].get(lang)}:** {principle}",
            f"- **{_L['group'].get(lang)}:** {i.group.get(lang)}",
            f"- **{_L['subjects'].get(lang)}:** {i.subjects.get(lang)}",
            "",
            f"**{_L['why'].get(lang)}.** {i.rationale.get(lang)}",
            "",
            f"**{_L['fix'].get(lang)}.** {i.remediation.get(lang)}",
            "",
            f"{_L['failing'].get(lang)}:",
            "",
            *_fence(i.failing_example),
            "",
            f"{_L['passing'].get(lang)}:",
            "",
            *_fence(i.passing_example),
        ]
    return "\n".join(lines) + "\n"


def explain_text(code: str, lang: Lang) -> str:
    """One rule in full: rationale, remediation, a failing and a passing example.

    ``code`` may be a code or a rule name, in any case; an unknown one raises
    :class:`~kommarch.render.meta.UnknownRuleError` with a suggestion.
    """
    i = find_rule(code)
    principle = "" if i.principle is None else f" · {principle_label(i.principle, lang)}"
    lines = [
        f"{i.code} {i.name}",
        f"{SEVERITY_LABEL[i.severity].get(lang)}{principle} · {i.group.get(lang)}",
        f"{_L['subjects'].get(lang)}: {i.subjects.get(lang)}",
        "",
        _wrap(i.title.get(lang), 0),
    ]
    for key, body in (("why", i.rationale), ("fix", i.remediation)):
        lines += ["", _L[key].get(lang), _wrap(body.get(lang), 2)]
    for key, example in (("failing", i.failing_example), ("passing", i.passing_example)):
        lines += ["", _L[key].get(lang), textwrap.indent(example.rstrip("\n"), "    ")]
    return "\n".join(lines) + "\n"


def rules_doc() -> str:
    """docs/rules.md: the English catalogue, then the Danish one."""
    note = "<!-- Generated by `python -m kommarch.render.rules > docs/rules.md`; do not edit. -->"
    title = "# kommarch rules · regler"
    english = rules_markdown("en", level=2)
    danish = rules_markdown("da", level=2)
    return f"{note}\n\n{title}\n\n{english}\n{danish}"


def main() -> None:
    """Write docs/rules.md to stdout as UTF-8 with ``\\n`` line ends, on every platform."""
    sys.stdout.buffer.write(rules_doc().encode("utf-8"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
