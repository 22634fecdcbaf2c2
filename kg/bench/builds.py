"""End-to-end figures: ``kg build`` and ``kg dump`` as a user runs them, in child processes.

Wall time, the build's own report (documents, triples, CPU seconds per stage),
peak memory of the build process and all its children together (sampled with
psutil; without it, the largest single child from ``getrusage``), store size on
disk, rebuild with nothing changed, dump throughput per format.
"""
from __future__ import annotations

import json
import re
import os
import resource
import shutil
import signal
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.bench.servers import venv_bin


@dataclass
class ProcessRun:
    command: list[str]
    seconds: float
    returncode: int | None
    peak_tree_rss_mb: float | None          # build process + children, summed at each sample
    peak_child_rss_mb: float                # largest single child (getrusage), always available
    timed_out: bool = False
    stderr_tail: str = ""


def _tree_rss(pid: int) -> float | None:
    try:
        import psutil
    except ImportError:
        return None
    try:
        proc = psutil.Process(pid)
        procs = [proc, *proc.children(recursive=True)]
    except psutil.Error:
        return None
    total = 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total / 2**20


def run_measured(command: list[str], timeout: float, log: Path) -> ProcessRun:
    """Run a command in its own process group, sampling the memory of its process tree."""
    log.parent.mkdir(parents=True, exist_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    with open(log, "wb") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(command, stdout=err, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        peak: list[float | None] = [None]
        done = threading.Event()

        def sample() -> None:
            while not done.wait(0.25):
                rss = _tree_rss(proc.pid)
                if rss is not None:
                    peak[0] = max(peak[0] or 0.0, rss)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        try:
            proc.wait(timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()
        except BaseException:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            raise
        finally:
            done.set()
            sampler.join(2)
        seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    tail = " | ".join(log.read_text(errors="replace").strip().splitlines()[-3:])
    return ProcessRun(command, seconds, proc.returncode, peak[0], max(after, before) / 1024, timed_out, tail)


def dir_size_mb(path: str | Path) -> float:
    total = 0
    for root, _dirs, files in os.walk(path):
        for name in files:
            try:
                total += os.path.getsize(os.path.join(root, name))
            except OSError:
                pass
    return total / 2**20


@dataclass
class BuildFigure:
    label: str
    documents: int
    run: ProcessRun
    report: dict[str, Any] = field(default_factory=dict)
    store_mb: float = 0.0

    def to_json(self) -> dict[str, Any]:
        rep = self.report
        seconds = rep.get("seconds", {})
        published = rep.get("published", 0)
        triples = rep.get("triples_written", 0)
        cores = max(rep.get("jobs", 0) or os.cpu_count() or 1, 1)
        wall = self.run.seconds
        return {
            "label": self.label, "documents": self.documents, "wall_s": round(wall, 2),
            "timed_out": self.run.timed_out, "returncode": self.run.returncode,
            "found": rep.get("found"), "read": rep.get("read"), "published": published, "refused": rep.get("refused"),
            "superseded": rep.get("superseded"), "unchanged": rep.get("unchanged"),
            "triples_written": triples, "jobs": rep.get("jobs"),
            "docs_per_s": round(rep.get("read", 0) / wall, 3) if wall else None,
            "docs_per_s_per_core": round(rep.get("read", 0) / wall / cores, 3) if wall else None,
            "resolutions_per_s": round(published / wall, 3) if wall else None,
            "triples_per_s": round(triples / wall, 1) if wall else None,
            "cpu_s_per_stage": {k[4:]: v for k, v in seconds.items() if k.startswith("cpu:")},
            "main_cpu_s": rep.get("main_cpu_s"),
            "wall_s_per_phase": {k: v for k, v in seconds.items() if not k.startswith("cpu:")},
            "peak_rss_mb_tree": round(self.run.peak_tree_rss_mb, 1) if self.run.peak_tree_rss_mb else None,
            "peak_rss_mb_largest_process": round(max(self.run.peak_child_rss_mb, rep.get("peak_rss_mb", 0.0),
                                                     rep.get("worker_peak_rss_mb", 0.0)), 1),
            "store_mb": round(self.store_mb, 1), "log": self.run.stderr_tail[-300:],
        }


def build(label: str, sources: list[str], store: Path, work: Path, timeout: float, documents: int,
          fresh: bool = True, jobs: int = 0) -> BuildFigure:
    """``kg build SOURCES --store STORE`` (a fresh store unless ``fresh`` is False)."""
    if fresh and store.exists():
        shutil.rmtree(store)
    report_path = work / "reports" / f"{label}.json"
    report_path.parent.mkdir(parents=True, exist_ok=True)
    report_path.unlink(missing_ok=True)
    command = [venv_bin("kg"), "build", *sources, "--store", str(store), "--report", str(report_path), "-q"]
    if jobs:
        command += ["--jobs", str(jobs)]
    run = run_measured(command, timeout, work / "logs" / f"build-{label}.log")
    report: dict[str, Any] = {}
    if report_path.exists():
        try:
            report = json.loads(report_path.read_text())
            report.pop("notes", None)
        except ValueError:
            report = {}
    return BuildFigure(label, documents, run, report, dir_size_mb(store) if store.exists() else 0.0)


def dump(label: str, store: Path, work: Path, timeout: float) -> dict[str, Any]:
    """``kg dump`` into a scratch folder; throughput per format from the release manifest."""
    out = work / "dumps" / label
    if out.exists():
        shutil.rmtree(out)
    command = [venv_bin("kg"), "dump", "--store", str(store), "--out", str(out), "--version", "bench"]
    run = run_measured(command, timeout, work / "logs" / f"dump-{label}.log")
    result: dict[str, Any] = {"wall_s": round(run.seconds, 2), "returncode": run.returncode,
                              "timed_out": run.timed_out, "peak_rss_mb_tree": run.peak_tree_rss_mb, "files": {}}
    manifest = out / "bench" / "release.json"
    if manifest.exists():
        data = json.loads(manifest.read_text())
        result["triples"] = data.get("triples")
        for f in data.get("files", []):
            if f.get("items") and f.get("seconds"):
                result["files"][f["filename"]] = {"items": f["items"], "seconds": f["seconds"], "bytes": f["bytes"],
                                                  "triples_per_s": round(f["items"] / f["seconds"], 1)}
    else:
        result["files"] = _finished_files(work / "logs" / f"dump-{label}.log")
        result["error"] = run.stderr_tail[-300:]
    return result


_FINISHED = re.compile(r"([^\s|]+\.(?:nt|nq|ttl|jsonld)\.gz): (\d+) (?:triples|quads) in ([\d.]+) s")


def _finished_files(log: Path) -> dict[str, Any]:
    """The files a stopped dump had finished (from its progress lines), so a dump cut by the time
    budget still reports the formats it wrote; their sizes are not known (the release was never published)."""
    files: dict[str, Any] = {}
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    for path, items, seconds in _FINISHED.findall(text):
        if float(seconds) > 0:
            files[Path(path).name] = {"items": int(items), "seconds": float(seconds), "bytes": 0,
                                      "triples_per_s": round(int(items) / float(seconds), 1)}
    return files
