"""Run the accuracy check over a corpus and render it (Markdown table, JSON).

I/O edge of ``kg accuracy``: load the ground truth, map every corpus file to
it, parse the mapped files with ``kg.parse.parse_path`` and tabulate
``kg.parse.accuracy.compare`` per field and input format.
"""
from __future__ import annotations

import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.model import ParseError, Resolution
from kg.parse.accuracy import EXTRA_FIELDS, FIELDS, TARGET_FIELDS, FieldResult, compare
from kg.parse.accuracy_exceptions import EXPLAINED_SOURCE_ERRORS, explanation
from kg.parse.groundtruth import GroundTruth, MappedFile, load_ground_truth, map_file
from kg.parse.groundtruth_files import TARGET_GROUPS

#: Minimum accuracy per target group (issue 2 and 3).
TARGETS = {"ods-word": 0.99, "pdf-text": 0.97, "akn": 1.0}
FORMAT_ORDER = ("ods-text", "docx", "doc", "word-text", "pdf-text", "pdf", "akn", "ocr", "text")


@dataclass
class DocumentResult:
    path: str
    input_format: str
    symbol: str
    mapped_by: str | None
    fields: list[FieldResult] = field(default_factory=list)
    error: str | None = None           # why parsing failed (every asserted field then counts as a miss)
    seconds: float = 0.0
    language: str | None = None

    @property
    def differences(self) -> list[FieldResult]:
        return [f for f in self.fields if not f.ok and not f.explained]

    @property
    def explained(self) -> list[FieldResult]:
        return [f for f in self.fields if not f.ok and f.explained]


@dataclass
class AccuracyReport:
    corpus: str
    documents: list[DocumentResult]
    unmapped: list[MappedFile]
    truth: GroundTruth

    def table(self) -> dict[tuple[str, str], tuple[int, int]]:
        """(field, input format) -> (agreeing, compared)."""
        cells: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        for doc in self.documents:
            for result in doc.fields:
                if result.explained and not result.ok:
                    continue
                cell = cells[(result.field, doc.input_format)]
                cell[0] += result.ok
                cell[1] += 1
        return {key: (ok, total) for key, (ok, total) in cells.items()}

    def formats(self) -> list[str]:
        present = {d.input_format for d in self.documents}
        return [f for f in FORMAT_ORDER if f in present] + sorted(present - set(FORMAT_ORDER))

    def to_json(self) -> dict:
        table = self.table()
        return {
            "corpus": self.corpus,
            "accuracy": {f"{name}|{fmt}": {"ok": ok, "total": total, "rate": round(ok / total, 4)}
                         for (name, fmt), (ok, total) in sorted(table.items())},
            "shortfalls": target_shortfalls(self),
            "documents": [{"path": d.path, "input_format": d.input_format, "symbol": d.symbol,
                           "mapped_by": d.mapped_by, "error": d.error,
                           "differences": [r.to_json() for r in d.differences]} for d in self.documents],
            "explained_source_errors": [{"path": d.path, "input_format": d.input_format, "symbol": d.symbol,
                                         "language": d.language, **r.to_json()}
                                        for d in self.documents for r in d.explained],
            "unmapped": [{"path": m.path, "input_format": m.input_format, "reason": m.reason} for m in self.unmapped],
            "ground_truth_conflicts": self.truth.conflicts,
        }


def _default_parser() -> tuple[Callable[[str], Resolution] | None, Callable | None, str | None]:
    from kg.parse import iter_documents, parse_path

    return parse_path, iter_documents, None


def run_accuracy(corpus: Path, files: Iterable[Path] | None = None,
                 parse: Callable[[str], Resolution] | None = None,
                 offered: Iterable[str] | None = None) -> AccuracyReport:
    """Map, parse and compare every resolution file of ``corpus``.

    ``files`` defaults to every file under ``corpus``; ``offered`` to what
    ``kg.parse.iter_documents([corpus])`` yields: a mapped file the parser's
    own walk does not offer counts as a miss ("not offered"), so a reader gap
    cannot hide.  ``parse`` defaults to ``kg.parse.parse_path``.
    """
    corpus = Path(corpus)
    truth = load_ground_truth(corpus)
    unavailable = None
    if parse is None:
        parse, walk, unavailable = _default_parser()
        if offered is None and walk is not None:
            try:
                offered = list(walk([str(corpus)]))
            except Exception as exc:  # the walk itself failing must not hide the documents
                unavailable = f"kg.parse.iter_documents failed: {type(exc).__name__}: {exc}"
    offered_set = {str(Path(p).resolve()) for p in offered} if offered is not None else None
    paths = sorted(files) if files is not None else sorted(p for p in corpus.rglob("*") if p.is_file())
    documents, unmapped = [], []
    for path in paths:
        mapped = map_file(path, truth)
        if mapped.expected is None:
            unmapped.append(mapped)
            continue
        documents.append(_check(mapped, parse, offered_set, unavailable))
    return AccuracyReport(str(corpus), documents, unmapped, truth)


def _check(mapped: MappedFile, parse, offered: set[str] | None, unavailable: str | None) -> DocumentResult:
    ident, expected = mapped.identity, mapped.expected
    doc = DocumentResult(ident.path, ident.input_format, expected.symbol, ident.mapped_by)
    error = unavailable
    if error is None and offered is not None and str(Path(ident.path).resolve()) not in offered:
        error = "not offered by kg.parse.iter_documents"
    parsed = None
    if error is None:
        start = time.perf_counter()
        try:
            parsed = parse(ident.path)
        except ParseError as exc:
            error = f"parse error: {exc.reason}"
        except Exception as exc:  # a crash is a parser bug: reported, never fatal here
            error = f"crash: {type(exc).__name__}: {exc}"
        doc.seconds = time.perf_counter() - start
    if parsed is not None:
        doc.language = parsed.language
        doc.fields = compare(parsed, expected)
        for result in doc.fields:
            if not result.ok:
                result.explained = explanation(expected.symbol, parsed.language, result.field)
    else:
        doc.error = error
        fmt = ident.input_format if ident.input_format in ("akn", "docx", "doc", "ods-text", "pdf-text") else "text"
        stub = Resolution(source=ident.path, source_format=fmt, source_sha256="", text="", symbol="", organ="GA")
        doc.fields = [FieldResult(r.field, False, r.expected, "(parse failed)", r.source)
                      for r in compare(stub, expected)]
    return doc


def target_shortfalls(report: AccuracyReport) -> list[str]:
    """Every (field, input format) below its target, as readable lines."""
    out = []
    for (name, fmt), (ok, total) in sorted(report.table().items()):
        group = TARGET_GROUPS.get(fmt)
        if group is None or name not in TARGET_FIELDS or not total:
            continue
        if ok / total < TARGETS[group]:
            out.append(f"{name} on {fmt}: {ok}/{total} = {ok / total:.1%} < {TARGETS[group]:.0%}")
    return out


def _cell(ok: int, total: int) -> str:
    return f"{ok / total:.1%} ({ok}/{total})" if total else "—"


def render_markdown(report: AccuracyReport, details: bool = False) -> str:
    """The table of accuracy per field x input format, then what still differs and why."""
    table, formats = report.table(), report.formats()
    lines = [f"# Parser accuracy against the UN's metadata ({report.corpus})", ""]
    per_format = Counter(d.input_format for d in report.documents)
    failed = Counter(d.input_format for d in report.documents if d.error)
    lines.append("| field | " + " | ".join(formats) + " | all |")
    lines.append("|---|" + "---|" * (len(formats) + 1))
    lines.append("| documents (parsed / checked) | " + " | ".join(
        f"{per_format[f] - failed[f]}/{per_format[f]}" for f in formats) +
        f" | {len(report.documents) - sum(failed.values())}/{len(report.documents)} |")
    for name in FIELDS:
        row = [table.get((name, f), (0, 0)) for f in formats]
        if not any(total for _, total in row):
            continue
        all_ok, all_total = sum(ok for ok, _ in row), sum(total for _, total in row)
        label = name if name not in EXTRA_FIELDS else f"{name} (extra)"
        lines.append(f"| {label} | " + " | ".join(_cell(*c) for c in row) + f" | {_cell(all_ok, all_total)} |")
    lines += ["", "Targets: ≥99% per field for ODS/Word formats (ods-text, docx, doc, word-text), "
                  "≥97% for pdf-text, 100% for akn."]
    shortfalls = target_shortfalls(report)
    lines += ["", f"## Below target ({len(shortfalls)})", ""] + [f"- {s}" for s in shortfalls]
    lines += _differences_section(report)
    lines += _explained_section(report)
    lines += _unmapped_section(report, details)
    if details:
        lines += _ground_truth_section(report)
    return "\n".join(lines) + "\n"


def _differences_section(report: AccuracyReport) -> list[str]:
    differing = [d for d in report.documents if d.differences]
    lines = ["", f"## Documents that still differ ({len(differing)} of {len(report.documents)})", ""]
    errors = Counter(d.error for d in report.documents if d.error)
    if errors:
        lines.append("Parse failures (every field counted as a miss):")
        lines += [f"- {n} × {reason}" for reason, n in errors.most_common()]
        lines.append("")
    for doc in differing:
        if doc.error:
            lines.append(f"- `{doc.path}` [{doc.input_format}] {doc.symbol}: {doc.error}")
            continue
        lines.append(f"- `{doc.path}` [{doc.input_format}] {doc.symbol}")
        for r in doc.differences:
            lines.append(f"    - {r.field}: expected {r.expected!r}, got {r.got!r}  (from {r.source})")
    return lines


def _explained_section(report: AccuracyReport) -> list[str]:
    """The listed source errors, each with its reason (left out of the percentages)."""
    found = [(d, r) for d in report.documents for r in d.explained]
    lines = ["", f"## Explained source errors ({len(found)}, not counted in the percentages)", ""]
    for doc, r in found:
        lines.append(f"- `{doc.path}` [{doc.input_format}, {doc.language}] {doc.symbol} {r.field}: "
                     f"expected {r.expected!r}, got {r.got!r}: {r.explained}")
    return lines


def unused_explanations(report: AccuracyReport) -> list[str]:
    """Listed source errors that no longer match any difference (the list must stay true)."""
    used = {(d.symbol, d.language, r.field) for d in report.documents for r in d.explained}
    return [f"{e.symbol} [{e.language}] {e.field}" for e in EXPLAINED_SOURCE_ERRORS
            if (e.symbol, e.language, e.field) not in used]


def _unmapped_section(report: AccuracyReport, details: bool) -> list[str]:
    reasons = Counter(_reason_kind(m) for m in report.unmapped)
    lines = ["", f"## Files without ground truth ({len(report.unmapped)}, not scored)", ""]
    lines += [f"- {n} × {reason}" for reason, n in reasons.most_common()]
    if details:
        lines.append("")
        lines += [f"- `{m.path}` [{m.input_format}]: {m.reason}" for m in report.unmapped]
    return lines


def _reason_kind(mapped: MappedFile) -> str:
    reason = mapped.reason or "unknown"
    if reason.startswith("no UN metadata"):
        return f"{mapped.input_format}: no UN metadata in the corpus for its resolution"
    return f"{mapped.input_format}: {reason.split(':')[0]}"


def _ground_truth_section(report: AccuracyReport) -> list[str]:
    truth = report.truth
    lines = ["", "## Ground truth", "", "data_extract records read: " +
             ", ".join(f"{k} {v}" for k, v in sorted(truth.raw_counts.items())) +
             f"; resolutions known: {len(truth.records)}", "",
             f"### Sources that disagree ({len(truth.conflicts)}; the first source is used)", ""]
    lines += [f"- {c}" for c in truth.conflicts]
    quirks = [(s, q) for s, e in sorted(truth.records.items()) for q in e.quirks]
    lines += ["", f"### Quirks repaired while reading ({len(quirks)})", ""] + [f"- {s}: {q}" for s, q in quirks]
    return lines
