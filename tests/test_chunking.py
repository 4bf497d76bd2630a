"""Sentence splitting (German-aware, exact offsets) and sentence-window chunks."""

from __future__ import annotations

import pytest
from conftest import CORPUS

from assistant.chunking import make_chunks, split_sentences
from assistant.corpus import load_document


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.txt")), ids=lambda p: p.stem[:3])
def test_offsets_are_exact_on_samples(path):
    doc = load_document(path)
    sentences = split_sentences(doc.text, doc.id)
    assert sentences
    for i, s in enumerate(sentences):
        assert doc.text[s.start : s.end] == s.text
        assert s.idx == i and s.doc_id == doc.id
        assert s.text == s.text.strip() and not s.text.startswith("- ")
    assert all(a.end <= b.start for a, b in zip(sentences, sentences[1:]))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Das gilt z. B. für Kiew. Dann folgt mehr.", ["Das gilt z. B. für Kiew.", "Dann folgt mehr."]),
        ("Siehe Nr. 5 der Liste. Ende.", ["Siehe Nr. 5 der Liste.", "Ende."]),
        ("Am 16. November 2024 kam es. Danach nicht.", ["Am 16. November 2024 kam es.", "Danach nicht."]),
        ("Es waren 12.000 Soldaten. Oder 12 000.", ["Es waren 12.000 Soldaten.", "Oder 12 000."]),
        ("Er sagte: „Wir siegen.“ Dann ging er.", ["Er sagte: „Wir siegen.“", "Dann ging er."]),
        ("»Nie wieder.« So sprach sie.", ["»Nie wieder.«", "So sprach sie."]),
        ("Dr. Kim und Prof. Lee kamen. Gut.", ["Dr. Kim und Prof. Lee kamen.", "Gut."]),
        ("John F. Kennedy sprach. Ja.", ["John F. Kennedy sprach.", "Ja."]),
        ("Rund 1,5 Mio. Granaten d. h. viele. Weiter.", ["Rund 1,5 Mio. Granaten d. h. viele.", "Weiter."]),
        ("Wirklich? Ja! Nun…", ["Wirklich?", "Ja!", "Nun…"]),
        ("Großmächte u. a. die USA. Ende.", ["Großmächte u. a. die USA.", "Ende."]),
        ("Überschrift ohne Punkt\nText danach.", ["Überschrift ohne Punkt", "Text danach."]),
        ("- Punkt eins\n- Punkt zwei.", ["Punkt eins", "Punkt zwei."]),
        ("Es ist 1970er-Technik. Das 3. Kapitel folgt.", ["Es ist 1970er-Technik.", "Das 3. Kapitel folgt."]),
    ],
)
def test_german_sentence_splitting(text, expected):
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    assert all(text[s.start : s.end] == s.text for s in sentences)


def test_no_empty_sentences_from_punctuation_only_lines():
    assert [s.text for s in split_sentences("Text.\n---\n\n…\nMehr.")] == ["Text.", "Mehr."]


def test_chunks_cover_every_sentence_with_overlap():
    doc = load_document(next(CORPUS.glob("001_*.txt")))
    sentences = split_sentences(doc.text, doc.id)
    chunks = make_chunks(doc.text, sentences, size=4, overlap=1)
    covered = {i for c in chunks for i in range(c.first, c.last + 1)}
    assert covered == set(range(len(sentences)))
    for a, b in zip(chunks, chunks[1:]):
        assert b.first == a.last  # one shared sentence
    for c in chunks:
        assert doc.text[c.start : c.end] == c.text
        assert c.last - c.first + 1 <= 4
        assert c.start == sentences[c.first].start and c.end == sentences[c.last].end


def test_chunks_stop_at_max_chars():
    text = " ".join(f"Satz Nummer {i} ist genau so lang wie die anderen." for i in range(20))
    sentences = split_sentences(text)
    chunks = make_chunks(text, sentences, size=8, overlap=2, max_chars=200)
    assert all(len(c.text) <= 200 for c in chunks)
    assert chunks[-1].last == len(sentences) - 1


def test_single_sentence_document():
    sentences = split_sentences("Nur ein Satz")
    chunks = make_chunks("Nur ein Satz", sentences)
    assert [(c.first, c.last, c.text) for c in chunks] == [(0, 0, "Nur ein Satz")]
