"""Hybrid search: dense EmbeddingGemma scores plus language-aware BM25, ranked as sentences or chunks."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Literal

import numpy as np

from .config import Settings
from .embedding import Embedder
from .errors import BadInputError
from .index import Index
from .language import detect_language
from .lexical import Bm25Set

Unit = Literal["sentence", "chunk"]


@dataclass(frozen=True)
class Hit:
    """A ranked passage; ``text == document.text[start:end]``."""

    kind: Unit
    row: int  # sentence or chunk row in the index
    doc_id: str
    title: str
    date: str | None
    score: float
    dense: float
    lexical: float
    text: str
    start: int
    end: int


@dataclass
class SearchResult:
    query: str
    language: str
    hits: list[Hit]
    timings: dict[str, float] = field(default_factory=dict)


def _dense(index_obj, qv: np.ndarray, n: int) -> dict[int, float]:
    k = min(n, index_obj.ntotal)
    if k == 0:
        return {}
    scores, rows = index_obj.search(qv[None, :], k)
    return {int(r): float(s) for r, s in zip(rows[0], scores[0]) if r >= 0}


def _fill_dense(index: Index, kind: str, rows, known: dict[int, float], qv: np.ndarray) -> None:
    missing = [r for r in rows if r not in known]
    if missing:
        store = index.sentence_index if kind == "sentence" else index.chunk_index
        vecs = np.stack([store.reconstruct(int(r)) for r in missing]).astype(np.float32)
        for r, s in zip(missing, vecs @ qv):
            known[r] = float(s)


def lexical_scores(bm25: Bm25Set, query: str, qlang: str, settings: Settings) -> dict[int, float]:
    """Weighted, max-normalised BM25 per row (chunk or sentence).

    Each language part is scored with the query analysed in that part's language and weighted by
    whether it is the query's language: lexical overlap across languages is mostly names and
    numbers, so it counts for less there. Only the best ``settings.dense_candidates`` rows per part
    are kept, as on the dense side, so a common word does not make every matching row a candidate.
    """
    out: dict[int, float] = {}
    for lang, (rows, scores) in bm25.scores(query).items():
        weight = settings.bm25_weight_same if lang == qlang else settings.bm25_weight_cross
        if weight <= 0:
            continue
        if len(scores) > settings.dense_candidates:  # a common word matches much of a large corpus
            best = np.argpartition(-scores, settings.dense_candidates)[: settings.dense_candidates]
            rows, scores = rows[best], scores[best]
        norm = scores / scores.max()
        for r, s in zip(rows, norm):
            out[int(r)] = max(out.get(int(r), 0.0), weight * float(s))
    return out


def rank_chunks(
    index: Index, qv: np.ndarray, query: str, qlang: str, settings: Settings, fuse: bool = True
) -> list[tuple[int, float, float, float]]:
    """All candidate chunks as (row, fused, dense, lexical), best first."""
    dense = _dense(index.chunk_index, qv, settings.dense_candidates)
    lexical = lexical_scores(index.bm25, query, qlang, settings) if fuse else {}
    _fill_dense(index, "chunk", lexical, dense, qv)
    ranked = [(r, d + lexical.get(r, 0.0), d, lexical.get(r, 0.0)) for r, d in dense.items()]
    return sorted(ranked, key=lambda t: -t[1])


def search(
    index: Index,
    embedder: Embedder,
    query: str,
    settings: Settings,
    k: int = 5,
    unit: Unit = "sentence",
    lang: str | None = None,
    fuse: bool = True,
    per_doc: int | None = None,
) -> SearchResult:
    """Rank sentences (the evidence unit) or chunks for ``query``.

    A sentence's score mixes its own fused (dense + BM25) score with the fused score of the best
    chunk around it, so a short sentence is judged in its context. ``per_doc`` (default from the
    settings) puts each document's best hits first; see ``diversify``.
    """
    query = query.strip()
    if not query:
        raise BadInputError("The query is empty.")
    if k < 1:
        raise BadInputError("k must be at least 1.")
    t0 = time.perf_counter()
    qlang = lang or detect_language(query)
    qv = embedder.encode([query], kind="query")[0]
    t1 = time.perf_counter()
    hits = rank(index, qv, query, qlang, settings, k, unit, fuse, per_doc)
    t2 = time.perf_counter()
    return SearchResult(query, qlang, hits, {"embed_ms": (t1 - t0) * 1000, "search_ms": (t2 - t1) * 1000})


def rank(
    index: Index,
    qv: np.ndarray,
    query: str,
    qlang: str,
    settings: Settings,
    k: int = 5,
    unit: Unit = "sentence",
    fuse: bool = True,
    per_doc: int | None = None,
    chunks: list[tuple[int, float, float, float]] | None = None,
) -> list[Hit]:
    """The top ``k`` hits for an already embedded query (``chunks``: a ``rank_chunks`` result to reuse)."""
    per_doc = settings.per_doc if per_doc is None else per_doc
    if chunks is None:
        chunks = rank_chunks(index, qv, query, qlang, settings, fuse)
    if unit == "chunk":
        picked = diversify(chunks, k, per_doc, lambda t: index.chunks[t[0]].doc_id)
        return [_hit(index, "chunk", r, f, d, lx) for r, f, d, lx in picked]
    return _rank_sentences(index, qv, query, qlang, chunks, settings, k, fuse, per_doc)


def _rank_sentences(
    index: Index,
    qv: np.ndarray,
    query: str,
    qlang: str,
    chunks,
    settings: Settings,
    k: int,
    fuse: bool,
    per_doc: int,
) -> list[Hit]:
    context: dict[int, float] = {}  # sentence row -> fused score of its best chunk
    for row, fused, _, _ in chunks[: settings.context_chunks]:
        chunk = index.chunks[row]
        for s_row in index.sentence_rows(chunk.doc_id)[chunk.first : chunk.last + 1]:
            context[s_row] = max(fused, context.get(s_row, -9.0))
    lexical = lexical_scores(index.sentence_bm25, query, qlang, settings) if fuse else {}
    dense = _dense(index.sentence_index, qv, settings.dense_candidates)
    _fill_dense(index, "sentence", set(context) | set(lexical), dense, qv)
    w = settings.sentence_context_weight
    scored = []
    for s_row, d in dense.items():
        if s_row in index.instructions:
            continue  # a sentence that addresses a model is never evidence
        own = d + lexical.get(s_row, 0.0)
        scored.append(((1 - w) * own + w * context.get(s_row, own), s_row, d, lexical.get(s_row, 0.0)))
    scored.sort(key=lambda t: -t[0])
    picked = diversify(scored, k, per_doc, lambda t: index.sentences[t[1]].doc_id)
    return [_hit(index, "sentence", r, score, d, lx) for score, r, d, lx in picked]


def diversify(ranked: list, k: int, per_doc: int, doc_of) -> list:
    """Breadth first: at most ``per_doc`` items per document, best first, then the rest in order.

    With ``per_doc=1`` the top of the list is each document's best passage, which is what a
    fact-checker wants to see first: what every source says. ``per_doc=0`` keeps pure score order.
    """
    if per_doc <= 0:
        return ranked[:k]
    first, rest, seen = [], [], {}
    for item in ranked:
        doc = doc_of(item)
        if seen.get(doc, 0) < per_doc:
            seen[doc] = seen.get(doc, 0) + 1
            first.append(item)
            if len(first) == k:
                break
        else:
            rest.append(item)
    return (first + rest)[:k]


def _hit(index: Index, kind: Unit, row: int, score: float, dense: float, lexical: float) -> Hit:
    item = index.sentences[row] if kind == "sentence" else index.chunks[row]
    doc = index.documents[item.doc_id]
    return Hit(
        kind,
        row,
        doc.id,
        doc.title,
        doc.date,
        round(score, 4),
        round(dense, 4),
        round(lexical, 4),
        item.text,
        item.start,
        item.end,
    )


def sentence_hit(index: Index, row: int, qv: np.ndarray) -> Hit:
    """A sentence as a hit scored by its dense similarity alone (for sentences picked outside a search)."""
    dense = float(index.sentence_index.reconstruct(int(row)) @ qv)
    return _hit(index, "sentence", row, dense, dense, 0.0)


def documents_of(index: Index, chunks: list[tuple[int, float, float, float]]) -> list[str]:
    """Document ids in the order of their best chunk in a ``rank_chunks`` result."""
    seen: dict[str, None] = {}
    for row, *_ in chunks:
        seen.setdefault(index.chunks[row].doc_id, None)
    return list(seen)
