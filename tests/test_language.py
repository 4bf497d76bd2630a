"""Language detection for short questions and long texts."""

from __future__ import annotations

import pytest

from assistant.language import detect_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("How many soldiers?", "en"),
        ("Who said that?", "en"),
        ("How many artillery shells has North Korea delivered?", "en"),
        ("Is it true that 20 million shells were delivered?", "en"),
        ("Wie viele Soldaten?", "de"),
        ("Wer hat das gesagt?", "de"),
        ("Welche Organisationen lieferten Beweismaterial für den Bericht?", "de"),
        ("Stimmt es, dass Nordkorea 150 Raketen geliefert hat?", "de"),
        ("Combien de soldats la Corée du Nord a-t-elle envoyés ?", "fr"),
        ("Qui a fourni des preuves pour le rapport ?", "fr"),
        ("¿Cuántos soldados envió Corea del Norte a Rusia?", "es"),
        ("¿Quién dijo eso?", "es"),
    ],
)
def test_short_questions(text, lang):
    assert detect_language(text) == lang


def test_fallback_for_no_words():
    assert detect_language("12.000 ?", default="en") == "en"
    assert detect_language("", default="de") == "de"
