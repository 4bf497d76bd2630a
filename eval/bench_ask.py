"""Answer latency and behaviour on the sample corpus with the real models.

Asks every question of eval/sample_retrieval.jsonl plus six the articles cannot answer, with a
fresh translation cache; then asks the first question again (translation and prompt caches warm).
Prints per question: TTFT, total time, prompt and completion tokens, whether it answered, the
repair taken; then median and p90, and how often the number-grounding repair fired.

Usage: .venv/bin/python eval/bench_ask.py [--limit N]
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
from pathlib import Path

from assistant.answer import ask
from assistant.config import PROJECT_DIR, Settings
from assistant.session import Session
from assistant.translation import TranslationCache

UNANSWERABLE = [
    "What is the capital of Australia?",
    "How many warships did North Korea send to Russia?",
    "When was Kim Jong Un born?",
    "How much oil does Russia export to China?",
    "Wie hoch ist die Inflation in Deutschland?",
    "¿Quién ganó el mundial de fútbol de 2022?",
]


def p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--limit", type=int, default=None)
    args = parser.parse_args()
    settings = Settings()
    session = Session(settings)
    index, embedder, generator = session.index, session.warm_embedder(), session.generator
    lines = (PROJECT_DIR / "eval" / "sample_retrieval.jsonl").read_text().splitlines()
    questions = [json.loads(line)["text"] for line in lines][: args.limit] + UNANSWERABLE
    with tempfile.TemporaryDirectory() as tmp:
        cache = TranslationCache(Path(tmp) / "translations.sqlite")
        rows = []
        print(
            f"{'ttft ms':>8} {'total ms':>9} {'prompt':>6} {'compl':>5} {'answered':>8} "
            f"{'repair':>8}  question"
        )
        for question in [*questions, questions[0]]:
            answer = ask(question, index, embedder, generator, settings, translations=cache)
            t = answer.timings
            rows.append((question, answer, t))
            print(
                f"{t['ttft_ms']:>8.0f} {t['total_ms']:>9.0f} {t['prompt_tokens']:>6} "
                f"{t['completion_tokens']:>5} {not answer.insufficient_evidence!s:>8} "
                f"{answer.checks['repair']:>8}  {question[:60]}",
                flush=True,
            )
    called = [t for _, a, t in rows[:-1] if t["prompt_tokens"] > 0]
    ttft = [t["ttft_ms"] for t in called]
    total = [t["total_ms"] for _, _, t in rows[:-1]]
    print(f"\n{len(rows) - 1} questions ({len(called)} reached the model; the rest were gated as off-topic)")
    print(f"TTFT ms: median {statistics.median(ttft):.0f}, p90 {p90(ttft):.0f}")
    print(f"total ms: median {statistics.median(total):.0f}, p90 {p90(total):.0f}")
    print(
        f"prompt tokens: median {statistics.median(t['prompt_tokens'] for t in called):.0f}, "
        f"max {max(t['prompt_tokens'] for t in called)}; completion tokens: median "
        f"{statistics.median(t['completion_tokens'] for t in called):.0f}"
    )
    repairs = [a.checks["repair"] for _, a, _ in rows[:-1]]
    ungrounded = sum(bool(a.checks["ungrounded_numbers"]) for _, a, _ in rows[:-1])
    print(
        f"number-grounding check fired on {ungrounded} of {len(rows) - 1} answers: "
        f"{repairs.count('reasked')} repaired by re-asking, "
        f"{repairs.count('fallback')} fell back to the evidence"
    )
    answered = [not a.insufficient_evidence for _, a, _ in rows[:-1]]
    n_ans = len(questions) - len(UNANSWERABLE)
    print(
        f"answered: {sum(answered[:n_ans])}/{n_ans} answerable, "
        f"{sum(answered[n_ans:])}/{len(UNANSWERABLE)} "
        f"unanswerable (should be 0)"
    )
    first, again = rows[0][2], rows[-1][2]
    print(
        f"same question twice: total {first['total_ms']:.0f} -> {again['total_ms']:.0f} ms, TTFT "
        f"{first['ttft_ms']:.0f} -> {again['ttft_ms']:.0f} ms, "
        f"translation {first.get('translation_ms', 0):.0f} "
        f"-> {again.get('translation_ms', 0):.0f} ms"
    )


if __name__ == "__main__":
    main()
