"""Deterministic synthetic inventories for the benchmark (inventory format v1).

``generate(root, n)`` writes an inventory of ``n`` systems and about ``3 n`` integrations, split
like a real repository: ``systems/<area>-NNNN.yaml`` with 50 systems (and the area's own data
object), the matching ``integrations/<area>-NNNN.yaml``, plus ``municipality.yaml``,
``organisation.yaml``, ``systems/infrastruktur.yaml`` (the integration platform) and
``processes.yaml``. About 1 KB of YAML per system. The same ``(n, seed)`` always gives the same
bytes, and the result validates without a single KM0xx finding; a few percent of systems carry the
gaps real inventories have (manual register data, a missing integration, no owner, an RPA robot,
a private CPR extract), so the audit has work to do.
"""

from __future__ import annotations

import calendar
import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

GENERATOR_VERSION = "3"
PER_FILE = 50
STAMP = ".bench-stamp"  # hidden: kommarch skips it

# slug, name, units, KLE numbers, products (name, vendor, type), area data object (slug, name)
_Area = tuple[
    str, str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...], tuple[str, str]
]
AREAS: tuple[_Area, ...] = (
    (
        "beskaeftigelse",
        "Beskæftigelse",
        ("jobcenter", "ydelsescenter"),
        ("15.00", "32.24.04", "32.30.04", "32.24"),
        (
            ("Momentum", "Netcompany", "case-management"),
            ("KY", "Netcompany", "line-of-business"),
            ("KSD", "Netcompany", "line-of-business"),
            ("Fasit", "Schultz", "line-of-business"),
        ),
        ("jobplan", "Borgerens jobplan"),
    ),
    (
        "social",
        "Social og Handicap",
        ("socialafdeling", "handicapcenter"),
        ("27.36.04", "27.24", "27.12"),
        (
            ("DUBU", "Netcompany", "case-management"),
            ("Bosted", "Visma", "line-of-business"),
            ("Nexus Social", "Systematic", "line-of-business"),
        ),
        ("handleplan", "Borgerens handleplan"),
    ),
    (
        "boern-og-unge",
        "Børn og Unge",
        ("dagtilbud", "skoleafdeling"),
        ("28.09.40", "17.03.08", "17.01"),
        (
            ("Aula", "Netcompany", "self-service"),
            ("Tabulex Børn", "Tabulex", "line-of-business"),
            ("Pladsanvisning", "KMD", "line-of-business"),
        ),
        ("elevplan", "Elevplan og skoleskift"),
    ),
    (
        "sundhed-og-aeldre",
        "Sundhed og Ældre",
        ("hjemmepleje", "sundhedsafdeling"),
        ("27.36.04", "29.30", "27.12.04"),
        (
            ("Nexus", "Systematic", "line-of-business"),
            ("Cura", "Systematic", "line-of-business"),
            ("Tandplejen", "Opus Systemer", "line-of-business"),
        ),
        ("visitation", "Visitationsafgørelse"),
    ),
    (
        "teknik-og-miljoe",
        "Teknik og Miljø",
        ("byggesag", "natur-og-miljoe"),
        ("02.34.02", "02.00", "09.02"),
        (
            ("Byg og Miljø", "Sweco", "case-management"),
            ("GeoEnviron", "Geopartner", "line-of-business"),
            ("LIFA Kortværk", "LIFA", "analytics"),
        ),
        ("byggesagsjournal", "Byggesagsjournal og tilsyn"),
    ),
    (
        "administration",
        "Økonomi og Løn",
        ("oekonomi", "loen-og-personale"),
        ("81.00.00", "85.02", "00.01"),
        (
            ("Opus Økonomi", "KMD", "finance"),
            ("Prisme", "Fujitsu", "finance"),
            ("Silkeborg Data Løn", "Silkeborg Data", "hr"),
            ("SBSYS", "Dedikeret", "case-management"),
        ),
        ("postering", "Økonomiske posteringer"),
    ),
    (
        "borgerservice",
        "Borgerservice og Kultur",
        ("borgerservice", "kultur-og-fritid"),
        ("00.05", "25.00", "20.00"),
        (
            ("Selvbetjening", "Netcompany", "self-service"),
            ("Cicero", "DBC", "line-of-business"),
            ("Foreningsportal", "Conventus", "self-service"),
            ("KMD Valg", "KMD", "other"),
        ),
        ("booking", "Booking af lokaler og haller"),
    ),
)
FIRST = (
    "Hanne",
    "Lars",
    "Søren",
    "Mette",
    "Jørgen",
    "Birgitte",
    "Bjørn",
    "Åse",
    "Anders",
    "Signe",
    "Mads",
    "Line",
    "Kristian",
    "Sørine",
    "Øjvind",
)
LAST = (
    "Holm",
    "Brix",
    "Sørensen",
    "Jørgensen",
    "Mølgaard",
    "Kjær",
    "Bæk",
    "Østergaard",
    "Ågaard",
    "Dahl",
    "Lund",
    "Nørgaard",
)
ROLES = ("Systemejer", "Afdelingsleder", "Teamleder", "Fagchef", "Digitaliseringskonsulent")
REGISTERS = (
    ("cpr", "person", "serviceplatformen", "SF1520"),
    ("cvr", "virksomhed", "serviceplatformen", "SF1530"),
    ("dar", "adresse", "datafordeleren", None),
    ("bbr", "bygning", "datafordeleren", None),
)
# what the system masters -> the index it must feed (KM302/KM303/KM306)
INDEXES = (
    (("sag", "dokument"), "sdi", "SF1470"),
    (("ydelse",), "ydelsesindeks", None),
    (("brev",), "postkomponent", "SF1601"),
)
PLATFORM = "integrationsplatform"
_TR = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa"})
_PLAIN = re.compile(r"^[A-Za-zÆØÅæøå][^:#\"'\n{}\[\]]*$")


def q(text: str) -> str:
    """``text`` as a YAML scalar: plain when that reads back as the same string, else quoted."""
    if _PLAIN.match(text) and text.lower() not in (
        "yes",
        "no",
        "on",
        "off",
        "true",
        "false",
        "null",
        "y",
        "n",
    ):
        return text
    return json.dumps(text, ensure_ascii=False)


@dataclass(frozen=True, slots=True)
class Generated:
    """What :func:`generate` wrote."""

    root: Path
    systems: int
    integrations: int
    files: int
    bytes: int


def _month_end(year: int, month: int) -> str:
    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _register_feed(
    sid: str, register: tuple[str, str, str, str | None], live: str, private: bool, ints: list[str]
) -> None:
    """The integration that brings the register object into system ``sid`` (a private
    extract, not through the register's channel, when ``private``)."""
    reg, rob, rvia, rsvc = register
    ints += [f"  - from: {reg}", f"    to: {sid}", f"    data: [{rob}]"]
    if not private:
        ints.append(f"    via: {rvia}")
        if rsvc:
            ints.append(f"    service: {rsvc}")
    ints += ["    mechanism: api", "    frequency: realtime"]
    if private:
        ints.append("    description: Privat udtræk leveret af leverandøren hver nat")
    if live != "active":
        ints.append(f"    status: {live}")


def _system(
    r: random.Random,
    i: int,
    area: _Area,
    hub: str | None,
    obj: str,
    lines: list[str],
    ints: list[str],
) -> str:
    _, aname, units, kles, products, _ = area
    pname, vendor, kind = products[i % len(products)]
    sid = f"{re.sub(r'[^a-z0-9]+', '-', pname.lower().translate(_TR)).strip('-')}-{i:06d}"
    status = r.choices(("in-use", "phasing-out", "planned", "retired"), (92, 4, 3, 1))[0]
    live = "retired" if status == "retired" else "active"
    gap = r.random()
    owner = f"{r.choice(ROLES)} {r.choice(FIRST)} {r.choice(LAST)}" if gap >= 0.02 else None
    lines += [
        f"  - id: {sid}",
        f"    name: {q(f'{pname} – {aname}, område {i // PER_FILE}')}",
        f"    description: {q(f'{pname} til {aname.lower()} i område {i // PER_FILE}')}",
        f"    type: {kind}",
        f"    vendor: {q(vendor)}",
    ]
    if owner:
        lines.append(f"    owner: {q(owner)}")
    lines += [
        f"    unit: {r.choice(units)}",
        f"    status: {status}",
        f"    in_use_from: {r.randint(2008, 2025)}-{r.randint(1, 12):02d}-01",
        f"    contract_end: {_month_end(r.randint(2026, 2033), r.randint(1, 12))}",
    ]
    if status == "phasing-out":
        lines.append(f"    retire_on: {r.randint(2026, 2028)}-06-30")
    saas = r.random() < 0.6
    lines += [
        f"    hosting: {'saas' if saas else r.choice(('on-premises', 'hosted'))}",
        f"    criticality: {r.choice(('normal', 'business-critical', 'society-critical'))}",
        f"    personal_data: {r.choice(('ordinary', 'sensitive', 'sensitive'))}",
        f"    data_processing_agreement: {'false' if 0.02 <= gap < 0.04 else 'true'}",
        f"    authentication: {'local' if 0.04 <= gap < 0.07 else 'adgangsstyring'}",
        f"    users: {r.randint(3, 400)}",
        "    kle: [" + ", ".join(f'"{k}"' for k in r.sample(kles, 2)) + "]",
    ]
    reg, rob, rvia, rsvc = REGISTERS[r.choices((0, 1, 2, 3), (70, 10, 15, 5))[0]]
    masters, index, isvc = INDEXES[r.choices((0, 1, 2), (50, 20, 30))[0]]
    manual_reg = 0.07 <= gap < 0.10
    lines.append("    data:")
    lines.append(f"      {rob}: {'manual' if manual_reg else 'integration'}")
    lines += [f"      {m}: master" for m in masters]
    lines.append(f"      {obj}: {'master' if hub is None else 'integration'}")
    if hub is None:
        lines.append("      organisation: integration")
    if not manual_reg:
        _register_feed(sid, (reg, rob, rvia, rsvc), live, 0.10 <= gap < 0.11, ints)
    ints += [
        f"  - id: {sid}-{index}",
        f"    from: {sid}",
        f"    to: {index}",
        f"    data: [{', '.join(masters)}]",
        "    via: serviceplatformen",
    ]
    if isvc:
        ints.append(f"    service: {isvc}")
    ints += ["    mechanism: api", f"    status: {live}"]
    if hub is None:
        ints += [
            "  - from: fk-organisation",
            f"    to: {sid}",
            "    data: [organisation]",
            "    via: serviceplatformen",
            "    service: SF1500",
            "    frequency: daily",
        ]
    elif not 0.11 <= gap < 0.13:  # else KM201: declared as integration, nothing delivers it
        how = r.random()
        ints += [f"  - from: {hub}", f"    to: {sid}", f"    data: [{obj}]"]
        if how < 0.5:
            ints.append(f"    via: {PLATFORM}")
        mech = "rpa" if 0.13 <= gap < 0.15 else r.choice(("api", "message", "file"))
        ints += [
            f"    mechanism: {mech}",
            f"    frequency: {r.choice(('hourly', 'daily', 'realtime'))}",
            f"    description: {q(f'Overførsel af {obj} fra fagsystemet til {pname}')}",
        ]
        if live != "active":
            ints.append(f"    status: {live}")
    lines.append("")
    ints.append("")
    return sid


_HEAD = "# Syntetisk inventar til kommarch-benchmarken (bench/generate.py).\n#\n"


def _chunk(r: random.Random, c: int, start: int, count: int) -> tuple[str, str, str, int]:
    """One area's systems file, integrations file, process (maybe empty), integration count."""
    area = AREAS[c % len(AREAS)]
    oslug, oname = area[5]
    obj = f"{oslug}-{c:04d}"
    lines = [
        _HEAD.rstrip("\n"),
        f"# {area[1]}: fagsystemer i område {c} (syntetisk).",
        "",
        "data_objects:",
        f"  - id: {obj}",
        f"    name: {q(f'{oname} (område {c})')}",
        "    personal_data: sensitive",
        "",
        "systems:",
    ]
    ints = [_HEAD.rstrip("\n"), f"# {area[1]}: integrationer i område {c}.", "", "integrations:"]
    hub: str | None = None
    ids = []
    for i in range(start, start + count):
        sid = _system(r, i, area, hub, obj, lines, ints)
        hub = hub or sid
        ids.append(sid)
    n_ints = sum(1 for line in ints if line.startswith("  - "))
    proc = ""
    if c % 10 == 0 and len(ids) >= 3:
        title = f"Sagsbehandling i {area[1].lower()}, område {c}"
        proc = "\n".join(
            [
                f"  - id: {area[0]}-{c:04d}",
                f"    name: {q(title)}",
                f"    unit: {area[2][0]}",
                f'    kle: "{area[3][0]}"',
                f"    cases_per_year: {r.randint(100, 5000)}",
                "    steps:",
                f"      - {{system: {ids[0]}, action: lookup, data: [person, {obj}]}}",
                f"      - {{system: {ids[1]}, action: lookup, data: [person]}}",
                f"      - {{system: {ids[2]}, action: enter, data: [{obj}]}}",
                "",
            ]
        )
    return "\n".join(lines), "\n".join(ints), proc, n_ints


def generate(root: Path, systems: int, seed: int = 2026) -> Generated:
    """Write an inventory of ``systems`` systems below ``root`` (which must be empty or absent)."""
    r = random.Random(f"{seed}:{systems}")
    files: dict[str, str] = {
        "municipality.yaml": _HEAD + "municipality:\n  name: Syntetisk Kommune\n"
        '  code: "999"\n  region: Region Midtjylland\n  population: 52000\n',
    }
    org = [_HEAD + "organisation:"]
    for area in AREAS:
        title = "Forvaltningen for " + area[1].lower()
        org += [f"  - id: {area[0]}-forvaltning", f"    name: {q(title)}"]
        org += [
            f"  - {{id: {u}, name: {q(u.replace('-', ' ').capitalize())}, "
            f"parent: {area[0]}-forvaltning}}"
            for u in area[2]
        ]
    files["organisation.yaml"] = "\n".join(org) + "\n"
    files["systems/infrastruktur.yaml"] = (
        _HEAD + f"systems:\n  - id: {PLATFORM}\n    name: Kommunens integrationsplatform\n"
        "    type: integration-platform\n    vendor: Microsoft\n    owner: It-arkitekt Åse Dahl\n"
        "    unit: oekonomi\n    status: in-use\n    hosting: saas\n"
    )
    procs = [_HEAD + "processes:"]
    n_ints = 0
    for c, start in enumerate(range(0, systems, PER_FILE)):
        name = f"{AREAS[c % len(AREAS)][0]}-{c:04d}.yaml"
        files[f"systems/{name}"], files[f"integrations/{name}"], proc, k = _chunk(
            r, c, start, min(PER_FILE, systems - start)
        )
        if proc:
            procs.append(proc)
        n_ints += k
    if len(procs) > 1:
        files["processes.yaml"] = "\n".join(procs) + "\n"
    total = 0
    for rel, text in sorted(files.items()):
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        p.write_bytes(data)
        total += len(data)
    return Generated(root, systems + 1, n_ints, len(files), total)


def ensure(root: Path, systems: int, seed: int = 2026) -> Generated:
    """Reuse ``root`` if it holds exactly this generation, else (re)write it."""
    stamp = root / STAMP
    key = f"{GENERATOR_VERSION} {systems} {seed}"
    if stamp.is_file() and stamp.read_text("utf-8").split("\n")[0] == key:
        n_sys, n_ints, n_files, size = stamp.read_text("utf-8").split("\n")[1].split()
        return Generated(root, int(n_sys), int(n_ints), int(n_files), int(size))
    if root.exists() and any(root.iterdir()):
        if not stamp.is_file():
            raise FileExistsError(f"{root} is not empty and holds no benchmark inventory")
        for p in sorted(root.rglob("*"), reverse=True):
            if p.is_file():
                p.unlink()
            else:
                p.rmdir()
    g = generate(root, systems, seed)
    stamp.write_text(f"{key}\n{g.systems} {g.integrations} {g.files} {g.bytes}\n", "utf-8")
    return g


def main(argv: list[str] | None = None) -> int:
    """``python bench/generate.py --systems N --out DIR [--seed S]``: write one inventory."""
    import argparse
    import sys

    parser = argparse.ArgumentParser(
        prog="generate.py",
        description="Write a deterministic synthetic kommarch inventory (bench/README.md).",
    )
    parser.add_argument("--systems", type=int, required=True, help="number of systems (>= 1)")
    parser.add_argument("--out", type=Path, required=True, help="directory, empty or absent")
    parser.add_argument("--seed", type=int, default=2026, help="another inventory (default 2026)")
    args = parser.parse_args(argv)
    if args.systems < 1:
        parser.error("--systems must be at least 1")
    if args.out.exists() and (not args.out.is_dir() or any(args.out.iterdir())):
        parser.error(f"--out {args.out} exists and is not an empty directory")
    g = generate(args.out, args.systems, args.seed)
    sys.stderr.write(
        f"generate.py: wrote {g.files} files ({g.bytes:,} bytes) to {args.out}: "
        f"{g.systems:,} systems, {g.integrations:,} integrations\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
