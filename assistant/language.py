"""Language detection that stays sensible for short questions."""

from __future__ import annotations

import re

from langdetect import DetectorFactory, LangDetectException, detect_langs

from .words import FUNCTION_WORDS

DetectorFactory.seed = 0  # langdetect is random otherwise

SUPPORTED = ("de", "en", "fr", "es", "it", "nl", "pt", "pl")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


def _stopword_vote(text: str) -> tuple[str | None, int]:
    words = [w.lower() for w in _WORD.findall(text)]
    counts = {lang: sum(w in sw for w in words) for lang, sw in FUNCTION_WORDS.items()}
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
