"""Ingest of many small files against one file with the same text, with the real embedder.

Writes ``--files`` short German news items (a headline and three sentences each, or one sentence
with ``--tiny``; made up by code, every sentence different) into a temporary folder and the same
text as one file into another; ingests each into its own fresh index in one process (the embedder
is loaded once, before either is timed) and prints both times, what was embedded, and their ratio.
Stages are timed with the ingest's progress callback. ``--write DIR`` only writes the two folders
(DIR/many, DIR/one), to time the command line on the same files.

Every sentence differs on purpose: the first version repeated a cost or a percentage every 30 or
40 items, so one file (one title) embedded 330 of its 800 sentences once for several items, which
200 files (200 titles) cannot; real articles do not repeat each other's sentences.

Usage: .venv/bin/python eval/bench_ingest_many.py [--files 200] [--tiny] [--rounds 1] [--write DIR]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from assistant.config import Settings
from assistant.embedding import load_embedder
from assistant.ingest import ingest

PLACES = (
    "Berlin Wien Graz Linz Hamburg München Köln Salzburg Bremen Dresden Leipzig Innsbruck Kiel Bern Basel "
    "Freiburg Rostock Klagenfurt Mainz"
).split()
THINGS = (
    "Wohnungen Busse Schulen Arbeitsplätze Windräder Brücken Arztpraxen Kitas Radwege Ladestationen "
    "Pflegeplätze Sporthallen Bahnhöfe"
).split()
SPEAKERS = (
    "teilte die Stadt mit|sagte die Bürgermeisterin|erklärte ein Sprecher des Landes|hieß es aus dem "
    "Rathaus|berichtete die Lokalzeitung|bestätigte das Ministerium"
).split("|")
MONTHS = "Januar Februar März April Mai Juni Juli August September Oktober November Dezember".split()
REASONS = (
    "gestiegene Baukosten|fehlende Fachkräfte|neue Förderregeln|höhere Zinsen|Einsprüche von "
    "Anwohnern|Lieferengpässe"
).split("|")


def item(i: int) -> str:
    """A headline and three sentences; no sentence repeats another item's (its figures are i's)."""
    place, thing = PLACES[i % len(PLACES)], THINGS[i % len(THINGS)]
    speaker, month = SPEAKERS[i % len(SPEAKERS)], MONTHS[i % len(MONTHS)]
    return (
        f"{120 + 7 * i} neue {thing} für {place}\n\n"
        f"In {place} sollen bis {2026 + i % 5} insgesamt {120 + 7 * i} {thing} entstehen, {speaker} "
        f"am {1 + i % 28}. {month}. "
        f"Die Kosten liegen bei {3 + i // 10},{i % 10} Millionen Euro, "
        f"{i % 3 + 2} Firmen haben sich beworben. "
        f"Als Grund für die Verzögerung von {i % 9 + 2} Monaten nannte die Verwaltung {REASONS[i % 6]}; "
        f"im Vorjahr waren es {2 + i % 30},{i // 30} Prozent weniger gewesen.\n"
    )


def tiny(i: int) -> str:
    place, thing = PLACES[i % len(PLACES)], THINGS[i % len(THINGS)]
    return f"In {place} entstehen {120 + 7 * i} neue {thing}.\n"


def write_folders(target: Path, texts: list[str]) -> tuple[Path, Path]:
    """``target``/many with one file per text, ``target``/one with all texts in one file."""
    many, one = target / "many", target / "one"
    many.mkdir(parents=True)
    one.mkdir(parents=True)
    for i, text in enumerate(texts):
        (many / f"item_{i:04d}.txt").write_text(text, encoding="utf-8")
    (one / "all.txt").write_text("\n".join(texts), encoding="utf-8")
    return many, one


def timed_ingest(folder: Path, root: Path, embedder) -> tuple[float, dict[str, float], str]:
    """Seconds of one ingest into a fresh index, seconds per progress stage, and what it embedded."""
    stages: dict[str, float] = {}
    last = [time.perf_counter(), None]

    def progress(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if last[1] is not None:
            stages[last[1]] = stages.get(last[1], 0.0) + now - last[0]
        last[0], last[1] = now, stage

    settings = Settings(index_dir=root, translation_min_similarity=None)
    started = time.perf_counter()
    report = ingest([folder], settings, embedder, progress=progress)
    end = time.perf_counter()
    if last[1] is not None:
        stages[last[1]] = stages.get(last[1], 0.0) + end - last[0]
    what = f"{report.sentences} sentences, {report.chunks} chunks, {report.embedded} texts embedded"
    return end - started, stages, what


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--tiny", action="store_true", help="one sentence per file")
    parser.add_argument("--rounds", type=int, default=1, help="ingest both again, alternating")
    parser.add_argument("--write", type=Path, help="only write the folders here, for the command line")
    args = parser.parse_args()
    texts = [(tiny if args.tiny else item)(i) for i in range(args.files)]
    if args.write:
        many, one = write_folders(args.write, texts)
        print(f"wrote {many} ({args.files} files) and {one} (1 file)")
        return
    started = time.perf_counter()
    embedder = load_embedder(Settings())
    embedder.encode(["warm-up"], kind="document")
    print(f"embedder loaded and warmed up in {time.perf_counter() - started:.1f} s (not counted below)")
    with tempfile.TemporaryDirectory() as tmp:
        many, one = write_folders(Path(tmp), texts)
        print(f"characters: {sum(map(len, texts)):,} in {args.files} files")
        runs: dict[str, list[float]] = {"one": [], "many": []}
        for r in range(args.rounds):
            for name, folder in (("one", one), ("many", many)):
                seconds, stages, what = timed_ingest(folder, Path(tmp, f"index-{name}-{r}"), embedder)
                runs[name].append(seconds)
                parts = ", ".join(f"{k} {v:.1f} s" for k, v in sorted(stages.items(), key=lambda kv: -kv[1]))
                label = "one file" if name == "one" else f"{args.files} files"
                print(f"{label:>10}: {seconds:6.1f} s  ({parts}; {what}; load {os.getloadavg()[0]:.1f})")
    t_one, t_many = min(runs["one"]), min(runs["many"])
    best = " (best of each)" if args.rounds > 1 else ""
    print(f"ratio many/one{best}: {t_many:.1f} / {t_one:.1f} s = {t_many / t_one:.2f}")


if __name__ == "__main__":
    main()
