"""Governance at a glance: owners, contracts (KM402 arithmetic), vendors, GDPR."""

from __future__ import annotations

import datetime as dt

from tests.scoring.scoringkit import fixture

from kommarch.inventory.models import Settings
from kommarch.report import ContractInfo, Governance, VendorShare
from kommarch.scoring import governance

AS_OF = dt.date(2026, 1, 31)


def test_governance_hand_computed() -> None:
    ctx = fixture("governance", AS_OF, Settings(contract_warning_months=1))
    assert governance(ctx) == Governance(
        systems_in_use=5,  # s1, s2, s3, s6, s7
        with_owner=2,
        without_owner=("s2", "s3", "s7"),  # s2's owner is blank
        # horizon 2026-01-31 + 1 month = 2026-02-28 (day clamped); strictly earlier; s3's
        # contract has ended and planned s4 replaces it; retired s5 replaces nothing; s8 is not
        # in use
        contracts_expiring=(
            ContractInfo("s3", dt.date(2025, 12, 31), "s4"),
            ContractInfo("s1", dt.date(2026, 2, 27), None),
        ),
        # " KMD " and "kmd" are one vendor, spelled as on its first in-use system; blank
        # vendors are not listed; equal counts by name
        vendors=(
            VendorShare("KMD", 2, 2 / 5),
            VendorShare("atea", 1, 1 / 5),
            VendorShare("Netcompany", 1, 1 / 5),
        ),
        personal_data_systems=3,  # s1, s2, s6 (none and missing are not personal data)
        without_dpa=("s1", "s2"),  # s6 runs on premises: no processor
    )


def test_contract_horizon_follows_the_setting() -> None:
    ctx = fixture("governance", AS_OF, Settings(contract_warning_months=12))
    assert [c.system for c in governance(ctx).contracts_expiring] == ["s3", "s1", "s2", "s6"]
    ctx = fixture("governance", AS_OF, Settings(contract_warning_months=0))
    assert [c.system for c in governance(ctx).contracts_expiring] == ["s3"]
