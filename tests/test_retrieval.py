"""Hybrid ranking logic with the fake embedder: offsets, language-aware BM25, breadth-first lists."""

from __future__ import annotations

import json

import pytest

from assistant.errors import BadInputError
from assistant.index import Index
from assistant.ingest import ingest
from assistant.retrieval import diversify, lexical_scores, search


@pytest.fixture
def index(settings, fake_embedder, corpus_copy):
    ingest([corpus_copy], settings, fake_embedder)
    return Index.load(settings.resolved_index_dir())


def test_hits_are_verbatim_with_offsets(index, settings, fake_embedder):
    for unit in ("sentence", "chunk"):
        result = search(
            index, fake_embedder, "Koksan Haubitzen Krasnojarsk", settings, k=5, unit=unit, per_doc=0
        )
        assert len(result.hits) == 5
        for hit in result.hits:
            assert index.documents[hit.doc_id].text[hit.start : hit.end] == hit.text
            assert hit.kind == unit
        scores = [h.score for h in result.hits]
        assert scores == sorted(scores, reverse=True)


def test_exact_german_term_wins_with_bm25(index, settings, fake_embedder):
    settings.bm25_weight_same = 0.5  # the fake embedder's dense scores are noise; BM25 must decide
    hits = search(index, fake_embedder, "Wo stehen die Koksan Haubitzen?", settings, k=1).hits
    assert "Koksan" in hits[0].text and hits[0].lexical > 0


def test_bm25_weight_depends_on_query_language(index, settings):
    same = lexical_scores(index.sentence_bm25, "Artilleriegranaten Pjöngjang", "de", settings)
    cross = lexical_scores(index.sentence_bm25, "Artilleriegranaten Pjöngjang", "en", settings)
    assert max(same.values()) == pytest.approx(settings.bm25_weight_same)
    assert max(cross.values()) == pytest.approx(settings.bm25_weight_cross)
    settings.bm25_weight_cross = 0.0
    assert lexical_scores(index.sentence_bm25, "Artilleriegranaten", "en", settings) == {}


def test_dense_only_has_no_lexical_part(index, settings, fake_embedder):
    hits = search(index, fake_embedder, "Koksan Haubitzen", settings, k=3, fuse=False).hits
    assert all(h.lexical == 0 for h in hits)


@pytest.mark.parametrize(
    ("per_doc", "expected"),
    [
        (0, ["a1", "a2", "a3", "b1", "c1"]),
        (1, ["a1", "b1", "c1", "a2", "a3"]),
        (2, ["a1", "a2", "b1", "c1", "a3"]),
    ],
)
def test_diversify_breadth_first(per_doc, expected):
    ranked = ["a1", "a2", "a3", "b1", "c1"]
    assert diversify(ranked, 5, per_doc, lambda item: item[0]) == expected
    assert diversify(ranked, 2, per_doc, lambda item: item[0]) == expected[:2]


def test_per_doc_one_shows_each_source_first(index, settings, fake_embedder):
    hits = search(index, fake_embedder, "Nordkorea Russland Soldaten", settings, k=5, per_doc=1).hits
    assert len({h.doc_id for h in hits}) == 5


def test_bad_queries(index, settings, fake_embedder):
    with pytest.raises(BadInputError, match="empty"):
        search(index, fake_embedder, "  ", settings)
    with pytest.raises(BadInputError, match="at least 1"):
        search(index, fake_embedder, "x", settings, k=0)


def test_older_index_format_is_rebuilt_without_losing_documents(
    settings, fake_embedder, corpus_copy, tmp_path
):
    ingest([corpus_copy], settings, fake_embedder)
    root = settings.resolved_index_dir()
    manifest = root / Index.load(root).version / "manifest.json"
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "schema_version": 1}))
    with pytest.raises(Exception, match="format version 1"):
        Index.load(root)
    extra = tmp_path / "neu.txt"
    extra.write_text("Ein neues Dokument.")
    report = ingest([extra], settings, fake_embedder)
    assert any("older format" in p for p in report.problems)
    assert len(Index.load(root).documents) == 6


def test_lexical_candidates_are_capped(index, settings):
    everything = lexical_scores(index.sentence_bm25, "Nordkorea Russland", "de", settings)
    settings.dense_candidates = 5
    capped = lexical_scores(index.sentence_bm25, "Nordkorea Russland", "de", settings)
    assert len(everything) > 5 and len(capped) == 5
    top_values = sorted(everything.values(), reverse=True)[:5]  # values: rows may tie at the cut
    assert sorted(capped.values(), reverse=True) == pytest.approx(top_values)
