"""Dump throughput per format, on a generated store (for ``make bench``).

``measure_dump_throughput(work_dir, resolutions)`` builds a sample store of
that many resolutions (150 quads each), dumps it once, and returns
triples (or quads) per second for each format, wall clock.  The sample store
is written directly, without ``kg build``, so it has no graph files: this
measures the dump's slow path, reading every graph from the store (the
N-Triples figure includes that read; the N-Quads then copy the sorted copies
made on the way).  ``kg bench`` measures ``kg dump`` on stores ``kg build``
wrote (kg/bench/builds.py).
"""
from __future__ import annotations

import resource
import time
from pathlib import Path

import pyoxigraph as ox

from kg.publish.pipeline import dump_release
from kg.publish.sample_store import build_sample_store


def measure_dump_throughput(work_dir: str | Path, resolutions: int = 5000) -> dict[str, float | int]:
    work = Path(work_dir)
    store_dir = work / "bench-store"
    if not store_dir.exists():
        build_sample_store(store_dir, resolutions)
    store = ox.Store.read_only(str(store_dir))
    cpu_before = resource.getrusage(resource.RUSAGE_SELF).ru_utime
    start = time.perf_counter()
    manifest = dump_release(store, work / "bench-data", version="bench", log=lambda m: None)
    result: dict[str, float | int] = {"triples": manifest.triples, "graphs": manifest.graphs,
                                      "seconds_total": round(time.perf_counter() - start, 2),
                                      "cpu_seconds_main_process": round(
                                          resource.getrusage(resource.RUSAGE_SELF).ru_utime - cpu_before, 2)}
    for record in manifest.files:
        if record.items and record.seconds:
            result[f"{record.filename} per second"] = round(record.items / record.seconds)
    return result


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(measure_dump_throughput(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 5000), indent=1))
