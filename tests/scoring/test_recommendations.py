"""Recommended integrations (section 8): the route per object kind, hours saved, order."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.scoring.scoringkit import fixture, inline

from kommarch.findings import Text
from kommarch.graph import build_graph
from kommarch.report import Recommendation
from kommarch.scoring import journeys, recommendations
from kommarch.scoring.recommend import Route, route


def test_every_manual_entry_gets_its_integration_ranked_by_hours() -> None:
    ctx = fixture("recommendations")
    assert recommendations(ctx, journeys(ctx)) == [
        # p-dobbelt enters adresse in ky, then sbsys; neither is a source, ky (first) is kept:
        # 3600 * 120 / 3600
        Recommendation(
            "sbsys",
            "adresse",
            "dar",
            "datafordeleren",
            None,
            120.0,
            ("p-dobbelt",),
            Text(
                "Hent adresse fra DAR via Datafordeleren til SBSYS",
                "Fetch adresse from DAR through Datafordeleren into SBSYS",
            ),
        ),
        # p-kh enters jobplan in ky and in momentum, its master (kept): 1800 * 120 / 3600
        Recommendation(
            "ky",
            "jobplan",
            "momentum",
            "ip",
            None,
            60.0,
            ("p-kh",),
            Text(
                "Hent jobplan fra Momentum via integrationsplatformen Integrationsplatform til KY",
                "Fetch jobplan from Momentum through the integration platform "
                "Integrationsplatform into KY",
            ),
        ),
        # p-kh looks person up in cpr, the authority (kept), and sbsys: 1800 * 45 / 3600
        Recommendation(
            "sbsys",
            "person",
            "cpr",
            "serviceplatformen",
            "SF1520",
            22.5,
            ("p-kh",),
            Text(
                "Hent person fra CPR via Serviceplatformen (SF1520) til SBSYS; det kræver "
                "hjemmel og en serviceaftale",
                "Fetch person from CPR through Serviceplatformen (SF1520) into SBSYS; this "
                "requires a legal basis (hjemmel) and a service agreement",
            ),
        ),
        # unknown hours last, by system and object
        Recommendation(
            "c",
            "handleplan",
            "",
            "ip",
            None,
            None,
            (),
            Text(
                "Hent handleplan fra sin master via integrationsplatformen Integrationsplatform "
                "til C (intet system er master af handleplan; udpeg en først)",
                "Fetch handleplan from its master through the integration platform "
                "Integrationsplatform into C (no system masters handleplan; appoint one first)",
            ),
        ),
        # ky is the adresse entry kept in p-dobbelt: nothing saved there
        Recommendation(
            "ky",
            "adresse",
            "dar",
            "datafordeleren",
            None,
            None,
            (),
            Text(
                "Hent adresse fra DAR via Datafordeleren til KY",
                "Fetch adresse from DAR through Datafordeleren into KY",
            ),
        ),
        Recommendation(
            "ky",
            "organisation",
            "fk-organisation",
            None,
            "SF1500",
            None,
            (),
            # no organisation master in the inventory: FK Organisation, called directly
            Text(
                "Hent organisation direkte fra Fælleskommunalt Organisationssystem (SF1500) til KY",
                "Fetch organisation directly from Fælleskommunalt Organisationssystem (SF1500) "
                "into KY",
            ),
        ),
        # p-plads has no cases_per_year: it benefits, the hours are unknown
        Recommendation(
            "ky",
            "plads",
            "a",
            "ip",
            None,
            None,
            ("p-plads",),
            Text(
                "Hent plads fra A via integrationsplatformen Integrationsplatform til KY (der er "
                "flere mastere: A, B; aftal hvilken)",
                "Fetch plads from A through the integration platform Integrationsplatform into KY "
                "(there are several masters: A, B; agree which)",
            ),
        ),
    ]


def test_recommendations_never_claim_more_than_the_journeys_lose() -> None:
    ctx = fixture("recommendations")
    js = journeys(ctx)
    lost = {j.process: j.hours_per_year or 0.0 for j in js}
    claimed = dict.fromkeys(lost, 0.0)
    for r in recommendations(ctx, js):
        for p in r.processes:
            claimed[p] += r.hours_per_year or 0.0
    assert all(claimed[p] <= lost[p] for p in lost)
    assert claimed == {"p-dobbelt": 120.0, "p-kh": 82.5, "p-plads": 0.0}


def test_without_an_in_use_integration_platform_the_route_is_direct(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
data_objects:
  - {id: jobplan, name: Jobplan}
systems:
  - {id: ip, name: Udfases, type: integration-platform, status: phasing-out}
  - {id: momentum, name: Momentum, type: other, status: in-use, data: {jobplan: master}}
  - {id: ky, name: KY, type: line-of-business, status: in-use,
     data: {jobplan: manual, bygning: manual}}
""",
    )
    assert recommendations(ctx, journeys(ctx)) == [
        Recommendation(
            "ky",
            "bygning",
            "bbr",
            "datafordeleren",
            None,
            None,
            (),
            Text(
                "Hent bygning fra BBR via Datafordeleren til KY",
                "Fetch bygning from BBR through Datafordeleren into KY",
            ),
        ),
        Recommendation(
            "ky",
            "jobplan",
            "momentum",
            None,
            None,
            None,
            (),
            Text(
                "Hent jobplan fra Momentum direkte til KY",
                "Fetch jobplan from Momentum directly into KY",
            ),
        ),
    ]


def test_organisation_from_the_municipalitys_own_master(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: os2mo, name: OS2mo, type: hr, status: in-use, data: {organisation: master}}
  - {id: ky, name: KY, type: line-of-business, status: in-use, data: {organisation: manual}}
""",
    )
    (rec,) = recommendations(ctx, journeys(ctx))
    assert (rec.provider, rec.via, rec.service) == ("os2mo", None, None)
    assert rec.text.en == "Fetch organisation from OS2mo directly into KY"


def test_no_register_data_advice_for_other_and_analytics_systems(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
data_objects:
  - {id: jobplan, name: Jobplan}
systems:
  - {id: momentum, name: Momentum, type: line-of-business, status: in-use,
     data: {jobplan: master}}
  - {id: dvh, name: Datavarehus, type: analytics, status: in-use,
     data: {person: manual, jobplan: manual}}
  - {id: tavle, name: Tavle, type: other, status: in-use, data: {virksomhed: manual}}
  - {id: ky, name: KY, type: line-of-business, status: in-use,
     data: {virksomhed: manual, adresse: manual}}
""",
    )
    recs = recommendations(ctx, journeys(ctx))
    assert [(r.system, r.object) for r in recs] == [
        ("dvh", "jobplan"),  # municipal data: still advised
        ("ky", "adresse"),
        ("ky", "virksomhed"),
    ]
    caveat = "; this requires a legal basis (hjemmel) and a service agreement"
    assert [r.text.en.endswith(caveat) for r in recs] == [False, False, True]


def test_a_system_that_looks_up_and_rekeys_register_data_saves_both_steps(tmp_path: Path) -> None:
    # KY looks person up before CPR does: CPR, the authority, is kept all the same. In
    # b-ydelse KY also re-keys person after SBSYS (the first of two that are no source): one
    # lookup and one entry saved there. Benefiting processes are listed by id, not by hours; a
    # process of 0 cases a year saves 0 hours, it is not unknown.
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: ky, name: KY, type: line-of-business, status: in-use, data: {person: manual}}
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use,
     data: {person: integration}}
integrations:
  - {from: cpr, to: sbsys, data: [person], via: serviceplatformen, service: SF1520}
processes:
  - id: b-ydelse
    name: Ydelse
    cases_per_year: 7200
    steps:
      - {system: ky, action: lookup, data: [person]}
      - {system: cpr, action: lookup, data: [person]}
      - {system: sbsys, action: enter, data: [person]}
      - {system: ky, action: enter, data: [person]}
  - id: a-visitation
    name: Visitation
    cases_per_year: 3600
    steps:
      - {system: ky, action: lookup, data: [person]}
      - {system: cpr, action: lookup, data: [person]}
  - id: c-klage
    name: Klage
    cases_per_year: 0
    steps:
      - {system: sbsys, action: enter, data: [person]}
      - {system: ky, action: enter, data: [person]}
""",
    )
    js = journeys(ctx)
    assert [(j.process, j.hours_per_year) for j in js] == [
        ("b-ydelse", 330.0),
        ("a-visitation", 45.0),
        ("c-klage", 0.0),
    ]
    # 7200 * (45 + 120) / 3600 + 3600 * 45 / 3600 + 0
    assert recommendations(ctx, js) == [
        Recommendation(
            "ky",
            "person",
            "cpr",
            "serviceplatformen",
            "SF1520",
            375.0,
            ("a-visitation", "b-ydelse", "c-klage"),
            Text(
                "Hent person fra CPR via Serviceplatformen (SF1520) til KY; det kræver "
                "hjemmel og en serviceaftale",
                "Fetch person from CPR through Serviceplatformen (SF1520) into KY; this "
                "requires a legal basis (hjemmel) and a service agreement",
            ),
        )
    ]


def test_a_register_no_channel_serves_comes_directly_from_the_register(tmp_path: Path) -> None:
    # Should Datafordeleren stop distributing adresse (a catalogue update), DAR is called
    # directly and no service is named.
    inv = inline(tmp_path, "").inventory
    cat = inv.catalogue
    systems = {k: v for k, v in cat.systems.items() if k != "datafordeleren"}
    graph = build_graph(replace(inv, catalogue=replace(cat, systems=systems)))
    assert route(graph, None, "adresse") == Route(
        "dar", None, None, Text("direkte fra DAR", "directly from DAR")
    )


def test_a_recommendation_saving_minutes_ranks_above_one_saving_nothing(tmp_path: Path) -> None:
    # b's lookup of jobplan in p-lidt (10 cases) saves 10 * 45 s = 0.125 hours a year; a's
    # lookup of plads in p-nul (0 cases) saves none, though the hours are known.
    ctx = inline(
        tmp_path,
        """\
data_objects:
  - {id: jobplan, name: Jobplan}
  - {id: plads, name: Plads}
systems:
  - {id: m, name: M, type: other, status: in-use, data: {jobplan: master, plads: master}}
  - {id: a, name: A, type: other, status: in-use, data: {plads: manual}}
  - {id: b, name: B, type: other, status: in-use, data: {jobplan: manual}}
processes:
  - id: p-lidt
    name: Lidt
    cases_per_year: 10
    steps:
      - {system: m, action: lookup, data: [jobplan]}
      - {system: b, action: lookup, data: [jobplan]}
  - id: p-nul
    name: Ingen sager
    cases_per_year: 0
    steps:
      - {system: m, action: lookup, data: [plads]}
      - {system: a, action: lookup, data: [plads]}
""",
    )
    recs = recommendations(ctx, journeys(ctx))
    assert [(r.system, r.object, r.hours_per_year, r.processes) for r in recs] == [
        ("b", "jobplan", 0.125, ("p-lidt",)),
        ("a", "plads", 0.0, ("p-nul",)),
    ]
