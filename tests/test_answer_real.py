"""ask() with the real models on the sample corpus, and the OpenAI-compatible backend against a real
llama.cpp server (llama_cpp.server on 127.0.0.1)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from assistant.answer import ask
from assistant.config import Settings
from assistant.evaluation import own_words
from assistant.language import detect_language
from assistant.llm import OpenAIGenerator
from assistant.models import model_path

pytestmark = pytest.mark.integration


def stated(answer, *facts) -> bool:
    """Each fact is in the answer or in one of its verbatim quotes: what must hold on any CPU,
    whatever wording greedy decoding picks there."""
    said = answer.answer + " " + " ".join(ev.quote for ev in answer.evidence)
    return all(fact in said for fact in facts)


def run(real, question, translate: bool = False):
    """ask() with the session's models. Quotes are translated only where a test looks at the
    translations: each new sentence costs a model call of 2-4 s."""
    settings, embedder, index, generator, cache = real
    answer = ask(question, index, embedder, generator, settings, translations=cache if translate else None)
    for ev in answer.evidence:
        assert index.documents[ev.doc_id].text[ev.start : ev.end] == ev.quote
    return answer


def test_kim_cites_the_war_preparations_article(real):
    answer = run(real, "What did Kim Jong Un call the situation on the Korean peninsula?", translate=True)
    assert not answer.insufficient_evidence
    assert any(ev.doc_id.startswith("004_") for ev in answer.evidence)
    assert all(ev.translation for ev in answer.evidence)
    assert answer.language == "en"


def test_german_question_names_both_organisations(real):
    answer = run(real, "Welche Organisationen lieferten Beweismaterial für den Bericht?")
    assert not answer.insufficient_evidence
    assert stated(answer, "Open Source Centre", "Conflict Armament Research"), answer.answer
    assert answer.language == "de"


@pytest.mark.parametrize(
    "question",
    [
        "What is the capital of Australia?",
        "How many warships did North Korea send to Russia?",
    ],
)
def test_unanswerable_questions(real, question):
    answer = run(real, question)
    assert answer.insufficient_evidence and answer.evidence == []
    assert answer.answer == "The articles do not answer this question."


def test_count_question_about_something_no_article_counts(real):
    answer = run(real, "How many nuclear warheads does North Korea have?")
    assert answer.insufficient_evidence and answer.checks["asks_count"] == "warheads"
    assert answer.timings["completion_tokens"] == 0  # decided without the model


def test_count_question_gets_the_figure_of_the_thing_asked(real):
    # "obici semoventi" (self-propelled howitzers): the sentences about soldiers rank higher; the
    # one with „50 schwere Haubitzen“ is put before the model for its figure
    answer = run(real, "Quanti obici semoventi ha fornito la Corea del Nord alla Russia?")
    assert not answer.insufficient_evidence and stated(answer, "50")
    assert any("Haubitzen" in ev.quote for ev in answer.evidence)
    assert "14.000" not in answer.answer and "12 000" not in answer.answer


def test_english_question_gets_an_english_answer(real):
    answer = run(real, "Who is Andriy Kovalenko?")
    assert not answer.insufficient_evidence
    assert detect_language(own_words(answer.answer)) == "en", answer.answer


def test_a_question_at_the_length_limit_fits_the_context_window(real):
    """The longest question accepted, with the longest evidence the prompt takes: the prompt and the
    reply stay inside the model's window (llama.cpp raised "Requested tokens exceed context
    window" for a 50,000-character question before questions were bounded)."""
    settings, *_ = real
    part = "Wie viele nordkoreanische Soldaten kämpfen nach Angaben Südkoreas für Russland, "
    question = (part * (settings.max_question_chars // len(part) + 1))[
        : settings.max_question_chars - 1
    ] + "?"
    assert len(question) == settings.max_question_chars
    answer = run(real, question)
    assert answer.timings["prompt_tokens"] + answer.timings["completion_tokens"] <= settings.llm_context
    assert answer.insufficient_evidence or answer.evidence


def test_a_sentence_is_translated_once(real):
    """The second time, the translation comes from the cache: a model that refuses every call
    is enough (the Kim test above usually translated this sentence already)."""
    from assistant.translation import to_english

    settings, embedder, index, generator, cache = real

    class NoModel:
        name = generator.name

        def generate(self, *args, **kwargs):
            raise AssertionError("a cached sentence was translated again")

    sentence = next(s.text for s in index.sentences if s.doc_id.startswith("004_") and "Kim" in s.text)
    first = to_english(sentence, "de", generator, cache, embedder, settings.translation_min_similarity)
    hits = cache.hits
    again = to_english(sentence, "de", NoModel(), cache, embedder, settings.translation_min_similarity)
    assert again == first and first.text
    assert cache.hits == hits + 1


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server():
    port = _free_port()
    threads = Settings().threads or os.cpu_count()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "llama_cpp.server",
            "--model",
            str(model_path(Settings(), "llm")),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--n_ctx",
            "2048",
            "--seed",
            "0",
            # its default is half the cores; the same threads as the in-process model instead
            "--n_threads",
            str(threads),
            "--n_threads_batch",
            str(threads),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        try:
            urllib.request.urlopen(url + "/v1/models", timeout=2).read()
            break
        except OSError:
            if proc.poll() is not None:
                pytest.fail("llama_cpp.server exited at start")
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("llama_cpp.server did not start within 120 s")
    yield url
    proc.terminate()
    proc.wait(timeout=30)


def test_openai_backend_against_llama_cpp_server(server):
    generator = OpenAIGenerator(server)
    schema = {"type": "object", "properties": {"n": {"type": "integer"}}, "required": ["n"]}
    out = generator.generate(
        [{"role": "user", "content": "Give any number as JSON."}], schema=schema, max_tokens=20
    )
    assert isinstance(json.loads(out)["n"], int)
    assert generator.last_usage["prompt_tokens"] > 0
    pieces = list(generator.generate([{"role": "user", "content": "Say hello."}], stream=True, max_tokens=8))
    assert len(pieces) >= 2 and "".join(pieces).strip()
    assert generator.last_usage["completion_tokens"] >= 2


def test_ask_through_the_server(server, real):
    settings, embedder, index, _, _ = real
    # the whole pipeline over the OpenAI-compatible API; three candidate sentences keep the
    # server's cold prefill short (quality is tested in-process above)
    settings = settings.model_copy(update={"answer_sentences": 3})
    answer = ask(
        "Welche Organisationen lieferten Beweismaterial für den Bericht?",
        index,
        embedder,
        OpenAIGenerator(server),
        settings,
    )
    assert not answer.insufficient_evidence and stated(answer, "Open Source Centre"), answer.answer


def test_unreachable_server_is_a_clear_error():
    from assistant.llm import GenerationError

    with pytest.raises(GenerationError, match="Cannot reach the LLM server"):
        OpenAIGenerator(f"http://127.0.0.1:{_free_port()}").generate([{"role": "user", "content": "x"}])
