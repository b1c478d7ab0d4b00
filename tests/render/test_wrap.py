"""Wrapping in linear time on any text, and rows that never exceed the width (issue 13)."""

from __future__ import annotations

import time

import pytest
from rich.cells import cell_len

from kommarch.render.styled import StyledLines

SAMPLES = {
    "zero-width": "a\u200b" * 40 + " ord " + "b\u200b" * 30,
    "cjk": "日本語" * 50 + " og " + "æøå " * 20,
    "emoji": "x😀" * 60,
    "mixed": "kort " + "日" * 7 + "x" * 200 + " 😀 slut",
}


@pytest.mark.parametrize("text", SAMPLES.values(), ids=SAMPLES.keys())
def test_rows_fit_the_width_and_keep_every_character(text: str) -> None:
    out = StyledLines(color=False, width=40)
    out.line(("KM002", "bold"), " ", text, indent=2, hang=6)
    rows = out.text().splitlines()
    assert all(cell_len(r) <= 40 for r in rows)
    assert "".join(rows).replace(" ", "") == ("KM002" + text).replace(" ", "")
    assert rows[0].startswith("  KM002")
    assert all(r.startswith("      ") for r in rows[1:])


def test_a_word_of_wide_characters_is_cut_at_the_cell_boundary() -> None:
    out = StyledLines(color=False, width=11)
    out.line("日" * 12)
    # 11 cells hold five wide characters; the sixth would need a twelfth cell
    assert out.text().splitlines() == ["日" * 5, "日" * 5, "日" * 2]


@pytest.mark.parametrize("unit", ["a\u200b", "日本", "x😀"])
def test_half_a_megabyte_in_one_word_wraps_in_linear_time(unit: str) -> None:
    # row by row re-measuring took minutes for 1 MB (quadratic); bench/wrap.py has the figures
    text = unit * (500_000 // len(unit.encode()))
    out = StyledLines(color=False, width=80)
    start = time.perf_counter()
    out.line(text, indent=2, hang=4)
    assert time.perf_counter() - start < 2.0
    assert len(out.text()) > len(text)
