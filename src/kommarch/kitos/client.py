"""The HTTP client of KITOS API v2: token, paging, retries with back-off, one connection pool.

Credentials are held here only: never logged, never put in an error message, never returned.
Every failure is a :class:`KitosError` (exit 2) with one sentence naming the URL and the status.
"""

from __future__ import annotations

import email.utils
import json
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx

from kommarch import __version__
from kommarch.errors import UsageError

T = TypeVar("T")
R = TypeVar("R")

PAGE_SIZE = 250
MAX_TRIES = 5
MAX_CONCURRENCY = 8
MAX_WAIT = 60.0


class KitosError(UsageError):
    """KITOS could not be read: the message says what and where, never a secret."""


class KitosNotFound(KitosError):
    """KITOS answered 404 for one object."""


@dataclass(frozen=True, slots=True)
class Credentials:
    """A token, or an API user's e-mail and password (from the environment only)."""

    token: str | None = field(default=None, repr=False)
    email: str | None = field(default=None, repr=False)
    password: str | None = field(default=None, repr=False)

    @property
    def usable(self) -> bool:
        """A token, or both e-mail and password."""
        return bool(self.token) or bool(self.email and self.password)


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Timeouts and back-off (the base doubles each try; Retry-After wins when given)."""

    timeout: float = 30.0
    backoff: float = 1.0
    tries: int = MAX_TRIES
    concurrency: int = MAX_CONCURRENCY


class KitosClient:
    """One connection pool to one KITOS; use as a context manager."""

    def __init__(
        self, base_url: str, credentials: Credentials, settings: ClientSettings | None = None
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.settings = settings or ClientSettings()
        self._credentials = credentials
        limits = httpx.Limits(
            max_connections=self.settings.concurrency,
            max_keepalive_connections=self.settings.concurrency,
        )
        self._http = httpx.Client(
            base_url=self.base_url,
            timeout=self.settings.timeout,
            limits=limits,
            headers={"Accept": "application/json", "User-Agent": f"kommarch/{__version__}"},
            follow_redirects=False,
        )
        self._token: str | None = None

    def __enter__(self) -> KitosClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self._http.close()

    def authenticate(self) -> None:
        """Use ``KITOS_TOKEN``, or exchange e-mail and password for a token."""
        if self._credentials.token:
            self._token = self._credentials.token
            return
        body = {"email": self._credentials.email, "password": self._credentials.password}
        response = self._send("POST", "/api/authorize/GetToken", json_body=body)
        if response.status_code in (400, 401, 403):
            raise KitosError(
                f"KITOS at {self.base_url} refused the e-mail and password "
                f"({response.status_code}): check KITOS_EMAIL and KITOS_PASSWORD, and that the "
                "user has the API access right (API-adgang)"
            )
        self._raise_for_status(response, "/api/authorize/GetToken")
        token = _get_token(self._json(response, "/api/authorize/GetToken"))
        if token is None:
            raise KitosError(
                f"KITOS at {self.base_url} answered the log-in without a token; is this a "
                "KITOS server?"
            )
        self._token = token

    def get(self, path: str, params: dict[str, Any] | None = None) -> Any:
        """GET ``path`` and return the parsed JSON."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        response = self._send("GET", path, params=params, headers=headers)
        shown = _shown(path, params)
        if response.status_code == 401:
            raise KitosError(
                f"KITOS refused the token for {self.base_url}{shown} (401 Unauthorized): check "
                "KITOS_TOKEN (it expires after 24 hours), or use KITOS_EMAIL and KITOS_PASSWORD"
            )
        if response.status_code == 403:
            raise KitosError(
                f"KITOS denied access to {self.base_url}{shown} (403 Forbidden): the API user "
                "must be a member of the organisation and have the API access right"
            )
        self._raise_for_status(response, shown)
        return self._json(response, shown)

    def get_list(self, path: str, params: dict[str, Any] | None = None) -> list[Any]:
        """Every item of a paged list: pages of 250 until a page comes back shorter."""
        items: list[Any] = []
        page = 0
        previous: list[Any] | None = None
        while True:
            query = {**(params or {}), "page": page, "pageSize": PAGE_SIZE}
            chunk = self.get(path, query)
            if not isinstance(chunk, list):
                raise KitosError(
                    f"KITOS sent {type(chunk).__name__} instead of a list for "
                    f"{self.base_url}{_shown(path, query)}; is this API v2?"
                )
            if chunk and chunk == previous:  # a server that ignores `page` would never end
                raise KitosError(
                    f"KITOS sent the same page twice for {self.base_url}{_shown(path, query)}; "
                    "it does not page as API v2 does"
                )
            previous = chunk
            items.extend(chunk)
            if len(chunk) != PAGE_SIZE:  # shorter (the end), or longer (paging ignored)
                return items
            page += 1

    def map(self, fn: Callable[[T], R], items: Iterable[T]) -> list[R]:
        """``fn`` over ``items``, at most ``concurrency`` at once, results in input order."""
        work = list(items)
        if len(work) <= 1:
            return [fn(w) for w in work]
        with ThreadPoolExecutor(max_workers=self.settings.concurrency) as pool:
            return list(pool.map(fn, work))

    def _send(
        self,
        method: str,
        path: str,
        params: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
        json_body: Any = None,
    ) -> httpx.Response:
        shown = _shown(path, params)
        last = ""
        for attempt in range(1, self.settings.tries + 1):
            try:
                response = self._http.request(
                    method, path, params=params, headers=headers, json=json_body
                )
            except httpx.ConnectError:
                raise KitosError(
                    f"cannot connect to KITOS at {self.base_url}: nothing answers there "
                    "(check --url or KITOS_URL, and the network)"
                ) from None
            except httpx.TimeoutException:
                last = f"no answer within {self.settings.timeout:g} seconds"
                wait = self._wait(attempt, None)
            except httpx.TransportError as exc:
                last = f"the connection failed ({type(exc).__name__})"
                wait = self._wait(attempt, None)
            else:
                if response.status_code != 429 and response.status_code < 500:
                    return response
                last = f"{response.status_code} {response.reason_phrase}".strip()
                wait = self._wait(attempt, response.headers.get("Retry-After"))
            if attempt < self.settings.tries:
                time.sleep(wait)
        raise KitosError(
            f"KITOS failed for {self.base_url}{shown} after {self.settings.tries} tries: {last}"
        )

    def _wait(self, attempt: int, retry_after: str | None) -> float:
        if retry_after is not None:
            seconds = _retry_after(retry_after)
            if seconds is not None:
                return min(seconds, MAX_WAIT)
        return min(self.settings.backoff * float(2 ** (attempt - 1)), MAX_WAIT)

    def _raise_for_status(self, response: httpx.Response, shown: str) -> None:
        if response.status_code == 404:
            raise KitosNotFound(f"KITOS has no {self.base_url}{shown} (404 Not Found)")
        if response.status_code >= 300:
            raise KitosError(
                f"KITOS answered {response.status_code} {response.reason_phrase} for "
                f"{self.base_url}{shown}"
            )

    def _json(self, response: httpx.Response, shown: str) -> Any:
        try:
            return json.loads(response.content)
        except (ValueError, UnicodeDecodeError):
            raise KitosError(
                f"KITOS sent a response that is not valid JSON for {self.base_url}{shown}"
            ) from None


def _get_token(body: Any) -> str | None:
    inner = body.get("response") if isinstance(body, dict) else None
    token = inner.get("token") if isinstance(inner, dict) else None
    return token if isinstance(token, str) and token else None


def _shown(path: str, params: dict[str, Any] | None) -> str:
    """The path and query as shown in messages (the queries carry no secrets)."""
    if not params:
        return path
    return f"{path}?{httpx.QueryParams(params)}"


def _retry_after(value: str) -> float | None:
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, float(when.timestamp()) - time.time())
