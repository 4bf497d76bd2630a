"""The page's rendering and handlers with fakes: escaping, cards, tables; the app builds."""

from __future__ import annotations

import json

import pytest
from conftest import FakeGenerator

from assistant.answer.result import Answer
from assistant.evidence import Evidence
from assistant.index import Index
from assistant.ingest import ingest
from assistant.page import Assistant, build_app, make_handlers
from assistant.page.render import answer_message, evidence_cards, quote_in_context


@pytest.fixture
def assistant(settings, fake_embedder, corpus_copy, monkeypatch):
    settings.figure_candidate_min = -1.0
    (corpus_copy / "evil.md").write_text(
        "Böser Titel\n\nEin Satz mit <script>alert(1)</script> und <b>fett</b> darin.\n", encoding="utf-8"
    )
    ingest([corpus_copy], settings, fake_embedder)
    generator = FakeGenerator(
        default=json.dumps({"sentence_ids": [], "answer": "", "insufficient_evidence": True})
    )
    return Assistant(settings, fake_embedder, generator, Index.load(settings.resolved_index_dir()))


def test_corpus_markup_is_escaped_everywhere(assistant):
    index = assistant.index
    doc = index.documents["evil"]
    start = doc.text.index("Ein Satz")
    end = doc.text.index("darin.") + len("darin.")
    ev = Evidence("evil", doc.title, None, doc.text[start:end], start, end, "de", "A <i>translation</i>")
    html = evidence_cards([ev], index)
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<i>translation" not in html and "&lt;b&gt;fett" in html
    context = quote_in_context(doc.text, start, end)
    assert context.count("<mark>") == 1 and "&lt;script&gt;" in context
    answer = Answer("q", "en", "Answer with <img src=x onerror=alert(1)>", False, [ev])
    assert "<img" not in answer_message(answer, index)


def test_insufficient_evidence_is_a_notice_not_an_answer(assistant):
    answer = Answer("q", "en", "The articles do not answer this question.", True, [])
    message = answer_message(answer, assistant.index)
    assert 'class="insufficient"' in message and "evidence" not in message


def test_check_renders_badge_table_and_chart(assistant):
    _, check_handler, *_ = make_handlers(assistant)
    badge, explanation, table, chart = list(check_handler("Nordkorea hat 150 Raketen geliefert"))[-1]
    assert 'data-verdict="conflicting"' in badge
    assert "Widersprüchlich" in explanation
    assert "<mark>150</mark>" in table and "contradicts" in table
    rows = chart["value"]
    assert set(rows["relation"]) >= {"claimed", "supports", "contradicts"}
    assert chart["sort"][0].startswith("claim:") and chart["sort"] == list(rows["source"])


def test_ask_handler_streams_into_the_chat(assistant):
    ask_handler, *_ = make_handlers(assistant)
    steps = list(ask_handler("<b>Wie viele Raketen?</b>", []))
    history, cleared = steps[-1]
    assert cleared == "" and history[0]["content"] == "&lt;b&gt;Wie viele Raketen?&lt;/b&gt;"
    assert 'class="insufficient"' in history[-1]["content"]


def test_the_app_builds(assistant):
    app = build_app(assistant)
    assert app.title.startswith("factcheck")
