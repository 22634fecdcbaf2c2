"""``kg bench``: the benchmark of the whole pipeline and of the endpoint against its peers.

``kg bench`` writes ``bench/REPORT.md`` and ``bench/results.json``;
``kg bench --make-corpus N --out DIR`` only generates a scaled corpus.
"""
from __future__ import annotations

import json
import os
import signal
import sys
from pathlib import Path

import click

from kg.bench.run import PARTS

ROOT = Path(__file__).resolve().parents[2]


def _default_scale() -> int:
    value = os.environ.get("BENCH_SCALE", "").strip().lower()
    if value == "large":
        return 100_000
    return int(value) if value.isdigit() else 20_000


def _shared() -> Path:
    return Path(os.environ.get("KG_SHARED", ROOT.parent / "shared"))


@click.command("bench")
@click.option("--scale", type=click.IntRange(min=100), default=None,
              help="Documents in the generated corpus (default 20000; BENCH_SCALE=large: 100000).")
@click.option("--runs", type=click.IntRange(min=1), default=3, show_default=True, help="Timed runs after the warm-up.")
@click.option("--only", default=",".join(PARTS), show_default=True, help="Comma-separated parts to run.")
@click.option("--budget-minutes", type=float, default=14.0, show_default=True,
              help="Time budget; the scaled build is sized to fit it (and says so).")
@click.option("--clients", type=click.IntRange(min=1), default=4, show_default=True, help="Concurrent HTTP clients.")
@click.option("--load-seconds", type=float, default=4.0, show_default=True, help="Seconds per timed load run.")
@click.option("--out", "out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Report folder (default bench/); with --make-corpus, the corpus folder.")
@click.option("--make-corpus", "make_corpus_count", type=click.IntRange(min=1), default=None,
              help="Only generate a corpus of N renumbered documents into --out.")
@click.option("--seed", type=int, default=0, show_default=True, help="Seed of the corpus generator.")
@click.option("--store", "store", type=click.Path(file_okay=False, exists=True, path_type=Path), default=None,
              help="Measure the endpoints on this existing store instead of building the real corpus.")
@click.option("--shared", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="The shared folder with corpus/ (default ../shared or KG_SHARED).")
def bench_command(scale: int | None, runs: int, only: str, budget_minutes: float, clients: int, load_seconds: float,
                  out: Path | None, make_corpus_count: int | None, seed: int, store: Path | None, shared: Path | None) -> None:
    """Benchmark parse, link, map, validate, build, dump and the endpoint (against oxigraph serve,
    rdflib-endpoint and rdflib) on the real corpus and a scaled-up one; write bench/REPORT.md."""
    shared = shared or _shared()
    if not (shared / "corpus").is_dir():
        raise click.ClickException(f"{shared / 'corpus'}: no corpus here (set KG_SHARED or --shared)")
    if make_corpus_count is not None:
        _make_corpus(shared, make_corpus_count, out, seed)
        return
    parts = frozenset(p.strip() for p in only.split(",") if p.strip())
    unknown = parts - set(PARTS)
    if unknown:
        raise click.ClickException(f"--only: unknown part(s) {', '.join(sorted(unknown))}; known: {', '.join(PARTS)}")

    from kg.bench.report import render
    from kg.bench.run import BenchConfig, finite, run_bench
    from kg.bench.servers import stop_all

    out = out or ROOT / "bench"
    cfg = BenchConfig(shared=shared, out=out, scale=scale or _default_scale(), runs=runs, only=parts,
                      budget_s=budget_minutes * 60, clients=clients, load_seconds=load_seconds, seed=seed,
                      queries=ROOT / "queries", store=store)
    # SIGTERM (a killed `make bench`) must still stop every server: turn it into an exit that runs the finally blocks.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    try:
        results = finite(run_bench(cfg))
    except KeyboardInterrupt:
        stop_all()
        raise click.ClickException("interrupted; every server started was stopped") from None
    out.mkdir(parents=True, exist_ok=True)
    (out / "results.json").write_text(json.dumps(results, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    (out / "REPORT.md").write_text(render(results), encoding="utf-8")
    click.echo(f"wrote {out / 'REPORT.md'} and {out / 'results.json'} in {results.get('elapsed_s')} s")


def _make_corpus(shared: Path, count: int, out: Path | None, seed: int) -> None:
    from kg.bench.corpus import make_corpus

    if out is None:
        raise click.ClickException("--make-corpus needs --out DIR")
    summary = make_corpus([str(shared / "corpus")], count, out, seed=seed)
    for path, reason in summary.dropped_templates:
        click.echo(f"{path}: not used as a template: {reason}", err=True)
    click.echo(f"{out}: {summary.written} documents ({summary.bytes / 2**20:.1f} MB) from {summary.templates} templates "
               f"({', '.join(f'{k} {v}' for k, v in sorted(summary.formats.items()))})")
