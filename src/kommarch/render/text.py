"""Text output for people: score on top, findings grouped by FDA principle, counts at the end.

``color=True`` styles with rich's codes for the 16 standard ANSI colours; ``color=False`` writes
plain text without a single escape code. Locations are relative to the directory kommarch
runs in (``report.anchors.from_cwd``), so a terminal or an editor can open them as printed.
Lines are wrapped to ``width`` by :mod:`kommarch.render.styled`, which never asks the terminal
or the environment (``COLUMNS``, ``NO_COLOR``, ``FORCE_COLOR``, ``TERM``): the same report gives
the same bytes everywhere.
"""

from __future__ import annotations

from dataclasses import replace
from typing import ClassVar

from rich.cells import cell_len

from kommarch.findings import Finding, Lang, Severity, Text, long_date
from kommarch.paths import join
from kommarch.render.base import (
    FILES,
    SEVERITY_LABEL,
    WAIVED,
    Renderer,
    classification_label,
    counts_phrase,
    distance_phrase,
    municipality_label,
    not_computed_text,
    num,
    pct,
    plural,
    score_text,
)
from kommarch.render.meta import RuleInfo, principle_label, rule_index
from kommarch.render.styled import StyledLines
from kommarch.report import Maturity, Report

_SEVERITY_STYLE = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}
_MAX_LEVERS = 3
_MAX_STEPS = 5

_L = {
    "as_of": Text("pr.", "as of"),
    "validation": Text("Valideringsfejl", "Validation errors"),
    "other": Text("Øvrige forhold", "Other findings"),
    "subjects": Text("vedrører", "subjects"),
    "waiver": Text("dispensation", "waiver"),
    "levers": Text("Største tiltag", "Largest levers"),
    "score": Text("Point", "Score"),
    "path": Text("Vejen til A-kommune", "Path to A-kommune"),
    "more_steps": Text("trin mere (se --format markdown)", "more steps (see --format markdown)"),
    "none": Text("Gennemgangen viser ingen forhold.", "No findings."),
    "valid": Text("gyldig", "valid"),
    "points": Text("point", "points"),
}

# Group keys: 0 validation errors, 1-8 the FDA principles, 9 rules the registry does not know.
_VALIDATION, _OTHER = 0, 9


class TextRenderer(Renderer):
    """Readable at 80 columns; long messages wrap with a hanging indent."""

    name: ClassVar[str] = "text"

    def render(self, report: Report) -> str:
        """The report as text, ending in a newline."""
        out = StyledLines(color=self.color, width=self.width)
        _Writer(out, report.lang, report.anchors.from_cwd).write(report)
        return out.text()


class _Writer:
    """One rendering: where the lines go and the language."""

    def __init__(self, out: StyledLines, lang: Lang, prefix: str = "") -> None:
        self._line = out.line
        self._blank = out.blank
        self._lang = lang
        self._prefix = prefix  # from the current directory to the inventory root

    def write(self, report: Report) -> None:
        """Header and score, the findings by group, the counts."""
        self._header(report)
        self._body(report)
        self._footer(report)

    def _t(self, key: str) -> str:
        return _L[key].get(self._lang)

    # --- sections ------------------------------------------------------------------------

    def _header(self, report: Report) -> None:
        parts = [f"kommarch {report.tool_version}", report.command]
        if (label := municipality_label(report)) is not None:
            parts.append(label)
        if report.as_of is not None:
            parts.append(f"{self._t('as_of')} {long_date(report.as_of, report.lang)}")
        self._line((" · ".join(parts), "bold"), hang=2)
        if report.maturity is not None:
            self._maturity(report.maturity)
        elif report.not_computed:
            self._blank()
            text = not_computed_text(report.not_computed, self._lang)
            self._line((self._t("score") + " ", "bold"), (text, "bold red"), hang=2)
            self._blank()
        if report.command == "audit":
            self._line(counts_phrase(report.counts, self._lang), hang=2)

    def _maturity(self, m: Maturity) -> None:
        lang = self._lang
        style = "bold green" if m.classification == "A" else "bold red"
        self._blank()
        self._line(
            (self._t("score") + " ", "bold"),
            (f"{score_text(m.score, lang)} / 100", style),
            " · ",
            (classification_label(m), style),
            hang=2,
        )
        self._line(distance_phrase(m, lang), indent=2, hang=4)
        self._blank()
        names = [i.name.get(lang) for i in m.indicators]
        wide = max((cell_len(n) for n in names), default=0)
        for name, ind in zip(names, m.indicators, strict=True):
            fraction = f"{ind.numerator}/{ind.denominator}"
            padded = name + " " * (wide - cell_len(name))
            self._line(f"{padded}  {fraction:>9}  {pct(ind.value, lang):>5}", indent=2, hang=4)
        if m.levers:
            self._blank()
            self._line((self._t("levers"), "bold"), indent=2, hang=4)
            for lever in m.levers[:_MAX_LEVERS]:
                gain = f"+{num(lever.gain, lang)} {self._t('points')}"
                self._line((gain, "green"), "  ", lever.text.get(lang), indent=4, hang=6)
        if m.path_to_a:
            self._path(m)
        self._blank()

    def _path(self, m: Maturity) -> None:
        """The first steps of the path to A, each with the score and classification after."""
        lang = self._lang
        self._blank()
        self._line((self._t("path"), "bold"), indent=2, hang=4)
        for n, step in enumerate(m.path_to_a[:_MAX_STEPS], start=1):
            after = f"→ {score_text(step.score_after, lang)} {step.classification_after}"
            self._line(
                f"{n}. {step.rule}  ",
                step.action.get(lang),
                "  ",
                (after, "green"),
                indent=4,
                hang=7,
            )
        rest = len(m.path_to_a) - _MAX_STEPS
        if rest > 0:
            self._line(f"… {rest} {self._t('more_steps')}", indent=4, hang=6)

    def _body(self, report: Report) -> None:
        rules = rule_index()
        groups: dict[int, list[Finding]] = {}
        for f in report.findings:
            groups.setdefault(_group_of(f, rules), []).append(f)
        if not groups and report.command == "audit":
            self._blank()
            self._line(self._t("none"))
        for key in sorted(groups):
            self._blank()
            title = self._group_title(key, rules, groups[key])
            self._line((f"{title} ({len(groups[key])})", "bold underline"), hang=2)
            found = groups[key]
            if key == _VALIDATION:  # YAML syntax errors first: they explain the errors after them
                found = sorted(found, key=lambda f: f.rule != "KM001")
            for f in found:
                self._finding(f)

    def _group_title(self, key: int, rules: dict[str, RuleInfo], found: list[Finding]) -> str:
        if key == _VALIDATION:
            return self._t("validation")
        principle = rules[found[0].rule].principle if key != _OTHER else None
        if principle is None:
            return self._t("other")
        return principle_label(principle, self._lang)

    def _finding(self, f: Finding) -> None:
        lang = self._lang
        severity = SEVERITY_LABEL[f.severity].get(lang)
        where = str(replace(f.location, path=join(self._prefix, f.location.path)))
        if f.waived:
            text = f"{where}  {f.rule} {severity} ({WAIVED.get(lang)})  {f.message.get(lang)}"
            self._line((text, "dim"), indent=2, hang=6)
        else:
            self._line(
                (where, "bold"),
                "  ",
                (f.rule, "bold"),
                " ",
                (severity, _SEVERITY_STYLE[f.severity]),
                "  ",
                f.message.get(lang),
                indent=2,
                hang=6,
            )
        details: list[str] = []
        if f.subjects:
            details.append(f"{self._t('subjects')}: {', '.join(f.subjects)}")
        if f.waived and f.waiver_reason:
            details.append(f"{self._t('waiver')}: {f.waiver_reason}")
        for detail in details:
            self._line((detail, "dim"), indent=6, hang=8)

    def _footer(self, report: Report) -> None:
        self._blank()
        lang = self._lang
        if report.command == "audit":
            self._line((counts_phrase(report.counts, lang), "bold"))
            return
        errors = sum(1 for f in report.findings if not f.waived)
        files = report.stats.files if report.stats is not None else None
        if errors == 0:
            detail = "" if files is None else f" ({plural(files, *FILES, lang)})"
            self._line((f"✓ {self._t('valid')}", "bold green"), detail)
            return
        parts = [] if files is None else [plural(files, *FILES, lang)]
        parts.append(plural(errors, Text("fejl", "error"), Text("fejl", "errors"), lang))
        self._line((", ".join(parts), "bold red"))


def _group_of(f: Finding, rules: dict[str, RuleInfo]) -> int:
    info = rules.get(f.rule)
    if info is None:
        return _VALIDATION if f.rule < "KM100" else _OTHER
    return _VALIDATION if info.principle is None else info.principle.value
