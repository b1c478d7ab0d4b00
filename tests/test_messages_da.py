"""Danish texts of the validation errors KM001-KM006: exact messages, and none left in English."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from kommarch.inventory.config import load_config
from kommarch.inventory.loader import load_file, parse_bytes
from kommarch.inventory.schemaerrors import did_you_mean, suggest
from kommarch.inventory.yamlerrors import syntax_error as _syntax_error
from kommarch.pipeline import validate

MUNI = "municipality: {name: Testkommune, code: '0101'}\n"
SYS = """systems:
  - id: ky
    name: KY
    type: line-of-business
    status: in-use
"""

Row = tuple[str, tuple[str, ...], str, str]


def write(root: Path, files: dict[str, str | bytes]) -> None:
    for rel, text in files.items():
        p = root / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(text, encoding="utf-8")


def run(root: Path, files: dict[str, str | bytes]) -> list[Row]:
    write(root, files)
    return [(f.rule, f.subjects, str(f.location), f.message.da) for f in validate(root).findings]


def km001(raw: bytes) -> list[tuple[str, str, str]]:
    return [(f.rule, str(f.location), f.message.da) for f in parse_bytes(raw, "f.yaml").errors]


# --- KM001 / KM003: the loader ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (
            b"a: !!python/object:os.system x\n",
            (
                "KM001",
                "f.yaml:1:4",
                "tagget '!!python/object:os.system' er ikke tilladt: kommarch accepterer kun "
                "YAML's standard-tags (!!str, !!int, !!float, !!bool, !!null, !!map, !!seq)",
            ),
        ),
        (
            b"a: [1, 2\n",
            (
                "KM001",
                "f.yaml:2:1",
                "fandt ikke det forventede ',' eller ']' (under læsning af en flow-liste i linje "
                "1, kolonne 4)",
            ),
        ),
        (
            b"a: b: c\n",
            (
                "KM001",
                "f.yaml:1:5",
                "mapping-værdier er ikke tilladt her; tjek indrykningen i linje 1: er en nøgle "
                "rykket for langt ind, eller skal en værdi med ': ' i anførselstegn?",
            ),
        ),
        (
            b"a: 'x\n",
            (
                "KM001",
                "f.yaml:2:1",
                "filen slutter uventet (under læsning af en tekst i anførselstegn i linje 1, "
                "kolonne 4)",
            ),
        ),
        (
            b"- 1\n",
            (
                "KM001",
                "f.yaml:1:1",
                "topniveauet skal være en mapping af sektioner (municipality, organisation, "
                "systems, integrations, data_objects, processes)",
            ),
        ),
        (
            b"a: 1\n---\nb: 2\n",
            (
                "KM001",
                "f.yaml:2:1",
                "endnu et YAML-dokument i samme fil; kommarch læser ét dokument pr. fil: del det "
                "op i to filer",
            ),
        ),
        (b"a: *nowhere\n", ("KM001", "f.yaml:1:4", "ukendt alias '*nowhere'")),
        (
            b"a: 1\nb: \xff\n",
            (
                "KM001",
                "f.yaml:2:4",
                "ikke gyldig UTF-8 (byte 0xff); kommarch læser kun UTF-8-filer",
            ),
        ),
        (b"\xff\xfea\x00", ("KM001", "f.yaml:1:1", "filen er UTF-16; gem den som UTF-8")),
        (b"a: !!int abc\n", ("KM001", "f.yaml:1:4", "'abc' kan ikke læses som !!int")),
        (
            b"a: \x07\n",
            (
                "KM001",
                "f.yaml:1:4",
                "tegnet U+0007 er ikke tilladt i YAML (kontroltegn skal skrives som "
                "escape-sekvens)",
            ),
        ),
        (
            b"a: " + b"[" * 65 + b"]" * 65,
            ("KM001", "f.yaml:1:67", "indlejring dybere end 64 niveauer"),
        ),
        (
            b"<<: 1\n",
            (
                "KM001",
                "f.yaml:1:5",
                "en '<<'-fletning kræver en mapping eller en liste af mappings",
            ),
        ),
        (
            b"a: 1\nb:\n  c: 1\n  c: 2\n",
            (
                "KM003",
                "f.yaml:4:3",
                "dublet-nøgle 'c' (første gang i linje 3); YAML ville stille og roligt beholde "
                "den sidste",
            ),
        ),
    ],
)
def test_loader_errors_in_danish(raw: bytes, expected: tuple[str, str, str]) -> None:
    assert km001(raw)[-1] == expected


def test_key_that_is_a_mapping_in_danish() -> None:
    assert km001(b"? [a]\n: 1\n") == [
        (
            "KM002",
            "f.yaml:1:3",
            "en nøgle skal være en enkel værdi, ikke en mapping eller liste",
        )
    ]


def test_alias_bomb_in_danish_uses_danish_thousands() -> None:
    too_many = b"a: &a [1,2,3,4,5,6,7,8,9,10]\nb: [" + b",".join([b"*a"] * 30) + b"]\n"
    assert km001(too_many) == [
        (
            "KM001",
            "f.yaml:2:44",
            "aliaser udfolder sig til for mange knuder (mere end 10 gange filens egne knuder, "
            "højst 100.000); afvist af sikkerhedshensyn",
        )
    ]


def test_untranslated_yaml_problem_is_still_danish() -> None:
    exc = yaml.MarkedYAMLError(problem="something new in libyaml")
    message = _syntax_error(exc, "f.yaml").message
    assert (message.da, message.en) == (
        "ugyldig YAML: something new in libyaml",
        "something new in libyaml",
    )


def test_unreadable_file_and_missing_config_in_danish(tmp_path: Path) -> None:
    (tmp_path / "dir.yaml").mkdir()
    [error] = load_file(tmp_path / "dir.yaml", "dir.yaml").errors
    assert (error.rule, error.message.da) == ("KM001", "kan ikke læse filen: det er en mappe")
    _, errors = load_config(tmp_path / "nope.yaml", tmp_path, ["KM101"])
    assert [(f.rule, str(f.location), f.message.da) for f in errors] == [
        ("KM001", "nope.yaml", "konfigurationsfilen findes ikke: nope.yaml")
    ]


# --- KM002: the schema -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "col", "da"),
    [
        (
            "kle",
            "32.30",
            10,
            "kle: forventede tekst, men YAML læser 32.30 som tallet 32.3; "
            'sæt anførselstegn: "32.30"',
        ),
        (
            "owner",
            "yes",
            12,
            "owner: forventede tekst, men YAML læser yes som sandhedsværdien true; "
            'sæt anførselstegn: "yes"',
        ),
        (
            "vendor",
            "2020-01-01",
            13,
            'vendor: forventede tekst, fik datoen 2020-01-01; sæt anførselstegn: "2020-01-01"',
        ),
        (
            "description",
            "012",
            18,
            "description: forventede tekst, men YAML læser 012 som tallet 10; "
            'sæt anførselstegn: "012"',
        ),
        (
            "hosting",
            "saas2",
            14,
            "hosting: 'saas2' er ikke én af on-premises, hosted, saas; mente du 'saas'?",
        ),
        (
            "hosting",
            "12",
            14,
            "hosting: forventede én af on-premises, hosted, saas, fik tallet 12; "
            'sæt anførselstegn: "12"',
        ),
        ("contract_end", "2019-02-29", 19, "contract_end: 2019-02-29 er ikke en dato, der findes"),
        ("contract_end", "2029", 19, "contract_end: forventede en dato ÅÅÅÅ-MM-DD"),
        (
            "contract_end",
            "2029-01-01 10:00:00",
            19,
            "contract_end: forventede en dato ÅÅÅÅ-MM-DD, ikke et tidspunkt",
        ),
        (
            "data_processing_agreement",
            "ja",
            32,
            "data_processing_agreement: 'ja' er ikke en sandhedsværdi; skriv true "
            "(true eller false)",
        ),
        (
            "data_processing_agreement",
            "nej",
            32,
            "data_processing_agreement: 'nej' er ikke en sandhedsværdi; skriv false "
            "(true eller false)",
        ),
        (
            "data_processing_agreement",
            "1",
            32,
            "data_processing_agreement: forventede true eller false, fik tallet 1",
        ),
        ("users", "many", 12, "users: forventede et heltal, fik 'many'"),
        ("users", "1.5", 12, "users: forventede et heltal, fik tallet 1.5"),
        ("users", "-1", 12, "users: skal være mindst 0"),
        (
            "kle",
            '"32.2"',
            10,
            "kle: '32.2' er ikke et KLE-nummer: skriv NN, NN.NN eller NN.NN.NN, fx \"32.24.04\"",
        ),
        (
            "unit",
            "Jobcenter Syd",
            11,
            "unit: 'Jobcenter Syd' er ikke et gyldigt id: id'er består af små ASCII-bogstaver, "
            "cifre, '.', '_' og '-', begynder med et bogstav eller et ciffer og er højst 64 tegn "
            "(navnet i klartekst hører til i 'name'); fx 'jobcenter-syd'",
        ),
        ("tags", "x", 11, "tags: forventede en liste, fik 'x'"),
        ("data", "[a]", 11, "data: forventede en mapping (nøgle: værdi), fik en liste"),
        ("name", "''", 11, "name: må ikke være tom"),
    ],
)
def test_km002_values_in_danish(tmp_path: Path, field: str, value: str, col: int, da: str) -> None:
    text = SYS.replace("    name: KY\n", "") if field == "name" else SYS
    line = 5 if field == "name" else 6
    result = run(tmp_path, {"m.yaml": MUNI, "s.yaml": text + f"    {field}: {value}\n"})
    assert result == [("KM002", ("ky",), f"s.yaml:{line}:{col}", da)]


def test_km002_unknown_and_missing_fields_in_danish(tmp_path: Path) -> None:
    systems = SYS + "    ower: Hanne\n  - {id: sbsys, type: other, status: in-use}\n"
    muni = "municipality: {name: X, colour: red}\n"
    assert run(tmp_path, {"m.yaml": muni, "s.yaml": systems}) == [
        (
            "KM002",
            (),
            "m.yaml:1:25",
            "ukendt felt 'colour' i municipality (tilladte: name, code, region, population, kitos)",
        ),
        (
            "KM002",
            ("ky",),
            "s.yaml:6:5",
            "ukendt felt 'ower' i system; mente du 'owner'? (tilladte: id, name, type, status, "
            "description, vendor, owner, unit, in_use_from, retire_on, contract_end, hosting, "
            "criticality, personal_data, data_processing_agreement, authentication, users, kle, "
            "replaces, previous_ids, data, tags, links, kitos)",
        ),
        ("KM002", ("sbsys",), "s.yaml:7:5", "mangler det påkrævede felt 'name'"),
    ]


def test_km002_data_map_keys_in_danish(tmp_path: Path) -> None:
    text = SYS + "    data: {person: manuel, Sag: master, 12: master}\n"
    assert run(tmp_path, {"m.yaml": MUNI, "s.yaml": text}) == [
        (
            "KM002",
            ("ky",),
            "s.yaml:6:20",
            "data.person: 'manuel' er ikke én af master, integration, manual; mente du 'manual'?",
        ),
        ("KM002", ("ky",), "s.yaml:6:28", "data.Sag: 'Sag' har forkert form"),
        (
            "KM002",
            ("ky",),
            "s.yaml:6:41",
            'data.12: forventede et id som nøgle, fik tallet 12; sæt anførselstegn: "12"',
        ),
    ]


def test_km002_kommunekode_in_danish(tmp_path: Path) -> None:
    assert run(tmp_path / "a", {"m.yaml": "municipality: {name: X, code: 101}\n"}) == [
        (
            "KM002",
            (),
            "m.yaml:1:31",
            'code: forventede tekst, fik tallet 101; sæt anførselstegn: "101"',
        )
    ]
    assert run(tmp_path / "b", {"m.yaml": "municipality: {name: X, code: '12345'}\n"}) == [
        (
            "KM002",
            (),
            "m.yaml:1:31",
            "code: '12345' er ikke en kommunekode: 3 cifre, eller 4 med foranstillet nul "
            '("101", "0101")',
        )
    ]


def test_km002_sections_in_danish(tmp_path: Path) -> None:
    text = (
        MUNI + "sytems: []\nsystems:\n  id: ky\norganisation: x\nprocesses:\n  - tekst\n  - [a]\n"
    )
    assert run(tmp_path, {"m.yaml": text}) == [
        (
            "KM002",
            (),
            "m.yaml:2:1",
            "ukendt sektion 'sytems'; mente du 'systems'? (sektioner: municipality, "
            "organisation, systems, integrations, data_objects, processes)",
        ),
        (
            "KM002",
            (),
            "m.yaml:4:3",
            "systems skal være en liste af poster ('- id: ...'), ikke en mapping",
        ),
        (
            "KM002",
            (),
            "m.yaml:5:15",
            "organisation skal være en liste af poster ('- id: ...'), ikke en enkelt værdi",
        ),
        ("KM002", (), "m.yaml:7:5", "forventede en post (en mapping af felter), fik 'tekst'"),
        ("KM002", (), "m.yaml:8:5", "forventede en post (en mapping af felter), fik en liste"),
    ]


def test_km002_integrations_in_danish(tmp_path: Path) -> None:
    integ = (
        "integrations:\n"
        "  - {from: cpr, to: ky, data: [person], via: sdi}\n"
        "  - {id: a, from: ky, to: ky, data: [ydelse], via: ky}\n"
        "  - {id: b, from: cpr, to: ky, data: [person], service: SF152}\n"
        "  - {id: c, from: cpr, to: ky, data: []}\n"
        "  - {id: d, from: ky, to: sdi, data: [sag], status: activ}\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "s.yaml": SYS, "i.yaml": integ}) == [
        (
            "KM002",
            ("cpr-ky",),
            "i.yaml:2:46",
            "via 'sdi' er ikke en kanal: brug serviceplatformen, datafordeleren, beskedfordeler, "
            "fordelingskomponent, direct eller en integrationsplatform",
        ),
        (
            "KM002",
            ("a",),
            "i.yaml:3:27",
            "'from' og 'to' er begge 'ky': en integration forbinder to forskellige systemer",
        ),
        (
            "KM002",
            ("a",),
            "i.yaml:3:52",
            "via 'ky' er et system af typen line-of-business; kun et system af typen "
            "integration-platform (eller en kanal fra kataloget) kan være kanal",
        ),
        (
            "KM002",
            ("b",),
            "i.yaml:4:57",
            "service: 'SF152' er ikke et service-id på Serviceplatformen: SF og 4 cifre, "
            "eventuelt _ og bogstaver eller cifre (SF1520, SF1590_A)",
        ),
        ("KM002", ("c",), "i.yaml:5:38", "data: må ikke være tom"),
        (
            "KM002",
            ("d",),
            "i.yaml:6:53",
            "status: 'activ' er ikke én af planned, active, retired; mente du 'active'?",
        ),
    ]


# --- KM004 / KM005 / KM006 -------------------------------------------------------------------


def test_km004_in_danish(tmp_path: Path) -> None:
    a = SYS + (
        "  - {id: cpr, name: CPR, type: other, status: in-use}\n"
        "data_objects:\n  - {id: sag, name: Sag}\n  - {id: x, name: X}\n  - {id: x, name: X}\n"
        "organisation:\n  - {id: u, name: U}\n  - {id: u, name: U}\n"
        "integrations:\n  - {from: cpr, to: ky, data: [person]}\n"
        "  - {from: cpr, to: ky, data: [person], via: serviceplatformen}\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "a.yaml": a, "b.yaml": SYS}) == [
        (
            "KM004",
            ("cpr",),
            "a.yaml:6:10",
            "'cpr' er et indbygget katalogsystem (det skal ikke erklæres): vælg et andet id",
        ),
        ("KM004", ("sag",), "a.yaml:8:10", "'sag' er et indbygget dataobjekt: vælg et andet id"),
        (
            "KM004",
            ("x",),
            "a.yaml:10:10",
            "dublet-id 'x' blandt dataobjekterne (første gang i a.yaml:9:5)",
        ),
        (
            "KM004",
            ("u",),
            "a.yaml:13:10",
            "dublet-id 'u' blandt organisationsenhederne (første gang i a.yaml:12:5)",
        ),
        (
            "KM004",
            ("cpr-ky",),
            "a.yaml:16:5",
            "dublet-id 'cpr-ky' blandt integrationerne (første gang i a.yaml:15:5); to "
            "integrationer mellem samme par systemer skal have eksplicitte id'er (id: cpr-ky-2)",
        ),
        (
            "KM004",
            ("ky",),
            "b.yaml:2:9",
            "dublet-id 'ky' blandt systemerne (første gang i a.yaml:2:5)",
        ),
    ]


def test_km004_previous_ids_in_danish(tmp_path: Path) -> None:
    text = SYS + (
        "    previous_ids: [cpr, kmd]\n"
        "  - {id: ksd, name: KSD, type: other, status: in-use, previous_ids: [kmd]}\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "s.yaml": text}) == [
        (
            "KM004",
            ("ky",),
            "s.yaml:6:20",
            "det tidligere id 'cpr' er id for et nuværende system",
        ),
        (
            "KM004",
            ("ksd",),
            "s.yaml:7:70",
            "det tidligere id 'kmd' er også angivet af 'ky'",
        ),
    ]


def test_km005_in_danish(tmp_path: Path) -> None:
    org = "organisation:\n  - {id: jobcenter, name: Jobcenter}\n"
    text = SYS + "    unit: jobcentr\n    data: {persn: integration}\n"
    text += "    previous_ids: [kmd-aktiv]\n"
    integ = (
        "integrations:\n"
        "  - {from: cpr, to: sdx, data: [person], via: beskedfordelr}\n"
        "  - {from: cpr, to: kmd-aktiv, data: [person]}\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI + org, "s.yaml": text, "i.yaml": integ}) == [
        ("KM005", ("cpr-sdx",), "i.yaml:2:21", "ukendt system 'sdx'; mente du 'sdi'?"),
        (
            "KM005",
            ("cpr-sdx",),
            "i.yaml:2:47",
            "ukendt kanal 'beskedfordelr'; mente du 'beskedfordeler'?",
        ),
        (
            "KM005",
            ("cpr-kmd-aktiv",),
            "i.yaml:3:21",
            "ukendt system 'kmd-aktiv'; det er omdøbt til 'ky'",
        ),
        (
            "KM005",
            ("ky",),
            "s.yaml:6:11",
            "ukendt organisationsenhed 'jobcentr'; mente du 'jobcenter'?",
        ),
        ("KM005", ("ky",), "s.yaml:7:12", "ukendt dataobjekt 'persn'; mente du 'person'?"),
    ]


def test_km005_names_the_unparsed_files_in_danish(tmp_path: Path) -> None:
    integ = "integrations:\n  - {from: cpr, to: sbsys, data: [person]}\n"
    one = run(tmp_path / "one", {"m.yaml": MUNI, "a.yaml": "systems: [\n", "i.yaml": integ})
    assert one[-1] == (
        "KM005",
        ("cpr-sbsys",),
        "i.yaml:2:21",
        "ukendt system 'sbsys' (filen a.yaml kunne ikke læses; id'et kan være defineret dér)",
    )
    files: dict[str, str | bytes] = {"m.yaml": MUNI, "a.yaml": "[\n", "b.yaml": "{\n"}
    two = run(tmp_path / "two", {**files, "i.yaml": integ})
    assert two[-1][3] == (
        "ukendt system 'sbsys' (filerne a.yaml, b.yaml kunne ikke læses; id'et kan være "
        "defineret dér)"
    )


def test_km006_in_danish(tmp_path: Path) -> None:
    assert run(tmp_path / "a", {"s.yaml": SYS}) == [
        (
            "KM006",
            (),
            "s.yaml:1:1",
            "kommunen mangler: tilføj 'municipality: {name: ...}' i én af filerne",
        )
    ]
    assert run(tmp_path / "b", {"a.yaml": MUNI, "b.yaml": MUNI}) == [
        (
            "KM006",
            (),
            "b.yaml:1:1",
            "kommunen er angivet mere end én gang (første gang i a.yaml:1:15); angiv "
            "'municipality' præcis én gang",
        )
    ]


# --- kommarch.yaml ---------------------------------------------------------------------------


def test_config_errors_in_danish(tmp_path: Path) -> None:
    config = (
        "lang: dk\nfail_on: warnings\nrules:\n  KM2: off\n"
        "waivers:\n  - {rule: KM3011, reason: x, approved_by: y}\n"
        "  - {rule: KM309, reason: x, approved_by: y, expires: 2020-13-01}\n"
        "settings:\n  vendor_share: 2\n  lookup_seconds: x\ncolour: red\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": config}) == [
        (
            "KM002",
            (),
            "kommarch.yaml:1:7",
            "lang: 'dk' er ikke et sprog, kommarch skriver: da eller en",
        ),
        (
            "KM002",
            (),
            "kommarch.yaml:2:10",
            "fail_on: 'warnings' er ikke én af error, warning, info, never; mente du 'warning'?",
        ),
        ("KM002", (), "kommarch.yaml:4:3", "rules.KM2: 'KM2' har forkert form"),
        (
            "KM002",
            (),
            "kommarch.yaml:6:12",
            "waivers.0.rule: 'KM3011' er ikke en regelkode: KM og 3 cifre (KM201)",
        ),
        (
            "KM002",
            (),
            "kommarch.yaml:7:55",
            "waivers.1.expires: 2020-13-01 er ikke en dato, der findes",
        ),
        ("KM002", (), "kommarch.yaml:9:17", "settings.vendor_share: skal være højst 1"),
        ("KM002", (), "kommarch.yaml:10:19", "settings.lookup_seconds: forventede et tal, fik 'x'"),
        (
            "KM002",
            (),
            "kommarch.yaml:11:1",
            "ukendt felt 'colour' i kommarch.yaml (tilladte: lang, fail_on, rules, settings, "
            "waivers, kitos)",
        ),
    ]


def test_config_rule_codes_in_danish(tmp_path: Path) -> None:
    config = (
        "rules:\n  KM999: off\n  KM001: off\n"
        "waivers:\n  - {rule: KM888, reason: x, approved_by: y}\n"
        "  - {rule: KM002, reason: x, approved_by: y}\n"
    )
    assert run(tmp_path, {"m.yaml": MUNI, "kommarch.yaml": config}) == [
        ("KM002", (), "kommarch.yaml:2:3", "rules: ukendt regel KM999; mente du 'KM902'?"),
        (
            "KM002",
            (),
            "kommarch.yaml:3:3",
            "rules: KM001 er en valideringsfejl og kan ikke konfigureres",
        ),
        ("KM002", (), "kommarch.yaml:5:12", "waivers: ukendt regel KM888; mente du 'KM308'?"),
        (
            "KM002",
            (),
            "kommarch.yaml:6:12",
            "waivers: der kan ikke gives dispensation for KM002 (kun for revisionsfund "
            "KM1xx-KM5xx)",
        ),
    ]


# --- no message forgotten --------------------------------------------------------------------

BROAD: dict[str, str | bytes] = {
    "m.yaml": MUNI + "sytems: []\norganisation: x\n",
    "m2.yaml": MUNI,
    "bad/tag.yaml": "a: !!python/object:os.system x\n",
    "bad/flow.yaml": "systems: [\n",
    "bad/utf.yaml": b"a: \xff\n",
    "bad/list.yaml": "- 1\n",
    "bad/docs.yaml": "a: 1\n---\nb: 2\n",
    "s.yaml": SYS
    + (
        "    kle: [32.30, '32.2']\n    owner: yes\n    hosting: saas2\n"
        "    contract_end: 2019-02-29\n    retire_on: 2029\n    data_processing_agreement: ja\n"
        "    users: -1\n    unit: Jobcenter Syd\n    ower: x\n    data: {persn: manuel, Sag: x}\n"
        "    tags: x\n    vendor: 2020-01-01\n    status: retired\n"
        "  - {id: ksd, type: other, status: in-use}\n"
        "  - {id: cpr, name: CPR, type: other, status: in-use}\n"
        "  - tekst\n"
        "  - {id: sbsys, name: S, type: other, status: in-use, unit: jobcentr, replaces: kmd}\n"
        "  - {id: sbsys, name: S, type: other, status: in-use}\n"
        "  - {id: esdh, name: E, type: other, status: in-use, previous_ids: [sbsys, old]}\n"
        "  - {id: ksd2, name: K, type: other, status: in-use, previous_ids: [old]}\n"
        "data_objects:\n  - {id: sag, name: Sag}\n"
    ),
    "i.yaml": (
        "integrations:\n"
        "  - {from: cpr, to: sdx, data: [persn], via: beskedfordelr, service: SF152}\n"
        "  - {from: cpr, to: sdx, data: [person], via: beskedfordelr}\n"
        "  - {id: a, from: sbsys, to: sbsys, data: [sag], via: sdi}\n"
        "  - {id: b, from: sbsys, to: sdi, data: [sag], via: esdh}\n"
        "  - {from: sbsys, to: sdi, data: [sag, persn]}\n"
        "  - {from: sbsys, to: sdi, data: [dokument]}\n"
    ),
    "kommarch.yaml": (
        "rules:\n  KM999: off\n  KM001: off\n"
        "waivers:\n  - {rule: KM001, reason: x, approved_by: y}\n"
        "  - {rule: KM888, reason: x, approved_by: y}\n"
    ),
}


def test_every_validation_message_has_danish_text(tmp_path: Path) -> None:
    write(tmp_path, BROAD)
    findings = validate(tmp_path).findings
    assert sorted({f.rule for f in findings}) == [
        "KM001",
        "KM002",
        "KM003",
        "KM004",
        "KM005",
        "KM006",
    ]
    assert len(findings) > 30
    assert [
        (f.rule, str(f.location), f.message.en) for f in findings if f.message.da == f.message.en
    ] == []


def test_suggest_keeps_its_english_phrase_and_did_you_mean_has_both() -> None:
    assert suggest("ower", ["owner", "name"]) == "; did you mean 'owner'?"
    hint = did_you_mean("ower", ["owner", "name"])
    assert (hint.da, hint.en) == ("; mente du 'owner'?", "; did you mean 'owner'?")
    nothing = did_you_mean("zzz", ["owner"])
    assert (nothing.da, nothing.en, suggest("zzz", ["owner"])) == ("", "", "")
