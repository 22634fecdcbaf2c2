"""A WSGI entry point for servers that import the app by name (gunicorn, granian).

    KG_SERVE_CONFIG='{"store_path": "var/store"}' gunicorn kg.serve.wsgi:app

The config travels as JSON in ``KG_SERVE_CONFIG`` (the fields of
``ServeConfig``), so every server process builds the same app; each process
starts its own query workers on its first query.
"""
from __future__ import annotations

import json
import os

from .app import create_app
from .config import ServeConfig

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


app = create_app(config_from_env())
