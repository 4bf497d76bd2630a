"""The factcheck command: outputs, JSON shapes, and messages instead of tracebacks."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder

from assistant import embedding
from assistant.cli import main


@pytest.fixture
def run(tmp_path, monkeypatch):
    monkeypatch.setattr(embedding, "load_embedder", lambda settings: FakeEmbedder())
    monkeypatch.setenv("FACTCHECK_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACTCHECK_INDEX_DIR", str(tmp_path / "index"))
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, list(args), catch_exceptions=False)

    return invoke


def test_ingest_search_show_docs_remove(run, corpus_copy):
    result = run("ingest", str(corpus_copy), "--quiet")
    assert result.exit_code == 0, result.output
    assert "5 added" in result.output and "101 sentences" in result.output

    result = run("search", "Wo sind die Koksan Haubitzen?", "--k", "3", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["language"] == "de" and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert {"doc_id", "title", "date", "score", "text", "start", "end"} <= set(hit)
    shown = json.loads(run("show", hit["doc_id"], "--json").output)
    assert shown["text"][hit["start"] : hit["end"]] == hit["text"]

    result = run("search", "Haubitzen", "--unit", "chunk")
    assert result.exit_code == 0 and "1. [" in result.output

    listing = json.loads(run("docs", "--json").output)
    assert len(listing) == 5 and {"id", "title", "date", "author", "language", "source"} <= set(listing[0])

    result = run("remove", "002_78a3db10bdd1f744")
    assert result.exit_code == 0 and "1 removed" in result.output, result.output
    assert len(json.loads(run("docs", "--json").output)) == 4

    result = run("ingest", str(corpus_copy), "--json")
    report = json.loads(result.output)
    assert report["added"] == ["002_78a3db10bdd1f744"] and len(report["unchanged"]) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("search", "Soldaten"), "No index at"),
        (("docs",), "factcheck ingest"),
        (("ingest", "/nonexistent/path"), "no such file or folder"),
    ],
)
def test_errors_are_messages_not_tracebacks(run, args, message):
    result = run(*args)
    assert result.exit_code == 1
    assert message in result.output
    assert "Traceback" not in result.output


def test_bad_files_warn_and_others_ingest(run, tmp_path):
    (tmp_path / "ok.txt").write_text("Nordkorea schickte 12.000 Soldaten.")
    (tmp_path / "leer.txt").write_text("")
    result = run("ingest", str(tmp_path / "ok.txt"), str(tmp_path / "leer.txt"), "--quiet")
    assert result.exit_code == 0
    assert "warning:" in result.output and "leer.txt: the file is empty" in result.output
    assert "1 added" in result.output


def test_show_unknown_document_and_empty_query(run, corpus_copy):
    run("ingest", str(corpus_copy), "--quiet")
    result = run("show", "nope")
    assert result.exit_code == 1 and "No document with id 'nope'" in result.output
    result = run("search", "   ")
    assert result.exit_code == 1 and "query is empty" in result.output


def test_corrupt_index_message(run, corpus_copy, tmp_path):
    run("ingest", str(corpus_copy), "--quiet")
    (tmp_path / "index" / "CURRENT").write_text("v-gone\n")
    result = run("search", "Soldaten")
    assert result.exit_code == 1 and "cannot be read" in result.output and "--rebuild" in result.output


def test_unexpected_errors_are_one_line(run, monkeypatch):
    def boom(*args, **kwargs):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr("assistant.index.Index.load", boom)
    result = run("docs")
    assert result.exit_code == 2
    assert "Internal error: ZeroDivisionError: boom" in result.output
    assert "Traceback" not in result.output


def test_models_list_names_licences(run):
    result = run("models", "list")
    assert result.exit_code == 0
    assert "Apache-2.0" in result.output and "Gemma Terms of Use" in result.output


def test_check_prints_verdict_table_and_json(run, corpus_copy, monkeypatch):
    from conftest import FakeGenerator

    from assistant import llm

    monkeypatch.setattr(llm, "load_generator", lambda settings: FakeGenerator(default="English."))
    monkeypatch.setenv("FACTCHECK_FIGURE_CANDIDATE_MIN", "-1")
    assert run("ingest", str(corpus_copy), "--quiet").exit_code == 0
    out = run("check", "Nordkorea hat 3 Millionen Artilleriegranaten geliefert")
    assert out.exit_code == 0
    assert "REFUTED" in out.output and "Widerlegt" in out.output and "„" in out.output
    as_json = run(
        "check", "Nordkorea hat 3 Millionen Artilleriegranaten geliefert", "--json", "--no-translate"
    )
    data = json.loads(as_json.stdout)
    assert data["verdict"] == "refuted" and data["claimed"]["value"] == 3e6
    assert all(row["translation"] is None for row in data["figures"])
    empty = run("check", " ")
    assert empty.exit_code == 1 and "The claim is empty" in empty.output


def test_serve_rejects_a_malformed_login(run, monkeypatch):
    from assistant import page

    called = []
    monkeypatch.setattr(page, "serve", lambda *a, **k: called.append((a, k)))
    bad = run("serve", "--auth", "no-colon")
    assert bad.exit_code == 1 and "USER:PASSWORD" in bad.output and not called
    good = run("serve", "--auth", "editor:secret", "--port", "7999")
    assert good.exit_code == 0
    ((args, _),) = called
    assert args[1:5] == ("127.0.0.1", 7999, ("editor", "secret"), False)  # local, no share link by default


def test_eval_needs_exactly_one_source(run, tmp_path):
    neither = run("eval")
    assert neither.exit_code == 1 and "gold file or --xquad" in neither.output
    missing = run("eval", str(tmp_path / "nope.jsonl"))
    assert missing.exit_code == 1 and "No gold file" in missing.output
