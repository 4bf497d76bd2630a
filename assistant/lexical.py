"""BM25 (bm25s) per document language, with stemming, stop words and number-aware tokens."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import numpy as np

_STEMMERS = {
    "de": "german",
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "it": "italian",
    "nl": "dutch",
    "pt": "portuguese",
    "sv": "swedish",
    "da": "danish",
    "no": "norwegian",
    "ru": "russian",
    "tr": "turkish",
}
_STOPWORD_LISTS = {
    "de": "GERMAN",
    "en": "EN",
    "fr": "FRENCH",
    "es": "SPANISH",
    "it": "ITALIAN",
    "nl": "DUTCH",
    "pt": "PORTUGUESE",
    "sv": "SWEDISH",
    "da": "DANISH",
    "no": "NORWEGIAN",
    "ru": "RUSSIAN",
    "tr": "TURKISH",
}
# Grouped numbers ("12.000", "12 000", "12,000") become one token "12000"; words are letter runs.
_TOKEN = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?![\d]|[.,]\d)|\d+(?:[.,]\d+)?|[^\W\d_]+",
    re.UNICODE,
)


@cache
def _stemmer(lang: str):
    import Stemmer

    name = _STEMMERS.get(lang)
    return Stemmer.Stemmer(name) if name else None


@cache
def _stopwords(lang: str) -> frozenset[str]:
    import bm25s.stopwords as sw

    name = _STOPWORD_LISTS.get(lang)
    return frozenset(getattr(sw, f"STOPWORDS_{name}", ())) if name else frozenset()


def analyze(text: str, lang: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed tokens; numbers without group separators."""
    stop = _stopwords(lang)
    tokens = []
    for match in _TOKEN.finditer(text.lower()):
        tok = match.group(0)
        if tok[0].isdigit():
            tokens.append(re.sub(r"[.,\u00a0\u202f ](?=\d{3}\b)", "", tok).replace(",", "."))
        elif tok not in stop and len(tok) > 1:
            tokens.append(tok)
    stemmer = _stemmer(lang)
    if stemmer is None:
        return tokens
    return [t if t[0].isdigit() else stemmer.stemWord(t) for t in tokens]


class Bm25Set:
    """One bm25s index per document language, over chunk texts; rows map back to chunk rows."""

    def __init__(self, parts: dict[str, tuple[object, np.ndarray]]) -> None:
        self.parts = parts  # lang -> (bm25s.BM25, chunk rows)

    @classmethod
    def build(cls, texts: list[str], langs: list[str]) -> Bm25Set:
        import bm25s

        parts = {}
        for lang in sorted(set(langs)):
            rows = np.array([i for i, lg in enumerate(langs) if lg == lang], dtype=np.int64)
            tokens = [analyze(texts[i], lang) or ["\u2400"] for i in rows]
            model = bm25s.BM25()
            model.index(tokens, show_progress=False)
            parts[lang] = (model, rows)
        return cls(parts)

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        for lang, (model, rows) in self.parts.items():
            model.save(str(folder / lang))
            np.save(folder / lang / "rows.npy", rows, allow_pickle=False)
        (folder / "languages.json").write_text(json.dumps(sorted(self.parts)))

    @classmethod
    def load(cls, folder: Path) -> Bm25Set:
        import bm25s

        parts = {}
        for lang in json.loads((folder / "languages.json").read_text()):
            model = bm25s.BM25.load(str(folder / lang), load_corpus=False)
            parts[lang] = (model, np.load(folder / lang / "rows.npy", allow_pickle=False))
        return cls(parts)

    def scores(self, query: str) -> dict[str, np.ndarray]:
        """Per language: (chunk rows, BM25 scores) of chunks with a non-zero score.

        The query is analysed with each part's own language (stemmer, stop words), so a German
        query meets German stems and an English one still matches names and numbers.
        """
        out = {}
        for lang, (model, rows) in self.parts.items():
            tokens = analyze(query, lang)
            if not tokens:
                continue
            scores = np.asarray(model.get_scores(tokens), dtype=np.float32)
            hit = np.nonzero(scores > 0)[0]
            if hit.size:
                out[lang] = (rows[hit], scores[hit])
        return out
