"""Governance at a glance: owners, contracts, vendors and GDPR of the in-use systems.

The same readings as the governance rules (section 13), so the table and the findings agree:

- a blank owner is no owner (KM401);
- a contract is expiring when it ends earlier than the audit date plus
  ``contract_warning_months`` calendar months, day clamped; ended ones too. The arithmetic and
  the replacement (the first non-retired system in load order whose ``replaces`` names it) are
  KM402's own ``add_months`` and ``replaced_by``; unlike KM402, replaced systems are listed,
  with their replacement;
- vendors are compared trimmed and case-insensitive, shown in the spelling of their first in-use
  system in load order, as a share of all in-use systems (KM404);
- personal data other than ``none`` in a ``hosted``/``saas`` system without a data processing
  agreement (KM405; a missing ``personal_data`` is not flagged).
"""

from __future__ import annotations

from kommarch.inventory.models import Hosting, PersonalData, SystemStatus
from kommarch.report import ContractInfo, Governance, VendorShare
from kommarch.rules.base import AuditContext
from kommarch.rules.governance import add_months, replaced_by
from kommarch.scoring.common import blank

EXTERNAL = frozenset({Hosting.HOSTED, Hosting.SAAS})


def governance(ctx: AuditContext) -> Governance:
    """In-use systems: owners, expiring contracts, vendor shares, personal data and DPAs."""
    inv = ctx.inventory
    horizon = add_months(ctx.as_of, ctx.settings.contract_warning_months)
    replaced = replaced_by(inv)
    in_use = 0
    without_owner: list[str] = []
    expiring: list[ContractInfo] = []
    spelling: dict[str, str] = {}  # trimmed, casefolded name -> first spelling in load order
    supplies: dict[str, int] = {}
    personal = 0
    without_dpa: list[str] = []
    for sid, entry in inv.systems.items():
        m = entry.model
        if m.status is not SystemStatus.IN_USE:
            continue
        in_use += 1
        if blank(m.owner):
            without_owner.append(sid)
        if m.contract_end is not None and m.contract_end < horizon:
            expiring.append(ContractInfo(sid, m.contract_end, replaced.get(sid)))
        if m.vendor is not None and not blank(m.vendor):
            key = m.vendor.strip().casefold()
            spelling.setdefault(key, m.vendor.strip())
            supplies[key] = supplies.get(key, 0) + 1
        if m.personal_data is not None and m.personal_data is not PersonalData.NONE:
            personal += 1
            if m.hosting in EXTERNAL and m.data_processing_agreement is not True:
                without_dpa.append(sid)
    shares = [VendorShare(spelling[k], n, n / in_use) for k, n in supplies.items()]
    shares.sort(key=lambda v: (-v.systems, v.vendor.casefold(), v.vendor))
    expiring.sort(key=lambda c: (c.contract_end, c.system))
    return Governance(
        systems_in_use=in_use,
        with_owner=in_use - len(without_owner),
        without_owner=tuple(sorted(without_owner)),
        contracts_expiring=tuple(expiring),
        vendors=tuple(shares),
        personal_data_systems=personal,
        without_dpa=tuple(sorted(without_dpa)),
    )
