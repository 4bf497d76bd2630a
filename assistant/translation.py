"""Translate evidence sentences with the local model, cached on disk by sentence hash."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from .llm import Generator, prompt

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


def _clean(text: str) -> str:
    text = text.strip()
    if len(text) > 1 and text[0] in "\"'“„«" and text[-1] in "\"'”“»":
        text = text[1:-1].strip()
    return text


def to_english(text: str, language: str, generator: Generator, cache: TranslationCache) -> str | None:
    """The English translation of one quote, or None when it is English already."""
    return None if language == "en" else translate([text], generator, cache, language, "en")[0]


def translate(
    texts: list[str],
    generator: Generator,
    cache: TranslationCache | None,
    source: str = "de",
    target: str = "en",
    progress: Callable[[int, int], None] | None = None,
) -> list[str]:
    """Translations of ``texts``; each sentence is translated once and then read from the cache
    (``cache=None``: always translated)."""
    out = []
    for i, text in enumerate(texts, start=1):
        if source == target:
            out.append(text)
            continue
        cached = cache.get(text, target, generator.name) if cache is not None else None
        if cached is not None:
            cache.hits += 1
            out.append(cached)
        else:
            system = prompt("translate.system.txt").format(
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
                cache.put(text, target, generator.name, translation)
            out.append(translation)
        if progress:
            progress(i, len(texts))
    return out
