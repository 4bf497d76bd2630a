"""Do two checkouts read text the same way? No model is loaded.

    .venv/bin/python eval/compare_readers.py OLD_CHECKOUT NEW_CHECKOUT

For each checkout (in a subprocess, with that checkout's ``assistant`` first on the path) it
reads the sample corpus, gnad-dev and the XQuAD paragraphs and questions, and prints how many
results differ: the language detected for every question and claim (XQuAD EN+DE, the gold sets),
every figure extracted (value, qualifier, unit), every figure's reading in its sentence, and
every cleaned article text, compared as multisets; then up to twelve of each kind found only
before, and only after. The data folders that are absent are skipped.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

_DUMP = r"""
import dataclasses, json, pathlib, sys
from assistant.chunking import split_sentences
from assistant.corpus import load_document
from assistant.figures import extract_figures
from assistant.language import detect_language
from assistant.readings import read
try:
    from assistant.cleaning import clean_text
except ImportError:
    from assistant.corpus import clean_text
shared, gold = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
files = sorted((shared / "seed-articles").glob("*"))
files += sorted((shared / "data/gnad-dev/articles").glob("*.txt"))
texts = [load_document(p).text for p in files]
xquad, questions = [], []
for lang in ("de", "en"):
    path = shared / f"data/xquad/xquad.{lang}.json"
    if path.exists():
        for art in json.loads(path.read_text())["data"]:
            for para in art["paragraphs"]:
                if lang == "de":
                    xquad.append(para["context"])
                questions += [qa["question"] for qa in para["qas"]]
for g in sorted(gold.glob("*.jsonl")):
    for line in g.read_text().splitlines():
        item = json.loads(line) if line.strip() else {}
        questions += [item[k] for k in ("question", "claim", "text") if isinstance(item.get(k), str)]
out = {"language": [[q, detect_language(q)] for q in questions], "figures": [], "readings": [],
       "cleaned": [clean_text(t) for t in xquad] + texts}
for t in texts + xquad:
    out["figures"] += [[f.text, f.value, f.qualifier, f.unit] for f in extract_figures(t)]
for t in texts:
    for s in split_sentences(t):
        sentence = t[s.start:s.end]
        figs = extract_figures(sentence)
        for f in figs:
            r = dataclasses.asdict(read(f, sentence, 0, None, tuple(figs)))
            out["readings"].append([sentence, f.text, {k: sorted(v) if isinstance(v, frozenset) else v
                                                       for k, v in r.items()}])
print(json.dumps(out, ensure_ascii=False, default=str))
"""


def _dump(checkout: Path) -> dict:
    env = {"PYTHONPATH": str(checkout), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", _DUMP, str(SHARED), str(checkout / "eval")],
        env=env, cwd=checkout, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def main(old: Path, new: Path) -> int:
    a, b = _dump(old), _dump(new)
    for kind in ("language", "figures", "readings", "cleaned"):
        # compared as multisets: a figure read or dropped shifts every later position
        before = Counter(json.dumps(x, ensure_ascii=False) for x in a[kind])
        after = Counter(json.dumps(x, ensure_ascii=False) for x in b[kind])
        gone, new_ = list((before - after).elements()), list((after - before).elements())
        print(f"{kind}: {len(a[kind])} and {len(b[kind])}; {len(gone)} only before, {len(new_)} only after")
        for sign, items in (("-", gone), ("+", new_)):
            for x in items[:12]:
                print(f"  {sign} {x[:170]}")
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
