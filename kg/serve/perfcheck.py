"""A quick side-by-side measurement of ``kg serve`` and ``oxigraph serve`` (a script, not a test).

    python -m kg.serve.perfcheck --store /tmp/store [--server waitress] [--clients 4] [--seconds 5]

Starts each server in turn on a loopback port over the same store, sends
(1) lookups by symbol, each a different query text, and (2) each example
query of ``queries/`` alone, from several concurrent keep-alive clients
(``kg.bench.load``), and prints req/s, p50, p99, the server's own CPU per request
(all its processes) and the ratio of throughputs ours / oxigraph.  The official figures come from ``make bench``; this is the
engineer's quick loop.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

from kg.bench import endpoints, servers
from kg.bench.load import run_load

REPO = Path(__file__).resolve().parents[2]


def ours(store: str, work: Path, server: str, workers: int | None, threads: int, extra: list[str]) -> servers.Server:
    port = servers.free_port()
    command = [servers.venv_bin("kg"), "serve", "--store", store, "--host", servers.HOST, "--port", str(port),
               "--threads", str(threads)]
    if server:
        command += ["--server", server]
    if workers:
        command += ["--workers", str(workers)]
    return servers.Server(f"kg serve ({server or 'default'})", command + extra, port, "/sparql", "/health",
                          work / "logs" / "kg-serve.log")


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU of a process and all its descendants (from /proc), so a noisy machine
    still gives a fair figure: the server's own CPU per request."""
    ticks = os.sysconf("SC_CLK_TCK")
    children: dict[int, list[int]] = {}
    stats: dict[int, list[str]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            stats[int(entry)] = fields
            children.setdefault(int(fields[1]), []).append(int(entry))
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        fields = stats.get(current)
        if fields:
            total += (int(fields[11]) + int(fields[12]) + int(fields[13]) + int(fields[14])) / ticks
        todo.extend(children.get(current, []))
    return total


def measure(server: servers.Server, symbols: list[str], queries: list[endpoints.Query], clients: int,
            seconds: float) -> dict[str, dict]:
    """req/s, p50, p99 for lookups and for each example query alone."""
    out: dict[str, dict] = {}
    workloads = [("lookups", endpoints.lookup_requests(symbols, server.sparql_path))]
    workloads += [(q.name, endpoints.aggregate_requests([q], server.sparql_path)) for q in queries]
    workloads.append(("aggregates", endpoints.aggregate_requests(queries, server.sparql_path)))
    for name, requests in workloads:
        run_load(server.base_url, requests, clients=clients, seconds=min(1.0, seconds / 3))
        cpu = tree_cpu_seconds(server.process.pid)
        result = run_load(server.base_url, requests, clients=clients, seconds=seconds)
        cpu = tree_cpu_seconds(server.process.pid) - cpu
        lat = result.latency
        out[name] = {"rps": round(result.throughput, 1), "p50": round(lat.p50, 2), "p99": round(lat.p99, 2),
                     "cpu_us": round(1e6 * cpu / max(result.ok + result.errors, 1)),
                     "errors": result.errors, "first_error": result.first_error}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", required=True)
    parser.add_argument("--server", default="", help="--server option of kg serve (default: its default)")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--only", choices=("ours", "oxigraph", "both"), default="both")
    parser.add_argument("--queries", default=str(REPO / "queries"))
    parser.add_argument("--select", default="", help="only the example queries whose names start with one of "
                                                     "these comma-separated prefixes (e.g. 02,04,14)")
    parser.add_argument("--json", help="also write the figures here")
    parser.add_argument("extra", nargs="*", help="more options for kg serve (after --)")
    args = parser.parse_args(argv)

    work = Path("/tmp/kg-perfcheck")
    symbols = endpoints.published_symbols(args.store)
    queries = endpoints.load_queries(args.queries)
    if args.select:
        queries = [q for q in queries if q.name.startswith(tuple(args.select.split(",")))]
    print(f"{len(symbols)} symbols, {len(queries)} queries, {args.clients} clients, {args.seconds:g} s each",
          file=sys.stderr)
    makers = []
    if args.only in ("ours", "both"):
        makers.append(lambda: ours(args.store, work, args.server, args.workers, args.threads, args.extra))
    if args.only in ("oxigraph", "both"):
        makers.append(lambda: servers.oxigraph(args.store, work))
    figures: dict[str, dict] = {}
    try:
        for make in makers:
            with make() as server:
                time.sleep(0.5)
                figures[server.name] = measure(server, symbols, queries, args.clients, args.seconds)
                print(f"{server.name}: done (rss {server.rss_mb()} MB)", file=sys.stderr)
    finally:
        servers.stop_all()
    names = list(figures)
    rows = list(next(iter(figures.values())))
    print(f"{'workload':48} " + " ".join(f"{n[:26]:>28}" for n in names) + ("   ratio" if len(names) == 2 else ""))
    for row in rows:
        cells = [figures[n][row] for n in names]
        text = " ".join(f"{c['rps']:7.1f}/s {c['p50']:6.2f} {c['p99']:7.2f}ms {c['cpu_us']:6d}us{'!' if c['errors'] else ' '}"
                        for c in cells)
        ratio = f"  {cells[0]['rps'] / cells[1]['rps']:6.0%}" if len(cells) == 2 and cells[1]["rps"] else ""
        print(f"{row:48} {text}{ratio}")
    for n in names:
        for row, c in figures[n].items():
            if c["errors"]:
                print(f"{n} {row}: {c['errors']} errors, first: {c['first_error']}", file=sys.stderr)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
