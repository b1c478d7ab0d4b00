"""The path to A, verified from the outside: apply Havø's steps to a copy of its inventory (as an
architect would, by editing the YAML) and audit again. Each step's rule says what to change."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from kommarch.graph import build_graph
from kommarch.pipeline import audit, validate
from kommarch.report import PathStep
from kommarch.scoring.common import platform
from kommarch.scoring.recommend import route

ROOT = Path(__file__).resolve().parents[2]
DAY = dt.date(2026, 11, 27)


class Inventory:
    """The YAML files of a copied inventory, editable, written back on save."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files = {p: yaml.safe_load(p.read_text("utf-8")) for p in sorted(root.glob("*.yaml"))}
        self.added: list[dict[str, Any]] = []
        v = validate(root)
        self.graph = build_graph(v.inventory)

    def system(self, sid: str) -> dict[str, Any]:
        for doc in self.files.values():
            for s in doc.get("systems") or []:
                if s["id"] == sid:
                    return s  # type: ignore[no-any-return]
        raise KeyError(sid)

    def integration(self, iid: str) -> dict[str, Any]:
        for doc in self.files.values():
            for i in doc.get("integrations") or []:
                if i.get("id", f"{i['from']}-{i['to']}") == iid:
                    return i  # type: ignore[no-any-return]
        raise KeyError(iid)

    def connect(self, source: str, target: str, obj: str, **extra: str | None) -> None:
        fields = {k: v for k, v in extra.items() if v is not None}
        self.added.append(
            {"id": f"fix-{len(self.added)}", "from": source, "to": target, "data": [obj], **fields}
        )

    def fetch(self, sid: str, obj: str) -> None:
        """Replace a manual entry or a missing delivery by an integration from the route."""
        r = route(self.graph, platform(self.graph), obj)
        self.system(sid).setdefault("data", {})[obj] = "integration"
        self.connect(r.provider, sid, obj, via=r.via, service=r.service)

    def save(self) -> None:
        docs = dict(self.files)
        docs[self.root / "fixes.yaml"] = {"integrations": self.added}
        for path, doc in docs.items():
            path.write_text(yaml.safe_dump(doc, allow_unicode=True, sort_keys=False), "utf-8")


def _km302(inv: Inventory, s: PathStep) -> None:
    data = inv.system(s.subjects[0])["data"]
    inv.connect(s.subjects[0], "sdi", "sag" if data.get("sag") == "master" else "dokument")


def _km304(inv: Inventory, s: PathStep) -> None:
    sid = s.subjects[0]
    if inv.system(sid)["data"]["organisation"] == "manual":
        inv.fetch(sid, "organisation")
    else:
        inv.connect(sid, "fk-organisation", "organisation", service="SF1500")


def _km309(inv: Inventory, s: PathStep) -> None:
    integration = inv.integration(s.subjects[0])
    closed = inv.graph.inventory.catalogue.services[integration["service"]]
    integration["service"] = closed.successor


def _owners(inv: Inventory, s: PathStep) -> None:
    for sid in s.subjects:
        inv.system(sid)["owner"] = "Systemejer"


APPLY: dict[str, Callable[[Inventory, PathStep], None]] = {
    "KM306": lambda inv, s: inv.connect(s.subjects[0], "postkomponent", "brev", service="SF1601"),
    "KM309": _km309,
    "KM302": _km302,
    "KM303": lambda inv, s: inv.connect(s.subjects[0], "ydelsesindeks", "ydelse"),
    "KM304": _km304,
    "KM101": lambda inv, s: inv.fetch(*s.subjects),
    "KM102": lambda inv, s: inv.fetch(*s.subjects),
    "KM201": lambda inv, s: inv.fetch(*s.subjects),
    "KM401": _owners,
}


def test_applying_havoes_path_to_a_makes_it_an_a(tmp_path: Path) -> None:
    before = audit(ROOT / "inventories" / "havoe", as_of=DAY)
    assert before.maturity is not None
    assert before.maturity.classification == "U"
    steps = before.maturity.path_to_a
    assert steps, "a U-kommune has a path"
    assert steps[-1].classification_after == "A"
    assert all(s.classification_after == "U" for s in steps[:-1])  # shortest: A only at the end
    copy = tmp_path / "havoe"
    shutil.copytree(ROOT / "inventories" / "havoe", copy)
    inv = Inventory(copy)
    for step in steps:
        APPLY[step.rule](inv, step)
    inv.save()
    after = audit(copy, as_of=DAY)
    assert after.not_computed is None
    assert after.maturity is not None
    assert after.maturity.classification == "A"
    assert after.maturity.path_to_a == ()
    # the path predicted the score the real audit now gives
    assert after.maturity.score == steps[-1].score_after


def test_skovlunds_path_closed_service_first_then_the_indexes() -> None:
    # Skovlund scores above 75, but a closed service (SF1600) blocks A, and too few case and
    # benefit systems index: the mandatory step first, then KM303 and KM302 (error rules).
    report = audit(ROOT / "inventories" / "skovlund", as_of=DAY)
    assert report.maturity is not None
    assert report.maturity.classification == "U"
    steps = report.maturity.path_to_a
    assert [(s.rule, s.subjects, s.classification_after) for s in steps] == [
        ("KM309", ("acadre-postkomponent-fjernprint",), "U"),
        ("KM303", ("kmd-institution",), "U"),
        ("KM302", ("sensum-bosted",), "A"),
    ]
