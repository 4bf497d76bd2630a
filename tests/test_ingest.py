"""Ingest details from issue 13: duplicates, the writer lock's message, stated dates only, quiet PDF
errors, a folder's README, and each distinct text embedded once."""

from __future__ import annotations

import hashlib
import logging
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np
import pytest
from conftest import FakeEmbedder
from pdfmaker import make_pdf

from assistant import thing_vectors
from assistant.corpus import _read_pdf, discover, load_document
from assistant.errors import BadInputError
from assistant.index import Index
from assistant.index_write import WAITING, writer_lock
from assistant.ingest import ingest
from assistant.terminal import Bars

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
    assert not again.added
    assert any(
        "copy.txt: skipped, same content as document 'a' already in the index" in p for p in again.problems
    )
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
        "from assistant.index_write import writer_lock\nfrom pathlib import Path\nimport time\n"
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
    assert sum("skipped, looks like a README/licence, not an article" in p for p in problems) == 2
    assert discover([folder / "README.md"])[0] == [folder / "README.md"]  # named: read


def test_each_distinct_text_is_embedded_once(settings, fake_embedder, tmp_path):
    folder = tmp_path / "tiny"
    folder.mkdir()
    for i in range(5):
        (folder / f"t{i}.txt").write_text(f"In Graz entstehen {100 + i} neue Wohnungen.\n")
    report = ingest([folder], settings, fake_embedder)
    assert report.sentences == 5 and report.chunks == 5
    # each one-sentence chunk is its sentence; then „Wohnungen“, the one thing the figures count
    assert report.embedded == 5 == fake_embedder.embedded - 1 and report.things == 1
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


class TitledEmbedder(FakeEmbedder):
    """The fake embedder with the title mixed in, as the real one has it in its prompt: the same
    sentence under two titles gets two vectors, so a vector given to the wrong row shows."""

    name = "fake-titled-64"

    def encode(self, texts, kind="document", titles=None, progress=None):
        titles = list(titles or [None] * len(texts))
        vectors = super().encode(texts, kind, None, progress)
        for i, title in enumerate(titles):
            seed = int.from_bytes(hashlib.md5(str(title).encode()).digest()[:4], "little")
            vectors[i] += np.random.default_rng(seed).normal(size=self.dim).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_vectors_embedded_once_land_on_their_own_rows(settings, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shared = "Die Kosten liegen bei 40 Millionen Euro."
    for i, place in enumerate(["Graz", "Linz", "Wien"]):
        sentences = [
            f"In {place} entstehen {100 + i} Wohnungen.",
            shared,
            f"Der Bau in {place} beginnt bald.",
        ]
        sentences += [shared, f"Die Stadt {place} zahlt {i + 2} Millionen Euro."]  # a repeated line
        (folder / f"{place}.txt").write_text(f"Neue Wohnungen in {place}\n\n" + " ".join(sentences) + "\n")
    (folder / "kurz.txt").write_text("In Kiel entstehen 7 Wohnungen.\n")  # its chunk is its sentence
    embedder = TitledEmbedder()
    report = ingest([folder], settings, embedder)
    index = Index.load(settings.resolved_index_dir())
    title = {d.id: d.title for d in index.documents.values()}

    def alone(text: str, doc_id: str) -> np.ndarray:
        return TitledEmbedder().encode([text], titles=[title[doc_id]])[0]

    for kind, units in (("sentence", index.sentences), ("chunk", index.chunks)):
        vectors = index.vectors(kind)
        for row, unit in enumerate(units):
            assert np.allclose(vectors[row], alone(unit.text, unit.doc_id), atol=1e-6), (kind, unit.text)
    distinct = {(u.text, title[u.doc_id]) for u in [*index.sentences, *index.chunks]}
    texts = embedder.embedded - report.things  # then what the figures count, in one batch of its own
    assert report.embedded == len(distinct) == texts < report.sentences + report.chunks
    assert embedder.calls[-1] == report.things == len(thing_vectors.stated_things(index))


def test_an_ingest_says_it_waits_for_another(settings, fake_embedder, tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    root = settings.resolved_index_dir()
    held, release = threading.Event(), threading.Event()
    stages: list[str] = []

    def other_ingest():
        with writer_lock(root):
            held.set()
            release.wait(5)

    thread = threading.Thread(target=other_ingest)
    thread.start()
    assert held.wait(5)
    threading.Timer(0.3, release.set).start()
    report = ingest([tmp_path / "a.txt"], settings, fake_embedder, progress=lambda s, d, n: stages.append(s))
    thread.join(5)
    assert report.added == ["a"]
    assert stages.count(WAITING) == 1 and stages.index(WAITING) < stages.index("embedding")


def test_the_command_line_prints_the_wait_even_when_quiet(capsys):
    bars = Bars(enabled=False)
    bars(WAITING, 0, 1)
    bars("embedding", 0, 10)
    captured = capsys.readouterr()
    assert captured.err == "Waiting for another ingest to finish…\n" and captured.out == ""


@pytest.mark.parametrize(
    ("head", "extra", "expected"),
    [
        ('<meta property="article:published_time" content="2024-10">', "", None),  # trafilatura: today
        ("", "<p>© 2024</p>", None),  # trafilatura: 2024-01-01
        ("", "<p>10/05/2024</p>", None),  # May or October: trafilatura reads 2024-05-10
        ("", '<p><time datetime="2024-10-05">5. Oktober 2024</time></p>', "2024-10-05"),
        ('<link rel="canonical" href="https://example.at/2024/10/05/wien">', "", "2024-10-05"),
        ("", "<p>Wien, 5.&nbsp;Oktober 2024</p>", "2024-10-05"),
    ],
)
def test_an_html_date_needs_its_day_stated(tmp_path, head, extra, expected):
    page = tmp_path / "page.html"
    page.write_text(
        f"<html><head><title>Bericht</title>{head}</head><body><article><h1>Ein Bericht über Wien</h1>"
        f"{extra}<p>Die Stadt Wien baut 300 neue Wohnungen, sagte der Bürgermeister am Montag. Die "
        "Kosten betragen 40 Millionen Euro.</p></article></body></html>"
    )
    assert load_document(page).date == expected


def _damaged(pdf: bytes, rng: random.Random) -> bytes:
    data = bytearray(pdf)
    for _ in range(rng.randint(1, 8)):
        op, at = rng.random(), rng.randrange(len(data))
        if op < 0.5:
            data[at] = rng.randrange(256)
        elif op < 0.75:
            del data[at : at + rng.randint(1, 20)]
        else:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 10)))
    return bytes(data)


def test_damaged_pdfs_are_refused_quietly(tmp_path, caplog, capsys):
    """400 randomly damaged PDFs: each is read or refused with a message, nothing else; pypdf
    logs nothing (it would print "EOF marker not found"), and its logger's level is put back.
    Case 64 of this seed made pypdf raise its LimitReachedError, which escaped before."""
    caplog.set_level(logging.WARNING, logger="pypdf")
    pdf = make_pdf([["Hallo Welt, ein Satz."], ["Zweite Seite mit 300 Wohnungen."]])
    rng = random.Random(1)
    refused = 0
    for _ in range(400):
        try:
            _read_pdf(_damaged(pdf, rng), "x.pdf")
        except BadInputError:
            refused += 1
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(pdf[: len(pdf) // 2])
    with pytest.raises(BadInputError, match="not a readable PDF"):
        load_document(truncated)
    assert refused > 100
    assert not [r for r in caplog.records if r.name.startswith("pypdf")]
    assert capsys.readouterr().err == ""
    assert logging.getLogger("pypdf").level == logging.WARNING


def test_only_a_folders_notes_are_skipped(tmp_path):
    folder = tmp_path / "articles"
    folder.mkdir()
    notes = ["readme.txt", "README.de.md", "CHANGELOG.md", "LICENSE-MIT.txt", "Licence.md"]
    articles = ["license-fees-rise.txt", "readme-der-woche.md", "changelog_politik.txt", "story.txt"]
    for name in notes + articles:
        (folder / name).write_text(ARTICLE)
    files, problems = discover([folder])
    assert sorted(f.name for f in files) == sorted(articles)
    assert sorted(p.split(":")[0].rsplit("/", 1)[1] for p in problems) == sorted(notes)
