"""The web page: Ask (streamed, grounded answers), Check a figure, Sources; one Gradio Blocks app.

Every text from an article, an upload or the model is HTML-escaped before it reaches the page, so
markup inside a document is shown as text. Questions and checks are searched at once and take turns
for the one language model, first come, first served (``sharing``), each shown its place in line.

``served`` holds what the page serves from, ``handlers`` what its buttons call, ``render`` what it
shows, ``layout`` how it is laid out, ``server`` how it is started.
"""

from .handlers import make_handlers
from .layout import build_app
from .served import Assistant
from .server import serve

__all__ = ["Assistant", "build_app", "make_handlers", "serve"]
