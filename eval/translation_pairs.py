"""Sentence translations to judge: a seeded sample of sentences from one or more indexes, each
translated into English by the bundled model exactly as the assistant translates a quote.

    python eval/translation_pairs.py --index sample=index --index gnad=/work/gnad/index --per-index 60 \
        --out eval/out/translation_pairs.jsonl

Writes one JSON line per sentence: corpus, doc_id, sentence index, the German source and the
model's English. Judge each line by hand (``adequate``: true or false, with a ``note``) and score
the judged file with ``eval/bench_translation.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.index import Index
from assistant.llm import load_generator
from assistant.translation import TranslationCache, translate


def sample(index: Index, n: int, seed: int) -> list[int]:
    """Rows of ``n`` German sentences of 6 to 45 words, spread over the articles: at most
    ``n / articles`` (and at least two) from one article."""
    rows = [
        r
        for r, s in enumerate(index.sentences)
        if index.documents[s.doc_id].language == "de" and 6 <= len(re.findall(r"\w+", s.text)) <= 45
    ]
    random.Random(seed).shuffle(rows)
    cap = max(2, -(-n // len({index.sentences[r].doc_id for r in rows})))
    taken: list[int] = []
    per_doc: dict[str, int] = {}
    for r in rows:
        doc = index.sentences[r].doc_id
        if per_doc.get(doc, 0) < cap:
            per_doc[doc] = per_doc.get(doc, 0) + 1
            taken.append(r)
        if len(taken) == n:
            break
    return taken


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--index", action="append", required=True, help="LABEL=FOLDER, repeatable.")
    parser.add_argument("--per-index", type=int, default=60)
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--cache", type=Path, help="Translation cache (default: none, translate afresh).")
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    settings = Settings()
    generator = load_generator(settings)
    cache = TranslationCache(args.cache) if args.cache else None
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with args.out.open("w", encoding="utf-8") as out:
        for spec in args.index:
            label, _, folder = spec.partition("=")
            index = Index.load(Path(folder))
            for r in sample(index, args.per_index, args.seed):
                s = index.sentences[r]
                t0 = time.perf_counter()
                english = translate([s.text], generator, cache, "de", "en")[0]
                row = {
                    "corpus": label,
                    "doc_id": s.doc_id,
                    "sentence": s.idx,
                    "source": s.text,
                    "translation": english,
                    "seconds": round(time.perf_counter() - t0, 2),
                }
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
                out.flush()
                print(f"{row['corpus']} {s.doc_id}#{s.idx} {row['seconds']} s", file=sys.stderr)


if __name__ == "__main__":
    main()
