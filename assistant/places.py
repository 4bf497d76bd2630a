"""The countries and regions a text names, in order, and whether the sentences before a figure are about a
place: a claim about Austria is not answered from a sentence about Germany."""

from __future__ import annotations

import functools
import re

from . import cues
from .quantities import fold
from .words import WIDER_SCOPE, alternation, words_of

# Names CLDR gives as alternatives, which Babel's territory list leaves out: the short forms and
# the everyday names of two countries every news archive names („Großbritannien“ beside
# „Vereinigtes Königreich“). Abbreviations count only in capitals („in den USA“, „US-Präsident“).
_VARIANTS = {
    "GB": ("Großbritannien", "Great Britain", "Britain", "Grande-Bretagne", "Gran Bretaña", "Gran Bretagna",
           "Grã-Bretanha", "Groot-Brittannië"),
}  # fmt: skip
_ABBREVIATIONS = {"USA": "US", "US": "US", "UK": "GB"}
_ABBREVIATION = re.compile(
    rf"(?<![\w-])({alternation(_ABBREVIATIONS)})(?![\w$]|-[Dd]ollar)"
)  # not "US-Dollar"
# German compounds that name a part of a country: Oberösterreich, Niederösterreich, Süddeutschland
_REGION_PREFIX = "ober|nieder|nord|sud|ost|west|mittel"


@functools.cache
def _territories() -> tuple[re.Pattern, dict[str, str], frozenset[str]]:
    """Country names in the supported languages (Unicode CLDR, through Babel) -> ISO code; and the
    German adjective stems among them („deutsch“, „russisch“): alone, without an ending, such a
    word is a language („als Deutsch“, „spricht Russisch“), not the country."""
    from babel import Locale

    names: dict[str, str] = {}
    stems: set[str] = set()
    for lang in ("de", "en", "fr", "it", "es", "pt", "nl"):
        for code, name in Locale(lang).territories.items():
            if len(code) != 2 or not code.isalpha() or code in ("ZZ", "UN", "EZ", "QO"):
                continue
            for variant in {name, name.split(" (")[0], *(_german_adjectives(name) if lang == "de" else ())}:
                key = fold(variant)
                if len(key) >= 4:
                    names.setdefault(key, code)
                if variant != name and len(key) >= 4:
                    stems.add(key)
    for code, variants in _VARIANTS.items():
        for variant in variants:
            names.setdefault(fold(variant), code)
    alternatives = alternation(names)
    # a name, or a German region of it ("Oberösterreich", "Ostdeutschland"), with a short or an
    # adjective's ending („österreichischen“, "nordkoreanische") but not a compound's next noun
    # („Deutschpflicht“ is no place)
    pattern = re.compile(
        rf"(?<!\w)(?:{_REGION_PREFIX})?({alternatives})(?:\w{{0,4}}|\w{{0,3}}isch\w{{0,3}})(?!\w)"
    )
    return pattern, names, frozenset(stems)


def _german_adjectives(name: str) -> list[str]:
    """The adjective stems German derives from a country name: Russland -> russisch, Deutschland ->
    deutsch, Italien -> italienisch, Ukraine -> ukrainisch, Türkei -> türkisch."""
    if " " in name or "-" in name:
        return []
    for ending in ("land", "ien", "ei", "e"):
        if name.endswith(ending) and len(name) - len(ending) >= 3:
            stem = name[: -len(ending)]  # Spanien -> spanisch, Serbien -> serbisch
            return [stem] if stem.endswith("sch") else [stem + "isch"]
    return []


_ATTRIBUTED = re.compile(
    r"(?<!\w)(?:"
    + "|".join(re.escape(w) for w in cues.ATTRIBUTION_BEFORE)
    + r")(?:\s+(?:angaben|informationen|berichten|quellen))?(?:\s+[^\W\d_][\w-]*){1,3}"
)


WIDER = "*"  # a reading's place when its clause speaks of the world or Europe („weltweit“, "worldwide")
_WIDER = re.compile(rf"(?<![\w-])(?:{alternation(words_of(WIDER_SCOPE))})(?![\w-])", re.IGNORECASE)


def wider_scope(text: str) -> bool:
    """Does the text give its figures for more than one country („europaweit“, "worldwide")? The
    word in lower case, or first in the text: "Global 2000" is a name."""
    text = text.strip()
    return any(m.start() == 0 or text[m.start()].islower() for m in _WIDER.finditer(text))


def places_in(text: str) -> frozenset[str]:
    """The countries a text names, as ISO codes: „Nordkorea“, "North Korean", "Corée du Nord" -> KP."""
    return frozenset(places_ordered(text))


def about_place(place: str, row: int, index) -> bool | None:
    """Is sentence ``row`` of ``index`` about the country ``place``? True when the sentence, the two
    before it or its article's lead name it; False when they name other countries only („Die
    Zählung ergab 106 Tiger“ after a sentence on Bangladesh, asked about Nepal); None when they
    name no country."""
    sentence = index.sentences[row]
    doc = index.documents[sentence.doc_id]
    before = [r for r in (row - 2, row - 1) if r >= 0 and index.sentences[r].doc_id == sentence.doc_id]
    near = places_in(" ".join([*(index.sentences[r].text for r in before), sentence.text]))
    lead = places_in(f"{doc.title}. {doc.text[:300]}")
    if place in near | lead:
        return True
    return False if near else None


@functools.lru_cache(maxsize=4096)
def places_ordered(text: str) -> tuple[str, ...]:
    """The countries a text names, first mention first. Only capitalised mentions count ("Turkey",
    not "turkey"); a name may take a short ending („österreichischen“ -> AT). A country named in
    an attribution ("laut südkoreanischen Geheimdiensten") is the source's, not the figure's."""
    pattern, names, stems = _territories()
    folded = fold(text)
    if len(folded) != len(text):  # folding changed the length (rare ligatures): no offsets
        return list(dict.fromkeys(names[m.group(1)] for m in pattern.finditer(folded)))
    sourced = [(m.start(), m.end()) for m in _ATTRIBUTED.finditer(folded)]
    found: list[tuple[int, str]] = []
    for match in pattern.finditer(folded):
        # „nordkoreanische“, „russischen“: an adjective, lower case in German; not „indes“ (a
        # lower-case word that merely starts with a name: French „Inde“)
        ending = folded[match.end(1) : match.end()]
        if not (text[match.start()].isupper() or match.group(1) in stems or "isch" in ending):
            continue
        if not ending and match.group(1) in stems:
            continue  # „Unterricht in einer anderen Sprache als Deutsch“: the language
        if any(a <= match.start() < b for a, b in sourced):
            continue
        found.append((match.start(), names[match.group(1)]))
    for match in _ABBREVIATION.finditer(text):
        if not any(a <= match.start() < b for a, b in sourced):
            found.append((match.start(), _ABBREVIATIONS[match.group(1)]))
    return list(dict.fromkeys(code for _, code in sorted(found)))
