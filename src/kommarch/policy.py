"""What the municipality decided: rule settings, waivers (dispensationer) and the baseline.

:func:`apply_config` turns the raw rule findings into the findings in force: rules turned off are
dropped, configured severities set, waivers applied (section 13 "Waivers"), KM901/KM902 added.
The baseline is a small JSON file of fingerprints (rule + subjects, never positions) of findings
accepted as known; :func:`apply_baseline` reports only what is new since it was written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from kommarch.errors import UsageError, refusal
from kommarch.findings import Finding, Severity, Text, dates, fingerprint, sort_findings
from kommarch.inventory.config import LoadedConfig
from kommarch.inventory.location import Location
from kommarch.inventory.merge import Inventory
from kommarch.inventory.models import Config, Waiver
from kommarch.report import WaiverStatus
from kommarch.rules.waivers import WaiverExpired, WaiverUnused

BASELINE_SCHEMA_VERSION = 1


def _enabled(cfg: Config, code: str) -> bool:
    setting = cfg.rules.get(code)
    return setting is None or setting.enabled


def _configured(cfg: Config, f: Finding) -> Finding:
    setting = cfg.rules.get(f.rule)
    if setting is None or setting.severity is None:
        return f
    severity = Severity(setting.severity.value)
    return f if severity is f.severity else f.with_severity(severity)


def _waivable(code: str) -> bool:
    """Audit findings KM1xx-KM5xx; KM0xx and KM9xx never (config validation says so too)."""
    return "KM100" <= code < "KM900"


class _Index:
    """Findings by (rule, leading subjects), built lazily per (rule, prefix length) waivers use."""

    def __init__(self, findings: list[Finding]) -> None:
        self.by_rule: dict[str, list[int]] = {}
        for i, f in enumerate(findings):
            self.by_rule.setdefault(f.rule, []).append(i)
        self.findings = findings
        self.prefixes: dict[tuple[str, int], dict[tuple[str, ...], list[int]]] = {}

    def matching(self, rule: str, candidates: Iterable[tuple[str, ...]]) -> list[int]:
        """Indexes of findings of ``rule`` whose subjects start with any candidate prefix."""
        out: set[int] = set()
        for prefix in candidates:
            key = (rule, len(prefix))
            table = self.prefixes.get(key)
            if table is None:
                table = {}
                for i in self.by_rule.get(rule, ()):
                    subjects = self.findings[i].subjects
                    if len(subjects) >= len(prefix):
                        table.setdefault(subjects[: len(prefix)], []).append(i)
                self.prefixes[key] = table
            out.update(table.get(prefix, ()))
        return sorted(out)


def _candidates(w: Waiver, inv: Inventory) -> list[tuple[str, ...]]:
    """The waiver's subjects as written and with former ids translated to current ids."""
    options = [sorted({s, inv.current_id(s)}) for s in w.subjects]
    return [tuple(c) for c in itertools.product(*options)]


def _describe(w: Waiver) -> tuple[tuple[str, ...], str]:
    subjects = (w.rule, w.subjects[0]) if w.subjects else (w.rule,)
    shown = f"{w.rule} ({w.subjects[0]})" if w.subjects else w.rule
    return subjects, shown


def _policy_finding(
    rule: WaiverExpired | WaiverUnused, w: Waiver, loc: Location, matched: int
) -> Finding:
    subjects, shown = _describe(w)
    if isinstance(rule, WaiverExpired):
        back = (
            (f"; {matched} forhold står igen i rapporten", f"; {matched} finding(s) are back")
            if matched
            else ("", "")
        )
        day = dates(w.expires) if w.expires is not None else Text("–", "–")
        text = Text(
            f"Dispensationen for {shown} udløb {day.da}{back[0]}; ret forholdet, eller forny "
            "dispensationen",
            f"The waiver for {shown} expired on {day.en}{back[1]}; fix the finding or renew "
            "the waiver",
        )
    else:
        text = Text(
            f"Dispensationen for {shown} dækker ingen forhold; fjern den, eller ret dens emner",
            f"The waiver for {shown} matches no finding; remove it or correct its subjects",
        )
    return rule.finding(subjects, text, loc)


def apply_config(
    raw: list[Finding], cfg: LoadedConfig, inv: Inventory, as_of: dt.date
) -> tuple[list[Finding], list[WaiverStatus]]:
    """Rule settings and waivers applied; waived findings stay, marked. Waivers in config order."""
    config = cfg.config
    findings = [_configured(config, f) for f in raw if _enabled(config, f.rule)]
    index = _Index(findings)
    reasons: dict[int, str] = {}
    statuses: list[WaiverStatus] = []
    extra: list[Finding] = []
    fallback = Location(cfg.path or "kommarch.yaml")
    for n, w in enumerate(config.waivers):
        loc = cfg.waiver_locations[n] if n < len(cfg.waiver_locations) else fallback
        expired = w.expires is not None and as_of > w.expires
        hits = index.matching(w.rule, _candidates(w, inv)) if _waivable(w.rule) else []
        if not expired:
            for i in hits:
                reasons.setdefault(i, w.reason)
        statuses.append(
            WaiverStatus(
                rule=w.rule,
                subjects=tuple(w.subjects),
                reason=w.reason,
                approved_by=w.approved_by,
                expires=w.expires,
                state="expired" if expired else "active",
                matched=len(hits),
                location=loc,
            )
        )
        if not _waivable(w.rule):
            continue  # already a KM002 of the configuration: say nothing more
        if expired:
            extra.append(_policy_finding(WaiverExpired(), w, loc, len(hits)))
        if not hits:
            extra.append(_policy_finding(WaiverUnused(), w, loc, 0))
    out = [f.waive(reasons[i]) if i in reasons else f for i, f in enumerate(findings)]
    out.extend(_configured(config, f) for f in extra if _enabled(config, f.rule))
    return sort_findings(out), statuses


# --- baseline ----------------------------------------------------------------------------------


def write_baseline(findings: Iterable[Finding], path: Path) -> None:
    """Write the audit findings (KM1xx and up) as a baseline: sorted, stable, no positions.

    Waived findings are recorded too; validation errors (KM0xx) never are. A path that cannot be
    written raises ``UsageError``.
    """
    entries: dict[str, dict[str, Any]] = {}
    for f in findings:
        if f.rule < "KM100":
            continue  # validation errors are never accepted as known
        entries[f.fingerprint] = {
            "rule": f.rule,
            "subjects": list(f.subjects),
            "fingerprint": f.fingerprint,
        }
    ordered = sorted(entries.values(), key=lambda e: (e["rule"], e["subjects"]))
    doc = {
        "schema_version": BASELINE_SCHEMA_VERSION,
        "tool": {"name": "kommarch"},
        "findings": ordered,
    }
    try:
        path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise _usage_error(path, f"cannot write it ({exc.__class__.__name__})") from None


def _usage_error(path: Path, why: str) -> Exception:
    return UsageError(f"cannot use baseline {path}: {why}")


def baseline_fingerprints(path: Path) -> set[str]:
    """The fingerprints a baseline file accepts; a bad file raises ``UsageError`` naming it."""
    kind, why = refusal(path, directory=False)  # never open a named pipe or a device
    if kind is None:
        raise _usage_error(path, why or "no such file")
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise _usage_error(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise _usage_error(path, f"cannot read it ({exc.__class__.__name__})") from None
    except json.JSONDecodeError as exc:
        raise _usage_error(
            path, f"not valid JSON (line {exc.lineno}, column {exc.colno})"
        ) from None
    except RecursionError:
        raise _usage_error(path, "not a kommarch baseline (nested too deeply)") from None
    except ValueError:  # a number longer than Python reads (4,300 digits)
        raise _usage_error(path, "not a kommarch baseline (a number too long to read)") from None
    if not isinstance(doc, dict) or doc.get("schema_version") != BASELINE_SCHEMA_VERSION:
        raise _usage_error(
            path, f"not a kommarch baseline (schema_version {BASELINE_SCHEMA_VERSION} expected)"
        )
    items = doc.get("findings")
    if not isinstance(items, list):
        raise _usage_error(path, "'findings' must be a list")
    out: set[str] = set()
    for n, item in enumerate(items):
        fp = item.get("fingerprint") if isinstance(item, dict) else None
        if not isinstance(fp, str):
            raise _usage_error(path, f"finding {n + 1} has no fingerprint")
        out.add(fp)
        rule, subjects = item.get("rule"), item.get("subjects")
        if (
            isinstance(rule, str)
            and isinstance(subjects, list)
            and all(isinstance(s, str) for s in subjects)
        ):
            out.add(fingerprint(rule, tuple(subjects)))  # survives a fingerprint change
    return out


def apply_baseline(findings: list[Finding], path: Path) -> list[Finding]:
    """Only the findings that are not in the baseline (waived ones are filtered the same way)."""
    known = baseline_fingerprints(path)
    return [f for f in findings if f.fingerprint not in known]
