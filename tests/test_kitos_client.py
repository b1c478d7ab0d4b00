"""The KITOS client against the stand-in server: concurrency bound, timeouts, paging edges."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from kommarch.kitos.client import (
    ClientSettings,
    Credentials,
    KitosClient,
    KitosError,
    _retry_after,
)
from kommarch.kitos.fetch import fetch
from tests import kitos_data as kd

ks = kd.stub()
_Stub: Any = ks.StubServer  # a class from a module loaded by path: Any to mypy
NOW = dt.datetime(2026, 12, 6, 7, 0, tzinfo=dt.UTC)


def _client(url: str, **settings: Any) -> KitosClient:
    return KitosClient(url, Credentials(token=ks.TOKEN), ClientSettings(backoff=0, **settings))


def test_at_most_eight_requests_at_once_over_one_pool() -> None:
    behaviour = ks.Behaviour(delay={"/api/v2/it-systems/": 0.02})
    with ks.StubServer(ks.municipality(60), behaviour) as srv, _client(srv.url) as client:
        data = fetch(client, "29189919", lambda *a: None, NOW)
    assert len(data.systems) == 62 and len(data.usages) == 62
    assert 1 < behaviour.max_in_flight <= 8
    assert data.fetched_at == "2026-12-06T07:00:00Z"


def test_a_request_that_never_answers_times_out_and_is_retried() -> None:
    behaviour = ks.Behaviour(delay={"/api/v2/organizations": 1.0})
    with ks.StubServer(kd.dataset(), behaviour) as srv, _client(srv.url, timeout=0.1) as client:
        client.authenticate()
        with pytest.raises(KitosError) as exc:
            client.get_list("/api/v2/organizations", {"cvrContent": kd.CVR})
    assert str(exc.value) == (
        f"KITOS failed for {srv.url}/api/v2/organizations?cvrContent={kd.CVR}&page=0&pageSize=250 "
        "after 5 tries: no answer within 0.1 seconds"
    )


class _IgnoresPaging(_Stub):  # type: ignore[misc]
    def _page(self, items: list[Any], query: dict[str, str]) -> tuple[int, Any]:
        return 200, items  # the whole list, whatever page is asked for


def test_a_server_that_ignores_paging_is_read_once() -> None:
    data = ks.municipality(300)
    with _IgnoresPaging(data) as srv, _client(srv.url) as client:
        client.authenticate()
        items = client.get_list("/api/v2/it-system-usages", {"organizationUuid": "x"})
    assert len(items) == 302


def test_a_list_endpoint_that_answers_an_object() -> None:
    with ks.StubServer(kd.dataset()) as srv, _client(srv.url) as client:
        client.authenticate()
        with pytest.raises(KitosError) as exc:
            client.get_list(f"/api/v2/organizations/{kd.ORG}")
    assert str(exc.value).startswith("KITOS sent dict instead of a list for ")


@pytest.mark.parametrize(
    ("header", "expected"),
    [("3", 3.0), ("0", 0.0), ("-5", 0.0), ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0), ("soon", None)],
)
def test_retry_after(header: str, expected: float | None) -> None:
    assert _retry_after(header) == expected


def test_credentials_are_not_in_repr() -> None:
    text = repr(Credentials(token="t0ken", email="a@b.dk", password="pw"))
    assert "t0ken" not in text and "pw" not in text and "a@b.dk" not in text


class _RepeatsPages(_Stub):  # type: ignore[misc]
    def _page(self, items: list[Any], query: dict[str, str]) -> tuple[int, Any]:
        return 200, items[:250]  # page 0 again and again


def test_a_server_that_repeats_its_first_page_is_stopped() -> None:
    with _RepeatsPages(ks.municipality(300)) as srv, _client(srv.url) as client:
        client.authenticate()
        with pytest.raises(KitosError) as exc:
            client.get_list("/api/v2/it-system-usages", {"organizationUuid": "x"})
    assert str(exc.value) == (
        f"KITOS sent the same page twice for {srv.url}/api/v2/it-system-usages?organizationUuid=x"
        "&page=1&pageSize=250; it does not page as API v2 does"
    )
