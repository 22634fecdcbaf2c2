"""A small HTTP client for SPARQL stores: retries with back-off, auth from the environment.

Credentials never come from the command line (they would end up in shell
history and process listings): ``KG_STORE_AUTH_HEADER`` (``Name: value``, or a
bare value sent as ``Authorization``), or ``KG_STORE_USER`` and
``KG_STORE_PASSWORD`` for HTTP basic auth.
"""
from __future__ import annotations

import base64
import http.client
import os
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from typing import Callable, Mapping


class StoreError(RuntimeError):
    """The remote store refused a request or stayed unreachable after the retries."""


def auth_headers(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The authentication headers the environment asks for (none if it asks for none)."""
    env = os.environ if environ is None else environ
    header = env.get("KG_STORE_AUTH_HEADER", "").strip()
    if header:
        name, sep, value = header.partition(":")
        if sep and name.strip() and " " not in name.strip():
            return {name.strip(): value.strip()}
        return {"Authorization": header}
    user = env.get("KG_STORE_USER")
    if user:
        token = base64.b64encode(f"{user}:{env.get('KG_STORE_PASSWORD', '')}".encode()).decode("ascii")
        return {"Authorization": f"Basic {token}"}
    return {}


@dataclass
class Response:
    status: int
    body: bytes
    content_type: str


@dataclass
class HttpClient:
    """Sends requests; retries connection errors and 5xx with exponential back-off."""

    attempts: int = 6
    first_delay: float = 0.25
    max_delay: float = 8.0
    timeout: float = 120.0
    headers: dict[str, str] = field(default_factory=auth_headers)
    sleep: Callable[[float], None] = time.sleep
    requests: int = 0       # requests sent, retries included (for the build report)
    retries: int = 0

    def request(self, method: str, url: str, body: bytes | None = None,
                headers: Mapping[str, str] | None = None, ok_statuses: tuple[int, ...] = ()) -> Response:
        all_headers = {**self.headers, **(headers or {})}
        delay = self.first_delay
        last_error = ""
        for attempt in range(1, self.attempts + 1):
            self.requests += 1
            request = urllib.request.Request(url, data=body, method=method, headers=all_headers)
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as reply:
                    return Response(reply.status, reply.read(), reply.headers.get("Content-Type", ""))
            except urllib.error.HTTPError as error:
                payload = error.read()
                if error.code in ok_statuses:
                    return Response(error.code, payload, error.headers.get("Content-Type", ""))
                message = payload.decode("utf-8", "replace").strip().splitlines()
                last_error = f"HTTP {error.code} {error.reason}: {message[0][:300] if message else ''}"
                if error.code < 500:
                    raise StoreError(f"{method} {_redact(url)}: {last_error}") from None
            except (urllib.error.URLError, ConnectionError, socket.timeout, http.client.HTTPException) as error:
                last_error = str(getattr(error, "reason", error))
            if attempt < self.attempts:
                self.retries += 1
                self.sleep(delay)
                delay = min(delay * 2, self.max_delay)
        raise StoreError(f"{method} {_redact(url)}: gave up after {self.attempts} attempts: {last_error}")


def _redact(url: str) -> str:
    """Drop any user:password@ part before a URL goes into a message."""
    scheme, sep, rest = url.partition("://")
    if sep and "@" in rest.split("/", 1)[0]:
        rest = rest.split("@", 1)[1]
    return f"{scheme}{sep}{rest}"
