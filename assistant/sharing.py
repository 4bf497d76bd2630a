"""One local model, several people: search runs for everyone at once, the model serves one at a time.

The policy, for the page:
- Searching (the embedder and the index) runs for every request at once; each request shows its
  candidate evidence as soon as it is found.
- The language model is used by one request at a time, in the order the requests first needed it
  (first come, first served, so a person's own questions stay in order). A request keeps its turn
  from its first model call to its end, so an answer, its repair and its translations are not
  interleaved with another request's, and ``last_usage`` stays its own.
- A waiting request is told its place in the line.
- A request whose page is closed leaves the line. Gradio stops pulling a generator whose client
  has gone; a request not pulled for ``ABANDONED_SECONDS`` is cancelled, while waiting or between
  two streamed tokens.
"""

from __future__ import annotations

import queue
import threading
import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import TypeVar

from .errors import FactcheckError

ABANDONED_SECONDS = 30.0  # a page pulls at least once a second while it waits (``PULL_SECONDS``)
PULL_SECONDS = 1.0
T = TypeVar("T")


class Cancelled(FactcheckError):
    """The request was given up (its page was closed)."""


@dataclass(eq=False)
class _Ticket:
    on_wait: Callable[[int], None] | None = None
    cancelled: Callable[[], bool] = lambda: False
    joined: bool = False
    since: float = field(default_factory=time.monotonic)


class ModelLine:
    """The line of requests for the model: the ticket at its head holds the model."""

    def __init__(self) -> None:
        self._cond = threading.Condition()
        self._line: deque[_Ticket] = deque()
        self._local = threading.local()

    def __len__(self) -> int:
        with self._cond:
            return len(self._line)

    @contextmanager
    def place(
        self, on_wait: Callable[[int], None] | None = None, cancelled: Callable[[], bool] | None = None
    ) -> Iterator[None]:
        """A request's place: this thread's first model call inside it joins the line, and the
        turn is kept until the block ends. ``on_wait(n)`` hears how many are ahead, whenever that
        changes; ``cancelled()`` true gives up the place (``Cancelled`` is raised in the call)."""
        ticket = _Ticket(on_wait, cancelled or (lambda: False))
        self._local.ticket = ticket
        try:
            yield
        finally:
            self._local.ticket = None
            self._leave(ticket)

    @contextmanager
    def turn(self) -> Iterator[None]:
        """One model call's turn: the request's own (see ``place``), or, outside any place, a turn
        for this call alone."""
        ticket = getattr(self._local, "ticket", None)
        if ticket is not None:
            if not ticket.joined:
                self._wait(ticket)
            yield
            return
        ticket = _Ticket()
        self._wait(ticket)
        try:
            yield
        finally:
            self._leave(ticket)

    def _wait(self, ticket: _Ticket) -> None:
        with self._cond:
            self._line.append(ticket)
            ticket.joined = True
            told = None
            while self._line[0] is not ticket:
                if ticket.cancelled():
                    self._line.remove(ticket)
                    self._cond.notify_all()
                    raise Cancelled("The request was cancelled while it waited for the model.")
                ahead = self._line.index(ticket)
                if ahead != told and ticket.on_wait is not None:
                    ticket.on_wait(ahead)
                    told = ahead
                self._cond.wait(timeout=0.25)

    def _leave(self, ticket: _Ticket) -> None:
        with self._cond:
            if ticket in self._line:
                self._line.remove(ticket)
                self._cond.notify_all()


class LinedGenerator:
    """A generator whose every call waits for its turn in a ``ModelLine`` (the page's model)."""

    def __init__(self, inner, line: ModelLine) -> None:
        self.inner = inner
        self.line = line
        self.name = inner.name

    @property
    def last_usage(self) -> dict[str, int]:
        return self.inner.last_usage

    def generate(self, messages, schema: dict | None = None, stream: bool = False, max_tokens: int = 512):
        if stream:
            return self._stream(messages, schema, max_tokens)
        with self.line.turn():
            return self.inner.generate(messages, schema=schema, stream=False, max_tokens=max_tokens)

    def _stream(self, messages, schema, max_tokens) -> Iterator[str]:
        with self.line.turn():
            yield from self.inner.generate(messages, schema=schema, stream=True, max_tokens=max_tokens)


@dataclass(frozen=True)
class Waiting:
    """The request's place in the model's line changed: ``ahead`` requests before it."""

    ahead: int


@dataclass(frozen=True)
class Tick:
    """No news for ``PULL_SECONDS``: the page redraws its waiting time (and shows it still pulls)."""


@dataclass(frozen=True)
class _Failed:
    error: BaseException


_END = object()


def run_in_place(line: ModelLine, work: Callable[[], Iterator[T]]) -> Iterator[T | Waiting | Tick]:
    """Run a request's events (``work()``) in a thread of its own with a place in ``line``.

    Yields its events, ``Waiting`` when its place in the line changes, and ``Tick`` every
    ``PULL_SECONDS`` without news (a page that no longer pulls has gone). Closing this iterator,
    or not pulling it for ``ABANDONED_SECONDS``, cancels the request; an exception of the
    request is raised here.
    """
    events: queue.Queue = queue.Queue()
    closed = threading.Event()
    pulled = [time.monotonic()]

    def cancelled() -> bool:
        return closed.is_set() or time.monotonic() - pulled[0] > ABANDONED_SECONDS

    def run() -> None:
        produced = None
        try:
            with line.place(lambda n: events.put(Waiting(n)), cancelled):
                produced = work()
                for event in produced:
                    events.put(event)
                    if cancelled():
                        break  # closing ``produced`` ends its model call between two tokens
        except BaseException as exc:  # handed to the consumer, which raises it
            events.put(_Failed(exc))
        finally:
            if hasattr(produced, "close"):
                produced.close()
            events.put(_END)

    threading.Thread(target=run, daemon=True, name="factcheck-request").start()
    try:
        while True:
            pulled[0] = time.monotonic()
            try:
                event = events.get(timeout=PULL_SECONDS)
            except queue.Empty:
                yield Tick()
                continue
            if event is _END:
                return
            if isinstance(event, _Failed):
                if isinstance(event.error, Cancelled):
                    return
                raise event.error
            yield event
    finally:
        closed.set()
