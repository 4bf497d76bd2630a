"""The web page: Ask (streamed, grounded answers), Check a figure, Sources; one Gradio Blocks app.

Every text from an article, an upload or the model is HTML-escaped before it reaches the page, so
markup inside a document is shown as text. Questions and checks are searched at once and take turns
for the one language model, first come, first served (``sharing``), each shown its place in line.
"""

from __future__ import annotations

import functools
import html
import logging
import time
from collections.abc import Iterator
from pathlib import Path

from .config import Settings
from .corpus import SUPPORTED_SUFFIXES
from .errors import FactcheckError
from .session import Session
from .sharing import LinedGenerator, ModelLine

LOG = logging.getLogger("factcheck.app")
EXAMPLE_QUESTIONS = [
    "What did Kim Jong Un call the situation on the Korean peninsula?",
    "Wie viele nordkoreanische Soldaten kämpfen an der Seite Russlands?",
    "Combien de missiles la Corée du Nord a-t-elle livrés à la Russie ?",
    "¿Qué armas entregó Corea del Norte a Rusia?",
]
EXAMPLE_CLAIMS = [
    "North Korea sent 12,000 soldiers to Russia",
    "Nordkorea hat 3 Millionen Artilleriegranaten geliefert",
    "North Korea has delivered up to 9 million artillery shells",
    "La Corée du Nord a envoyé 14 000 soldats en Russie",
    "North Korea sent 40 warships to Russia",
]
UPLOAD_TYPES = list(SUPPORTED_SUFFIXES)  # what ingest reads; the size limit is ingest's too
WRITER_QUEUE = "writer"  # upload and remove: one index writer at a time
CONCURRENT_REQUESTS = 8  # questions and checks served at once (searching; the model takes turns)
VERDICT_LABELS = {
    "supported": ("Supported", "#1a7f37"),
    "refuted": ("Refuted", "#cf222e"),
    "conflicting": ("Conflicting sources", "#9a6700"),
    "not_enough_evidence": ("Not enough evidence", "#57606a"),
}
CSS = """
.evidence {border-left: 4px solid #0969da; padding: 4px 10px; margin: 8px 0; background: #f6f8fa;}
.evidence .quote {font-style: italic;}
.evidence .translation {color: #24292f;}
.uncertain {background: #fff8c5; border: 1px solid #d4a72c; border-radius: 4px; padding: 0 4px;
  font-size: 0.85em;}
.doubtful {color: #57606a; font-style: italic;}
.evidence .meta {font-size: 0.85em; color: #57606a;}
.evidence mark {background: #fff8c5;}
.insufficient {border-left: 4px solid #9a6700; padding: 4px 10px; background: #fff8c5;}
.verdict {display: inline-block; padding: 6px 14px; border-radius: 16px; color: white; font-weight: bold;}
.figures td, .figures th {padding: 4px 8px; vertical-align: top; border-bottom: 1px solid #d0d7de;}
.rel-supports {color: #1a7f37; font-weight: bold;}
.rel-contradicts {color: #cf222e; font-weight: bold;}
.rel-related {color: #57606a;}
.status {color: #57606a; font-style: italic;}
.candidates summary {color: #57606a; font-size: 0.85em;}
.doctext {white-space: pre-wrap; max-height: 480px; overflow-y: auto;}
.doctext mark.instruction {background: #fde2e2; text-decoration: line-through;}
"""


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


class Assistant:
    """The loaded models and index, shared by every session; the index is swapped after an ingest."""

    def __init__(self, settings: Settings, embedder=None, generator=None, index=None) -> None:
        self.session = Session(settings, index=index, embedder=embedder, generator=generator)
        self.settings, self.root = settings, self.session.root
        self.embedder = self.session.embedder
        self.line = ModelLine()  # one model: requests take turns (``sharing``)
        self.generator = LinedGenerator(self.session.generator, self.line)
        self.index = self.session.index if self.session.has_index() else None
        self.translations = self.session.translations

    def require_index(self):
        from .errors import IndexMissingError

        if self.index is None:
            raise IndexMissingError(
                f"No index at {self.root}.",
                "Upload documents in the Sources tab, or run: factcheck ingest corpus/",
            )
        return self.index

    def reload(self) -> None:
        self.index = self.session.reload()

    def status(self) -> str:
        docs = len(self.index.documents) if self.index else 0
        sentences = len(self.index.sentences) if self.index else 0
        llm = getattr(self.generator, "name", "?")
        return (
            f"**{docs} documents** ({sentences} sentences) indexed · answers by `{llm}` · "
            f"search by `{self.embedder.name}` · everything runs on this machine"
        )


# ---------------------------------------------------------------- rendering


def _context(text: str, start: int, end: int, reach: int = 400) -> str:
    """The paragraph around ``text[start:end]`` with the quote marked (everything escaped)."""
    left = text.rfind("\n\n", max(0, start - reach), start)
    left = left + 2 if left >= 0 else max(0, start - reach)
    right = text.find("\n\n", end, end + reach)
    right = right if right >= 0 else min(len(text), end + reach)
    before = ("…" if left > 0 and text[left - 1] not in "\n" else "") + text[left:start]
    after = text[end:right] + ("…" if right < len(text) and text[right] != "\n" else "")
    return f"{esc(before)}<mark>{esc(text[start:end])}</mark>{esc(after)}"


def translated(row) -> str:
    """A quote's English translation; one that failed the meaning check is marked as uncertain,
    and the original stands beside it."""
    if row.translation_doubtful:
        return (
            '<span class="uncertain" title="This machine translation failed the meaning check: '
            'compare the original.">uncertain translation</span> '
            f'<span class="doubtful">{esc(row.translation)}</span>'
        )
    return esc(row.translation)


def evidence_cards(evidence, index, relations: list[str] | None = None) -> str:
    """One card per quote: the quote, its translation, source, date, id, and the quote in context."""
    cards = []
    for i, ev in enumerate(evidence, start=1):
        doc = index.documents.get(ev.doc_id)
        context = _context(doc.text, ev.start, ev.end) if doc else esc(ev.quote)
        relation = f" · {esc(relations[i - 1])}" if relations else ""
        translation = f'<div class="translation">→ {translated(ev)}</div>' if ev.translation else ""
        cards.append(
            f'<div class="evidence" data-doc="{esc(ev.doc_id)}">'
            f'<div class="quote" lang="{esc(ev.quote_language)}">[{i}] „{esc(ev.quote)}“</div>'
            f"{translation}"
            f'<div class="meta">{esc(ev.title)} · {esc(ev.date or "undated")} · <code>{esc(ev.doc_id)}</code>'
            f" · characters {ev.start}–{ev.end}{relation}</div>"
            f"<details><summary>show in context</summary><p>{context}</p></details>"
            "</div>"
        )
    return "\n".join(cards)


def answer_message(answer, index) -> str:
    if answer.insufficient_evidence:
        return _notice(answer.answer)
    return f"{esc(answer.answer)}\n\n{evidence_cards(answer.evidence, index)}"


def verdict_badge(verdict: str) -> str:
    label, colour = VERDICT_LABELS[verdict]
    return f'<span class="verdict" style="background:{colour}" data-verdict="{verdict}">{label}</span>'


def figures_table(result, index) -> str:
    if not result.figures:
        return ""
    head = (
        "<tr><th>Source</th><th>Date</th><th>Stated figure</th><th>Value</th><th>Quote</th>"
        "<th>Translation</th><th>Relation</th></tr>"
    )
    rows = []
    for r in result.figures:
        doc = index.documents.get(r.doc_id)
        quote = (
            esc(doc.text[r.start : r.figure_start])
            + f"<mark>{esc(r.figure)}</mark>"
            + esc(doc.text[r.figure_end : r.end])
            if doc
            else esc(r.quote)
        )
        value = f"{r.value:,.0f}" if r.value >= 100 else f"{r.value:g}"
        if r.high is not None:
            value += f"–{r.high:,.0f}"
        note = f"<br><small>{esc(r.note)}</small>" if r.note else ""
        rows.append(
            f'<tr class="row-{esc(r.relation)}"><td>{esc(r.title[:60])}<br><code>{esc(r.doc_id)}</code></td>'
            f"<td>{esc(r.date or 'undated')}</td><td>„{esc(r.figure)}“</td>"
            f"<td>{value} ({esc(r.qualifier)})</td>"
            f"<td>{quote}</td><td>{translated(r) if r.translation else ''}</td>"
            f'<td class="rel-{esc(r.relation)}">{esc(r.relation)}{note}</td></tr>'
        )
    return f'<table class="figures">{head}{"".join(rows)}</table>'


def figures_chart(result):
    """Rows for a bar chart: the claim, then every voting source's figure, by date."""
    import pandas as pd

    voting = [r for r in result.figures if r.relation != "related"]
    if not voting or result.claimed is None:
        return pd.DataFrame({"source": [], "value": [], "relation": []})
    rows = [
        {
            "source": f"{r.doc_id[:3]} · {r.date or 'undated'} · „{r.figure}“",
            "value": r.value,
            "relation": r.relation,
        }
        for r in sorted(voting, key=lambda r: (r.date or "9999", r.doc_id))
    ]
    rows.insert(
        0,
        {
            "source": f"claim: {result.claimed['text']}",
            "value": result.claimed["value"],
            "relation": "claimed",
        },
    )
    return pd.DataFrame(rows)


# "instructions": how many of a document's sentences address a model (never evidence)
DOCUMENT_COLUMNS = ["id", "title", "date", "language", "sentences", "characters", "file", "instructions"]


def documents_rows(index) -> list[list]:
    if index is None:
        return []
    counts: dict[str, int] = {}
    for s in index.sentences:
        counts[s.doc_id] = counts.get(s.doc_id, 0) + 1
    return [
        [
            d.id,
            d.title[:80],
            d.date or "",
            d.language,
            counts.get(d.id, 0),
            len(d.text),
            Path(d.source).name,
            index.instruction_count(d.id) or "",
        ]
        for d in index.documents.values()
    ]


def document_html(index, doc_id: str) -> str:
    """A document's text, its sentences that address a model struck through and explained."""
    doc = index.documents[doc_id]
    meta = (
        f"<b>{esc(doc.title)}</b> · {esc(doc.date or 'undated')} · "
        f"{esc(doc.author or 'no author')} · {esc(doc.language)}"
    )
    flagged = [index.sentences[row] for row in index.sentence_rows(doc_id) if row in index.instructions]
    if not flagged:
        return f'{meta}<div class="doctext" id="doctext">{esc(doc.text)}</div>'
    parts, at = [], 0
    for s in flagged:
        parts += [esc(doc.text[at : s.start]), f'<mark class="instruction">{esc(s.text)}</mark>']
        at = s.end
    parts.append(esc(doc.text[at:]))
    warning = _notice(
        f"This document contains {len(flagged)} sentence(s) addressed to a language model "
        "(instructions, role markers or prompt markup). They are struck through below and are "
        "never used as evidence."
    )
    return f'{meta}{warning}<div class="doctext" id="doctext">{"".join(parts)}</div>'


def _text(content) -> str:
    """A chat message's text: gradio hands back a string or a list of parts."""
    if isinstance(content, str):
        return html.unescape(content)
    if isinstance(content, list):
        return " ".join(_text(p.get("text", "") if isinstance(p, dict) else p) for p in content)
    if isinstance(content, dict):
        return _text(content.get("text", ""))
    return ""


def _notice(text: str) -> str:
    return f'<div class="insufficient">⚠ {esc(text)}</div>'


def _message(exc: FactcheckError) -> str:
    return f"{exc.message} {exc.hint or ''}".strip()


def _status(text: str) -> str:
    return f'<div class="status">{esc(text)}</div>'


class _AskView:
    """What the chat shows of one answer while its events arrive: the search's candidates and the
    place in the model's line first, then the streamed answer, then the checked answer."""

    def __init__(self, index) -> None:
        self.index = index
        self.candidates = ""
        self.streamed = ""
        self.waiting: tuple[int, float] | None = None  # (ahead, since)

    def update(self, event: dict) -> str | None:
        kind = event["type"]
        if kind == "evidence":
            from .evidence import Evidence

            self.candidates = evidence_cards([Evidence.of(h, self.index) for h in event["hits"]], self.index)
            return self._pending("Reading the sentences found …")
        if kind == "waiting":
            self.waiting = (event["ahead"], self.waiting[1] if self.waiting else time.monotonic())
            return self._pending(self._line_text())
        if kind == "tick":
            return self._pending(self._line_text()) if self.waiting and not self.streamed else None
        if kind in ("token", "replace"):
            self.streamed = self.streamed + event["text"] if kind == "token" else event["text"]
            return esc(self.streamed)
        if kind == "answer":
            return answer_message(event["answer"], self.index)
        return None

    def _line_text(self) -> str:
        ahead, since = self.waiting
        waited = time.monotonic() - since
        if ahead == 0:
            return "Reading the sentences found …"
        return f"Waiting for the model: {ahead} request(s) ahead ({waited:.0f} s) …"

    def _pending(self, text: str) -> str:
        found = (
            f'<details class="candidates" open><summary>Sentences found, being read</summary>'
            f"{self.candidates}</details>"
            if self.candidates
            else ""
        )
        return _status(text) + found


# ---------------------------------------------------------------- handlers


def _upload_path(f) -> Path:
    """An uploaded file's path: a path, a file object, or gradio's file record (a dict)."""
    if isinstance(f, dict):
        return Path(f["path"])
    return Path(f if isinstance(f, str) else f.name)


def make_handlers(assistant: Assistant):
    import gradio as gr

    from .answer import ask_stream
    from .check import check
    from .ingest import ingest, remove_documents
    from .inputs import user_text
    from .sharing import run_in_place

    PROGRESS = gr.Progress()  # gradio fills in a per-request tracker for a parameter defaulting to it

    def refusal(what: str, exc: FactcheckError) -> gr.Error:
        """A refused input: one line in the server log, the message in the page, no traceback
        (gradio prints one for every ``gr.Error`` unless told not to)."""
        LOG.info("%s refused: %s", what, exc.message)
        return gr.Error(_message(exc), print_exception=False)

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

    def ask_handler(question: str, history: list[dict]) -> Iterator[tuple[list[dict], str]]:
        try:
            question = user_text(question, assistant.settings)
        except FactcheckError as exc:
            raise refusal("ask", exc) from None
        previous = next((_text(m["content"]) for m in reversed(history) if m["role"] == "user"), None)
        history = [
            *history,
            {"role": "user", "content": esc(question)},
            {"role": "assistant", "content": _status("Searching the articles …")},
        ]
        yield history, ""
        index = assistant.index  # this request's version, whatever an upload swaps in meanwhile

        def work() -> Iterator[dict]:
            return ask_stream(
                question,
                index if index is not None else assistant.require_index(),
                assistant.embedder,
                assistant.generator,
                assistant.settings,
                translations=assistant.translations,
                previous=previous,
            )

        view = _AskView(index)
        try:
            for event in run_in_place(assistant.line, work):
                shown = view.update(event)
                if shown is not None:
                    history[-1] = {"role": "assistant", "content": shown}
                    yield history, ""
        except FactcheckError as exc:
            LOG.info("ask refused: %s", exc.message)
            history[-1] = {"role": "assistant", "content": _notice(_message(exc))}
            yield history, ""
        except Exception as exc:  # shown in the chat, not as a traceback; the server log has it
            LOG.exception("ask failed")
            failure = f"Internal error ({type(exc).__name__}: {exc}). The server log has the details."
            history[-1] = {"role": "assistant", "content": _notice(failure)}
            yield history, ""

    def refused(message: str):
        """An upload or removal that did not happen: a notice, the rest of the page unchanged."""
        LOG.info("refused: %s", message)
        gr.Warning(message)
        return _notice(message), gr.update(), gr.update(), gr.update(), gr.update()

    def check_handler(claim: str):
        try:
            claim = user_text(claim, assistant.settings, "claim")
            index = assistant.require_index()
        except FactcheckError as exc:
            raise refusal("check", exc) from None
        yield "", _status("Searching the articles …"), "", gr.update()

        def work() -> Iterator[dict]:
            yield {
                "type": "result",
                "result": check(
                    claim,
                    index,
                    assistant.embedder,
                    assistant.generator,
                    assistant.settings,
                    translations=assistant.translations,
                ),
            }

        waiting = None
        try:
            for event in run_in_place(assistant.line, work):
                if event["type"] == "waiting":
                    waiting = event["ahead"]
                if event["type"] in ("waiting", "tick") and waiting:
                    text = f"Waiting for the model: {waiting} request(s) ahead …"
                    yield "", _status(text), "", gr.update()
                elif event["type"] == "result":
                    yield check_outputs(event["result"], index)
        except FactcheckError as exc:
            raise refusal("check", exc) from None
        except Exception as exc:
            raise failure("check", exc) from None

    def check_outputs(result, index) -> tuple:
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
        return verdict_badge(result.verdict), explanation, figures_table(result, index) + cards, chart

    @friendly
    def upload_handler(files, progress=PROGRESS):
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
            return refused(f"{_message(exc)} The index is unchanged.")
        lines = []
        if report.added:
            lines.append(f"Added: {', '.join(report.added)}")
        if report.updated:
            lines.append(f"Updated: {', '.join(report.updated)}")
        if report.unchanged:
            lines.append(f"Already indexed, unchanged: {', '.join(report.unchanged)}")
        lines += [f"⚠ {p}" for p in report.problems]
        lines.append(f"The index now has {report.documents} documents ({report.seconds:.1f} s).")
        return (
            esc("\n\n".join(lines)),
            documents_rows(assistant.index),
            gr.update(choices=list(assistant.index.documents)),
            assistant.status(),
            None,
        )

    @friendly
    def remove_handler(doc_id: str):
        if not doc_id:
            return refused("Choose a document to remove first.")
        try:
            remove_documents([doc_id], assistant.settings)
            assistant.reload()
        except FactcheckError as exc:
            return refused(f"{_message(exc)} The index is unchanged.")
        return (
            f"Removed {esc(doc_id)}.",
            documents_rows(assistant.index),
            gr.update(choices=list(assistant.index.documents), value=None),
            assistant.status(),
            "",
        )

    @friendly
    def show_handler(doc_id: str) -> str:
        if not doc_id:
            return ""
        index = assistant.index
        if index is None or doc_id not in index.documents:
            LOG.info("show refused: no document %r", doc_id)
            raise gr.Error(f"No document {doc_id!r} in the index.", print_exception=False)
        return document_html(index, doc_id)

    return ask_handler, check_handler, upload_handler, remove_handler, show_handler


# ---------------------------------------------------------------- the page


def build_app(assistant: Assistant):
    import gradio as gr

    ask_handler, check_handler, upload_handler, remove_handler, show_handler = make_handlers(assistant)
    with gr.Blocks(title="factcheck: ask the articles") as app:
        gr.Markdown("## factcheck: answers and figure checks from your articles, quoted word for word")
        status = gr.Markdown(assistant.status(), elem_id="status")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                chatbot = gr.Chatbot(
                    label="Answers from the articles", height=560, elem_id="chat", sanitize_html=True
                )
                with gr.Row():
                    question = gr.Textbox(
                        placeholder="Ask in English, German, French, Spanish …",
                        show_label=False,
                        scale=8,
                        elem_id="question",
                        max_length=1000,
                    )
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask-button")
                clear = gr.Button("Clear chat", elem_id="clear-button", size="sm")
                gr.Examples(EXAMPLE_QUESTIONS, inputs=question, label="Examples")
            with gr.Tab("Check a figure", id="check"):
                with gr.Row():
                    claim = gr.Textbox(
                        label="Claim",
                        placeholder="North Korea sent 12,000 soldiers to Russia",
                        scale=8,
                        elem_id="claim",
                        max_length=1000,
                    )
                    check_button = gr.Button("Check", variant="primary", scale=1, elem_id="check-button")
                gr.Examples(EXAMPLE_CLAIMS, inputs=claim, label="Examples")
                verdict = gr.HTML(elem_id="verdict")
                explanation = gr.Markdown(elem_id="explanation", sanitize_html=True)
                chart = gr.BarPlot(
                    x="source",
                    y="value",
                    color="relation",
                    label="Figures per source (sorted by date)",
                    color_map={"claimed": "#0969da", "supports": "#1a7f37", "contradicts": "#cf222e"},
                    sort=None,
                    x_label_angle=-20,
                    elem_id="chart",
                    height=260,
                )
                table = gr.HTML(elem_id="figures")
            with gr.Tab("Sources", id="sources"):
                docs = gr.Dataframe(
                    value=documents_rows(assistant.index),
                    headers=DOCUMENT_COLUMNS,
                    interactive=False,
                    elem_id="documents",
                    wrap=True,
                )
                upload = gr.File(
                    label="Add documents (.txt, .md, .html, .pdf; at most "
                    f"{assistant.settings.max_file_bytes / 1e6:g} MB each)",
                    file_count="multiple",
                    file_types=UPLOAD_TYPES,
                    elem_id="upload",
                )
                upload_button = gr.Button("Add to the index", variant="primary", elem_id="upload-button")
                upload_report = gr.Markdown(elem_id="upload-report")
                with gr.Row():
                    chosen = gr.Dropdown(
                        choices=list(assistant.index.documents) if assistant.index else [],
                        label="Document",
                        elem_id="doc-choice",
                        # an id not (or no longer) in the list reaches the handler, which says so;
                        # gradio's own check would print a traceback into the server log
                        allow_custom_value=True,
                        scale=4,
                    )
                    remove = gr.Button(
                        "Remove from the index", variant="stop", scale=1, elem_id="remove-button"
                    )
                doc_view = gr.HTML(elem_id="doc-view")

        # questions and checks search at once and take turns for the model (``sharing``); uploads
        # and removals write the index one at a time
        at_once = {"concurrency_limit": CONCURRENT_REQUESTS, "concurrency_id": "requests"}
        one_at_a_time = {"concurrency_limit": 1, "concurrency_id": WRITER_QUEUE}
        ask_event = dict(
            fn=ask_handler,
            inputs=[question, chatbot],
            outputs=[chatbot, question],
            **at_once,
        )
        send.click(**ask_event)
        question.submit(**ask_event)
        clear.click(lambda: ([], ""), outputs=[chatbot, question], queue=False)
        check_event = dict(
            fn=check_handler,
            inputs=claim,
            outputs=[verdict, explanation, table, chart],
            **at_once,
        )
        check_button.click(**check_event)
        claim.submit(**check_event)
        upload_button.click(
            upload_handler,
            inputs=upload,
            outputs=[upload_report, docs, chosen, status, upload],
            # the handler gets gradio's file records as they are: gradio's own type check (the
            # picker offers only the supported types) raised an error for a .docx sent to the API
            # that printed a traceback in the server log; the handler refuses it with a message
            preprocess=False,
            **one_at_a_time,
        )
        remove.click(
            remove_handler,
            inputs=chosen,
            outputs=[upload_report, docs, chosen, status, doc_view],
            **one_at_a_time,
        )
        chosen.change(show_handler, inputs=chosen, outputs=doc_view)
    app.queue(max_size=64, default_concurrency_limit=4)
    return app


def _has_display() -> bool:
    import os
    import sys

    return sys.platform == "darwin" or bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def serve(
    settings: Settings,
    host: str = "127.0.0.1",
    port: int = 7860,
    auth: tuple[str, str] | None = None,
    share: bool = False,
    open_browser: bool = False,
    log=print,
    embedder=None,
    generator=None,
    block: bool = True,
):
    """Load the models once (with progress on the terminal), then serve the page until stopped.

    Models already loaded can be passed in; with ``block=False`` the page is served from a
    background thread and the gradio app is returned (``app.close()`` stops it): the browser
    tests serve the page this way with the test session's models.
    """
    started = time.perf_counter()
    session = Session(settings, embedder=embedder, generator=generator)
    log("loading the embedder …")
    embedder = session.warm_embedder()
    log(f"  {embedder.name} ready ({time.perf_counter() - started:.1f} s)")
    log("loading the language model …")
    t = time.perf_counter()
    generator = session.generator
    log(f"  {generator.name} ready ({time.perf_counter() - t:.1f} s)")
    assistant = Assistant(settings, embedder, generator)
    if assistant.index is None:
        log("no index yet: upload documents in the Sources tab, or run `factcheck ingest corpus/`")
    else:
        log(f"index: {len(assistant.index.documents)} documents")
    app = build_app(assistant)
    log(f"ready in {time.perf_counter() - started:.1f} s: http://{host}:{port}")
    app.launch(
        server_name=host,
        server_port=port,
        auth=auth,
        share=share,
        # no graphical session: a text-mode browser would take over the terminal
        inbrowser=open_browser and _has_display(),
        max_file_size=settings.max_file_bytes,
        show_error=True,
        quiet=True,
        css=CSS,
        prevent_thread_lock=not block,
    )
    return app
