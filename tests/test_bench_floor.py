"""The build's floor: the store load alone, measured on a real store, and the arithmetic of the floor."""
from __future__ import annotations

from pathlib import Path

from kg.bench.floor import build_floor, load_alone
from kg.store.backends import EmbeddedStore
from kg.store.build import BuildOptions, build

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def test_the_store_load_alone_reloads_every_quad_of_a_built_store(tmp_path):
    store = tmp_path / "store"
    built = EmbeddedStore(store, "https://w3id.org/unres")
    build(BuildOptions(sources=[str(SAMPLE)], jobs=1, progress=False), built)
    quads = len(built.store)
    built.close()

    figure = load_alone(store, tmp_path / "work", timeout=120)

    assert figure["quads"] == quads
    assert figure["cpu_s"] > 0 and figure["cpu_us_per_quad"] > 0
    assert not (tmp_path / "work" / "floor").exists()     # the export and the scratch store are removed
    assert figure["cli"]["cpu_s"] > 0 and figure["cli"]["cpu_us_per_quad"] > 0   # oxigraph's own loader, same quads


def test_the_floor_is_loader_and_worker_cpu_over_the_cores():
    build = {"documents": 20000, "triples_written": 30_000_000, "wall_s": 700.0,
             "cpu_s_per_stage": {"parse": 100.0, "validate": 200.0}}
    floor = build_floor(build, {"store": "scaled-2000", "quads": 3_000_000, "cpu_us_per_quad": 10.0}, cores=2)
    assert floor["loader_cpu_s"] == 300.0
    assert floor["worker_cpu_s"] == 300.0
    assert floor["floor_s"] == 300.0


def test_the_floor_takes_the_cheaper_of_the_two_loaders():
    build = {"documents": 20000, "triples_written": 30_000_000, "cpu_s_per_stage": {"parse": 300.0}}
    alone = {"store": "scaled-2000", "quads": 3_000_000, "cpu_us_per_quad": 10.0,
             "cli": {"cpu_s": 24.0, "cpu_us_per_quad": 8.0}}
    assert build_floor(build, alone, cores=2)["loader_cpu_s"] == 240.0


def test_no_floor_without_a_measured_load():
    build = {"documents": 10, "triples_written": 100, "cpu_s_per_stage": {"parse": 1.0}}
    assert build_floor(build, {"error": "stopped after 60 s"}, cores=2) is None
