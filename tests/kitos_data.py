"""A KITOS organisation built from the shared fixture responses (tests/fixtures/kitos, MPL-2.0),
served by the stand-in KITOS of bench/kitos_stub.py.

The fixtures are real response shapes; they are combined into one small municipality: usage
"kaldenavn" (System 3) uses "Aplanner" and CPR (a national component), with a contract, a data
processing registration and the unit tree. The fixture CVR "23232" becomes "29189919" (8 digits).
"""

from __future__ import annotations

import copy
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "kitos"
_STUB = Path(__file__).resolve().parents[1] / "bench" / "kitos_stub.py"

ORG = "b971f663-2c0e-44d2-9da2-fbf9cdd8df85"
CVR = "29189919"
USAGE_A = "85cc6bd8-da66-4d4e-8e56-4dbc16e5c109"
USAGE_B = "90a6cdc4-8ab0-4955-a7df-6067c21a10b1"  # Aplanner
USAGE_CPR = "90a6cdc4-8ab0-4955-a7df-6012321a10b1"  # "Vestibulum" in the fixture: here CPR
SYSTEM_A = "9c8ddc3f-ffdd-47e5-9e46-1d37826d25a7"
SYSTEM_B = "681385c4-4f4f-4de4-bafe-faa245f1b0e1"
SYSTEM_CPR = "0b3f0c1e-0000-4000-8000-00000000c0de"
REL_B = "38177f5a-ea9e-46f2-8605-46605b5e3c00"  # interface with data type "Andet": skipped
REL_CPR = "38177f5a-ea9e-46f2-8605-46605b5e3c11"
IF_B = "1a14e520-e4d9-11ed-b5ea-0242ac120002"
IF_CPR = "1a14e520-e4d9-11ed-b5ea-1232ac120002"
CONTRACT = "2005f708-e4d9-11ed-b5ea-0242ac120002"


def stub() -> ModuleType:
    """bench/kitos_stub.py as a module."""
    if "kitos_stub" in sys.modules:
        return sys.modules["kitos_stub"]
    spec = importlib.util.spec_from_file_location("kitos_stub", _STUB)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["kitos_stub"] = module
    spec.loader.exec_module(module)
    return module


def _load(name: str) -> Any:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def dataset() -> Any:
    """The organisation as a ``kitos_stub.Dataset``."""
    ks = stub()
    org = {"uuid": ORG, "name": "Fælles Kommune", "cvr": CVR}
    usage_a = _load("it-system-usage.json")
    usage_a["organizationContext"] = org
    usage_b = _load("it-system-usage-gdpr-sensitive-data.json")
    usage_b.update(
        uuid=USAGE_B,
        systemContext={"uuid": SYSTEM_B, "name": "System 1"},
        organizationContext=org,
        outgoingSystemRelations=[],
    )
    usage_b["general"]["localCallName"] = None
    usage_b["general"]["mainContract"] = {"uuid": CONTRACT, "name": "Dolor sit"}
    usage_b["roles"] = [
        *_load("it-system-usage-roles.json"),
        {
            "user": {"uuid": "c12d406a-71b7-4ef9-aebe-1cf8fe82453f", "name": "Hanne Holm"},
            "role": {"uuid": "2b66627d-93d7-4c2d-b84d-cbf1b704fa99", "name": "Systemejer"},
        },
    ]
    usage_cpr = copy.deepcopy(usage_b)
    usage_cpr.update(uuid=USAGE_CPR, systemContext={"uuid": SYSTEM_CPR, "name": "CPR"}, roles=[])
    system_a = _load("it-system.json")
    system_a.update(uuid=SYSTEM_A, name="System 3", parentSystem=None)
    system_b = _load("it-system.json")
    system_b["businessType"] = {"uuid": "b7", "name": "Sagsbærende"}
    system_cpr = _load("it-system.json")
    system_cpr.update(uuid=SYSTEM_CPR, name="Det Centrale Personregister (CPR)")
    interface_b = _load("it-interface.json")
    interface_b["uuid"] = IF_B
    interface_cpr = _load("it-interface.json")
    interface_cpr.update(uuid=IF_CPR, name="CPR replika opslag", interfaceId="SF1520")
    interface_cpr["data"][0]["dataType"] = {"uuid": "dt-person", "name": "Person"}
    contract = {
        "uuid": CONTRACT,
        "name": "Dolor sit",
        "supplier": {"organization": {"uuid": "s1", "name": "Netcompany", "cvr": "21622116"}},
        "general": {"validity": {"validTo": "2029-03-31T00:00:00Z", "valid": True}},
        "systemUsages": [{"uuid": USAGE_B, "name": "System 1"}],
    }
    registration = {
        "uuid": "d1d1d1d1-0000-4000-8000-000000000001",
        "general": {"isAgreementConcluded": "Yes"},
        "systemUsages": [{"uuid": USAGE_A, "name": "System 3"}],
    }
    return ks.Dataset(
        orgs=[org, {"uuid": "7dc1db83-74cc-4912-993b-62f44d6fb7cb", "name": "Anden", "cvr": "1"}],
        usages=[usage_a, usage_b, usage_cpr],
        systems={SYSTEM_A: system_a, SYSTEM_B: system_b, SYSTEM_CPR: system_cpr},
        interfaces={IF_B: interface_b, IF_CPR: interface_cpr},
        units=_load("organization-units-hierarchy.json"),
        contracts=[contract],
        registrations=[registration],
    )
