"""A WSGI entry point for servers that import the app by name in their worker process (granian).

    KG_SERVE_CONFIG='{"store_path": "var/store"}' granian --interface wsgi kg.serve.wsgi:app

``kg serve`` does this for you.  The config travels as JSON in ``KG_SERVE_CONFIG``
(``config.config_to_env``); importing this module starts the query workers, so
import it only in the process that serves (never before a fork).
"""
from __future__ import annotations

import ctypes
import os
import signal
import sys

from .app import create_app, freeze_start_up_objects
from .config import config_from_env

PR_SET_PDEATHSIG = 1     # <linux/prctl.h>


def end_with_parent() -> None:
    """Have the kernel stop this worker when the process that started it dies (Linux).

    granian's main process stops its worker on Ctrl-C or SIGTERM; killed outright (SIGKILL,
    the OOM killer) it cannot, and the orphaned worker would go on serving the port, and
    holding the store, for ever.  The kernel sends the signal when the *thread* that forked the
    worker ends: granian forks it from its main thread (``kg serve`` sets no worker lifetime or
    memory limit, whose watcher threads would respawn workers).  Elsewhere, or without libc,
    nothing is done."""
    if not sys.platform.startswith("linux"):
        return
    parent = os.getppid()
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
    except (OSError, AttributeError):
        return
    if os.getppid() != parent:           # the parent died before the request was made
        os.kill(os.getpid(), signal.SIGTERM)


end_with_parent()
app = create_app(config_from_env())
app.extensions["kg"].pool      # start the query workers with the server process, not on the first request
freeze_start_up_objects()
