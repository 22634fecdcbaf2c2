"""``kg serve`` as a user runs it: a busy port is refused, Ctrl-C stops the whole server.

granian binds with ``SO_REUSEPORT``, so without a check a second server on a busy port starts
silently and shares it with the first (half the answers from the old store).  Ctrl-C reaches the
whole foreground process group; granian's worker once missed its stop signal and the server
kept running: it is killed after a grace period now.
"""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from kg.serve.testing import shared_sample_store
from reliability_support import REPO
from serve_support import ServerProcess, request


def test_a_second_server_on_a_busy_port_is_refused_with_one_line():
    with ServerProcess(shared_sample_store(), workers=1) as first:
        second = subprocess.run([sys.executable, "-m", "kg.cli", "serve", "--store", str(shared_sample_store()),
                                 "--host", "127.0.0.1", "--port", str(first.port), "--workers", "1"],
                                cwd=REPO, capture_output=True, text=True, timeout=60)
        assert second.returncode == 1
        assert f"port {first.port} on 127.0.0.1 is in use" in second.stderr and "Traceback" not in second.stderr
        assert request(first.url, "GET", "/health", timeout=5)[0] == 200      # the first one serves on


def test_ctrl_c_stops_the_server_and_its_workers():
    for _ in range(3):                  # the lost stop signal was intermittent
        server = ServerProcess(shared_sample_store(), workers=1, extra=["--server", "granian"])
        try:
            for path in ("/", "/eli/un/ga/res/65/140", "/resolutions.csv", "/data/") * 5:
                request(server.url, "GET", path, timeout=30)
            children = _descendants(server.pid)
            _interrupt_all(server.pid, children)           # the server shares pytest's group: not killpg
            server.process.wait(timeout=30)                # a hang fails here, with TimeoutExpired
            time.sleep(0.5)
            assert not [pid for pid in children if _running(pid)], "query or granian workers outlived the server"
        finally:
            server.stop()


def test_a_server_killed_outright_takes_its_workers_with_it():
    server = ServerProcess(shared_sample_store(), workers=1, extra=["--server", "granian"])
    children: list[int] = []
    try:
        children = _descendants(server.pid)
        assert children, "granian's worker and the query workers run as children"
        os.kill(server.pid, signal.SIGKILL)             # no chance to stop its worker itself
        server.process.wait(timeout=10)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and [pid for pid in children if _running(pid)]:
            time.sleep(0.2)
        assert not [pid for pid in children if _running(pid)], "an orphaned worker went on serving the port"
    finally:
        for pid in _descendants(server.pid) + [pid for pid in children if _running(pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        server.stop()


def _descendants(pid: int) -> list[int]:
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True).stdout.split()
    parents = dict(zip(map(int, out[0::2]), map(int, out[1::2])))
    found, frontier = [], {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found += frontier
    return found


def _interrupt_all(pid: int, children: list[int]) -> None:
    """What a terminal's Ctrl-C does: SIGINT to every process of the foreground group."""
    for target in [pid, *children]:
        try:
            os.kill(target, signal.SIGINT)
        except ProcessLookupError:
            pass


def _running(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().split(") ")[-1][0] not in "ZX"
    except FileNotFoundError:
        return False
