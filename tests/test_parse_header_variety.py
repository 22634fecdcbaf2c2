"""Header and trailer forms of UN resolutions beyond the New York ODS layout of the seed.

Each test takes a real text (the seed A/RES/65/140 in ODS plain-text layout, or a corpus AKN file
laid out as PDF text) and, where the corpus holds no example of a form, prints the form the UN uses
elsewhere in its place: Geneva job numbers (Human Rights Council, ECOSOC), meeting numbers spelled
out in the trailer (ECOSOC, organizational sessions), Arabic and Russian part labels.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.parse import parse_path
from rendered_support import render_as_pdf_text

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "seed" / "A_RES_65_140.txt"
CORPUS = Path("/work/shared/corpus")
if not SEED.exists():
    SEED = CORPUS / "seed" / "A_RES_65_140.txt"
NY_MARKER = "<<ODS JOB NO>>N1052094E<<ODS JOB NO>>"
NY_LINE = "\n10-52094\n"
TRAILER = "\n68th plenary meeting\n"


def _seed() -> str:
    if not SEED.exists():
        pytest.skip("seed resolution not found")
    text = SEED.read_text(encoding="utf-8")
    assert NY_MARKER in text and NY_LINE in text and TRAILER in text
    return text


def _parse(tmp_path: Path, text: str, name: str = "res.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return parse_path(str(path))


# ------------------------------------------------------------------ 1. Geneva job numbers

@pytest.mark.parametrize("marker", ["GE.23-06843", "GE.23-06843(E)", "G2306843", "G2306843E"])
def test_geneva_job_number_in_the_ods_marker(tmp_path, marker):
    text = _seed().replace(NY_MARKER, f"<<ODS JOB NO>>{marker}<<ODS JOB NO>>").replace(NY_LINE, "\n")
    assert _parse(tmp_path, text).job_number == "23-06843"


@pytest.mark.parametrize("line", ["GE.23-06843(E)", "GE.23-06843 (E)", "GE.23-06843 (F)    170423    180423"])
def test_geneva_job_line_under_the_first_page(tmp_path, line):
    """No ODS marker (a PDF's or Word file's text): the job line printed in Geneva is read."""
    text = _seed().replace(NY_MARKER, "").replace(NY_LINE, f"\n{line}\n")
    res = _parse(tmp_path, text)
    assert res.job_number == "23-06843"
    span = res.spans["job_number"]
    assert res.text[span.start:span.end].replace(" ", "") == "GE.23-06843"


def test_new_york_job_number_keeps_its_form(tmp_path):
    text = _seed().replace(NY_MARKER, "")
    assert _parse(tmp_path, text).job_number == "10-52094"


# ------------------------------------------------------------------ 2. meeting numbers spelled out

@pytest.mark.parametrize("trailer, number, plenary", [
    ("Sixty-eighth plenary meeting", 68, True),
    ("First plenary meeting", 1, True),
    ("Twelfth meeting", 12, False),
    ("Première séance plénière", 1, True),
    ("Vingt et unième séance plénière", 21, True),
    ("Soixante-huitième séance plénière", 68, True),
    ("Primera sesión plenaria", 1, True),
    ("Decimotercera sesión", 13, False),
    ("Sexagésima octava sesión plenaria", 68, True),
])
def test_meeting_spelled_out_in_the_trailer(tmp_path, trailer, number, plenary):
    res = _parse(tmp_path, _seed().replace(TRAILER, f"\n{trailer}\n"))
    assert (res.meeting, res.meeting_kind == "plenary", res.adoption_date) == (number, plenary, "2010-12-16")
    assert len(res.operative) == 21


def test_spanish_ecosoc_trailer_of_the_corpus(tmp_path):
    """E/RES/2024/1 in Spanish closes with "Primera sesión plenaria" (the real AKN text laid out as PDF text)."""
    path = CORPUS / "unxml-ecosoc/xml/2024/Spanish/E_RES_2024_1-2315461S.xml"
    if not path.exists():
        pytest.skip("shared corpus not found")
    akn, text = render_as_pdf_text(path, tmp_path)
    assert "Primera sesión plenaria" in text.text
    assert (text.meeting, text.meeting_kind) == (akn.meeting, akn.meeting_kind) == (1, "plenary")


@pytest.mark.parametrize("words, value", [
    ("Twenty-first", 21), ("Ninety-ninth", 99), ("Hundredth", 100), ("Deuxième", 2), ("Seconde", 2),
    ("Dix-septième", 17), ("Soixante et onzième", 71), ("Quatre-vingtième", 80),
    ("Quatre-vingt-dix-neuvième", 99), ("Tercer", 3), ("Undécima", 11), ("Décima tercera", 13),
    ("Vigesimoprimera", 21), ("Nonagésima novena", 99), ("Closing", None), ("Plenaria", None),
])
def test_ordinal_words(words, value):
    from kg.parse.patterns import ordinal_value

    assert ordinal_value(words) == value


def test_an_ordinary_word_before_meeting_is_no_trailer():
    from kg.parse.patterns import MEETING_RE, meeting_number

    assert MEETING_RE.match("Closing meeting") is None
    assert MEETING_RE.match("Informal plenary meeting") is None
    assert meeting_number(MEETING_RE.match("Twentieth meeting")) == 20


# ------------------------------------------------------------------ 3. part labels in Arabic and Russian

def _two_parts(path: Path, labels: tuple[str, str], tmp_path: Path):
    """The AKN record of ``path`` and the text parser's record of its body printed twice, as parts
    headed ``labels`` (a label alone on its line, then the part's title), the way multi-part
    resolutions are printed (A/RES/72/90 A-B in the corpus's ODS text)."""
    from kg.parse.patterns import ENACTING_RE, MEETING_RE
    from rendered_support import as_pdf_text

    if not path.exists():
        pytest.skip("shared corpus not found")
    akn = parse_path(str(path))
    lines = as_pdf_text(akn.text).split("\n")
    first = next(i for i, line in enumerate(lines) if ENACTING_RE.match(line))
    trailer = max(i for i, line in enumerate(lines) if MEETING_RE.match(line))
    out = lines[:first]
    for label in labels:
        out += ["", label, "", akn.title or "", ""] + lines[first:trailer + 1]
    return akn, _parse(tmp_path, "\n".join(out + lines[trailer + 1:]), path.stem + ".txt")


@pytest.mark.parametrize("language, labels", [
    ("Arabic", ("ألف", "باء")), ("Arabic", ("ألف -", "باء -")),
    ("Russian", ("А", "В")), ("Russian", ("A.", "B.")),
])
def test_part_labels_read_as_latin_letters(tmp_path, language, labels):
    path = CORPUS / f"unxml-ga/xml/76session/{language}/A_RES_76_250-2200691{language[0]}.xml"
    akn, res = _two_parts(path, labels, tmp_path)
    assert [p.label for p in res.parts] == ["A", "B"]
    assert [p.meeting for p in res.parts] == [akn.meeting] * 2
    assert [p.part for p in res.operative] == ["A"] * len(akn.operative) + ["B"] * len(akn.operative)
    span = res.parts[1].span
    assert res.text[span.start:span.end] == labels[1].rstrip(" .-")


def test_arabic_part_letters_follow_the_abjad_order():
    from kg.parse.patterns import part_label

    assert [part_label(x) for x in ("ألف", "باء", "جيم", "دال", "هاء", "C")] == ["A", "B", "C", "D", "E", "C"]


# ------------------------------------------------------------------ 4. lead phrases in Russian and German

RU_DE = sorted(p for lang in ("Russian", "German") for p in CORPUS.glob(f"unxml-*/xml/**/{lang}/*.xml")
               if not {"Not adopted", "PRST"} & set(p.parts))


@pytest.mark.parametrize("path", RU_DE, ids=lambda p: "/".join(p.parts[-2:]))
def test_russian_and_german_text_leads_open_like_the_akn_italics(path, tmp_path):
    """The text of each Russian and German AKN resolution, one paragraph a line as in ODS text: every
    paragraph whose italic lead opens it gets a lead from the text rules, on the same first word
    ("ссылаясь", "постановляет", "unter Hinweis", "fordert"). A lead the UN prints last ("der
    Erklärung ... beipflichtend,") no opening word can give; those are left out."""
    from rendered_support import as_pdf_text

    akn = parse_path(str(path))
    res = _parse(tmp_path, as_pdf_text(akn.text, width=100_000), path.stem + ".txt")
    assert res.source_format != "akn" and res.language == akn.language
    pairs = list(zip(akn.preamble + akn.operative, res.preamble + res.operative, strict=True))
    opening = [(a.lead, t.lead) for a, t in pairs if a.lead and t.text.startswith(a.lead)]
    assert opening and all(t and t.split()[0] == a.split()[0] for a, t in opening)


@pytest.mark.parametrize("text, language, lead", [
    ("принимая к сведению доклад Генерального секретаря,", "ru", "принимая к сведению"),
    ("вновь подтверждает свою поддержку", "ru", "вновь подтверждает"),
    ("руководствуясь целями и принципами Устава,", "ru", "руководствуясь"),
    ("mit Besorgnis feststellend, dass", "de", "mit Besorgnis feststellend"),
    ("fordert alle Staaten auf, ...", "de", "fordert"),
    ("Kenntnis nehmend von dem Bericht", "de", "Kenntnis nehmend"),
    ("mit allen Mitteln", "de", ""),
])
def test_russian_and_german_lead_rules(text, language, lead):
    from kg.parse.leads import lead_phrase

    assert lead_phrase(text, language)[0] == lead


def test_german_and_russian_lead_verbs_and_cito():
    """The published verb of a German lead is its phrase, not the preposition it opens with; Russian
    and German leads cite as the English ones do."""
    from kg.map.leads import cito_property, lead_verb, opening

    assert lead_verb(opening("sowie unter Hinweis", "sowie unter Hinweis auf ihre Resolution 1/2,")) == "unter hinweis"
    assert lead_verb(opening("in Bekräftigung", "in Bekräftigung der Charta,")) == "in bekraftigung"
    assert lead_verb(opening("mit Besorgnis feststellend", "mit Besorgnis feststellend, dass")) == "feststellend"
    assert [cito_property(x) for x in ("unter Hinweis", "in Bekräftigung", "ссылаясь", "вновь подтверждая",
                                       "принимая к сведению", "приветствует")] == \
        ["citesAsAuthority", "confirms", "citesAsAuthority", "confirms", "citesForInformation", "agreesWith"]
