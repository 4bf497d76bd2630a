"""Ingest of many small files against one file with the same text, with the real embedder.

Writes ``--files`` short German news items (a title and three sentences each, or one sentence
with ``--tiny``; made up by code) into a
temporary folder and the same text as one file into another; ingests each into a fresh index in
one process (the embedder is loaded once, before either is timed) and prints both times and
their ratio. Stages are timed with the ingest's progress callback.

Usage: .venv/bin/python eval/bench_ingest_many.py [--files 200]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import load_embedder
from assistant.ingest import ingest

PLACES = ["Berlin", "Wien", "Graz", "Linz", "Hamburg", "München", "Köln", "Salzburg", "Bremen", "Dresden"]
THINGS = ["Wohnungen", "Busse", "Schulen", "Arbeitsplätze", "Windräder", "Brücken", "Ärzte", "Kitas"]


def item(i: int) -> str:
    place, thing = PLACES[i % len(PLACES)], THINGS[i % len(THINGS)]
    return (
        f"Meldung {i}: Neue {thing} in {place}\n\n"
        f"In {place} sollen bis {2026 + i % 5} insgesamt {120 + 7 * i} {thing} entstehen, teilte die Stadt "
        f"am {1 + i % 28}. März mit. Die Kosten liegen bei {3 + i % 40},{i % 10} Millionen Euro. "
        f"Im Vorjahr waren es {i % 30 + 2} Prozent weniger gewesen.\n"
    )


def tiny(i: int) -> str:
    place, thing = PLACES[i % len(PLACES)], THINGS[i % len(THINGS)]
    return f"In {place} entstehen {120 + 7 * i} neue {thing}.\n"


def timed_ingest(folder: Path, root: Path, embedder) -> tuple[float, dict[str, float]]:
    stages: dict[str, float] = {}
    last = [time.perf_counter(), None]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if last[1] is not None:
            stages[last[1]] = stages.get(last[1], 0.0) + now - last[0]
        last[0], last[1] = now, stage

    settings = Settings(index_dir=root, translation_min_similarity=None)
    started = time.perf_counter()
    ingest([folder], settings, embedder, progress=progress)
    end = time.perf_counter()
    if last[1] is not None:
        stages[last[1]] = stages.get(last[1], 0.0) + end - last[0]
    return end - started, stages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--tiny", action="store_true", help="one sentence per file")
    args = parser.parse_args()
    embedder = load_embedder(Settings())
    embedder.encode(["warm-up"], kind="document")
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        many, one = tmp_path / "many", tmp_path / "one"
        many.mkdir()
        one.mkdir()
        texts = [(tiny if args.tiny else item)(i) for i in range(args.files)]
        for i, text in enumerate(texts):
            (many / f"item_{i:04d}.txt").write_text(text, encoding="utf-8")
        (one / "all.txt").write_text("\n".join(texts), encoding="utf-8")
        t_one, s_one = timed_ingest(one, tmp_path / "index-one", embedder)
        t_many, s_many = timed_ingest(many, tmp_path / "index-many", embedder)
    print(f"characters: {sum(map(len, texts)):,} in {args.files} files")
    for name, seconds, stages in (("one file", t_one, s_one), (f"{args.files} files", t_many, s_many)):
        parts = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))
        print(f"{name:>10}: {seconds:6.1f} s  ({parts})")
    print(f"ratio many/one: {t_many / t_one:.2f}")


if __name__ == "__main__":
    main()
