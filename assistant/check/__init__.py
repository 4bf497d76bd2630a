"""Check a claim against every source: each article's figure for the same quantity, and a verdict.

``pipeline`` runs the steps; ``candidates`` finds the sentences that state a figure; ``rows``
decides, per stated figure, whether it is the claimed quantity for the same actor, place, time
and source; ``compare`` compares the numbers; ``result`` holds the verdict rule; ``entailment``
handles a claim without a figure; ``explain`` writes the explanation.
"""

from .pipeline import check
from .result import RELATIONS, VERDICTS, CheckResult, FigureRow

__all__ = ["RELATIONS", "VERDICTS", "CheckResult", "FigureRow", "check"]
