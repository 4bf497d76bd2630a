"""What a figure counts, and the index's table of figures by the quantity they count: shared
by answers (count questions) and checks."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .figures import Figure
from .index import Index
from .quantities import (
    about_losses,
    counts_time,
    head_phrase,
    per_day,
    quantity_after,
    quantity_of,
)

DIMENSIONS = {"%": "percent", "mm": "length", "cm": "length", "km": "length", "kg": "mass", "t": "mass"}


def dimension(fig: Figure) -> str:
    """What kind of number: "percent", "length", "mass", "time" ("drei Jahren"), "daily" ("1.500
    täglich", "per day") or "count"."""
    if counts_time(fig.unit):
        return "time"
    if per_day(fig.unit):
        return "daily"
    return DIMENSIONS.get(fig.unit, "count")


@dataclass(frozen=True)
class Quantity:
    phrase: str  # as the claim says it: "soldiers", "Artilleriegranaten"
    concept: str | None  # the lexicon's name, or None for a word outside it


def claim_quantity(claim: str, claimed: Figure, language: str) -> Quantity:
    """What the claimed figure counts.

    Its unit phrase's head ("soldiers to Russia" -> soldiers); for a percentage the first lexicon
    word after it ("60 percent of the shells" -> ammunition); soldiers that were lost are
    casualties; failing all that, the first lexicon word anywhere in the claim.
    """
    if claimed.unit in DIMENSIONS:  # "60 percent of the shells", "240-mm rocket launchers"
        phrase = head_phrase(claim[claimed.end :].strip(" -"))
        concept = quantity_of(phrase, language)
        if concept is None:
            phrase, concept = quantity_after(claim[claimed.end :], language)
    else:
        # "2 milioni di droni", "5 millions de dollars": the thing follows the preposition
        unit = re.sub(r"^(?:(?:di|de|of|van|do|da|du|des|del|degli|dei)\s+|[dl]['’])", "", claimed.unit)
        phrase = head_phrase(unit) if claimed.unit not in DIMENSIONS else ""
        concept = quantity_of(phrase, language) if phrase else None
    if concept is None and not phrase:
        for word in re.findall(r"[^\W\d_][\w-]*", claim):
            concept = quantity_of(word, language)
            if concept:
                phrase = word
                break
    if concept == "soldiers" and about_losses(claim):
        concept = "casualties"
    return Quantity(phrase, concept)


def figure_quantity(fig: Figure, text: str, language: str) -> tuple[str, str | None]:
    """(head phrase, lexicon quantity) of a stated figure; ``text`` is its document's text."""
    if fig.unit in DIMENSIONS:  # "60 Prozent der … Granaten", "240-mm-Mehrfachraketenwerfersystemen"
        return quantity_after(text[fig.end : fig.end + 200], language)
    phrase = head_phrase(fig.unit)
    return phrase, quantity_of(phrase, language)


def quantity_rows(index: Index, concept: str) -> dict[int, list[Figure]]:
    """Sentence row -> its figures that count ``concept`` (a lexicon quantity), over the whole index.

    Worked out once per loaded index (every stored figure's quantity) and kept on it.
    """
    table: dict[str, dict[int, list[Figure]]] | None = index.derived.get("quantity_table")
    if table is None:
        table = {}
        for row, figs in index.figures.items():
            sentence = index.sentences[row]
            doc = index.documents[sentence.doc_id]
            for fig in figs:
                if fig.is_year or dimension(fig) not in ("count", "daily"):
                    continue
                concept_of = figure_quantity(fig, doc.text, doc.language)[1]
                if concept_of == "soldiers" and about_losses(sentence.text):
                    table.setdefault("casualties", {}).setdefault(row, []).append(fig)
                if concept_of:
                    table.setdefault(concept_of, {}).setdefault(row, []).append(fig)
        index.derived["quantity_table"] = table
    return table.get(concept, {})
