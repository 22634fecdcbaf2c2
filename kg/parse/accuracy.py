"""``kg accuracy``: how well the parser and the AKN reader agree with the UN's own metadata.

The pure heart is :func:`compare`: one parsed ``Resolution`` against one
``Expected`` record gives one ``FieldResult`` per field the ground truth
asserts.  How each field is normalised before comparing, and why:

- ``symbol``: both sides through ``kg.symbols.canonical``
  (``"S/RES/1310(2000)"`` = ``"S/RES/1310 (2000)"``).
- ``adoption_date``, ``distribution_date``: ISO 8601 on both sides (the
  loaders turn ``"14\u00a0November 2025"``, ``"on19 January 2010"``,
  ``"2019-10-10 00:00:00"`` into ISO).
- ``meeting``: the integer (``"56th (resumed) plenary meeting"`` = 56).
- ``committee``: GA committees by their ordinal name ("Special Political
  and Decolonization Committee (Fourth Committee)" = "Fourth Committee";
  the extract's "#fifthCommittee" = "Fifth Committee"), case-insensitive;
  ECOSOC bodies by name ("Statistical Commission"); the parser's ``None`` and
  the metadata's "Without reference to a Main Committee" / ECOSOC "Plenary
  meeting" are the same thing.
- ``origin_documents``: sets of canonical symbols, order ignored; documents
  the metadata lists as amendments ("as amended in A/75/L.114") may be
  present or absent.
- ``agenda_items``: sets of ``"71 (b)"`` spellings.
- ``title``: case-insensitive, whitespace collapsed, all quotes one quote,
  all dashes one dash, ECOSOC's footnote asterisk dropped.
- ``preambular_paragraphs``, ``operative_paragraphs``, ``footnotes``: the
  counts of the parsed record against the AKN4UN markup of the same
  resolution (see ``groundtruth_files.akn_counts``).  Operative paragraphs
  are those the UN numbers; a text adopted in the body ("Adopts the following
  declaration:", A/RES/74/2, 75/1, 76/1, 79/1) is an annex, not the
  resolution's own paragraphs: the same convention in both readers and here.
- ``votes`` (AKN only: no text rendering in the corpus prints the vote; the text reader reads
  the vote the Human Rights Council prints, ``kg.parse.votes``, checked in tests/test_parse_votes.py):
  "without a vote", or yes-no-abstain counts.
- ``job_number``: only for the ODS formats, whose trailer carries it.

A difference listed in ``kg.parse.accuracy_exceptions`` (an error of the
source itself, with its reason) is left out of the percentages and printed
as an "explained source error", never dropped silently.
"""
from __future__ import annotations

import json
import os
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Callable

import click

from kg.model import ParseError, Resolution
from kg.parse.groundtruth_model import (
    Expected, agenda_key, canonical_or_none, committee_key, normalise_job_number, title_key,
)

#: Fields in the order of the table; the first group is held to the targets.
TARGET_FIELDS = ("symbol", "adoption_date", "meeting", "committee", "origin_documents", "agenda_items", "title",
                 "preambular_paragraphs", "operative_paragraphs", "footnotes", "votes")
EXTRA_FIELDS = ("distribution_date", "job_number")
FIELDS = TARGET_FIELDS + EXTRA_FIELDS
ODS_FORMATS = {"ods-text", "docx", "doc"}


@dataclass
class FieldResult:
    """One field of one document: equal or not, with both values as shown to people."""

    field: str
    ok: bool
    expected: str
    got: str
    source: str = ""      # where the expected value comes from
    explained: str | None = None   # a listed source error (kg.parse.accuracy_exceptions): not counted

    def to_json(self) -> dict:
        return asdict(self)


def _show(value) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, (list, tuple, set, frozenset)):
        return ", ".join(str(v) for v in value) or "(none)"
    return str(value)


def compare(parsed: Resolution, expected: Expected) -> list[FieldResult]:
    """Compare every field that ``expected`` asserts (see the module docstring)."""
    results: list[FieldResult] = []

    def add(name: str, ok: bool, want, got, source_field: str | None = None) -> None:
        results.append(FieldResult(name, ok, _show(want), _show(got),
                                   expected.sources.get(source_field or name, "")))

    got_symbol = canonical_or_none(parsed.symbol) or parsed.symbol
    add("symbol", got_symbol == expected.symbol, expected.symbol, parsed.symbol)
    if expected.adoption_date is not None:
        add("adoption_date", parsed.adoption_date == expected.adoption_date, expected.adoption_date, parsed.adoption_date)
    if expected.meeting is not None:
        add("meeting", parsed.meeting == expected.meeting, expected.meeting, parsed.meeting)
    if expected.committee is not None:
        add("committee", committee_key(parsed.committee) == committee_key(expected.committee),
            expected.committee, parsed.committee)
    if expected.origin_documents is not None:
        got = {canonical_or_none(d) or d for d in parsed.origin_documents}
        want = set(expected.origin_documents)
        ok = want <= got <= want | set(expected.origin_optional)
        shown = list(expected.origin_documents) + [f"({d})" for d in expected.origin_optional]
        add("origin_documents", ok, shown, parsed.origin_documents)
    if expected.agenda_items is not None:
        add("agenda_items", agenda_key(parsed.agenda_items) == agenda_key(expected.agenda_items),
            expected.agenda_items, parsed.agenda_items)
    if expected.title is not None:
        add("title", _titles_agree(parsed.title, expected), expected.title, parsed.title)
    for name, want, got, source in (
            ("preambular_paragraphs", expected.preambular_count, len(parsed.preamble), "preambular_count"),
            ("operative_paragraphs", expected.operative_count, len(parsed.operative), "operative_count"),
            ("footnotes", expected.footnote_count, len(parsed.footnotes), "footnote_count")):
        if want is not None:
            add(name, got == want, want, got, source)
    if expected.votes is not None and parsed.source_format == "akn":
        ok, shown = _votes_agree(parsed, expected)
        add("votes", ok, expected.votes, shown)
    if expected.distribution_date is not None:
        add("distribution_date", parsed.distribution_date == expected.distribution_date,
            expected.distribution_date, parsed.distribution_date)
    if expected.job_number is not None and parsed.source_format in ODS_FORMATS:
        add("job_number", normalise_job_number(parsed.job_number) == expected.job_number,
            expected.job_number, parsed.job_number)
    return results


def _titles_agree(title: str | None, expected: Expected) -> bool:
    """Equal keys; for a multi-part resolution ("A/RES/75/101 A-B") the
    metadata runs the common title and the part titles together ("Questions
    relating to information Information in the service of humanity ..."), so
    the parsed common title need only begin it."""
    got, want = title_key(title), title_key(expected.title)
    if got == want:
        return True
    multi_part = bool(re.search(r" [A-L]-[A-L]$", expected.symbol))
    return bool(multi_part and got and want and want.startswith(got + " "))


def _votes_agree(parsed: Resolution, expected: Expected) -> tuple[bool, str]:
    want, voting = expected.votes, parsed.voting
    if voting is None:
        return bool(want and want.without_vote), "(no voting record)"
    without = "without" in (voting.adoption_type or "").lower()
    if want.without_vote:
        return without, voting.adoption_type or "(none)"
    got = (voting.yes, voting.no or 0, voting.abstain or 0)
    return (not without and got == (want.yes, want.no or 0, want.abstain or 0)), f"{got[0]}-{got[1]}-{got[2]}"


def default_corpus() -> Path:
    shared = os.environ.get("KG_SHARED")
    return Path(shared) / "corpus" if shared else Path("../shared/corpus")


def remembered(parse: Callable[[str], Resolution]) -> Callable[[str], Resolution]:
    """``parse`` that parses each file once (by its resolved path) and gives the same record, or raises
    the same ``ParseError``, when asked again: the metadata and agreement checks read one corpus."""
    seen: dict[str, Resolution | ParseError] = {}

    def parse_once(path: str) -> Resolution:
        key = str(Path(path).resolve())
        if key not in seen:
            try:
                seen[key] = parse(path)
            except ParseError as error:
                seen[key] = error
        found = seen[key]
        if isinstance(found, ParseError):
            raise found
        return found

    return parse_once


@click.command("accuracy")
@click.argument("corpus_dir", required=False, type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the report as one JSON object.")
@click.option("--details", is_flag=True, help="Also list every file without ground truth, and the quirks "
                                               "and conflicts found in the ground truth itself.")
@click.option("--strict", is_flag=True, help="Exit with status 1 when an accuracy target is missed.")
def accuracy_command(corpus_dir: Path | None, as_json: bool, details: bool, strict: bool) -> None:
    """Parser accuracy per field and input format against the UN's metadata in CORPUS_DIR.

    Every document of the corpus that has ground truth (data_extract, the
    ODS INDEX.tsv, the SC meeting tables, the railcar front matter, and the
    AKN markup for paragraph counts) is parsed with ``kg.parse.parse_path``;
    a document that fails to parse counts as a miss on every field, with its
    reason.  Prints a Markdown table, then each document that still differs.
    """
    from kg.parse.accuracy_report import render_markdown, run_accuracy, target_shortfalls

    corpus = corpus_dir or default_corpus()
    if not corpus.is_dir():
        raise click.ClickException(f"{corpus}: no such corpus folder (give CORPUS_DIR or set KG_SHARED)")
    from kg.parse import agreement, iter_documents, parse_path

    parse = remembered(parse_path)
    report = run_accuracy(corpus, parse=parse, offered=list(iter_documents([str(corpus)])))
    found = agreement.disagreements(agreement.read_corpus([str(corpus)], parse=parse))
    if as_json:
        data = report.to_json()
        data["agreement"] = [asdict(d) | {"explained": agreement.explanation(d)} for d in found]
        click.echo(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        click.echo(render_markdown(report, details=details))
        click.echo(agreement.render_markdown(found))
    if strict and (target_shortfalls(report) or agreement.unexplained(found)):
        raise SystemExit(1)
