"""Index round trip, incremental re-ingest, removal, atomic writes and bad input (fake embedder)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder

from assistant import index as index_module
from assistant import index_write, thing_vectors
from assistant.errors import BadInputError, IndexCorruptError, IndexMissingError
from assistant.index import Index
from assistant.ingest import ingest, remove_documents
from assistant.retrieval import search


def test_round_trip(settings, fake_embedder, corpus_copy):
    report = ingest([corpus_copy], settings, fake_embedder)
    assert len(report.added) == 5 and not report.problems
    index = Index.load(settings.resolved_index_dir())
    assert sorted(index.documents) == sorted(p.stem for p in corpus_copy.glob("*.txt"))
    assert len(index.sentences) == report.sentences and len(index.chunks) == report.chunks
    for s in index.sentences:
        assert index.documents[s.doc_id].text[s.start : s.end] == s.text
    vectors = index.vectors("sentence")
    expected = fake_embedder.encode([s.text for s in index.sentences])
    assert np.allclose(vectors, expected, atol=1e-6)
    assert index.info["embedder"] == "fake-hash-64"
    assert index.chunk_index.__class__.__name__ == "IndexFlatIP"


def test_reingest_skips_unchanged_and_replaces_changed(settings, corpus_copy):
    first = FakeEmbedder()
    ingest([corpus_copy], settings, first)
    version = Index.load(settings.resolved_index_dir()).version

    again = FakeEmbedder()
    report = ingest([corpus_copy], settings, again)
    assert report.embedded == 0 and again.embedded == 0
    assert len(report.unchanged) == 5 and not report.changed
    assert Index.load(settings.resolved_index_dir()).version == version  # nothing rewritten

    changed = next(corpus_copy.glob("004_*.txt"))
    changed.write_text(changed.read_text() + "\nNeuer Absatz: 99 Luftballons wurden gezählt.\n")
    third = FakeEmbedder()
    report = ingest([corpus_copy], settings, third)
    assert report.updated == [changed.stem] and len(report.unchanged) == 4
    index = Index.load(settings.resolved_index_dir())
    doc_sentences = [s for s in index.sentences if s.doc_id == changed.stem]
    texts, new_things = third.calls  # the document's texts, then the one thing no figure counted before
    assert texts == len(doc_sentences) + sum(c.doc_id == changed.stem for c in index.chunks)
    assert new_things == 1 and "Luftballons" in thing_vectors.stored(index, FakeEmbedder.name)
    assert any("99 Luftballons" in s.text for s in doc_sentences)
    # vectors of untouched documents were carried over, row for row
    expected = FakeEmbedder().encode([s.text for s in index.sentences])
    assert np.allclose(index.vectors("sentence"), expected, atol=1e-6)


def test_ingest_adds_to_existing_documents(settings, fake_embedder, corpus_copy, tmp_path):
    ingest([next(corpus_copy.glob("000_*.txt"))], settings, fake_embedder)
    extra = tmp_path / "neu.md"
    extra.write_text("# Neuer Bericht\n\nNordkorea schickte 300 Panzer.")
    report = ingest([extra], settings, fake_embedder)
    assert report.added == ["neu"] and report.documents == 2


def test_remove(settings, fake_embedder, corpus_copy):
    ingest([corpus_copy], settings, fake_embedder)
    before = Index.load(settings.resolved_index_dir())
    gone = "002_78a3db10bdd1f744"
    report = remove_documents([gone], settings)
    after = Index.load(settings.resolved_index_dir())
    assert gone not in after.documents and report.removed == [gone]
    assert all(s.doc_id != gone for s in after.sentences)
    kept = [i for i, s in enumerate(before.sentences) if s.doc_id != gone]
    assert np.allclose(after.vectors("sentence"), before.vectors("sentence")[kept])
    hits = search(after, fake_embedder, "Koksan Haubitzen Krasnojarsk", settings, k=20).hits
    assert all(h.doc_id != gone for h in hits)
    with pytest.raises(BadInputError, match="Not in the index: nope"):
        remove_documents(["nope"], settings)


def test_failed_write_leaves_previous_index(settings, fake_embedder, corpus_copy, monkeypatch, tmp_path):
    ingest([corpus_copy], settings, fake_embedder)
    root = settings.resolved_index_dir()
    before = Index.load(root)

    def explode(*args, **kwargs):
        raise OSError("disk full (simulated)")

    monkeypatch.setattr(index_module.Bm25Set, "save", explode)  # after SQLite and FAISS are written
    extra = tmp_path / "neu.txt"
    extra.write_text("Ein neues Dokument über Raketen.")
    with pytest.raises(OSError, match="simulated"):
        ingest([extra], settings, fake_embedder)
    after = Index.load(root)
    assert after.version == before.version
    assert sorted(after.documents) == sorted(before.documents)
    assert not list(root.glob(".building-*"))
    assert [p.name for p in root.glob("v-*")] == [before.version]


def test_embedding_failure_leaves_previous_index(settings, fake_embedder, corpus_copy, tmp_path):
    ingest([corpus_copy], settings, fake_embedder)
    version = Index.load(settings.resolved_index_dir()).version

    class Broken(FakeEmbedder):
        def encode(self, *args, **kwargs):
            raise RuntimeError("out of memory (simulated)")

    extra = tmp_path / "neu.txt"
    extra.write_text("Noch ein Dokument.")
    with pytest.raises(Exception, match="previous index is unchanged"):
        ingest([extra], settings, Broken())
    assert Index.load(settings.resolved_index_dir()).version == version


KILL_SCRIPT = """
import sys, time
sys.path.insert(0, {tests!r})
from conftest import FakeEmbedder
from assistant.config import Settings
from assistant.ingest import ingest
from pathlib import Path

class Slow(FakeEmbedder):
    def encode(self, texts, **kw):
        print("embedding", flush=True)
        time.sleep(30)
        return super().encode(texts, **kw)

ingest([Path({corpus!r})], Settings(index_dir=Path({index!r})), Slow(), rebuild=True)
"""


def test_kill_during_ingest_leaves_previous_index(settings, fake_embedder, corpus_copy):
    ingest([next(corpus_copy.glob("000_*.txt"))], settings, fake_embedder)
    root = settings.resolved_index_dir()
    version = Index.load(root).version
    script = KILL_SCRIPT.format(tests=str(Path(__file__).parent), corpus=str(corpus_copy), index=str(root))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "embedding"
    time.sleep(0.2)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=10)
    index = Index.load(root)
    assert index.version == version and len(index.documents) == 1
    # the next writer cleans up after the killed one
    ingest([corpus_copy], settings, fake_embedder)
    assert len(Index.load(root).documents) == 5
    assert not list(root.glob(".building-*"))


def test_bad_inputs_are_reported_per_file(settings, fake_embedder, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "gut.txt").write_text("Nordkorea schickte 12.000 Soldaten nach Russland.")
    (folder / "latin.txt").write_bytes("Pjöngjang lieferte Granaten für Rußland.".encode("cp1252"))
    (folder / "leer.txt").write_bytes(b"")
    (folder / "binaer.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "tabelle.xlsx").write_bytes(b"PK\x03\x04")
    report = ingest([folder, tmp_path / "fehlt.md"], settings, fake_embedder)
    assert sorted(report.added) == ["gut", "latin"]
    text = "\n".join(report.problems)
    for expected in (
        "leer.txt: the file is empty",
        "binaer.txt: looks like a binary file",
        "tabelle.xlsx: skipped, unsupported",
        "fehlt.md: no such file",
    ):
        assert expected in text
    index = Index.load(settings.resolved_index_dir())
    assert index.documents["latin"].text == "Pjöngjang lieferte Granaten für Rußland."


def test_nothing_usable_is_an_error_and_keeps_index(settings, fake_embedder, corpus_copy, tmp_path):
    ingest([corpus_copy], settings, fake_embedder)
    (tmp_path / "leer.txt").write_text("")
    with pytest.raises(BadInputError, match="Nothing to ingest.*empty"):
        ingest([tmp_path / "leer.txt"], settings, fake_embedder)
    assert len(Index.load(settings.resolved_index_dir()).documents) == 5


def test_duplicate_ids_are_reported(settings, fake_embedder, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "bericht.txt").write_text("Erster Text.")
    (tmp_path / "b" / "bericht.md").write_text("Zweiter Text.")
    report = ingest([tmp_path / "a", tmp_path / "b"], settings, fake_embedder)
    assert report.added == ["bericht"]
    assert any("already taken" in p for p in report.problems)


def test_missing_and_corrupt_index_messages(settings, fake_embedder, corpus_copy):
    root = settings.resolved_index_dir()
    with pytest.raises(IndexMissingError) as missing:
        Index.load(root)
    assert "factcheck ingest" in str(missing.value)
    ingest([corpus_copy], settings, fake_embedder)
    version = Index.load(root).version
    (root / version / "chunks.faiss").write_bytes(b"garbage")
    with pytest.raises(IndexCorruptError) as corrupt:
        Index.load(root)
    assert "--rebuild" in str(corrupt.value)
    with pytest.raises(IndexCorruptError):
        ingest([corpus_copy], settings, fake_embedder)  # never silently overwrites
    report = ingest([corpus_copy], settings, fake_embedder, rebuild=True)
    assert len(report.added) == 5 and Index.load(root).version != version
    (root / "CURRENT").write_text("v-does-not-exist\n")
    with pytest.raises(IndexCorruptError, match="missing"):
        Index.load(root)


def test_changed_settings_reembed_everything(settings, fake_embedder, corpus_copy):
    ingest([corpus_copy], settings, fake_embedder)
    settings.chunk_sentences = 6
    again = FakeEmbedder()
    report = ingest([corpus_copy], settings, again)
    assert again.embedded > 0
    assert any("re-embedding" in p for p in report.problems)
    assert max(c.last - c.first for c in Index.load(settings.resolved_index_dir()).chunks) == 5


def test_hnsw_above_threshold(settings, fake_embedder, corpus_copy):
    settings.ann_threshold = 10
    ingest([corpus_copy], settings, fake_embedder)
    index = Index.load(settings.resolved_index_dir())
    assert index.sentence_index.__class__.__name__ == "IndexHNSWFlat"
    hits = search(index, fake_embedder, "Koksan Haubitzen", settings, k=3).hits
    assert hits and all(index.documents[h.doc_id].text[h.start : h.end] == h.text for h in hits)


def test_figures_are_stored_with_document_offsets(settings, fake_embedder, corpus_copy):
    ingest([corpus_copy], settings, fake_embedder)
    root = settings.resolved_index_dir()
    index = Index.load(root)
    assert index.schema_version == index_module.SCHEMA_VERSION
    import sqlite3

    con = sqlite3.connect(root / index.version / "meta.sqlite")
    stored = con.execute("SELECT count(*) FROM figures").fetchone()[0]
    con.close()
    assert stored == sum(len(f) for f in index.figures.values()) > 20
    soldiers = [
        (row, f)
        for row, figs in index.figures.items()
        for f in figs
        if f.value == 12000 and "Soldaten" in f.unit
    ]
    assert soldiers, "the 12 000 soldiers of article 000 are stored"
    for row, fig in (pair for row, figs in index.figures.items() for pair in ((row, f) for f in figs)):
        sentence = index.sentences[row]
        assert index.documents[sentence.doc_id].text[fig.start : fig.end] == fig.text
        assert sentence.start <= fig.start < fig.end <= sentence.end


def test_older_format_is_upgraded_without_reembedding(settings, fake_embedder, corpus_copy, monkeypatch):
    root = settings.resolved_index_dir()
    monkeypatch.setattr(index_write, "SCHEMA_VERSION", 2)  # write a version-2 index
    ingest([corpus_copy], settings, fake_embedder)
    monkeypatch.undo()
    with pytest.raises(index_module.IndexSchemaError) as old:
        Index.load(root)
    assert "no re-embedding" in str(old.value)
    again = FakeEmbedder()
    report = ingest([corpus_copy], settings, again)
    assert again.embedded == 0 and any("upgraded" in p for p in report.problems), (
        again.calls,
        report.problems,
    )
    index = Index.load(root)
    assert index.schema_version == 3 and index.figures


def test_figure_readings_are_stored_at_ingest_and_read_again_when_their_version_changes(
    settings, fake_embedder, corpus_copy, monkeypatch
):
    from assistant.stored_readings import figure_readings, sentence_readings

    ingest([corpus_copy], settings, fake_embedder)
    stored = Index.load(settings.resolved_index_dir())
    fresh = sentence_readings(stored.sentences, stored.documents, stored.figures)
    assert stored.readings is not None and sum(map(len, fresh.values())) > 20
    assert stored.readings == fresh  # stored exactly as read, in the figures' order
    monkeypatch.setattr(index_module, "readings_version", lambda: "another version")
    other = Index.load(settings.resolved_index_dir())
    assert other.readings is None  # stale: not used, read again on first use
    assert figure_readings(other) == fresh


def test_a_new_version_reads_only_the_new_sentences_figures(
    settings, fake_embedder, corpus_copy, monkeypatch
):
    from assistant.stored_readings import sentence_readings

    ingest([corpus_copy], settings, fake_embedder)
    read_rows: list[int] = []

    def counting(sentences, documents, figures):
        read_rows.extend(figures)
        return sentence_readings(sentences, documents, figures)

    monkeypatch.setattr(index_write, "sentence_readings", counting)
    (corpus_copy / "neu.txt").write_text(
        "Neue Zahlen\n\nDie Mieten sind 2025 um 2,4 Prozent gestiegen. Es gab 300 neue Wohnungen.\n",
        encoding="utf-8",
    )
    ingest([corpus_copy], settings, fake_embedder)
    index = Index.load(settings.resolved_index_dir())
    new_rows = {r for r, s in enumerate(index.sentences) if s.doc_id == "neu"}
    assert read_rows and set(read_rows) <= new_rows  # the kept sentences' readings were carried over
    assert index.readings == sentence_readings(index.sentences, index.documents, index.figures)
    read_rows.clear()
    remove_documents(["neu"], settings)
    assert read_rows == []  # removing reads nothing
    index = Index.load(settings.resolved_index_dir())
    assert index.readings == sentence_readings(index.sentences, index.documents, index.figures)
