"""The bundled KLE catalogue (KL's Emnesystematik, reference version 2022-05-01).

``data/kle.json`` comes from the OS2 KITOS front end under MPL-2.0 (``data/KLE-NOTICE.md``). It
is read once, on first use (never at start-up), into number -> title. A number that is not in
it is not an error: KLE grows (Barnets Lov 2024 added numbers), so rule KM311 only hints.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True, slots=True)
class KleCatalogue:
    """KLE numbers and their titles, and the catalogue's reference version (ISO date)."""

    version: str
    titles: dict[str, str]

    def title(self, number: str) -> str | None:
        """The title of ``number``, or None when the bundled catalogue does not know it."""
        return self.titles.get(number)


@cache
def kle() -> KleCatalogue:
    """Load the packaged KLE catalogue (cached)."""
    text = resources.files("kommarch").joinpath("data/kle.json").read_text("utf-8")
    raw = json.loads(text)
    titles = {e["kleNumber"]: e["description"] for e in raw["payload"]}
    return KleCatalogue(str(raw["referenceVersion"])[:10], dict(sorted(titles.items())))
