"""Four people ask at once through the page's API: when each sees evidence, and when each has its answer.

Serves the page (real models, the index in FACTCHECK_INDEX_DIR or the sample index) on a free
local port, submits ``--users`` questions at the same moment through ``gradio_client`` (the API
the page itself uses), and polls each job's streamed outputs. For each question it prints the
seconds until the chat first shows an evidence card (the candidates, or the answer's cards) and
until the final answer. Run it once on each version to compare (``--root`` points Python at
another checkout, e.g. a ``git worktree`` of an older commit).

Usage: .venv/bin/python eval/bench_concurrent.py [--users 4] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import threading
import time
from pathlib import Path

QUESTIONS = [
    "Wie viele nordkoreanische Soldaten kämpfen an der Seite Russlands?",
    "How many artillery shells has North Korea delivered to Russia?",
    "Combien de missiles la Corée du Nord a-t-elle livrés à la Russie ?",
    "What did Kim Jong Un call the situation on the Korean peninsula?",
    "¿Qué armas entregó Corea del Norte a Rusia?",
    "Wie viele Haubitzen hat Nordkorea geliefert?",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _ask(client, api: str, question: str, start: float, out: dict) -> None:
    job = client.submit(question, [], api_name=api)
    seen_evidence = None
    while True:
        outputs = job.outputs()
        content = ""
        if outputs:
            history = outputs[-1][0]
            content = str(history[-1]["content"]) if history else ""
        if seen_evidence is None and 'class="evidence"' in content:
            seen_evidence = time.perf_counter() - start
        if job.done():
            final = job.outputs()[-1][0][-1]["content"] if job.outputs() else ""
            out.update(
                question=question,
                evidence_s=round(seen_evidence or time.perf_counter() - start, 1),
                answer_s=round(time.perf_counter() - start, 1),
                declined='class="insufficient"' in str(final),
            )
            return
        time.sleep(0.2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--users", type=int, default=4)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    from gradio_client import Client

    from assistant.config import Settings
    from assistant.page import serve

    settings = Settings()
    port = _free_port()
    started = time.perf_counter()
    app = serve(settings, port=port, log=lambda *_: None, block=False)
    print(f"page served in {time.perf_counter() - started:.1f} s")
    client = Client(f"http://127.0.0.1:{port}/", verbose=False)
    api = "/ask_handler"
    # one question first, so that no timing below includes a first-call warm-up
    client.predict(QUESTIONS[-1], [], api_name=api)
    results = [{} for _ in range(args.users)]
    start = time.perf_counter()
    threads = [
        threading.Thread(target=_ask, args=(client, api, QUESTIONS[i % len(QUESTIONS)], start, results[i]))
        for i in range(args.users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    app.close()
    print(f"{'question':<70} {'evidence':>9} {'answer':>8}")
    for r in results:
        flag = " (declined)" if r["declined"] else ""
        print(f"{r['question'][:68]:<70} {r['evidence_s']:>8.1f}s {r['answer_s']:>7.1f}s{flag}")
    ev = [r["evidence_s"] for r in results]
    an = [r["answer_s"] for r in results]
    print(
        f"evidence shown: median {statistics.median(ev):.1f} s, last {max(ev):.1f} s; "
        f"answers: median {statistics.median(an):.1f} s, last {max(an):.1f} s"
    )
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
