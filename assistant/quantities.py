"""What a figure counts: the head noun of its unit phrase, mapped to a quantity across languages.

"12 000 nordkoreanische Soldaten", "14.000 Truppen" and "12,000 soldiers" all count *soldiers*;
"20 Mehrfachraketenwerfer" counts *launchers*, not *missiles*, because a German compound is named
by its last part ("-werfer"). Words outside the lexicon fall back to comparing the head words'
embeddings (``same_quantity``).

Measured on the sample corpus: the bundled 1.5B model, asked per figure whether it counts the
same thing as a claim, said yes to "100 Raketen" for "North Korean soldiers" and to "50 schwere
Haubitzen" for "artillery shells"; it is not asked.
"""

from __future__ import annotations

import functools
import json
import os
import re
import unicodedata
from pathlib import Path

# The lexicon (quantity -> word stems) and the groups (who: countries and their people) are data,
# in ``data/quantities.json``. FACTCHECK_QUANTITY_LEXICON=off runs without them: the figure check
# then tells counted things apart by their embeddings alone.
LEXICON_PATH = Path(__file__).parent / "data" / "quantities.json"


@functools.cache
def _data() -> dict:
    if os.environ.get("FACTCHECK_QUANTITY_LEXICON", "").lower() in ("off", "0", "none", "false"):
        return {"quantities": {}, "groups": {}}
    return json.loads(LEXICON_PATH.read_text(encoding="utf-8"))


def lexicon() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _data()["quantities"].items()}


def groups() -> dict[str, tuple[str, ...]]:
    return {k: tuple(v) for k, v in _data()["groups"].items()}


# the first part of a German compound that makes it another word: „Ausschuss“ is not a Schuss,
# „Überschuss“ and „Haushaltsausschuss“ are not either. A compound whose rest ends with a particle,
# or is an inseparable prefix or „Erd-“ („Erdgeschoss“), is not read by its end.
PARTICLES = (
    "aus", "uber", "unter", "vor", "nach", "ab", "an", "auf", "ein", "durch", "gegen", "hinter", "mit",
    "zu", "um", "bei", "zuruck", "vorbei",
)  # fmt: skip
PREFIXES = ("erd", "ent", "ver", "zer", "miss", "wider", "be", "ge", "er")
_INCLUDING = re.compile(
    r"[,;(–-]\s*(?:darunter|davon|einschließlich|including|among them|of whom|of which|dont|"
    r"parmi lesquels|parmi eux|incluidos|incluidas|entre ellos|de ellos)\s*$",
    re.IGNORECASE,
)
# a claim about soldiers that were lost counts casualties ("lost over 5,000 soldiers")
_LOSS = re.compile(
    r"\b(?:lost|lose|losing|killed|died|dead|wounded|casualt\w*|verloren|getötet|gefallen|gestorben|"
    r"verwundet|tot|perdu\w*|tués|morts|blessés|perdido\w*|muertos|heridos|bajas|starb|starben|sterben|"
    r"ums leben|umgekommen|morti|uccisi|feriti|mortos|feridos|doden|gedood|omgekomen)\b",
    re.IGNORECASE,
)
# figures that count time are never the quantity of a claim about things ("nach fast drei Jahren")
TIME_WORDS = {
    "jahr",
    "jahre",
    "jahren",
    "monat",
    "monate",
    "monaten",
    "woche",
    "wochen",
    "tag",
    "tage",
    "tagen",
    "stunden",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "hours",
    "ans",
    "années",
    "mois",
    "semaines",
    "jours",
    "heures",
    "año",
    "años",
    "meses",
    "semanas",
    "días",
    "horas",
}
# fmt: off
_STOP = {
    # prepositions and verbs that end a unit phrase ("soldiers to Russia", "Raketen geliefert")
    "to", "into", "in", "from", "for", "at", "on", "by", "with", "since", "last", "this", "per", "nach",
    "an", "aus", "im", "für", "von", "bei", "seit", "mit", "auf", "zu", "täglich", "en", "à", "au",
    "aux", "pour", "depuis", "dans", "vers", "a", "al", "para", "desde", "hacia", "sent", "delivered",
    "supplied", "geliefert", "geschickt", "entsandt", "kämpfen", "erhalten", "alla", "alle", "allo",
    "ai", "agli", "ao", "aos", "na", "nas",
}
# fmt: on
_ROMANCE = {"fr", "es", "it", "pt"}


def fold(text: str) -> str:
    """Lower case without accents or umlaut dots: "Geschütze" -> "geschutze"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def head_phrase(unit: str) -> str:
    """The counted noun phrase of a unit phrase: "soldiers to Russia" -> "soldiers"."""
    words = unit.split()
    out = []
    for word in words:
        if word.lower().strip(".,;:") in _STOP:
            break
        out.append(word.strip(".,;:"))
    return " ".join(out)


def _concept_of_word(word: str) -> str | None:
    w = re.sub(r"^(?:d|l|qu)['’]", "", fold(word).strip(".,;:'’\"-"))  # "d'obus" -> "obus"
    w = re.sub(r"(systeme|systemen|system)$", "", w) or w  # "Mehrfachraketenwerfersystemen"
    best: tuple[int, str] | None = None
    for concept, stems in _folded_lexicon():
        for whole, stem_f in stems:
            hit = w == stem_f or (not whole and len(stem_f) >= 5 and _compound(w, stem_f))
            if hit and (best is None or len(stem_f) > best[0]):
                best = (len(stem_f), concept)
    return best[1] if best else None


@functools.cache
def _folded_lexicon() -> tuple[tuple[str, tuple[tuple[bool, str], ...]], ...]:
    """The lexicon's stems folded once: (concept, ((whole word only, stem), …))."""
    return tuple(
        (concept, tuple((s.startswith("="), fold(s.lstrip("="))) for s in stems))
        for concept, stems in lexicon().items()
    )


def _compound(word: str, stem: str) -> bool:
    """Is ``word`` a compound named by ``stem`` („Artilleriegranaten“ by „granaten“)? The rest must
    be a word of its own (3 letters or more) that does not end with a particle („Haushaltsausschuss“)."""
    if not word.endswith(stem):
        return False
    rest = word[: -len(stem)]
    return len(rest) >= 3 and rest not in PREFIXES and not any(rest.endswith(p) for p in PARTICLES)


def quantity_of(phrase: str, language: str = "de") -> str | None:
    """The lexicon quantity a unit phrase counts, judged by its head word.

    German and English name the thing last ("ballistische Raketen", "artillery shells"), French and
    Spanish first ("missiles balistiques", "obus d'artillerie").
    """
    words = [w for w in re.split(r"[\s/]+", head_phrase(phrase)) if w]
    if not words:
        return None
    ordered = words if language in _ROMANCE else list(reversed(words))
    for word in ordered:
        concept = _concept_of_word(word)
        if concept:
            return concept
    return None


def groups_in(text: str) -> set[str]:
    """The groups (countries, their people) a text names."""
    folded = fold(text)
    return {g for g, stems in groups().items() if any(fold(s) in folded for s in stems)}


def includes(text_between: str) -> bool:
    """Does the text between two figures say the second is part of the first ("…, darunter …")?"""
    return bool(_INCLUDING.search(text_between))


def about_losses(text: str) -> bool:
    return bool(_LOSS.search(text))


def counts_time(unit: str) -> bool:
    words = unit.split()
    return bool(words) and words[0].lower().strip(".,;:") in TIME_WORDS


_PER_DAY = re.compile(
    r"\b(?:täglich|tägliche|pro tag|am tag|per day|a day|daily|each day|par jour|chaque jour|"
    r"al día|por día|diarios|diarias)\b",
    re.IGNORECASE,
)


def per_day(unit: str) -> bool:
    """Is the figure a daily rate ("1.500 täglich", "1,500 soldiers per day")?"""
    return bool(_PER_DAY.search(unit))


def quantity_before(text: str, language: str, words: int = 6) -> tuple[str, str | None]:
    """The nearest lexicon quantity in the words before a figure ("die Zahl der Opfer auf … 1.500")."""
    for word in reversed(re.findall(r"[^\W\d_][\w-]*", text)[-words:]):
        concept = _concept_of_word(word)
        if concept:
            return word, concept
    return "", None


def quantity_after(text: str, language: str, words: int = 8) -> tuple[str, str | None]:
    """The first lexicon quantity in the words after a percentage ("60 Prozent der … Granaten")."""
    for word in re.findall(r"[^\W\d_][\w-]*", text)[:words]:
        concept = _concept_of_word(word)
        if concept:
            return word, concept
    return "", None


# a question that asks for a count: "How many soldiers …", „Wie viele Soldaten …", "Combien de chars …"
_COUNT_QUESTION = re.compile(
    r"\b(?:how\s+many|how\s+much|wie\s*viele?|combien(?:\s+de|\s+d['’])?|cu[aá]nt[oa]s?|quant[ie]|"
    r"quant[oa]s?|hoeveel)\s+(.+)",
    re.IGNORECASE,
)
_GERMANIC = {"en", "de", "nl"}
# words that end the noun phrase after "how many": auxiliaries, prepositions, articles
# fmt: off
_PHRASE_END = {
    "did", "does", "do", "have", "has", "had", "are", "were", "was", "is", "will", "would", "can",
    "could", "should", "may", "might", "in", "on", "at", "to", "from", "for", "of", "by", "with", "the",
    "a", "an", "according", "since", "per", "that", "which", "hat", "haben", "hatte", "hatten", "sind",
    "waren", "wurden", "werden", "wird", "ist", "war", "kann", "können", "soll", "sollen", "laut", "im",
    "nach", "von", "aus", "für", "bei", "seit", "zijn", "heeft", "hebben", "hadden", "naar", "van",
    "uit", "voor",
}
# fmt: on


def asked_quantity(question: str, language: str, words: int = 4) -> str | None:
    """The lexicon quantity a count question asks for, or None (not a count question, or a thing
    outside the lexicon).

    Only the head noun of the phrase after the question word counts, so "How many drone
    instructors" (instructors, outside the lexicon) is not a question about drones:
    - English, German and Dutch name the thing last: the head is the last word before the phrase
      ends (an auxiliary, a preposition, punctuation, or in German a lower-case word after a
      noun: „Wie viele nordkoreanische Soldaten kämpfen“). "How many multiple rocket launchers
      did …" -> launchers. A phrase that does not end within ``words`` words is not judged;
    - French, Spanish, Italian and Portuguese name it first ("¿Cuántas piezas de artillería?"
      -> guns): the first word is the head.
    Soldiers that were lost are casualties.
    """
    match = _COUNT_QUESTION.search(question)
    if not match:
        return None
    tokens = re.findall(r"[^\W\d_][\w-]*|[?,;:.!]", match.group(1))[: words + 1]
    if not tokens or not tokens[0][0].isalpha():
        return None
    if language in _GERMANIC:
        head = None
        for before, token in zip([None, *tokens], tokens):
            noun_ends = language == "de" and token[0].islower() and before and before[0].isupper()
            if not token[0].isalpha() or token.lower() in _PHRASE_END or noun_ends:
                head = before
                break
        if head is None:
            return None
    else:
        head = tokens[0]
    concept = _concept_of_word(head)
    if concept == "soldiers" and about_losses(question):
        concept = "casualties"
    return concept
