"""The build manifest: which source file holds which named graph, and why.

One entry per source file (keyed by its absolute path): content checksum,
status (``published`` / ``refused`` / ``superseded``), the graph IRI it maps
to, its format, the reason it was refused or superseded, and (published) the
SHA-256 naming the graph's sorted N-Triples file beside the store
(kg/store/graphfiles.py).  An embedded store keeps the entries beside it, in a
SQLite file (kg/store/manifest_file.py: why, and how it never claims more than
the store holds); a remote store, and stores built before that file existed,
in the named graph ``{base}/graph/build-manifest``, as N-Triples.

Everything here is pure: entries <-> N-Triples lines, and the one rule that
decides which source file publishes a resolution expression.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from typing import Iterable, Literal

Status = Literal["published", "refused", "superseded"]

# One source file per resolution expression: AKN > docx > ODS text > PDF text > other.
FORMAT_RANK: dict[str, int] = {"akn": 0, "docx": 1, "ods-text": 2, "pdf-text": 3, "doc": 4, "text": 5}
OTHER_RANK = 9

DEFAULT_BASE = "https://w3id.org/unres"


def manifest_graph_iri(base: str) -> str:
    return f"{base.rstrip('/')}/graph/build-manifest"


def vocabulary(base: str) -> str:
    return f"{base.rstrip('/')}/def/build#"


def format_rank(source_format: str | None) -> int:
    return FORMAT_RANK.get(source_format or "", OTHER_RANK)


@dataclass(frozen=True)
class ManifestEntry:
    """What the store knows of one source file."""

    path: str
    sha256: str
    status: Status
    graph: str | None = None          # the resolution expression's named graph (also when refused/superseded, if known)
    source_format: str | None = None
    reason: str | None = None         # why refused, or which file it is superseded by
    triples: int = 0
    graph_sha256: str | None = None   # published: SHA-256 of the graph's sorted N-Triples file (kg/store/graphfiles.py)

    @property
    def preference(self) -> tuple[int, str]:
        """Lower is preferred: format rank, then path (deterministic tie-break)."""
        return (format_rank(self.source_format), self.path)

    def with_status(self, status: Status, reason: str | None = None) -> "ManifestEntry":
        """The entry with another status; only a published entry names a graph file."""
        return replace(self, status=status, reason=reason,
                       graph_sha256=self.graph_sha256 if status == "published" else None)


def entry_iri(base: str, path: str) -> str:
    digest = hashlib.sha256(path.encode("utf-8")).hexdigest()[:32]
    return f"{manifest_graph_iri(base)}/source/{digest}"


def _literal(value: str) -> str:
    escaped = (value.replace("\\", "\\\\").replace('"', '\\"')
               .replace("\n", "\\n").replace("\r", "\\r"))
    return f'"{escaped}"'


_FIELDS = ("path", "sha256", "status", "graph", "sourceFormat", "reason", "triples", "graphSha256")


def entry_to_ntriples(entry: ManifestEntry, base: str) -> str:
    """The entry as N-Triples lines (no graph name)."""
    subject = f"<{entry_iri(base, entry.path)}>"
    vocab = vocabulary(base)
    lines = [
        f"{subject} <{vocab}path> {_literal(entry.path)} .",
        f"{subject} <{vocab}sha256> {_literal(entry.sha256)} .",
        f"{subject} <{vocab}status> {_literal(entry.status)} .",
        f'{subject} <{vocab}triples> "{int(entry.triples)}"^^<http://www.w3.org/2001/XMLSchema#integer> .',
    ]
    if entry.graph:
        lines.append(f"{subject} <{vocab}graph> <{entry.graph}> .")
    if entry.source_format:
        lines.append(f"{subject} <{vocab}sourceFormat> {_literal(entry.source_format)} .")
    if entry.reason:
        lines.append(f"{subject} <{vocab}reason> {_literal(entry.reason)} .")
    if entry.graph_sha256:
        lines.append(f"{subject} <{vocab}graphSha256> {_literal(entry.graph_sha256)} .")
    return "\n".join(lines) + "\n"


def entries_from_rows(rows: Iterable[tuple[str, str, str]], base: str) -> dict[str, ManifestEntry]:
    """Rebuild entries from (subject, predicate, object value) rows of the manifest graph."""
    vocab = vocabulary(base)
    fields: dict[str, dict[str, str]] = {}
    for subject, predicate, value in rows:
        if predicate.startswith(vocab):
            fields.setdefault(subject, {})[predicate[len(vocab):]] = value
    entries: dict[str, ManifestEntry] = {}
    for values in fields.values():
        if "path" not in values or "sha256" not in values or "status" not in values:
            continue
        entry = ManifestEntry(
            path=values["path"], sha256=values["sha256"], status=values["status"],  # type: ignore[arg-type]
            graph=values.get("graph"), source_format=values.get("sourceFormat"),
            reason=values.get("reason"), triples=int(values.get("triples", "0") or 0),
            graph_sha256=values.get("graphSha256"),
        )
        entries[entry.path] = entry
    return entries


class Manifest:
    """The manifest in memory: entries by path, and the publishing holder of each graph."""

    def __init__(self, entries: dict[str, ManifestEntry] | None = None):
        self.entries: dict[str, ManifestEntry] = dict(entries or {})
        self._holders: dict[str, str] = {}
        for entry in self.entries.values():
            if entry.status == "published" and entry.graph:
                self._holders[entry.graph] = entry.path

    def get(self, path: str) -> ManifestEntry | None:
        return self.entries.get(path)

    def holder(self, graph: str) -> ManifestEntry | None:
        path = self._holders.get(graph)
        return self.entries.get(path) if path else None

    def set(self, entry: ManifestEntry) -> None:
        old = self.entries.get(entry.path)
        if old and old.status == "published" and old.graph and self._holders.get(old.graph) == old.path:
            del self._holders[old.graph]
        self.entries[entry.path] = entry
        if entry.status == "published" and entry.graph:
            self._holders[entry.graph] = entry.path

    def delete(self, path: str) -> None:
        old = self.entries.pop(path, None)
        if old and old.status == "published" and old.graph and self._holders.get(old.graph) == path:
            del self._holders[old.graph]

    def candidates(self, graph: str) -> list[ManifestEntry]:
        """Superseded entries waiting behind ``graph`` (to re-run when its holder goes)."""
        return [e for e in self.entries.values() if e.status == "superseded" and e.graph == graph]

    def orphaned_graphs(self) -> set[str]:
        """Graphs some superseded file maps to but no file publishes (an interrupted hand-over)."""
        return {e.graph for e in self.entries.values()
                if e.status == "superseded" and e.graph and e.graph not in self._holders}

    def published_graphs(self) -> set[str]:
        return set(self._holders)

    def __len__(self) -> int:
        return len(self.entries)
