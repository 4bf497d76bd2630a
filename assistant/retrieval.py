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

Unit = Literal["sentence", "chunk"]
CANDIDATES = 200  # dense neighbours considered per query before fusion
CONTEXT_CHUNKS = 20  # best chunks whose sentences get a context score


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


def lexical_scores(index: Index, query: str, qlang: str, settings: Settings) -> dict[int, float]:
    """Weighted, max-normalised BM25 per chunk row.

    Each language part is scored with the query analysed in that part's language and weighted by
    whether it is the query's language: lexical overlap across languages is mostly names and
    numbers, so it counts for less there.
    """
    out: dict[int, float] = {}
    for lang, (rows, scores) in index.bm25.scores(query).items():
        weight = settings.bm25_weight_same if lang == qlang else settings.bm25_weight_cross
        if weight <= 0:
            continue
        norm = scores / scores.max()
        for r, s in zip(rows, norm):
            out[int(r)] = max(out.get(int(r), 0.0), weight * float(s))
    return out


def rank_chunks(
    index: Index, qv: np.ndarray, query: str, qlang: str, settings: Settings, fuse: bool = True
) -> list[tuple[int, float, float, float]]:
    """All candidate chunks as (row, fused, dense, lexical), best first."""
    dense = _dense(index.chunk_index, qv, CANDIDATES)
    lexical = lexical_scores(index, query, qlang, settings) if fuse else {}
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
) -> SearchResult:
    """Rank sentences (the evidence unit) or chunks for ``query``.

    A sentence's score mixes its own dense similarity with the fused score of the best chunk
    around it, so a short sentence is judged in its context.
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
    hits = rank(index, qv, query, qlang, settings, k, unit, fuse)
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
) -> list[Hit]:
    """The top ``k`` hits for an already embedded query."""
    chunks = rank_chunks(index, qv, query, qlang, settings, fuse)
    if unit == "chunk":
        return [_hit(index, "chunk", r, f, d, lx) for r, f, d, lx in chunks[:k]]
    return _rank_sentences(index, qv, chunks, settings, k)


def _rank_sentences(index: Index, qv: np.ndarray, chunks, settings: Settings, k: int) -> list[Hit]:
    context: dict[int, tuple[float, float]] = {}  # sentence row -> (best fused chunk, its lexical)
    for row, fused, _, lx in chunks[:CONTEXT_CHUNKS]:
        chunk = index.chunks[row]
        for s_row in index.sentence_rows(chunk.doc_id)[chunk.first : chunk.last + 1]:
            if fused > context.get(s_row, (-9.0, 0.0))[0]:
                context[s_row] = (fused, lx)
    dense = _dense(index.sentence_index, qv, CANDIDATES)
    _fill_dense(index, "sentence", context, dense, qv)
    w = settings.sentence_context_weight
    scored = []
    for s_row, d in dense.items():
        ctx, lx = context.get(s_row, (d, 0.0))
        scored.append(((1 - w) * d + w * ctx, s_row, d, lx))
    scored.sort(key=lambda t: -t[0])
    return [_hit(index, "sentence", r, score, d, lx) for score, r, d, lx in scored[:k]]


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


def rank_documents(
    index: Index, qv: np.ndarray, query: str, qlang: str, settings: Settings, fuse: bool = True
) -> list[str]:
    """Document ids ordered by their best chunk (used by the retrieval benchmark)."""
    seen: dict[str, None] = {}
    for row, *_ in rank_chunks(index, qv, query, qlang, settings, fuse):
        seen.setdefault(index.chunks[row].doc_id, None)
    return list(seen)
