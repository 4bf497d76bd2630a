"""With the real models: cross-lingual search on the sample corpus, the GGUF generating, XQuAD subset."""

from __future__ import annotations

import pytest
from conftest import XQUAD

from assistant.config import Settings
from assistant.embedding import load_embedder
from assistant.retrieval import search

pytestmark = pytest.mark.integration
SAMPLE_HIT3 = 0.9  # measured 1.00 with the default settings; see eval/RESULTS.md
SAMPLE_RECALL5 = 0.75  # measured 0.84


@pytest.mark.parametrize(
    "question",
    [
        "How many artillery shells came from Pyongyang?",
        "How many North Korean artillery shells helped Russia?",
    ],
)
def test_english_question_finds_artilleriegranaten(real, question):
    settings, embedder, index, _, _ = real
    result = search(index, embedder, question, settings, k=3)
    assert result.language == "en"
    assert any("Artilleriegranaten" in h.text for h in result.hits), [h.text for h in result.hits]
    for hit in result.hits:
        assert index.documents[hit.doc_id].text[hit.start : hit.end] == hit.text


def test_sample_retrieval_set(real):
    """eval/sample_retrieval.jsonl: 20 questions in 4 languages over the sample corpus."""
    import json

    from conftest import PROJECT_DIR

    settings, embedder, index, _, _ = real
    items = [
        json.loads(line)
        for line in (PROJECT_DIR / "eval" / "sample_retrieval.jsonl").read_text().splitlines()
    ]
    hit3 = recall = 0.0
    for item in items:
        hits = search(index, embedder, item["text"], settings, k=5).hits
        hit3 += any(any(r in h.text for r in item["relevant"]) for h in hits[:3])
        recall += sum(any(r in h.text for h in hits) for r in item["relevant"]) / len(item["relevant"])
    assert hit3 / len(items) >= SAMPLE_HIT3
    assert recall / len(items) >= SAMPLE_RECALL5


def test_german_query(real):
    settings, embedder, index, _, _ = real
    result = search(
        index, embedder, "Welche Organisationen lieferten Beweismaterial für den Bericht?", settings, k=3
    )
    assert result.language == "de"
    assert "Open Source Centre" in result.hits[0].text


def test_english_question_about_kim(real):
    settings, embedder, index, _, _ = real
    hits = search(
        index, embedder, "What did Kim Jong Un call the situation on the Korean peninsula?", settings, k=3
    ).hits
    assert hits[0].doc_id.startswith("004_")


def test_embedder_precision_follows_the_cpu(real):
    import torch

    from assistant.embedding import native_bf16

    _, embedder, _, _, _ = real
    wanted = torch.bfloat16 if native_bf16() else torch.float32
    assert next(embedder.model.parameters()).dtype == wanted
    assert embedder.dim == 768


def test_gguf_loads_and_generates(real):
    generator = real[3]
    text = generator.generate([{"role": "user", "content": "Reply with the word OK."}], max_tokens=4)
    assert isinstance(text, str) and text.strip()
    tokens = list(generator.generate([{"role": "user", "content": "Say hi."}], stream=True, max_tokens=3))
    assert any(t for t in tokens)
    out = generator.generate(
        [{"role": "user", "content": "Give a number."}],
        max_tokens=20,
        schema={"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]},
    )
    assert __import__("json").loads(out)["n"] is not None


@pytest.mark.xquad
@pytest.mark.skipif(not (XQUAD / "xquad.de.json").exists(), reason="XQuAD data folder absent")
def test_xquad_subset(tmp_path):
    from assistant.xquad import retrieval_benchmark

    settings = Settings()
    result = retrieval_benchmark(
        XQUAD, settings, load_embedder(settings), limit=30, max_paragraphs=15, index_dir=tmp_path
    )
    rows = result["results"]
    assert result["questions"] == 30
    assert rows["en→de dense"]["R@5"] >= 0.9
    one = 1 / result["questions"] + 1e-9  # fusion may lose at most one question of the 30
    assert rows["en→de fused"]["R@1"] >= rows["en→de dense"]["R@1"] - one
    assert rows["de→de fused"]["R@1"] >= rows["de→de dense"]["R@1"] - one
    assert rows["de→de fused"]["R@1"] >= 0.8
