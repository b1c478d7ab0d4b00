"""The fuzz test of the suite: mutated example inventories through the public commands.

Every run must end in exit 0, 1 or 2 without a traceback, with JSON and SARIF that parse,
GraphML that an XML parser accepts and DOT that graphviz reads (:mod:`tests.fuzz.harness`).
``make fuzz`` runs the same inputs by the hundred thousand (docs/testing.md).
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.fuzz.harness import check, run
from tests.fuzz.mutate import OPERATORS, Operator
from tests.fuzz.run import commands, fmt_of, make_input


def _through_every_command(seed: int, index: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, done, baseline = make_input(seed, index, Path(tmp) / "input")
        rng = random.Random(f"{seed}:{index}:commands")
        for args in commands(rng, root, baseline):
            r = run(*args)
            check(r, fmt_of(args))
            assert r.code in (0, 1, 2), (done, args)


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_mutated_inventories_break_no_command(seed: int) -> None:
    _through_every_command(seed, 0)


@pytest.mark.parametrize("op", OPERATORS, ids=[op.__name__ for op in OPERATORS])
def test_every_mutation_alone_breaks_no_command(op: Operator) -> None:
    base = (Path(__file__).parents[1] / "inventories" / "havoe" / "systems.yaml").read_bytes()
    for n in range(4):
        rng = random.Random(f"{op.__name__}:{n}")
        with tempfile.TemporaryDirectory() as tmp:
            root = Path(tmp) / "inv"
            root.mkdir()
            (root / "systems.yaml").write_bytes(op(base, rng))
            for args in commands(rng, root, None):
                check(run(*args), fmt_of(args))
