"""A WSGI entry point for servers that import the app by name in their worker process (granian).

    KG_SERVE_CONFIG='{"store_path": "var/store"}' granian --interface wsgi kg.serve.wsgi:app

``kg serve`` does this for you.  The config travels as JSON in ``KG_SERVE_CONFIG``
(``config.config_to_env``); importing this module starts the query workers, so
import it only in the process that serves (never before a fork).
"""
from __future__ import annotations

from .app import create_app, freeze_start_up_objects
from .config import config_from_env

app = create_app(config_from_env())
app.extensions["kg"].pool      # start the query workers with the server process, not on the first request
freeze_start_up_objects()
