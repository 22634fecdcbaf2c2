"""The build report: what was read, published, refused (and why), superseded; triples; time per stage."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class DocumentNote:
    path: str
    status: str                     # refused | superseded | removed | missing
    reason: str
    graph: str | None = None
    source_format: str | None = None


@dataclass
class BuildReport:
    store: str
    base: str
    jobs: int
    found: int = 0                  # documents under the sources
    read: int = 0                   # run through the pipeline this build (new, changed, or re-run)
    unchanged: int = 0              # skipped without parsing (checksum unchanged)
    published: int = 0              # final status of the found documents ...
    refused: int = 0
    superseded: int = 0
    removed: int = 0                # pruned from the store (--prune)
    missing: int = 0                # in the store but no longer in the sources (kept: no --prune)
    graphs_written: int = 0
    graphs_dropped: int = 0
    transactions: int = 0
    triples_written: int = 0
    triples_published: int = 0      # in all published graphs
    graphs_published: int = 0
    seconds: dict[str, float] = field(default_factory=dict)   # wall: scan, pipeline, load, total; worker CPU per stage
    notes: list[DocumentNote] = field(default_factory=list)
    peak_rss_mb: float = 0.0            # the main process (store writes)
    worker_peak_rss_mb: float = 0.0     # the largest worker process
    main_cpu_s: float = 0.0             # CPU of the main process (collecting outcomes, the store writer, its loader)

    @property
    def balanced(self) -> bool:
        """Every document found is accounted for exactly once."""
        return self.published + self.refused + self.superseded == self.found == self.read + self.unchanged

    @property
    def rate(self) -> float:
        pipeline = self.seconds.get("total", 0.0)
        return self.read / pipeline if pipeline else 0.0

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["balanced"] = self.balanced
        data["documents_per_second"] = round(self.rate, 2)
        data["seconds"] = {k: round(v, 3) for k, v in self.seconds.items()}
        return data

    def summary(self) -> str:
        return (f"{self.found} documents: {self.published} published, {self.refused} refused, "
                f"{self.superseded} superseded ({self.read} read, {self.unchanged} unchanged"
                + (f", {self.removed} removed" if self.removed else "")
                + (f", {self.missing} no longer in the sources (use --prune)" if self.missing else "")
                + f"); {self.graphs_written} graphs written, {self.triples_written} triples, "
                f"{self.seconds.get('total', 0.0):.1f} s")

    def to_markdown(self) -> str:
        lines = [
            "# Build report", "",
            f"- store: `{self.store}`", f"- base: `{self.base}`", f"- jobs: {self.jobs}", "",
            "| documents | count |", "|---|---:|",
            f"| found | {self.found} |", f"| read (parsed this build) | {self.read} |",
            f"| unchanged (skipped) | {self.unchanged} |", f"| published | {self.published} |",
            f"| refused | {self.refused} |", f"| superseded | {self.superseded} |",
            f"| removed (--prune) | {self.removed} |", f"| missing from sources (kept) | {self.missing} |", "",
            "| store | count |", "|---|---:|",
            f"| graphs written | {self.graphs_written} |", f"| graphs dropped | {self.graphs_dropped} |",
            f"| transactions | {self.transactions} |", f"| triples written | {self.triples_written} |",
            f"| published graphs | {self.graphs_published} |", f"| triples in published graphs | {self.triples_published} |",
            "",
            "| time | seconds |", "|---|---:|",
        ]
        lines += [f"| {stage} | {secs:.2f} |" for stage, secs in self.seconds.items()]
        lines += ["", f"Throughput: {self.rate:.1f} documents/s; peak RSS {self.peak_rss_mb:.0f} MB (main), "
                      f"{self.worker_peak_rss_mb:.0f} MB (largest worker) x {self.jobs} jobs; CPU of the main "
                      f"process (store writer and loader) {self.main_cpu_s:.1f} s.", ""]
        for status, title in (("refused", "Refused"), ("superseded", "Superseded"),
                              ("removed", "Removed"), ("missing", "No longer in the sources")):
            notes = [n for n in self.notes if n.status == status]
            if not notes:
                continue
            lines += [f"## {title} ({len(notes)})", ""]
            for note in notes:
                head, *rest = note.reason.splitlines() or [""]
                graph = f" (`{note.graph}`)" if note.graph else ""
                lines.append(f"- `{note.path}`{graph}: {head}")
                lines += [f"  {line}" for line in rest]
            lines.append("")
        return "\n".join(lines)

    def write(self, target: str | Path) -> list[Path]:
        """Write the report as ``target`` (.json -> JSON, else Markdown) and its twin in the other format."""
        target = Path(target)
        target.parent.mkdir(parents=True, exist_ok=True)
        if target.suffix.lower() == ".json":
            json_path, md_path = target, target.with_suffix(".md")
        else:
            md_path, json_path = target, target.with_suffix(".json")
        md_path.write_text(self.to_markdown(), encoding="utf-8")
        json_path.write_text(json.dumps(self.to_json(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        return [md_path, json_path]
