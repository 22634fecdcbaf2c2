"""The endpoint bench measures the servers it compares side by side, their timed runs interleaved."""
from __future__ import annotations

from kg.bench import servers
from kg.bench.endpoints import Query, measure_side_by_side

SETTINGS = dict(clients=2, seconds=0.3, warmup_seconds=0.1, max_requests=200, runs=3)


class Recorded:
    """A real server whose CPU readings are logged, so the order of the timed runs can be seen."""

    def __init__(self, server: servers.Server, name: str, log: list[str]):
        self.server, self.name, self.log = server, name, log
        self.base_url, self.sparql_path = server.base_url, server.sparql_path

    def cpu_seconds(self) -> float | None:
        self.log.append(self.name)
        return self.server.cpu_seconds()


def test_each_run_starts_with_the_next_server_so_every_server_takes_every_place(tmp_path):
    log: list[str] = []
    with servers.static(tmp_path) as a, servers.static(tmp_path) as b, servers.static(tmp_path) as c:
        targets = [Recorded(a, "A", log), Recorded(b, "B", log), Recorded(c, "C", log)]
        measure_side_by_side(targets, ["A/RES/1/1"], [], **SETTINGS)

    order = log[::2]                      # each timed run reads the CPU before and after it
    assert order == ["A", "B", "C", "B", "C", "A", "C", "A", "B"]


def test_every_server_gets_every_workload_and_its_own_cpu_per_request(tmp_path):
    with servers.static(tmp_path) as a, servers.static(tmp_path) as b:
        a.name, b.name = "first", "second"
        measured = measure_side_by_side([a, b], ["A/RES/1/1"], [Query("q", "SELECT * WHERE { ?s ?p ?o }")],
                                        **SETTINGS)

    for name in ("first", "second"):
        for workload in ("lookups", "aggregates"):
            figure = measured[name][workload]
            assert len(figure["runs"]) == 3 and figure["requests"] > 0 and figure["errors"] == 0
            # measured (psutil counts in clock ticks: a trivial server may use less than one in a short run)
            assert figure["server_cpu_ms_per_request"] is not None and figure["server_cpu_ms_per_request"] >= 0
