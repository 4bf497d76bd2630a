"""Do two runs of `factcheck eval` give the same scores?

    .venv/bin/python eval/compare_runs.py eval/out/gold eval/out/gold-again

Prints, per system, how many items have the same answer text, verdict, cited documents and
metrics in both runs, every item that differs, and any summary metric that differs (timings
aside: they are measured, not computed, and always differ).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

TIMING_KEYS = {"ttft_ms", "total_ms", "prompt_tokens", "completion_tokens"}


def _records(folder: Path) -> dict[tuple[str, str], dict]:
    rows = (json.loads(line) for line in (folder / "results.jsonl").read_text(encoding="utf-8").splitlines())
    return {(r["system"], r["id"]): r for r in rows if r}


def _scores(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in TIMING_KEYS}


def main(first: Path, second: Path) -> int:
    a, b = _records(first), _records(second)
    shared = sorted(set(a) & set(b))
    if not shared:
        print("The two runs have no item in common.")
        return 1
    differing = 0
    for system in sorted({s for s, _ in shared}):
        keys = [k for k in shared if k[0] == system]
        same = 0
        for key in keys:
            x, y = a[key], b[key]
            fields = ("answer", "verdict", "cited_docs", "insufficient")
            changed = [f for f in fields if x["output"].get(f) != y["output"].get(f)]
            if x["metrics"] != y["metrics"]:
                changed.append("metrics")
            if changed:
                print(f"  {system} {key[1]}: {', '.join(changed)} differ")
            else:
                same += 1
        differing += len(keys) - same
        print(f"{system}: {same}/{len(keys)} items identical (answer, verdict, citations, metrics)")
    sa = json.loads((first / "summary.json").read_text(encoding="utf-8"))
    sb = json.loads((second / "summary.json").read_text(encoding="utf-8"))
    for system in sorted(set(sa) & set(sb)):
        x, y = _scores(sa[system]), _scores(sb[system])
        diff = {k: (x.get(k), y.get(k)) for k in set(x) | set(y) if x.get(k) != y.get(k)}
        print(f"{system}: summary scores {'identical' if not diff else f'differ: {diff}'}")
        differing += bool(diff)
    return 0 if differing == 0 else 2


if __name__ == "__main__":
    if len(sys.argv) != 3:
        print(__doc__)
        sys.exit(1)
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
