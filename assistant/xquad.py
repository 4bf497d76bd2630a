"""XQuAD (German paragraphs, parallel English/German questions) as a cross-lingual retrieval benchmark."""

from __future__ import annotations

import contextlib
import json
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .config import Settings
from .corpus import Document, content_hash
from .embedding import Embedder
from .errors import BadInputError
from .evaluation import GoldItem, contains_answer, exact_match, f1_score, percentile
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


def xquad_answers(
    folder: Path,
    settings: Settings,
    embedder: Embedder,
    systems: dict,
    limit: int | None,
    progress=None,
    out_dir: Path | None = None,
) -> dict:
    """English XQuAD questions against the 240 German paragraphs: paragraph R@1/R@5, and each
    system's German answer scored against the gold German span: SQuAD exact match and F1, and
    whether the answer (or, for the assistant, a quote) contains the span.

    ``systems`` maps a name to callable(GoldItem, index) -> output (as ``assistant_output``). With
    ``out_dir``, every question's outputs go to ``xquad-results.jsonl`` there as they come, and
    the summary to ``xquad-summary.json``.
    """
    paragraphs, questions = load_xquad(folder)
    questions = questions[:limit] if limit else questions
    index, _ = paragraph_index(paragraphs, settings, embedder)
    scores: dict[str, dict[str, list]] = {name: {k: [] for k in _XQUAD_KEYS} for name in systems}
    ranks: list[int | None] = []
    started = time.perf_counter()
    if out_dir is not None:
        out_dir.mkdir(parents=True, exist_ok=True)
    sink_path = out_dir / "xquad-results.jsonl" if out_dir is not None else None
    with open(sink_path, "w", encoding="utf-8") if sink_path else contextlib.nullcontext() as sink:
        for n, q in enumerate(questions, start=1):
            qv = embedder.encode([q.en], kind="query")[0]
            docs = documents_of(index, rank_chunks(index, qv, q.en, "en", settings))[:5]
            gold_doc = f"xquad-{q.paragraph:03d}"
            ranks.append(docs.index(gold_doc) if gold_doc in docs else None)
            item = GoldItem(q.id, "ask", q.en, "de", [q.answer_de], [gold_doc])
            for name, system in systems.items():
                output = system(item, index)
                row = _xquad_row(output, q.answer_de)
                for key in _XQUAD_KEYS:
                    scores[name][key].append(row[key])
                if sink:
                    record = {"system": name, "id": q.id, "question": q.en, "gold": q.answer_de}
                    record.update(gold_doc=gold_doc, retrieved=docs, output=output, metrics=row)
                    sink.write(json.dumps(record, ensure_ascii=False) + "\n")
                    sink.flush()
            if progress:
                progress(n, len(questions))
    result = _xquad_summary(len(questions), ranks, scores, time.perf_counter() - started)
    if out_dir is not None:
        (out_dir / "xquad-summary.json").write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


_XQUAD_KEYS = ("em", "f1", "contains", "quote_contains", "insufficient", "total_ms", "ttft_ms")


def _xquad_row(output: dict, gold: str) -> dict:
    """One system's output for one question, scored against the gold German span."""
    answer = "" if output.get("insufficient") else output.get("answer") or ""
    quotes = " … ".join(x["quote"] for x in output.get("quotes", []))
    return {
        "em": exact_match(answer, gold),
        "f1": round(f1_score(answer, gold), 4),
        "contains": contains_answer(answer, gold),
        "quote_contains": contains_answer(quotes, gold),
        "insufficient": bool(output.get("insufficient")),
        "total_ms": output.get("timings", {}).get("total_ms"),
        "ttft_ms": output.get("timings", {}).get("ttft_ms"),
    }


def _xquad_summary(questions: int, ranks: list[int | None], scores: dict, seconds: float) -> dict:
    count = max(1, questions)

    def rate(values: list) -> float:
        return round(sum(values) / count, 4)

    def p(values: list, q: float) -> float | None:
        return percentile([t for t in values if t is not None], q)

    return {
        "questions": questions,
        "retrieval": {"R@1": rate([r == 0 for r in ranks]), "R@5": rate([r is not None for r in ranks])},
        "systems": {
            name: {
                "exact_match": rate(s["em"]),
                "f1": rate(s["f1"]),
                "answer_contains_span": rate(s["contains"]),
                "quote_contains_span": rate(s["quote_contains"]),
                "insufficient_rate": rate(s["insufficient"]),
                "ttft_ms_p50": p(s["ttft_ms"], 0.5),
                "total_ms_p50": p(s["total_ms"], 0.5),
                "total_ms_p95": p(s["total_ms"], 0.95),
            }
            for name, s in scores.items()
        },
        "seconds": round(seconds, 1),
    }
