"""Lead phrases of French and Spanish resolution paragraphs (the UN's other Latin-script texts).

The lexicon starts from the italic lead phrases the UN marks up in its own
French and Spanish AKN4UN files (``../shared/corpus/unxml-*``: "Rappelant
également", "Prend note avec satisfaction", "Acogiendo con beneplácito",
"Exhorta además"), completed with the usual drafting verbs of both
languages.  As in English, the lead is the verb with its adverbs and manner
phrases ("Se déclarant vivement préoccupé", "Observando con preocupación"),
never its object.  Preambular leads are participles and adjectives
("Rappelant", "Conscient", "Reconociendo", "Profundamente preocupado");
operative leads are verbs in the third person ("Décide", "Prie", "Insta").
"""
from __future__ import annotations

import re
from functools import lru_cache

PREAMBULAR = {
    "fr": (
        "accueillant avec satisfaction", "ayant examiné", "ayant reçu", "ayant à l’esprit", "ayant à l'esprit",
        "ayant pris note", "ayant entendu", "ayant adopté", "gardant à l’esprit", "gardant à l'esprit",
        "tenant compte", "prenant note", "prenant acte", "se félicitant", "se déclarant", "mettant l’accent",
        "mettant l'accent", "profondément préoccupé", "profondément préoccupée", "profondément préoccupés",
        "vivement préoccupé", "vivement préoccupée", "gravement préoccupé", "gravement préoccupée",
        "demandant instamment", "faisant sienne", "rendant hommage", "réaffirmant", "rappelant", "reconnaissant",
        "considérant", "conscient", "consciente", "conscients", "convaincu", "convaincue", "convaincus",
        "constatant", "notant", "soulignant", "affirmant", "insistant", "accueillant", "alarmé", "alarmée",
        "inquiet", "inquiète", "préoccupé", "préoccupée", "déterminé", "déterminée", "résolu", "résolue",
        "désireux", "désireuse", "soucieux", "soucieuse", "guidé", "guidée", "exprimant", "sachant", "estimant",
        "réitérant", "encourageant", "appréciant", "déplorant", "condamnant", "saluant", "mesurant", "honorant",
        "remerciant", "soutenant", "sensible", "agissant", "prenant", "ayant", "gardant", "tenant",
        "observant", "craignant", "regrettant", "approuvant", "invitant", "priant", "engageant",
    ),
    "es": (
        "acogiendo con beneplácito", "acogiendo con satisfacción", "habiendo examinado", "habiendo recibido",
        "habiendo considerado", "teniendo presente", "teniendo en cuenta", "tomando nota", "poniendo de relieve",
        "haciendo notar", "haciendo suya", "haciendo suyo", "rindiendo homenaje", "expresando", "profundamente preocupado",
        "profundamente preocupada", "profundamente preocupados", "gravemente preocupado", "gravemente preocupada",
        "recordando", "reafirmando", "reconociendo", "considerando", "consciente", "conscientes", "convencido",
        "convencida", "convencidos", "observando", "destacando", "subrayando", "recalcando", "señalando",
        "alarmado", "alarmada", "preocupado", "preocupada", "decidido", "decidida", "resuelto", "resuelta",
        "deseoso", "deseosa", "guiado", "guiada", "reiterando", "alentando", "encomiando", "lamentando",
        "deplorando", "condenando", "afirmando", "insistiendo", "celebrando", "instando", "acogiendo",
        "actuando", "habiendo", "teniendo", "tomando", "haciendo", "apoyando", "exhortando", "invitando",
        "solicitando", "pidiendo", "destacando", "poniendo", "valorando", "encomiando", "observando",
    ),
}
OPERATIVE = {
    "fr": (
        "prend note", "prend acte", "se félicite", "se déclare", "lance un appel", "rend hommage", "fait sienne",
        "demeure saisi", "décide de rester saisi", "prie instamment", "demande instamment", "engage vivement",
        "décide", "prie", "demande", "invite", "engage", "exhorte", "encourage", "souligne", "réaffirme",
        "rappelle", "salue", "condamne", "déplore", "exige", "approuve", "adopte", "proclame", "déclare",
        "reconnaît", "reconnait", "note", "constate", "considère", "affirme", "exprime", "remercie", "félicite",
        "recommande", "autorise", "charge", "appelle", "insiste", "accueille", "estime", "réitère", "soutient",
        "appuie", "confirme", "rejette", "prolonge", "proroge", "convient", "entérine", "renouvelle", "apprécie",
        "rend", "fait", "souscrit", "met", "juge", "attend", "autorise", "crée", "établit", "nomme", "élit",
    ),
    "es": (
        "toma nota", "acoge con beneplácito", "acoge con satisfacción", "hace un llamamiento", "hace suyo",
        "hace suya", "rinde homenaje", "pone de relieve", "sigue ocupándose", "decide seguir ocupándose",
        "decide", "solicita", "pide", "invita", "insta", "exhorta", "alienta", "anima", "destaca", "subraya",
        "reafirma", "recuerda", "celebra", "condena", "deplora", "exige", "aprueba", "proclama", "declara",
        "reconoce", "observa", "considera", "afirma", "expresa", "agradece", "encomia", "recomienda", "autoriza",
        "encarga", "reitera", "apoya", "confirma", "rechaza", "prorroga", "conviene", "lamenta", "resuelve",
        "señala", "insiste", "acoge", "hace", "renueva", "aprecia", "respalda", "establece", "nombra", "elige",
    ),
}
#: Words after the verb that belong to the lead ("Rappelant également", "Insta encarecidamente").
MODIFIERS = {
    "fr": (
        "également", "en outre", "de nouveau", "à nouveau", "aussi", "en particulier", "instamment", "vivement",
        "énergiquement", "fermement", "pleinement", "sans réserve", "avec satisfaction", "avec préoccupation",
        "avec une profonde préoccupation", "avec une vive préoccupation", "avec inquiétude", "avec une vive inquiétude",
        "avec regret", "avec appréciation", "avec gratitude", "avec intérêt", "avec consternation", "avec alarme",
        "avec reconnaissance", "avec une grande satisfaction", "dans les termes les plus vifs",
        "dans les termes les plus énergiques", "préoccupé", "préoccupée", "préoccupés", "gravement préoccupé",
        "gravement préoccupée", "vivement préoccupé", "vivement préoccupée", "profondément préoccupé",
        "profondément préoccupée", "son appel", "sa profonde préoccupation", "sa vive préoccupation",
        "sa préoccupation", "sa gratitude", "sa reconnaissance", "son soutien", "son appui", "son attachement",
        "son appui énergique", "ses condoléances", "sa satisfaction", "son plein appui",
    ),
    "es": (
        "también", "además", "asimismo", "nuevamente", "una vez más", "en particular", "encarecidamente",
        "enérgicamente", "firmemente", "plenamente", "sin reserva alguna", "con preocupación",
        "con profunda preocupación", "con grave preocupación", "con honda preocupación", "con satisfacción",
        "con beneplácito", "con reconocimiento", "con aprecio", "con gratitud", "con pesar", "con interés",
        "con alarma", "con consternación", "en los términos más enérgicos", "seria preocupación",
        "grave preocupación", "profunda preocupación", "preocupación", "reconocimiento", "su compromiso",
        "sus exhortaciones", "su exhortación", "su llamamiento", "su apoyo", "su pleno apoyo", "su reconocimiento",
        "su profunda preocupación", "su preocupación", "su gratitud", "sus condolencias", "y condena",
    ),
}
#: Adverbs before the verb ("Profondément préoccupé", "Reitera una vez más" is a modifier).
PRE_ADVERBS = {
    "fr": ("profondément", "vivement", "gravement", "sérieusement", "fermement", "également", "de nouveau"),
    "es": ("profundamente", "gravemente", "seriamente", "firmemente", "también", "asimismo", "nuevamente"),
}
#: Adverbs that belong to the lead only before a known lead word ("Toujours soucieux",
#: "Plenamente consciente"): these and any "-ment" / "-mente" word.
QUALIFYING_ADVERBS = {"fr": (frozenset({"toujours", "très"}), "ment"), "es": (frozenset({"siempre", "muy"}), "mente")}
_PREAMBULAR_ENDINGS = {"fr": ("ant",), "es": ("ando", "iendo", "yendo")}
_WORD_RE = re.compile(r"[^\W\d_][\w’'\-]*")


def _phrases(group: tuple[str, ...]) -> list[list[str]]:
    return sorted((p.split() for p in set(group)), key=len, reverse=True)


_INDEX = {(kind, lang): _phrases(table[lang]) for kind, table in
          (("pre", PREAMBULAR), ("op", OPERATIVE), ("mod", MODIFIERS), ("adv", PRE_ADVERBS)) for lang in ("fr", "es")}


def _match(words: list[str], i: int, phrases: list[list[str]]) -> int:
    for phrase in phrases:
        if words[i:i + len(phrase)] == phrase:
            return len(phrase)
    return 0


def _qualifying_adverb(words: list[str], i: int, language: str) -> int:
    """1 when word ``i`` is an adverb before a known lead word ("Pleinement conscient"), else 0."""
    listed, ending = QUALIFYING_ADVERBS[language]
    if words[i] not in listed and not (words[i].endswith(ending) and len(words[i]) > len(ending) + 2):
        return 0
    known = _match(words, i + 1, _INDEX[("pre", language)]) or _match(words, i + 1, _INDEX[("op", language)])
    return 1 if known else 0


@lru_cache(maxsize=8192)
def lead_phrase_romance(text: str, language: str) -> tuple[str, str | None]:
    """``(lead, kind)`` of a French or Spanish paragraph; ``("", None)`` without a lead."""
    stripped = text[:200].lstrip(" \t\"“«‘'")
    matches = list(_WORD_RE.finditer(stripped))[:14]
    if not matches or not matches[0].group(0)[:1].isupper():
        return "", None
    words = [m.group(0).lower() for m in matches]
    i = 0
    while i < len(words) - 1:
        n = _match(words, i, _INDEX[("adv", language)]) or _qualifying_adverb(words, i, language)
        if not n:
            break
        i += n
    kind = None
    pre, op = _match(words, i, _INDEX[("pre", language)]), _match(words, i, _INDEX[("op", language)])
    if pre or op:
        kind, n = ("preambular", pre) if pre >= op else ("operative", op)
    elif words[i].endswith(_PREAMBULAR_ENDINGS[language]) and len(words[i]) > 5:
        kind, n = "preambular", 1
    if kind is None:
        return "", None
    end = i + n
    while end < len(words):
        m = _match(words, end, _INDEX[("mod", language)])
        if not m:
            break
        end += m
    # A lead never runs over punctuation ("Décide, en outre, ...").
    for k in range(end - 1):
        if stripped[matches[k].end():matches[k + 1].start()].strip():
            end = k + 1
            break
    return stripped[matches[0].start():matches[end - 1].end()], kind
