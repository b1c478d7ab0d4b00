"""Properties: any bytes give findings or success, never an exception; order never matters."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kommarch.inventory.loader import parse_bytes
from kommarch.inventory.merge import build_inventory
from kommarch.pipeline import validate

YAMLISH = st.sampled_from(
    [
        b"systems:",
        b"\n",
        b"  - ",
        b"id: ",
        b"ky",
        b"name: ",
        b"[",
        b"]",
        b"{",
        b"}",
        b": ",
        b"&a ",
        b"*a",
        b"!!python/object ",
        b"<<: ",
        b"---\n",
        b"\xef\xbb\xbf",
        b"\xff",
        b"\t",
        b"municipality:",
        b"integrations:",
        b"from: ",
        b"to: ",
        b"data: ",
        b"person",
        b"'",
        b'"',
        b"32.30",
        b"yes",
        b"2019-02-29",
        b"#",
        b"|",
        b">",
        b"%YAML 1.1\n",
        b"\x00",
        b"\r\n",
    ]
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.one_of(st.binary(max_size=300), st.lists(YAMLISH, max_size=60).map(b"".join)))
def test_any_bytes_give_findings_or_success(raw: bytes) -> None:
    loaded = parse_bytes(raw, "f.yaml")
    _, errors = build_inventory(".", [loaded])
    for f in errors:
        assert f.rule in {"KM001", "KM002", "KM003", "KM004", "KM005", "KM006"}
        assert f.location.path in {"f.yaml", "."}
    assert loaded.usable == (not any(f.rule == "KM001" for f in loaded.errors))


SYSTEMS = [
    ("sbsys", "case-management", "{person: integration, sag: master}"),
    ("ky", "line-of-business", "{person: integration, ydelse: master}"),
    ("nexus", "line-of-business", "{person: manual, sag: master, klient: master}"),
    ("opus", "finance", "{virksomhed: manual}"),
    ("bad", "nonsense", "{}"),
]
INTEGRATIONS = [
    "{from: cpr, to: sbsys, data: [person], via: serviceplatformen}",
    "{from: cpr, to: kyy, data: [person]}",
    "{from: sbsys, to: sdi, data: [sag], service: SF14}",
]


def _entry(sid: str, typ: str, data: str) -> str:
    return (
        f"  - id: {sid}\n    name: {sid.upper()}\n    type: {typ}\n"
        f"    status: in-use\n    data: {data}\n"
    )


def _write(root: Path, file_order: list[int], entry_order: list[int]) -> None:
    """One file per system, created in ``file_order``; integrations in ``entry_order``."""
    root.mkdir(parents=True, exist_ok=True)
    for i in file_order:
        sid, typ, data = SYSTEMS[i]
        (root / f"{sid}.yaml").write_text("systems:\n" + _entry(sid, typ, data))
    (root / "m.yaml").write_text("municipality: {name: Testkommune}\n")
    lines = [f"  - {INTEGRATIONS[i % len(INTEGRATIONS)]}" for i in entry_order]
    (root / "i.yaml").write_text("integrations:\n" + "\n".join(lines) + "\n")


def _findings(root: Path) -> list[tuple[str, tuple[str, ...], str, str]]:
    return [(f.rule, f.subjects, str(f.location), f.message.en) for f in validate(root).findings]


@settings(max_examples=20, deadline=None)
@given(st.permutations(range(len(SYSTEMS))), st.permutations(range(len(INTEGRATIONS))))
def test_shuffling_files_and_entries_does_not_change_the_findings(
    files: list[int], entries: list[int]
) -> None:
    natural = list(range(len(SYSTEMS)))
    with tempfile.TemporaryDirectory() as a, tempfile.TemporaryDirectory() as b:
        _write(Path(a), natural, list(range(len(INTEGRATIONS))))
        _write(Path(b), list(files), list(entries))
        first, second = _findings(Path(a)), _findings(Path(b))
        # files: byte-identical whatever order the file system lists them in
        assert [f for f in first if f[2].split(":")[0] != "i.yaml"] == [
            f for f in second if f[2].split(":")[0] != "i.yaml"
        ]
        # entries: the same findings, only their lines follow the entries
        assert sorted((r, s, m) for r, s, _, m in first) == sorted(
            (r, s, m) for r, s, _, m in second
        )
        assert sorted({(r, s) for r, s, _, _ in first}) == [
            ("KM002", ("bad",)),
            ("KM002", ("sbsys-sdi",)),
            ("KM005", ("cpr-kyy",)),
            ("KM005", ("nexus",)),
        ]
