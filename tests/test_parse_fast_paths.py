"""The text parser's shortcuts decide as the full patterns they stand for.

Each shortcut skips work on lines or texts that cannot match: a meeting line's first character, the
last characters of a line for a trailing footnote marker, footnote markers found by ``str.find`` or
by one pattern over every number.  These tests hold each one against what it replaces, so a pattern
extended later (a new ordinal word, a longer marker) cannot leave its shortcut behind unnoticed.
"""
from __future__ import annotations

import re
import re._constants as sre
import re._parser as sre_parse
from pathlib import Path

import pytest

from kg.parse.citations import _KEYWORD_WORDS, KEYWORD_RE
from kg.parse.footnotes import _CENTURIES, _TRAILING_MARKER_RE, _YEAR_GLUED_RE, _candidates, without_trailing_marker
from kg.parse.patterns import _ORDINAL_INITIALS, MEETING_OTHER, MEETING_RE, ORDINAL_WORDS, finditer_at, meeting_number
from kg.parse.sections import (_AMOUNT_ENDINGS, _AMOUNT_LINE_RE, _GLUED_AMOUNT_RE, _LAST_CELL_AMOUNT_RE, _row_like,
                               table_lines)
from kg.parse.text import line_spans

CORPUS = Path("/work/shared/corpus")
ODS_TEXTS = sorted(CORPUS.glob("ods-word/*/text-seedlike/*.txt")) + sorted(CORPUS.glob("seed/*.txt"))
DIGIT = "<digit>"


def _first_chars(items) -> tuple[set[str], bool]:
    """The characters a parsed pattern can open with ("<digit>" for ``\\d``), and whether it can be empty."""
    out: set[str] = set()
    for op, av in items:
        chars, empty = _first_of(op, av)
        out |= chars
        if not empty:
            return out, False
    return out, True


def _first_of(op, av) -> tuple[set[str], bool]:
    if op is sre.LITERAL:
        return {chr(av)}, False
    if op is sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is sre.LITERAL:
                chars.add(chr(value))
            elif kind is sre.RANGE:
                chars |= {chr(c) for c in range(value[0], value[1] + 1)}
            elif kind is sre.CATEGORY and value is sre.CATEGORY_DIGIT:
                chars.add(DIGIT)
            else:
                raise AssertionError(f"unexpected set member {kind} {value}")
        return chars, False
    if op is sre.SUBPATTERN:
        return _first_chars(av[3])
    if op is sre.BRANCH:
        chars, empty = set(), False
        for branch in av[1]:
            found, can_be_empty = _first_chars(branch)
            chars |= found
            empty |= can_be_empty
        return chars, empty
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        chars, empty = _first_chars(av[2])
        return chars, empty or av[0] == 0
    raise AssertionError(f"unexpected pattern element {op}")


def test_every_ordinal_word_opens_with_a_letter_the_meeting_pattern_checks_first():
    initials, empty = _first_chars(sre_parse.parse(ORDINAL_WORDS))
    assert not empty and DIGIT not in initials
    for letter in initials:
        assert re.fullmatch(_ORDINAL_INITIALS, letter) and re.fullmatch(_ORDINAL_INITIALS, letter.upper()), letter


def test_the_other_languages_meeting_words_open_with_a_digit_or_the_words_the_pattern_checks_first():
    openings, empty = _first_chars(sre_parse.parse(MEETING_OTHER))
    assert not empty
    assert openings == {DIGIT, "ا", "第"}      # "55‑е заседание", "الجلسة 46", "第46次会议"


@pytest.mark.parametrize("line, number, plenary", [
    ("6th plenary meeting", 6, True), ("\t50th (resumed) plenary meeting ", 50, True),
    ("10089th meeting, 14 January 2026.", 10089, False), ("First plenary meeting", 1, True),
    ("Twenty-first meeting", 21, False), ("Vingt et unième séance", 21, False),
    ("Première séance plénière", 1, True), ("Decimotercera sesión", 13, False),
    ("Vigésima primera sesión plenaria", 21, True), ("55‑е пленарное заседание", 55, True),
    ("46‑е заседание", 46, False), ("55. Plenarsitzung", 55, True), ("الجلسة العامة 55", 55, True),
    ("第46次会议", 46, False),
])
def test_a_meeting_line_in_every_language(line, number, plenary):
    m = MEETING_RE.match(line)
    assert m and meeting_number(m) == number and bool(m.group("plenary")) == plenary


@pytest.mark.parametrize("line", ["Recalling its resolution 70/1 of 25 September 2015,", "1.\tDecides to convene;",
                                  "Taking note of the report of the Secretary-General on the 6th plenary meeting,",
                                  "Seventy-second session", "20 December 2017", "6th plenary meeting of the Council"])
def test_a_paragraph_or_a_date_is_no_meeting_line(line):
    assert MEETING_RE.match(line) is None


@pytest.mark.skipif(not ODS_TEXTS, reason="shared corpus not found")
def test_a_trailing_marker_is_removed_as_the_full_pattern_removes_it():
    lines = [line for path in ODS_TEXTS for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["Agenda;2", "Agenda; 12", "Agenda;[3]", "Agenda, [123]", "No marker 2017", "Year 1234;5678",
              "Recalling,”4", "末尾。12", "x،1", "(a)12", "", "1", "a.1234", ".\t7"]
    assert [without_trailing_marker(line) for line in lines] == [_TRAILING_MARKER_RE.sub("", line) for line in lines]


@pytest.mark.skipif(not ODS_TEXTS, reason="shared corpus not found")
def test_footnote_markers_found_by_number_or_by_one_pass_over_every_number_agree():
    """Few footnotes: each number is found with ``str.find``; many: one pattern over every number."""
    for path in ODS_TEXTS:
        text = path.read_text(encoding="utf-8")
        for spaced_ok in (False, True):
            every = _candidates(text, 0, len(text), spaced_ok, None)
            few = _candidates(text, 0, len(text), spaced_ok, set(range(1, 9)))
            assert {n: spots for n, spots in every.items() if 1 <= n <= 8} == few, path.name


@pytest.mark.parametrize("text, found", [
    ("the Convention of 19721 and", [(22, 23)]), ("the Convention of 19721", [(22, 23)]),
    ("No. 19721 and", []), ("A/19721 and", []), ("3.19721 and", []), ("119721 and", []), ("1,19721 and", []),
])
def test_a_marker_glued_to_a_year(text, found):
    assert _candidates(text, 0, len(text), False, {1}).get(1, []) == found


@pytest.mark.skipif(not ODS_TEXTS, reason="shared corpus not found")
def test_a_table_row_is_found_as_the_full_patterns_find_it():
    """``_row_like`` reads a line's end first and searches only its last run of amount characters (a row
    ends with an ASCII digit, a bracket or a dash)."""
    lines = [line for path in ODS_TEXTS for line in path.read_text(encoding="utf-8").split("\n")]
    lines += ["Political affairs\t1 231 086 000", "Political affairs1 231 086 000", "Total\t(10 833 700)  ",
              "Grand total\t2,767,070,650", "Reserve\t–", "  119 854 000 ", "See resolution 70/1", "Part IV\t12\t(3)",
              "\u0661\u0662\u0663\t\u0664\u0665\u0666", "Total\t\u0661\u0662 345", "x\t 1\u00a0234", "1 23", "(12", "12)"]
    for line in lines:
        full = line.rstrip(" \t")[-1:] in _AMOUNT_ENDINGS and bool(
            _LAST_CELL_AMOUNT_RE.search(line) or _AMOUNT_LINE_RE.fullmatch(line) or _GLUED_AMOUNT_RE.search(line))
        assert _row_like(line, 0, len(line)) == full, line


def test_blank_lines_are_no_table_cells():
    text = "Item\t1 000\n\u2003\n \t\nOther\t2 000\n\u00a0\nLast\t3 000"
    assert table_lines(text, line_spans(text), 0, 6) == {0, 1, 2, 3, 4, 5}
    assert table_lines(text, line_spans(text), 0, 4) == {0, 1, 2, 3}


@pytest.mark.skipif(not ODS_TEXTS, reason="shared corpus not found")
@pytest.mark.parametrize("regex, words, extra", [
    (KEYWORD_RE, _KEYWORD_WORDS, ["resolutions 1 and 2, Decision 3, RESOLUTION 4, xresolution 5, Rresolution 6",
                                  "decisions\n12; RESOLUTIONS ES-11/1 (resolution S-1/2)", "resolution", "Resolution 8"]),
    (_YEAR_GLUED_RE, _CENTURIES, ["of 19721 and 20152; 1,19721 A/19721 119721 18991.", "2019", "1999 2000 20", "1"]),
], ids=["citation keywords", "years with a marker"])
def test_a_pattern_tried_only_where_its_words_stand_finds_what_it_finds_everywhere(regex, words, extra):
    texts = [path.read_text(encoding="utf-8") for path in ODS_TEXTS] + extra
    for text in texts:
        for start, end in ((0, len(text)), (1, len(text) - 1), (len(text) // 3, 2 * len(text) // 3)):
            expected = [(m.span(), m.groups()) for m in regex.finditer(text, start, end)]
            assert [(m.span(), m.groups()) for m in finditer_at(regex, text, start, end, words)] == expected
