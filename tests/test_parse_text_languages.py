"""The text parser reads the UN's printed resolutions in Russian, Arabic, Chinese and German.

Each test holds a short excerpt of a real resolution as the UN prints it in that language (from the
corpus's AKN files: A/RES/76/250, A/RES/80/7, A/HRC/RES/57/10, S/RES/2561 (2021), S/RES/2812 (2026)),
and checks one rule: the header lines (enacting formula, adoption line, number line, meeting
trailer), the numbering of paragraphs and sub-paragraphs, and how a PDF's wrapped lines are joined
into paragraphs in the languages that open a preambular paragraph in lower case.
"""
from __future__ import annotations

import pytest

from kg.model import SourceDocument
from kg.parse.patterns import DATE_RE, ENACTING_RE, MEETING_RE, iso_date
from kg.parse.text import parse_text
from kg.read.pdftext import clean_pdf_text


def _parse(text: str, wrapped: bool = False):
    if wrapped:
        text = clean_pdf_text(text, drop_hyphen=True)
    return parse_text(SourceDocument("excerpt.txt", "text", text, "", {}))


@pytest.mark.parametrize("printed,iso", [
    ("20 января 2022 года", "2022-01-20"),
    ("20. Januar 2022", "2022-01-20"),
    ("20 كانون الثاني/يناير 2022", "2022-01-20"),
    ("10 تموز/ يوليه 2021", "2021-07-10"),
    ("14 мая 2020 года", "2020-05-14"),
])
def test_dates_in_russian_german_and_arabic(printed, iso):
    m = DATE_RE.fullmatch(printed)
    assert m and iso_date(m) == iso


@pytest.mark.parametrize("line,is_formula", [
    ("Генеральная Ассамблея,", True), ("Генеральная Ассамблея", False),   # the masthead names the organ too
    ("大会，", True), ("大会", False), ("إن الجمعية العامة ،", True), ("Der Sicherheitsrat,", True),
    ("إن المجلس الاقتصادي والاجتماعي", False),      # the Arabic formula always ends with "،"
])
def test_enacting_formula_in_every_language(line, is_formula):
    assert bool(ENACTING_RE.fullmatch(line)) is is_formula


@pytest.mark.parametrize("line,number,plenary", [
    ("55‑е пленарное заседание 20 января 2022 года", 55, True),
    ("46‑е заседание 9 октября 2024 года", 46, False),
    ("الجلسة العامة 55 20 كانون الثاني/يناير 2022", 55, True),
    ("الجلسة 46 9 تشرين الأول/أكتوبر 2024", 46, False),
    ("第55次全体会议 2022年1月20日", 55, True),
    ("55. Plenarsitzung 20. Januar 2022", 55, True),
    ("40th plenary meeting", 40, True),
])
def test_meeting_trailer_in_every_language(line, number, plenary):
    m = MEETING_RE.fullmatch(line)
    assert m and (int(m.group("number")), bool(m.group("plenary"))) == (number, plenary)


RUSSIAN = """Организация Объединенных Наций
A/RES/80/7
Генеральная Ассамблея
Резолюция, принятая Генеральной Ассамблеей 14 ноября 2025 года
80/7. Доклад Международного агентства по атомной энергии
Генеральная Ассамблея,
получив доклад Международного агентства по атомной энергии за 2024 год,
учитывая важность работы Агентства,
1. с признательностью принимает к сведению доклад Международного агентства по атомной энергии;
2. просит Генерального секретаря препроводить Генеральному директору Агентства отчеты о заседаниях.
40‑е пленарное заседание 14 ноября 2025 года
"""


def test_russian_header_and_trailer():
    res = _parse(RUSSIAN)
    assert (res.language, res.symbol, res.organ, res.adoption_date) == ("ru", "A/RES/80/7", "GA", "2025-11-14")
    assert (res.meeting, res.meeting_kind) == (40, "plenary")
    assert (len(res.preamble), len(res.operative)) == (2, 2)


ARABIC = """الأمــم المتحـدة
A/RES/76/250
الجمعية العامة
قرار اتخذته الجمعية العامة في 20 كانون الثاني/يناير 2022
76/250 إنكار محرقة اليهود
إن الجمعية العامة ،
وإذ تشير إلى ديباجة الإعلان العالمي لحقوق الإنسان،
1 - ترفض وتدين دون أي تحفظ أي إنكار لمحرقة اليهود؛
2 - تحث جميع الدول الأعضاء على رفض أي إنكار لمحرقة اليهود.
الجلسة العامة 55 20 كانون الثاني/يناير 2022
"""


def test_arabic_header_number_line_and_trailer():
    res = _parse(ARABIC)
    assert (res.language, res.symbol, res.organ, res.adoption_date) == ("ar", "A/RES/76/250", "GA", "2022-01-20")
    assert res.number == "76/250" and res.title == "إنكار محرقة اليهود"     # no full stop after the number
    assert (res.meeting, res.meeting_kind) == (55, "plenary")


ARABIC_SC = """الأمــم المتحـدة
S/RES/2561 (2021)
مجلس الأمن
القرار 2561 (2021)
الذي اتخذه مجلس الأمن في 29 كانون الثاني/يناير 2021
إن مجلس الأمن،
وإذ يلاحظ مع التقدير الجهود التي يبذلها الأمين العام،
1 - يؤكد مجددا جميع قراراته ذات الصلة بقبرص، ولا سيما القرار 1251 (1999)؛
2 - يقرر أن يبقي المسألة قيد نظره.
"""


def test_arabic_paragraph_numbers_with_a_dash_are_operative_paragraphs_not_footnotes():
    res = _parse(ARABIC_SC)
    assert (res.symbol, res.organ, res.adoption_date) == ("S/RES/2561 (2021)", "SC", "2021-01-29")
    assert [p.number for p in res.operative] == [1, 2] and res.footnotes == []


def test_arabic_and_cyrillic_sub_paragraph_letters():
    ar = _parse(ARABIC.replace("1 - ترفض وتدين دون أي تحفظ أي إنكار لمحرقة اليهود؛",
                               "1 - ترفض وتدين ما يلي:\n(أ) الجهود المتعمدة لتبرير محرقة اليهود،\n"
                               "(ب) التهوين الجسيم من عدد ضحايا محرقة اليهود؛"))
    assert [s.label for s in ar.operative[0].subparagraphs] == ["a", "b"]
    ru = _parse(RUSSIAN.replace("1. с признательностью принимает к сведению доклад Международного агентства по атомной "
                                "энергии;", "1. отвергает:\nа) умышленное стремление оправдать последствия Холокоста,\n"
                                            "б) грубое занижение числа жертв Холокоста;"))
    assert [s.label for s in ru.operative[0].subparagraphs] == ["a", "b"]


CHINESE = """联合国
A/RES/76/250
大会
2022年1月20日大会决议
76/250. 关于否认大屠杀的言行
大会，
铭记《联合国宪章》“欲免后世再遭战祸”的创建原则，
回顾《世界人权宣言》序言部分，
1. 拒绝并毫无保留地谴责任何否认大屠杀历史事件的行为；
2. 敦促所有会员国拒绝任何否认大屠杀的行为。
第55次全体会议 2022年1月20日
"""


def test_chinese_header_and_trailer():
    res = _parse(CHINESE)
    assert (res.language, res.symbol, res.organ, res.adoption_date) == ("zh", "A/RES/76/250", "GA", "2022-01-20")
    assert (res.meeting, res.meeting_kind) == (55, "plenary")


def test_chinese_paragraphs_ending_with_a_full_width_comma_are_paragraphs_not_headings():
    res = _parse(CHINESE)
    assert (len(res.preamble), len(res.operative)) == (2, 2)


@pytest.mark.parametrize("line,meeting,date", [
    ("принятая Советом Безопасности на его 10089-м заседании 14 января 2026 года", 10089, "2026-01-14"),
    ("2026年1月14日安全理事会10089次会议通过", 10089, "2026-01-14"),
    ("verabschiedet auf der 10089. Sitzung des Sicherheitsrats am 14. Januar 2026", 10089, "2026-01-14"),
])
def test_security_council_adoption_line_gives_meeting_and_date(line, meeting, date):
    text = ("S/RES/2812 (2026)\n" + line + "\nDer Sicherheitsrat,\nunter Hinweis auf seine Resolutionen,\n"
            "1. beschließt, mit der Angelegenheit befasst zu bleiben.\n")
    res = _parse(text)
    assert (res.organ, res.meeting, res.adoption_date) == ("SC", meeting, date)
    assert res.text[res.spans["meeting"].start:res.spans["meeting"].end] == str(meeting)


GERMAN = """Vereinte Nationen
A/RES/76/250
Generalversammlung
Resolution der Generalversammlung, verabschiedet am 20. Januar 2022
76/250. Leugnung des Holocaust
Die Generalversammlung,
unter Hinweis auf die Präambel der Allgemeinen Erklärung der Menschenrechte,
1. verurteilt ohne Vorbehalt jede Leugnung des Holocaust;
2. fordert alle Mitgliedstaaten nachdrücklich auf, jede Leugnung des Holocaust zurückzuweisen.
55. Plenarsitzung 20. Januar 2022
"""


def test_german_language_header_and_trailer():
    res = _parse(GERMAN)
    assert (res.language, res.symbol, res.organ, res.adoption_date) == ("de", "A/RES/76/250", "GA", "2022-01-20")
    assert (res.meeting, res.meeting_kind) == (55, "plenary")


#: PDF layout: lines wrapped at the page width, blank lines between blocks (A/RES/80/7, Russian).
RUSSIAN_PDF = """Организация Объединенных Наций

A/RES/80/7

Генеральная Ассамблея

Резолюция, принятая Генеральной Ассамблеей 14 ноября 2025 года

80/7. Доклад Международного агентства по атомной энергии

Генеральная Ассамблея,

получив доклад Международного агентства по атомной энергии за 2024 год,

принимая к сведению заявление Генерального директора Агентства, в котором он представил
дополнительную информацию об основных моментах в деятельности Агентства в 2025 году,

учитывая важность работы Агентства,

учитывая также сотрудничество между Организацией Объединенных Наций и Агентством и
Соглашение, регулирующее взаимоотношения Организации Объединенных Наций с Агентством,

1. с признательностью принимает к сведению доклад Международного агентства по атомной
энергии;

2. просит Генерального секретаря препроводить Генеральному директору Агентства отчеты о
заседаниях.

40‑е пленарное заседание 14 ноября 2025 года
"""


def test_russian_preambular_paragraphs_of_a_pdf_open_in_lower_case():
    res = _parse(RUSSIAN_PDF, wrapped=True)
    assert [p.text.split()[0] for p in res.preamble] == ["получив", "принимая", "учитывая", "учитывая"]
    assert len(res.operative) == 2


def test_a_russian_paragraph_cut_by_a_page_break_is_joined_again():
    cut = RUSSIAN_PDF.replace("Агентством и\nСоглашение,", "Агентством и\n\nСоглашение,").replace(
        "представил\nдополнительную", "представил\n\nдополнительную")
    res = _parse(cut, wrapped=True)
    assert len(res.preamble) == 4 and "дополнительную информацию" in res.preamble[1].text


GERMAN_PDF = """Vereinte Nationen

S/RES/2561 (2021)

Sicherheitsrat

Resolution 2561 (2021)

verabschiedet vom Sicherheitsrat am 29. Januar 2021

Der Sicherheitsrat,

unter Begrüßung des Berichts des Generalsekretärs vom 10. Januar 2021 über seine Guten
Dienste (S/2021/5),

bedauernd, dass die beiden Seiten nach wie vor weitgehend unkoordiniert gegen die
COVID-19-Pandemie vorgehen,

erneut darauf hinweisend, wie wichtig vertrauensbildende Maßnahmen und deren rasche
Durchführung sind,

mit Dank Kenntnis nehmend von den Bemühungen des Generalsekretärs,

1. beschließt, mit der Angelegenheit befasst zu bleiben.
"""


def test_german_preambular_paragraphs_of_a_pdf_open_in_lower_case():
    res = _parse(GERMAN_PDF, wrapped=True)
    assert (res.language, res.symbol, res.organ, res.adoption_date) == ("de", "S/RES/2561 (2021)", "SC", "2021-01-29")
    assert [p.text.split()[0] for p in res.preamble] == ["unter", "bedauernd,", "erneut", "mit"]


def test_a_wrapped_chinese_line_goes_on_without_a_space():
    """Chinese prints no space between words: joining a PDF's wrapped lines adds none (A/RES/76/250)."""
    text = CHINESE.replace("大会，\n", "大会，\n\n").replace(
        "回顾《世界人权宣言》序言部分，", "回顾《世界人权宣言》序言部分，其中指出，对人权的无视和侮蔑已发展为野蛮暴行，这些暴行玷\n"
                                         "污了人类的良心，\n")
    res = _parse(text.replace("\n", "\n\n").replace("玷\n\n污", "玷\n污"), wrapped=True)
    assert "这些暴行玷污了人类的良心" in res.preamble[1].text


@pytest.mark.parametrize("head,items,committee,documents", [
    ("Пункт 16 повестки дня\nРезолюция, принятая Генеральной Ассамблеей 20 января 2022 года\n"
     "[без передачи в главные комитеты (A/76/L.30 и A/76/L.30/Add.1)]", ["16"], None,
     ["A/76/L.30", "A/76/L.30/Add.1"]),
    ("البند 16 من جدول الأعمال\nقرار اتخذته الجمعية العامة في 20 كانون الثاني/يناير 2022\n"
     "[دون الإحالة إلى لجنة رئيسية (A/76/L.30 و A/76/L.30/Add.1)]", ["16"], None, ["A/76/L.30", "A/76/L.30/Add.1"]),
    ("议程项目5 2014年2月28日乌克兰常驻联合国代表给安全理事会主席的信(S/2014/136)\n2022年3月2日大会决议\n"
     "[未经发交主要委员会而通过 (A/ES-11/L.1和A/ES-11/L.1/Add.1)]", ["5"], None,
     ["A/ES-11/L.1", "A/ES-11/L.1/Add.1"]),
    ("Tagesordnungspunkt 16\nResolution der Generalversammlung, verabschiedet am 20. Januar 2022\n"
     "[auf Grund des Berichts des Dritten Ausschusses (A/76/435)]", ["16"], "Third Committee", ["A/76/435"]),
    ("Пункт 89 повестки дня\nРезолюция, принятая Генеральной Ассамблеей 14 ноября 2025 года\n"
     "[по докладу Третьего комитета (A/80/435)]", ["89"], "Third Committee", ["A/80/435"]),
])
def test_agenda_item_and_origin_line_in_other_languages(head, items, committee, documents):
    """The agenda line and the origin in brackets (A/RES/76/250, A/RES/ES-11/1): an agenda item number has at
    most three digits, so a title that opens with a year ("2014年...") is no item."""
    res = _parse("A/RES/76/250\n" + head + "\n76/250. Title\nThe General Assembly,\nRecalling its resolutions,\n"
                 "1. Decides to remain seized of the matter.\n")
    assert (res.agenda_items, res.committee, res.origin_documents) == (items, committee, documents)


def test_french_origin_on_a_proposal_considered_in_plenary():
    """E/RES/2024/1 in French: "[sur la base d'une proposition examinée en séance plénière (E/2024/L.1)]"."""
    res = _parse("E/RES/2024/1\nRésolution adoptée par le Conseil économique et social le 27 juillet 2023\n"
                 "[sur la base d’une proposition examinée en séance plénière (E/2024/L.1)]\n2024/1. Titre\n"
                 "Le Conseil économique et social,\nRappelant ses résolutions,\n1. Décide de rester saisi.\n")
    assert (res.committee, res.origin_documents) == (None, ["E/2024/L.1"])


def test_german_distribution_line():
    res = _parse(GERMAN.replace("Generalversammlung\n", "Generalversammlung\nVerteilung: Allgemein\n25. Januar 2022\n", 1))
    assert res.distribution_date == "2022-01-25"


#: A/HRC/RES/57/10 in Arabic: the adoption line says "اعتمده", and the number line (no full stop) follows a line
#: that ends with a year.
ARABIC_HRC_PDF = """الأمــم المتحـدة

A/HRC/RES/57/10

مجلس حقوق الإنسان

قرار اعتمده مجلس حقوق الإنسان في 9 تشرين الأول/أكتوبر 2024

57/10 البرنامج العالمي للتثقيف في مجال حقوق الإنسان: خطة العمل للمرحلة الخامسة

إن مجلس حقوق الإنسان،

إذ يسترشد بمقاصد ميثاق الأمم المتحدة ومبادئه،

1- يقرّ بعمل مفوضية الأمم المتحدة السامية لحقوق الإنسان؛

2- يقرر أن يبقي المسألة قيد نظره.

الجلسة 46 9 تشرين الأول/أكتوبر 2024
"""


def test_arabic_human_rights_council_head_of_a_pdf():
    res = _parse(ARABIC_HRC_PDF, wrapped=True)
    assert (res.symbol, res.organ, res.adoption_date, res.meeting) == ("A/HRC/RES/57/10", "HRC", "2024-10-09", 46)
    assert "adoption_date" in res.spans        # read from the adoption line, not only from the trailer
    assert res.title == "البرنامج العالمي للتثقيف في مجال حقوق الإنسان: خطة العمل للمرحلة الخامسة"
    assert [p.number for p in res.operative] == [1, 2]


def test_an_english_origin_line_wrapped_onto_a_second_line_is_read_whole():
    """E/RES/2018/2 (ODS text): the origin in brackets runs over two lines; adding the other languages'
    openings to the origin rule must not cut it at the line end."""
    res = _parse("E/RES/2018/2\nResolution adopted by the Economic and Social Council on 10 November 2017\n"
                 "[on the recommendation of the Eleventh United Nations Conference on the\n"
                 "Standardization of Geographical Names (E/CONF.105/165)]\n2018/2. Title\n"
                 "The Economic and Social Council,\nRecalling its resolution 715 A (XXVII),\n1. Decides to act.\n")
    assert res.committee == "Eleventh United Nations Conference on the Standardization of Geographical Names"
    assert res.origin_documents == ["E/CONF.105/165"]
