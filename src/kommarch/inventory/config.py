"""Find, parse and validate ``kommarch.yaml``; its errors use the same codes as the inventory's."""

from __future__ import annotations

import os
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from kommarch.findings import Finding, Text
from kommarch.inventory.loader import CONFIG_NAME, LoadedFile, confined, load_file
from kommarch.inventory.location import Location, YMap, YSeq, item_marks, key_mark, value_mark
from kommarch.inventory.models import Config
from kommarch.inventory.schemaerrors import did_you_mean, schema_findings
from kommarch.inventory.yamlerrors import yaml_error

VALIDATION_CODES = ("KM001", "KM002", "KM003", "KM004", "KM005", "KM006")


@dataclass(slots=True)
class LoadedConfig:
    """The configuration in force and where it came from (``path`` is None for defaults)."""

    config: Config = field(default_factory=Config)
    path: str | None = None
    waiver_locations: list[Location] = field(default_factory=list)


def config_path(inventory: Path, explicit: Path | None) -> Path | None:
    """``--config``, else ``kommarch.yaml`` in the root (next to a single-file inventory)."""
    if explicit is not None:
        return explicit
    root = inventory if inventory.is_dir() else inventory.parent
    candidate = root / CONFIG_NAME
    return candidate if os.path.lexists(candidate) else None  # load_config checks what it is


def display_path(path: Path, root: Path) -> str:
    """POSIX path relative to the inventory root when inside it, else as given."""
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def load_config(
    path: Path | None, root: Path, audit_codes: Collection[str]
) -> tuple[LoadedConfig, list[Finding]]:
    """Parse and validate the configuration; unknown rule codes are KM002 with a suggestion."""
    if path is None:
        return LoadedConfig(), []
    shown = display_path(path, root)
    refused = _refused(path, root)
    if refused is not None:
        return LoadedConfig(), [yaml_error("KM001", refused, shown, None, None)]
    if not os.path.lexists(path):
        return LoadedConfig(), [
            yaml_error(
                "KM001",
                Text(
                    f"konfigurationsfilen findes ikke: {shown}",
                    f"configuration file not found: {shown}",
                ),
                shown,
                None,
                None,
            )
        ]
    loaded: LoadedFile = load_file(path, shown)
    errors = list(loaded.errors)
    node = loaded.data
    if node is None:
        return LoadedConfig(path=shown), errors
    try:
        config = Config.model_validate(node)
    except ValidationError as exc:
        errors.extend(schema_findings(exc, Config, node, shown, None))
        return LoadedConfig(path=shown), errors
    errors.extend(_check_codes(config, node, shown, audit_codes))
    waivers = node.get("waivers")
    locations = []
    if isinstance(waivers, YSeq):
        locations = [Location(shown, line, col) for line, col in item_marks(waivers)]
    return LoadedConfig(config, shown, locations), errors


def _refused(path: Path, root: Path) -> Text | None:
    """Why a configuration inside the inventory folder is not read: a link leading out of it.

    The same rule as for the inventory's files (a pull request must not make kommarch read
    ``/etc/shadow`` as its configuration and quote it in a message).
    """
    try:
        if not path.is_symlink():
            return None
        real_root = root.resolve()
        if not path.parent.resolve().is_relative_to(real_root):
            return None  # a configuration kept elsewhere, named on the command line
        _, why = confined(path, real_root)
    except OSError:
        return None  # load_file says why it cannot be read
    return why


def _check_codes(
    config: Config, node: YMap, path: str, audit_codes: Collection[str]
) -> list[Finding]:
    errors: list[Finding] = []
    rules = node.get("rules")
    written = {str(k).strip().upper(): k for k in rules} if isinstance(rules, YMap) else {}
    for code in config.rules:
        assert isinstance(rules, YMap)
        line, col = key_mark(rules, written.get(code, code))  # codes are case-insensitive
        if code in VALIDATION_CODES:
            errors.append(
                yaml_error(
                    "KM002",
                    Text(
                        f"rules: {code} er en valideringsfejl og kan ikke konfigureres",
                        f"rules: {code} is a validation error and cannot be configured",
                    ),
                    path,
                    line,
                    col,
                )
            )
        elif code not in audit_codes:
            hint = did_you_mean(code, audit_codes)
            errors.append(
                yaml_error(
                    "KM002",
                    Text(
                        f"rules: ukendt regel {code}{hint.da}",
                        f"rules: unknown rule {code}{hint.en}",
                    ),
                    path,
                    line,
                    col,
                )
            )
    waivers = node.get("waivers")
    for i, waiver in enumerate(config.waivers):
        assert isinstance(waivers, YSeq)
        item = waivers[i]
        line, col = value_mark(item, "rule") if isinstance(item, YMap) else value_mark(waivers, i)
        if waiver.rule in VALIDATION_CODES or waiver.rule.startswith("KM9"):
            errors.append(
                yaml_error(
                    "KM002",
                    Text(
                        f"waivers: der kan ikke gives dispensation for {waiver.rule} (kun for "
                        "revisionsfund KM1xx-KM5xx)",
                        f"waivers: {waiver.rule} cannot be waived (only "
                        "audit findings KM1xx-KM5xx can)",
                    ),
                    path,
                    line,
                    col,
                )
            )
        elif waiver.rule not in audit_codes:
            hint = did_you_mean(waiver.rule, audit_codes)
            errors.append(
                yaml_error(
                    "KM002",
                    Text(
                        f"waivers: ukendt regel {waiver.rule}{hint.da}",
                        f"waivers: unknown rule {waiver.rule}{hint.en}",
                    ),
                    path,
                    line,
                    col,
                )
            )
    return errors
