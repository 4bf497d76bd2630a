"""How well the translation meaning check separates adequate from inadequate translations.

    python eval/bench_translation.py eval/translation_judged.jsonl            # the check alone
    python eval/bench_translation.py eval/translation_judged.jsonl --retry OUT  # and the retry (model)

``translation_judged.jsonl`` holds sentence translations by the bundled model (made with
``eval/translation_pairs.py``), each judged by hand: ``adequate`` true or false, and a ``note``
naming the error. The check is the one the assistant runs (``assistant.translation``): the form
check, then the similarity of source and translation in the embedder's space against a threshold.

The threshold is calibrated on the even-numbered pairs (Youden's J) and reported on the odd ones,
and for both halves at the configured ``translation_min_similarity``.

``--retry OUT`` runs ``translate_checked`` on every pair with the model: the judged translation is
seeded as the first translation, so only the flagged ones are retried. It writes the translations
as the assistant would show them to OUT, for judging; a judged OUT (``adequate`` filled in) passed
as ``--retried`` gives the adequacy after the retry.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from assistant.config import Settings
from assistant.embedding import load_embedder
from assistant.translation import (
    TranslationCache,
    _clean,
    form_problem,
    meaning_similarity,
    translate_checked,
)


def flags(rows: list[dict], sims: list[float], threshold: float) -> list[bool]:
    return [
        bool(form_problem(r["source"], _clean(r["translation"]))) or s < threshold for r, s in zip(rows, sims)
    ]


def scores(rows: list[dict], flagged: list[bool]) -> dict:
    good = [r["adequate"] for r in rows]
    shown = [g for g, f in zip(good, flagged) if not f]
    return {
        "pairs": len(rows),
        "adequate": sum(good),
        "inadequate caught": f"{sum(f and not g for g, f in zip(good, flagged))}/{len(good) - sum(good)}",
        "adequate flagged": f"{sum(f and g for g, f in zip(good, flagged))}/{sum(good)}",
        "adequacy, all shown unmarked (before)": round(sum(good) / len(good), 3),
        "adequacy of the unmarked (after)": round(sum(shown) / len(shown), 3) if shown else None,
        "unmarked": len(shown),
    }


def calibrate(rows: list[dict], sims: list[float]) -> float:
    """The threshold with the largest Youden's J (caught share minus flagged-good share)."""
    best, best_j = 0.0, -1.0
    for t in sorted(set(round(s, 3) for s in sims)):
        f = flags(rows, sims, t + 1e-9)
        bad = [not r["adequate"] for r in rows]
        caught = sum(x and b for x, b in zip(f, bad)) / max(1, sum(bad))
        false = sum(x and not b for x, b in zip(f, bad)) / max(1, len(bad) - sum(bad))
        if caught - false > best_j:
            best, best_j = t + 0.001, caught - false
    return round(best, 3)


def auc(rows: list[dict], sims: list[float]) -> float:
    pos = [s for r, s in zip(rows, sims) if r["adequate"]]
    neg = [s for r, s in zip(rows, sims) if not r["adequate"]]
    return round(sum((p > n) + 0.5 * (p == n) for p in pos for n in neg) / (len(pos) * len(neg)), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("judged", type=Path)
    parser.add_argument("--retry", type=Path, help="Run the retry with the model; write what is shown here.")
    parser.add_argument("--retried", type=Path, help="A judged --retry output: adequacy after the retry.")
    args = parser.parse_args()
    settings = Settings()
    rows = [json.loads(line) for line in args.judged.open(encoding="utf-8") if line.strip()]
    embedder = load_embedder(settings)
    sims = meaning_similarity([r["source"] for r in rows], [_clean(r["translation"]) for r in rows], embedder)
    even, odd = rows[0::2], rows[1::2]
    threshold = calibrate(even, sims[0::2])
    report = {
        "AUC (similarity)": {
            "all": auc(rows, sims),
            "sample": auc(*_of(rows, sims, "sample")),
            "gnad": auc(*_of(rows, sims, "gnad")),
        },
        "calibrated on the even pairs": threshold,
        "odd pairs at the calibrated threshold": scores(odd, flags(odd, sims[1::2], threshold)),
        f"all pairs at the setting {settings.translation_min_similarity}": scores(
            rows, flags(rows, sims, settings.translation_min_similarity)
        ),
    }
    for corpus in ("sample", "gnad"):
        sub, sub_sims = _of(rows, sims, corpus)
        report[f"{corpus} at the setting"] = scores(
            sub, flags(sub, sub_sims, settings.translation_min_similarity)
        )
    if args.retry:
        report["retry"] = retry(rows, settings, embedder, args.retry)
    if args.retried:
        shown = [json.loads(line) for line in args.retried.open(encoding="utf-8") if line.strip()]
        report["after the retry"] = scores(shown, [r["doubtful"] for r in shown])
    print(json.dumps(report, indent=2, ensure_ascii=False))


def _of(rows: list[dict], sims: list[float], corpus: str) -> tuple[list[dict], list[float]]:
    pairs = [(r, s) for r, s in zip(rows, sims) if r["corpus"] == corpus]
    return [r for r, _ in pairs], [s for _, s in pairs]


def retry(rows: list[dict], settings: Settings, embedder, out: Path) -> dict:
    from assistant.llm import load_generator

    generator = load_generator(settings)
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "t.sqlite")
        for r in rows:  # the judged translation is the first translation
            cache.put(r["source"], "en", generator.name, _clean(r["translation"]))
        shown = translate_checked(
            [r["source"] for r in rows],
            generator,
            embedder,
            cache,
            "de",
            "en",
            settings.translation_min_similarity,
        )
    with out.open("w", encoding="utf-8") as f:
        for r, t in zip(rows, shown):
            same = t.text == _clean(r["translation"])
            f.write(
                json.dumps(
                    {
                        "corpus": r["corpus"],
                        "doc_id": r["doc_id"],
                        "sentence": r["sentence"],
                        "source": r["source"],
                        "translation": t.text,
                        "similarity": t.similarity,
                        "doubtful": t.doubtful,
                        "retried": t.retried,
                        # a kept first translation keeps its judgement; a retried one is judged afresh
                        "adequate": r["adequate"] if same else None,
                        "note": r["note"] if same else "",
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return {
        "retried": sum(t.retried for t in shown),
        "retry kept": sum(t.retried and t.text != _clean(r["translation"]) for r, t in zip(rows, shown)),
        "doubtful after the retry": sum(t.doubtful for t in shown),
    }


if __name__ == "__main__":
    main()
