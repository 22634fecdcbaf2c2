"""Citations in French, Spanish, Russian, Arabic, Chinese and German (kg.parse.citations_multilingual).

Every sentence below is copied from the corpus's AKN files (``../shared/corpus/unxml-*``), named
in ``FILES``; the English finder (kg.parse.citations) finds no numbered citation in any of them.
The corpus tests then hold the finder, run on each other-language file's paragraphs, footnotes
and annexes, to the citations of the English file of the same resolution.
"""
from __future__ import annotations

import pytest

from kg.parse.citations import find_citations
from kg.parse.citations_multilingual import find_citations_multilingual, numbered_citations_multilingual
from test_akn_support import by_symbol

FILES = {
    "hrc57/10": "unxml-hrc/xml/57session/{lang}/A_HRC_RES_57_10{L}.xml",
    "ecosoc2024/1": "unxml-ecosoc/xml/2024/{lang}/E_RES_2024_1-2315461{L}.xml",
    "es11/1": "unxml-ga/xml/Emergency sessions/ES-11/{lang}/A_RES_ES-11_1-2204067{L}.xml",
    "ga76/250": "unxml-ga/xml/76session/{lang}/A_RES_76_250-2200691{L}.xml",
    "sc2561": "unxml-sc/xml/2021/{lang}/SC_2561_2021-{L}.xml",
}

# (language, source in FILES, citing organ, sentence, [(symbol, ISO date)])
CASES = {
    # -- French
    "fr-ga-with-date": ("fr", "es11/1", "GA",
                        "Prenant note de la résolution 2623 (2022) du Conseil de sécurité en date du 27 février 2022, "
                        "par laquelle le Conseil a convoqué une session extraordinaire d’urgence",
                        [("S/RES/2623 (2022)", "2022-02-27")]),
    "fr-list-dates-respectively": ("fr", "ecosoc2024/1", "ECOSOC",
                                   "Rappelant les résolutions 61/16, 68/1, 72/305 et 75/290 A de l’Assemblée générale, "
                                   "en date du 20 novembre 2006, du 20 septembre 2013, du 23 juillet 2018 et du 25 juin "
                                   "2021, concernant le renforcement du Conseil économique et social,",
                                   [("A/RES/61/16", "2006-11-20"), ("A/RES/68/1", "2013-09-20"),
                                    ("A/RES/72/305", "2018-07-23"), ("A/RES/75/290 A", "2021-06-25")]),
    "fr-part-letter-and-list-after-clause": ("fr", "hrc57/10", "HRC",
                                             "Rappelant les résolutions de l’Assemblée générale 59/113 A du 10 décembre "
                                             "2004, par laquelle l’Assemblée a proclamé le Programme mondial d’éducation "
                                             "dans le domaine des droits de l’homme, et 60/251 du 15 mars 2006, par "
                                             "laquelle elle a décidé, notamment,",
                                             [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/251", "2006-03-15")]),
    "fr-old-era": ("fr", "es11/1", "GA",
                   "Rappelant sa résolution 377 A (V) du 3 novembre 1950, intitulée « L’union pour le maintien de la "
                   "paix »,", [("A/RES/377 (V)", "1950-11-03")]),
    "fr-own": ("fr", "hrc57/10", "HRC",
               "Rappelant sa résolution 54/7, du 11 octobre 2023, dans laquelle il a décidé",
               [("A/HRC/RES/54/7", "2023-10-11")]),
    "fr-assembly-in-its-resolution": ("fr", "hrc57/10", "HRC",
                                      "Réaffirmant la Déclaration des Nations Unies sur l’éducation et la formation aux "
                                      "droits de l’homme, que l’Assemblée générale a adoptée dans sa résolution 66/137, "
                                      "du 19 décembre 2011,", [("A/RES/66/137", "2011-12-19")]),
    "fr-security-council": ("fr", "sc2561", "SC",
                            "Rappelle le statut de Varosha, tel que défini dans les résolutions pertinentes, dont les "
                            "résolutions 550 (1984) et 789 (1992), ainsi que la déclaration de son président "
                            "(S/PRST/2020/9),", [("S/RES/550 (1984)", None), ("S/RES/789 (1992)", None)]),
    # -- Spanish
    "es-ga-with-date-carried": ("es", "hrc57/10", "HRC",
                                "Recordando la resolución 59/113 A de la Asamblea General, de 10 de diciembre de 2004, "
                                "en la que la Asamblea proclamó el Programa Mundial para la Educación en Derechos "
                                "Humanos, y la resolución 60/251, de 15 de marzo de 2006, en la que la Asamblea decidió,",
                                [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/251", "2006-03-15")]),
    "es-list": ("es", "ecosoc2024/1", "ECOSOC",
                "Recordando las resoluciones de la Asamblea General 61/16, de 20 de noviembre de 2006, 68/1, de 20 de "
                "septiembre de 2013, 72/305, de 23 de julio de 2018, y 75/290 A, de 25 de junio de 2021, relativas al "
                "fortalecimiento del Consejo Económico y Social,",
                [("A/RES/61/16", "2006-11-20"), ("A/RES/68/1", "2013-09-20"), ("A/RES/72/305", "2018-07-23"),
                 ("A/RES/75/290 A", "2021-06-25")]),
    "es-old-era": ("es", "es11/1", "GA",
                   "Recordando la resolución 377 A (V) de la Asamblea General, de 3 de noviembre de 1950, titulada "
                   "“Unión pro paz”,", [("A/RES/377 (V)", "1950-11-03")]),
    "es-own": ("es", "ga76/250", "GA",
               "Reafirmando su resolución 60/7, de 1 de noviembre de 2005, en la que se subraya",
               [("A/RES/60/7", "2005-11-01")]),
    "es-human-rights-council": ("es", "hrc57/10", "GA",
                                "Recordando la resolución 54/7 del Consejo de Derechos Humanos, de 11 de octubre de "
                                "2023, en la que el Consejo decidió", [("A/HRC/RES/54/7", "2023-10-11")]),
    "es-security-council": ("es", "es11/1", "GA",
                            "Tomando nota de la resolución 2623 (2022) del Consejo de Seguridad, de 27 de febrero de "
                            "2022, en la que el Consejo convocó", [("S/RES/2623 (2022)", "2022-02-27")]),
    # -- Russian
    "ru-ga-with-date-carried": ("ru", "hrc57/10", "HRC",
                                "ссылаясь на резолюцию 59/113 A Генеральной Ассамблеи от 10 декабря 2004 года, в "
                                "которой Ассамблея провозгласила Всемирную программу образования в области прав "
                                "человека, и резолюцию 60/251 от 15 марта 2006 года, в которой Ассамблея постановила,",
                                [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/251", "2006-03-15")]),
    "ru-list": ("ru", "ecosoc2024/1", "ECOSOC",
                "ссылаясь на резолюции Генеральной Ассамблеи 61/16 от 20 ноября 2006 года, 68/1 от 20 сентября 2013 "
                "года, 72/305 от 23 июля 2018 года и 75/290 A от 25 июня 2021 года об укреплении Экономического и "
                "Социального Совета,",
                [("A/RES/61/16", "2006-11-20"), ("A/RES/68/1", "2013-09-20"), ("A/RES/72/305", "2018-07-23"),
                 ("A/RES/75/290 A", "2021-06-25")]),
    "ru-old-era": ("ru", "ga76/250", "GA", "См. резолюцию 2200 A (XXI), приложение.", [("A/RES/2200 (XXI)", None)]),
    "ru-own": ("ru", "ga76/250", "GA", "подтверждая свою резолюцию 60/7 от 1 ноября 2005 года, в которой подчеркивается",
               [("A/RES/60/7", "2005-11-01")]),
    "ru-her-resolution": ("ru", "hrc57/10", "HRC",
                          "принятую Генеральной Ассамблеей в ее резолюции 66/137 от 19 декабря 2011 года, в которой "
                          "Ассамблея заявила,", [("A/RES/66/137", "2011-12-19")]),
    "ru-security-council": ("ru", "es11/1", "GA",
                            "принимая к сведению резолюцию 2623 (2022) Совета Безопасности от 27 февраля 2022 года, в "
                            "которой Совет призвал", [("S/RES/2623 (2022)", "2022-02-27")]),
    # -- Arabic
    "ar-ga-with-date-and-letter-name": ("ar", "hrc57/10", "HRC",
                                        "وإذ يشير إلى قرار الجمعية العامة 59/113 ألف المؤرخ 10 كانون الأول/ديسمبر 2004، "
                                        "الذي أعلنت فيه الجمعية العامة عن البرنامج العالمي للتثقيف في مجال حقوق الإنسان، "
                                        "وإلى قرارها 60/251 المؤرخ 15 آذار/مارس 2006،",
                                        [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/251", "2006-03-15")]),
    "ar-list": ("ar", "ecosoc2024/1", "ECOSOC",
                "إذ يشير إلى قرارات الجمعية العامة 61/16 المؤرخ 20 تشرين الثاني/نوفمبر 2006 و 68/1 المؤرخ 20 أيلول/سبتمبر "
                "2013 و 72/305 المؤرخ 23 تموز/يوليه 2018 و 75/290 ألف المؤرخ 25 حزيران/يونيه 2021 بشأن تعزيز المجلس "
                "الاقتصادي والاجتماعي،",
                [("A/RES/61/16", "2006-11-20"), ("A/RES/68/1", "2013-09-20"), ("A/RES/72/305", "2018-07-23"),
                 ("A/RES/75/290 A", "2021-06-25")]),
    "ar-old-era-session-in-arabic": ("ar", "es11/1", "GA",
                                     "وإذ تشير إلى قرار الجمعية العامة 377 ألف (د-5) المؤرخ 3 تشرين الثاني/نوفمبر 1950 "
                                     "والمعنون ”متحدون من أجل السلام“،", [("A/RES/377 (V)", "1950-11-03")]),
    "ar-own-council": ("ar", "hrc57/10", "HRC",
                       "وإذ يشير إلى قرار المجلس 54/7 المؤرخ 11 تشرين الأول/اكتوبر 2023 الذي قرر فيه",
                       [("A/HRC/RES/54/7", "2023-10-11")]),
    "ar-own-possessive": ("ar", "ga76/250", "GA", "وإذ تعيد تأكيد قرارها 60/7 المؤرخ 1 تشرين الثاني/نوفمبر 2005 الذي",
                          [("A/RES/60/7", "2005-11-01")]),
    "ar-security-council": ("ar", "es11/1", "GA",
                            "وإذ تحيط علما بقرار مجلس الأمن 2623 (2022) المؤرخ 27 شباط/فبراير 2022 الذي دعا فيه المجلس",
                            [("S/RES/2623 (2022)", "2022-02-27")]),
    "ar-dual": ("ar", "sc2561", "SC", "بما فيها القراران 550 (1984) و 789 (1992)، وبيانه الرئاسي (S/PRST/2020/9)",
                [("S/RES/550 (1984)", None), ("S/RES/789 (1992)", None)]),
    # -- Chinese
    "zh-ga-with-date-carried": ("zh", "hrc57/10", "HRC",
                                "回顾大会在2004年12月10日第59/113 A号决议中公布了《世界人权教育方案》，并在2006年3月15日"
                                "第60/251号决议中决定人权理事会应促进人权教育与学习，",
                                [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/251", "2006-03-15")]),
    "zh-list": ("zh", "ecosoc2024/1", "ECOSOC",
                "回顾大会关于加强经济及社会理事会的2006年11月20日第61/16号、2013年9月20日第68/1号、2018年7月23日"
                "第72/305号和2021年6月25日第75/290 A号决议，",
                [("A/RES/61/16", "2006-11-20"), ("A/RES/68/1", "2013-09-20"), ("A/RES/72/305", "2018-07-23"),
                 ("A/RES/75/290 A", "2021-06-25")]),
    "zh-old-era-titled": ("zh", "es11/1", "GA", "回顾大会1950年11月3日题为“联合一致共策和平”的第377A(V)号决议，",
                          [("A/RES/377 (V)", "1950-11-03")]),
    "zh-own": ("zh", "ga76/250", "GA", "重申其2005年11月1日第60/7号决议，其中强调", [("A/RES/60/7", "2005-11-01")]),
    "zh-human-rights-council": ("zh", "hrc57/10", "GA", "回顾人权理事会2023年10月11日第54/7号决议，其中理事会决定",
                                [("A/HRC/RES/54/7", "2023-10-11")]),
    "zh-security-council-list": ("zh", "sc2561", "SC", "回顾相关决议、包括第550(1984)和789(1992)号决议以及安理会主席声明",
                                 [("S/RES/550 (1984)", None), ("S/RES/789 (1992)", None)]),
    # -- German
    "de-old-era": ("de", "es11/1", "GA",
                   "unter Hinweis auf die Resolution 377 A (V) der Generalversammlung vom 3. November 1950 mit dem Titel",
                   [("A/RES/377 (V)", "1950-11-03")]),
    "de-own": ("de", "ga76/250", "GA", "in Bekräftigung ihrer Resolution 60/7 vom 1. November 2005, in der",
               [("A/RES/60/7", "2005-11-01")]),
    "de-security-council": ("de", "es11/1", "GA",
                            "Kenntnis nehmend von der Resolution 2623 (2022) des Sicherheitsrats vom 27. Februar 2022, in "
                            "der der Rat", [("S/RES/2623 (2022)", "2022-02-27")]),
}


def numbered(text: str, context: str, language: str) -> list[tuple[str, str | None]]:
    return [(c.symbol, c.date) for c in numbered_citations_multilingual(text, 0, len(text), context, "pp/1", language)]


@pytest.mark.parametrize("case", CASES)
def test_citation_in_each_language(case):
    language, _source, context, text, expected = CASES[case]
    assert numbered(text, context, language) == expected


def test_the_english_finder_reads_none_of_these_sentences():
    """What the module is for: without it these sentences cite nothing numbered (German's
    "Resolution" is the English word, so German is left out here)."""
    found = {case: find_citations(text, 0, len(text), context, None)
             for case, (language, _s, context, text, _e) in CASES.items() if language != "de"}
    assert {case: [c.symbol for c in cits if c.kind == "resolution"] for case, cits in found.items() if
            any(c.kind == "resolution" for c in cits)} == {}


def test_span_and_text_are_the_printed_number():
    text = CASES["ar-old-era-session-in-arabic"][3]
    [c] = numbered_citations_multilingual(text, 0, len(text), "GA", "pp/2", "ar")
    assert (text[c.span.start:c.span.end], c.text, c.kind, c.symbols, c.in_paragraph) == (
        "377 ألف (د-5)", "377 ألف (د-5)", "resolution", ["A/RES/377 (V)"], "pp/2")


def test_no_carry_into_the_next_sentence():
    """The carried organ stops at the sentence end: a bare Human Rights Council number after a
    General Assembly citation and a ";" is the citing Council's own."""
    text = "la résolution 59/113 A de l’Assemblée générale ; la résolution 54/7"
    assert numbered(text, "HRC", "fr") == [("A/RES/59/113 A", None), ("A/HRC/RES/54/7", None)]


def test_another_body_is_not_a_un_symbol():
    """"la décision 15/4 de la Conférence des Parties": no UN symbol (as in English)."""
    assert numbered("conformément à la décision 15/4 de la Conférence des Parties", "GA", "fr") == []


def test_full_symbols_are_found_with_the_numbered_ones():
    text = CASES["fr-security-council"][3]
    found = find_citations_multilingual(text, 0, len(text), "SC", "op/12", "fr")
    assert [c.symbol for c in found] == ["S/RES/550 (1984)", "S/RES/789 (1992)", "S/PRST/2020/9"]


def test_unknown_language_finds_no_numbered_citation():
    assert numbered("resolution 60/251", "GA", "xx") == []


# -- the corpus: each language against English --------------------------------------------------

KINDS = ("resolution", "decision")
#: Differences the source explains (none at present: every pair agrees).
EXCEPTIONS: dict[tuple[str, str], str] = {}


def _cited_by_finder(res) -> set[str]:
    regions = ([(p.span, "p") for p in res.paragraphs] + [(f.span, "fn") for f in res.footnotes]
               + [(a.span, "annex") for a in res.annexes])
    return {c.symbol for span, key in regions
            for c in find_citations_multilingual(res.text, span.start, span.end, res.organ, key, res.language)
            if c.kind in KINDS and c.symbol != res.symbol}


def _pairs(languages: tuple[str, ...]) -> list[tuple[str, str, set[str], set[str]]]:
    out = []
    for symbol, records in sorted(by_symbol().items()):
        akn = {}
        for r in records:
            akn.setdefault(r.language, r)
        english = akn.get("en")
        if english is None:
            continue
        expected = {c.symbol for c in english.citations if c.kind in KINDS}
        if not expected:
            continue
        for language in languages:
            if language in akn:
                out.append((symbol, language, expected, _cited_by_finder(akn[language])))
    return out


@pytest.mark.parametrize("family", [("fr", "es"), ("ru",), ("ar",), ("zh",), ("de",)],
                         ids=["romance", "cyrillic", "arabic", "chinese", "german"])
def test_finder_agrees_with_english_on_the_corpus(family):
    pairs = _pairs(family)
    assert len(pairs) >= 4, pairs         # the corpus holds at least four resolutions in each
    wrong = [f"{symbol} {language}: only English {sorted(en - got)}, only {language} {sorted(got - en)}"
             for symbol, language, en, got in pairs if en != got and (symbol, language) not in EXCEPTIONS]
    assert wrong == []


def test_bare_resolution_takes_the_organ_of_the_previous_citation_in_the_sentence():
    """The real Spanish sentence of A/HRC/RES/57/10 with the second number changed to one a
    Council session could have (60/251 -> 60/25): "y la resolución 60/25, ..., en la que la
    Asamblea decidió" is still the Assembly's, not the citing Council's."""
    text = CASES["es-ga-with-date-carried"][3].replace("60/251", "60/25")
    assert numbered(text, "HRC", "es") == [("A/RES/59/113 A", "2004-12-10"), ("A/RES/60/25", "2006-03-15")]


_FOLDERS = {"fr": ("French", "F"), "es": ("Spanish", "S"), "ru": ("Russian", "R"), "ar": ("Arabic", "A"),
            "zh": ("Chinese", "C"), "de": ("German", "G")}


@pytest.mark.parametrize("case", CASES)
def test_sentences_are_copied_from_the_corpus(case):
    from test_akn_support import CORPUS, read

    language, source, _context, text, _expected = CASES[case]
    folder, letter = _FOLDERS[language]
    res = read(CORPUS / FILES[source].format(lang=folder, L=letter))
    assert text in res.text
