"""Ingest details from issue 13: duplicates, the writer lock's message, stated dates only, quiet PDF
errors, a folder's README, and each distinct text embedded once."""

from __future__ import annotations

import subprocess
import sys
import threading
import time
from pathlib import Path

from pdfmaker import make_pdf

from assistant.corpus import discover, load_document
from assistant.index import WAITING, Index, writer_lock
from assistant.ingest import ingest

ARTICLE = (
    "Neue Wohnungen in Graz\n\nIn Graz entstehen 300 neue Wohnungen. Die Stadt zahlt 40 Millionen Euro.\n"
)


def test_the_same_content_twice_is_indexed_once(settings, fake_embedder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE, encoding="utf-8")
    report = ingest([folder], settings, fake_embedder)
    assert report.added == ["a"]
    assert any("b.txt: skipped, same content as" in p and p.endswith("a.txt") for p in report.problems)
    later = tmp_path / "later"
    later.mkdir()
    (later / "copy.txt").write_text(ARTICLE, encoding="utf-8")
    again = ingest([later], settings, fake_embedder)
    assert not again.added and any("same content as document 'a'" in p for p in again.problems)
    assert list(Index.load(settings.resolved_index_dir()).documents) == ["a"]
    assert ingest([folder / "a.txt"], settings, fake_embedder).unchanged == ["a"]  # re-ingest: unchanged


def test_a_second_writer_is_told_it_waits(settings, tmp_path):
    root = settings.resolved_index_dir()
    told: list[str] = []
    held, release = threading.Event(), threading.Event()

    def first():
        with writer_lock(root):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=first)
    thread.start()
    assert held.wait(5)
    threading.Timer(0.3, release.set).start()
    started = time.monotonic()
    with writer_lock(root, lambda: told.append(WAITING)):
        waited = time.monotonic() - started
    thread.join(5)
    assert told == [WAITING] and waited >= 0.2
    with writer_lock(root, lambda: told.append("again")):
        pass
    assert told == [WAITING]  # a free lock says nothing


def test_the_cli_says_it_waits_for_another_ingest(settings, tmp_path):
    root = settings.resolved_index_dir()
    script = (
        "from assistant.index import writer_lock\nfrom pathlib import Path\nimport time\n"
        f"with writer_lock(Path({str(root)!r})):\n    print('held', flush=True); time.sleep(2)"
    )
    holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    missing = tmp_path / "nothing-here.txt"
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "--index-dir", str(root), "remove", "x"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    holder.wait(10)
    assert "Waiting for another ingest to finish" in out.stderr, out.stderr
    assert "Traceback" not in out.stderr and not missing.exists()


def test_an_html_page_gets_only_a_stated_date(tmp_path):
    body = (
        "<body><article><h1>Ein Bericht über Wien</h1>{extra}<p>Die Stadt Wien baut 300 neue Wohnungen, "
        "sagte der Bürgermeister am Montag. Die Kosten betragen 40 Millionen Euro.</p></article></body>"
    )
    month_only = tmp_path / "month.html"
    month_only.write_text(
        f"<html><head><title>Bericht</title></head>{body.format(extra='<p>Oktober 2024</p>')}"
    )
    assert load_document(month_only).date is None  # trafilatura said 2024-01-01
    meta = tmp_path / "meta.html"
    meta.write_text(
        '<html><head><title>Bericht</title><meta property="article:published_time" '
        f'content="2024-10-05T10:00:00Z"></head>{body.format(extra="")}'
    )
    assert load_document(meta).date == "2024-10-05"


def test_a_broken_pdf_gets_one_clear_message(tmp_path):
    pdf = make_pdf([["Hallo Welt, ein Satz."]])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(pdf[: len(pdf) // 2])
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "assistant.cli",
            "--index-dir",
            str(tmp_path / "index"),
            "ingest",
            str(broken),
        ],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert out.returncode == 1
    lines = [ln for ln in out.stderr.splitlines() if ln.strip() and not ln.startswith("reading")]
    assert len(lines) == 1 and "not a readable PDF" in lines[0], out.stderr  # no "EOF marker not found"


def test_a_folders_readme_is_not_an_article(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    (folder / "README.md").write_text("# About this folder\n\nArticles from 2024.\n")
    (folder / "LICENSE.txt").write_text("CC BY-NC-SA 4.0\n")
    (folder / "story.txt").write_text(ARTICLE)
    files, problems = discover([folder])
    assert [f.name for f in files] == ["story.txt"]
    assert sum("README or licence" in p for p in problems) == 2
    assert discover([folder / "README.md"])[0] == [folder / "README.md"]  # named: read


def test_each_distinct_text_is_embedded_once(settings, fake_embedder, tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(5):
        (folder / f"t{i}.txt").write_text(f"In Graz entstehen {100 + i} neue Wohnungen.\n")
    report = ingest([folder], settings, fake_embedder)
    assert report.sentences == 5 and report.chunks == 5
    assert report.embedded == 5 == fake_embedder.embedded  # each one-sentence chunk is its sentence
    index = Index.load(settings.resolved_index_dir())
    assert (index.vectors("sentence") == index.vectors("chunk")).all()


def test_ingest_of_many_small_files_reports_them_all(settings, fake_embedder, tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    for i in range(200):
        (folder / f"item_{i:03d}.txt").write_text(f"Meldung {i}\n\nIn Linz entstehen {i + 10} Wohnungen.\n")
    report = ingest([folder], settings, fake_embedder)
    assert len(report.added) == 200 and not report.problems
    assert Path(settings.resolved_index_dir(), "CURRENT").exists()
