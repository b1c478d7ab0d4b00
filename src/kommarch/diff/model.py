"""What ``kommarch diff`` found between two versions of an inventory. Renderers read only this.

Every collection is sorted when an :class:`InventoryDiff` is built (systems and integrations by
id, data flows by system and object, findings in section 9 order), so every format is
deterministic. Values of changed fields are shown as text: dates ISO, lists joined with ", ",
booleans ``true``/``false``; ``None`` means the field is absent.
"""

from __future__ import annotations

from dataclasses import dataclass

from kommarch.findings import Counts, Finding, Lang, Municipality, Severity


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value differs (``None``: the field is absent on that side)."""

    field: str
    old: str | None
    new: str | None


@dataclass(frozen=True, slots=True)
class SystemRef:
    """A system that was added or removed."""

    id: str
    name: str
    status: str


@dataclass(frozen=True, slots=True)
class Rename:
    """A system whose new version keeps its old id in ``previous_ids``."""

    old_id: str
    new_id: str
    name: str


@dataclass(frozen=True, slots=True)
class SystemChange:
    """A system present on both sides (``previous_id`` when it was renamed) whose fields differ."""

    id: str
    name: str
    previous_id: str | None
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class IntegrationRef:
    """An integration that was added or removed."""

    id: str
    source: str
    target: str
    data: tuple[str, ...]
    status: str


@dataclass(frozen=True, slots=True)
class IntegrationChange:
    """An integration on both sides whose fields differ; ``previous_id`` when its default id
    ``<from>-<to>`` changed because an end was renamed."""

    id: str
    previous_id: str | None
    source: str
    target: str
    changes: tuple[FieldChange, ...]


@dataclass(frozen=True, slots=True)
class DataFlowChange:
    """One entry of a system's ``data`` map: added (``old`` None), removed (``new`` None) or
    changed between ``master``, ``integration`` and ``manual``."""

    system: str
    object: str
    old: str | None
    new: str | None

    @property
    def kind(self) -> str:
        """``added``, ``removed`` or ``changed``."""
        if self.old is None:
            return "added"
        return "removed" if self.new is None else "changed"


@dataclass(frozen=True, slots=True)
class Side:
    """One version of the inventory: its label, header, counts and maturity."""

    label: str
    municipality: Municipality
    counts: Counts
    score: float | None
    classification: str | None
    invalid: bool


@dataclass(frozen=True, slots=True)
class InventoryDiff:
    """Everything that changed from ``old`` to ``new``.

    ``introduced`` are findings of the new version with no counterpart in the old one;
    ``resolved`` are findings of the old version gone from the new one (subjects of renamed
    systems and integrations are translated first, so a rename alone changes nothing).
    ``waived``/``unwaived`` are findings on both sides whose waiver started or stopped applying
    (shown as they are in the new version).
    """

    old: Side
    new: Side
    systems_added: tuple[SystemRef, ...] = ()
    systems_removed: tuple[SystemRef, ...] = ()
    systems_renamed: tuple[Rename, ...] = ()
    systems_changed: tuple[SystemChange, ...] = ()
    integrations_added: tuple[IntegrationRef, ...] = ()
    integrations_removed: tuple[IntegrationRef, ...] = ()
    integrations_changed: tuple[IntegrationChange, ...] = ()
    data_flows: tuple[DataFlowChange, ...] = ()
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    waived: tuple[Finding, ...] = ()
    unwaived: tuple[Finding, ...] = ()
    lang: Lang = "da"  # the new side's configured language, the default for rendering

    @property
    def introduced_errors(self) -> tuple[Finding, ...]:
        """Unwaived errors the new version brings: introduced, or no longer waived.

        Validation errors (KM001-KM006) are errors too. The CLI fails a pull request on these.
        """
        return tuple(
            f
            for f in (*self.introduced, *self.unwaived)
            if not f.waived and f.severity is Severity.ERROR
        )

    @property
    def unchanged(self) -> bool:
        """Nothing differs: no inventory change, no finding introduced, resolved or re-waived,
        the same score and classification."""
        if (self.old.score, self.old.classification) != (self.new.score, self.new.classification):
            return False
        return not any(
            (
                self.systems_added,
                self.systems_removed,
                self.systems_renamed,
                self.systems_changed,
                self.integrations_added,
                self.integrations_removed,
                self.integrations_changed,
                self.data_flows,
                self.introduced,
                self.resolved,
                self.waived,
                self.unwaived,
            )
        )
