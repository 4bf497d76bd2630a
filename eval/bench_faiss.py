"""Exact (IndexFlatIP) vs approximate (IndexHNSWFlat) FAISS search at growing index sizes.

Prints, per size: build time, per-query latency (single queries, as the assistant issues them),
the latency ratio exact/HNSW and HNSW's recall@10 against exact search. Vectors are 768-d,
L2-normalised and clustered (a mixture of 2,000 topics) so they resemble document embeddings
more than uniform noise does. The ``ann_threshold`` setting is chosen from this table.

Usage: .venv/bin/python eval/bench_faiss.py [--sizes 10000,50000,...] [--queries 200]
"""

from __future__ import annotations

import argparse
import os
import time

import faiss
import numpy as np

DIM = 768


def clustered(n: int, rng: np.random.Generator, centers: np.ndarray) -> np.ndarray:
    labels = rng.integers(0, len(centers), n)
    x = centers[labels] + 0.6 * rng.standard_normal((n, DIM), dtype=np.float32) / np.sqrt(DIM)
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def timed_search(index, queries: np.ndarray, k: int) -> tuple[float, np.ndarray]:
    rows = []
    started = time.perf_counter()
    for q in queries:
        rows.append(index.search(q[None, :], k)[1][0])
    return (time.perf_counter() - started) * 1000 / len(queries), np.array(rows)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,50000,100000,200000,400000")
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    centers = rng.standard_normal((2000, DIM), dtype=np.float32)
    centers /= np.linalg.norm(centers, axis=1, keepdims=True)
    print(
        f"FAISS {faiss.__version__}, {DIM}-d, {faiss.omp_get_max_threads()} threads, "
        f"{os.cpu_count()} cores; HNSW M=32 efConstruction=80 efSearch=128"
    )
    print(
        f"{'vectors':>9} {'flat build s':>12} {'hnsw build s':>12} {'flat ms/q':>10} "
        f"{'hnsw ms/q':>10} {'flat/hnsw':>10} {'hnsw R@10':>10}"
    )
    for n in (int(s) for s in args.sizes.split(",")):
        data = clustered(n, rng, centers)
        queries = clustered(args.queries, rng, centers)
        t0 = time.perf_counter()
        flat = faiss.IndexFlatIP(DIM)
        flat.add(data)
        flat_build = time.perf_counter() - t0
        t0 = time.perf_counter()
        hnsw = faiss.IndexHNSWFlat(DIM, 32, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        hnsw.add(data)
        hnsw.hnsw.efSearch = 128
        hnsw_build = time.perf_counter() - t0
        flat_ms, exact = timed_search(flat, queries, 10)
        hnsw_ms, approx = timed_search(hnsw, queries, 10)
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(exact, approx)])
        print(
            f"{n:>9,} {flat_build:>12.1f} {hnsw_build:>12.1f} {flat_ms:>10.2f} {hnsw_ms:>10.2f} "
            f"{flat_ms / hnsw_ms:>10.1f} {recall:>10.3f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
