"""False alarms of the instruction and meta-question detectors on real text (no model needed).

Counts the sentences that ``untrusted.instruction_reason`` flags in the sample corpus, the
gnad-dev articles and the XQuAD paragraphs (each should be 0: news text gives no orders to a
model), and the questions and claims that ``untrusted.meta_question`` reads as about the
assistant in XQuAD (English and German) and the gold sets. Corpora that are absent are skipped.

Usage: .venv/bin/python eval/bench_untrusted.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.chunking import split_sentences
from assistant.config import PROJECT_DIR
from assistant.corpus import discover, load_document
from assistant.evaluation import load_gold
from assistant.untrusted import instruction_reason, meta_question
from assistant.xquad import load_xquad


def flagged(name: str, texts: list[str]) -> int:
    sentences = [s.text for text in texts for s in split_sentences(text)]
    hits = [(s, why) for s in sentences if (why := instruction_reason(s))]
    print(f"{name:>28}: {len(hits)} of {len(sentences):,} sentences flagged")
    for sentence, why in hits[:5]:
        print(f"{'':>30}{why}: {sentence[:100]}")
    return len(sentences)


def read_as_meta(name: str, questions: list[str]) -> int:
    hits = [(q, why) for q in questions if (why := meta_question(q))]
    print(f"{name:>28}: {len(hits)} of {len(questions):,} read as about the assistant")
    for question, why in hits[:5]:
        print(f"{'':>30}{why}: {question[:100]}")
    return len(questions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", type=Path, default=PROJECT_DIR.parent / "shared")
    args = parser.parse_args()
    sentences = flagged(
        "sample corpus", [load_document(p).text for p in discover([PROJECT_DIR / "corpus"])[0]]
    )
    gnad = args.shared / "data" / "gnad-dev"
    if gnad.exists():
        sentences += flagged("gnad-dev", [load_document(p).text for p in discover([gnad])[0]])
    xquad = args.shared / "data" / "xquad"
    questions = 0
    if xquad.exists():
        paragraphs, items = load_xquad(xquad)
        sentences += flagged("XQuAD paragraphs", paragraphs)
        questions += read_as_meta("XQuAD questions (EN + DE)", [q.en for q in items] + [q.de for q in items])
    gold = sorted((PROJECT_DIR / "eval").glob("*gold*.jsonl"))
    questions += read_as_meta("gold questions and claims", [i.text for path in gold for i in load_gold(path)])
    print(f"{'in all':>28}: {sentences:,} sentences, {questions:,} questions")


if __name__ == "__main__":
    main()
