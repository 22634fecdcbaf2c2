"""Graph files: each published graph's sorted N-Triples kept beside the store, for fast dumps.

Reading an Oxigraph store decodes every term (about 130,000 quads/s here), so
``kg dump`` cannot reach its target by reading the store.  The build therefore
keeps, beside an on-disk store, one file per published graph::

    <store>/kg-graphs/<sha256>.nt.gz

holding the graph's N-Triples exactly as the store gives them back (each term
encoded and decoded by an in-memory Oxigraph store, so literals come out in the
store's canonical form), lines sorted bytewise and unique, gzip-compressed at a
fast level.  The name is the SHA-256 of the uncompressed bytes: content-addressed,
so two graphs with the same triples share a file, and a file can be checked.

Crash safety: a file is written (temp name, then rename) *before* the store
transaction that publishes its graph, and the manifest entry of that graph
(its ``graph_sha256``, written once the graph is in the store:
kg/store/manifest_file.py) names it.  A killed build leaves at
most files no entry names; the next build deletes them (:func:`remove_orphans`).
A reader trusts nothing: it checks the gzip CRC and length and the SHA-256
(:func:`read_verified`) and falls back to the store when a file is missing or
damaged.

Graphs with blank nodes get no file: the store gives blank nodes fresh labels
when it loads them, so no file written before the load could match the store.
"""
from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

import pyoxigraph as ox
from isal import igzip, isal_zlib

from kg.store import manifest_file
from kg.store.manifest import manifest_graph_iri, vocabulary

FOLDER = "kg-graphs"
SUFFIX = ".nt.gz"
LEVEL = 1                      # ISA-L level (0-3): fast, about zlib's level 1 in size
TEMP_PREFIX = ".tmp-"
MANIFEST_SUFFIX = "/graph/build-manifest"
DAMAGED = (OSError, EOFError, ValueError, isal_zlib.error)


@dataclass(frozen=True)
class GraphFile:
    """One graph's file, ready to write: its name (SHA-256 of the content) and its gzip bytes."""

    sha256: str
    data: bytes


def has_blank_nodes(ntriples: str | bytes) -> bool:
    """Could the N-Triples hold a blank node?  (A literal containing ``" _:"`` errs on the safe side.)

    One regex scan for ``_:`` (rare) settles most graphs; the exact test runs only when it is there."""
    if isinstance(ntriples, bytes):
        return _BLANK_BYTES.search(ntriples) is not None and (
            ntriples.startswith(b"_:") or b"\n_:" in ntriples or b" _:" in ntriples)
    return _BLANK.search(ntriples) is not None and (
        ntriples.startswith("_:") or "\n_:" in ntriples or " _:" in ntriples)


def canonical_lines(ntriples: str | bytes) -> bytes:
    """The triples as the store will give them back, one per line, sorted bytewise, without duplicates.

    The store rewrites some literals when it encodes them (``"01"^^xsd:integer``
    comes back as ``"1"``, ``xsd:nonNegativeInteger`` as ``xsd:integer``, a
    ``+00:00`` time zone as ``Z``, a raw tab as ``\\t``).  Oxigraph itself decides each
    form: typed literals go through an in-memory store once per process and are
    remembered (they repeat: offsets, counts, dates), and a graph with anything
    else the store could rewrite (control characters, ``\\u`` escapes, upper-case
    language tags) goes through the store whole.  IRIs and plain strings without
    those come back as written.  Only for graphs without blank nodes.

    Our mapper already writes ``xsd:integer`` for counts, offsets and lines (the datatype the
    shapes and the ontology state, since it is the one the store keeps), so in its graphs only
    lexical forms change here (``0.500`` -> ``0.5``, ``+00:00`` -> ``Z``, tabs), never a datatype.
    """
    if isinstance(ntriples, bytes):
        ntriples.decode("utf-8")            # invalid UTF-8 is refused here, as before
        return _canonical(ntriples)
    return _canonical(ntriples.encode("utf-8"))


def _canonical(data: bytes) -> bytes:
    """:func:`canonical_lines` of UTF-8 bytes, worked on as bytes (no decoding).

    Only a line holding a typed literal (``"^^<``, a minority) can change, and only at its
    end, so only those lines are looked at.  Without control characters (in ``data`` or in
    what Oxigraph writes) there is no line break but ``\\n`` and no byte below it, so the
    lines sorted without their ``\\n`` come in the order they would have with it.

    The lines are deduplicated with a dict, not a set: it keeps their order, and the mapper
    writes each node's triples together, so the sort finds long sorted runs (about half the
    cost of sorting a set's arbitrary order).  The final newline is an empty last line, not a
    ``+ b"\\n"`` that would copy the whole text once more.
    """
    if not data.endswith(b"\n"):
        data += b"\n"
    if _store_may_rewrite(data):
        return _through_the_store(data)
    lines = data.split(b"\n")
    lines.pop()                             # the empty piece after the last newline
    unique = dict.fromkeys(lines)
    _rewrite_typed_literals(data, unique)
    ordered = sorted(unique)
    ordered.append(b"")
    return b"\n".join(ordered)


def _store_may_rewrite(data: bytes) -> bool:
    """Anything but typed literals that the store may write back differently (the graph then
    goes through the store whole): control characters, ``\\u``/``\\'`` escapes, upper-case tags."""
    return (any(c in data for c in _CONTROL)
            or (b"\\" in data and _ESCAPE.search(data) is not None)
            or _UPPER_TAG.search(data) is not None)


def _rewrite_typed_literals(data: bytes, unique: dict[bytes, None]) -> None:
    """Replace, in ``unique`` (the lines of ``data``, without their newline), each line whose
    typed literal the store writes back differently by the line as the store writes it.

    A line's typed literal is what ``_TYPED_LINE`` finds before its final `` .``: at most one
    a line, starting at a quote, so at the line's first quote when there.  Such line ends
    (from the first quote) repeat and are remembered: a dictionary look-up settles most lines.
    The lines are found by searching ``data`` (one ``find`` per typed line), not by testing
    each line (a search per line costs more than the whole pass).  The rewriting is a
    function of the line: all old lines go before the new ones come in, so a new line equal
    to another old one stays.
    """
    unknown: list[bytes] = []
    changed: list[tuple[bytes, bytes]] = []
    find, rfind, known = data.find, data.rfind, _KNOWN.get
    at = find(b'"^^<')
    while at >= 0:
        start, end = rfind(b"\n", 0, at) + 1, find(b"\n", at)
        quote = find(b'"', start, at + 1)
        tail = known(data[quote:end])
        if tail is None:
            unknown.append(data[start:end])
        elif tail:                                  # (empty: written back unchanged)
            changed.append((data[start:end], data[start:quote] + tail))
        at = find(b'"^^<', end)
    if unknown:
        changed += _search_and_learn(unknown)
    for old, _ in changed:
        unique.pop(old, None)                       # (a duplicate line: gone already)
    for _, new in changed:
        unique[new] = None


def _search_and_learn(lines: list[bytes]) -> list[tuple[bytes, bytes]]:
    """(line, rewritten line) for each of ``lines`` whose typed literal (the one ``_TYPED_LINE``
    finds) Oxigraph writes back differently; a line's end from a literal at its first quote is
    remembered, changed or not."""
    matches = [_TYPED_LINE.search(line) for line in lines]
    tokens = {match.group() for match in matches if match is not None}
    if not tokens:
        return []
    canonical = _learn(tokens)
    if len(_KNOWN) + len(tokens) > _KNOWN_LIMIT:
        _KNOWN.clear()
    changed = []
    for line, match in zip(lines, matches):
        if match is None:
            continue
        new = line[:match.start()] + canonical[match.group()] + line[match.end():]
        quote = line.find(b'"')
        if match.start() == quote:
            _KNOWN[line[quote:]] = b"" if new == line else new[quote:]
        if new != line:
            changed.append((line, new))
    return changed


# A typed literal in object position (the last term of a line, before " .").
_TYPED_LINE = re.compile(rb'"(?:[^"\\\n]|\\.)*"\^\^<[^>\n]*>(?= \.\Z)')
# What else the store may write differently: raw control characters, \u escapes, upper-case language tags.
_CONTROL = tuple(bytes([c]) for c in (*range(0x00, 0x0a), *range(0x0b, 0x20), 0x7f))   # 32 memchr scans
_ESCAPE = re.compile(rb"\\[uU']")
_UPPER_TAG = re.compile(rb'"@[a-z0-9-]*[A-Z]')
_BLANK, _BLANK_BYTES = re.compile("_:"), re.compile(b"_:")    # a regex scan beats `in` for this needle
# A line's end from its first quote (a typed literal, then " .") -> that end as the store writes it
# back, or b"" when it is the same.  Line ends repeat across graphs: offsets, counts, dates.
_KNOWN: dict[bytes, bytes] = {}
_KNOWN_LIMIT = 500_000


def _learn(tokens: set[bytes]) -> dict[bytes, bytes]:
    """Ask Oxigraph how it writes back each typed literal of ``tokens`` (one in-memory store for all)."""
    ordered = list(tokens)
    store = ox.Store()
    store.load(b"".join(b"<urn:kg:%d> <urn:kg:o> %s .\n" % (i, token) for i, token in enumerate(ordered)),
               ox.RdfFormat.N_TRIPLES)
    return {ordered[int(quad.subject.value[7:])]: str(quad.object).encode("utf-8") for quad in store}


def _through_the_store(data: bytes) -> bytes:
    store = ox.Store()
    store.load(data, ox.RdfFormat.N_TRIPLES)
    dumped = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph())
    return b"".join(sorted(set(dumped.splitlines(keepends=True))))


def compress(content: bytes) -> bytes:
    return igzip.compress(content, LEVEL, mtime=0)


def prepare(ntriples: str) -> GraphFile | None:
    """The file for a graph about to be published; None when it has blank nodes (or no triples)."""
    if not ntriples or ntriples.isspace():              # what `not ntriples.strip()` says, without a copy
        return None
    try:
        data = ntriples.encode("utf-8")
    except UnicodeEncodeError:                          # (a lone surrogate) refused as before
        if has_blank_nodes(ntriples):
            return None
        raise
    if has_blank_nodes(data):
        return None
    content = _canonical(data)
    return GraphFile(hashlib.sha256(content).hexdigest(), compress(content))


def from_store(store: ox.Store, graph: str) -> GraphFile | None:
    """The file of a graph already in the store, read back from it (a store built before graph
    files existed, or a lost file); None when the graph has blank nodes or no triples."""
    text = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(graph)).decode("utf-8")
    if not text.strip() or has_blank_nodes(text):
        return None
    content = b"".join(sorted(set(text.encode("utf-8").splitlines(keepends=True))))
    return GraphFile(hashlib.sha256(content).hexdigest(), compress(content))


def folder_of(store_path: str | Path | None) -> Path | None:
    """Where the graph files of an on-disk store live (None for in-memory and remote stores)."""
    return None if store_path is None else Path(store_path) / FOLDER


def file_path(folder: Path, sha256: str) -> Path:
    return folder / f"{sha256}{SUFFIX}"


def write(folder: Path, graph_file: GraphFile) -> Path:
    """Write one file atomically (temp name, rename); rewriting an existing one repairs it if damaged.

    No fsync: after a power loss a file may be missing or truncated, which
    readers detect (CRC, SHA-256) and answer by reading the store instead.
    """
    folder.mkdir(parents=True, exist_ok=True)
    final = file_path(folder, graph_file.sha256)
    tmp = folder / f"{TEMP_PREFIX}{os.getpid()}-{graph_file.sha256}"
    tmp.write_bytes(graph_file.data)
    os.replace(tmp, final)
    return final


def write_all(folder: Path, graph_files: Iterable[GraphFile]) -> None:
    for graph_file in graph_files:
        write(folder, graph_file)


def remove_orphans(folder: Path, keep: set[str]) -> list[Path]:
    """Delete the files no published graph names (replaced graphs, killed builds' leftovers)."""
    removed: list[Path] = []
    if not folder.is_dir():
        return removed
    for entry in folder.iterdir():
        name = entry.name
        digest = name[: -len(SUFFIX)] if name.endswith(SUFFIX) else None
        if entry.is_file() and (name.startswith(TEMP_PREFIX) or (digest is not None and digest not in keep)):
            entry.unlink(missing_ok=True)
            removed.append(entry)
    return removed


def read_verified(path: Path, sha256: str) -> bytes | None:
    """The file's lines, or None when it is missing, truncated, fails its gzip CRC or its SHA-256."""
    try:
        content = igzip.decompress(path.read_bytes())
    except FileNotFoundError:
        return None
    except DAMAGED:
        return None
    return content if hashlib.sha256(content).hexdigest() == sha256 else None


def manifest_graph(store: ox.Store) -> str | None:
    """The build manifest's graph IRI in ``store`` (whatever base it was built with), if any: where
    stores built before the manifest file, and remote stores, keep it."""
    for graph in store.named_graphs():
        if isinstance(graph, ox.NamedNode) and graph.value.endswith(MANIFEST_SUFFIX):
            return graph.value
    return None


def published_digests(store: ox.Store, folder: Path | None = None) -> dict[str, str]:
    """Graph IRI -> SHA-256 of its file, for every published graph whose manifest entry names one.

    ``folder``: the store's graph-file folder; the manifest file beside it is read when present,
    else the manifest graph of a store built before it (not migrated yet)."""
    sidecar = manifest_file.path_in(folder.parent) if folder is not None else None
    if sidecar is not None and sidecar.is_file():
        return manifest_file.published_digests(sidecar)
    manifest = manifest_graph(store)
    if manifest is None:
        return {}
    base = manifest[: -len(MANIFEST_SUFFIX)]
    assert manifest_graph_iri(base) == manifest
    vocab, graph_name = vocabulary(base), ox.NamedNode(manifest)

    def values(field: str) -> dict[str, str]:
        return {q.subject.value: q.object.value
                for q in store.quads_for_pattern(None, ox.NamedNode(vocab + field), None, graph_name)}

    digests, graphs, status = values("graphSha256"), values("graph"), values("status")
    return {graphs[s]: d for s, d in digests.items() if status.get(s) == "published" and s in graphs}
