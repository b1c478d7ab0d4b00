"""Rules of this family (to be filled)."""

from kommarch.rules.base import Rule

RULES: tuple[type[Rule], ...] = ()
