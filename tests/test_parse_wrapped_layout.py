"""Layout problems of resolutions printed as text: wrapped lines, short documents, drafting slips.

Each test takes a small excerpt of a real resolution (the printed text of the UN's AKN file,
laid out as ``tests/test_parse_rendered_akn.py`` lays it out: wrapped at 88 columns, blank
lines between blocks, or one paragraph per line as the readers give it) and checks one rule
about how UN resolutions are printed.
"""
from __future__ import annotations

from kg.parse.structure import parse_body
from kg.parse.text import line_spans
from kg.read import decode_text
from kg.read.pdftext import clean_pdf_text, looks_hard_wrapped

#: E/RES/2025/18: its title runs, in part, through a wrapped preambular paragraph.
ECOSOC_TITLE = ("Assessment of the progress made in the implementation of and follow-up to the outcomes of the "
                "World Summit on the Information Society")
ECOSOC_WRAPPED = """The Economic and Social Council,

Recalling also its resolution 2006/46 of 28 July 2006 on the follow-up to the World
Summit and review of the Commission on Science and Technology for Development and the
mandate that it gave to the Commission,

Recalling further its resolution 2024/13 of 23 July 2024 on the assessment of the
progress made in the implementation of and follow-up to the outcomes of the World
Summit,

Recalling General Assembly resolution 70/1 of 25 September 2015, entitled "Transforming
our world: the 2030 Agenda for Sustainable Development",
"""

#: S/RES/2812 (2026) in full, wrapped: most of its lines are the short lines of the masthead.
SC_2812_WRAPPED = """United Nations

S/RES/2812 (2026)

Security Council

Distr.: General

14 January 2026

Resolution 2812 (2026)

Adopted by the Security Council at its 10089th meeting, on14 January 2026

The Security Council,

Recalling all its relevant resolutions on the situation in Yemen and the Red Sea,
including resolutions 2216 (2015), 2722 (2024), 2739 (2024), 2768 (2025), and 2787
(2025),

1. Extends the reporting request in paragraph 10 of resolution 2722 (2024) through July
15, 2026.
"""

#: S/RES/1421 (2002) in full, one paragraph per line: as short, and no line longer than 130.
SC_1421_LINES = """United Nations
S/RES/1421 (2002)
Security Council
Distr.: General
3 July 2002
Resolution 1421 (2002)
Adopted by the Security Council at its 4566th meeting, on3 July 2002
The Security Council,
Recalling all its previous relevant resolutions concerning the conflicts in the former Yugoslavia, in particular its resolutions 1357 (2001) of 21 June 2001, 1418 (2002) of 21 June 2002 and 1420 (2002) of 30 June 2002,
Acting under Chapter VII of the Charter of the United Nations,
1. Decides that the provisions of its resolution 1357 (2001) shall continue in force until 15 July 2002;
2. Decides to remain seized of the matter.
"""

#: E/RES/2025/18: a title line between the preamble and paragraph 1, more titles further on.
ECOSOC_TITLED = """The Economic and Social Council,
Expressing its appreciation to the Secretary-General of the United Nations Conference on Trade and Development for her role in helping to ensure completion of the aforementioned report in a timely manner,
Taking stock: reviewing the implementation of the outcomes of the World Summit on the Information Society
1. Welcomes and urges the full implementation of General Assembly resolution 70/125;
2. Welcomes the constructive and diverse inputs from all Member States and other stakeholders in the overall review of progress made in the implementation of the outcomes of the World Summit on the Information Society;
Internet governance
3. Reaffirms paragraphs 34 to 37 and 67 to 72 of the Tunis Agenda;
"""

#: S/RES/2504 (2020): the last preambular paragraph, printed without its comma, then paragraph 1.
SC_2504_NO_COMMA = """The Security Council,
Determining that the devastating humanitarian situation in Syria continues to constitute a threat to peace and security in the region,
Underscoring that Member States are obligated under Article 25 of the Charter of the United Nations to accept and carry out the Council’s decisions
1. Calls upon all parties to ensure principled, sustained and improved humanitarian assistance to Syria in 2020;
2. Decides to remain seized of the matter.
"""

#: S/RES/2477 (2019): a preambular paragraph that opens with an operative verb ("Recalls").
SC_2477_RECALLS = """The Security Council,
Taking note of the Secretary-General’s plan for UNDOF to return to the Bravo side based on a continuous assessment of security in the area of separation and its surroundings, and continued discussion and coordination with the parties,
Recalls that UNDOF’s deployment and the 1974 Disengagement of Forces Agreement are steps toward a just and durable peace on the basis of Security Council Resolution 338 (1973),
Recalling resolution 2242 (2015) and its aspiration to increase the number of women in military and police contingents of United Nations peacekeeping operations,
1. Calls upon the parties concerned to implement immediately its resolution 338 (1973) of 22 October 1973;
2. Decides to remain seized of the matter.
"""


def _body(text: str):
    lines = line_spans(text)
    return parse_body(text, lines, 0, len(lines))


def test_title_words_inside_a_wrapped_paragraph_are_not_a_running_title():
    cleaned = clean_pdf_text(ECOSOC_WRAPPED, title=ECOSOC_TITLE)
    assert ("Recalling further its resolution 2024/13 of 23 July 2024 on the assessment of the progress made in "
            "the implementation of and follow-up to the outcomes of the World Summit,") in cleaned.split("\n")


def test_short_wrapped_document_is_recognised_as_wrapped_by_its_broken_sentences():
    assert looks_hard_wrapped(SC_2812_WRAPPED)
    assert not looks_hard_wrapped(SC_1421_LINES)      # as short, one paragraph per line
    lines = decode_text("S_RES_2812.txt", SC_2812_WRAPPED, "0").text.split("\n")
    assert "(2025)," not in lines
    assert any(line.endswith("2768 (2025), and 2787 (2025),") for line in lines)


def test_long_title_before_paragraph_1_is_a_heading_when_titles_divide_the_operative_part():
    body = _body(ECOSOC_TITLED)
    assert [p.lead for p in body.preamble] == ["Expressing its appreciation"]
    assert [p.number for p in body.operative] == [1, 2, 3]
    assert [(s.title, [p.number for p in body.operative if p.section == s.key]) for s in body.sections] \
        == [("Internet governance", [3])]


def test_long_last_preambular_paragraph_without_its_comma_stays_a_paragraph():
    body = _body(SC_2504_NO_COMMA)
    assert [p.lead for p in body.preamble] == ["Determining", "Underscoring"]
    assert [p.number for p in body.operative] == [1, 2]


def test_operative_verb_with_a_preambular_comma_before_paragraph_1_is_preambular():
    body = _body(SC_2477_RECALLS)
    assert [p.lead for p in body.preamble] == ["Taking note", "Recalls", "Recalling"]
    assert [p.number for p in body.operative] == [1, 2]
