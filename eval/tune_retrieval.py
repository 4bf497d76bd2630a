"""Grid over the fusion settings: XQuAD (tuning half and held-out half) and the sample-corpus set.

Tuning uses the even-numbered XQuAD questions; the odd-numbered ones are reported as held out.
The sample set (eval/sample_retrieval.jsonl, questions over corpus/ with the substrings of the
sentences that answer them) checks the same settings on the assistant's own domain.

Usage: .venv/bin/python eval/tune_retrieval.py [--xquad ../shared/data/xquad]
Needs the XQuAD index (built by `factcheck eval-retrieval`) and the sample index (`make setup`).
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path

from assistant.config import PROJECT_DIR, Settings
from assistant.embedding import load_embedder
from assistant.index import Index
from assistant.language import detect_language
from assistant.retrieval import documents_of, rank, rank_chunks
from assistant.xquad import load_xquad


def sample_metrics(index, items, vectors, settings) -> dict[str, float]:
    hit1 = hit3 = recall = 0.0
    for item, qv in zip(items, vectors):
        hits = rank(index, qv, item["text"], item["language"], settings, k=5)
        rel = [any(r in h.text for r in item["relevant"]) for h in hits]
        hit1 += rel[0]
        hit3 += any(rel[:3])
        recall += sum(any(r in h.text for h in hits) for r in item["relevant"]) / len(item["relevant"])
    n = len(items)
    return {"hit@1": hit1 / n, "hit@3": hit3 / n, "recall@5": recall / n}


def xquad_metrics(index, questions, vecs, langs, settings, parity) -> dict[str, float]:
    out = {}
    for lang in ("en", "de"):
        r1 = s1 = n = 0
        for i, q in enumerate(questions):
            if i % 2 != parity:
                continue
            n += 1
            text = q.en if lang == "en" else q.de
            gold = f"xquad-{q.paragraph:03d}"
            chunks = rank_chunks(index, vecs[lang][i], text, langs[lang][i], settings)
            r1 += documents_of(index, chunks)[:1] == [gold]
            hit = rank(index, vecs[lang][i], text, langs[lang][i], settings, k=1, chunks=chunks)[0]
            s1 += hit.doc_id == gold and hit.start <= q.answer_start_de < hit.end + 1
        out[f"{lang} R@1"] = r1 / n
        out[f"{lang} sent R@1"] = s1 / n
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--xquad", type=Path, default=PROJECT_DIR.parent / "shared/data/xquad")
    args = parser.parse_args()
    settings = Settings()
    embedder = load_embedder(settings)
    sample_index = Index.load(settings.resolved_index_dir())
    items = [
        json.loads(line) for line in (PROJECT_DIR / "eval/sample_retrieval.jsonl").read_text().splitlines()
    ]
    sample_vecs = embedder.encode([i["text"] for i in items], kind="query")
    xq_index = Index.load(settings.home / "xquad-index")
    _, questions = load_xquad(args.xquad)
    vecs, langs = {}, {}
    for lang in ("en", "de"):
        texts = [q.en if lang == "en" else q.de for q in questions]
        vecs[lang] = embedder.encode(texts, kind="query")
        langs[lang] = [detect_language(t) for t in texts]
    grid = itertools.product([0.1, 0.25, 0.4], [0.0, 0.05, 0.1], [0.0, 0.25, 0.5], [0, 1])
    rows = []
    for same, cross, ctx, per_doc in grid:
        s = settings.model_copy(
            update={
                "bm25_weight_same": same,
                "bm25_weight_cross": cross,
                "sentence_context_weight": ctx,
                "per_doc": per_doc,
            }
        )
        row = {
            "same": same,
            "cross": cross,
            "ctx": ctx,
            "per_doc": per_doc,
            **{f"tune {k}": v for k, v in xquad_metrics(xq_index, questions, vecs, langs, s, 0).items()},
            **{f"sample {k}": v for k, v in sample_metrics(sample_index, items, sample_vecs, s).items()},
        }
        rows.append(row)
        print(json.dumps({k: round(v, 3) if isinstance(v, float) else v for k, v in row.items()}), flush=True)
    best = max(
        rows,
        key=lambda r: (
            r["tune en R@1"]
            + r["tune de R@1"]
            + r["tune en sent R@1"]
            + r["tune de sent R@1"]
            + r["sample hit@3"]
            + r["sample recall@5"]
        ),
    )
    s = settings.model_copy(
        update={
            "bm25_weight_same": best["same"],
            "bm25_weight_cross": best["cross"],
            "sentence_context_weight": best["ctx"],
            "per_doc": best["per_doc"],
        }
    )
    print("best on the tuning half + sample set:", {k: best[k] for k in ("same", "cross", "ctx", "per_doc")})
    print(
        "held-out XQuAD half:",
        {k: round(v, 3) for k, v in xquad_metrics(xq_index, questions, vecs, langs, s, 1).items()},
    )


if __name__ == "__main__":
    main()
