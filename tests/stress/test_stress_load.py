"""The endpoint under load for minutes, many slow clients, and every explosive query (issue 10)."""
from __future__ import annotations

import os

import pytest

from conftest import record
from kg.serve.testing import shared_sample_store, store_digest
from serve_support import ServerProcess, SlowClients, request, run_load
from test_attack_endpoint import assert_stopped_within_limits, explosive_queries

pytestmark = pytest.mark.slow
TIMEOUT = 2.0
SECONDS = float(os.environ.get("KG_STRESS_LOAD_SECONDS", "180"))
CLIENTS = int(os.environ.get("KG_STRESS_CLIENTS", "32"))


@pytest.fixture(scope="module")
def server():
    with ServerProcess(shared_sample_store(), timeout=TIMEOUT, workers=2, threads=16) as live:
        yield live


def test_minutes_of_mixed_load(server):
    before = store_digest(shared_sample_store())
    result = run_load(server, SECONDS, CLIENTS, seed=20)
    figures = result.figures() | {"by_call": {k: dict(v) for k, v in result.by_call.items()},
                                  "unexpected_samples": result.unexpected[:10], "failure_samples": result.failures[:10]}
    record("load", figures)
    assert result.failures == [] and result.unexpected == []
    assert max(result.latencies) < 2 * TIMEOUT + 3
    assert set(result.health) == {200}
    assert max(result.rss_samples) < 1500
    assert store_digest(shared_sample_store()) == before


def test_hundreds_of_slow_clients(server):
    with SlowClients(server.port, count=400, interval=1.0) as slow:
        answers = [request(server.url, "GET", "/health", timeout=10)[0] for _ in range(5)]
        record("slowloris", {"slow_sockets": slow.opened, "health": answers})
        assert slow.opened == 400 and answers == [200] * 5


@pytest.mark.parametrize("name", sorted(explosive_queries()))
def test_every_explosive_query(server, name):
    before = store_digest(shared_sample_store())
    assert_stopped_within_limits(server, explosive_queries()[name])
    assert store_digest(shared_sample_store()) == before
    assert request(server.url, "GET", "/health", timeout=10)[0] == 200
