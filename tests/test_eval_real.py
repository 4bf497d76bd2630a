"""A small slice of the gold set through the real pipeline and the baseline, with thresholds a
broken pipeline would miss (the full set: `factcheck eval eval/gold.jsonl --baseline`)."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from assistant.baseline import baseline_output
from assistant.evaluation import assistant_output, load_gold, run

pytestmark = pytest.mark.integration
SLICE = ["q01", "q04", "u01", "c03", "c04", "c09"]


def test_gold_slice_scores(real, tmp_path):
    settings, embedder, index, generator, cache = real
    items = [i for i in load_gold(CORPUS.parent / "eval" / "gold.jsonl") if i.id in SLICE]
    assert len(items) == len(SLICE)
    documents = {d.id: d.text for d in index.documents.values()}
    systems = {
        "assistant": lambda item: assistant_output(item, index, embedder, generator, settings, cache),
        "baseline": lambda item: baseline_output(item, index, embedder, generator, settings),
    }
    summary = run(items, systems, documents, tmp_path)
    ours = summary["assistant"]
    assert ours["retrieval_recall"] == 1.0
    assert ours["quote_verbatim"] == 1.0  # by construction, checked against the documents
    assert ours["verdict_accuracy"] == 1.0  # refuted, not enough evidence, supported
    assert ours["answer_accuracy"] >= 0.83  # at least 5 of 6 (the summary rounds to 4 places)
    assert ours["insufficient_recall"] == 1.0  # the capital of Australia is not in the articles
    assert ours["translation_coverage"] == 1.0
    assert summary["baseline"]["items"] == len(SLICE)
    assert (tmp_path / "report.html").stat().st_size > 5000
