"""Recommended integrations (section 8): the route per object kind, hours saved, order."""

from __future__ import annotations

from pathlib import Path

from tests.scoring.scoringkit import fixture, inline

from kommarch.findings import Text
from kommarch.report import Recommendation
from kommarch.scoring import journeys, recommendations


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
