"""`kg accuracy` parses each corpus file once for its two checks (metadata, agreement between expressions)."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.model import ParseError
from kg.parse import parse_path
from kg.parse.accuracy import remembered

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def test_a_file_asked_for_twice_is_parsed_once(tmp_path):
    calls: list[str] = []

    def counting(path: str):
        calls.append(path)
        return parse_path(path)

    parse = remembered(counting)
    path = next(p for p in sorted(SAMPLE.rglob("*.txt")))
    first = parse(str(path))
    again = parse(str(path.parent / ".." / path.parent.name / path.name))   # the same file by another path

    assert again is first
    assert len(calls) == 1


def test_a_file_that_does_not_parse_gives_the_same_error_again(tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    calls: list[str] = []

    def counting(path: str):
        calls.append(path)
        return parse_path(path)

    parse = remembered(counting)
    with pytest.raises(ParseError) as first:
        parse(str(bad))
    with pytest.raises(ParseError) as again:
        parse(str(bad))

    assert again.value is first.value and len(calls) == 1
