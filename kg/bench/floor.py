"""The build's floor on this machine: the two costs no scheduling can hide, measured alone.

A build's wall time on N cores is at least (CPU of the store's bulk loader + CPU of the
worker stages) / N, however well the two overlap.  The workers' CPU comes from the build
report (CPU seconds per stage, summed over the workers).  The loader's is measured here:
the quads of a built store, exported as N-Quads, bulk loaded in one call into an empty
store by a child process that does nothing else (Oxigraph's best case: one load, no
compaction of earlier batches), its CPU read from ``getrusage`` (all its threads).
The same file is also loaded by Oxigraph's own command-line loader (``oxigraph load
--lenient``, Rust, no Python, IRIs not checked): the engine's best case, which shows
whether the Python binding costs anything.  The floor uses the cheaper of the two.
The cost per quad is then applied to the largest build's quads; it grows with the
store, so a figure measured on a smaller store makes the floor an underestimate.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

from kg.bench.servers import venv_bin

_LOAD_ALONE = """
import json, resource, sys, time
import pyoxigraph as ox
source, target = sys.argv[1], sys.argv[2]
store = ox.Store(target)
started = time.perf_counter()
store.bulk_load(path=source, format=ox.RdfFormat.N_QUADS)
store.flush()
usage = resource.getrusage(resource.RUSAGE_SELF)
print(json.dumps({"wall_s": time.perf_counter() - started, "cpu_s": usage.ru_utime + usage.ru_stime,
                  "quads": len(store)}))
"""


def load_alone(store: Path, work: Path, timeout: float) -> dict[str, Any]:
    """Bulk load the quads of ``store`` into an empty store, alone: wall, CPU and CPU per quad."""
    from kg.bench.endpoints import export_nquads

    folder = work / "floor"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    nquads = folder / "quads.nq"
    try:
        export_nquads(str(store), nquads)
        done = subprocess.run([venv_bin("python"), "-c", _LOAD_ALONE, str(nquads), str(folder / "store")],
                              capture_output=True, text=True, timeout=timeout)
        if done.returncode != 0:
            return {"error": done.stderr.strip().splitlines()[-1:] or [f"exit {done.returncode}"]}
        figure = json.loads(done.stdout.strip().splitlines()[-1])
        cli = cli_load_alone(nquads, folder / "cli-store", timeout)
    except subprocess.TimeoutExpired:
        return {"error": f"stopped after {timeout:.0f} s"}
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    quads = max(int(figure["quads"]), 1)
    out = {"store": store.name, "quads": quads, "wall_s": round(figure["wall_s"], 2),
           "cpu_s": round(figure["cpu_s"], 2), "cpu_us_per_quad": round(1e6 * figure["cpu_s"] / quads, 2)}
    if cli is not None:
        out["cli"] = {**cli, "cpu_us_per_quad": round(1e6 * cli["cpu_s"] / quads, 2)}
    return out


def cli_load_alone(nquads: Path, target: Path, timeout: float) -> dict[str, Any] | None:
    """``oxigraph load --lenient`` of ``nquads`` into an empty store: wall and CPU (``None`` without the CLI)."""
    import resource
    import time

    command = [venv_bin("oxigraph"), "load", "--location", str(target), "--file", str(nquads), "--lenient"]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    except FileNotFoundError:
        return None
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        return {"error": (done.stderr.strip().splitlines() or [f"exit {done.returncode}"])[-1], "cpu_s": 0.0}
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 2), "cpu_s": round(cpu, 2)}


def build_floor(build: dict[str, Any], alone: dict[str, Any], cores: int) -> dict[str, Any] | None:
    """The least wall time ``build`` could take on ``cores`` cores: (loader CPU + worker CPU) / cores."""
    per_quad = alone.get("cpu_us_per_quad")
    cli = alone.get("cli") or {}
    if per_quad and cli.get("cpu_s") and not cli.get("error"):
        per_quad = min(per_quad, cli["cpu_us_per_quad"])       # the cheaper loader
    worker_cpu = sum((build.get("cpu_s_per_stage") or {}).values())
    quads = build.get("triples_written") or 0
    if not per_quad or not worker_cpu or not quads or cores < 1:
        return None
    loader_cpu = quads * per_quad / 1e6
    main_cpu = build.get("main_cpu_s")
    return {"documents": build["documents"], "quads": quads, "cores": cores,
            "loader_cpu_s": round(loader_cpu, 1), "worker_cpu_s": round(worker_cpu, 1),
            "build_main_cpu_s": round(main_cpu, 1) if main_cpu else None,
            "floor_s": round((loader_cpu + worker_cpu) / cores, 1), "measured_wall_s": build.get("wall_s"),
            "loader_measured_on": f"{alone['store']} ({alone['quads']} quads)"}
