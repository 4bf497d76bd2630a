"""Grounded answers: numbered evidence in, schema-constrained JSON out, quotes rendered by the program.

``pipeline`` runs the steps; ``prompt`` builds what the model sees; ``stream`` reads its reply;
``support``, ``gates``, ``counts`` and ``numbers`` judge the answer against its cited sentences.
"""

from .pipeline import ask, ask_stream
from .result import FALLBACK, INSUFFICIENT, NOT_ABOUT_ARTICLES, Answer

__all__ = ["FALLBACK", "INSUFFICIENT", "NOT_ABOUT_ARTICLES", "Answer", "ask", "ask_stream"]
