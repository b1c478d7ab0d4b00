"""Governance rules KM401-KM405: the data-driven cases in fixtures/rules/km4xx, plus details."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kommarch.findings import Finding
from kommarch.rules import REGISTRY, AuditContext
from kommarch.rules.governance import add_months


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (dt.date(2026, 8, 31), 6, dt.date(2027, 2, 28)),
        (dt.date(2023, 8, 31), 6, dt.date(2024, 2, 29)),
        (dt.date(2026, 1, 31), 1, dt.date(2026, 2, 28)),
        (dt.date(2026, 6, 1), 12, dt.date(2027, 6, 1)),
        (dt.date(2026, 11, 15), 2, dt.date(2027, 1, 15)),
        (dt.date(2026, 12, 31), 0, dt.date(2026, 12, 31)),
        (dt.date(2026, 3, 31), 25, dt.date(2028, 4, 30)),
        (dt.date(2026, 3, 31), 10**6, dt.date.max),
    ],
)
def test_add_months_clamps_the_day(day: dt.date, months: int, expected: dt.date) -> None:
    assert add_months(day, months) == expected


def findings(ctx: AuditContext, code: str) -> list[Finding]:
    return list(REGISTRY[code].check(ctx))


def test_contract_messages_say_ended_or_ends(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n"
        "  - {id: a, name: A, type: other, status: in-use, contract_end: 2026-05-31}\n"
        "  - {id: b, name: B, type: other, status: in-use, contract_end: 2026-06-01}\n"
    )
    found = {f.subjects[0]: f.message for f in findings(ctx, "KM402")}
    assert found["a"].en == (
        "The contract for A ended on 31 May 2026 and no system replaces "
        "it; plan a new tender or a replacement"
    )
    assert found["b"].da.startswith("Kontrakten for B udløber 1. juni 2026, og intet system")


def test_vendor_message_counts_and_percentages(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n"
        "  - {id: a, name: A, type: other, status: in-use, vendor: KMD}\n"
        "  - {id: b, name: B, type: other, status: in-use, vendor: kmd}\n"
        "  - {id: c, name: C, type: other, status: in-use}\n"
    )
    (f,) = findings(ctx, "KM404")
    assert f.message.en == (
        "KMD supplies 2 of 3 in-use systems (66.7%), more than the 30% limit; a vendor lock-in risk"
    )
    assert "(66,7 %)" in f.message.da


def test_dpa_message_names_the_category_in_danish(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n  - {id: a, name: A, type: other, status: in-use, "
        "hosting: saas, personal_data: sensitive}\n"
    )
    (f,) = findings(ctx, "KM405")
    assert f.message.da == (
        "A behandler personoplysninger (følsomme) hos leverandøren (som SaaS) uden "
        "databehandleraftale"
    )
    assert f.related == ()


def test_past_retirement_says_the_date_and_status_in_danish(audit_context: Any) -> None:
    ctx = audit_context(
        "systems:\n  - {id: kmd-sag, name: KMD Sag, type: other, status: phasing-out, "
        "owner: Chef, retire_on: 2024-08-31}\n"
    )
    (f,) = findings(ctx, "KM403")
    assert f.message.da == (
        "KMD Sag skulle have været udfaset 31. august 2024, men er stadig under udfasning; "
        "gennemfør udfasningen, eller ret retire_on til den nye plan"
    )
    assert f.message.en.startswith(
        "KMD Sag was due to retire on 31 August 2024 but is still being phased out"
    )


def test_vendor_message_writes_a_fractional_limit_with_a_danish_decimal_comma(
    audit_context: Any,
) -> None:
    ctx = audit_context(
        {
            "kommarch.yaml": "settings: {vendor_share: 0.125}\n",
            "systems.yaml": "systems:\n"
            "  - {id: a, name: A, type: other, status: in-use, vendor: Netcompany}\n"
            "  - {id: b, name: B, type: other, status: in-use, vendor: KMD}\n"
            "  - {id: c, name: C, type: other, status: in-use, vendor: KMD}\n"
            "  - {id: d, name: D, type: other, status: in-use, vendor: Systematic}\n"
            "  - {id: e, name: E, type: other, status: in-use, vendor: Schultz}\n"
            "  - {id: f, name: F, type: other, status: in-use, vendor: Fujitsu}\n"
            "  - {id: g, name: G, type: other, status: in-use, vendor: EG}\n"
            "  - {id: h, name: H, type: other, status: in-use, vendor: Visma}\n",
        }
    )
    (f,) = findings(ctx, "KM404")
    assert (f.message.da, f.message.en) == (
        "KMD leverer 2 af 8 systemer i drift (25 %), mere end grænsen på 12,5 %; risiko for "
        "leverandørbinding",
        "KMD supplies 2 of 8 in-use systems (25%), more than the 12.5% limit; a vendor lock-in "
        "risk",
    )
