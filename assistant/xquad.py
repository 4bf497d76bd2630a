"""XQuAD (German paragraphs, parallel English/German questions) as a cross-lingual retrieval benchmark."""

from __future__ import annotations

import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import Settings
from .corpus import Document, content_hash
from .embedding import Embedder
from .errors import BadInputError
from .index import Index
from .ingest import Progress, add_documents
from .language import detect_language
from .retrieval import documents_of, rank, rank_chunks


@dataclass(frozen=True)
class Question:
    id: str
    paragraph: int
    en: str
    de: str
    answer_de: str
    answer_start_de: int


def load_xquad(folder: Path) -> tuple[list[str], list[Question]]:
    """German paragraphs and the parallel questions, in file order."""
    try:
        de = json.loads((folder / "xquad.de.json").read_text(encoding="utf-8"))
        en = json.loads((folder / "xquad.en.json").read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise BadInputError(
            f"XQuAD file missing: {exc.filename}",
            "Point --xquad at the folder holding xquad.de.json and xquad.en.json.",
        ) from None
    except json.JSONDecodeError as exc:
        raise BadInputError(f"XQuAD file is not valid JSON: {exc}") from None
    english = {qa["id"]: qa["question"] for art in en["data"] for p in art["paragraphs"] for qa in p["qas"]}
    paragraphs: list[str] = []
    questions: list[Question] = []
    for article in de["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                answer = qa["answers"][0]
                questions.append(
                    Question(
                        qa["id"],
                        len(paragraphs),
                        english[qa["id"]],
                        qa["question"],
                        answer["text"],
                        answer["answer_start"],
                    )
                )
            paragraphs.append(para["context"])
    return paragraphs, questions


def paragraph_documents(paragraphs: list[str]) -> list[Document]:
    return [
        Document(
            id=f"xquad-{i:03d}",
            title=f"XQuAD {i}",
            text=p,
            date=None,
            author=None,
            language="de",
            source=f"xquad.de.json#{i}",
            content_hash=content_hash(p),
        )
        for i, p in enumerate(paragraphs)
    ]


def paragraph_index(
    paragraphs: list[str],
    settings: Settings,
    embedder: Embedder,
    progress: Progress | None = None,
    index_dir: Path | None = None,
):
    """The index of the German paragraphs (built once, reused across runs) and the ingest report."""
    bench = settings.model_copy(update={"index_dir": index_dir or settings.home / "xquad-index"})
    report = add_documents(
        paragraph_documents(paragraphs), bench, embedder, progress=progress, embed_titles=False
    )
    return Index.load(bench.resolved_index_dir()), report


def _metrics(ranks: list[int | None]) -> dict[str, float]:
    n = len(ranks) or 1
    return {
        "R@1": sum(r is not None and r < 1 for r in ranks) / n,
        "R@5": sum(r is not None and r < 5 for r in ranks) / n,
        "MRR@10": sum(1 / (r + 1) for r in ranks if r is not None and r < 10) / n,
    }


def naive_rrf_documents(index: Index, qv: np.ndarray, query: str, settings: Settings) -> list[str]:
    """The usual hybrid baseline: reciprocal-rank fusion (k=60) of dense and BM25, blind to language."""
    dense = [r for r, *_ in rank_chunks(index, qv, query, "", settings, fuse=False)]
    lexical = []
    for rows, scores in index.bm25.scores(query).values():
        lexical += list(zip(rows.tolist(), scores.tolist()))
    lexical = [r for r, _ in sorted(lexical, key=lambda t: -t[1])]
    fused: dict[int, float] = {}
    for ranking in (dense, lexical):
        for position, row in enumerate(ranking):
            fused[row] = fused.get(row, 0.0) + 1 / (60 + position + 1)
    return documents_of(index, [(row,) for row in sorted(fused, key=lambda r: -fused[r])])


def evaluate(
    index: Index,
    questions: list[Question],
    qvecs: dict[str, np.ndarray],
    langs: dict[str, list[str]],
    settings: Settings,
) -> dict[str, dict[str, float]]:
    """Document and sentence metrics per direction and method, from precomputed query vectors."""
    rows = {}
    for direction, qlang in (("en→de", "en"), ("de→de", "de")):
        for method, fuse in (("dense", False), ("naive RRF", None), ("fused", True)):
            doc_ranks: list[int | None] = []
            sent_ranks: list[int | None] = []
            for i, q in enumerate(questions):
                text = q.en if qlang == "en" else q.de
                qv, detected = qvecs[qlang][i], langs[qlang][i]
                gold = f"xquad-{q.paragraph:03d}"
                if fuse is None:
                    docs = naive_rrf_documents(index, qv, text, settings)[:10]
                    doc_ranks.append(docs.index(gold) if gold in docs else None)
                    continue
                chunks = rank_chunks(index, qv, text, detected, settings, fuse)
                docs = documents_of(index, chunks)[:10]
                doc_ranks.append(docs.index(gold) if gold in docs else None)
                hits = rank(index, qv, text, detected, settings, k=10, fuse=fuse, chunks=chunks)
                where = [
                    j
                    for j, h in enumerate(hits)
                    if h.doc_id == gold and h.start <= q.answer_start_de < h.end + 1
                ]
                sent_ranks.append(where[0] if where else None)
            sentence = {f"sentence {k}": v for k, v in _metrics(sent_ranks).items() if k != "MRR@10"}
            rows[f"{direction} {method}"] = {**_metrics(doc_ranks), **(sentence if sent_ranks else {})}
    return rows


def retrieval_benchmark(
    folder: Path,
    settings: Settings,
    embedder: Embedder,
    limit: int | None = None,
    progress: Progress | None = None,
    max_paragraphs: int | None = None,
    index_dir: Path | None = None,
) -> dict:
    """Index the 240 German paragraphs (reused across runs), embed the questions, score both ways.

    ``max_paragraphs`` keeps only the first paragraphs and their questions (a quick smoke test).
    """
    paragraphs, questions = load_xquad(folder)
    if max_paragraphs:
        paragraphs = paragraphs[:max_paragraphs]
        questions = [q for q in questions if q.paragraph < max_paragraphs]
    questions = questions[:limit] if limit else questions
    started = time.perf_counter()
    index, report = paragraph_index(paragraphs, settings, embedder, progress, index_dir)
    ingest_s = time.perf_counter() - started
    qvecs, langs, latency = {}, {}, {}
    for lang in ("en", "de"):
        texts = [q.en if lang == "en" else q.de for q in questions]
        t0 = time.perf_counter()
        qvecs[lang] = embedder.encode(
            texts,
            kind="query",
            progress=(lambda d, n, s=f"queries {lang}": progress(s, d, n)) if progress else None,
        )
        latency[lang] = (time.perf_counter() - t0) * 1000 / max(1, len(texts))
        langs[lang] = [detect_language(t) for t in texts]
    t0 = time.perf_counter()
    rows = evaluate(index, questions, qvecs, langs, settings)
    rank_ms = (time.perf_counter() - t0) * 1000 / max(1, 6 * len(questions))
    return {
        "paragraphs": len(paragraphs),
        "questions": len(questions),
        "ingest_seconds": round(ingest_s, 1),
        "embedded_texts": report.embedded,
        "query_embed_ms_batched": {k: round(v, 1) for k, v in latency.items()},
        "rank_ms_per_query": round(rank_ms, 2),
        "language_detected": {
            lang: sum(x == lang for x in langs[lang]) / max(1, len(questions)) for lang in langs
        },
        "settings": {
            "bm25_weight_same": settings.bm25_weight_same,
            "bm25_weight_cross": settings.bm25_weight_cross,
            "sentence_context_weight": settings.sentence_context_weight,
        },
        "results": rows,
    }


def format_table(result: dict) -> str:
    cols = ["R@1", "R@5", "MRR@10", "sentence R@1", "sentence R@5"]
    lines = [
        f"XQuAD: {result['paragraphs']} German paragraphs, {result['questions']} questions per "
        f"language (index built/reused in {result['ingest_seconds']} s)",
        f"{'':20}" + "".join(f"{c:>14}" for c in cols),
    ]
    for name, row in result["results"].items():
        lines.append(f"{name:20}" + "".join(f"{row[c]:>14.3f}" if c in row else f"{'-':>14}" for c in cols))
    lines.append(
        f"query embedding (batched): {result['query_embed_ms_batched']} ms/query; "
        f"ranking {result['rank_ms_per_query']} ms/query; language detected correctly: "
        + ", ".join(f"{k} {v:.3f}" for k, v in result["language_detected"].items())
    )
    lines.append(f"fusion settings: {result['settings']}")
    return "\n".join(lines)
