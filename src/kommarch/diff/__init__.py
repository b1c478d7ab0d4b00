"""``kommarch diff``: what changed between two versions of an inventory, and what it did to the
audit (findings introduced and resolved, score and classification before and after).

The CLI calls :func:`diff_inventories` (two paths) or :func:`diff_git` (a revision range of a
git repository) and renders the result with :func:`kommarch.render.diff.render_diff`. Nothing
here prints or exits; "cannot run" is :class:`kommarch.errors.UsageError`.
"""

from __future__ import annotations

from kommarch.diff.gitrev import diff_git
from kommarch.diff.model import (
    DataFlowChange,
    FieldChange,
    IntegrationChange,
    IntegrationRef,
    InventoryDiff,
    Rename,
    Side,
    SystemChange,
    SystemRef,
)
from kommarch.diff.sides import diff_inventories

__all__ = [
    "DataFlowChange",
    "FieldChange",
    "IntegrationChange",
    "IntegrationRef",
    "InventoryDiff",
    "Rename",
    "Side",
    "SystemChange",
    "SystemRef",
    "diff_git",
    "diff_inventories",
]
