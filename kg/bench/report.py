"""``bench/REPORT.md`` from the results (pure: results in, Markdown out), and the targets it checks."""
from __future__ import annotations

import math
from typing import Any

from kg.bench.stats import fmt_num, project, ratio


def _med(d: dict[str, Any] | None) -> float:
    if not d:
        return math.nan
    value = d.get("median")
    return float(value) if value is not None else math.nan


def _spread(d: dict[str, Any] | None, digits: int = 1) -> str:
    if not d or d.get("median") is None:
        return "n/a"
    if (d.get("runs") or 0) <= 1:
        return f"{fmt_num(d['median'], digits)} (1 run)"
    return f"{fmt_num(d['median'], digits)} ({fmt_num(d.get('low'), digits)}-{fmt_num(d.get('high'), digits)}, n={d['runs']})"


def _mark(ok: bool | None) -> str:
    return "n/a" if ok is None else ("met" if ok else "**not met**")


CACHE_ON = "kg serve"                     # the default: result cache on
CACHE_OFF = "kg serve --cache-mb 0"       # the engine path only


def _cache_note(w: dict[str, Any], off_figure: str | None) -> str:
    """Which figure the target row gives (cache on, the default) and the cache-off figure beside it."""
    if off_figure is None:              # results of a run before the result cache: one `kg serve`
        return "real corpus"
    hits, total = w.get("cache_hits"), w.get("requests")
    answered = f"{hits} of {total} answers from the cache" if hits is not None and total else "cache hits not counted"
    return f"real corpus; `kg serve` as shipped (result cache on: {answered}); cache off (`--cache-mb 0`): {off_figure}"


def targets(r: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    """(target, measured, note, met?) for every target the issues set."""
    rows: list[tuple[str, str, str, bool | None]] = []
    ods = r.get("parse_by_format", {}).get("ods-text", {}).get("docs_per_s_per_core")
    rows.append(("parse ODS text >= 300 docs/s per core", fmt_num(_med(ods)), "", _med(ods) >= 300 if ods else None))
    scaled = r.get("scaled", {})
    built = [b for b in scaled.get("builds", []) if not b.get("timed_out")]
    last = built[-1] if built else None
    if last:
        n, want = last["documents"], scaled.get("requested", last["documents"])
        sizes = [b["documents"] for b in built]
        projected = project(sizes, [b["wall_s"] for b in built], want)
        note = "measured" if n >= want else f"projected (fixed + per-document cost fitted on {sizes} documents)"
        fl = scaled.get("floor")
        if fl and fl.get("documents") == n:
            note += (f"; floor on this machine {fl['floor_s'] / 60:.1f} min (store load alone + worker CPU, "
                     f"over {fl['cores']} cores; see below)")
        rows.append((f"build {want} resolutions < 5 min", f"{projected / 60:.1f} min", note, projected < 300))
        mems = [b.get("peak_rss_mb_tree") or b.get("peak_rss_mb_largest_process") for b in built]
        mem = mems[-1]
        # Memory is meant to stay bounded (documents stream through), so it is not projected: measured or n/a.
        rows.append(("peak memory of that build < 2 GB", f"{fmt_num(mem)} MB",
                     "measured" if n >= want else f"measured at {n} documents only ({scaled.get('growth_memory')})",
                     (mem < 2048 if mem else None) if n >= want else None))
        points = [(b, rb) for b, rb in ((r.get("builds", [{}])[0], r.get("rebuild_real")), (last, scaled.get("rebuild")))
                  if b and rb and rb.get("wall_s")]
        if points:
            xs = [b["documents"] for b, _ in points]
            proj = project(xs, [_med(rb["wall_s"]) for _, rb in points], want)
            rows.append((f"rebuild, nothing changed, {want} < 10 s", f"{proj:.1f} s",
                         "measured" if n >= want else f"projected from rebuilds of {xs} documents", proj < 10))
    for where, dumped in (("largest generated store", scaled.get("dump")), ("real corpus", r.get("dump_real"))):
        nt = next((v for k, v in ((dumped or {}).get("files") or {}).items() if k.endswith(".nt.gz")), None)
        if nt:
            rows.append(("dump N-Triples >= 500,000 triples/s", fmt_num(nt["triples_per_s"]), where,
                         nt["triples_per_s"] >= 5e5))
            break
    real = r.get("endpoints", {}).get("real", {}).get("servers", {})
    ours, off = real.get(CACHE_ON, {}), real.get(CACHE_OFF, {})
    oxi, rdfe = real.get("oxigraph serve", {}), real.get("rdflib-endpoint", {})
    for workload, share in (("lookups", 0.4), ("aggregates", 0.9)):
        a, a_off = _med(ours.get(workload, {}).get("throughput_per_s")), _med(off.get(workload, {}).get("throughput_per_s"))
        b = _med(oxi.get(workload, {}).get("throughput_per_s"))
        c = _med(rdfe.get(workload, {}).get("throughput_per_s"))
        x, both = ratio(a, b), bool(off)
        rows.append((f"endpoint {workload} >= {share:.0%} of oxigraph serve", f"{fmt_num(100 * x)} %",
                     _cache_note(ours.get(workload, {}), f"{fmt_num(100 * ratio(a_off, b))} %" if both else None),
                     x >= share if math.isfinite(x) else None))
        y, z = ratio(a, c), ratio(b, c)
        reference = (f"; oxigraph serve itself: {fmt_num(z)} x, so 15 x is {fmt_num(15 / z, 2)} x oxigraph serve"
                     if math.isfinite(z) and z > 0 else "")
        rows.append((f"endpoint {workload} >= 15x rdflib-endpoint", f"{fmt_num(y)} x",
                     _cache_note(ours.get(workload, {}), f"{fmt_num(ratio(a_off, c))} x" if both else None) + reference,
                     y >= 15 if math.isfinite(y) else None))
    for label, data in r.get("endpoints", {}).items():
        if label.startswith("scaled"):
            p99 = data.get("servers", {}).get(CACHE_ON, {}).get("lookups", {}).get("latency_ms", {}).get("p99")
            off = data.get("servers", {}).get(CACHE_OFF, {}).get("lookups", {}).get("latency_ms", {}).get("p99")
            note = f"{label} store, {r['config']['clients']} clients" + (
                f"; cache off (`--cache-mb 0`): {fmt_num(off)} ms" if off is not None else "")
            rows.append(("p99 lookup by symbol < 20 ms", f"{fmt_num(p99)} ms", note,
                         p99 < 20 if p99 is not None else None))
    return rows


def render(r: dict[str, Any]) -> str:
    m, cfg = r.get("machine", {}), r.get("config", {})
    out = ["# Benchmark report", "",
           f"Written by `kg bench` (`make bench`) on {r.get('started', '?')} in {fmt_num(r.get('elapsed_s'))} s. "
           "Every figure is the median over several timed runs after a warm-up, with its spread (min-max, n runs). "
           "The machine is shared: read ratios measured side by side in the same run, not absolute times.", "",
           "## Machine and versions", "",
           f"- {m.get('cores')} cores ({m.get('usable_cores')} usable), {m.get('cpu_model')}, {m.get('memory_gb')} GB, "
           f"{m.get('system')}; load average at start {m.get('load_average_at_start')}",
           "- " + ", ".join(f"{k} {v}" for k, v in r.get("versions", {}).items()),
           f"- runs {cfg.get('runs')}, load {cfg.get('clients')} concurrent clients x {cfg.get('load_seconds')} s per run, "
           f"budget {fmt_num(cfg.get('budget_s'))} s, requested scale {cfg.get('scale')}", ""]
    out += ["## Targets", "", "| target | measured | note | |", "|---|---:|---|---|"]
    out += [f"| {t} | {v} | {n} | {_mark(ok)} |" for t, v, n, ok in targets(r)]
    out += ["", *_stages(r), *_builds(r), *_endpoints(r), *_shacl(r), *_profile(r)]
    return "\n".join(out) + "\n"


def _stages(r: dict[str, Any]) -> list[str]:
    if not r.get("stages"):
        return []
    out = ["## Pipeline stages (in process, one core)", "",
           f"Real corpus: {r.get('real_corpus_documents')} documents in a seeded random order (a sample is a uniform "
           "prefix); each stage timed on "
           "the outputs of the one before.", "",
           "| stage | sample | documents/s per core | ms per document | triples/s per core | MB/s | note |",
           "|---|---:|---:|---:|---:|---:|---|"]
    for name, s in r["stages"].items():
        out.append(f"| {name} | {s['sample']} | {_spread(s['docs_per_s_per_core'])} | {fmt_num(s['ms_per_doc'])} | "
                   f"{_spread(s['triples_per_s_per_core'], 0) if s['triples_per_s_per_core'] else ''} | "
                   f"{_spread(s['mb_per_s_per_core'], 2) if s['mb_per_s_per_core'] else ''} | {s['note']} |")
    if r.get("stage_failures"):
        out.append(f"\nDocuments that failed in a stage (not timed further): {r['stage_failures']}")
    out += ["", "Parse throughput per input format:", "", "| format | documents | documents/s per core | MB/s per core | mean KB |",
            "|---|---:|---:|---:|---:|"]
    for fmt, f in r.get("parse_by_format", {}).items():
        out.append(f"| {fmt} | {f['documents']} | {_spread(f['docs_per_s_per_core'])} | "
                   f"{_spread(f['mb_per_s_per_core'], 2)} | {f['mean_kb']} |")
    return out + [""]


def _build_row(b: dict[str, Any]) -> str:
    cpu = b.get("cpu_s_per_stage", {})
    total_cpu = sum(cpu.values()) or math.nan
    stage_text = ", ".join(f"{k} {100 * v / total_cpu:.0f}%" for k, v in sorted(cpu.items(), key=lambda kv: -kv[1]))
    return (f"| {b['label']} | {b['documents']} | {b.get('published')} / {b.get('refused')} / {b.get('superseded')} | "
            f"{fmt_num(b['wall_s'])} | {fmt_num(b.get('docs_per_s_per_core'), 2)} | {fmt_num(b.get('resolutions_per_s'), 2)} | "
            f"{fmt_num(b.get('triples_per_s'), 0)} | {fmt_num(b.get('peak_rss_mb_tree'))} | {fmt_num(b.get('store_mb'))} | "
            f"{stage_text}{' (TIMED OUT)' if b.get('timed_out') else ''} |")


def _builds(r: dict[str, Any]) -> list[str]:
    rows = list(r.get("builds", [])) + list(r.get("scaled", {}).get("builds", []))
    if not rows:
        return []
    out = ["## End to end: `kg build` and `kg dump`", "",
           "| build | documents | published / refused / superseded | wall s | documents/s per core | resolutions/s | "
           "triples/s | peak RSS MB (all processes) | store MB | worker CPU by stage |",
           "|---|---:|---|---:|---:|---:|---:|---:|---:|---|"]
    out += [_build_row(b) for b in rows]
    for note in (r.get("real_build_note"), r.get("scaled", {}).get("note")):
        if note:
            out.append(f"\n*{note}.*")
    sc = r.get("scaled", {})
    if sc.get("builds"):
        out += ["", f"Growth over the generated sizes: wall time {sc.get('growth_wall')}; peak memory "
                    f"{sc.get('growth_memory')}; store size {sc.get('growth_store')}."]
    out += _floor(sc)
    for label, rb in (("real corpus", r.get("rebuild_real")), ("largest generated corpus", sc.get("rebuild"))):
        if rb:
            out.append(f"\nRebuild with nothing changed ({label}): {_spread(rb['wall_s'])} s (documents read: {rb['read']}).")
    for label, d in (("real corpus", r.get("dump_real")), ("largest generated corpus", sc.get("dump"))):
        if d and d.get("files"):
            stopped = ("; stopped by the time budget after the files below, whose sizes are not known"
                       if d.get("timed_out") else "")
            out += ["", f"Dump of the {label} (`kg dump`, {fmt_num(d.get('wall_s'))} s in all, "
                        f"{d.get('triples') or next(iter(d['files'].values()))['items']} triples{stopped}):", "",
                    "| file | items | seconds | triples/s | MB |", "|---|---:|---:|---:|---:|"]
            out += [f"| {k} | {v['items']} | {v['seconds']} | {fmt_num(v['triples_per_s'], 0)} | "
                    f"{v['bytes'] / 2**20:.1f} |" if v["bytes"] else f"| {k} | {v['items']} | {v['seconds']} | "
                    f"{fmt_num(v['triples_per_s'], 0)} | |"
                    for k, v in d["files"].items()]
        elif d:
            out.append(f"\nDump of the {label} failed: {d.get('error')}")
    if r.get("scaled_corpus"):
        c = r["scaled_corpus"]
        out.append(f"\nGenerated corpus (`kg bench --make-corpus`): {c.get('written')} of the {c.get('count')} planned "
                   f"documents written so far ({c.get('mb')} MB, {c.get('seconds')} s) from {c.get('templates')} real "
                   f"templates, formats {c.get('formats')}, seed {c.get('seed')}.")
    return out + [""]


def _floor(sc: dict[str, Any]) -> list[str]:
    """The build's floor: the store load alone and the workers' CPU, over the cores."""
    alone, fl = sc.get("load_alone"), sc.get("floor")
    if not alone:
        return []
    if alone.get("error"):
        return ["", f"Store load alone: failed ({alone['error']})."]
    out = ["", f"Store load alone: the {alone['quads']:,} quads of {alone['store']}, bulk loaded in one call into an "
               f"empty store by a process doing nothing else, took {fmt_num(alone['wall_s'])} s of wall time and "
               f"{fmt_num(alone['cpu_s'])} s of CPU: {alone['cpu_us_per_quad']} µs of CPU per quad."]
    cli = alone.get("cli")
    if cli and not cli.get("error"):
        out.append(f"Oxigraph's own command-line loader (`oxigraph load --lenient`: Rust, IRIs not checked) on the "
                   f"same quads: {fmt_num(cli['wall_s'])} s of wall time, {fmt_num(cli['cpu_s'])} s of CPU, "
                   f"{cli['cpu_us_per_quad']} µs per quad. The floor below uses the cheaper of the two.")
    if fl:
        out.append(f"Floor of the {fl['documents']}-resolution build on {fl['cores']} cores: its {fl['quads']:,} quads "
                   f"need ~{fmt_num(fl['loader_cpu_s'])} CPU-s in the loader at that rate (more in fact: the cost "
                   f"per quad grows with the store), its worker stages took {fmt_num(fl['worker_cpu_s'])} CPU-s; "
                   f"together at least {fl['floor_s'] / 60:.1f} min however they overlap "
                   f"(measured {fmt_num(fl['measured_wall_s'])} s).")
        main = fl.get("build_main_cpu_s")
        if main and fl.get("measured_wall_s"):
            used = main + fl["worker_cpu_s"]
            out.append(f"What the build itself used: {fmt_num(used)} CPU-s (its main process, the store writer and "
                       f"the loader's threads, {fmt_num(main)} CPU-s; the worker stages {fmt_num(fl['worker_cpu_s'])}), "
                       f"{100 * used / (fl['cores'] * fl['measured_wall_s']):.0f}% of {fl['cores']} cores over its "
                       f"{fmt_num(fl['measured_wall_s'])} s.")
    return out


def _endpoints(r: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for label, data in r.get("endpoints", {}).items():
        out += [f"## Endpoints on the {label} store", "",
                f"{data.get('symbols')} published resolutions; lookups: a different symbol in every request; aggregates: "
                f"the queries of `queries/` that answer within 2 s on oxigraph serve, round robin "
                f"({', '.join(data.get('aggregates_in_load', [])) or 'none'}).", ""]
        ceiling = data.get("client_ceiling")
        if ceiling:
            out.append(f"Client's own cost: {ceiling['client_cpu_us_per_request']} µs CPU per request; against a trivial "
                       f"endpoint it drives {_spread(ceiling['throughput_per_s'])} requests/s "
                       f"(p50 {fmt_num(ceiling['latency_ms'].get('p50'), 2)} ms): the ceiling of what it can measure.\n")
        out += _cache_intro(data)
        out += ["| server | workload | requests/s | p50 ms | p99 ms | server CPU ms per request | requests | errors "
                "| from cache | ÷ oxigraph serve |",
                "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        oxi = data.get("servers", {}).get("oxigraph serve", {})
        for name, s in data.get("servers", {}).items():
            if "error" in s and not any(w in s for w in ("lookups", "aggregates")):
                out.append(f"| {name} | - | failed: {s['error']} | | | | | | | |")
                continue
            for workload in ("lookups", "aggregates"):
                w = s.get(workload)
                if not w:
                    continue
                x = ratio(_med(w.get("throughput_per_s")), _med(oxi.get(workload, {}).get("throughput_per_s")))
                hits = w.get("cache_hits")
                out.append(f"| {name} | {workload} | {_spread(w['throughput_per_s'])} | {fmt_num(w['latency_ms'].get('p50'), 2)} | "
                           f"{fmt_num(w['latency_ms'].get('p99'), 2)} | {fmt_num(w.get('server_cpu_ms_per_request'), 2)} | "
                           f"{w.get('requests')} | {w.get('errors', 0)} | "
                           f"{'' if hits is None else hits} | {'' if name == 'oxigraph serve' else fmt_num(x, 2)} |")
            if s.get("note"):
                out.append(f"| {name} | note | {s['note']} | | | | | | | |")
        out += _cache_summary(data)
        if data.get("quads"):
            out.append(f"\nData: {data['quads']} quads in the store (the rdflib peers load them from N-Quads; rdflib "
                       "counts distinct triples of the union). Memory after the runs: "
                       + ", ".join(f"{n} {fmt_num(s.get('rss_mb'))} MB" for n, s in data.get("servers", {}).items()
                                   if s.get("rss_mb")) + ".")
        slow = data.get("aggregates_too_slow_for_load")
        if slow:
            out.append(f"\nQueries left out of the load (over 2 s or failing on oxigraph serve): {', '.join(slow)}.")
        out += ["", "Single run of every query after the load runs (warm; rows, or the error; ms; 5 s client "
                "timeout; rdflib-endpoint runs only the queries of the load"
                + (f"; `{CACHE_ON}` answers the queries of the load from its cache" if CACHE_OFF in data.get("servers", {}) else "")
                + "):", "",
                "| query | " + " | ".join(n for n, s in data.get("servers", {}).items() if s.get("single_shot")) + " |",
                "|---|" + "---|" * sum(1 for s in data.get("servers", {}).values() if s.get("single_shot"))]
        shots = {n: s["single_shot"] for n, s in data.get("servers", {}).items() if s.get("single_shot")}
        for q in data.get("queries", []):
            cells = []
            for n in shots:
                v = shots[n].get(q)
                cells.append("-" if v is None else (f"error: {v['error'][:60]}" if "error" in v else f"{v['rows']} rows, {v['ms']} ms"))
            out.append(f"| {q} | " + " | ".join(cells) + " |")
        out.append("")
    return out


def _cache_intro(data: dict[str, Any]) -> list[str]:
    """What the two `kg serve` rows are."""
    if CACHE_OFF not in data.get("servers", {}):
        return []
    return [f"`{CACHE_ON}` is the server as shipped: its result cache is on (64 MB by default), so the aggregates, "
            "the same queries again and again, are answered from memory after the warm-up; lookups are a new query "
            f"text every time, so the cache cannot help them (\"from cache\" counts the answers that said `X-Cache: hit`). "
            f"`{CACHE_OFF}` is the engine path alone: every query runs in a worker process under the time limit. "
            "Both keep every safety limit on.", ""]


def _cache_summary(data: dict[str, Any]) -> list[str]:
    """One sentence with both ratios to oxigraph serve, per workload."""
    servers = data.get("servers", {})
    if CACHE_OFF not in servers or "oxigraph serve" not in servers:
        return []
    parts = []
    for workload in ("lookups", "aggregates"):
        base = _med(servers["oxigraph serve"].get(workload, {}).get("throughput_per_s"))
        on = ratio(_med(servers.get(CACHE_ON, {}).get(workload, {}).get("throughput_per_s")), base)
        off = ratio(_med(servers[CACHE_OFF].get(workload, {}).get("throughput_per_s")), base)
        parts.append(f"{workload} {fmt_num(on, 2)} with the cache, {fmt_num(off, 2)} without")
    return ["", "Throughput as a ratio to oxigraph serve: " + "; ".join(parts) + "."]


def _shacl(r: dict[str, Any]) -> list[str]:
    rows = r.get("shacl")
    if not rows:
        return []
    out = ["## SHACL: our per-resolution validation vs pyshacl on the whole graph at once", "",
           "| resolutions | triples | per resolution s | whole graph s | whole / ours | conforming (ours) | whole conforms |",
           "|---:|---:|---:|---:|---:|---:|---|"]
    out += [f"| {x['resolutions']} | {x['triples']} | {x['per_resolution_s']} | {x['whole_graph_s']} | "
            f"{x['ratio_whole_over_ours']} | {x['ours_conforming']} | {x['whole_conforms']} |" for x in rows]
    return out + [""]


def _profile(r: dict[str, Any]) -> list[str]:
    if not r.get("profile"):
        return []
    s = r.get("slowest_stage", {})
    return ["## Slowest stage and where its time goes", "",
            f"Slowest stage per document: **{s.get('stage')}** ({s.get('ms_per_doc')} ms per document on one core). "
            "cProfile of that stage on a few documents:", "", "```", r["profile"].strip()[:6000], "```", "",
            *(["Parse of ODS text (its own target), cProfile on up to 30 documents:", "", "```",
               r["profile_ods_parse"].strip()[:4000], "```", ""] if r.get("profile_ods_parse") else [])]
