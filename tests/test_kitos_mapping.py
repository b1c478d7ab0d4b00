"""Contract section 3 row by row: each KITOS value and what the inventory gets from it."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kommarch.kitos import relations, systems
from kommarch.kitos.ids import IdAllocator
from kommarch.kitos.national import NationalComponents
from kommarch.kitos.values import slug

TODAY = dt.date(2026, 12, 6)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Kommunernes Ydelsessystem (KY)", "kommunernes-ydelsessystem-ky"),
        ("Ældre- og Sundhedsplatform", "aeldre-og-sundhedsplatform"),
        ("Børn & Unge: Tilsyn", "boern-unge-tilsyn"),
        ("Café-booking", "cafe-booking"),
        ("  --Åbne data--  ", "aabne-data"),
        ("x" * 70, "x" * 64),
    ],
)
def test_id_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


def test_id_clashes_get_the_next_free_suffix() -> None:
    alloc = IdAllocator({"sbsys", "sbsys-2"})
    assert [alloc.take("sbsys"), alloc.take("sbsys"), alloc.take("nyt")] == [
        "sbsys-3",
        "sbsys-4",
        "nyt",
    ]
    assert IdAllocator({"a" * 64}).take("a" * 70) == "a" * 62 + "-2"


def _usage(**general: Any) -> dict[str, Any]:
    return {"uuid": "u1", "general": general}


@pytest.mark.parametrize(
    ("business_type", "expected"),
    [
        ("ESDH og Journalisering", "case-management"),
        ("Sagsbærende", "line-of-business"),
        ("Specialsystemer", "line-of-business"),
        ("Selvbetjening og indberetning", "self-service"),
        ("Hjemmesider og portaler", "self-service"),
        ("Økonomi og betaling", "finance"),
        ("Løn/personale/HR", "hr"),
        ("BI og ledelsesinformation", "analytics"),
        ("Bruger- og rettighedsstyring", "infrastructure"),
        ("Sikkerhed og overvågning", "infrastructure"),
        ("Master data og registre", "infrastructure"),
        ("IT management (STORM)", "infrastructure"),
        ("Noget helt nyt", "other"),
        (None, "other"),
    ],
)
def test_type(business_type: str | None, expected: str) -> None:
    system = {"businessType": {"uuid": "b", "name": business_type} if business_type else None}
    assert systems.system_type(system) == expected


@pytest.mark.parametrize(
    ("validity", "expected"),
    [
        ({"lifeCycleStatus": "Operational"}, "in-use"),
        ({"lifeCycleStatus": 3}, "in-use"),
        ({"lifeCycleStatus": "PhasingIn"}, "planned"),
        ({"lifeCycleStatus": "Pilot"}, "planned"),
        ({"lifeCycleStatus": "PhasingOut"}, "phasing-out"),
        ({"lifeCycleStatus": "NotInUse"}, "retired"),
        ({"lifeCycleStatus": 1}, "retired"),
        ({"lifeCycleStatus": "Undecided", "valid": True}, "in-use"),
        (
            {"lifeCycleStatus": "SomethingNew", "valid": False, "validTo": "2020-01-01T00:00:00Z"},
            "retired",
        ),
        ({"lifeCycleStatus": None, "valid": False, "validTo": "2030-01-01T00:00:00Z"}, "planned"),
        ({"lifeCycleStatus": 99, "valid": False}, "planned"),
        ({}, "planned"),
    ],
)
def test_status(validity: dict[str, Any], expected: str) -> None:
    assert systems.status(_usage(validity=validity), TODAY) == expected


def test_owner_from_the_owner_roles_in_kitos_order() -> None:
    usage = {
        "roles": [
            {"role": {"uuid": "r1", "name": "Systemejer"}, "user": {"name": "Hanne Holm"}},
            {"role": {"uuid": "r2", "name": "Systemansvarlig"}, "user": {"name": "Bo Berg"}},
            {"role": {"uuid": "r1", "name": "systemejer"}, "user": {"name": "Anne Ahl"}},
            {"role": {"uuid": "r1", "name": "Systemejer"}, "user": {"name": "Hanne Holm"}},
        ]
    }
    assert systems.owner(usage, frozenset({"systemejer"})) == "Hanne Holm, Anne Ahl"
    assert systems.owner(usage, frozenset({"r2"})) == "Bo Berg"
    assert systems.owner({"roles": []}, frozenset({"systemejer"})) is None


@pytest.mark.parametrize(
    ("usage", "expected"),
    [
        ({"general": {"hostedAt": "OnPremise"}}, "on-premises"),
        ({"general": {"hostedAt": 1}}, "on-premises"),
        ({"general": {"hostedAt": "External"}}, "hosted"),
        ({"general": {"hostedAt": "Hybrid"}}, "hosted"),
        ({"general": {"hostedAt": "Undecided"}}, None),
        ({"general": {}, "gdpr": {"hostedAt": "External"}}, "hosted"),
        ({}, None),
    ],
)
def test_hosting(usage: dict[str, Any], expected: str | None) -> None:
    assert systems.hosting(usage) == expected


@pytest.mark.parametrize(
    ("usage", "expected"),
    [
        (
            {"general": {"isSociallyCritical": "Yes", "isBusinessCritical": "Yes"}},
            "society-critical",
        ),
        (
            {"general": {"isSociallyCritical": "No", "isBusinessCritical": "Yes"}},
            "business-critical",
        ),
        ({"general": {"isBusinessCritical": 1}}, "business-critical"),
        ({"general": {}, "gdpr": {"businessCritical": "Yes"}}, "business-critical"),
        ({"general": {"isBusinessCritical": "DontKnow"}}, None),
        ({}, None),
    ],
)
def test_criticality(usage: dict[str, Any], expected: str | None) -> None:
    assert systems.criticality(usage) == expected


@pytest.mark.parametrize(
    ("levels", "expected"),
    [
        (["PersonData", "LegalData", "SensitiveData"], "criminal"),
        (["PersonData", "SensitiveData"], "sensitive"),
        (["None", "PersonData"], "ordinary"),
        (["None"], "none"),
        ([0, 1, 3, 2], "criminal"),
        ([2], "sensitive"),
        (["Unknown2027"], None),
        ([], None),
    ],
)
def test_personal_data(levels: list[Any], expected: str | None) -> None:
    assert systems.personal_data({"gdpr": {"dataSensitivityLevels": levels}}) == expected


@pytest.mark.parametrize(
    ("answers", "expected"),
    [(["No", "Yes"], True), (["No", "Irrelevant"], False), (["Irrelevant"], None), ([], None)],
)
def test_data_processing_agreement(answers: list[str], expected: bool | None) -> None:
    assert systems.agreement(answers) is expected


def test_kle_catalogue_minus_removed_plus_added() -> None:
    system = {"kle": [{"name": "32.24"}, {"name": "32.24.04"}, {"name": "TestKLEKey"}]}
    usage = {
        "localKLEDeviations": {
            "removedKLE": [{"name": "32.24"}],
            "addedKLE": [{"name": "27.12.04"}, {"name": "32.24.04"}],
        }
    }
    assert systems.kle(usage, system) == ["27.12.04", "32.24.04"]


def test_name_with_local_call_name() -> None:
    system = {"name": "KMD Momentum"}
    assert systems.display_name({"general": {"localCallName": "Momentum"}}, system) == (
        "KMD Momentum (Momentum)"
    )
    assert systems.display_name({"general": {"localCallName": "KMD Momentum"}}, system) == (
        "KMD Momentum"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("CPR", "cpr"),
        ("Det Centrale Personregister (CPR)", "cpr"),
        ("det centrale personregister", "cpr"),
        ("Fælleskommunalt Organisationssystem", "fk-organisation"),
        ("faelleskommunalt organisationssystem", "fk-organisation"),
        ("Sags- og Dokumentindeks", "sdi"),
        ("Digital Post", "postkomponent"),
        ("KOMBIT Serviceplatform", "serviceplatformen"),
        ("Matriklen", "mat"),
        ("Ejerfortegnelsen", "ejf"),
        ("SBSYS", None),
        ("CPR-kontoret", None),
    ],
)
def test_national_components_by_name(name: str, expected: str | None) -> None:
    assert NationalComponents({}).match(None, name) == expected


def test_national_components_from_kommarch_yaml() -> None:
    extra = {"5C0A9BCD-2C9A-4E57-9A5C-0F2B3B6F2A11": "cpr", "Vores CPR-kopi": "cpr"}
    national = NationalComponents(extra)
    assert national.match("5c0a9bcd-2c9a-4e57-9a5c-0f2b3b6f2a11", "Noget") == "cpr"
    assert national.match(None, "vores cpr kopi") == "cpr"


def _iface(interface_id: str | None, *types: str) -> dict[str, Any]:
    return {
        "interfaceId": interface_id,
        "name": "x",
        "data": [{"dataType": {"name": t}} for t in types],
    }


@pytest.mark.parametrize(
    ("using", "used", "interface", "expected"),
    [
        # default: data flows from the used system to the using one
        ("sbsys", "ky", _iface(None, "Sag"), ("ky", "sbsys", None, None, ["sag"])),
        # an SF number means Serviceplatformen
        ("ky", "cpr", _iface("SF1520"), ("cpr", "ky", "serviceplatformen", "SF1520", ["person"])),
        # SF1500/SF1510 are called directly
        (
            "ky",
            "fk-organisation",
            _iface("SF1500"),
            ("fk-organisation", "ky", None, "SF1500", ["organisation"]),
        ),
        # the receivers: the using system delivers to them
        (
            "sbsys",
            "sdi",
            _iface("SF1470"),
            ("sbsys", "sdi", "serviceplatformen", "SF1470", ["sag", "dokument"]),
        ),
        (
            "ky",
            "postkomponent",
            _iface("SF1601"),
            ("ky", "postkomponent", "serviceplatformen", "SF1601", ["brev"]),
        ),
        # a relation to Serviceplatformen itself: from the provider of the service
        (
            "ky",
            "serviceplatformen",
            _iface("SF1530"),
            ("cvr", "ky", "serviceplatformen", "SF1530", ["virksomhed"]),
        ),
        (
            "ky",
            "serviceplatformen",
            _iface("SF0770_A"),
            ("eindkomst", "ky", "serviceplatformen", "SF0770_A", ["indkomst"]),
        ),
        (
            "ky",
            "datafordeleren",
            _iface("SF1510"),
            ("fk-klassifikation", "ky", None, "SF1510", ["klassifikation"]),
        ),
        # data types win over the service's objects; unknown ones are dropped
        (
            "esdh",
            "bbr",
            _iface(None, "Ejendom", "Andet", "Person"),
            ("bbr", "esdh", None, None, ["ejendom", "person"]),
        ),
        # nothing derivable
        ("a", "b", _iface(None, "Andet"), ("b", "a", None, None, [])),
        ("a", "b", None, ("b", "a", None, None, [])),
    ],
)
def test_integration_direction_via_service_data(
    using: str, used: str, interface: dict[str, Any] | None, expected: tuple[Any, ...]
) -> None:
    f = relations.flow(using, used, interface, {"relationInterface": None})
    assert (f.source, f.target, f.via, f.service, f.data) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dagligt", "daily"),
        ("Ugentligt", "weekly"),
        ("Månedligt", "monthly"),
        ("Kvartal", "monthly"),
        ("Halvårligt", "monthly"),
        ("Årligt", "monthly"),
        ("Kvartal2", None),
        (None, None),
    ],
)
def test_frequency(name: str | None, expected: str | None) -> None:
    relation = {"relationFrequency": {"uuid": "f", "name": name} if name else None}
    assert relations.frequency(relation) == expected
