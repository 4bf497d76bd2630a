"""The verdict explained in the claim's language, and the quotes translated."""

from __future__ import annotations

import functools
import json
from dataclasses import asdict

from ..config import Settings
from ..embedding import Embedder
from ..evidence import Evidence, quote_translation
from ..index import Index
from ..llm import Generator, prompt
from ..translation import TranslationCache, translate_checked
from .result import CheckResult, FigureRow


def translate_rows(
    result: CheckResult,
    index: Index,
    generator: Generator,
    embedder: Embedder,
    settings: Settings,
    cache: TranslationCache | None,
) -> None:
    if cache is None:
        return

    def english(text: str, doc_id: str) -> dict:
        return quote_translation(text, doc_id, index, generator, embedder, settings, cache)

    result.figures = [FigureRow(**{**asdict(r), **english(r.quote, r.doc_id)}) for r in result.figures]
    result.evidence = [
        (Evidence(**{**asdict(e), **english(e.quote, e.doc_id)}), rel) for e, rel in result.evidence
    ]


@functools.cache
def _templates() -> dict[str, dict[str, str]]:
    return json.loads(prompt("check.explain.json"))


def explain(
    result: CheckResult,
    generator: Generator,
    cache: TranslationCache | None,
    embedder: Embedder | None = None,
    settings: Settings | None = None,
) -> tuple[str, str]:
    """The explanation and the verdict's rule, in the claim's language.

    English, German, French, Spanish, Italian and Portuguese come from
    ``prompts/check.explain.json``; another language gets the English text translated by the
    local model (cached) if the translation passes the meaning check, or English without a cache,
    an embedder, or when it fails.
    """
    templates = _templates()
    lang = result.language if result.language in templates else "en"
    t = templates[lang]
    kind = "figure" if result.claimed is not None else "text"
    if kind == "figure":
        votes = [r for r in result.figures if r.relation != "related"]
        support = [r for r in votes if r.relation == "supports"]
        contradict = [r for r in votes if r.relation == "contradicts"]
        text = t[f"figure.{result.verdict}"].format(
            quantity=result.claimed["unit"] or result.claimed["text"],
            claimed=result.claimed["text"],
            n_sources=len({r.doc_id for r in votes}),
            n_support=len({r.doc_id for r in support}),
            support=_listing(support),
            contradict=_listing(contradict),
        )
        rule = f"{t[f'rule.{result.verdict}']} {t['rule.figures']}"
    else:
        support = [e for e, rel in result.evidence if rel == "supports"]
        contradict = [e for e, rel in result.evidence if rel == "contradicts"]
        text = t[f"text.{result.verdict}"].format(
            n_support=len(support),
            n_contradict=len(contradict),
            support=", ".join(dict.fromkeys(_source(e.doc_id, e.date) for e in support)),
            contradict=", ".join(dict.fromkeys(_source(e.doc_id, e.date) for e in contradict)),
        )
        rule = f"{t[f'rule.{result.verdict}']} {t['rule.text']}"
    if lang != result.language and cache is not None and embedder is not None and settings is not None:
        out = translate_checked(
            [text, rule],
            generator,
            embedder,
            cache,
            "en",
            result.language,
            settings.translation_min_similarity,
        )
        if not any(t.doubtful for t in out):
            text, rule = out[0].text, out[1].text
    return text, rule


def _source(doc_id: str, date: str | None) -> str:
    return f"{doc_id}, {date}" if date else doc_id


def _listing(rows: list[FigureRow]) -> str:
    return "; ".join(f"„{r.figure}“ ({_source(r.doc_id, r.date)})" for r in rows)
