"""A cited sentence as evidence, and its translation: shared by answers and checks."""

from __future__ import annotations

from dataclasses import dataclass

from .config import Settings
from .embedding import Embedder
from .index import Index
from .llm import Generator
from .retrieval import Hit
from .translation import TranslationCache, to_english


@dataclass(frozen=True)
class Evidence:
    """A cited sentence, exactly as it stands in the document: ``document.text[start:end] == quote``."""

    doc_id: str
    title: str
    date: str | None
    quote: str
    start: int
    end: int
    quote_language: str
    translation: str | None
    translation_doubtful: bool = False  # failed the meaning check: shown marked, beside the quote

    @classmethod
    def of(
        cls, hit: Hit, index: Index, translation: str | None = None, translation_doubtful: bool = False
    ) -> Evidence:
        """A retrieved sentence as evidence, in its document's language."""
        language = index.documents[hit.doc_id].language
        return cls(
            hit.doc_id,
            hit.title,
            hit.date,
            hit.text,
            hit.start,
            hit.end,
            language,
            translation,
            translation_doubtful,
        )


def quote_translation(
    text: str,
    doc_id: str,
    index: Index,
    generator: Generator,
    embedder: Embedder,
    settings: Settings,
    cache: TranslationCache | None,
) -> dict:
    """A quote's checked English translation, as the fields ``Evidence`` and ``FigureRow`` show
    (none without a cache, or for an English quote)."""
    out = None
    if cache is not None:
        language = index.documents[doc_id].language
        out = to_english(text, language, generator, cache, embedder, settings.translation_min_similarity)
    return {"translation": out.text if out else None, "translation_doubtful": bool(out and out.doubtful)}
