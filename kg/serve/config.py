"""Everything the server can be told, in one plain record (``create_app(config)``)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

DEFAULT_BASE = "https://w3id.org/unres"
REPO_ROOT = Path(__file__).resolve().parents[2]


@dataclass
class ServeConfig:
    """Settings of one server; the defaults are the safe ones for the public internet."""

    store_path: str = "var/store"
    base: str = DEFAULT_BASE
    timeout: float = 30.0                 # seconds a query may run before its worker is killed
    max_rows: int = 10_000                # rows (SELECT) or triples (CONSTRUCT) per answer; more is truncated, and said so
    workers: int = field(default_factory=lambda: max(2, os.cpu_count() or 2))   # query processes
    service_allowlist: frozenset[str] = frozenset()   # SERVICE endpoints a query may call
    max_body_bytes: int = 256 * 1024      # request bodies (a query is text: 256 KiB is plenty)
    worker_memory_mb: int = 2048          # address space of each query worker (0: no limit)
    cache_max_age: int = 3600             # Cache-Control max-age for pages, data and GET queries
    cache_mb: float = 64                  # result cache of finished SPARQL answers, MB per server process (0: off)
    cache_entry_mb: float = 4             # an answer larger than this is not kept in the result cache
    queries_dir: Path = REPO_ROOT / "queries"
    ontology_path: Path = REPO_ROOT / "ontology" / "unres.ttl"
    shapes_path: Path = REPO_ROOT / "shapes" / "unres-shapes.ttl"
    title: str = "UN Resolutions Knowledge Graph"
    licence_url: str = "https://creativecommons.org/licenses/by-sa/4.0/"  # = kg.publish.licences.LICENCES["data"].url
    page_size: int = 100                  # rows per listing page
    data_dir: str | None = None           # releases written by `kg dump` (served at /data/ and /catalog)
    public_url: str | None = None         # the URL clients reach the server at: absolute URLs use it, not Host
    trusted_hosts: frozenset[str] = frozenset()   # more Host names accepted when public_url is set (the bind address)

    def __post_init__(self) -> None:
        self.base = self.base.rstrip("/")
        self.public_url = normalise_public_url(self.public_url)
        self.trusted_hosts = frozenset(self.trusted_hosts)
        self.store_path = str(self.store_path)
        self.data_dir = str(self.data_dir) if self.data_dir else None
        self.service_allowlist = frozenset(self.service_allowlist)
        self.queries_dir = Path(self.queries_dir)
        self.ontology_path = Path(self.ontology_path)
        self.shapes_path = Path(self.shapes_path)


LOOPBACK_HOSTS = ("127.0.0.1", "localhost")   # health checks on the machine itself (IPv6 literals: see docs/serve.md)


def normalise_public_url(url: str | None) -> str | None:
    """``scheme://host[:port]`` without a trailing slash, or None; ValueError if it is not one.

    The server writes ``public_url + "/data/..."``: a query, fragment or user name would end up
    in every download URL, and a path would not reach the pages' own root-relative links
    (``/data/``, ``/sparql``), so they are refused rather than half honoured.
    """
    if url is None or not url.strip():
        return None
    url = url.strip().rstrip("/")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{url!r}: the public URL must be http:// or https:// and name a host")
    if parts.path or parts.query or parts.fragment or parts.username or parts.password:
        raise ValueError(f"{url!r}: the public URL may not carry a path, query, fragment or user "
                         "(serve kg at the root of its host)")
    return url


def trusted_hosts(config: ServeConfig) -> list[str] | None:
    """Flask's ``TRUSTED_HOSTS``: the public URL's host, the loopback names and ``config.trusted_hosts``;
    None (every Host accepted, today's local behaviour) when no public URL is set.

    Flask compares host names without the port, case-sensitively: the names are lower-cased here.
    """
    if not config.public_url:
        return None
    public_host = urlsplit(config.public_url).hostname or ""
    names = [public_host, *LOOPBACK_HOSTS, *sorted(config.trusted_hosts)]
    return list(dict.fromkeys(name.lower() for name in names if name))


CONFIG_ENV = "KG_SERVE_CONFIG"


def config_to_env(config: ServeConfig) -> str:
    """The JSON that ``config_from_env`` reads back (paths as strings, sets as lists)."""
    fields = {}
    for name, value in vars(config).items():
        if isinstance(value, frozenset):
            value = sorted(value)
        elif isinstance(value, os.PathLike):
            value = os.fspath(value)
        fields[name] = value
    return json.dumps(fields)


def config_from_env(environ: dict[str, str] | None = None) -> ServeConfig:
    raw = (environ if environ is not None else os.environ).get(CONFIG_ENV, "{}")
    fields = json.loads(raw)
    if "service_allowlist" in fields:
        fields["service_allowlist"] = frozenset(fields["service_allowlist"])
    return ServeConfig(**fields)
