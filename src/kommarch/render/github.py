"""``--format github``: GitHub Actions workflow commands that annotate the inventory files.

``::error file=PATH,line=L,col=C,title=KM201 missing-integration::message``; warnings become
``::warning`` and info ``::notice``. PATH is relative to the directory kommarch runs in (in a
workflow step, the repository checkout), so the annotations land on the files in the pull
request wherever the inventory lives.

GitHub shows at most 10 annotations of each type per step: the most severe come first, at most
10 errors, 10 warnings and 9 notices (the 10th notice is the summary line, which gives the
counts, the score and how many annotations were left out). Waived findings are not annotated;
the summary counts them.
"""

from __future__ import annotations

from typing import ClassVar

from kommarch.findings import Finding, Lang, Severity, Text
from kommarch.paths import Anchors
from kommarch.render.base import (
    Renderer,
    classification_label,
    counts_phrase,
    not_computed_text,
    score_text,
)
from kommarch.report import Report

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
_LIMIT = {Severity.ERROR: 10, Severity.WARNING: 10, Severity.INFO: 9}
_LEFT_OUT = (
    Text("annotering ikke vist", "annotation not shown"),
    Text("annoteringer ikke vist", "annotations not shown"),
)


def escape_data(text: str) -> str:
    """Escape a command's message: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as the message, plus ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(f: Finding, anchors: Anchors, lang: Lang) -> str:
    """One workflow command for ``f``."""
    props = [f"file={escape_property(anchors.cwd_path(f.location.path))}"]
    if f.location.line is not None:
        props.append(f"line={f.location.line}")
        if f.location.column is not None:
            props.append(f"col={f.location.column}")
    props.append(f"title={escape_property(f'{f.rule} {f.name}')}")
    return f"::{_COMMAND[f.severity]} {','.join(props)}::{escape_data(f.message.get(lang))}"


class GithubRenderer(Renderer):
    """Workflow commands, most severe first, then one summary notice."""

    name: ClassVar[str] = "github"

    def render(self, report: Report) -> str:
        """The annotations and the summary line, ending in a newline."""
        lines: list[str] = []
        left_out = 0
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            found = [f for f in report.findings if f.severity is severity and not f.waived]
            shown = found[: _LIMIT[severity]]
            left_out += len(found) - len(shown)
            lines += [annotation(f, report.anchors, report.lang) for f in shown]
        lines.append(f"::notice title=kommarch::{escape_data(self._summary(report, left_out))}")
        return "\n".join(lines) + "\n"

    @staticmethod
    def _summary(report: Report, left_out: int) -> str:
        lang = report.lang
        parts = [counts_phrase(report.counts, lang)]
        m = report.maturity
        if m is not None:
            parts.append(f"score {score_text(m.score, lang)} · {classification_label(m)}")
        elif report.not_computed:
            parts.append(f"score {not_computed_text(report.not_computed, lang)}")
        if left_out:
            noun = _LEFT_OUT[0] if left_out == 1 else _LEFT_OUT[1]
            parts.append(f"{left_out} {noun.get(lang)}")
        return " · ".join(parts)
