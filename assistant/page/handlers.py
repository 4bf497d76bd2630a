"""What the page's buttons call: ask, check, upload, remove, show. Each returns what its outputs show;
refused input is a message, never a traceback."""

from __future__ import annotations

import functools
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import gradio as gr

from ..answer import ask_stream
from ..answer.events import AskEvent
from ..check import check
from ..check.result import CheckResult
from ..corpus import SUPPORTED_SUFFIXES
from ..errors import FactcheckError
from ..ingest import ingest, remove_documents
from ..inputs import user_text
from ..sharing import Waiting, run_in_place
from .render import (
    AskView,
    document_html,
    documents_rows,
    esc,
    evidence_cards,
    figures_chart,
    figures_table,
    message_of,
    notice,
    plain_text,
    status_line,
    verdict_badge,
)
from .served import Assistant

LOG = logging.getLogger("factcheck.app")


UPLOAD_TYPES = list(SUPPORTED_SUFFIXES)  # what ingest reads; the size limit is ingest's too


def _upload_path(f) -> Path:
    """An uploaded file's path: a path, a file object, or gradio's file record (a dict)."""
    if isinstance(f, dict):
        return Path(f["path"])
    return Path(f if isinstance(f, str) else f.name)


class CheckShown(NamedTuple):
    """What a figure check shows, in the order of its outputs."""

    badge: str
    explanation: str
    table: str
    chart: object


class SourcesShown(NamedTuple):
    """What an upload or removal shows, in the order of its outputs."""

    report: str
    documents: object
    choices: object
    status: object
    upload: object


PROGRESS = gr.Progress()  # gradio fills in a per-request tracker for a parameter defaulting to it


def refusal(what: str, exc: FactcheckError) -> gr.Error:
    """A refused input: one line in the server log, the message in the page, no traceback
    (gradio prints one for every ``gr.Error`` unless told not to)."""
    LOG.info("%s refused: %s", what, exc.message)
    return gr.Error(message_of(exc), print_exception=False)


def failure(what: str, exc: Exception) -> gr.Error:
    """An internal error: its traceback once, in the server log; a one-line message in the page."""
    LOG.exception("%s failed", what)
    return gr.Error(f"Internal error ({type(exc).__name__}: {exc}).", print_exception=False)


def friendly(fn):
    """Library errors and surprises become a readable message in the page, never a traceback."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        except gr.Error:
            raise
        except FactcheckError as exc:
            raise refusal(fn.__name__, exc) from None
        except Exception as exc:
            raise failure(fn.__name__, exc) from None

    return wrapper


def refused(message: str) -> SourcesShown:
    """An upload or removal that did not happen: a notice, the rest of the page unchanged."""
    LOG.info("refused: %s", message)
    gr.Warning(message)
    return SourcesShown(notice(message), gr.update(), gr.update(), gr.update(), gr.update())


def check_shown(result, index) -> CheckShown:
    """A check's verdict badge, explanation, figures table with cards, and chart."""
    claimed = ""
    if result.claimed:
        c = result.claimed
        claimed = f"Claimed: **{esc(c['text'])}** ({esc(c['qualifier'])}) {esc(c['unit'])}\n\n"
    explanation = f"{claimed}{esc(result.explanation)}\n\n<small>{esc(result.rule)}</small>"
    cards = (
        ""
        if result.claimed
        else evidence_cards([e for e, _ in result.evidence], index, [rel for _, rel in result.evidence])
    )
    seconds = result.timings.get("total_ms", 0) / 1000
    explanation += f"\n\n<small>checked in {seconds:.1f} s</small>"
    rows = figures_chart(result)
    chart = gr.update(value=rows, sort=list(rows["source"]) or None)  # the claim first, then by date
    return CheckShown(verdict_badge(result.verdict), explanation, figures_table(result, index) + cards, chart)


def ingest_report(report) -> str:
    """What an upload did, one line per kind, then the problems and the index's size."""
    lines = []
    if report.added:
        lines.append(f"Added: {', '.join(report.added)}")
    if report.updated:
        lines.append(f"Updated: {', '.join(report.updated)}")
    if report.unchanged:
        lines.append(f"Already indexed, unchanged: {', '.join(report.unchanged)}")
    lines += [f"⚠ {p}" for p in report.problems]
    lines.append(f"The index now has {report.documents} documents ({report.seconds:.1f} s).")
    return esc("\n\n".join(lines))


class Handlers:
    """The page's handlers over one served assistant. Their names are the page's API endpoints
    (``/ask_handler`` …), which the benchmarks and the HTTP tests call."""

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant

    def ask_handler(self, question: str, history: list[dict]) -> Iterator[tuple[list[dict], str]]:
        assistant = self.assistant
        try:
            question = user_text(question, assistant.settings)
        except FactcheckError as exc:
            raise refusal("ask", exc) from None
        previous = next((plain_text(m["content"]) for m in reversed(history) if m["role"] == "user"), None)
        history = [
            *history,
            {"role": "user", "content": esc(question)},
            {"role": "assistant", "content": status_line("Searching the articles …")},
        ]
        yield history, ""
        index = assistant.index  # this request's version, whatever an upload swaps in meanwhile

        def work() -> Iterator[AskEvent]:
            return ask_stream(
                question,
                index if index is not None else assistant.require_index(),
                assistant.embedder,
                assistant.generator,
                assistant.settings,
                translations=assistant.translations,
                previous=previous,
            )

        view = AskView(index)
        try:
            for event in run_in_place(assistant.line, work):
                shown = view.update(event)
                if shown is not None:
                    history[-1] = {"role": "assistant", "content": shown}
                    yield history, ""
        except FactcheckError as exc:
            LOG.info("ask refused: %s", exc.message)
            history[-1] = {"role": "assistant", "content": notice(message_of(exc))}
            yield history, ""
        except Exception as exc:  # shown in the chat, not as a traceback; the server log has it
            LOG.exception("ask failed")
            failed = f"Internal error ({type(exc).__name__}: {exc}). The server log has the details."
            history[-1] = {"role": "assistant", "content": notice(failed)}
            yield history, ""

    def check_handler(self, claim: str):
        assistant = self.assistant
        try:
            claim = user_text(claim, assistant.settings, "claim")
            index = assistant.require_index()
        except FactcheckError as exc:
            raise refusal("check", exc) from None
        yield "", status_line("Searching the articles …"), "", gr.update()

        def work() -> Iterator[CheckResult]:
            yield check(
                claim,
                index,
                assistant.embedder,
                assistant.generator,
                assistant.settings,
                translations=assistant.translations,
            )

        waiting = 0
        try:
            for event in run_in_place(assistant.line, work):
                match event:
                    case Waiting(ahead):
                        waiting = ahead
                    case CheckResult():
                        yield check_shown(event, index)
                        continue
                if waiting:
                    text = f"Waiting for the model: {waiting} request(s) ahead …"
                    yield "", status_line(text), "", gr.update()
        except FactcheckError as exc:
            raise refusal("check", exc) from None
        except Exception as exc:
            raise failure("check", exc) from None

    @friendly
    def upload_handler(self, files, progress=PROGRESS) -> SourcesShown:
        assistant = self.assistant
        if not files:
            return refused("Choose one or more .txt, .md, .html or .pdf files first.")
        paths = [_upload_path(f) for f in files]
        bad = [p.name for p in paths if p.suffix.lower() not in UPLOAD_TYPES]
        if bad:
            return refused(f"Not a supported file type: {', '.join(bad)}. Upload .txt, .md, .html or .pdf.")

        def report_progress(stage: str, done: int, total: int) -> None:
            progress((done, total), desc=stage)

        try:
            report = ingest(paths, assistant.settings, assistant.embedder, progress=report_progress)
            assistant.reload()
        except FactcheckError as exc:
            return refused(f"{message_of(exc)} The index is unchanged.")
        return SourcesShown(
            ingest_report(report),
            documents_rows(assistant.index),
            gr.update(choices=list(assistant.index.documents)),
            assistant.status(),
            None,
        )

    @friendly
    def remove_handler(self, doc_id: str) -> SourcesShown:
        assistant = self.assistant
        if not doc_id:
            return refused("Choose a document to remove first.")
        try:
            remove_documents([doc_id], assistant.settings)
            assistant.reload()
        except FactcheckError as exc:
            return refused(f"{message_of(exc)} The index is unchanged.")
        return SourcesShown(
            f"Removed {esc(doc_id)}.",
            documents_rows(assistant.index),
            gr.update(choices=list(assistant.index.documents), value=None),
            assistant.status(),
            "",
        )

    @friendly
    def show_handler(self, doc_id: str) -> str:
        if not doc_id:
            return ""
        index = self.assistant.index
        if index is None or doc_id not in index.documents:
            LOG.info("show refused: no document %r", doc_id)
            raise gr.Error(f"No document {doc_id!r} in the index.", print_exception=False)
        return document_html(index, doc_id)


def make_handlers(assistant: Assistant):
    """The five handlers, bound to ``assistant``: ask, check, upload, remove, show."""
    h = Handlers(assistant)
    return h.ask_handler, h.check_handler, h.upload_handler, h.remove_handler, h.show_handler
