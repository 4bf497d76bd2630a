"""The page's layout: the Ask, Check a figure and Sources tabs, and which handler each control calls."""

from __future__ import annotations

import gradio as gr

from .handlers import UPLOAD_TYPES, Handlers
from .render import DOCUMENT_COLUMNS, documents_rows
from .served import Assistant

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


WRITER_QUEUE = "writer"  # upload and remove: one index writer at a time


CONCURRENT_REQUESTS = 8  # questions and checks served at once (searching; the model takes turns)


# questions and checks search at once and take turns for the model (``sharing``); uploads and
# removals write the index one at a time
AT_ONCE = {"concurrency_limit": CONCURRENT_REQUESTS, "concurrency_id": "requests"}
ONE_AT_A_TIME = {"concurrency_limit": 1, "concurrency_id": WRITER_QUEUE}


def build_app(assistant: Assistant):
    """The page: a status line, then the Ask, Check a figure and Sources tabs."""
    handlers = Handlers(assistant)
    with gr.Blocks(title="factcheck: ask the articles") as app:
        gr.Markdown("## factcheck: answers and figure checks from your articles, quoted word for word")
        status = gr.Markdown(assistant.status(), elem_id="status")
        with gr.Tabs():
            with gr.Tab("Ask", id="ask"):
                _ask_tab(handlers)
            with gr.Tab("Check a figure", id="check"):
                _check_tab(handlers)
            with gr.Tab("Sources", id="sources"):
                _sources_tab(handlers, assistant, status)
    app.queue(max_size=64, default_concurrency_limit=4)
    return app


def _ask_tab(handlers: Handlers) -> None:
    chatbot = gr.Chatbot(label="Answers from the articles", height=560, elem_id="chat", sanitize_html=True)
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
    ask_event = dict(
        fn=handlers.ask_handler, inputs=[question, chatbot], outputs=[chatbot, question], **AT_ONCE
    )
    send.click(**ask_event)
    question.submit(**ask_event)
    clear.click(lambda: ([], ""), outputs=[chatbot, question], queue=False)


def _check_tab(handlers: Handlers) -> None:
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
    # in the order of ``handlers.CheckShown``
    check_event = dict(
        fn=handlers.check_handler, inputs=claim, outputs=[verdict, explanation, table, chart], **AT_ONCE
    )
    check_button.click(**check_event)
    claim.submit(**check_event)


def _sources_tab(handlers: Handlers, assistant: Assistant, status) -> None:
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
            # an id not (or no longer) in the list reaches the handler, which says so; gradio's own
            # check would print a traceback into the server log
            allow_custom_value=True,
            scale=4,
        )
        remove = gr.Button("Remove from the index", variant="stop", scale=1, elem_id="remove-button")
    doc_view = gr.HTML(elem_id="doc-view")
    upload_button.click(
        handlers.upload_handler,
        inputs=upload,
        outputs=[upload_report, docs, chosen, status, upload],  # in the order of ``handlers.SourcesShown``
        # the handler gets gradio's file records as they are: gradio's own type check (the picker
        # offers only the supported types) raised an error for a .docx sent to the API that printed
        # a traceback in the server log; the handler refuses it with a message
        preprocess=False,
        **ONE_AT_A_TIME,
    )
    remove.click(
        handlers.remove_handler,
        inputs=chosen,
        outputs=[upload_report, docs, chosen, status, doc_view],
        **ONE_AT_A_TIME,
    )
    chosen.change(handlers.show_handler, inputs=chosen, outputs=doc_view)
