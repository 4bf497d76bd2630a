"""The real page in a real browser: the page of `factcheck serve` with the real models on the sample corpus,
driven by Playwright through Debian's Chromium (headless; no browser is ever downloaded).

Screenshots of every step go to tests/artifacts/.
"""

from __future__ import annotations

import re
import shutil
import socket
import time
import urllib.request
from pathlib import Path

import pytest

from assistant.index import Index
from assistant.page import serve

pytestmark = [pytest.mark.integration, pytest.mark.browser]

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
STARTUP_SECONDS = 180
ANSWER_SECONDS = 180
UI_SECONDS = 120  # a file shown in the upload box, a document opened: slow only on a loaded machine
# the last answer is final: it shows evidence cards or the insufficient-evidence notice, and no
# status line (a waiting question shows its candidate sentences' cards under one)
FINISHED = """() => {
    const m = document.querySelectorAll('#chat .bot'); const last = m[m.length - 1];
    return last && !last.querySelector('.status')
        && (last.querySelector('.evidence') || last.querySelector('.insufficient'));
}"""

if not Path(CHROMIUM).exists():  # scripts/test.sh installs it; a bare pytest run may lack it
    pytest.skip(
        f"{CHROMIUM} is not installed (apt-get install chromium chromium-driver)", allow_module_level=True
    )
sync_api = pytest.importorskip("playwright.sync_api")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, real):
    """The page, built and served as `factcheck serve` does (`assistant.page.serve`), on a free
    port, over a private copy of the session's sample index. It runs in the test process with the
    session's models (conftest), so no model is loaded twice, the model's prompt cache is warm,
    and the session's translation cache is shared."""
    settings, embedder, _, generator, _ = real
    home = tmp_path_factory.mktemp("serve")
    index_dir = home / "index"
    shutil.copytree(settings.resolved_index_dir(), index_dir, ignore=shutil.ignore_patterns(".lock"))
    port = free_port()
    started = time.perf_counter()
    log = open(home / "serve.log", "w")  # noqa: SIM115 - open for the server's whole life
    app = serve(
        settings.model_copy(update={"index_dir": index_dir}),
        port=port,
        log=lambda line: print(line, file=log, flush=True),
        embedder=embedder,
        generator=generator,
        block=False,
    )
    url = f"http://127.0.0.1:{port}/"
    try:
        while True:
            try:
                urllib.request.urlopen(url, timeout=2)
                break
            except OSError:
                if time.perf_counter() - started > STARTUP_SECONDS:
                    raise
                time.sleep(0.2)
        ready = time.perf_counter() - started
        print(f"\npage ready {ready:.1f} s after serve() was called (models already loaded)")
        yield {"url": url, "ready_seconds": ready, "log": home / "serve.log", "home": home}
    finally:
        app.close()
        log.close()


@pytest.fixture(scope="module")
def browser():
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield b
        b.close()


def open_page(browser, server):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    page.goto(server["url"])
    page.wait_for_selector("#question textarea", timeout=60_000)
    return page


def ask(page, question: str) -> float:
    """Ask in the chat; return the seconds until the first streamed word appeared."""
    bots_before = page.locator("#chat .bot").count() if page.locator("#chat .bot").count() else 0
    page.fill("#question textarea", question)
    t0 = time.perf_counter()
    page.click("#ask-button")
    page.wait_for_function(
        """(n) => { const m = document.querySelectorAll('#chat .bot');
                    const text = m.length > n ? m[m.length - 1].innerText.trim() : '';
                    const words = text.replace(/…|\\.\\.\\.|Loading content/g, '').trim();
                    return words.length > 0 ? [m.length, text] : false; }""",
        arg=bots_before,
        timeout=ANSWER_SECONDS * 1000,
    )
    first = time.perf_counter() - t0
    page.wait_for_function(
        FINISHED,
        timeout=ANSWER_SECONDS * 1000,
    )
    return first


def last_answer(page):
    return page.locator("#chat .bot").last


def test_ask_streams_an_answer_with_evidence_cards(browser, server, real):
    page = open_page(browser, server)
    assert "5 documents" in page.inner_text("#status")
    first = ask(page, "What did Kim Jong Un call the situation on the Korean peninsula?")
    print(f"first question: first streamed words after {first:.1f} s (cold prompt cache)")
    answer = last_answer(page)
    card = answer.locator(".evidence").first
    assert card.count() == 1
    quote = card.locator(".quote").inner_text()
    kim = Index.load(real[0].resolved_index_dir()).documents["004_304bf167e6ad5681"]
    assert "004_304bf167e6ad5681" in card.locator(".meta").inner_text()
    assert re.sub(r"^\[\d+\]\s*", "", quote).strip("„“ ") in kim.text  # the German sentence, verbatim
    translation = card.locator(".translation").inner_text()
    assert translation.startswith("→") and len(translation) > 10 and translation[1:].strip() != quote
    card.locator("summary").click()
    assert card.locator("mark").inner_text() in quote
    page.screenshot(path=str(ARTIFACTS / "1-ask.png"), full_page=True)
    # a follow-up in the same chat, then clearing it
    follow_up = ask(page, "Und wer ist schuld daran?")
    print(f"follow-up: first streamed words after {follow_up:.1f} s (system prompt cached)")
    assert page.locator("#chat .bot").count() == 2
    page.screenshot(path=str(ARTIFACTS / "1b-follow-up.png"), full_page=True)
    page.click("#clear-button")
    page.wait_for_function("() => document.querySelectorAll('#chat .bot').length === 0")
    page.close()


def test_figure_check_shows_verdict_table_and_chart(browser, server):
    page = open_page(browser, server)
    page.get_by_role("tab", name="Check a figure").click()
    page.fill("#claim textarea", "North Korea sent 12,000 soldiers to Russia")
    page.click("#check-button")
    page.wait_for_selector("#verdict .verdict", timeout=ANSWER_SECONDS * 1000)
    assert page.locator("#verdict .verdict").get_attribute("data-verdict") == "conflicting"
    assert "Conflicting" in page.inner_text("#explanation")
    rows = page.locator("#figures table tr")
    assert rows.count() >= 7  # header + at least six sources' figures
    table = page.inner_text("#figures")
    assert "12 000" in table and "14.000" in table and "supports" in table and "contradicts" in table
    page.wait_for_selector("#chart canvas, #chart svg", timeout=20_000)
    time.sleep(1)  # let the chart draw
    page.screenshot(path=str(ARTIFACTS / "2-check.png"), full_page=True)
    page.close()


def upload(page, path: Path) -> str:
    page.get_by_role("tab", name="Sources").click()
    page.set_input_files("#upload input[type=file]", str(path))
    page.wait_for_selector(f"#upload :text('{path.name}')", timeout=UI_SECONDS * 1000)
    page.click("#upload-button")
    page.wait_for_function(
        "(name) => document.querySelector('#upload-report').innerText.includes(name)",
        arg=path.stem,
        timeout=ANSWER_SECONDS * 1000,
    )
    return page.inner_text("#upload-report")


def test_uploaded_document_is_searchable_and_cited(browser, server, tmp_path):
    doc = tmp_path / "beispielblatt_trainer.txt"
    doc.write_text(
        "Nordkorea schickt Ausbilder nach Kaliningrad\n\n"
        "Nordkorea hat im Oktober 77 Spezialausbilder für Drohnen nach Kaliningrad geschickt, "
        "berichtete das Beispielblatt am Montag. Die Ausbilder sollen russische Soldaten im Umgang "
        "mit Aufklärungsdrohnen schulen.\n",
        encoding="utf-8",
    )
    page = open_page(browser, server)
    report = upload(page, doc)
    assert "Added: beispielblatt_trainer" in report
    assert "6 documents" in page.inner_text("#status")
    page.get_by_role("tab", name="Ask").click()
    ask(page, "How many drone instructors did North Korea send to Kaliningrad?")
    answer = last_answer(page)
    text = answer.inner_text()
    page.screenshot(path=str(ARTIFACTS / "3-upload-cited.png"), full_page=True)
    assert "beispielblatt_trainer" in "".join(answer.locator(".evidence .meta").all_inner_texts()), text
    assert "77" in text
    page.close()


def test_markup_in_a_document_is_shown_as_text(browser, server, tmp_path):
    doc = tmp_path / "markup_probe.md"
    doc.write_text(
        "Ein Test mit Markup\n\n"
        "Dieser Artikel enthält <script>window.__pwned = 1</script> und "
        '<img src=x onerror="window.__pwned=2"> '
        "als Text, der nie ausgeführt werden darf.\n",
        encoding="utf-8",
    )
    page = open_page(browser, server)
    upload(page, doc)
    page.locator("#doc-choice input").fill("markup_probe")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.wait_for_selector("#doctext", timeout=UI_SECONDS * 1000)
    text = page.inner_text("#doctext")
    assert "<script>window.__pwned = 1</script>" in text
    assert page.locator("#doc-view script").count() == 0 and page.locator("#doc-view img").count() == 0
    assert page.evaluate("() => window.__pwned") is None
    page.screenshot(path=str(ARTIFACTS / "4-markup-as-text.png"), full_page=True)
    documents = int(page.inner_text("#status").split()[0])
    page.click("#remove-button")
    page.wait_for_function(
        "() => document.querySelector('#upload-report').innerText.includes('Removed markup_probe')",
        timeout=ANSWER_SECONDS * 1000,
    )
    assert int(page.inner_text("#status").split()[0]) == documents - 1
    page.close()


def test_unsupported_upload_is_a_message(browser, server, tmp_path):
    bad = tmp_path / "report.docx"
    bad.write_bytes(b"PK\x03\x04 not really a document")
    page = open_page(browser, server)
    page.get_by_role("tab", name="Sources").click()
    before = page.inner_text("#status")
    page.set_input_files("#upload input[type=file]", str(bad))
    page.click("#upload-button")
    # gradio refuses the type in the browser ("Invalid file type"); the server refuses it too
    page.wait_for_selector("#upload-report .insufficient", timeout=UI_SECONDS * 1000)
    shown = page.inner_text("body")
    assert "Invalid file type: report.docx" in shown or "Not a supported file type: report.docx" in shown
    page.screenshot(path=str(ARTIFACTS / "6-bad-upload.png"), full_page=True)
    assert before.split(" indexed")[0] in page.inner_text("#status")  # nothing was ingested


def test_two_sessions_get_their_own_answers(browser, server):
    # questions the server has answered before (when the tests run in order), so that its prompt
    # cache saves their prefill; either way, each page must get its own answer only
    questions = [
        "How many drone instructors did North Korea send to Kaliningrad?",
        "What did Kim Jong Un call the situation on the Korean peninsula?",
    ]
    contexts = [browser.new_context(viewport={"width": 1100, "height": 900}) for _ in questions]
    pages = [c.new_page() for c in contexts]
    for page in pages:
        page.goto(server["url"])
        page.wait_for_selector("#question textarea", timeout=60_000)
    for page, question in zip(pages, questions):
        page.fill("#question textarea", question)
    for page in pages:  # both asked before either is answered
        page.click("#ask-button")
    for page in pages:
        page.wait_for_function(
            FINISHED,
            timeout=2 * ANSWER_SECONDS * 1000,
        )
    for i, (page, question) in enumerate(zip(pages, questions)):
        chat = page.inner_text("#chat")
        assert question in chat and questions[1 - i] not in chat
        assert page.locator("#chat .bot").count() == 1
        page.screenshot(path=str(ARTIFACTS / f"5-session-{i + 1}.png"), full_page=True)
    assert "004_304bf167e6ad5681" in pages[1].inner_text("#chat")
    for c in contexts:
        c.close()
