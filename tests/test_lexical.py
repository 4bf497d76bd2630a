"""BM25 analysis: numbers, stemming, stop words, language parts."""

from __future__ import annotations

import pytest

from assistant.lexical import Bm25Set, analyze


@pytest.mark.parametrize("form", ["12.000", "12 000", "12\u00a0000", "12\u202f000", "12,000"])
def test_grouped_numbers_are_one_token(form):
    assert analyze(f"{form} Soldaten", "de") == ["12000", "soldat"]


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("1,5 Millionen", ["1.5", "million"]),
        ("im Jahr 2024 100 Raketen", ["jahr", "2024", "100", "rak"]),
        ("Artilleriegranaten und Artilleriegranate", ["artilleriegranat", "artilleriegranat"]),
    ],
)
def test_german_analysis(text, tokens):
    assert analyze(text, "de") == tokens


def test_query_is_analysed_per_language_part(tmp_path):
    texts = [
        "Nordkorea schickte Soldaten nach Kursk.",
        "North Korea sent soldiers to Kursk.",
        "Das Wetter in Berlin.",
    ]
    bm25 = Bm25Set.build(texts, ["de", "en", "de"])
    scores = bm25.scores("Soldaten")
    assert list(scores["de"][0]) == [0] and "en" not in scores
    bm25.save(tmp_path / "bm25")
    again = Bm25Set.load(tmp_path / "bm25")
    assert {lang: list(rows) for lang, (rows, _) in again.scores("Kursk").items()} == {"de": [0], "en": [1]}
