"""Ground truth for the parser: the UN's own metadata, one ``Expected`` per resolution.

``load_ground_truth(corpus)`` reads every source of UN metadata in the
corpus (see :mod:`kg.parse.groundtruth_sources` for each source and its
quirks), merges them per canonical symbol, most authoritative source first
(``data_extract`` > ``ods-word/INDEX.tsv`` > SC meeting tables > railcar
front matter), and adds the paragraph and footnote counts of the AKN XML of
the same resolution.  ``map_files`` tells, for each corpus file, which
resolution it holds (by content) and what is expected of it; a file that
cannot be mapped is kept with the reason.

    >>> truth = load_ground_truth(Path("../shared/corpus"))          # doctest: +SKIP
    >>> truth.find("A/RES/80/7").meeting                              # doctest: +SKIP
    40
"""
from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from kg.parse.groundtruth_files import (
    AknCounts, FileIdentity, akn_counts, identify_file,
)
from kg.parse.groundtruth_model import (
    WITHOUT_COMMITTEE, Expected, VoteCounts, base_symbol, parse_date,
)
from kg.parse.groundtruth_sources import (
    RawRecord, expected_from_data_extract, expected_from_front_matter, expected_from_index_row,
    load_data_extract, load_ods_index, load_railcar, load_sc_tables, read_json_lines,
)

__all__ = [
    "Expected", "VoteCounts", "WITHOUT_COMMITTEE", "GroundTruth", "MappedFile", "FileIdentity", "AknCounts",
    "load_ground_truth", "load_data_extract", "map_files", "akn_counts", "identify_file", "read_json_lines",
    "parse_date", "RawRecord",
]

MERGED_FIELDS = ("organ", "adoption_date", "meeting", "committee", "origin_documents", "agenda_items", "title",
                 "distribution_date", "job_number", "votes")


@dataclass
class GroundTruth:
    """Expected records by canonical symbol, plus what merging them revealed."""

    records: dict[str, Expected] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)   # sources that disagree (the first one wins)
    raw_counts: dict[str, int] = field(default_factory=dict)  # data_extract records per organ, as read

    def add(self, exp: Expected) -> None:
        """Merge ``exp`` in: fields already known keep their value (earlier source wins)."""
        have = self.records.get(exp.symbol)
        if have is None:
            self.records[exp.symbol] = exp
            return
        for name in MERGED_FIELDS:
            new, old = getattr(exp, name), getattr(have, name)
            if new is None:
                continue
            if old is None and name in have.sources:
                continue          # explicitly absent in the better source (e.g. voting by mail: no meeting)
            if old is None:
                setattr(have, name, new)
                if name in exp.sources:
                    have.sources[name] = exp.sources[name]
                if name == "origin_documents":
                    have.origin_optional = exp.origin_optional
            elif old != new and exp.sources.get(name, "").split(":")[0] != have.sources.get(name, "").split(":")[0]:
                self.conflicts.append(f"{exp.symbol} {name}: {have.sources.get(name)} says {old!s}, "
                                      f"{exp.sources.get(name)} says {new!s}")
        have.quirks.extend(q for q in exp.quirks if q not in have.quirks)

    def find(self, symbol: str | None) -> Expected | None:
        """The record of ``symbol``; a symbol without its part letters finds a
        multi-part record when there is exactly one (``A/RES/75/101`` ->
        ``A/RES/75/101 A-B``)."""
        if not symbol:
            return None
        if symbol in self.records:
            return self.records[symbol]
        base = base_symbol(symbol)
        matches = [s for s in self.records if base_symbol(s) == base]
        return self.records[matches[0]] if len(matches) == 1 else None


def load_ground_truth(corpus: Path, akn_files: Iterable[Path] | None = None) -> GroundTruth:
    """Read and merge every source of UN metadata under ``corpus``.

    ``akn_files`` (default: every ``unxml-*/xml/**/*.xml``) give the
    paragraph and footnote counts, taken from the English file of a
    resolution when there is one (counts do not depend on the language).
    """
    corpus = Path(corpus)
    truth = GroundTruth()
    raw = load_data_extract(corpus)
    for record in raw:
        truth.raw_counts[record.organ] = truth.raw_counts.get(record.organ, 0) + 1
        exp = expected_from_data_extract(record)
        if exp is not None:
            truth.add(exp)
    for row in load_ods_index(corpus):
        exp = expected_from_index_row(corpus, row)
        if exp is not None:
            truth.add(exp)
    for exp in load_sc_tables(corpus):
        truth.add(exp)
    for front in load_railcar(corpus):
        exp = expected_from_front_matter(front)
        if exp is not None:
            truth.add(exp)
    files = akn_files if akn_files is not None else sorted(corpus.glob("unxml-*/xml/**/*.xml"))
    _add_akn_counts(truth, files)
    return truth


def _add_akn_counts(truth: GroundTruth, files: Iterable[Path]) -> None:
    chosen: dict[str, tuple[bool, AknCounts, str]] = {}
    for path in files:
        ident = identify_file(path)
        exp = truth.find(ident.symbol)
        if exp is None or ident.input_format != "akn":
            continue
        try:
            counts = akn_counts(path.read_bytes())
        except etree.XMLSyntaxError:
            continue
        english = ident.language == "eng"
        if exp.symbol not in chosen or (english and not chosen[exp.symbol][0]):
            chosen[exp.symbol] = (english, counts, str(path))
    for symbol, (_, counts, path) in chosen.items():
        exp = truth.records[symbol]
        exp.preambular_count, exp.operative_count, exp.footnote_count = counts.preambular, counts.operative, counts.footnotes
        for name in ("preambular_count", "operative_count", "footnote_count"):
            exp.sources[name] = f"akn:{path}"


@dataclass
class MappedFile:
    """One corpus file, what it is, and what is expected of it (None + reason when nothing)."""

    identity: FileIdentity
    expected: Expected | None
    reason: str | None = None

    @property
    def path(self) -> str:
        return self.identity.path

    @property
    def input_format(self) -> str:
        return self.identity.input_format


def map_file(path: Path, truth: GroundTruth) -> MappedFile:
    """The expected record of the resolution in ``path`` (found by content).

    For an AKN file the paragraph and footnote counts are those of the file
    itself (a French file is held to its own markup); for any other format,
    those of the AKN of the same resolution, if the corpus has one.
    """
    ident = identify_file(Path(path))
    if ident.symbol is None:
        return MappedFile(ident, None, ident.reason)
    exp = truth.find(ident.symbol)
    is_resolution_akn = ident.input_format == "akn" and "/RES/" in ident.symbol
    if exp is None and not is_resolution_akn:
        kind = f" ({ident.document_kind})" if ident.document_kind and ident.document_kind != "resolution" else ""
        return MappedFile(ident, None, f"no UN metadata in the corpus for {ident.symbol}{kind}")
    if ident.language and ident.language not in ("eng", "en") and exp is not None and exp.title is not None:
        # The metadata's titles are English: they cannot judge a French or Arabic title.
        exp = dataclasses.replace(exp, title=None, sources={k: v for k, v in exp.sources.items() if k != "title"},
                                  quirks=list(exp.quirks))
    if ident.input_format == "akn":
        # An AKN resolution without metadata is still held to its own markup (symbol and counts).
        exp = dataclasses.replace(exp, sources=dict(exp.sources), quirks=list(exp.quirks)) if exp else \
            Expected(symbol=ident.symbol, sources={"symbol": f"akn:{path}"},
                     quirks=["no data_extract record: only the symbol and the counts of the XML are checked"])
        try:
            counts = akn_counts(Path(path).read_bytes())
        except etree.XMLSyntaxError as exc:
            return MappedFile(ident, None, f"XML not well-formed: {exc}")
        exp.preambular_count, exp.operative_count, exp.footnote_count = counts.preambular, counts.operative, counts.footnotes
        for name in ("preambular_count", "operative_count", "footnote_count"):
            exp.sources[name] = f"akn:{path}"
    return MappedFile(ident, exp)


def map_files(paths: Iterable[Path], truth: GroundTruth) -> list[MappedFile]:
    """``map_file`` for each path, in order; nothing is dropped."""
    return [map_file(Path(p), truth) for p in paths]
