"""National components in KITOS: catalogue systems that map to built-in catalogue ids, not systems.

The names and abbreviations live in ``data/kitos-names.json`` next to the catalogue;
``kommarch.yaml`` (``kitos.catalogue``) may add catalogue-system UUIDs or names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from functools import cache
from importlib import resources

from kommarch.kitos.values import name_key


@cache
def _known() -> dict[str, str]:
    raw = json.loads(
        resources.files("kommarch").joinpath("data/kitos-names.json").read_text("utf-8")
    )
    return {name_key(n): cid for cid, names in raw["names"].items() for n in names}


class NationalComponents:
    """Decides whether a KITOS catalogue system is a national component, and which."""

    def __init__(self, extra: Mapping[str, str]) -> None:
        self.by_uuid = {k.lower(): v for k, v in extra.items() if _is_uuid(k)}
        self.by_name = dict(_known())
        self.by_name.update({name_key(k): v for k, v in extra.items() if not _is_uuid(k)})

    def match(self, system_uuid: str | None, name: str | None) -> str | None:
        """The catalogue id of this catalogue system, or None when it is an ordinary system."""
        if system_uuid is not None and system_uuid in self.by_uuid:
            return self.by_uuid[system_uuid]
        if not name:
            return None
        candidates = [name, *re.findall(r"\(([^)]*)\)", name), name.split("(")[0]]
        for c in candidates:
            hit = self.by_name.get(name_key(c))
            if hit is not None:
                return hit
        return None


def _is_uuid(text: str) -> bool:
    return re.fullmatch(r"[0-9a-fA-F]{8}(-[0-9a-fA-F]{4}){3}-[0-9a-fA-F]{12}", text) is not None
