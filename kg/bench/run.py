"""The whole benchmark in one run, inside a time budget (``kg bench``).

Phases, in this order so that the elastic one comes last: machine and
versions; the scaled corpus (generated once, reused while its stamp matches);
per-stage figures in process; ``kg build`` of the real corpus, rebuild, dump;
the endpoint against its peers on that store; SHACL whole-graph versus
per-resolution; the scaled builds (as large as the remaining budget allows, up
to the requested scale), rebuild, dump, and our endpoint versus raw Oxigraph on
the largest store.  Whatever could not be run at full size is said in the
report, with the projection from what was measured.
"""
from __future__ import annotations

import contextlib

import json
import math
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

from kg.bench import builds, endpoints, floor, servers, stages
from kg.bench.corpus import SHARD_SIZE, Template, check_templates, load_templates, shard_folders
from kg.bench.machine import machine_info, versions
from kg.bench.stats import growth, summarize

PARTS = ("parse", "link", "map", "validate", "profile", "build", "dump", "endpoint", "shacl", "scale")


@dataclass
class BenchConfig:
    shared: Path
    out: Path = Path("bench")
    scale: int = 20_000
    runs: int = 3
    only: frozenset[str] = frozenset(PARTS)
    budget_s: float = 14 * 60
    clients: int = 4
    load_seconds: float = 4.0
    seed: int = 0
    queries: Path = Path("queries")
    base: str = "https://w3id.org/unres"
    store: Path | None = None          # an existing store for the endpoint figures (skips the real build)

    @property
    def work(self) -> Path:
        return self.out / "work"

    @property
    def corpus(self) -> Path:
        return self.shared / "corpus"


@dataclass
class Clock:
    budget_s: float
    started: float = field(default_factory=time.perf_counter)

    def elapsed(self) -> float:
        return time.perf_counter() - self.started

    def left(self) -> float:
        return self.budget_s - self.elapsed()


def _log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


def real_documents(corpus: Path, seed: int = 0) -> list[str]:
    """Every document of the real corpus in a seeded random order: any prefix is a uniform sample."""
    import random

    from kg.parse import iter_documents

    paths = sorted(iter_documents([str(corpus)]))
    random.Random(seed).shuffle(paths)
    return paths


def _templates(cfg: BenchConfig) -> list[Template]:
    cache = cfg.work / "templates.json"
    if cache.exists():
        data = json.loads(cache.read_text())
        if data.get("corpus") == str(cfg.corpus.resolve()):
            return [Template(**t) for t in data["templates"]]
    found, skipped = load_templates([str(cfg.corpus)])
    good, dropped = check_templates(found, scratch=cfg.work / "template-check")
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps({"corpus": str(cfg.corpus.resolve()), "templates": [t.__dict__ for t in good],
                                 "dropped": dropped, "skipped": len(skipped)}, indent=1))
    return good


def scaled_corpus(cfg: BenchConfig, results: dict[str, Any], needed: int) -> Path:
    """The first ``needed`` documents of the generated corpus of ``cfg.scale`` (written once, then reused:
    the plan is deterministic, so a later, larger run only adds documents)."""
    import shutil

    from kg.bench.corpus import plan_corpus, write_corpus

    folder = cfg.work / f"corpus-{cfg.scale}"
    stamp = folder / "corpus.json"
    want = {"count": cfg.scale, "seed": cfg.seed, "corpus": str(cfg.corpus.resolve())}
    info = json.loads(stamp.read_text()) if stamp.exists() else {}
    if any(info.get(k) != v for k, v in want.items()):
        if folder.exists():
            shutil.rmtree(folder)
        info = {**want, "written": 0, "bytes": 0, "seconds": 0.0}
    if info["written"] < needed:
        started = time.perf_counter()
        templates = _templates(cfg)
        plan = plan_corpus(templates, cfg.scale, cfg.seed)
        for _doc, size in write_corpus(plan[info["written"]:needed], folder):
            info["bytes"] += size
        formats: dict[str, int] = {}
        for doc in plan[:needed]:
            formats[doc.template.source_format] = formats.get(doc.template.source_format, 0) + 1
        info.update(written=needed, templates=len(templates), formats=formats,
                    seconds=round(info["seconds"] + time.perf_counter() - started, 1))
        folder.mkdir(parents=True, exist_ok=True)
        stamp.write_text(json.dumps(info, indent=1))
    results["scaled_corpus"] = {**info, "mb": round(info["bytes"] / 2**20, 1)}
    return folder


def _stage_phase(cfg: BenchConfig, docs: list[str], clock: Clock, results: dict[str, Any]) -> stages.StageRun:
    budget = min(40.0, max(8.0, clock.left() * 0.025))
    run = stages.measure_stages(docs, runs=cfg.runs, budget_per_stage=budget, base=cfg.base, only=set(cfg.only))
    results["stages"] = {k: f.to_json() for k, f in run.figures.items()}
    results["stage_failures"] = run.failures
    by_format: dict[str, list[str]] = {}
    for res in run.resolutions:
        if "!" not in res.source:
            by_format.setdefault(res.source_format, []).append(res.source)
    results["parse_by_format"] = stages.parse_throughput_by_format(by_format, runs=cfg.runs, budget=budget)
    if "profile" in cfg.only and run.figures:
        slowest = max(run.figures.values(), key=lambda f: f.seconds_per_doc_ms)
        results["slowest_stage"] = {"stage": slowest.stage, "ms_per_doc": round(slowest.seconds_per_doc_ms, 1)}
        results["profile"] = _profile(slowest.stage, run, docs)
        ods = by_format.get("ods-text", [])
        if ods and slowest.stage != "parse":
            from kg.parse import parse_path
            results["profile_ods_parse"] = stages.profile_stage(parse_path, ods[:30], top=12)
    return run


def _profile(stage: str, run: stages.StageRun, docs: list[str]) -> str:
    from kg.parse import parse_path

    count = 8
    if stage == "parse":
        return stages.profile_stage(parse_path, docs[:count * 3])
    if stage == "validate":
        from kg.validate import validate
        return stages.profile_stage(validate, run.mapped[:count])
    if stage == "serialize":
        return stages.profile_stage(stages._store_ntriples, run.mapped[:count])
    if stage == "map":
        from kg.link import link, load_gazetteer
        from kg.map import to_graph
        gaz = load_gazetteer()
        pairs = [(r, link(r, gaz)) for r in run.resolutions[:count]]
        return stages.profile_stage(lambda rm: to_graph(rm[0], rm[1], base="https://w3id.org/unres",
                                                        now="2025-01-01T00:00:00Z"), pairs)
    from kg.link import link, load_gazetteer
    gaz = load_gazetteer()
    return stages.profile_stage(lambda r: link(r, gaz), run.resolutions[:count * 2])


def _per_doc_seconds(results: dict[str, Any]) -> float:
    """Single-core seconds per document through parse, link, map and validate (from the stage figures)."""
    ms = sum(results.get("stages", {}).get(s, {}).get("ms_per_doc", 0.0) for s in ("parse", "link", "map", "validate"))
    return ms / 1000 or 0.5


def _build_phase(cfg: BenchConfig, docs: list[str], clock: Clock, results: dict[str, Any]) -> Path | None:
    cores = os.cpu_count() or 1
    per_doc = _per_doc_seconds(results) / cores * 1.5     # 1.5: the store load and serialisation besides the stages
    allowed = min(0.22 * clock.budget_s, clock.left() - 0.5 * clock.budget_s)
    chosen = docs
    if per_doc * len(docs) + 10 > allowed:
        count = max(20, int(max(allowed - 10, 0) / per_doc))
        chosen = docs[:count]
        results["real_build_note"] = (f"time budget: built {len(chosen)} of the {len(docs)} real documents "
                                      f"(predicted {per_doc * len(docs) / 60:.1f} min for all)")
    store = cfg.work / "stores" / "real"
    sources = [str(cfg.corpus)] if chosen is docs else chosen
    _log(f"kg build: {len(chosen)} real documents")
    timeout = max(allowed * 3, min(600.0, clock.left() - 120))
    figure = builds.build("real", sources, store, cfg.work, timeout=timeout, documents=len(chosen))
    results["builds"] = [figure.to_json()]
    if figure.run.timed_out or not store.exists():
        return None
    rebuilds = [builds.build("real-rebuild", sources, store, cfg.work, timeout=120, documents=len(chosen), fresh=False)
                for _ in range(cfg.runs)]
    results["rebuild_real"] = _rebuild_summary(rebuilds)
    if "dump" in cfg.only:
        _log("kg dump: real corpus store")
        results["dump_real"] = builds.dump("real", store, cfg.work, timeout=max(60.0, clock.left() * 0.1))
    return store


def _rebuild_summary(rebuilds: list[builds.BuildFigure]) -> dict[str, Any]:
    return {"wall_s": summarize([r.run.seconds for r in rebuilds]).to_json(),
            "read": [r.report.get("read") for r in rebuilds], "unchanged": [r.report.get("unchanged") for r in rebuilds]}


def _loadable(sizes: dict[str, Any], limit_ms: float) -> tuple[list[str], list[str]]:
    ok = [k for k, v in sizes.items() if "rows" in v and v["ms"] <= limit_ms]
    return ok, [k for k in sizes if k not in ok]


def _endpoint_phase(cfg: BenchConfig, store: Path, clock: Clock, results: dict[str, Any], label: str,
                    peers: bool) -> None:
    queries = endpoints.load_queries(cfg.queries)
    symbols = endpoints.published_symbols(str(store), base=cfg.base)
    out: dict[str, Any] = {"symbols": len(symbols), "queries": [q.name for q in queries], "servers": {}}
    results.setdefault("endpoints", {})[label] = out
    if not symbols:
        out["note"] = "no published resolution in the store: nothing to look up"
        return
    short = clock.left() < 150                      # over budget: one short run each, still side by side
    kw = dict(clients=cfg.clients, seconds=2.0 if short else cfg.load_seconds,
              warmup_seconds=1.0 if short else max(1.0, cfg.load_seconds / 3),
              max_requests=50_000, runs=1 if short else cfg.runs, base=cfg.base)
    work = cfg.work
    if peers:
        with servers.static(work) as s:
            out["client_ceiling"] = endpoints.measure_http(s, symbols, [], **kw)["lookups"]
    # Which queries are light enough for a load test: cold, on oxigraph serve, 3 s cap.  On a server of
    # its own, stopped at once: oxigraph serve has no time limit, and a query the client gave up on
    # would go on running beside the measured servers.
    with servers.oxigraph(str(store), work) as probe:
        names, slow = _loadable(endpoints.answer_sizes(probe.base_url, probe.sparql_path, queries, timeout=3),
                                limit_ms=2000)
    loadable = [q for q in queries if q.name in names]
    out["aggregates_in_load"], out["aggregates_too_slow_for_load"] = names, slow
    in_order = loadable + [q for q in queries if q.name in slow]   # heavy queries last (a timeout leaves them running)
    with contextlib.ExitStack() as running:     # ours: result cache on (default), off; side by side with oxigraph
        started = [running.enter_context(make(str(store), work))
                   for make in (servers.oxigraph, servers.ours, servers.ours_without_cache)]
        _log(f"{label}: {', '.join(s.name for s in started)}, runs interleaved")
        measured = endpoints.measure_side_by_side(started, symbols, loadable, **kw)
        for s in started:      # the single runs, one server at a time, each stopped after its own
            entry = measured[s.name]
            entry.update(single_shot=endpoints.answer_sizes(s.base_url, s.sparql_path, in_order, timeout=5),
                         startup_s=round(s.startup_seconds, 2), rss_mb=s.rss_mb())
            out["servers"][s.name] = entry
            s.stop()
    if not peers:
        return
    nquads = work / "dumps" / f"{label}.nq"
    quads = endpoints.export_nquads(str(store), nquads)
    out["quads"] = quads
    if quads > 3_000_000:
        out["rdflib_note"] = f"{quads} quads: too large for rdflib peers (memory); skipped"
        return
    server = servers.rdflib_endpoint(str(nquads), work)
    try:
        server.start(timeout=max(240.0, min(600.0, clock.left() * 0.2)))
        _log(f"{label}: rdflib-endpoint")
        entry = endpoints.measure_http(server, symbols, loadable, **kw)
        entry.update(single_shot=endpoints.answer_sizes(server.base_url, server.sparql_path, loadable, timeout=5),
                     startup_s=round(server.startup_seconds, 2), rss_mb=server.rss_mb())
        out["servers"]["rdflib-endpoint"] = entry
    except RuntimeError as error:
        out["servers"]["rdflib-endpoint"] = {"error": str(error)[:300]}
    finally:
        server.stop()
    _log(f"{label}: rdflib in process")
    out["servers"]["rdflib (in process)"] = endpoints.measure_rdflib_inprocess(
        str(nquads), symbols, loadable, seconds=cfg.load_seconds * cfg.runs, max_requests=50_000,
        timeout=max(240.0, min(400.0, clock.left() * 0.2)), base=cfg.base)


def _scaled_phase(cfg: BenchConfig, clock: Clock, results: dict[str, Any]) -> None:
    real = (results.get("builds") or [{}])[0]
    rate = real.get("docs_per_s") or (os.cpu_count() or 1) / (_per_doc_seconds(results) * 1.2)
    reserve = 150.0 + (60.0 if "endpoint" in cfg.only else 0.0)
    spend = max(clock.left() - reserve, 60.0)
    largest = min(cfg.scale, int(rate * spend / 1.15))
    largest = max(SHARD_SIZE, largest // SHARD_SIZE * SHARD_SIZE)
    small = max(SHARD_SIZE, largest // 10 // SHARD_SIZE * SHARD_SIZE)
    # two sizes at least: a growth exponent and a projection (fixed cost + cost per document)
    sizes = sorted({min(s, cfg.scale) for s in ([small, largest] if small < largest else [SHARD_SIZE, 2 * SHARD_SIZE])})
    largest = sizes[-1]
    scaled: dict[str, Any] = {"requested": cfg.scale, "largest_built": largest, "rate_used_for_plan": round(rate, 3),
                              "builds": []}
    if largest < cfg.scale:
        scaled["note"] = (f"time budget: {cfg.scale} documents would take about {cfg.scale / rate / 60:.0f} min at the "
                          f"measured {rate:.2f} documents/s; built {largest} and projected")
    results["scaled"] = scaled
    _log(f"generated corpus: {largest} of {cfg.scale} documents")
    shards = shard_folders(scaled_corpus(cfg, results, largest))
    store = None
    for size in sizes:
        count = size // SHARD_SIZE
        store = cfg.work / "stores" / f"scaled-{size}"
        _log(f"kg build: {size} generated documents")
        figure = builds.build(f"scaled-{size}", shards[:count], store, cfg.work,
                              timeout=max(120.0, clock.left() - 60.0), documents=size)
        scaled["builds"].append(figure.to_json())
        if figure.run.timed_out:
            break
    points = [(b["documents"], b["wall_s"]) for b in scaled["builds"] if not b["timed_out"]]
    scaled["growth_wall"] = growth([p[0] for p in points], [p[1] for p in points]).text()
    mem = [(b["documents"], b["peak_rss_mb_tree"] or b["peak_rss_mb_largest_process"]) for b in scaled["builds"]]
    scaled["growth_memory"] = growth([m[0] for m in mem], [m[1] for m in mem]).text()
    scaled["growth_store"] = growth([b["documents"] for b in scaled["builds"]],
                                    [b["store_mb"] for b in scaled["builds"]]).text()
    if store is None or not store.exists() or scaled["builds"][-1]["timed_out"]:
        return
    last = scaled["builds"][-1]
    rebuilds = [builds.build(f"scaled-{last['documents']}-rebuild", shards[:last["documents"] // SHARD_SIZE], store,
                             cfg.work, timeout=120, documents=last["documents"], fresh=False) for _ in range(cfg.runs)]
    scaled["rebuild"] = _rebuild_summary(rebuilds)
    smallest = cfg.work / "stores" / f"scaled-{sizes[0]}"
    if clock.left() > 180 and smallest.exists():
        _log(f"store load alone: the quads of {smallest.name} into an empty store")
        scaled["load_alone"] = floor.load_alone(smallest, cfg.work, timeout=max(60.0, clock.left() * 0.2))
        cores = results.get("machine", {}).get("usable_cores") or os.cpu_count() or 1
        scaled["floor"] = floor.build_floor(last, scaled["load_alone"], cores)
    if "dump" in cfg.only and clock.left() > 60:
        _log("kg dump: largest scaled store")
        scaled["dump"] = builds.dump(f"scaled-{last['documents']}", store, cfg.work, timeout=max(60.0, clock.left() * 0.3))
    if "endpoint" in cfg.only:
        _endpoint_phase(cfg, store, clock, results, f"scaled-{last['documents']}", peers=False)


def run_bench(cfg: BenchConfig, log: Callable[[str], None] = _log) -> dict[str, Any]:
    """Run every part in ``cfg.only`` and return the results (the command writes them)."""
    clock = Clock(cfg.budget_s)
    cfg.work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"started": time.strftime("%Y-%m-%dT%H:%M:%S%z"), "machine": machine_info(),
                               "versions": versions(servers.venv_bin("oxigraph")),
                               "config": {"scale": cfg.scale, "runs": cfg.runs, "only": sorted(cfg.only),
                                          "budget_s": cfg.budget_s, "clients": cfg.clients,
                                          "load_seconds": cfg.load_seconds, "seed": cfg.seed}}
    try:
        docs = real_documents(cfg.corpus, cfg.seed)
        results["real_corpus_documents"] = len(docs)
        if cfg.only & {"parse", "link", "map", "validate", "shacl", "profile"}:
            log("per-stage figures (one core)")
            run = _stage_phase(cfg, docs, clock, results)
            if "shacl" in cfg.only and run.mapped:
                log("SHACL: per resolution vs whole graph")
                results["shacl"] = stages.shacl_comparison(run.mapped, budget=min(90.0, max(15.0, clock.left() * 0.04)))
        store = cfg.store
        if store is None and cfg.only & {"build", "dump", "endpoint", "scale"}:
            store = _build_phase(cfg, docs, clock, results)
        if store is not None and "endpoint" in cfg.only:
            _endpoint_phase(cfg, store, clock, results, "real", peers=True)
        if "scale" in cfg.only:
            _scaled_phase(cfg, clock, results)
    finally:
        servers.stop_all()
        results["elapsed_s"] = round(clock.elapsed(), 1)
    return results


def finite(value: Any) -> Any:
    """JSON without NaN (``null`` instead), recursively."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [finite(v) for v in value]
    return value
