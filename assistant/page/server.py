"""Serving the page: the models loaded once with progress on the terminal, then the page until stopped."""

from __future__ import annotations

import time

from ..config import Settings
from ..session import Session
from .layout import build_app
from .render import CSS
from .served import Assistant


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
