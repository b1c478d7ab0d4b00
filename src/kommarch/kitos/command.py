"""What ``kommarch import kitos`` does between parsing options and printing: settings from the
environment and kommarch.yaml, the import, the summary and the exit code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from pathlib import Path

from kommarch.errors import UsageError
from kommarch.inventory.config import config_path, load_config
from kommarch.inventory.models import KitosConfig
from kommarch.kitos.client import ClientSettings, Credentials
from kommarch.kitos.run import Request, run_import
from kommarch.kitos.summary import summary_json, summary_text

DEFAULT_URL = "https://kitos.dk"


def _float(environ: Mapping[str, str], name: str, default: float) -> float:
    raw = environ.get(name)
    if raw is None:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise UsageError(f"{name} must be a number of seconds, got '{raw}'") from None
    if value < 0:
        raise UsageError(f"{name} must not be negative")
    return value


def _settings(inventory: Path) -> tuple[KitosConfig, str]:
    """The ``kitos`` section of kommarch.yaml (defaults when there is none) and the language."""
    path = config_path(inventory, None) if inventory.is_dir() else None
    if path is None:
        return KitosConfig(), "da"
    from kommarch.pipeline import audit_codes

    loaded, errors = load_config(path, inventory, audit_codes())
    if errors:
        first = errors[0]
        raise UsageError(f"{first.location}: {first.message.en}")
    return loaded.config.kitos, loaded.config.lang


def import_kitos(
    inventory: Path,
    *,
    org: str | None,
    url: str | None,
    from_snapshot: Path | None,
    save_snapshot: Path | None,
    mode: str,
    fmt: str,
    lang: str | None,
    environ: Mapping[str, str],
    progress: Callable[[str, int, int], None],
) -> tuple[str, int]:
    """Run the import; the summary text and the exit code (0, or 1 for drift under --check)."""
    settings, config_lang = _settings(inventory)
    base = url or environ.get("KITOS_URL") or settings.url or DEFAULT_URL
    if not re.fullmatch(r"https?://[^\s/?#]+(/[^\s?#]*)?", base):
        raise UsageError(f"the KITOS URL must look like https://kitos.dk, got '{base}'")
    request = Request(
        inventory=inventory,
        org=org or settings.org,
        url=base,
        credentials=Credentials(
            token=environ.get("KITOS_TOKEN") or None,
            email=environ.get("KITOS_EMAIL") or None,
            password=environ.get("KITOS_PASSWORD") or None,
        ),
        from_snapshot=from_snapshot,
        save_snapshot=save_snapshot,
        write=mode == "write",
        client=ClientSettings(
            timeout=_float(environ, "KITOS_TIMEOUT", 30.0),
            backoff=_float(environ, "KITOS_BACKOFF", 1.0),
        ),
    )
    outcome = run_import(request, settings, progress)
    text = (
        summary_json(outcome) if fmt == "json" else summary_text(outcome, lang or config_lang, mode)
    )
    return text, 1 if mode == "check" and outcome.changes else 0
