"""Who to talk to: the owner, vendor and contract end of every system, and of every integration
its sending system's (where the change is made)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.scoring.scoringkit import inline

from kommarch.report import SystemContact
from kommarch.scoring import contacts


def test_an_integration_is_talked_about_with_its_sending_systems_owner(tmp_path: Path) -> None:
    ctx = inline(
        tmp_path,
        """\
systems:
  - {id: sbsys, name: SBSYS, type: case-management, status: in-use, owner: Jobcenterchef,
     vendor: Netcompany, contract_end: 2027-03-31, data: {person: integration}}
  - {id: ky, name: KY, type: line-of-business, status: in-use, data: {person: integration}}
integrations:
  - {id: cpr-sbsys, from: cpr, to: sbsys, data: [person], via: serviceplatformen,
     service: SF1520}
  - {id: sbsys-ky, from: sbsys, to: ky, data: [person]}
  - {id: ky-sbsys, from: ky, to: sbsys, data: [person]}
""",
    )
    sbsys = SystemContact("sbsys", "Jobcenterchef", "Netcompany", dt.date(2027, 3, 31))
    ky = SystemContact("ky", None, None, None)
    # CPR is no inventory system: nobody in the municipality to ask about cpr-sbsys
    found = contacts(ctx.inventory)
    assert found == {"ky": ky, "ky-sbsys": ky, "sbsys": sbsys, "sbsys-ky": sbsys}
    assert list(found) == ["ky", "ky-sbsys", "sbsys", "sbsys-ky"]  # by id
