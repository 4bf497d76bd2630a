"""The one loader: what is given is used, the rest is loaded on first use, once."""

from __future__ import annotations

import pytest

from assistant import embedding, llm
from assistant.errors import IndexMissingError
from assistant.ingest import ingest
from assistant.session import Session


def test_given_objects_are_used_and_nothing_else_loads(settings, fake_embedder, corpus_copy, monkeypatch):
    def no_load(_settings):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr(embedding, "load_embedder", no_load)
    monkeypatch.setattr(llm, "load_generator", no_load)
    session = Session(settings, embedder=fake_embedder)
    assert not session.has_index()
    with pytest.raises(IndexMissingError):
        session.index  # noqa: B018 (the property loads)
    ingest([corpus_copy], settings, session.embedder)
    index = session.index
    assert session.has_index() and len(index.documents) == 5 and session.index is index
    assert session.translations.path == settings.resolved_translations_path()


def test_models_load_once_on_first_use(settings, fake_embedder, monkeypatch):
    loads = []
    monkeypatch.setattr(embedding, "load_embedder", lambda s: loads.append("embedder") or fake_embedder)
    monkeypatch.setattr(llm, "load_generator", lambda s: loads.append("generator") or object())
    session = Session(settings)
    assert loads == []
    assert session.embedder is session.warm_embedder() is fake_embedder
    generator = session.generator
    assert session.generator is generator and loads == ["embedder", "generator"]


def test_reload_sees_a_new_version(settings, fake_embedder, corpus_copy):
    ingest([corpus_copy / "000_6f5a61955203e82d.txt"], settings, fake_embedder)
    session = Session(settings, embedder=fake_embedder)
    first = session.index
    ingest([corpus_copy], settings, fake_embedder)
    assert session.index is first and len(session.reload().documents) == 5 > len(first.documents)
