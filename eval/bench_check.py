"""Figure checks on the sample corpus with the real models: verdict, expected verdict, time.

Runs every claim of eval/check_claims.jsonl twice: first with a fresh translation cache (every
quote translated by the local model), then again with the cache warm. The "development" claims
were used while the check was built; "held-out" ones were written afterwards (6 of its failures
were then fixed, so it is no longer held out); "held-out-2" was written after those fixes.
Prints one line per claim (verdict, whether it matches the expected one, the supporting and
contradicting sources, both times), the medians, and the count per set.

Usage: .venv/bin/python eval/bench_check.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path

from assistant.check import check
from assistant.config import PROJECT_DIR, Settings
from assistant.session import Session
from assistant.translation import TranslationCache


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int)
    args = parser.parse_args()
    items = [json.loads(line) for line in (PROJECT_DIR / "eval" / "check_claims.jsonl").open()]
    items = items[: args.limit]
    settings = Settings()
    session = Session(settings)
    index, embedder, generator = session.index, session.warm_embedder(), session.generator
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "translations.sqlite")
        results = {}
        for _run in ("cold", "warm"):
            for item in items:
                started = time.perf_counter()
                result = check(item["claim"], index, embedder, generator, settings, translations=cache)
                results.setdefault(item["claim"], []).append((result, time.perf_counter() - started))
    correct = 0
    print(f"{'verdict':20} {'expected':20} ok  cold s  warm s  sources (+ supports, - contradicts)  claim")
    for item in items:
        (result, cold), (_, warm) = results[item["claim"]]
        ok = result.verdict == item["expected"]
        correct += ok
        rows = [(r.doc_id[:3], r.relation) for r in result.figures if r.relation != "related"]
        rows += [(e.doc_id[:3], rel) for e, rel in result.evidence] if result.claimed is None else []
        sources = " ".join(f"{'+' if rel == 'supports' else '-'}{doc}" for doc, rel in rows) or "none"
        print(
            f"{result.verdict:20} {item['expected']:20} {'yes' if ok else 'NO ':3} {cold:6.1f}  {warm:6.2f}  "
            f"{sources:36} {item['claim']}"
        )
    colds = [results[i["claim"]][0][1] for i in items]
    warms = [results[i["claim"]][1][1] for i in items]
    print(f"\n{correct}/{len(items)} verdicts as expected")
    for name in ("development", "held-out", "held-out-2"):
        part = [i for i in items if i.get("set") == name]
        if part:
            right = sum(results[i["claim"]][0][0].verdict == i["expected"] for i in part)
            print(f"  {name}: {right}/{len(part)}")
    print(
        f"median time: cold {statistics.median(colds):.1f} s (max {max(colds):.1f} s), "
        f"warm {statistics.median(warms):.2f} s (max {max(warms):.2f} s)"
    )


if __name__ == "__main__":
    main()
