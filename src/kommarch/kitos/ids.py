"""Ids for new entries: the slug, then ``-2``, ``-3``, ... past every id already taken."""

from __future__ import annotations


class IdAllocator:
    """Hands out ids that are unique within one section (and past the reserved ones)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = set(taken)

    def take(self, base: str) -> str:
        """``base`` when free, else the next free ``base-N`` (N from 2), at most 64 characters."""
        base = base[:64].rstrip("-") or "x"
        candidate = base
        n = 1
        while candidate in self.taken:
            n += 1
            suffix = f"-{n}"
            candidate = base[: 64 - len(suffix)].rstrip("-") + suffix
        self.taken.add(candidate)
        return candidate
