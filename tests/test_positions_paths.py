"""Positions in any file (line breaks of every kind, letters of several bytes) and the paths
kommarch reads and refuses (links, pipes, devices, unreadable folders): issue 13."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kommarch.findings import Finding
from kommarch.inventory.loader import discover, parse_bytes
from tests.fuzz.harness import check, run

REPO = Path(__file__).resolve().parents[1]
HAVOE = REPO / "inventories" / "havoe"
BREAKS = {"LF": "\n", "CRLF": "\r\n", "CR": "\r", "NEL": "\x85", "LS": "\u2028", "PS": "\u2029"}


def located(raw: bytes) -> list[tuple[str, str, str]]:
    return [(f.rule, str(f.location), f.message.en) for f in parse_bytes(raw, "f.yaml").errors]


# --- positions ---------------------------------------------------------------------------------


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_forbidden_character_is_located_whatever_the_line_breaks(brk: str) -> None:
    text = f"a: 1{brk}b: 2{brk}name: Ærø Å\x07{brk}"
    assert located(text.encode()) == [
        (
            "KM001",
            "f.yaml:3:12",
            "the character U+0007 is not allowed in YAML (control characters must be escaped)",
        )
    ]


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_a_syntax_error_is_located_whatever_the_line_breaks(brk: str) -> None:
    text = f"a: 1{brk}b: 2{brk}name: Ærø: x{brk}"
    [(rule, where, _)] = located(text.encode())
    assert (rule, where) == ("KM001", "f.yaml:3:10")


@pytest.mark.parametrize("brk", BREAKS.values(), ids=BREAKS.keys())
def test_invalid_utf8_is_located_whatever_the_line_breaks(brk: str) -> None:
    raw = f"a: 1{brk}b: 2{brk}name: Ærø ".encode() + b"\xff\n"
    assert located(raw) == [
        ("KM001", "f.yaml:3:11", "not valid UTF-8 (byte 0xff); kommarch reads UTF-8 files only")
    ]


def test_a_bom_is_not_counted() -> None:
    assert located(b"\xef\xbb\xbfa: \x07\n")[0][1] == "f.yaml:1:4"


def test_byte_position_counts_characters_and_every_yaml_line_break() -> None:
    from kommarch.inventory.location import byte_position

    raw = "æ\r\nø\rå\x85é\u2028ü\u2029x".encode()
    assert byte_position(raw, len(raw) - 1) == (6, 1)
    assert byte_position(raw, 2) == (1, 2)  # after "æ" (two bytes), before CR
    assert byte_position("ææ\x07".encode(), 4) == (1, 3)


def test_utf32_is_named_utf32() -> None:
    for raw in (
        b"\xff\xfe\x00\x00" + "a: 1\n".encode("utf-32-le"),
        b"\x00\x00\xfe\xff" + "a: 1\n".encode("utf-32-be"),
    ):
        assert located(raw) == [("KM001", "f.yaml:1:1", "the file is UTF-32; save it as UTF-8")]
    assert located("a: 1\n".encode("utf-16"))[0][2] == "the file is UTF-16; save it as UTF-8"


def test_the_alias_ratio_error_points_at_the_alias_that_crossed_the_bound() -> None:
    raw = b"a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [" + b",".join([b"*a"] * 30) + b"]\n"
    [(rule, where, _)] = located(raw)
    # 15 nodes of its own allow 150 expanded: the 14th alias (11 nodes each) crosses it
    assert (rule, where) == ("KM001", "f.yaml:2:44")


def test_every_km001_has_a_line_and_column() -> None:
    samples = [
        b"a: \x07\n",
        b"\xff",
        b"a: [\n",
        b"a: !!python/object x\n",
        b"a: *nope\n",
        b"a: " + b"[" * 70 + b"]" * 70,
        b"a: 1\n---\nb: 2\n",
        b"- 1\n",
        b"a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [" + b",".join([b"*a"] * 30) + b"]\n",
        "a: 1".encode("utf-32"),
        "a: 1".encode("utf-16"),
    ]
    for raw in samples:
        for f in parse_bytes(raw, "f.yaml").errors:
            assert (f.rule, f.location.line is not None, f.location.column is not None) == (
                "KM001",
                True,
                True,
            ), raw


# --- paths -------------------------------------------------------------------------------------


@pytest.fixture
def inv(tmp_path: Path) -> Path:
    root = tmp_path / "inv"
    shutil.copytree(HAVOE, root)
    return root


def problems(root: Path) -> list[tuple[str, str]]:
    found: list[Finding] = []
    discover(root, found)
    return sorted((str(f.location), f.message.en) for f in found)


def test_a_link_leading_outside_the_root_is_not_read(inv: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:x:0:0:secret-content\n", encoding="utf-8")
    (inv / "x.yaml").symlink_to(secret)
    (inv / "elsewhere").symlink_to(tmp_path)  # a folder outside
    (inv / "inside.yaml").symlink_to(inv / "systems.yaml")  # inside: read
    found: list[Finding] = []
    _, files = discover(inv, found)
    assert [rel for _, rel in files] == [
        "havoe.yaml",
        "inside.yaml",
        "integrations.yaml",
        "processes.yaml",
        "systems.yaml",
    ]
    assert sorted((str(f.location), f.message.en) for f in found) == [
        ("elsewhere", "not read: the link leads outside the inventory folder"),
        ("x.yaml", "not read: the link leads outside the inventory folder"),
    ]
    r = run("validate", str(inv), "--format", "json")
    check(r, "json")
    assert b"secret-content" not in r.out
    assert r.code == 2


def test_a_root_config_linking_outside_is_not_read(inv: Path, tmp_path: Path) -> None:
    secret = tmp_path / "secret.yaml"
    secret.write_text("secret-content: 1\n", encoding="utf-8")
    (inv / "kommarch.yaml").symlink_to(secret)
    r = run("validate", str(inv))
    assert r.code == 2
    assert b"secret-content" not in r.out
    assert b"kommarch.yaml  KM001" in r.out


def test_dangling_and_looping_links_fifos_and_devices_are_located(inv: Path) -> None:
    (inv / "gone.yaml").symlink_to(inv / "nothing.yaml")
    (inv / "loop.yaml").symlink_to(inv / "loop.yaml")
    os.mkfifo(inv / "pipe.yaml")
    (inv / "notes").symlink_to(inv / "missing")  # not a YAML name: nothing to say
    assert problems(inv) == [
        ("gone.yaml", "not read: the link leads nowhere (its target does not exist)"),
        ("loop.yaml", "not read: the link leads round in a loop"),
        ("pipe.yaml", "not read: not a regular file (a named pipe, a device or a socket)"),
    ]
    r = run("audit", str(inv), "--format", "json")
    check(r, "json")
    assert r.code == 2


def test_an_unreadable_folder_is_located(inv: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (inv / "sub").mkdir()
    real = os.scandir

    def scandir(path: os.PathLike[str]) -> object:
        if Path(path).name == "sub":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    assert problems(inv) == [("sub", "not read: Permission denied")]


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root")
def test_an_unreadable_folder_as_an_unprivileged_user() -> None:
    # permission bits do not stop root (CI runs the tests as root): run as nobody
    base = Path(tempfile.mkdtemp(dir="/tmp"))
    try:
        base.chmod(0o755)
        root = base / "inv"
        shutil.copytree(HAVOE, root)
        for p in [root, *root.rglob("*")]:
            p.chmod(0o755 if p.is_dir() else 0o644)
        (root / "closed").mkdir(mode=0o700)  # owned by root: nobody may not read it
        (root / "locked.yaml").write_text("a: 1\n", encoding="utf-8")
        (root / "locked.yaml").chmod(0o600)
        r = subprocess.run(
            [
                *("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                *(sys.executable, "-m", "kommarch", "validate", str(root)),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(REPO / "src"), "NO_COLOR": "1"},
        )
        if r.returncode not in (0, 1, 2) or "Traceback" in r.stderr:
            pytest.skip(f"the unprivileged user cannot run this Python: {r.stderr[-200:]}")
        assert "closed  KM001 fejl  ikke læst: adgang nægtet" in r.stdout
        assert "locked.yaml  KM001 fejl  kan ikke læse filen: adgang nægtet" in r.stdout
        assert r.returncode == 2
        inside = root / "closed" / "inv"
        r = subprocess.run(
            [
                *("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"),
                *(sys.executable, "-m", "kommarch", "validate", str(inside)),
            ],
            capture_output=True,
            text=True,
            check=False,
            cwd="/",
            env={**os.environ, "PYTHONPATH": str(REPO / "src")},
        )
        assert (r.returncode, r.stdout, r.stderr) == (
            2,
            "",
            f"kommarch: cannot read file or directory {inside}: Permission denied\n",
        )
    finally:
        shutil.rmtree(base)


def test_a_path_in_a_folder_that_cannot_be_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Path.stat

    def stat(self: Path, **kw: bool) -> os.stat_result:
        if "closed" in self.parts:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, **kw)

    monkeypatch.setattr(Path, "stat", stat)
    r = run("validate", "/closed/inv")
    assert (r.code, r.out, r.err) == (
        2,
        b"",
        "kommarch: cannot read file or directory /closed/inv: Permission denied\n",
    )
    r = run("audit", str(HAVOE), "--config", "/closed/kommarch.yaml")
    assert (r.code, r.err) == (
        2,
        "kommarch: cannot read configuration file /closed/kommarch.yaml: Permission denied\n",
    )


def test_running_out_of_memory_names_the_inventory_size(monkeypatch: pytest.MonkeyPatch) -> None:
    import kommarch.pipeline

    def no_memory(*args: object) -> object:
        raise MemoryError

    monkeypatch.setattr(kommarch.pipeline, "build_inventory", no_memory)
    r = run("validate", str(HAVOE))
    size = sum(p.stat().st_size for p in HAVOE.glob("*.yaml")) / 1_000_000
    assert (r.code, r.out) == (2, b"")
    assert r.err == (
        f"kommarch: not enough memory to load the inventory {HAVOE} (4 files, {size:.1f} MB of "
        "YAML); kommarch needs about 12 times the size of the files in memory "
        "(docs/performance.md, 'Limits')\n"
    )
