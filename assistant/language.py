"""Language detection that stays sensible for short questions, plus per-language word lists."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs

DetectorFactory.seed = 0  # langdetect is random otherwise

# Frequent function words; they settle short questions where n-gram statistics are weak.
STOPWORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das den dem des ein eine einer eines einem einen und oder aber nicht ist sind war "
        "waren wurde wurden hat haben wie viele wer was wann wo warum welche welcher welches mit "
        "für auf im in an am bei aus nach von vom zu zur zum über unter vor seit bis durch gegen "
        "ohne um als dass sich es er sie wir ihr hier auch noch nur schon sehr mehr wird werden "
        "kann können gibt stimmt es ich du mir mich dir dich soll sollte muss".split()
    ),
    "en": frozenset(
        "the a an of to and or but not is are was were has have had how many much who what when "
        "where why which with for on in at by from as that this these those it he she they we you "
        "did does do be been will would can could there their its into about than more i me my should".split()
    ),
    "fr": frozenset(
        "le la les un une des du de et ou mais ne pas est sont était ont a combien qui que quoi "
        "quand où pourquoi quel quelle quels quelles avec pour sur dans au aux par il elle ils nous "
        "vous ce cette ces leur plus été selon".split()
    ),
    "es": frozenset(
        "el la los las un una unos unas de del y o pero no es son era fue han ha cuántos cuántas "
        "cuánto quién qué cuándo dónde por qué cuál con para en al por se su sus lo este esta estos "
        "más según".split()
    ),
    "it": frozenset(
        "il lo la gli le un una di del della e o ma non è sono quanti chi che cosa quando dove "
        "perché quale con per su nel al".split()
    ),
    "nl": frozenset(
        "de het een van en of maar niet is zijn hoeveel wie wat wanneer waar waarom welke met voor "
        "op in aan bij uit naar".split()
    ),
}

SUPPORTED = ("de", "en", "fr", "es", "it", "nl", "pt", "pl")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stopword_vote(text: str) -> tuple[str | None, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in sw for w in words) for lang, sw in STOPWORDS.items()}
    best = max(counts, key=counts.get)
    ranked = sorted(counts.values(), reverse=True)
    if ranked[0] == 0 or ranked[0] == ranked[1]:
        return None, 0
    return best, ranked[0] - ranked[1]


def detect_language(text: str, default: str = "en") -> str:
    """Return an ISO 639-1 code for text; robust for questions of a few words.

    Long texts use langdetect. Short ones (under ~60 characters) combine langdetect with a
    function-word vote, because n-gram statistics on five words are unreliable.
    """
    text = text.strip()
    if not _WORD.search(text):
        return default
    try:
        guesses = detect_langs(text)
    except LangDetectException:
        guesses = []
    top = guesses[0] if guesses else None
    if len(text) >= 60 and top is not None and top.prob >= 0.7:
        return top.lang
    vote, margin = _stopword_vote(text)
    if vote is not None and (margin >= 2 or top is None or top.lang not in SUPPORTED or top.prob < 0.9):
        return vote
    if top is not None and top.lang in SUPPORTED:
        return top.lang
    return vote or default
