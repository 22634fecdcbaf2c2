"""A scaled-up corpus made from the real one, for the benchmark (``kg bench --make-corpus N``).

Each generated document is a real parseable document (ODS/seed-like text,
Word-derived text, PDF text, AKN XML) with only its numbers changed: its own
symbol is renumbered into a free range (GA and HRC sessions 100 and up, SC
numbers 10000 and up, ECOSOC numbers 1000 and up), every date is moved by a
few days inside its month, the job number is replaced, and the resolutions it
cites are renumbered per copy (GA/HRC session + 100 k; SC numbers moved into
3000-9999, four digits as real citations have), so each copy cites its own
copy of the citation network.  Text, length and citation
density stay those of the real documents.

``renumber`` and ``plan_corpus`` are pure; ``load_templates`` and
``write_corpus`` are the I/O edges.  Templates whose renumbered copy does not
parse back to the new symbol are dropped (and counted), never used silently.
"""
from __future__ import annotations

import os
import random
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
SHARD_SIZE = 100                # documents per folder of the generated corpus (a prefix of folders is a smaller corpus)
TEXT_SUFFIXES = (".txt", ".md", ".xml", ".akn")

_GA = re.compile(r"^A/RES/((?:ES-|S-)?\d+)/(\d+)\b")
_HRC = re.compile(r"^A/HRC/RES/(\d+)/(\d+)\b")
_SC = re.compile(r"^S/RES/(\d+) \((\d{4})\)")
_ECOSOC = re.compile(r"^E/RES/(\d{4})/(\d+)\b")

_DAY_MONTH = re.compile(r"(?:(?<!\d)(\d{1,2})(\s*(?:and|to|-|\u2013)\s*))?(?<!\d)(\d{1,2})([ \u00a0]+)("
                        + "|".join(MONTHS) + r")\b")
_ISO_DATE = re.compile(r"(?<!\d)((?:19|20)\d\d)-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?!\d)")
_GA_CITATION = re.compile(r"(?<![\d.\-])(\d{1,2})/(\d{1,3})(?![\d/])")
_SC_CITATION = re.compile(r"(?<!\d)(\d{2,4})(\s?\((?:19|20)\d\d\))")


@dataclass(frozen=True)
class Template:
    """A real document that can be renumbered: where it is, its symbol, job number and format."""

    path: str
    symbol: str
    source_format: str
    job_number: str | None = None


@dataclass(frozen=True)
class Renumbering:
    """What changes in one generated copy of a template."""

    family: str                 # "GA" | "HRC" | "SC" | "ECOSOC"
    old: tuple[str, str]        # (session or year, number) of the template's own symbol
    new: tuple[str, str]        # the same, renumbered
    copy: int                   # >= 1: citations move by 100 * copy sessions (SC: see sc_citation_number)
    day_shift: int              # -3..3, not 0: days added to each date, inside its month
    old_job: str | None = None  # "10-52094"
    new_job: str | None = None


@dataclass(frozen=True)
class GeneratedDoc:
    template: Template
    renumbering: Renumbering
    symbol: str                 # the new symbol the copy must parse to
    relpath: str                # where it goes, under the output folder


@dataclass
class CorpusSummary:
    written: int = 0
    bytes: int = 0
    templates: int = 0
    dropped_templates: list[tuple[str, str]] = field(default_factory=list)   # (path, reason)
    formats: dict[str, int] = field(default_factory=dict)


def family_of(symbol: str) -> tuple[str, tuple[str, str]] | None:
    """``"A/RES/65/140"`` -> ``("GA", ("65", "140"))``; None for symbols the generator does not renumber."""
    for family, pattern in (("HRC", _HRC), ("GA", _GA), ("SC", _SC), ("ECOSOC", _ECOSOC)):
        m = pattern.match(symbol)
        if m:
            return family, (m.group(1), m.group(2))
    return None


def new_identity(family: str, old: tuple[str, str], counter: int) -> tuple[str, str]:
    """The ``counter``-th new (session or year, number) of a family, in its free range."""
    if family in ("GA", "HRC"):
        return str(100 + counter // 1000), str(counter % 1000 + 1)
    if family == "SC":
        return str(10000 + counter), old[1]
    return old[0], str(1000 + counter)                 # ECOSOC: same year, numbers 1000+


def new_job_number(old: str | None, index: int) -> str | None:
    """A job number of the same year and shape, different for each of the first 90,000 copies."""
    if not old or not re.fullmatch(r"\d\d-\d{5}", old):
        return None
    return f"{old[:2]}-{10000 + (index * 7919) % 90000:05d}"


def _own_patterns(family: str, old: tuple[str, str], new: tuple[str, str]) -> list[tuple[re.Pattern[str], str]]:
    """Every spelling of the template's own number, as text, file name and AKN FRBR URI use it."""
    (a, b), (x, y) = old, new
    ea, eb = re.escape(a), re.escape(b)
    if family == "SC":
        return [(re.compile(rf"(?<!\d){ea}(?=\s*\(\s*{eb}\s*\)|[-_]{eb})"), x),
                (re.compile(rf"(?<=S/RES/){ea}(?!\d)"), x),
                (re.compile(rf"(?<=RES_){ea}(?!\d)"), x),
                (re.compile(rf"(?<=SC_){ea}(?!\d)"), x)]
    prefix = {"GA": "A_RES_", "HRC": "A_HRC_RES_", "ECOSOC": "E_RES_"}[family]
    return [(re.compile(rf"(?<![\d\-]){ea}([/-]){eb}(?![\d])"), rf"{x}\g<1>{y}"),
            (re.compile(rf"{re.escape(prefix)}{ea}_{eb}(?!\d)"), f"{prefix}{x}_{y}")]


def _shift_day(day: int, shift: int) -> int:
    """Move a day of the month by ``shift``, reflected at the month's edges (the month never changes)."""
    if day > 28:                     # always move towards the middle of the month: stays a valid date
        return day + shift if shift < 0 else day - shift
    moved = day + shift
    return moved if 1 <= moved <= 28 else day - shift


def shift_dates(text: str, shift: int) -> str:
    """Every "16 December 2010", "7 and 8 December", "27 to 29 May" and "2010-12-16" moved by ``shift`` days."""
    def day_month(m: re.Match[str]) -> str:
        first = f"{_shift_day(int(m.group(1)), shift)}{m.group(2)}" if m.group(1) else ""
        return f"{first}{_shift_day(int(m.group(3)), shift)}{m.group(4)}{m.group(5)}"

    text = _DAY_MONTH.sub(day_month, text)
    return _ISO_DATE.sub(lambda m: f"{m.group(1)}-{m.group(2)}-{_shift_day(int(m.group(3)), shift):02d}", text)


def renumber_citations(text: str, copy: int) -> str:
    """Cited GA/HRC resolutions move by ``100 * copy`` sessions; cited SC ones get four-digit numbers per copy."""
    text = _GA_CITATION.sub(lambda m: f"{int(m.group(1)) + 100 * copy}/{m.group(2)}", text)
    return _SC_CITATION.sub(lambda m: f"{sc_citation_number(int(m.group(1)), copy)}{m.group(2)}", text)


def sc_citation_number(number: int, copy: int) -> int:
    """A cited SC resolution number in copy ``copy``: four digits, as real citations are (3000-9999)."""
    return 3000 + (number + 997 * copy) % 7000


def renumber(text: str, r: Renumbering) -> str:
    """The text of one generated copy (pure).  Own symbol first: its new numbers are out of the
    ranges the citation patterns touch, so it is not renumbered twice."""
    for pattern, replacement in _own_patterns(r.family, r.old, r.new):
        text = pattern.sub(replacement, text)
    if r.old_job and r.new_job:
        text = re.sub(rf"(?<!\d){re.escape(r.old_job)}(?!\d)", r.new_job, text)
        text = re.sub(rf"(?<!\d){re.escape(r.old_job.replace('-', ''))}(?!\d)", r.new_job.replace("-", ""), text)
    text = renumber_citations(text, r.copy)
    return shift_dates(text, r.day_shift)


def new_symbol(template: Template, r: Renumbering) -> str:
    """The symbol a copy must parse to: the template's symbol with its own numbers renumbered."""
    symbol = template.symbol
    for pattern, replacement in _own_patterns(r.family, r.old, r.new):
        symbol = pattern.sub(replacement, symbol)
    return symbol


def plan_corpus(templates: list[Template], count: int, seed: int = 0) -> list[GeneratedDoc]:
    """``count`` copies of the templates (seeded round-robin order), each with a new unique symbol (pure)."""
    usable = [(t, fam) for t in templates if (fam := family_of(t.symbol))]
    if not usable:
        raise ValueError("no template with a renumberable symbol (A/RES, A/HRC/RES, S/RES, E/RES)")
    rng = random.Random(seed)
    order = list(range(len(usable)))
    rng.shuffle(order)
    counters: dict[str, int] = {}
    plan: list[GeneratedDoc] = []
    for index in range(count):
        template, (family, old) = usable[order[index % len(order)]]
        counter = counters.get(family, 0)
        counters[family] = counter + 1
        new = new_identity(family, old, counter)
        r = Renumbering(family, old, new, copy=1 + index // len(order), day_shift=rng.choice((-3, -2, -1, 1, 2, 3)),
                        old_job=template.job_number, new_job=new_job_number(template.job_number, index))
        symbol = new_symbol(template, r)
        suffix = os.path.splitext(template.path)[1].lower() or ".txt"
        name = re.sub(r"[^A-Za-z0-9]+", "_", symbol).strip("_")
        relpath = f"shard-{index // SHARD_SIZE:05d}/{name}-{template.source_format}{suffix}"
        plan.append(GeneratedDoc(template, r, symbol, relpath))
    return plan


def read_template_text(path: str) -> tuple[str, str]:
    """The text of a template file and the encoding to write it back in."""
    data = Path(path).read_bytes()
    for encoding in ("utf-8-sig", "utf-16", "cp1252"):
        try:
            text = data.decode(encoding)
            return text, ("utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else "utf-8")
        except UnicodeError:
            continue
    raise ValueError(f"{path}: cannot decode")


def load_templates(sources: Iterable[str], parse: Callable[[str], object] | None = None
                   ) -> tuple[list[Template], list[tuple[str, str]]]:
    """Parse every text or XML document under ``sources``; keep those with a renumberable symbol."""
    from kg.model import ParseError
    from kg.parse import iter_documents, parse_path

    parse = parse or parse_path
    templates: list[Template] = []
    skipped: list[tuple[str, str]] = []
    for path in iter_documents(list(sources)):
        if "!" in path or not path.lower().endswith(TEXT_SUFFIXES):
            continue
        try:
            res = parse(path)
        except ParseError as error:
            skipped.append((path, error.reason))
            continue
        except Exception as error:          # a parser bug must not stop the generator
            skipped.append((path, f"{type(error).__name__}: {error}"))
            continue
        symbol = getattr(res, "symbol", "")
        if not family_of(symbol):
            skipped.append((path, f"symbol {symbol!r} is not renumbered by the generator"))
            continue
        templates.append(Template(path, symbol, getattr(res, "source_format", "text"), getattr(res, "job_number", None)))
    return templates, skipped


def check_templates(templates: list[Template], parse: Callable[[str], object] | None = None,
                    scratch: str | os.PathLike[str] | None = None) -> tuple[list[Template], list[tuple[str, str]]]:
    """Keep the templates whose renumbered copy parses back to its new symbol."""
    from kg.parse import parse_path

    if scratch is None:
        with tempfile.TemporaryDirectory(prefix="kg-bench-") as tmp:
            return check_templates(templates, parse, tmp)
    parse = parse or parse_path
    good: list[Template] = []
    dropped: list[tuple[str, str]] = []
    probe = plan_corpus(templates, len(templates), seed=1) if templates else []
    Path(scratch).mkdir(parents=True, exist_ok=True)
    for doc in probe:
        target = Path(scratch) / os.path.basename(doc.relpath)
        try:
            write_doc(doc, target)
            got = getattr(parse(str(target)), "symbol", None)
        except Exception as error:
            dropped.append((doc.template.path, f"renumbered copy does not parse: {error}"))
            continue
        finally:
            target.unlink(missing_ok=True)
        if got == doc.symbol:
            good.append(doc.template)
        else:
            dropped.append((doc.template.path, f"renumbered copy parses to {got!r}, not {doc.symbol!r}"))
    return good, dropped


def write_doc(doc: GeneratedDoc, target: Path) -> int:
    text, encoding = read_template_text(doc.template.path)
    data = renumber(text, doc.renumbering).encode(encoding)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return len(data)


def write_corpus(plan: list[GeneratedDoc], out: str | os.PathLike[str]) -> Iterator[tuple[GeneratedDoc, int]]:
    """Write the planned copies under ``out`` (each template read once per copy; text is small)."""
    cache: dict[str, tuple[str, str]] = {}
    for doc in plan:
        if doc.template.path not in cache:
            cache[doc.template.path] = read_template_text(doc.template.path)
        text, encoding = cache[doc.template.path]
        data = renumber(text, doc.renumbering).encode(encoding)
        target = Path(out) / doc.relpath
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        yield doc, len(data)


def make_corpus(sources: Iterable[str], count: int, out: str | os.PathLike[str], seed: int = 0,
                templates: list[Template] | None = None) -> CorpusSummary:
    """Generate ``count`` renumbered documents under ``out`` from the real documents under ``sources``."""
    summary = CorpusSummary()
    if templates is None:
        found, skipped = load_templates(sources)
        templates, dropped = check_templates(found)
        summary.dropped_templates = skipped + dropped
    summary.templates = len(templates)
    for doc, size in write_corpus(plan_corpus(templates, count, seed), out):
        summary.written += 1
        summary.bytes += size
        summary.formats[doc.template.source_format] = summary.formats.get(doc.template.source_format, 0) + 1
    return summary


def shard_folders(out: str | os.PathLike[str]) -> list[str]:
    """The shard folders of a generated corpus, in order (a prefix of them is a smaller corpus)."""
    root = Path(out)
    return sorted(str(p) for p in root.glob("shard-*") if p.is_dir())
