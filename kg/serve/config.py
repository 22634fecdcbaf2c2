"""Everything the server can be told, in one plain record (``create_app(config)``)."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

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

    def __post_init__(self) -> None:
        self.base = self.base.rstrip("/")
        self.store_path = str(self.store_path)
        self.data_dir = str(self.data_dir) if self.data_dir else None
        self.service_allowlist = frozenset(self.service_allowlist)
        self.queries_dir = Path(self.queries_dir)
        self.ontology_path = Path(self.ontology_path)
        self.shapes_path = Path(self.shapes_path)


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
