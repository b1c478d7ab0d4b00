"""``kommarch catalog``: every register, component and service with its responsible authority,
source and verification date (contract v2, section 6), in text, markdown and JSON."""

from __future__ import annotations

import datetime as dt
import json

from kommarch.catalogue import Called, ServiceState, catalogue
from kommarch.render.catalogue import catalogue_json, catalogue_markdown, catalogue_text


def test_every_entry_has_an_authority_a_source_and_a_verified_date() -> None:
    cat = catalogue()
    entries = [s.provenance for s in cat.systems.values()]
    entries += [v.provenance for v in cat.services.values()]
    for p in entries:
        assert p.authority.strip()
        assert p.source.startswith("https://")
        assert dt.date.fromisoformat(p.verified) <= dt.date(2026, 12, 31)


def test_authorities_as_of_today() -> None:
    systems = catalogue().systems
    authority = {sid: systems[sid].provenance.authority for sid in systems}
    assert authority["cpr"].startswith("CPR-kontoret")
    assert authority["cvr"] == "Erhvervsstyrelsen"
    # Matriklen and DAR are Klimadatastyrelsen's, not Geodatastyrelsen's (contract v2)
    assert authority["mat"] == "Klimadatastyrelsen"
    assert authority["dar"].startswith("Klimadatastyrelsen")
    assert authority["datafordeleren"] == "Klimadatastyrelsen"
    assert not any("Geodatastyrelsen" in a for a in authority.values())
    assert all(
        authority[k] == "KOMBIT"
        for k in ("serviceplatformen", "sdi", "ydelsesindeks", "fk-organisation", "beskedfordeler")
    )


def test_services_called_directly_and_their_state() -> None:
    services = catalogue().services
    assert services["SF1500"].called is Called.DIRECT
    assert services["SF1510"].called is Called.DIRECT
    assert services["SF1520"].called is Called.SERVICEPLATFORMEN
    assert services["SF1600"].state is ServiceState.CLOSED
    assert [services[f"SF1460_{x}"].state for x in "ABCD"] == [
        ServiceState.PHASING_OUT,
        ServiceState.PHASING_OUT,
        ServiceState.ACTIVE,
        ServiceState.PHASING_OUT,
    ]
    assert services["SF1460_C"].name == "Beskedfordeler aflever besked"
    assert services["SF1461"].name == "Beskedfordeler modtag beskeder"


def test_text_markdown_and_json_show_authority_source_and_verified() -> None:
    text = catalogue_text("en")
    assert "authority" in text.splitlines()[2 + 1]
    line = next(x for x in text.splitlines() if x.startswith("mat "))
    assert "Klimadatastyrelsen" in line and "https://klimadatastyrelsen.dk" in line
    assert "2026-12-06" in line
    md = catalogue_markdown("en")
    assert "| id | name | kind | holds | authority | source | verified |" in md
    assert (
        "| SF1600 | Print (lukket med den nye Digital Post i 2022) | postkomponent | "
        "closed (use SF1601) | KOMBIT |" in md
    )
    doc = json.loads(catalogue_json())
    sf1500 = next(s for s in doc["services"] if s["id"] == "SF1500")
    assert (sf1500["called"], sf1500["state"], sf1500["authority"]) == (
        "direct",
        "active",
        "KOMBIT",
    )
    assert sf1500["source"] == "https://digitaliseringskataloget.dk/integration/sf1500"
    mat = next(s for s in doc["systems"] if s["id"] == "mat")
    assert (mat["authority"], mat["verified"]) == ("Klimadatastyrelsen", "2026-12-06")


def test_the_catalogue_speaks_danish_by_default() -> None:
    text = catalogue_text()
    assert text.splitlines()[0].startswith("kommarch-kataloget ")
    assert text.splitlines()[2] == "Systemer (reserverede id'er)"
    assert text.splitlines()[3].split() == [
        "id",
        "navn",
        "art",
        "har",
        "ansvarlig",
        "myndighed",
        "kilde",
        "kontrolleret",
    ]
    line = next(x for x in text.splitlines() if x.startswith("beskedfordeler "))
    assert " distribution " in line and "videregiver alt" in line
    md = catalogue_markdown()
    assert "| id | navn | art | har | ansvarlig myndighed | kilde | kontrolleret |" in md
    assert (
        "| SF1600 | Print (lukket med den nye Digital Post i 2022) | postkomponent | "
        "lukket (brug SF1601) | KOMBIT |" in md
    )
    assert "| SF1500 | " in md and "| aktiv, direkte |" in md
    assert "| person | Persondata (CPR) | register | cpr | — |" in md
