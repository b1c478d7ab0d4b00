"""Audit both versions of an inventory and put the comparison together."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from kommarch.diff.compare import compare_findings, compare_inventories
from kommarch.diff.model import InventoryDiff, Side
from kommarch.findings import Counts
from kommarch.inventory.merge import Inventory
from kommarch.pipeline import audit_validated, validate
from kommarch.report import Report


def _side(path: Path, config: Path | None, day: dt.date) -> tuple[Inventory, Report]:
    validated = validate(path, config)
    return validated.inventory, audit_validated(validated, as_of=day)


def _summary(report: Report, label: str) -> Side:
    m = report.maturity
    return Side(
        label=label,
        municipality=report.municipality,
        counts=Counts.of(report.findings),
        score=None if m is None else m.score,
        classification=None if m is None else m.classification,
        invalid=report.invalid,
    )


def diff_inventories(
    old: Path,
    new: Path,
    *,
    as_of: dt.date | None = None,
    config: Path | None = None,
    labels: tuple[str, str] | None = None,
) -> InventoryDiff:
    """Compare two inventories (directories or files), each audited on the same date.

    ``config`` applies to both sides; without it each side uses its own ``kommarch.yaml``.
    ``labels`` name the sides in the output (default: the paths as given). Raises
    :class:`kommarch.errors.UsageError` when a path does not exist.
    """
    day = as_of or dt.date.today()
    old_label, new_label = labels or (old.as_posix(), new.as_posix())
    old_inv, old_report = _side(old, config, day)
    new_inv, new_report = _side(new, config, day)
    return build_diff(old_inv, old_report, old_label, new_inv, new_report, new_label)


def build_diff(
    old_inv: Inventory,
    old_report: Report,
    old_label: str,
    new_inv: Inventory,
    new_report: Report,
    new_label: str,
) -> InventoryDiff:
    """The diff of two inventories and their audit reports."""
    inv = compare_inventories(old_inv, new_inv)
    found = compare_findings(old_report.findings, new_report.findings, inv.translate)
    return InventoryDiff(
        old=_summary(old_report, old_label),
        new=_summary(new_report, new_label),
        systems_added=inv.systems_added,
        systems_removed=inv.systems_removed,
        systems_renamed=inv.systems_renamed,
        systems_changed=inv.systems_changed,
        integrations_added=inv.integrations_added,
        integrations_removed=inv.integrations_removed,
        integrations_changed=inv.integrations_changed,
        data_flows=inv.data_flows,
        introduced=found.introduced,
        resolved=found.resolved,
        waived=found.waived,
        unwaived=found.unwaived,
        lang=new_report.lang,
    )
