"""``kommarch import kitos`` against a real local HTTP server that behaves like KITOS.

The server (bench/kitos_stub.py) runs in a thread on 127.0.0.1; the command runs through the
real entry point in a subprocess. No part of kommarch's client is mocked.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests import kitos_data as kd
from tests.test_cli import REPO, golden

ks = kd.stub()
SECRETS = (ks.TOKEN, ks.PASSWORD)


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith("KITOS_")}
    full = {**base, "NO_COLOR": "1", "KITOS_BACKOFF": "0", **(env or {})}
    r = subprocess.run(
        [sys.executable, "-m", "kommarch", "import", "kitos", *args],
        cwd=REPO,
        env=full,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    for secret in SECRETS:
        assert secret not in r.stdout and secret not in r.stderr
    return r


TOKEN_ENV = {"KITOS_TOKEN": ks.TOKEN}


@pytest.fixture
def server() -> Iterator[Any]:
    with ks.StubServer(kd.dataset()) as srv:
        yield srv


def snapshot_of(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def test_new_inventory_with_retries_integer_enums_and_unknown_fields(tmp_path: Path) -> None:
    behaviour = ks.Behaviour(first={"/api/v2/it-system-usages": [429, 503]}, int_enums=True)
    with ks.StubServer(kd.dataset(), behaviour) as srv:
        inv = tmp_path / "faelles"
        r = run(str(inv), "--org", kd.CVR, "--url", srv.url, "--lang", "en", env=TOKEN_ENV)
        usage_requests = [q for q in behaviour.requests if "it-system-usages" in q]
    assert r.returncode == 0, r.stderr
    assert len(usage_requests) == 3  # 429, 503, then the page
    assert sorted(p.relative_to(inv).as_posix() for p in inv.rglob("*.yaml")) == [
        "kitos/integrations.yaml",
        "kitos/organisation.yaml",
        "kitos/systems.yaml",
        "municipality.yaml",
    ]
    systems = (inv / "kitos" / "systems.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: kaldenavn\n    name: System 3 (kaldenavn)\n    description: Old description\n"
        "    type: infrastructure\n    vendor: TestOrg\n    unit: direktoeromraade\n"
        "    status: in-use\n    in_use_from: 2022-05-10\n    retire_on: 2022-11-12\n"
        "    hosting: on-premises\n    criticality: business-critical\n"
        "    personal_data: criminal\n    data_processing_agreement: true\n    users: 100\n"
        "    data:\n      person: integration\n    kitos:\n"
        f"      usage: {kd.USAGE_A}\n      system: {kd.SYSTEM_A}\n" in systems
    )
    assert (
        "  - id: system-1\n    name: System 1\n    description: Old description\n"
        "    type: line-of-business\n    vendor: Netcompany\n    owner: Hanne Holm\n"
        "    unit: direktoeromraade\n    status: in-use\n" in systems
    )
    assert (
        "    contract_end: 2029-03-31\n    hosting: hosted\n    personal_data: criminal\n"
        in systems
    )
    assert "cpr" not in systems.split("systems:")[1].split("kitos")[0]  # CPR is no system
    integrations = (inv / "kitos" / "integrations.yaml").read_text(encoding="utf-8")
    assert (
        "  - id: cpr-kaldenavn\n    from: cpr\n    to: kaldenavn\n    data: [person]\n"
        "    via: serviceplatformen\n    service: SF1520\n" in integrations
    )
    assert f"    kitos:\n      relation: {kd.REL_CPR}\n" in integrations
    assert kd.REL_B not in integrations
    assert f"relation {kd.REL_B} (system-1 → kaldenavn): no data objects can be derived" in r.stdout
    units = (inv / "kitos" / "organisation.yaml").read_text(encoding="utf-8")
    assert "  - id: test-1\n    name: Test - 1\n    parent: direktoeromraade\n" in units
    municipality = (inv / "municipality.yaml").read_text(encoding="utf-8")
    assert f"    org: {kd.ORG}\n" in municipality and 'name: "Fælles Kommune"' in municipality
    v = subprocess.run(
        [sys.executable, "-m", "kommarch", "validate", str(inv)], capture_output=True, check=False
    )
    assert v.returncode == 0, v.stdout


def test_email_and_password_and_org_uuid(server: Any, tmp_path: Path) -> None:
    env = {"KITOS_EMAIL": ks.EMAIL, "KITOS_PASSWORD": ks.PASSWORD, "KITOS_URL": server.url}
    r = run(str(tmp_path / "inv"), "--org", kd.ORG, env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "inv" / "kitos" / "systems.yaml").is_file()


def test_second_import_rewrites_nothing_and_check_is_clean(server: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    assert run(str(inv), "--org", kd.CVR, "--url", server.url, env=TOKEN_ENV).returncode == 0
    before = snapshot_of(inv)
    r = run(str(inv), "--org", kd.CVR, "--url", server.url, "--lang", "en", env=TOKEN_ENV)
    assert r.returncode == 0
    assert r.stdout.endswith("No file changed.\n")
    assert snapshot_of(inv) == before
    c = run(
        str(inv), "--org", kd.CVR, "--url", server.url, "--check", "--lang", "en", env=TOKEN_ENV
    )
    assert c.returncode == 0 and c.stdout.endswith("In step with KITOS.\n")


def test_merge_keeps_the_architects_work_and_restores_kitos_fields(
    server: Any, tmp_path: Path
) -> None:
    inv = tmp_path / "inv"
    assert run(str(inv), "--org", kd.CVR, "--url", server.url, env=TOKEN_ENV).returncode == 0
    path = inv / "kitos" / "systems.yaml"
    original = path.read_text(encoding="utf-8")
    edited = original.replace(
        "    vendor: Netcompany\n", "    vendor: 'Håndskrevet A/S'  # rettet\n"
    )
    edited = edited.replace(
        "  - id: system-1\n", "  # Aplanner bruges af hele forvaltningen\n  - id: system-1\n"
    )
    edited += (
        '  - id: lokal-robot\n    name: "Lokal robot"   # skrevet i hånden\n'
        "    type: other\n    status: in-use\n    data:\n      person: manual\n"
    )
    path.write_text(edited, encoding="utf-8")
    c = run(
        str(inv), "--org", kd.CVR, "--url", server.url, "--check", "--lang", "en", env=TOKEN_ENV
    )
    assert c.returncode == 1
    line = edited.splitlines().index("  - id: system-1") + 1
    assert (
        f"kitos/systems.yaml:{line}  system system-1: vendor 'Håndskrevet A/S' → 'Netcompany'\n"
        in c.stdout
    )
    assert path.read_text(encoding="utf-8") == edited  # --check writes nothing
    r = run(str(inv), "--org", kd.CVR, "--url", server.url, env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    # the value is restored; its quoting and the comment (at its column) are kept
    expected = edited.replace(
        "    vendor: 'Håndskrevet A/S'  # rettet\n", "    vendor: 'Netcompany'       # rettet\n"
    )
    assert path.read_text(encoding="utf-8") == expected


def test_hand_written_id_collision_gets_the_next_suffix(server: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    inv.mkdir()
    (inv / "municipality.yaml").write_text(
        "municipality:\n  name: Fælles Kommune\n", encoding="utf-8"
    )
    (inv / "systems.yaml").write_text(
        "systems:\n  - {id: kaldenavn, name: Mit eget, type: other, status: in-use}\n",
        encoding="utf-8",
    )
    r = run(str(inv), "--org", kd.CVR, "--url", server.url, env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    text = (inv / "kitos" / "systems.yaml").read_text(encoding="utf-8")
    assert "  - id: kaldenavn-2\n    name: System 3 (kaldenavn)\n" in text
    assert "  - id: cpr-kaldenavn-2\n" in (inv / "kitos" / "integrations.yaml").read_text("utf-8")
    assert (inv / "municipality.yaml").read_text(
        "utf-8"
    ) == "municipality:\n  name: Fælles Kommune\n"


def test_removed_usage_and_relation_are_retired(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    data = kd.dataset()
    with ks.StubServer(data) as srv:
        assert run(str(inv), "--org", kd.CVR, "--url", srv.url, env=TOKEN_ENV).returncode == 0
    data.usages = [u for u in data.usages if u["uuid"] != kd.USAGE_B]
    data.usages[0]["outgoingSystemRelations"] = []
    with ks.StubServer(data) as srv:
        r = run(str(inv), "--org", kd.CVR, "--url", srv.url, "--format", "json", env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    retired = [(c["kind"], c["id"], c["action"], c["fields"]) for c in out["changes"]]
    assert retired == [
        ("system", "system-1", "retire", {"status": ["in-use", "retired"]}),
        ("integration", "cpr-kaldenavn", "retire", {"status": [None, "retired"]}),
    ] or retired == [
        ("system", "system-1", "retire", {"status": ["in-use", "retired"]}),
        ("integration", "cpr-kaldenavn", "retire", {"status": [None, "retired"]}),
    ]
    assert "  - id: system-1\n" in (inv / "kitos" / "systems.yaml").read_text("utf-8")
    assert "    status: retired\n" in (inv / "kitos" / "integrations.yaml").read_text("utf-8")
    assert out["counts"]["systems_retired"] == 1 and out["counts"]["integrations_retired"] == 1


def test_snapshot_round_trip_without_secrets(server: Any, tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    a, b = tmp_path / "a", tmp_path / "b"
    r = run(
        str(a), "--org", kd.CVR, "--url", server.url, "--save-snapshot", str(snap), env=TOKEN_ENV
    )
    assert r.returncode == 0, r.stderr
    for f in snap.iterdir():
        text = f.read_text(encoding="utf-8")
        assert all(s not in text for s in SECRETS)
    assert sorted(f.name for f in snap.iterdir()) == [
        "data-processing-registrations.json",
        "it-contracts.json",
        "it-interfaces.json",
        "it-system-usages.json",
        "it-systems.json",
        "manifest.json",
        "organization-units.json",
    ]
    r2 = run(str(b), "--from-snapshot", str(snap))  # no credentials, no network
    assert r2.returncode == 0, r2.stderr
    for name in ("kitos/systems.yaml", "kitos/integrations.yaml", "municipality.yaml"):
        assert (a / name).read_bytes() == (b / name).read_bytes()


def test_dry_run_writes_nothing(server: Any, tmp_path: Path) -> None:
    r = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", server.url, "--dry-run", env=TOKEN_ENV)
    assert r.returncode == 0
    assert r.stdout.endswith("Prøvekørsel: intet er skrevet.\n")
    assert not (tmp_path / "inv").exists()


def test_a_full_page_then_an_empty_page(tmp_path: Path) -> None:
    data = ks.municipality(248)  # 248 + CPR + Serviceplatformen = exactly 250 usages
    with ks.StubServer(data) as srv:
        r = run(
            str(tmp_path / "inv"),
            "--org",
            "29189919",
            "--url",
            srv.url,
            "--format",
            "json",
            env=TOKEN_ENV,
        )
        pages = [q for q in srv.behaviour.requests if q.startswith("/api/v2/it-system-usages")]
    assert r.returncode == 0, r.stderr
    assert [p.split("page=")[1].split("&")[0] for p in pages] == ["0", "1"]
    assert json.loads(r.stdout)["counts"]["systems_added"] == 248


def _closed_port() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{s.getsockname()[1]}"


FAILURES = [
    (
        "wrong token",
        {},
        {"KITOS_TOKEN": "not-the-token"},
        "kommarch: KITOS refused the token for {url}/api/v2/organizations?cvrContent=29189919"
        "&page=0&pageSize=250 (401 Unauthorized): check KITOS_TOKEN (it expires after 24 "
        "hours), or use KITOS_EMAIL and KITOS_PASSWORD\n",
    ),
    (
        "wrong password",
        {},
        {"KITOS_EMAIL": ks.EMAIL, "KITOS_PASSWORD": "forkert"},
        "kommarch: KITOS at {url} refused the e-mail and password (401): check KITOS_EMAIL "
        "and KITOS_PASSWORD, and that the user has the API access right (API-adgang)\n",
    ),
    (
        "500 for ever",
        {"always": {"/api/v2/it-system-usages": 500}},
        TOKEN_ENV,
        "kommarch: KITOS failed for {url}/api/v2/it-system-usages?organizationUuid="
        f"{kd.ORG}&page=0&pageSize=250 after 5 tries: 500 Internal Server Error\n",
    ),
    (
        "malformed page",
        {"malformed": {"/api/v2/it-contracts"}},
        TOKEN_ENV,
        "kommarch: KITOS sent a response that is not valid JSON for {url}/api/v2/it-contracts"
        f"?organizationUuid={kd.ORG}&page=0&pageSize=250\n",
    ),
]


@pytest.mark.parametrize(
    ("name", "behaviour", "env", "message"), FAILURES, ids=[f[0] for f in FAILURES]
)
def test_failures_exit_2_with_one_sentence(
    tmp_path: Path, name: str, behaviour: dict[str, Any], env: dict[str, str], message: str
) -> None:
    with ks.StubServer(kd.dataset(), ks.Behaviour(**behaviour)) as srv:
        r = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", srv.url, env=env)
    assert r.returncode == 2
    assert r.stdout == ""
    *progress, last = r.stderr.splitlines(keepends=True)
    assert last == message.format(url=srv.url)
    assert all(line.startswith("kommarch: KITOS: ") for line in progress)  # progress only
    assert not (tmp_path / "inv").exists()


def test_unknown_and_ambiguous_cvr(tmp_path: Path) -> None:
    data = kd.dataset()
    data.orgs.append(
        {"uuid": "11111111-2222-4333-8444-555555555555", "name": "Kopi", "cvr": kd.CVR}
    )
    with ks.StubServer(data) as srv:
        unknown = run(str(tmp_path / "inv"), "--org", "12345678", "--url", srv.url, env=TOKEN_ENV)
        several = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", srv.url, env=TOKEN_ENV)
    assert unknown.returncode == 2
    assert unknown.stderr == f"kommarch: no organisation in KITOS at {srv.url} has CVR 12345678\n"
    assert several.returncode == 2
    assert several.stderr == (
        f"kommarch: 2 organisations in KITOS have CVR {kd.CVR}: Fælles Kommune ({kd.ORG}); "
        "Kopi (11111111-2222-4333-8444-555555555555); give --org the UUID\n"
    )
    assert not (tmp_path / "inv").exists()


def test_nothing_listening(tmp_path: Path) -> None:
    url = _closed_port()
    r = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", url, env=TOKEN_ENV)
    assert r.returncode == 2
    assert r.stderr == (
        f"kommarch: cannot connect to KITOS at {url}: nothing answers there (check --url or "
        "KITOS_URL, and the network)\n"
    )
    assert not (tmp_path / "inv").exists()


def test_no_credentials(tmp_path: Path) -> None:
    r = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", _closed_port())
    assert r.returncode == 2
    assert r.stderr == (
        "kommarch: no KITOS credentials: set KITOS_TOKEN, or KITOS_EMAIL and KITOS_PASSWORD, "
        "in the environment\n"
    )


def test_invalid_snapshot(tmp_path: Path) -> None:
    snap = tmp_path / "snap"
    snap.mkdir()
    (snap / "manifest.json").write_text('{"schema_version": 1,', encoding="utf-8")
    r = run(str(tmp_path / "inv"), "--from-snapshot", str(snap))
    assert r.returncode == 2
    assert r.stderr == (
        f"kommarch: {snap}/manifest.json:1:22: not valid JSON (Expecting property name enclosed "
        "in double quotes)\n"
    )


def test_an_interface_kitos_no_longer_has_is_no_failure(tmp_path: Path) -> None:
    data = kd.dataset()
    del data.interfaces[kd.IF_CPR]
    with ks.StubServer(data) as srv:
        r = run(
            str(tmp_path / "inv"),
            "--org",
            kd.CVR,
            "--url",
            srv.url,
            "--format",
            "json",
            env=TOKEN_ENV,
        )
    assert r.returncode == 0, r.stderr
    skipped = json.loads(r.stdout)["skipped"]
    assert [(s["relation"], s["reason"]) for s in skipped] == [
        (kd.REL_B, "no data objects can be derived"),
        (kd.REL_CPR, "no data objects can be derived"),
    ]


def test_skip_and_owner_roles_from_kommarch_yaml(server: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    inv.mkdir()
    (inv / "kommarch.yaml").write_text(
        f"kitos:\n  org: {kd.CVR}\n  owner_roles: [Changemanager]\n  skip: [{kd.USAGE_B}]\n",
        encoding="utf-8",
    )
    r = run(str(inv), "--url", server.url, "--format", "json", env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    added = {c["id"]: c["fields"] for c in out["changes"] if c["kind"] == "system"}
    assert sorted(added) == ["kaldenavn"]
    assert added["kaldenavn"]["owner"] == [None, "Test 2"]
    assert out["skipped"][0]["reason"] == "the used system is skipped in kommarch.yaml"


def test_kitos_changes_update_in_place_and_a_swap_is_kept(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    data = kd.dataset()
    with ks.StubServer(data) as srv:
        assert run(str(inv), "--org", kd.CVR, "--url", srv.url, env=TOKEN_ENV).returncode == 0
    integrations = inv / "kitos" / "integrations.yaml"
    swapped = (
        integrations.read_text("utf-8")
        .replace("    from: cpr\n    to: kaldenavn\n", "    from: kaldenavn\n    to: cpr\n")
        .replace("    data: [person]\n", "    data: [person]  # retning vendt med vilje\n")
    )
    integrations.write_text(swapped, encoding="utf-8")
    usage_a = data.usages[0]
    usage_a["outgoingSystemRelations"][1]["description"] = None  # KITOS no longer sets it
    data.units[1]["name"] = "Test - 1 (omdøbt)"
    with ks.StubServer(data) as srv:
        r = run(str(inv), "--org", kd.CVR, "--url", srv.url, "--format", "json", env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    changes = [
        (c["kind"], c["id"], c["action"], c["fields"]) for c in json.loads(r.stdout)["changes"]
    ]
    description = usage_a["outgoingSystemRelations"][1]
    assert changes == [
        (
            "integration",
            "cpr-kaldenavn",
            "update",
            {
                "description": [
                    kd.dataset().usages[0]["outgoingSystemRelations"][1]["description"],
                    None,
                ]
            },
        ),
        ("unit", "test-1", "update", {"name": ["Test - 1", "Test - 1 (omdøbt)"]}),
    ]
    assert description["description"] is None
    text = integrations.read_text("utf-8")
    assert text == "".join(
        line
        for line in swapped.splitlines(keepends=True)
        if not line.startswith("    description:")
    )
    assert "  - id: test-1\n    name: Test - 1 (omdøbt)\n" in (
        inv / "kitos" / "organisation.yaml"
    ).read_text("utf-8")


@pytest.mark.parametrize("lang", ["da", "en"])
def test_summary_text_golden(tmp_path: Path, lang: str) -> None:
    snapshot = REPO / "tests" / "fixtures" / "kitos" / "snapshot"
    r = run(str(tmp_path / "new"), "--from-snapshot", str(snapshot), "--dry-run", "--lang", lang)
    assert r.returncode == 0 and r.stderr == ""
    golden(f"kitos-import-dry-run.{lang}.txt", r.stdout)
    j = run(str(tmp_path / "new"), "--from-snapshot", str(snapshot), "--dry-run", "-f", "json")
    golden("kitos-import-dry-run.json", j.stdout)
    assert not (tmp_path / "new").exists()


def test_a_url_that_is_no_url(tmp_path: Path) -> None:
    r = run(str(tmp_path / "inv"), "--org", kd.CVR, "--url", "kitos.dk", env=TOKEN_ENV)
    assert r.returncode == 2
    assert r.stderr == "kommarch: the KITOS URL must look like https://kitos.dk, got 'kitos.dk'\n"


def test_a_hand_written_integration_adopts_a_skipped_relation(server: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    assert run(str(inv), "--org", kd.CVR, "--url", server.url, env=TOKEN_ENV).returncode == 0
    hand = inv / "integrations.yaml"
    hand.write_text(
        "integrations:\n"
        "  # Aplanner sender vagtplaner; KITOS kender ikke dataobjektet\n"
        "  - from: system-1\n    to: kaldenavn\n    data: [sag]\n    mechanism: file\n"
        f"    kitos: {{relation: {kd.REL_B}}}\n",
        encoding="utf-8",
    )
    r = run(str(inv), "--org", kd.CVR, "--url", server.url, "-f", "json", env=TOKEN_ENV)
    assert r.returncode == 0, r.stderr
    out = json.loads(r.stdout)
    assert out["skipped"] == []
    assert [(c["id"], c["action"], sorted(c["fields"])) for c in out["changes"]] == [
        ("system-1-kaldenavn", "update", ["description", "frequency"])
    ]
    assert hand.read_text("utf-8") == (
        "integrations:\n"
        "  # Aplanner sender vagtplaner; KITOS kender ikke dataobjektet\n"
        "  - from: system-1\n    to: kaldenavn\n    data: [sag]\n    mechanism: file\n"
        "    frequency: monthly\n"
        "    description: Sed at nibh ac tellus tempor dignissim quis id urna\n"
        f"    kitos: {{relation: {kd.REL_B}}}\n"
    )


def test_an_inventory_of_another_organisation_is_refused(tmp_path: Path) -> None:
    inv = tmp_path / "inv"
    inv.mkdir()
    other = "7dc1db83-74cc-4912-993b-62f44d6fb7cb"
    (inv / "m.yaml").write_text(
        f"municipality:\n  name: Anden\n  kitos: {{org: {other}}}\n", encoding="utf-8"
    )
    snapshot = REPO / "tests" / "fixtures" / "kitos" / "snapshot"
    r = run(str(inv), "--from-snapshot", str(snapshot))
    assert r.returncode == 2
    assert r.stderr == (
        f"kommarch: m.yaml: the inventory belongs to KITOS organisation {other}, not to Fælles "
        f"Kommune ({kd.ORG})\n"
    )
    assert sorted(p.name for p in inv.iterdir()) == ["m.yaml"]
