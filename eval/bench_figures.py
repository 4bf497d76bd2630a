"""Figure checks without the language model: verdict accuracy and time per claim, on any gold set.

A claim with a figure is decided by the program alone (readings, masked-statement similarity,
interval comparison), so this runs the figure claims of a gold file (``type: check`` items, or
``claim``/``expected`` lines as in eval/check_claims.jsonl) with the embedder only, against the
index in FACTCHECK_INDEX_DIR. Claims without a figure are skipped (they need the model).
Prints one line per claim and the accuracy; ``--json PATH`` writes the verdicts for
``compare_runs``-style diffs.

Usage: .venv/bin/python eval/bench_figures.py GOLD.jsonl [GOLD2.jsonl …] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from pathlib import Path

from assistant.check import check
from assistant.config import Settings
from assistant.figures import extract_figures
from assistant.session import Session


class NoModel:
    """Figure checks must not call the model; this fails loudly if one does."""

    def __init__(self) -> None:
        self.last_usage = {"prompt_tokens": 0, "completion_tokens": 0}

    def generate(self, *args, **kwargs):
        raise AssertionError("a figure check called the language model")


def claims(path: Path) -> list[dict]:
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        raw = json.loads(line)
        if "claim" in raw:
            out.append(
                {"id": raw["claim"][:30], "text": raw["claim"], "expected": raw["expected"], "docs": []}
            )
        elif raw.get("type") == "check":
            out.append(
                {
                    "id": raw["id"],
                    "text": raw["text"],
                    "expected": raw["expected_verdict"],
                    "docs": raw.get("expected_docs") or [],
                    "lang": raw.get("language"),
                }
            )
    return [c for c in out if any(not f.is_year for f in extract_figures(c["text"]))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("gold", nargs="+", type=Path)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    settings = Settings()
    session = Session(settings)
    index, embedder = session.index, session.warm_embedder()
    items = [c for path in args.gold for c in claims(path)]
    check(items[0]["text"], index, embedder, NoModel(), settings)  # first-use caches
    correct, times, out = 0, [], []
    for item in items:
        started = time.perf_counter()
        result = check(item["text"], index, embedder, NoModel(), settings, lang=item.get("lang"))
        elapsed = time.perf_counter() - started
        times.append(elapsed)
        ok = result.verdict == item["expected"]
        correct += ok
        votes = [r for r in result.figures if r.relation != "related"]
        sources = " ".join(f"{'+' if r.relation == 'supports' else '-'}{r.doc_id}:{r.figure}" for r in votes)
        print(
            f"{item['id']:10} {result.verdict:20} {item['expected']:20} {'yes' if ok else 'NO ':3} "
            f"{elapsed:5.2f}s  {item['text'][:80]}\n{'':12}{sources[:160] or 'none'}"
        )
        out.append({"id": item["id"], "verdict": result.verdict, "expected": item["expected"],
                    "sources": [(r.doc_id, r.figure, r.relation) for r in votes]})  # fmt: skip
    print(
        f"\n{correct} of {len(items)} figure claims right ({correct / len(items):.3f}); "
        f"time per claim median {statistics.median(times):.3f} s, max {max(times):.3f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(out, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
