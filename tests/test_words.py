"""The small words of each language live once (assistant/words.py); the lists made from them."""

from __future__ import annotations

import pytest

from assistant import words
from assistant.figures import extract_figures
from assistant.language import SUPPORTED
from assistant.readings import read


def test_every_derived_list_is_made_of_the_tables_words():
    tables = (
        words.ARTICLES, words.CONJUNCTIONS, words.AUXILIARIES, words.PREPOSITIONS, words.PRONOUNS,
        words.SUBORDINATORS, words.QUESTION_WORDS, words.OTHER, words.NEGATION, words.ADDITION,
        words.MORE_AFTER, words.REPORT_WORDS, words.NOT_A_UNIT_AFTER_NUMBER, words.OF,
    )  # fmt: skip
    every = words.words_of(*tables) | {"plus"}
    for derived in (
        words.SUM_CUES, words.INCREMENT_BEFORE, words.INCREMENT_AFTER, words.UNIT_STOPS, words.NOT_UNITS,
        words.NAME_STOPS, words.LINE_CONTINUES, words.SCALE_OF_UNIT, *words.FUNCTION_WORDS.values(),
    ):  # fmt: skip
        assert derived <= every
    assert set(words.FUNCTION_WORDS) <= set(SUPPORTED)
    assert words.INCREMENT_BEFORE <= words.SUM_CUES  # "weitere 3.000" adds; so does "plus 3.000"


def test_a_language_blind_list_leaves_out_words_of_another_role_elsewhere():
    # Dutch "of" is "or", English "of" a preposition; "en" is Dutch "and", French "in"
    assert "of" not in words.UNIT_STOPS and "en" not in words.UNIT_STOPS
    assert {"und", "and", "were", "wurde"} <= words.UNIT_STOPS
    # unit words are never "not a unit": "l" is a French article and a litre, "an" a French year
    assert not {"l", "an", "t", "per"} & words.NOT_UNITS


@pytest.mark.parametrize(
    "text, unit",
    [
        ("5 million tonnes of oil were shipped", "tonnes of oil"),  # runs over "of", ends before "were"
        ("Es waren 22 Raptor soll den Vertrag", "Raptor"),  # ends before a verb
        ("3.500 Euro können aber", "Euro"),
        ("sei milioni di euro", "di euro"),  # "di" is no stop: Italian reads its unit through it
        ("2024 in Wien", ""),
        ("3 of the 27 states", ""),
        ("853.382 im Jahr", ""),  # "im" is no "of": a rate follows, not the unit
    ],
)
def test_where_a_unit_phrase_ends(text, unit):
    assert extract_figures(text)[0].unit == unit


def test_negation_cues_are_per_language():
    assert "mai" in words.negation_cues("it") and "mai" not in words.negation_cues("de")
    assert "noch" in words.negation_cues("nl") and "noch" not in words.negation_cues("de")
    assert words.negation_cues("ru") == words.negation_cues(None)  # no list: every language's


@pytest.mark.parametrize(
    "text, currency",
    [
        ("El gobierno gastó 6 millones de euros en 2024.", "EUR"),
        ("O governo gastou 6 milhões de euros.", "EUR"),
        ("The ministry spent 2 millions of dollars.", "USD"),
        ("sei milioni di euro", "EUR"),
    ],
)
def test_a_scale_reads_its_unit_through_of(text, currency):
    # "6 millones de euros" was a count: "de" began no unit, and a Spanish money claim found no figure
    figure = extract_figures(text)[0]
    reading = read(figure, text)
    assert figure.value >= 2e6 and reading.dimension == "money" and reading.unit == currency
