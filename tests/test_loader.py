"""The loader: positions, YAML 1.1 resolution, safety bounds, encodings (KM001, KM003)."""

from __future__ import annotations

import datetime as dt
import resource
import time
from pathlib import Path

import pytest

from kommarch.inventory.loader import discover, parse_bytes
from kommarch.inventory.location import YMap, YSeq, item_marks, key_mark, value_mark


def errors(raw: bytes) -> list[tuple[str, int | None, int | None]]:
    lf = parse_bytes(raw, "f.yaml")
    return [(f.rule, f.location.line, f.location.column) for f in lf.errors]


def test_positions_of_keys_values_and_items() -> None:
    lf = parse_bytes(b"systems:\n  - id: ky\n    name: K\xc3\xb8b\n    kle: [a, b]\n", "f.yaml")
    top = lf.data
    assert isinstance(top, YMap)
    seq = top["systems"]
    assert isinstance(seq, YSeq)
    assert (seq.line, seq.col) == (2, 3)
    entry = seq[0]
    assert (entry.line, entry.col) == (2, 5)
    assert (key_mark(entry, "name"), value_mark(entry, "name")) == ((3, 5), (3, 11))
    assert item_marks(entry["kle"]) == [(4, 11), (4, 14)]


def test_columns_count_characters_not_bytes() -> None:
    lf = parse_bytes("a: æøå\nb: [æ, x]\n".encode(), "f.yaml")
    assert lf.data is not None
    assert item_marks(lf.data["b"]) == [(2, 5), (2, 8)]


def test_bom_is_not_counted_and_crlf_is_fine() -> None:
    lf = parse_bytes(b"\xef\xbb\xbfa: 1\r\nb: x\r\n", "f.yaml")
    assert lf.errors == []
    assert lf.data == {"a": 1, "b": "x"}
    assert lf.data is not None
    assert (key_mark(lf.data, "a"), value_mark(lf.data, "a")) == ((1, 1), (1, 4))
    assert (key_mark(lf.data, "b"), value_mark(lf.data, "b")) == ((2, 1), (2, 4))


@pytest.mark.parametrize("raw", [b"", b"# only a comment\n", b"~\n", b"null\n", b"---\n", b"\n\n"])
def test_empty_files_are_empty(raw: bytes) -> None:
    lf = parse_bytes(raw, "f.yaml")
    assert (lf.data, lf.errors, lf.usable) == (None, [], True)


def test_yaml_11_scalars_resolve_but_keep_their_text() -> None:
    lf = parse_bytes(b"v: [32.30, 012, yes, off, 2024-01-31, ~, '32.30', 0x1F]\n", "f.yaml")
    assert lf.data is not None
    seq = lf.data["v"]
    assert list(seq) == [32.3, 10, True, False, dt.date(2024, 1, 31), None, "32.30", 31]
    assert seq.raw == {0: "32.30", 1: "012", 2: "yes", 3: "off", 4: "2024-01-31", 5: "~", 7: "0x1F"}


def test_impossible_date_stays_text_for_the_schema_to_reject() -> None:
    lf = parse_bytes(b"d: 2019-02-29\n", "f.yaml")
    assert lf.data == {"d": "2019-02-29"}


def test_duplicate_key_is_km003_at_the_later_key_naming_the_first() -> None:
    lf = parse_bytes(b"a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml")
    assert [(f.rule, str(f.location)) for f in lf.errors] == [("KM003", "f.yaml:4:3")]
    assert "first at line 3" in lf.errors[0].message.en
    assert lf.usable
    assert lf.data == {"a": 1, "b": {"c": 1}}


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"a: !!python/object:os.system x\n", ("KM001", 1, 4)),
        (b"a: !custom 1\n", ("KM001", 1, 4)),
        (b"a: !!python/name:os.system\n", ("KM001", 1, 4)),
        (b"a: [1, 2\n", ("KM001", 2, 1)),
        (b"a: b: c\n", ("KM001", 1, 5)),
        (b"- 1\n- 2\n", ("KM001", 1, 1)),
        (b"just text\n", ("KM001", 1, 1)),
        (b"a: 1\n---\nb: 2\n", ("KM001", 2, 1)),
        (b"a: *nowhere\n", ("KM001", 1, 4)),
        (b"a: 1\nb: \xff\n", ("KM001", 2, 4)),
        (b"\xff\xfea\x00:\x00", ("KM001", 1, 1)),
        (b"a: !!int abc\n", ("KM001", 1, 4)),
        (b"a: \x07\n", ("KM001", 1, 4)),
    ],
)
def test_km001_variants(raw: bytes, expected: tuple[str, int, int]) -> None:
    lf = parse_bytes(raw, "f.yaml")
    assert not lf.usable
    assert errors(raw)[-1] == expected


def test_syntax_error_names_the_context() -> None:
    lf = parse_bytes(b"a: [1, 2\n", "f.yaml")
    assert "while parsing a flow sequence at line 1, column 4" in lf.errors[0].message.en


def test_standard_tags_are_accepted() -> None:
    lf = parse_bytes(b"a: !!str 123\nb: !!int '7'\nc: !!null ''\nd: !!map {x: 1}\n", "f.yaml")
    assert lf.errors == []
    assert lf.data == {"a": "123", "b": 7, "c": None, "d": {"x": 1}}


def test_anchors_aliases_and_merge_keys() -> None:
    raw = b"base: &b {vendor: KMD, hosting: saas}\ns:\n  <<: *b\n  hosting: hosted\n"
    lf = parse_bytes(raw, "f.yaml")
    assert lf.errors == []
    assert lf.data is not None
    assert dict(lf.data["s"]) == {"hosting": "hosted", "vendor": "KMD"}


def test_nesting_deeper_than_64_is_refused_before_composing() -> None:
    assert errors(b"a: " + b"[" * 64 + b"]" * 64) == [("KM001", 1, 67)]
    assert errors(b"a: " + b"[" * 63 + b"]" * 63) == []
    # far beyond what libyaml's composer survives: still a clean error, never a crash
    assert errors(b"[" * 30000 + b"]" * 30000)[0][0] == "KM001"


def billion_laughs(levels: int = 9) -> bytes:
    lines = [b'l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, levels + 1):
        refs = b",".join([f"*l{i - 1}".encode()] * 9)
        lines.append(f"l{i}: &l{i} [".encode() + refs + b"]")
    return b"\n".join(lines) + b"\n"


def test_alias_bomb_is_refused_fast_and_small() -> None:
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    lf = parse_bytes(billion_laughs(), "bomb.yaml")
    elapsed = time.perf_counter() - start
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    assert [f.rule for f in lf.errors] == ["KM001"]
    assert "aliases expand to too many nodes" in lf.errors[0].message.en
    assert elapsed < 2.0
    assert grown_kib < 200 * 1024


def test_modest_alias_use_is_fine_and_ten_times_is_the_bound() -> None:
    # 10 scalars + 1 seq = 11 nodes in the anchor; 9 aliases expand 99 < 10 x 21 nodes
    ok = b"a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [" + b",".join([b"*a"] * 9) + b"]\n"
    assert errors(ok) == []
    too_many = b"a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [" + b",".join([b"*a"] * 30) + b"]\n"
    assert errors(too_many) == [("KM001", 2, 44)]


def test_discover_sorted_skips_hidden_and_config(tmp_path: Path) -> None:
    for rel in [
        "b.yaml",
        "a/z.yml",
        "a/b.yaml",
        ".hidden/x.yaml",
        "a/.h.yaml",
        "kommarch.yaml",
        "sub/kommarch.yaml",
        "notes.txt",
        "a10/x.yaml",
        "a2/x.yaml",
    ]:
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text("")
    root, files = discover(tmp_path)
    assert root == tmp_path
    assert [rel for _, rel in files] == [
        "a/b.yaml",
        "a/z.yml",
        "a10/x.yaml",
        "a2/x.yaml",
        "b.yaml",
        "sub/kommarch.yaml",
    ]


def test_single_file_inventory_is_rooted_at_its_folder(tmp_path: Path) -> None:
    f = tmp_path / "inv.yaml"
    f.write_text("")
    assert discover(f) == (tmp_path, [(f, "inv.yaml")])


def test_positions_far_down_and_far_right_are_exact() -> None:
    # positions are packed into ints (location.pack): lines and columns beyond 16 bits must survive
    filler = "".join(f"k{i}: v, " for i in range(20_000))
    raw = ("\n" * 70_000 + "a: 1\nb: {" + filler + "last: [x, 2]}\n").encode()
    lf = parse_bytes(raw, "f.yaml")
    assert lf.data is not None and not lf.errors
    assert (key_mark(lf.data, "a"), value_mark(lf.data, "a")) == ((70_001, 1), (70_001, 4))
    inner = lf.data["b"]
    col = 5 + len(filler)
    assert (key_mark(inner, "last"), value_mark(inner, "last")) == (
        (70_002, col),
        (70_002, col + 6),
    )
    assert item_marks(inner["last"]) == [(70_002, col + 7), (70_002, col + 10)]
