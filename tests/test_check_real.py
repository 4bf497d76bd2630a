"""The figure check with the real models on the sample corpus (the issue's example claims)."""

from __future__ import annotations

import pytest

from assistant.check import check
from assistant.figures import extract_figures

pytestmark = pytest.mark.integration


def run(real, claim, translate: bool = False):
    """check() with the session's models; quotes are translated only where a test looks at them
    (the page's figure check later translates the soldier figures' sentences itself)."""
    settings, embedder, index, generator, cache = real
    result = check(claim, index, embedder, generator, settings, translations=cache if translate else None)
    for row in result.figures:
        text = index.documents[row.doc_id].text
        assert text[row.start : row.end] == row.quote
        assert text[row.figure_start : row.figure_end] == row.figure
    return result


def test_up_to_nine_million_shells_cites_the_msmt_report(real):
    result = run(real, "North Korea has delivered up to 9 million artillery shells", translate=True)
    assert result.verdict in ("supported", "conflicting")
    supporting = {r.doc_id[:3]: r for r in result.figures if r.relation == "supports"}
    assert "001" in supporting  # the MSMT report: "bis zu 9 Millionen Artilleriegeschosse"
    assert supporting["001"].figure == "bis zu 9 Millionen"
    assert supporting["001"].translation and "9" in supporting["001"].translation


def test_three_million_shells_is_refuted(real):
    result = run(real, "Nordkorea hat 3 Millionen Artilleriegranaten geliefert")
    assert result.verdict == "refuted"
    assert result.language == "de" and result.explanation.startswith("Widerlegt")
    assert len({r.doc_id for r in result.figures if r.relation == "contradicts"}) >= 2


def test_warships_are_not_in_the_articles(real):
    result = run(real, "North Korea sent 40 warships to Russia")
    assert result.verdict == "not_enough_evidence"
    assert not result.evidence


def test_french_claim_gets_a_french_explanation(real):
    result = run(real, "La Corée du Nord a envoyé 14 000 soldats en Russie")
    assert result.language == "fr"
    assert result.explanation.startswith(("Contradictoire", "Confirmé"))
    assert any(r.figure == "14.000" and r.relation == "supports" for r in result.figures)


def test_soldier_figures_disagree(real):
    result = run(real, "North Korea sent 12,000 soldiers to Russia")
    assert result.verdict == "conflicting"
    figures = {(r.doc_id[:3], r.figure, r.relation) for r in result.figures}
    assert ("000", "12 000", "supports") in figures
    assert ("001", "14.000", "contradicts") in figures
    assert not any(r.figure == "50.000" and r.relation != "related" for r in result.figures)


def test_claim_without_figure(real):
    result = run(real, "Kim Jong Un called on the North Korean army to prepare for war")
    assert result.claimed is None
    assert result.verdict == "supported"
    assert all(ev.doc_id.startswith("004_") for ev, _ in result.evidence)


def test_figures_are_paired_by_what_each_part_of_the_sentence_says(real):
    """A claim and a sentence that list several figures of one dimension: the claimed figure is
    compared with the stated figure whose part of the sentence says the same thing („in der
    Lombardei X“ and "la Lombardia l'X"), not with any equal value (gnad-dev, spent held-out set)."""
    from assistant.check.pairing import claimed_figure, part

    settings, embedder = real[0], real[1]

    def figures(text):
        return sorted((f for f in extract_figures(text) if not f.is_year), key=lambda f: f.start)

    def paired(claim, sentence, claimed_value):
        c, s = figures(claim), figures(sentence)
        first = next(i for i, f in enumerate(c) if f.value == claimed_value)
        order = [first] + [i for i in range(len(c)) if i != first]
        return claimed_figure(
            [part(claim, c, i) for i in order],
            [part(sentence, s, i) for i in range(len(s))],
            s,
            lambda f: f.value == claimed_value,
            embedder,
            settings.figure_pairing_margin,
        )

    stated = (
        "Auf Sizilien sind derzeit elf Prozent aller Migranten untergebracht, in der Lombardei 13 Prozent "
        "und im Latium mit der Hauptstadt Rom sind es neun Prozent."
    )
    swapped = (
        "Secondo il ministero, la Sicilia ospita il 13% di tutti i migranti accolti, la Lombardia l'11%."
    )
    right = "Secondo il ministero, la Sicilia ospita l'11% di tutti i migranti accolti, la Lombardia il 13%."
    assert paired(swapped, stated, 13).value == 11  # Sicily's own figure: the claim is refuted
    assert paired(right, stated, 11).value == 11
    assert paired(right, stated, 13).value == 13
    dividend = "Dennoch soll die Dividende nur von 1,40 Euro auf 60 Cent je Aktie gekürzt werden."
    assert paired("The dividend is cut from 1.40 euros to 60 cents per share.", dividend, 60).value == 60


def test_a_claim_is_refuted_by_its_second_figure_in_the_same_sentence(real):
    """A claim is true only when each of its figures is: the sentence that states the claim's first
    figure gives its second another value, each paired with its own part of the sentence
    ("heute bei X" with „jetzt bei X“; gnad-dev, spent held-out set)."""
    from assistant.check.pairing import other_contradicted, part

    settings, embedder = real[0], real[1]

    def figures(text):
        return sorted((f for f in extract_figures(text) if not f.is_year), key=lambda f: f.start)

    stated = "Damals lagen laut Gerlach die Pensionsbeiträge bei 10 bis 11 Prozent, jetzt bei 22 Prozent."
    s = figures(stated)

    def contradicted(claim):
        c = figures(claim)
        fits = [lambda g, f=f: (g.value, g.high) == (f.value, f.high) for f in c]
        return other_contradicted(
            [part(claim, c, i) for i in range(len(c))],
            [part(stated, s, i) for i in range(len(s))],
            s,
            s[0],
            fits,
            embedder,
            settings.figure_pairing_margin,
        )

    wrong = contradicted(
        "Gerlach says pension contributions were 10 to 11 percent back then and 18 percent today."
    )
    assert wrong is not None and wrong[1].value == 22
    assert (
        contradicted(
            "Gerlach says pension contributions were 10 to 11 percent back then and 22 percent today."
        )
        is None
    )
