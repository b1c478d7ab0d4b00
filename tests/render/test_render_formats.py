"""The format table, the dispatch function and the shared vocabulary."""

from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from collections.abc import Callable

import pytest

import kommarch.render as render_pkg
from kommarch.findings import Counts
from kommarch.render import FORMATS, RENDERERS, Format, FormatError, render, renderer_class
from kommarch.render.base import Renderer, counts_phrase, distance_phrase, num, pct, score_text
from kommarch.report import Maturity, Report


def test_formats_table() -> None:
    assert FORMATS == {
        "validate": ("text", "json", "github"),
        "audit": ("text", "json", "markdown", "sarif", "github", "gitlab"),
    }


@pytest.mark.parametrize("fmt", list(Format))
def test_every_renderer_is_named_after_its_format(fmt: Format) -> None:
    assert renderer_class(fmt).name == fmt.value
    assert renderer_class(fmt.value) is RENDERERS[fmt]


def test_the_table_registers_every_renderer_class_once() -> None:
    """Every Renderer subclass of kommarch.render is in the table, under its own name."""
    modules = [
        importlib.import_module(f"kommarch.render.{m.name}")
        for m in pkgutil.iter_modules(render_pkg.__path__)
    ]
    defined = {
        cls
        for module in modules
        for cls in vars(module).values()
        if isinstance(cls, type)
        and issubclass(cls, Renderer)
        and cls is not Renderer
        and cls.__module__ == module.__name__
    }
    assert set(RENDERERS) == set(Format)
    assert set(RENDERERS.values()) == defined
    assert len(set(RENDERERS.values())) == len(RENDERERS)
    assert {cls.name for cls in defined} == {f.value for f in Format}
    offered = {f for formats in FORMATS.values() for f in formats}
    assert offered == set(Format)  # no format nobody offers


@pytest.mark.parametrize("command", ["validate", "audit"])
def test_every_format_ends_with_a_newline(
    make_audit: Callable[[str], Report], make_validate: Callable[..., Report], command: str
) -> None:
    report = make_audit("da") if command == "audit" else make_validate("da")
    for fmt in FORMATS[command]:
        assert render(report, fmt).endswith("\n"), fmt


def test_validate_does_not_offer_sarif(make_validate: Callable[..., Report]) -> None:
    with pytest.raises(FormatError, match="validate does not write 'sarif'"):
        render(make_validate("en"), "sarif")


def test_unknown_format() -> None:
    with pytest.raises(FormatError, match="unknown format 'yaml'"):
        renderer_class("yaml")


def test_numbers_per_language() -> None:
    assert (num(71.45833, "en"), num(71.45833, "da")) == ("71.5", "71,5")
    # shares and scores are rounded down, distances up: a U-kommune never reads as A
    assert (pct(0.875, "en"), pct(0.875, "da"), pct(None, "en")) == ("87%", "87 %", "–")
    assert (score_text(74.96, "en"), score_text(75.0, "da")) == ("74.9", "75,0")
    assert counts_phrase(Counts(1, 2, 0, 1), "en") == "1 error, 2 warnings, 0 info, 1 waived"
    assert counts_phrase(Counts(2, 1, 3, 2), "da") == ("2 fejl, 1 advarsel, 3 info, 2 dispenserede")


def test_distance_phrase(make_audit: Callable[[str], Report]) -> None:
    m = make_audit("en").maturity
    assert m is not None
    a = dataclasses.replace(
        m, classification="A", distance_to_a=0.0, infrastructure_gap=0, mandatory=()
    )
    one = dataclasses.replace(m, distance_to_a=0.0, infrastructure_gap=1, mandatory=())
    cases: list[tuple[Maturity, str, str]] = [
        (
            m,
            "en",
            "3.6 points to A; 2 more cases using the common infrastructure; "
            "the mandatory elements are not met",
        ),
        (a, "en", "meets the A criteria"),
        (a, "da", "opfylder kravene til A"),
        (one, "da", "1 tilfælde mere med brug af den fælleskommunale infrastruktur"),
    ]
    for maturity, lang, expected in cases:
        assert distance_phrase(maturity, lang) == expected  # type: ignore[arg-type]
