"""Translate evidence sentences with the local model, cached on disk by sentence hash, and check
each translation for meaning before it is shown.

The bundled 1.5B model mistranslates often, and keeps the figures while doing it: „50 schwere
Haubitzen auf Selbstfahrlafetten“ became "50 heavy-duty wheels on self-driving cars". A
translation is therefore checked twice, program-side:

- **form**: not empty, not the source copied, not a loop, no chat preamble ("Here are the English
  translations:"), the same figures as the source;
- **meaning**: the cross-lingual similarity of source and translation in the embedder's space
  (EmbeddingGemma's bitext prompt), against ``Settings.translation_min_similarity``, calibrated on
  judged pairs from two corpora (``eval/translation_judged.jsonl``, ``eval/bench_translation.py``).

A translation that fails is retried once with a stricter prompt that keeps unknown words in the
original; the better-scoring of the two is kept. If that one fails too it is still shown, but
marked: ``Translated.doubtful`` is true and the page and the CLI print it as uncertain beside the
original, which they always show.
"""

from __future__ import annotations

import hashlib
import re
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from .figures import extract_figures
from .llm import Generator, prompt

if TYPE_CHECKING:
    from .embedding import Embedder

LANGUAGE_NAMES = {
    "de": "German",
    "en": "English",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "pl": "Polish",
}


class TranslationCache:
    """SQLite next to the index (``translations.sqlite``); survives index versions and restarts."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.con = sqlite3.connect(path, check_same_thread=False, timeout=30)  # shared by processes
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS translations (key TEXT PRIMARY KEY, source TEXT, "
            "target TEXT, translation TEXT, model TEXT, created REAL)"
        )
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS checked (key TEXT PRIMARY KEY, translation TEXT, "
            "similarity REAL, doubtful INTEGER, retried INTEGER, created REAL)"
        )
        self.con.commit()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(text: str, target: str, model: str) -> str:
        return hashlib.sha256(f"{model}\x00{target}\x00{text}".encode()).hexdigest()

    def get(self, text: str, target: str, model: str) -> str | None:
        row = self.con.execute(
            "SELECT translation FROM translations WHERE key = ?", (self.key(text, target, model),)
        ).fetchone()
        return row[0] if row else None

    def put(self, text: str, target: str, model: str, translation: str) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO translations VALUES (?, ?, ?, ?, ?, ?)",
            (self.key(text, target, model), text, target, translation, model, time.time()),
        )
        self.con.commit()

    def get_checked(self, text: str, target: str, model: str, embedder: str) -> Translated | None:
        row = self.con.execute(
            "SELECT translation, similarity, doubtful, retried FROM checked WHERE key = ?",
            (self.key(text, target, f"{model}\x00{embedder}"),),
        ).fetchone()
        return Translated(row[0], row[1], bool(row[2]), bool(row[3])) if row else None

    def put_checked(self, text: str, target: str, model: str, embedder: str, out: Translated) -> None:
        self.con.execute(
            "INSERT OR REPLACE INTO checked VALUES (?, ?, ?, ?, ?, ?)",
            (
                self.key(text, target, f"{model}\x00{embedder}"),
                out.text,
                out.similarity,
                int(out.doubtful),
                int(out.retried),
                time.time(),
            ),
        )
        self.con.commit()


class Translated(NamedTuple):
    """A translation as shown: its text, its meaning score, and whether it is in doubt."""

    text: str
    similarity: float  # source and translation in the embedder's space (bitext prompt)
    doubtful: bool  # failed the form or meaning check even after the retry: shown marked
    retried: bool = False


def _clean(text: str) -> str:
    text = re.sub(r"(?<=\d)([,.]) (?=\d{3}\b)", r"\1", text.strip())  # the model writes "11, 000"
    if len(text) > 1 and text[0] in "\"'“„«" and text[-1] in "\"'”“»":
        text = text[1:-1].strip()
    return text


def to_english(
    text: str,
    language: str,
    generator: Generator,
    cache: TranslationCache,
    embedder: Embedder,
    min_similarity: float | None,
) -> Translated | None:
    """The checked English translation of one quote, or None when it is English already."""
    if language == "en":
        return None
    return translate_checked([text], generator, embedder, cache, language, "en", min_similarity)[0]


def translate(
    texts: list[str],
    generator: Generator,
    cache: TranslationCache | None,
    source: str = "de",
    target: str = "en",
    progress: Callable[[int, int], None] | None = None,
    template: str = "translate.system.txt",
) -> list[str]:
    """Translations of ``texts``; each sentence is translated once and then read from the cache
    (``cache=None``: always translated). These are not checked: see ``translate_checked``."""
    out = []
    # the retry's translations are cached apart from the first ones
    model = generator.name if template == "translate.system.txt" else f"{generator.name}\x00{template}"
    for i, text in enumerate(texts, start=1):
        if source == target:
            out.append(text)
            continue
        cached = cache.get(text, target, model) if cache is not None else None
        if cached is not None:
            cache.hits += 1
            out.append(cached)
        else:
            system = prompt(template).format(
                source_language=LANGUAGE_NAMES.get(source, source),
                target_language=LANGUAGE_NAMES.get(target, target),
            )
            reply = generator.generate(
                [{"role": "system", "content": system}, {"role": "user", "content": text}],
                max_tokens=max(64, len(text)),
            )
            translation = _clean(str(reply))
            if cache is not None:
                cache.misses += 1
                cache.put(text, target, model, translation)
            out.append(translation)
        if progress:
            progress(i, len(texts))
    return out


def translate_checked(
    texts: list[str],
    generator: Generator,
    embedder: Embedder,
    cache: TranslationCache | None,
    source: str,
    target: str,
    min_similarity: float | None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Translated]:
    """Translations of ``texts`` that passed the form and meaning checks, each retried once with
    the stricter prompt if it did not; what still fails is returned with ``doubtful`` set.
    ``min_similarity=None``: not checked (similarity NaN, never doubtful)."""
    if min_similarity is None:
        return [
            Translated(t, float("nan"), False)
            for t in translate(texts, generator, cache, source, target, progress)
        ]
    out: list[Translated] = []
    for i, text in enumerate(texts, start=1):
        if source == target:
            out.append(Translated(text, 1.0, False))
            continue
        found = cache.get_checked(text, target, generator.name, embedder.name) if cache is not None else None
        if found is not None:
            cache.hits += 1
        else:
            [first] = translate([text], generator, cache, source, target)
            found = _judged(text, first, embedder, min_similarity)
            if found.doubtful:
                [second] = translate([text], generator, cache, source, target, template="translate.retry.txt")
                retry = _judged(text, second, embedder, min_similarity)._replace(retried=True)
                found = max(found._replace(retried=True), retry, key=_rank)  # a tie keeps the first
            if cache is not None:
                cache.put_checked(text, target, generator.name, embedder.name, found)
        out.append(found)
        if progress:
            progress(i, len(texts))
    return out


def _rank(t: Translated) -> tuple[bool, float]:
    return (not t.doubtful, t.similarity)


def _judged(source: str, translation: str, embedder: Embedder, min_similarity: float) -> Translated:
    similarity = meaning_similarity([source], [translation], embedder)[0] if translation.strip() else 0.0
    return Translated(
        translation,
        round(similarity, 4),
        bool(form_problem(source, translation)) or similarity < min_similarity,
    )


def meaning_similarity(sources: list[str], translations: list[str], embedder: Embedder) -> list[float]:
    """Cosine similarity of each source and its translation, both embedded with the query (bitext
    mining) prompt: EmbeddingGemma's space is shared across languages."""
    if not sources:
        return []
    vectors = embedder.encode([*sources, *translations], kind="query")
    n = len(sources)
    return [float(vectors[i] @ vectors[n + i]) for i in range(n)]


_PREAMBLE = re.compile(r"^\s*(here (is|are)|sure|translation|certainly|the translation)\b[^\n]*:", re.I)


def form_problem(source: str, translation: str) -> str:
    """What is wrong with a translation's form, or "" when nothing is."""
    text = translation.strip()
    if not text:
        return "empty"
    if _PREAMBLE.match(text):
        return "preamble"
    if _normal(text) == _normal(source) and len(_normal(source)) > 20:
        return "copied the source"
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) != len(set(lines)) or len(text) > 3 * len(source) + 40:
        return "repeats itself"
    if _written_figures(text) != _written_figures(source):
        return "figures differ"
    return ""


def _written_figures(text: str) -> set[float]:
    """Values of the figures written with digits; number words ("drei", "beiden" → "two") may
    change form in a faithful translation."""
    return {
        v
        for f in extract_figures(text)
        if any(c.isdigit() for c in f.text)
        for v in (f.value, f.high)
        if v is not None
    }


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()
