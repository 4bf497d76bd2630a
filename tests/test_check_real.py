"""The figure check with the real models on the sample corpus (the issue's example claims)."""

from __future__ import annotations

import pytest

from assistant.check import check

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
