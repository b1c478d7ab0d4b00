"""Danish as a kommune writes it: texts held to the words never to use (docs/ordliste.md).

:func:`forbidden` is the helper: it reads the list from the glossary (one place) and returns the
forbidden words a Danish text contains, as whole words, in any case. It is applied here to what
``compare``, the HTML pages and the SVG charts write in Danish, and to the help of those
commands. (The rule and validation texts and the Markdown report are rewritten in a later
round; they join this test then.)
"""

from __future__ import annotations

import re
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from kommarch.render.meta import rule_index

REPO = Path(__file__).resolve().parents[1]
GLOSSARY = REPO / "docs" / "ordliste.md"
GOLDEN = REPO / "tests" / "golden"
NEVER = "## Ord vi ikke bruger"


@cache
def forbidden_words() -> tuple[str, ...]:
    """The first column of the glossary's table of words never to use."""
    text = GLOSSARY.read_text(encoding="utf-8")
    section = text[text.index(NEVER) :].split("\n## ")[0]
    rows = [line.split("|")[1].strip() for line in section.splitlines() if line.startswith("| ")]
    return tuple(w for w in rows[1:] if w and not w.startswith("---"))


def forbidden(text: str) -> list[str]:
    """The forbidden words in ``text`` (whole words, any case), in order of appearance."""
    words = "|".join(re.escape(w) for w in sorted(forbidden_words(), key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{words})(?![\w-])", re.IGNORECASE)
    return [m.group(0) for m in pattern.finditer(text)]


def test_the_glossary_lists_terms_and_forbidden_words() -> None:
    text = GLOSSARY.read_text(encoding="utf-8")
    terms = text[: text.index(NEVER)]
    rows = [line for line in terms.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) - 1 >= 30
    for term in (
        "systemoversigt",
        "gennemgang",
        "tiltag",
        "udbetaler ydelser",
        "dobbeltindtastning",
    ):
        assert f"| {term}" in terms
    assert set(forbidden_words()) >= {
        "inventar",
        "auditeret",
        "auditten",
        "løftestang",
        "løftestænger",
        "fund",
        "in-use",
        "phasing-out",
        "retired",
    }


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Inventar: 68 systemer (61 auditeret)", ["Inventar", "auditeret"]),
        ("Auditten fandt 16 fund om dobbeltindtastning", ["Auditten", "fund"]),
        ("Største løftestænger", ["løftestænger"]),
        ("skulle være udfaset, men har status phasing-out", ["phasing-out"]),
        ("Gennemgangen viser 16 tilfælde af dobbeltindtastning", []),
        ("Data er fundet i CPR; fundamentet er i orden", []),  # not whole words
        ("KY udbetaler ydelser og er i drift", []),
    ],
)
def test_forbidden_finds_whole_words(text: str, found: list[str]) -> None:
    assert forbidden(text) == found


DANISH_OUTPUTS = [
    "compare/compare.da.txt",
    "compare/compare.da.md",
    "compare/compare.da.html",
    "compare/compare.da.csv",
    "render/indicators.da.svg",
    "render/path.da.svg",
]


@pytest.mark.parametrize("name", DANISH_OUTPUTS)
def test_danish_outputs_use_no_forbidden_word(name: str) -> None:
    assert forbidden((GOLDEN / name).read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("command", ["compare", "report"])
def test_command_help(command: str) -> None:
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", command, "--help"],
        capture_output=True,
        text=True,
        check=True,
        env={"COLUMNS": "100", "PATH": ""},
    )
    assert "--format" in run.stdout
    assert forbidden(run.stdout) == []


# -- every Danish text kommarch writes --------------------------------------------------------
EXAMPLES = sorted(p.name for p in (REPO / "inventories").iterdir() if p.is_dir())
AS_OF = "2026-11-27"


def _strip_code(text: str) -> str:
    """Prose only: code spans hold YAML values and ids (``status: phasing-out``), not words."""
    return re.sub(r"`[^`\n]*`", "", text)


def kommarch(*args: str) -> str:
    run = subprocess.run(
        [sys.executable, "-m", "kommarch", *args],
        capture_output=True,
        text=True,
        check=False,
        env={"COLUMNS": "100", "PATH": "", "NO_COLOR": "1"},
    )
    assert run.returncode in (0, 1, 2), run.stderr
    return run.stdout + run.stderr


@pytest.mark.parametrize("code", sorted(rule_index()))
def test_every_rule_text_in_danish(code: str) -> None:
    info = rule_index()[code]
    for text in (info.title, info.rationale, info.remediation, info.group, info.subjects):
        assert forbidden(_strip_code(text.da)) == [], (code, text.da)


@cache
def glossary_terms() -> dict[str, tuple[str, ...]]:
    """The glossary's terms: an English word (without its parenthesis) -> the Danish terms for
    it (several rows may give one English word, e.g. finding: tilfælde, forhold)."""
    text = GLOSSARY.read_text(encoding="utf-8")
    terms: dict[str, tuple[str, ...]] = {}
    for line in text[: text.index(NEVER)].splitlines():
        cells = [c.strip() for c in line.split("|")[1:3]] if line.startswith("| ") else []
        if len(cells) < 2 or cells[0] in ("Dansk", "") or cells[0].startswith("---"):
            continue
        da, en = (re.sub(r"\s*\(.*?\)", "", c).strip().lower() for c in cells)
        if len(en) >= 5 and da != en:
            terms[en] = (*terms.get(en, ()), da)
    return terms


def off_glossary(da: str, en: str) -> list[str]:
    """The glossary's English terms ``en`` uses whose Danish term ``da`` does not (a Danish term
    counts when its first word appears, inflected: "systemejer" matches "systemejeren")."""
    out = []
    for term, danish in glossary_terms().items():
        if not re.search(rf"\b{re.escape(term)}s?\b", en.lower()):
            continue
        stems = [d.split()[0][: max(5, len(d.split()[0]) - 2)] for d in danish]
        if not any(stem in da.lower() for stem in stems):
            out.append(f"{term} -> {' / '.join(danish)}")
    return out


def test_off_glossary_finds_a_term_said_another_way() -> None:
    assert off_glossary("beskrivelsen passer ikke", "the inventory is wrong") == [
        "inventory -> systemoversigt"
    ]
    assert off_glossary("systemoversigten er forkert", "the inventory is wrong") == []
    assert off_glossary("ret forholdet", "fix the finding") == []
    assert off_glossary("ret tilfældet", "fix the finding") == []


@pytest.mark.parametrize("code", sorted(rule_index()))
def test_every_rule_text_uses_the_glossarys_terms(code: str) -> None:
    """Where a rule's English text uses a glossary term, its Danish text uses the glossary's
    Danish word for it: one term for one thing everywhere."""
    info = rule_index()[code]
    for text in (info.title, info.rationale, info.remediation, info.group, info.subjects):
        assert off_glossary(text.da, text.en) == [], (code, text.da, text.en)


@pytest.mark.parametrize("fmt", ["markdown", "text", "sarif", "github"])
@pytest.mark.parametrize("example", EXAMPLES)
def test_every_danish_output_of_every_example(example: str, fmt: str) -> None:
    out = kommarch(
        "audit", f"inventories/{example}", "--lang", "da", "--as-of", AS_OF, "--format", fmt
    )
    assert forbidden(_strip_code(out)) == []


@pytest.mark.parametrize("fmt", ["text", "github"])
def test_validation_messages_of_the_broken_fixture(fmt: str) -> None:
    out = kommarch("validate", "tests/fixtures/cli/broken", "--lang", "da", "--format", fmt)
    assert "KM00" in out
    assert forbidden(_strip_code(out)) == []


COMMANDS = [
    "",
    "validate",
    "audit",
    "report",
    "compare",
    "diff",
    "catalog",
    "rules",
    "explain",
    "graph",
    "init",
    "schema",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_every_help_text(command: str) -> None:
    out = kommarch(*([command] if command else []), "--help")
    assert "Usage" in out
    assert forbidden(out) == []
