"""The rules' ``feeds`` and ``mandatory`` metadata against what the scoring really counts.

A rule feeds an indicator when fixing one of its findings raises the indicator's met count (the
numerator) without adding a pair to it. The scoring's candidate fixes say both: the rule a fix
answers (:func:`kommarch.scoring.path.step_rule`) and the tally change it makes. Over every
rule's failing example and the bundled example municipalities, the (rule, indicator) pairs the
scoring produces must be exactly the pairs the rules declare: a rule that claims an indicator the
scoring never moves fails, and so does a fix the scoring counts for a rule that does not say so.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.scoring.scoringkit import AS_OF, MUNICIPALITY

from kommarch.graph import build_graph
from kommarch.inventory.models import Indicator
from kommarch.pipeline import validate
from kommarch.rules import REGISTRY
from kommarch.rules.base import AuditContext
from kommarch.scoring.assess import MANDATORY
from kommarch.scoring.maturity import analyse
from kommarch.scoring.path import step_rule
from kommarch.scoring.score import KEYS

EXAMPLES = Path(__file__).parents[2] / "inventories"
Pair = tuple[str, str]


def _context(path: Path) -> AuditContext:
    v = validate(path)
    assert [f.rule for f in v.findings if f.rule < "KM100"] == [], path
    return AuditContext(v.inventory, build_graph(v.inventory), v.config.config.settings, AS_OF)


def _counted(ctx: AuditContext) -> set[Pair]:
    """The (rule, indicator) pairs the scoring's candidate fixes raise, on one inventory."""
    raw = [f for rule in REGISTRY.values() for f in rule.check(ctx)]
    out: set[Pair] = set()
    for c in analyse(ctx.graph, raw).candidates:
        rule = step_rule(ctx.graph, c)[0]
        for i, key in enumerate(KEYS):
            if c.delta[2 * i] > 0 and c.delta[2 * i + 1] == 0:
                out.add((rule, key))
    return out


@pytest.fixture(scope="module")
def counted(tmp_path_factory: pytest.TempPathFactory) -> set[Pair]:
    """What the scoring counts over the rules' failing examples and the example municipalities."""
    roots = [p for p in sorted(EXAMPLES.iterdir()) if p.is_dir()]
    for code, rule in REGISTRY.items():
        if code.startswith("KM9"):
            continue  # kommarch.yaml snippets, no inventory
        root = tmp_path_factory.mktemp(code)
        (root / "inventory.yaml").write_text(MUNICIPALITY + rule.failing_example, "utf-8")
        roots.append(root)
    return {pair for root in roots for pair in _counted(_context(root))}


def declared() -> set[Pair]:
    return {(code, str(i)) for code, r in REGISTRY.items() for i in r.feeds}


def test_the_scoring_computes_every_indicator_a_rule_can_feed() -> None:
    assert [str(i) for i in Indicator] == list(KEYS)


def test_the_scoring_counts_no_rule_for_an_indicator_it_does_not_declare(
    counted: set[Pair],
) -> None:
    undeclared = sorted(counted - declared())
    assert undeclared == [], "add these indicators to the rules' feeds (or fix the scoring)"


def test_every_declared_feed_is_counted_by_the_scoring(counted: set[Pair]) -> None:
    uncounted = sorted(declared() - counted)
    assert uncounted == [], "these rules claim indicators the scoring never moves for them"


def test_the_declared_feeds() -> None:
    # the table of section 7 as the rules say it; a change here is a change of the score
    feeds = {code: tuple(str(i) for i in r.feeds) for code, r in REGISTRY.items() if r.feeds}
    assert feeds == {
        "KM101": ("register_data_reused", "no_duplicate_entry"),
        "KM102": ("no_duplicate_entry",),
        "KM103": ("ownership",),
        "KM104": ("ownership",),
        "KM201": ("register_data_reused", "integrations_intact"),
        "KM202": ("register_data_reused", "integrations_intact"),
        "KM302": ("common_infrastructure_used",),
        "KM303": ("common_infrastructure_used",),
        "KM304": ("common_infrastructure_used", "no_duplicate_entry"),
        "KM305": ("no_duplicate_entry",),
        "KM401": ("ownership",),
    }


def test_the_mandatory_elements_are_the_rules_that_say_so() -> None:
    assert (
        tuple(
            (r.mandatory.key, code, r.mandatory.name)
            for code, r in REGISTRY.items()
            if r.mandatory is not None
        )
        == MANDATORY
    )
    assert [(key, code, name.en) for key, code, name in MANDATORY] == [
        ("digital_post", "KM306", "Letters reach Digital Post"),
        ("no_closed_service", "KM309", "No closed service in use"),
    ]
