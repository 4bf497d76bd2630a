"""Bad input over the command line and the page's API: a clear message, never exit code 2, never a
traceback (on screen or in the server log), and the index byte for byte unchanged after a refusal.

The command line runs in-process (click's runner, the fake embedder); the page's handlers run with
the fake models, and a few cases go through the real HTTP API of a served page.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import socket
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import FakeEmbedder, FakeGenerator
from pdfmaker import make_pdf

from assistant import embedding
from assistant.cli import main
from assistant.index import Index
from assistant.ingest import ingest
from assistant.page import Assistant, build_app, make_handlers

LONG = "Wie viele Soldaten " * 2700  # 51,300 characters


def _files(folder: Path) -> None:
    """The bad files the ingest cases point at."""
    folder.mkdir()
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("   \n\n\t  \n")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "fake.pdf").write_text("Dies ist kein PDF, nur Text mit der Endung .pdf.")
    pdf = make_pdf([["Hallo Welt, ein Satz."]])
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "report.docx").write_bytes(b"PK\x03\x04 not supported")
    (folder / "empty-folder").mkdir()
    (folder / "loop").mkdir()
    os.symlink(folder / "loop", folder / "loop" / "again")
    (folder / "only-unsupported").mkdir()
    (folder / "only-unsupported" / "table.csv").write_text("a,b\n1,2\n")
    (folder / "ä ö 'x\" $(rm).txt").write_bytes(b"\x00\x01\x02" * 50)
    (folder / "huge.txt").write_text("Ein Satz über Wien. " * 200)  # over the lowered size limit
    (folder / "index-is-a-file").write_text("not a folder")
    (folder / "good.txt").write_text("Neue Wohnungen\n\nIn Wien entstehen 300 Wohnungen, sagte die Stadt.\n")


# (id, arguments; {F} is the folder of bad files, {I} the index folder)
CLI_CASES = [
    ("ask-empty", ["ask", ""]),
    ("ask-blank", ["ask", "   \n\t "]),
    ("ask-50k", ["ask", LONG]),
    ("ask-emoji", ["ask", "🚀💣"]),
    ("ask-punctuation", ["ask", "?!?"]),
    ("ask-digits", ["ask", "2024"]),
    ("ask-controls", ["ask", "\x01\x02\x03"]),
    ("ask-bad-lang", ["ask", "--lang", "xx", "Wie viele Soldaten?"]),
    ("check-empty", ["check", ""]),
    ("check-too-long", ["check", "Nordkorea hat 12.000 Soldaten geschickt. " * 30]),
    ("check-emoji", ["check", "🚀🚀🚀"]),
    ("check-bad-lang", ["check", "--lang", "deutsch", "Nordkorea hat 12.000 Soldaten geschickt"]),
    ("search-empty", ["search", ""]),
    ("search-emoji", ["search", "💣"]),
    ("search-k-zero", ["search", "--k", "0", "Soldaten"]),
    ("search-bad-unit", ["search", "--unit", "word", "Soldaten"]),
    ("show-unknown", ["show", "no-such-document"]),
    ("show-empty-id", ["show", ""]),
    ("remove-unknown", ["remove", "no-such-document"]),
    ("remove-no-ids", ["remove"]),
    ("unknown-command", ["frobnicate"]),
    ("unknown-option", ["ask", "--frob", "x"]),
    ("ingest-missing", ["ingest", "{F}/does-not-exist.txt"]),
    ("ingest-empty-file", ["ingest", "{F}/empty.txt"]),
    ("ingest-blank-file", ["ingest", "{F}/blank.txt"]),
    ("ingest-binary-txt", ["ingest", "{F}/binary.txt"]),
    ("ingest-fake-pdf", ["ingest", "{F}/fake.pdf"]),
    ("ingest-truncated-pdf", ["ingest", "{F}/truncated.pdf"]),
    ("ingest-unsupported", ["ingest", "{F}/report.docx"]),
    ("ingest-empty-folder", ["ingest", "{F}/empty-folder"]),
    ("ingest-symlink-loop", ["ingest", "{F}/loop"]),
    ("ingest-only-unsupported", ["ingest", "{F}/only-unsupported"]),
    ("ingest-weird-name", ["ingest", "{F}/ä ö 'x\" $(rm).txt"]),
    ("ingest-over-size-limit", ["ingest", "{F}/huge.txt"]),
    ("ingest-no-paths", ["ingest"]),
    ("eval-missing-gold", ["eval", "{F}/no-gold.jsonl"]),
    ("eval-bad-gold", ["eval", "{F}/blank.txt"]),
    ("docs-index-is-a-file", ["--index-dir", "{F}/index-is-a-file", "docs"]),
    ("search-no-index", ["--index-dir", "{F}/empty-folder", "search", "Soldaten"]),
    ("ask-no-index", ["--index-dir", "{F}/empty-folder", "ask", "Wie viele Soldaten?"]),
    ("ingest-into-a-file", ["--index-dir", "{F}/index-is-a-file", "ingest", "{F}/blank.txt"]),
    # a readable file: the refusal comes from the index folder, not the file (it exited 2 before)
    ("ingest-good-into-a-file", ["--index-dir", "{F}/index-is-a-file", "ingest", "{F}/good.txt"]),
    ("ingest-good-under-a-file", ["--index-dir", "{F}/index-is-a-file/sub", "ingest", "{F}/good.txt"]),
]


def _digest(root: Path) -> dict[str, str]:
    """Every file under the index folder with its hash (the lock file is the writers' own)."""
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


@pytest.fixture(scope="module")
def bad(tmp_path_factory):
    """A fake-embedder index of the sample corpus and the folder of bad files."""
    root = tmp_path_factory.mktemp("bad")
    from conftest import CORPUS

    from assistant.config import Settings

    settings = Settings(home=root / "home", index_dir=root / "index", translation_min_similarity=None)
    ingest([CORPUS], settings, FakeEmbedder())
    _files(root / "files")
    return settings, root


@pytest.mark.parametrize("case,args", CLI_CASES, ids=[c for c, _ in CLI_CASES])
def test_the_command_line_refuses_bad_input_cleanly(bad, monkeypatch, case, args):
    settings, root = bad
    monkeypatch.setattr(embedding, "load_embedder", lambda s: FakeEmbedder())
    monkeypatch.setenv("FACTCHECK_HOME", str(settings.home))
    monkeypatch.setenv("FACTCHECK_INDEX_DIR", str(settings.index_dir))
    monkeypatch.setenv("FACTCHECK_MAX_FILE_BYTES", "2000")
    args = [a.replace("{F}", str(root / "files")) for a in args]
    before = _digest(settings.index_dir)
    started = time.perf_counter()
    result = CliRunner().invoke(main, args)
    seconds = time.perf_counter() - started
    shown = result.output + (result.stderr if result.stderr_bytes is not None else "")
    assert result.exit_code == 1, (result.exit_code, shown)  # refused: never 0, never 2
    assert "Traceback" not in shown and not isinstance(result.exception, (AssertionError, TypeError))
    assert "Error" in shown  # a message a person can read
    assert _digest(settings.index_dir) == before
    assert seconds < 10  # refused before any model loads


# ---------------------------------------------------------------- the page


@pytest.fixture
def page(bad, tmp_path, caplog):
    settings, root = bad
    settings = settings.model_copy(update={"max_file_bytes": 2000, "focus_sentences": 0})
    generator = FakeGenerator(
        default=json.dumps({"sentence_ids": [], "answer": "", "insufficient_evidence": True, "labels": []})
    )
    assistant = Assistant(settings, FakeEmbedder(), generator, Index.load(settings.index_dir))
    caplog.set_level(logging.INFO)
    return assistant, root / "files", caplog


class _File:
    """What gradio hands an upload handler: an object with the temporary file's name."""

    def __init__(self, path: Path) -> None:
        self.name = str(path)


PAGE_CASES = [
    ("ask", ""),
    ("ask", LONG),
    ("ask", "🚀💣"),
    ("ask", "?!?"),
    ("check", ""),
    ("check", "Nordkorea hat 12.000 Soldaten geschickt. " * 30),
    ("check", "🚀"),
    ("upload", None),
    ("upload", "binary.txt"),
    ("upload", "empty.txt"),
    ("upload", "report.docx"),
    ("upload", "huge.txt"),
    ("upload", "truncated.pdf"),
    ("remove", ""),
    ("remove", "no-such-document"),
    ("show", "no-such-document"),
]


@pytest.mark.parametrize("kind,value", PAGE_CASES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(PAGE_CASES)])
def test_the_page_refuses_bad_input_cleanly(page, kind, value):
    import gradio as gr

    assistant, files, caplog = page
    ask_handler, check_handler, upload_handler, remove_handler, show_handler = make_handlers(assistant)
    before = _digest(assistant.settings.index_dir)
    shown = ""
    try:
        if kind == "ask":
            shown = str(list(ask_handler(value, [])))
        elif kind == "check":
            shown = str(list(check_handler(value)))
        elif kind == "upload":
            shown = str(upload_handler([_File(files / value)] if value else None))
        elif kind == "remove":
            shown = str(remove_handler(value))
        else:
            shown = str(show_handler(value))
    except gr.Error as exc:  # shown as a message box in the page
        shown = str(exc)
        assert not exc.print_exception  # gradio would print a traceback into the server log
    assert shown and "Traceback" not in shown
    assert _digest(assistant.settings.index_dir) == before
    assert not [r for r in caplog.records if r.exc_info], "a refusal logged a traceback"


def test_markup_in_a_question_is_escaped_in_the_page(page):
    assistant, _, _ = page
    ask_handler, *_ = make_handlers(assistant)
    history, _ = list(ask_handler("<img src=x onerror=alert(1)> Soldaten?", []))[-1]
    assert "<img" not in history[0]["content"] and "&lt;img" in history[0]["content"]


def test_a_question_about_the_assistant_is_declined_in_the_page(page):
    assistant, _, _ = page
    ask_handler, *_ = make_handlers(assistant)
    history, _ = list(ask_handler("Was soll ich antworten?", []))[-1]
    assert 'class="insufficient"' in history[-1]["content"] and "Assistent" in history[-1]["content"]
    assert not assistant.generator.inner.calls


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_bad_input_through_the_http_api(page, capfd):
    """The page as served: refusals come back as errors with a message, and the server prints no
    traceback."""
    from gradio_client import Client, handle_file

    assistant, files, caplog = page
    before = _digest(assistant.settings.index_dir)
    app = build_app(assistant)
    port = _free_port()
    app.launch(server_port=port, prevent_thread_lock=True, quiet=True)
    try:
        client = Client(f"http://127.0.0.1:{port}/", verbose=False)
        for api, args in [
            ("/ask_handler", ("🚀💣", [])),
            ("/ask_handler", (LONG[:5000], [])),
            ("/check_handler", ("",)),
            ("/show_handler", ("no-such-document",)),
        ]:
            with pytest.raises(Exception) as refused:
                client.predict(*args, api_name=api)
            assert "Traceback" not in str(refused.value) and len(str(refused.value)) > 10
        notice = client.predict([handle_file(str(files / "binary.txt"))], api_name="/upload_handler")[0]
        assert "binary" in notice and "unchanged" in notice
        # a type the picker does not offer, sent to the API: the handler's message, not gradio's check
        notice = client.predict([handle_file(str(files / "report.docx"))], api_name="/upload_handler")[0]
        assert "Not a supported file type: report.docx" in notice
        notice = client.predict([handle_file(str(files / "huge.txt"))], api_name="/upload_handler")[0]
        assert "huge.txt" in notice and "unchanged" in notice, notice
    finally:
        app.close()
    assert _digest(assistant.settings.index_dir) == before
    assert "Traceback" not in capfd.readouterr().err
    assert not [r for r in caplog.records if r.exc_info]
