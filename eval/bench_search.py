"""Ingest throughput and single-query latency on the bundled sample corpus, with the real embedder.

Prints: embedder load time; a fresh ingest of corpus/ into a temporary index (documents,
sentences, chunks, seconds, texts per second); a second, incremental ingest (nothing re-embedded);
then the latency of each question of eval/sample_retrieval.jsonl asked one at a time, as a user
does (query embedding + fusion + ranking), over several rounds: p50, p90 and max.

Usage: .venv/bin/python eval/bench_search.py [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.config import PROJECT_DIR, Settings
from assistant.ingest import ingest
from assistant.retrieval import search
from assistant.session import Session


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp))
        started = time.perf_counter()
        session = Session(settings)
        embedder = session.warm_embedder()
        print(
            f"embedder load + warm-up: {time.perf_counter() - started:.1f} s "
            f"({embedder.name}, {embedder.dtype})"
        )
        report = ingest([PROJECT_DIR / "corpus"], settings, embedder)
        print(
            f"fresh ingest: {report.documents} documents, {report.sentences} sentences, "
            f"{report.chunks} chunks, {report.embedded} texts embedded in {report.seconds:.1f} s "
            f"= {report.embedded / report.seconds:.1f} texts/s, "
            f"{report.documents / report.seconds:.2f} documents/s"
        )
        again = ingest([PROJECT_DIR / "corpus"], settings, embedder)
        print(
            f"incremental re-ingest of the unchanged corpus: {again.embedded} texts embedded, "
            f"{again.seconds:.2f} s"
        )
        index = session.reload()
        lines = (PROJECT_DIR / "eval" / "sample_retrieval.jsonl").read_text().splitlines()
        questions = [json.loads(line)["text"] for line in lines]
        total, embed, rank = [], [], []
        for _ in range(args.rounds):
            for question in questions:
                t0 = time.perf_counter()
                result = search(index, embedder, question, settings, k=5)
                total.append((time.perf_counter() - t0) * 1000)
                embed.append(result.timings["embed_ms"])
                rank.append(result.timings["search_ms"])
        print(
            f"query latency over {len(total)} searches (ms): "
            f"total p50 {statistics.median(total):.0f}, p90 {percentile(total, 0.9):.0f}, "
            f"max {max(total):.0f}; of which embedding+language p50 {statistics.median(embed):.0f}, "
            f"ranking p50 {statistics.median(rank):.1f}"
        )


if __name__ == "__main__":
    main()
