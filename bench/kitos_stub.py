"""A stand-in OS2 KITOS (API v2) on 127.0.0.1 for the tests and the benchmark.

It behaves like the real server where the importer cares: a token endpoint, bearer tokens,
plain-array paging capped at 250, answers in the shapes of the shared fixtures (unknown fields
included), optional integer enums, and scripted failures (429/503 to survive, a 500 that never
ends, a malformed page). ``municipality(n)`` generates a municipality of ``n`` usages.
"""

from __future__ import annotations

import copy
import json
import threading
import time
import uuid as uuidlib
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

TOKEN = "stub-token-7f3a-SECRET"
EMAIL = "api-bruger@kommune.dk"
PASSWORD = "hemmeligt-KODEORD-42"
_LIFECYCLE = ("Undecided", "NotInUse", "PhasingIn", "Operational", "PhasingOut", "Pilot")
_HOSTING = ("Undecided", "OnPremise", "External", "Hybrid")
_YESNO = ("No", "Yes", "DontKnow", "Undecided")
_SENSITIVITY = ("None", "PersonData", "SensitiveData", "LegalData")


@dataclass
class Dataset:
    """What the stand-in serves."""

    orgs: list[dict[str, Any]]
    usages: list[dict[str, Any]] = field(default_factory=list)
    systems: dict[str, dict[str, Any]] = field(default_factory=dict)
    interfaces: dict[str, dict[str, Any]] = field(default_factory=dict)
    units: list[dict[str, Any]] = field(default_factory=list)
    contracts: list[dict[str, Any]] = field(default_factory=list)
    registrations: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Behaviour:
    """Scripted misbehaviour: statuses to answer before the real one, per path prefix."""

    first: dict[str, list[int]] = field(default_factory=dict)
    always: dict[str, int] = field(default_factory=dict)
    malformed: set[str] = field(default_factory=set)
    int_enums: bool = False
    delay: dict[str, float] = field(default_factory=dict)
    requests: list[str] = field(default_factory=list)
    in_flight: int = 0
    max_in_flight: int = 0


def _as_int(value: Any, names: tuple[str, ...]) -> Any:
    return names.index(value) if value in names else value


def integer_enums(usage: dict[str, Any]) -> dict[str, Any]:
    """The usage as a server with X-KITOS-SERIALIZE-ENUM-AS-INTEGER sends it."""
    u = copy.deepcopy(usage)
    general = u.get("general") or {}
    validity = general.get("validity") or {}
    if "lifeCycleStatus" in validity:
        validity["lifeCycleStatus"] = _as_int(validity["lifeCycleStatus"], _LIFECYCLE)
    if "hostedAt" in general:
        general["hostedAt"] = _as_int(general["hostedAt"], _HOSTING)
    if "isBusinessCritical" in general:
        general["isBusinessCritical"] = _as_int(general["isBusinessCritical"], _YESNO)
    gdpr = u.get("gdpr") or {}
    if "dataSensitivityLevels" in gdpr:
        gdpr["dataSensitivityLevels"] = [
            _as_int(v, _SENSITIVITY) for v in gdpr["dataSensitivityLevels"]
        ]
    return u


class _Handler(BaseHTTPRequestHandler):
    server: StubServer

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet."""

    def _send(self, status: int, body: Any, raw: bytes | None = None) -> None:
        data = raw if raw is not None else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        if status == 429 or status >= 500:
            self.send_header("Retry-After", "0")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _scripted(self, path: str) -> bool:
        b = self.server.behaviour
        with self.server.lock:
            b.requests.append(self.path)
            for prefix, status in b.always.items():
                if path.startswith(prefix):
                    self._send(status, {"error": "scripted"})
                    return True
            for prefix, statuses in b.first.items():
                if path.startswith(prefix) and statuses:
                    self._send(statuses.pop(0), {"error": "scripted"})
                    return True
        return False

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        if self._scripted(path):
            return
        length = int(self.headers.get("Content-Length") or 0)
        try:
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError:
            body = {}
        if path != "/api/authorize/GetToken":
            self._send(404, {})
        elif body.get("email") == EMAIL and body.get("password") == PASSWORD:
            self._send(200, {"msg": "", "response": {"token": TOKEN, "email": EMAIL}})
        else:
            self._send(401, {"msg": "Unauthorized"})

    def do_GET(self) -> None:
        b = self.server.behaviour
        with self.server.lock:
            b.in_flight += 1
            b.max_in_flight = max(b.max_in_flight, b.in_flight)
        try:
            for prefix, seconds in b.delay.items():
                if self.path.startswith(prefix):
                    time.sleep(seconds)
            self._get()
        finally:
            with self.server.lock:
                b.in_flight -= 1

    def _get(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        if self._scripted(path):
            return
        if self.headers.get("Authorization") != f"Bearer {TOKEN}":
            self._send(401, {"message": "Unauthorized"})
            return
        if path in self.server.behaviour.malformed:
            self._send(200, None, raw=b'[{"uuid": "broken", ')
            return
        query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        status, body = self.server.answer(path, query)
        self._send(status, body)


class StubServer(ThreadingHTTPServer):
    """The stand-in; ``url`` is its base URL. Use as a context manager."""

    daemon_threads = True

    def __init__(self, data: Dataset, behaviour: Behaviour | None = None) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.data = data
        self.behaviour = behaviour or Behaviour()
        self.lock = threading.Lock()
        self.url = f"http://127.0.0.1:{self.server_address[1]}"
        self._thread = threading.Thread(target=self.serve_forever, daemon=True)

    def __enter__(self) -> StubServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()
        self.server_close()

    def _page(self, items: list[Any], query: dict[str, str]) -> tuple[int, Any]:
        size = int(query.get("pageSize", "250"))
        page = int(query.get("page", "0"))
        if not 1 <= size <= 250:
            return 400, {"message": "pageSize must be between 1 and 250"}
        return 200, items[page * size : (page + 1) * size]

    def answer(self, path: str, query: dict[str, str]) -> tuple[int, Any]:
        """The body for one GET."""
        d = self.data
        org = query.get("organizationUuid")
        if path == "/api/v2/organizations":
            cvr = query.get("cvrContent", "")
            return self._page([o for o in d.orgs if cvr in (o.get("cvr") or "")], query)
        if path.startswith("/api/v2/organizations/"):
            rest = path.removeprefix("/api/v2/organizations/").split("/")
            found = [o for o in d.orgs if o["uuid"] == rest[0]]
            if not found:
                return 404, {}
            return (200, found[0]) if len(rest) == 1 else self._page(d.units, query)
        lists = {
            "/api/v2/it-system-usages": d.usages,
            "/api/v2/it-contracts": d.contracts,
            "/api/v2/data-processing-registrations": d.registrations,
        }
        if path in lists:
            if org is None:
                return 400, {"message": "organizationUuid is required"}
            items = lists[path]
            if path == "/api/v2/it-system-usages" and self.behaviour.int_enums:
                items = [integer_enums(u) for u in items]
            return self._page(items, query)
        for prefix, table in (
            ("/api/v2/it-systems/", d.systems),
            ("/api/v2/it-interfaces/", d.interfaces),
        ):
            if path.startswith(prefix):
                item = table.get(path.removeprefix(prefix))
                return (200, item) if item is not None else (404, {})
        return 404, {}


# --- a generated municipality ----------------------------------------------------------------

_AREAS = ("Borgerservice", "Jobcenter", "Børn og Unge", "Ældre", "Teknik og Miljø", "Økonomi")
_TYPES = (
    "Sagsbærende",
    "ESDH og Journalisering",
    "Økonomi og betaling",
    "Selvbetjening og indberetning",
    "Specialsystemer",
    "BI og ledelsesinformation",
)


def _uuid(kind: str, n: int) -> str:
    return str(uuidlib.uuid5(uuidlib.NAMESPACE_URL, f"kommarch-stub/{kind}/{n}"))


def municipality(n: int) -> Dataset:
    """A municipality of ``n`` usages (plus CPR and Serviceplatformen), deterministic."""
    org = {"uuid": _uuid("org", 0), "name": "Stubby Kommune", "cvr": "29189919"}
    d = Dataset(orgs=[org])
    d.units = [
        {
            "uuid": _uuid("unit", i),
            "name": name,
            "parentOrganizationUnit": None
            if i == 0
            else {"uuid": _uuid("unit", 0), "name": "Stubby Kommune"},
            "origin": "Kitos",
        }
        for i, name in enumerate(("Stubby Kommune", *_AREAS))
    ]
    person = {"uuid": _uuid("dt", 0), "name": "Person"}
    d.interfaces[_uuid("if", 0)] = {
        "uuid": _uuid("if", 0),
        "name": "CPR replika opslag",
        "interfaceId": "SF1520",
        "data": [{"uuid": _uuid("ifd", 0), "dataType": person}],
    }
    specials = [("CPR", "Det Centrale Personregister"), ("Serviceplatformen", "KOMBIT")]
    for i in range(n + len(specials)):
        sys_uuid = _uuid("system", i)
        name, vendor = specials[i - n] if i >= n else (f"Fagsystem {i:03d}", f"Leverandør {i % 17}")
        d.systems[sys_uuid] = {
            "uuid": sys_uuid,
            "name": name,
            "description": f"Beskrivelse af {name}",
            "businessType": {"uuid": _uuid("bt", i % 6), "name": _TYPES[i % 6]},
            "rightsHolder": {"uuid": _uuid("vendor", i % 17), "name": vendor, "cvr": None},
            "kle": [{"uuid": _uuid("kle", i % 40), "name": f"{i % 90:02d}.{i % 30:02d}"}],
            "futureField": {"added": "2027"},
        }
        relations = []
        if i < n and i % 2 == 0:
            relations.append(
                {
                    "uuid": _uuid("rel", i),
                    "toSystemUsage": {"uuid": _uuid("usage", n), "name": "CPR"},
                    "relationInterface": {"uuid": _uuid("if", 0), "name": "CPR replika opslag"},
                    "relationFrequency": {"uuid": _uuid("freq", 0), "name": "Dagligt"},
                    "description": f"CPR-opslag i {name}",
                }
            )
        if 0 < i < n and i % 3 == 0:
            relations.append(
                {
                    "uuid": _uuid("rel2", i),
                    "toSystemUsage": {"uuid": _uuid("usage", i - 1), "name": "x"},
                    "relationInterface": {},
                    "relationFrequency": {},
                    "description": "",
                }
            )
        d.usages.append(
            {
                "uuid": _uuid("usage", i),
                "systemContext": {"uuid": sys_uuid, "name": name},
                "organizationContext": org,
                "general": {
                    "localCallName": None,
                    "numberOfExpectedUsers": {"lowerBound": 10 * (i % 9), "upperBound": 50},
                    "validity": {
                        "valid": True,
                        "lifeCycleStatus": ("Operational", "PhasingIn", "Undecided", "Retro")[
                            i % 4
                        ],
                        "validFrom": "2019-01-01T00:00:00Z",
                        "validTo": None,
                    },
                    "hostedAt": ("OnPremise", "External", "Hybrid", "Undecided")[i % 4],
                    "isBusinessCritical": "Yes" if i % 5 == 0 else "No",
                    "mainContract": None,
                    "brandNewField": [1, 2, 3],
                },
                "roles": [
                    {
                        "role": {"uuid": _uuid("role", 0), "name": "Systemejer"},
                        "user": {"uuid": _uuid("user", i % 30), "name": f"Ejer {i % 30}"},
                    }
                ],
                "organizationUsage": {
                    "usingOrganizationUnits": [],
                    "responsibleOrganizationUnit": {"uuid": _uuid("unit", 1 + i % 6), "name": "x"},
                },
                "localKLEDeviations": {"addedKLE": [], "removedKLE": []},
                "gdpr": {"dataSensitivityLevels": [("None", "PersonData", "SensitiveData")[i % 3]]},
                "outgoingSystemRelations": relations,
            }
        )
    return d
