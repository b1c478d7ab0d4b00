"""Small readers of KITOS values: enums as strings or integers, dates, slugs, names."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_FOLD = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})

# KITOS sends enums as PascalCase strings, or as integers with X-KITOS-SERIALIZE-ENUM-AS-INTEGER.
# The integer values of the server's C# enums (Presentation.Web/Models/API/V2/Types).
LIFECYCLE = ("Undecided", "NotInUse", "PhasingIn", "Operational", "PhasingOut", "Pilot")
HOSTING = ("Undecided", "OnPremise", "External", "Hybrid")
YES_NO_DONT_KNOW = ("No", "Yes", "DontKnow", "Undecided")
YES_NO_IRRELEVANT = ("Yes", "No", "Irrelevant", "Undecided")
SENSITIVITY = ("None", "PersonData", "SensitiveData", "LegalData")


def enum_name(value: Any, names: tuple[str, ...]) -> str | None:
    """The enum's name whether it came as a string or an integer; unknown values pass through."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return names[value] if 0 <= value < len(names) else f"#{value}"
    return value if isinstance(value, str) else None


def get(obj: Any, *keys: str) -> Any:
    """``obj[k1][k2]...``; None as soon as a level is missing (every field is nullable)."""
    for k in keys:
        if not isinstance(obj, Mapping):
            return None
        obj = obj.get(k)
    return obj


def name_of(obj: Any) -> str | None:
    """``{uuid, name}`` -> the name, when it is a non-blank string."""
    n = get(obj, "name")
    return n.strip() if isinstance(n, str) and n.strip() else None


def uuid_of(obj: Any) -> str | None:
    """``{uuid, name}`` -> the lower-case uuid."""
    u = get(obj, "uuid")
    return u.lower() if isinstance(u, str) and u else None


def date_of(value: Any) -> dt.date | None:
    """The date part of an ISO timestamp (``2022-05-10T00:00:00Z`` -> 2022-05-10)."""
    if not isinstance(value, str) or not re.match(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def fold(text: str) -> str:
    """Lower case ASCII: æ->ae, ø->oe, å->aa, accents dropped (é->e)."""
    decomposed = unicodedata.normalize("NFKD", text.lower().translate(_FOLD))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def slug(text: str) -> str:
    """An inventory id from a name: folded, other runs -> ``-``, trimmed, at most 64 characters."""
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:64].rstrip("-") or "x"


def name_key(text: str) -> str:
    """A name compared case- and accent-insensitively, punctuation as spaces."""
    return " ".join(re.sub(r"[^a-z0-9]+", " ", fold(text)).split())
