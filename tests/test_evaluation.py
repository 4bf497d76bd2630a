"""The evaluation runner and every metric, on fakes; a wrong output must score as wrong."""

from __future__ import annotations

import json

import pytest
from conftest import FakeGenerator

from assistant.baseline import baseline_output, quotes_in
from assistant.check import VERDICTS
from assistant.config import PROJECT_DIR
from assistant.errors import BadInputError
from assistant.evaluation import (
    GoldItem,
    assistant_output,
    fact_present,
    load_gold,
    run,
    score_item,
    summarise,
    verbatim,
)
from assistant.index import Index
from assistant.ingest import ingest

DOCS = {"a": "Nordkorea hat 12 000 Soldaten geschickt. Kim sprach von der größten Krise.", "b": "Anderes."}


def out(**kw) -> dict:
    base = {
        "answer": "",
        "insufficient": False,
        "verdict": None,
        "cited_docs": [],
        "retrieved_docs": [],
        "quotes": [],
        "timings": {"ttft_ms": 100.0, "total_ms": 1000.0, "prompt_tokens": 10, "completion_tokens": 5},
    }
    return {**base, **kw}


@pytest.mark.parametrize(
    ("fact", "text", "expected"),
    [
        ("12 000", "North Korea sent 12,000 soldiers.", True),
        ("12 000", "Nordkorea schickte 12.000 Soldaten.", True),
        ("12 000", "North Korea sent 14,000 soldiers.", False),
        ("8 Millionen", "about 8 million shells", True),
        ("Krise|crisis", "the biggest crisis in history", True),
        ("Krise|crisis", "a big problem", False),
        ("Open Source Centre", "the open source centre and others", True),
    ],
)
def test_fact_matching_is_number_aware(fact, text, expected):
    assert fact_present(fact, text) is expected


def test_verbatim_by_offsets_and_free_quotes():
    start = DOCS["a"].index("Kim")
    assert verbatim("Kim sprach von der größten Krise.", DOCS, "a", start)
    assert not verbatim("Kim sprach von der großen Krise.", DOCS, "a", start)  # one letter changed
    assert verbatim("„Nordkorea hat 12 000  Soldaten geschickt.“", DOCS)  # free quote: marks and spaces
    assert not verbatim("Nordkorea hat 14 000 Soldaten geschickt.", DOCS)
    assert not verbatim("Anderes.", DOCS)  # too short to tell


def test_ask_metrics_right_and_wrong():
    item = GoldItem("q", "ask", "How many soldiers?", "en", ["12 000"], ["a"])
    quote = {
        "quote": "Nordkorea hat 12 000 Soldaten geschickt.",
        "doc_id": "a",
        "start": 0,
        "language": "de",
        "translation": "North Korea sent 12,000 soldiers.",
    }
    good = score_item(
        item,
        out(
            answer="North Korea sent 12,000 soldiers to Russia.",
            cited_docs=["a"],
            retrieved_docs=["a", "b"],
            quotes=[quote],
        ),
        DOCS,
    )
    assert good == {
        "retrieval_recall": True,
        "citation_accuracy": 1.0,
        "quote_verbatim": 1.0,
        "translation_coverage": 1.0,
        "insufficient": False,
        "answer_accuracy": True,
        "language_match": True,
        "verdict_correct": None,
    }
    # a deliberately wrong output: wrong figure, wrong document, an altered quote, no translation,
    # answered in German
    bad_quote = {**quote, "quote": "Nordkorea hat 14 000 Soldaten geschickt.", "translation": None}
    bad = score_item(
        item,
        out(
            answer="Nordkorea hat 14.000 Soldaten nach Russland geschickt.",
            cited_docs=["b"],
            retrieved_docs=["b"],
            quotes=[bad_quote],
        ),
        DOCS,
    )
    assert bad["answer_accuracy"] is False and bad["retrieval_recall"] is False
    assert bad["citation_accuracy"] == 0.0 and bad["quote_verbatim"] == 0.0
    assert bad["translation_coverage"] == 0.0 and bad["language_match"] is False


def test_unanswerable_items_score_the_refusal():
    item = GoldItem("u", "ask", "What is the capital of Australia?", "en", [], [], answerable=False)
    assert score_item(item, out(insufficient=True, answer="The articles do not answer this."), DOCS)[
        "answer_accuracy"
    ]
    assert not score_item(item, out(answer="Canberra is the capital."), DOCS)["answer_accuracy"]


def test_summary_precision_recall_confusion_and_latency():
    items = [
        GoldItem("q1", "ask", "x", "en", ["12 000"], ["a"]),
        GoldItem("u1", "ask", "y", "en", [], [], answerable=False),
        GoldItem("u2", "ask", "z", "en", [], [], answerable=False),
        GoldItem("c1", "check", "c", "en", [], ["a"], "supported"),
        GoldItem("c2", "check", "d", "en", [], [], "not_enough_evidence"),
    ]
    outputs = [
        out(insufficient=True),  # a wrong refusal
        out(insufficient=True),  # right
        out(answer="Canberra."),  # missed
        out(verdict="supported", answer="Supported: it is.", timings={"total_ms": 3000.0}),
        out(verdict="refuted", answer="Refuted: it is not.", timings={"total_ms": 5000.0}),
    ]
    results = [{"output": o, "metrics": score_item(i, o, DOCS)} for i, o in zip(items, outputs)]
    summary = summarise(items, results)
    assert summary["insufficient_precision"] == 0.5 and summary["insufficient_recall"] == 0.5
    assert summary["verdict_accuracy"] == 0.5
    assert summary["confusion"]["supported"] == {"supported": 1}
    assert summary["confusion"]["not_enough_evidence"] == {"refuted": 1}
    assert summary["total_ms"]["p50"] == 1000.0 and summary["total_ms"]["p95"] == 5000.0
    assert summary["answer_accuracy"] == round(2 / 5, 4)


def test_gold_file_problems_are_reported_with_line_numbers(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text(
        '{"id": "a", "type": "ask", "text": "t", "language": "en"}\n'
        "not json\n"
        '{"id": "b", "type": "check", "text": "t", "language": "en"}\n'
        '{"id": "a", "type": "ask", "text": "t", "language": "en"}\n'
        '{"id": "c", "type": "quiz", "text": "t", "language": "en"}\n',
        encoding="utf-8",
    )
    with pytest.raises(BadInputError) as info:
        load_gold(path)
    message = str(info.value)
    assert "line 2: not JSON" in message and "line 3: a check needs expected_verdict" in message
    assert "line 4: id 'a' is used twice" in message and "line 5: type must be ask or check" in message
    with pytest.raises(BadInputError):
        load_gold(tmp_path / "missing.jsonl")


def test_the_bundled_gold_set_meets_the_issue():
    from conftest import CORPUS

    items = load_gold(CORPUS.parent / "eval" / "gold.jsonl")
    assert len(items) >= 60
    assert {"ask", "check"} == {i.type for i in items}
    assert {"en", "de"} <= {i.language for i in items} and len({i.language for i in items}) >= 5
    assert sum(1 for i in items if i.type == "ask" and not i.answerable) >= 10
    assert {i.expected_verdict for i in items if i.type == "check"} == set(VERDICTS)
    ids = {p.stem for p in CORPUS.glob("*.txt")}
    assert all(d in ids for i in items for d in i.expected_docs)


def test_baseline_quotes_are_parsed_from_free_text():
    answer = 'Laut dem Artikel: "Nordkorea hat 12 000 Soldaten geschickt." und „Kim sprach von der Krise.“'
    assert quotes_in(answer) == ["Nordkorea hat 12 000 Soldaten geschickt.", "Kim sprach von der Krise."]


@pytest.mark.parametrize(
    "answer, refuses",
    [
        ("The context information does not provide the number of nuclear warheads.", True),
        ("I don't know", True),
        ("Der Kontext enthält keine Angaben dazu.", True),
        ("Le contexte ne précise pas le nombre de chars.", True),
        ("Il contesto non fornisce questa informazione.", True),
        ("De context vermeldt niet hoeveel vliegtuigen.", True),
        ("O contexto não menciona o Irã.", True),
        ("North Korean forces suffered 5,000 casualties in Kursk by March 2025.", False),
        ("Kim Jong Un machte die USA und Südkorea verantwortlich.", False),
    ],
)
def test_baseline_refusals_are_recognised(answer, refuses):
    from assistant.baseline import _UNKNOWN

    assert bool(_UNKNOWN.search(answer)) is refuses


@pytest.fixture
def index(settings, fake_embedder, corpus_copy, monkeypatch):
    settings.figure_candidate_min = -1.0
    settings.min_evidence_score = -1.0
    settings.min_answer_support = -1.0
    ingest([corpus_copy], settings, fake_embedder)
    return Index.load(settings.resolved_index_dir())


def test_runner_writes_results_summary_and_report(index, fake_embedder, settings, tmp_path):
    items = [
        GoldItem(
            "c03",
            "check",
            "Nordkorea hat 3 Millionen Artilleriegranaten geliefert",
            "de",
            [],
            ["000_6f5a61955203e82d"],
            "refuted",
        ),
        GoldItem(
            "q", "ask", "Wie viele Raketen lieferte Nordkorea?", "de", ["150"], ["003_80cbbb5fceeceba0"]
        ),
    ]
    answer = json.dumps(
        {"sentence_ids": ["S1"], "answer": "Nordkorea lieferte 150 Raketen.", "insufficient_evidence": False}
    )
    generator = FakeGenerator(default=answer)
    baseline_gen = FakeGenerator(default='refuted. "Nordkorea hat Russland Raketen geliefert und mehr." 150')
    documents = {d.id: d.text for d in index.documents.values()}
    systems = {
        "assistant": lambda item: assistant_output(item, index, fake_embedder, generator, settings, None),
        "baseline": lambda item: baseline_output(item, index, fake_embedder, baseline_gen, settings),
    }
    summary = run(items, systems, documents, tmp_path / "out")
    lines = (tmp_path / "out" / "results.jsonl").read_text().splitlines()
    assert len(lines) == 4 and {json.loads(line)["system"] for line in lines} == {"assistant", "baseline"}
    assert summary["assistant"]["verdict_accuracy"] == 1.0
    assert summary["assistant"]["quote_verbatim"] == 1.0  # by construction
    assert summary["baseline"]["quote_verbatim"] == 0.0  # the baseline's quote is not in any article
    saved = json.loads((tmp_path / "out" / "summary.json").read_text())
    assert saved["baseline"]["verdict_accuracy"] == 1.0
    report = (tmp_path / "out" / "report.html").read_text()
    assert report.count("<svg") >= 2 and "expected \\ got" in report and "c03" in report


@pytest.mark.parametrize(
    ("prediction", "gold", "em", "f1"),
    [
        ("Die Koksan-Haubitzen.", "Koksan-Haubitzen", True, 1.0),
        ("in Krasnojarsk", "Krasnojarsk", False, 2 / 3),
        ("Krasnojarsk", "Kursk", False, 0.0),
        ("", "Kursk", False, 0.0),
    ],
)
def test_squad_exact_match_and_f1(prediction, gold, em, f1):
    from assistant.evaluation import exact_match, f1_score

    assert exact_match(prediction, gold) is em
    assert f1_score(prediction, gold) == pytest.approx(f1)


def test_own_words_leave_out_quotes_and_their_translations():
    from assistant.evaluation import own_words

    answer = "Le frasi citate affermano: „50 schwere Haubitzen auf Selbstfahrlafetten“ (50 heavy howitzers)"
    assert own_words(answer) == "Le frasi citate affermano:"
    assert own_words("Kim called it the „größte Krise in der Geschichte“.") == "Kim called it the ."
    assert own_words("No quotes at all.") == "No quotes at all."


def test_answer_language_is_judged_on_the_answers_own_words():
    item = GoldItem("q", "ask", "Quanti soldati?", "it", ["12 000"], ["a"])
    quoting = (
        "Le frasi citate affermano: „Nordkorea hat 12 000 Soldaten nach Russland geschickt.“ "
        "(North Korea sent 12,000 soldiers to Russia.)"
    )
    assert score_item(item, out(answer=quoting, cited_docs=["a"]), DOCS)["language_match"] is True
    german = "Nordkorea hat 12 000 Soldaten nach Russland geschickt, heißt es in dem Bericht."
    assert score_item(item, out(answer=german, cited_docs=["a"]), DOCS)["language_match"] is False


def test_compare_runs_tells_identical_runs_from_different_ones(tmp_path, capsys):
    import importlib.util

    spec = importlib.util.spec_from_file_location("compare_runs", PROJECT_DIR / "eval" / "compare_runs.py")
    compare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(compare)
    items = [GoldItem("q", "ask", "How many soldiers?", "en", ["12 000"], ["a"])]

    def system(answer):
        return {"assistant": lambda item: out(answer=answer, cited_docs=["a"], retrieved_docs=["a"])}

    run(items, system("North Korea sent 12,000 soldiers."), DOCS, tmp_path / "one")
    run(items, system("North Korea sent 12,000 soldiers."), DOCS, tmp_path / "two")
    run(items, system("North Korea sent 14,000 soldiers."), DOCS, tmp_path / "three")
    assert compare.main(tmp_path / "one", tmp_path / "two") == 0
    assert "1/1 items identical" in capsys.readouterr().out
    assert compare.main(tmp_path / "one", tmp_path / "three") == 2
    printed = capsys.readouterr().out
    assert "q: answer, metrics differ" in printed and "answer_accuracy" in printed
