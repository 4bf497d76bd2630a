"""Several people at once: the model's first-come-first-served line, places told, cancellation, and
the page showing a waiting question its evidence while another is answered."""

from __future__ import annotations

import json
import threading
import time

import pytest
from conftest import FakeGenerator

from assistant import sharing
from assistant.index import Index
from assistant.ingest import ingest
from assistant.page import Assistant, make_handlers
from assistant.sharing import LinedGenerator, ModelLine, Waiting, run_in_place


class SlowGenerator(FakeGenerator):
    """Holds every call until ``release`` is set, and records the order the calls came in."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.release = threading.Event()
        self.started = threading.Event()
        self.order: list[str] = []

    def generate(self, messages, schema=None, stream=False, max_tokens=512):
        self.order.append(messages[-1]["content"][-40:])
        self.started.set()
        assert self.release.wait(10), "never released"
        return super().generate(messages, schema=schema, stream=stream, max_tokens=max_tokens)


def _hold(line: ModelLine, name: str, log: list, hold: threading.Event, told: list | None = None) -> None:
    with line.place(on_wait=(told.append if told is not None else None)), line.turn():
        log.append(name)
        hold.wait(5)


def test_the_line_serves_in_arrival_order_and_tells_each_its_place():
    line, log, hold = ModelLine(), [], threading.Event()
    told: dict[str, list] = {"b": [], "c": []}
    first = threading.Thread(target=_hold, args=(line, "a", log, hold))
    first.start()
    while len(line) < 1:
        time.sleep(0.01)
    threads = []
    for name in ("b", "c"):
        t = threading.Thread(target=_hold, args=(line, name, log, hold, told[name]))
        t.start()
        threads.append(t)
        while len(line) < len(threads) + 1:
            time.sleep(0.01)
    assert log == ["a"] and len(line) == 3
    hold.set()
    for t in [first, *threads]:
        t.join(5)
    assert log == ["a", "b", "c"] and len(line) == 0
    assert told["b"][0] == 1 and told["c"][0] == 2  # places in line, as they stood when joining


def test_a_turn_is_kept_for_the_whole_request():
    line, inner = ModelLine(), FakeGenerator(default="x")
    gen = LinedGenerator(inner, line)
    with line.place():
        gen.generate([{"role": "user", "content": "1"}])
        assert len(line) == 1  # still held between two calls of one request
        assert "".join(gen.generate([{"role": "user", "content": "2"}], stream=True)) == "x"
    assert len(line) == 0


def test_closing_a_waiting_request_gives_up_its_place():
    line, log, hold = ModelLine(), [], threading.Event()
    holder = threading.Thread(target=_hold, args=(line, "a", log, hold))
    holder.start()
    while len(line) < 1:
        time.sleep(0.01)

    def work():
        with line.turn():
            yield "answer"

    events = run_in_place(line, work)
    assert isinstance(next(events), Waiting)
    assert len(line) == 2
    events.close()  # the page was closed
    deadline = time.monotonic() + 5
    while len(line) > 1 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(line) == 1
    hold.set()
    holder.join(5)
    assert log == ["a"]


def test_a_request_nobody_pulls_is_cancelled(monkeypatch):
    monkeypatch.setattr(sharing, "ABANDONED_SECONDS", 0.3)
    line, log, hold = ModelLine(), [], threading.Event()
    holder = threading.Thread(target=_hold, args=(line, "a", log, hold))
    holder.start()
    while len(line) < 1:
        time.sleep(0.01)

    def work():
        with line.turn():
            log.append("b")
            yield "answer"

    events = run_in_place(line, work)
    next(events)  # joined the line; then the page stops pulling
    time.sleep(1.0)
    assert len(line) == 1
    hold.set()
    holder.join(5)
    assert log == ["a"]


def test_an_error_of_the_request_is_raised_to_the_page():
    def work():
        raise ValueError("boom")
        yield  # pragma: no cover

    with pytest.raises(ValueError, match="boom"):
        list(run_in_place(ModelLine(), work))


def test_a_waiting_question_is_shown_its_evidence(settings, fake_embedder, corpus_copy):
    settings.min_evidence_score = -1.0
    ingest([corpus_copy], settings, fake_embedder)
    slow = SlowGenerator(
        default=json.dumps({"sentence_ids": [], "answer": "", "insufficient_evidence": True})
    )
    assistant = Assistant(settings, fake_embedder, slow, Index.load(settings.resolved_index_dir()))
    ask_handler, *_ = make_handlers(assistant)
    first_steps: list = []
    first = threading.Thread(target=lambda: first_steps.extend(ask_handler("Wie viele Soldaten?", [])))
    first.start()
    assert slow.started.wait(10)  # the first question holds the model
    second = ask_handler("Wie viele Raketen?", [])
    shown = []
    for history, _ in second:
        shown.append(history[-1]["content"])
        if "Waiting for the model" in shown[-1]:
            break
    waiting = shown[-1]
    assert "1 request(s) ahead" in waiting and 'class="evidence"' in waiting  # candidates shown
    slow.release.set()
    rest = [h[-1]["content"] for h, _ in second]
    first.join(10)
    assert 'class="insufficient"' in rest[-1] and 'class="insufficient"' in first_steps[-1][0][-1]["content"]
    assert len(slow.order) >= 2 and "Soldaten" in slow.order[0]  # served in arrival order
