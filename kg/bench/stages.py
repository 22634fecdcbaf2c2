"""Per-stage figures measured in process, on one core: parse, link, map, validate, serialize.

Each stage runs over the outputs of the stage before (computed once), so a
stage's time is its own.  One warm-up pass on a few documents, then timed
passes over a sample sized to the stage's time budget; the figure is the
median over the passes, with min and max.  Also: parse throughput per input
format (ODS text has its own target), our per-resolution SHACL validation
against pyshacl on the union graph at once, and a profile of the slowest stage.
"""
from __future__ import annotations

import cProfile
import io
import os
import pstats
import time
from dataclasses import dataclass, field
from typing import Any, Callable, Sequence

from kg.bench.stats import Summary, summarize


@dataclass
class StageFigure:
    stage: str
    sample: int                               # documents per timed pass
    docs_per_s: Summary                       # on one core
    triples_per_s: Summary | None = None
    mb_per_s: Summary | None = None
    seconds_per_doc_ms: float = 0.0
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"stage": self.stage, "sample": self.sample, "docs_per_s_per_core": self.docs_per_s.to_json(),
                "triples_per_s_per_core": self.triples_per_s.to_json() if self.triples_per_s else None,
                "mb_per_s_per_core": self.mb_per_s.to_json() if self.mb_per_s else None,
                "ms_per_doc": round(self.seconds_per_doc_ms, 2), "note": self.note}


def timed_passes(fn: Callable[[Any], Any], inputs: Sequence[Any], runs: int, budget: float
                 ) -> tuple[int, list[float], list[Any]]:
    """Warm up on a few inputs, size the sample to the budget, then time ``runs`` passes.

    Returns (sample size, seconds per pass, outputs of the last pass).  At least one
    pass is always timed; later passes stop when the budget is spent.
    """
    if not inputs:
        return 0, [], []
    warm = inputs[: min(3, len(inputs))]
    started = time.perf_counter()
    for item in warm:
        fn(item)
    per_item = (time.perf_counter() - started) / len(warm)
    sample = len(inputs) if per_item <= 0 else max(min(len(inputs), int(budget / max(runs, 1) / per_item)), min(5, len(inputs)))
    chosen = inputs[:sample]
    passes: list[float] = []
    outputs: list[Any] = []
    deadline = time.perf_counter() + budget
    for run in range(max(runs, 1)):
        if run and time.perf_counter() >= deadline:
            break
        outputs = []
        t0 = time.perf_counter()
        for item in chosen:
            outputs.append(fn(item))
        passes.append(time.perf_counter() - t0)
    return sample, passes, outputs


@dataclass
class StageRun:
    figures: dict[str, StageFigure] = field(default_factory=dict)
    parse_by_format: dict[str, dict[str, Any]] = field(default_factory=dict)
    resolutions: list[Any] = field(default_factory=list)
    mapped: list[Any] = field(default_factory=list)
    failures: dict[str, int] = field(default_factory=dict)


def _store_ntriples(mapped: Any) -> str:
    """What kg build hands to the store for an accepted graph (kg.store.pipeline), written anew
    on every pass: a ``MappedResolution`` keeps its text once written, so a second pass over the
    same object would time a cached attribute."""
    import copy

    from kg.store.pipeline import _serialized

    fresh = copy.copy(mapped)
    if hasattr(fresh, "_ntriples"):
        fresh._ntriples = None
    return _serialized(fresh)[0]


def _safe(fn: Callable[[Any], Any], failures: dict[str, int], stage: str) -> Callable[[Any], Any]:
    def run(item: Any) -> Any:
        try:
            return fn(item)
        except Exception:            # a bad document is counted, never stops the benchmark
            failures[stage] = failures.get(stage, 0) + 1
            return None
    return run


def measure_stages(paths: list[str], *, runs: int, budget_per_stage: float, base: str = "https://w3id.org/unres",
                   only: set[str] | None = None) -> StageRun:
    """parse -> link -> map -> validate, each timed on its own over the previous stage's outputs."""
    from kg.parse import parse_path

    out = StageRun()
    sizes = {p: os.path.getsize(p) for p in paths if "!" not in p and os.path.exists(p)}
    parse = _safe(parse_path, out.failures, "parse")
    sample, passes, parsed = timed_passes(parse, paths, runs, budget_per_stage)
    done = [(p, r) for p, r in zip(paths[:sample], parsed) if r is not None]
    mb = sum(sizes.get(p, 0) for p in paths[:sample]) / 2**20
    out.figures["parse"] = StageFigure("parse", sample, summarize([sample / s for s in passes]),
                                       mb_per_s=summarize([mb / s for s in passes]),
                                       seconds_per_doc_ms=1000 * min(passes) / max(sample, 1),
                                       note=f"{len(done)} of {sample} parsed")
    out.resolutions = [r for _, r in done]
    if only and not (only & {"link", "map", "validate", "shacl"}):
        return out

    from kg.link import link, link_votes, load_gazetteer

    gazetteer = load_gazetteer()

    def link_one(res: Any) -> Any:
        mentions = link(res, gazetteer)
        link_votes(res, gazetteer)
        return mentions

    sample, passes, mentions = timed_passes(_safe(link_one, out.failures, "link"), out.resolutions, runs, budget_per_stage)
    out.figures["link"] = StageFigure("link", sample, summarize([sample / s for s in passes]),
                                      seconds_per_doc_ms=1000 * min(passes) / max(sample, 1))
    pairs = [(r, m) for r, m in zip(out.resolutions[:sample], mentions) if m is not None]

    from kg.map import to_graph
    now = "2025-01-01T00:00:00Z"
    sample, passes, mapped = timed_passes(_safe(lambda rm: to_graph(rm[0], rm[1], base=base, now=now),
                                                out.failures, "map"), pairs, runs, budget_per_stage)
    out.mapped = [m for m in mapped if m is not None]
    triples = sum(len(m) for m in out.mapped)
    out.figures["map"] = StageFigure("map", sample, summarize([sample / s for s in passes]),
                                     triples_per_s=summarize([triples / s for s in passes]),
                                     seconds_per_doc_ms=1000 * min(passes) / max(sample, 1),
                                     note=f"{triples / max(len(out.mapped), 1):.0f} triples per resolution")
    if only and not (only & {"validate", "shacl"}):
        return out

    from kg.validate import validate
    sample, passes, reports = timed_passes(_safe(validate, out.failures, "validate"), out.mapped, runs, budget_per_stage)
    vtriples = sum(len(m) for m in out.mapped[:sample])
    conforming = sum(1 for r in reports if r is not None and r.conforms)
    out.figures["validate"] = StageFigure("validate", sample, summarize([sample / s for s in passes]),
                                          triples_per_s=summarize([vtriples / s for s in passes]),
                                          seconds_per_doc_ms=1000 * min(passes) / max(sample, 1),
                                          note=f"{conforming} of {sample} conform")
    # What kg build does next with an accepted graph: N-Triples text for the store (kg.store.pipeline).
    sample, passes, _ = timed_passes(_safe(_store_ntriples, out.failures, "serialize"),
                                     out.mapped, runs, budget_per_stage)
    striples = sum(len(m) for m in out.mapped[:sample])
    out.figures["serialize"] = StageFigure("serialize", sample, summarize([sample / s for s in passes]),
                                           triples_per_s=summarize([striples / s for s in passes]),
                                           seconds_per_doc_ms=1000 * min(passes) / max(sample, 1),
                                           note="the N-Triples kg build hands to the store")
    return out


def parse_throughput_by_format(by_format: dict[str, list[str]], *, runs: int, budget: float) -> dict[str, dict[str, Any]]:
    """Parse throughput (documents and MB per second, one core) per input format."""
    from kg.parse import parse_path

    out: dict[str, dict[str, Any]] = {}
    share = budget / max(len(by_format), 1)
    for fmt, group in sorted(by_format.items()):
        sample, passes, _ = timed_passes(parse_path, group, runs, share)
        mb = sum(os.path.getsize(p) for p in group[:sample]) / 2**20
        out[fmt] = {"documents": sample, "docs_per_s_per_core": summarize([sample / s for s in passes]).to_json(),
                    "mb_per_s_per_core": summarize([mb / s for s in passes]).to_json(),
                    "mean_kb": round(1024 * mb / max(sample, 1), 1)}
    return out


def shacl_comparison(mapped: list[Any], *, budget: float, sizes: Sequence[int] = (5, 10, 20, 40, 80, 160)
                     ) -> list[dict[str, Any]]:
    """pyshacl on the union of ``n`` resolution graphs at once versus ``kg.validate`` one graph at a time."""
    from pyshacl import validate as pyshacl_validate
    from rdflib import Graph

    from kg.validate import shapes_graph, validate

    shapes = shapes_graph()
    rows: list[dict[str, Any]] = []
    deadline = time.perf_counter() + budget
    for n in sizes:
        if n > len(mapped) or time.perf_counter() >= deadline:
            break
        chosen = mapped[:n]
        t0 = time.perf_counter()
        ours = [validate(m) for m in chosen]
        per_resolution = time.perf_counter() - t0
        union = Graph()
        for m in chosen:
            union += m.graph
        t0 = time.perf_counter()
        conforms, _, _ = pyshacl_validate(union, shacl_graph=shapes, inference="none", allow_warnings=True,
                                          allow_infos=True)
        whole = time.perf_counter() - t0
        rows.append({"resolutions": n, "triples": len(union), "per_resolution_s": round(per_resolution, 3),
                     "whole_graph_s": round(whole, 3), "ratio_whole_over_ours": round(whole / per_resolution, 2),
                     "ours_conforming": sum(r.conforms for r in ours), "whole_conforms": bool(conforms)})
        if time.perf_counter() + 3 * (whole + per_resolution) > deadline:
            break
    return rows


def profile_stage(fn: Callable[[Any], Any], inputs: Sequence[Any], top: int = 15) -> str:
    """Where a stage's time goes: the functions with the most own time, from cProfile."""
    profiler = cProfile.Profile()
    profiler.enable()
    for item in inputs:
        try:
            fn(item)
        except Exception:
            pass
    profiler.disable()
    stream = io.StringIO()
    stats = pstats.Stats(profiler, stream=stream)
    stats.sort_stats("tottime").print_stats(top)
    stream.write("\n--- by cumulative time ---\n")
    stats.sort_stats("cumulative").print_stats(top)
    text = stream.getvalue()
    root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    return text.replace(root + "/", "").replace(os.path.dirname(os.__file__) + "/", "")
