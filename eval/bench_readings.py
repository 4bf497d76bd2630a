"""What storing figure readings costs at ingest, and what it saves at load.

For each index given: the time to read every figure (the work ingest adds), the bytes the
readings table adds to meta.sqlite, and the time to load the stored readings against working
them out again. Prints measured numbers; run it on an idle machine.

    .venv/bin/python eval/bench_readings.py index/ /path/to/another/index
"""

from __future__ import annotations

import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

from assistant.index import Index, stored_readings_of
from assistant.stored_readings import reading_row, sentence_readings


def bench(root: Path, repeats: int = 3) -> dict:
    index = Index.load(root)
    figures = sum(len(f) for f in index.figures.values())
    read_s = []
    for _ in range(repeats):
        t = time.perf_counter()
        table = sentence_readings(index.sentences, index.documents, index.figures)
        read_s.append(time.perf_counter() - t)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "r.sqlite"
        con = sqlite3.connect(path)
        con.execute(
            "CREATE TABLE readings (sentence_row INTEGER, position INTEGER, dimension TEXT, unit TEXT, "
            "base REAL, base_high REAL, per TEXT, thing TEXT, kind TEXT, sign INTEGER, modality TEXT, "
            "places TEXT, place TEXT, years TEXT, relative TEXT, factor REAL, "
            "PRIMARY KEY (sentence_row, position))"
        )
        t = time.perf_counter()
        con.executemany(
            f"INSERT INTO readings VALUES ({', '.join('?' * 16)})",
            [reading_row(row, i, r) for row, rs in table.items() for i, r in enumerate(rs)],
        )
        con.commit()
        write_s = time.perf_counter() - t
        con.close()
        size = path.stat().st_size
    meta = root / (root / "CURRENT").read_text().strip() / "meta.sqlite"
    con = sqlite3.connect(f"file:{meta}?mode=ro", uri=True)
    info = dict(con.execute("SELECT key, value FROM info"))
    load_s = []
    for _ in range(repeats):
        t = time.perf_counter()
        stored = stored_readings_of(con, info, index.figures)
        load_s.append(time.perf_counter() - t)
    con.close()
    return {
        "index": str(root),
        "documents": len(index.documents),
        "figures": figures,
        "read_ms": round(statistics.median(read_s) * 1000, 1),
        "read_ms_per_figure": round(statistics.median(read_s) * 1000 / max(1, figures), 3),
        "write_ms": round(write_s * 1000, 1),
        "table_kib": round(size / 1024, 1),
        "meta_kib": round(meta.stat().st_size / 1024, 1),
        "load_stored_ms": round(statistics.median(load_s) * 1000, 1) if stored is not None else None,
        "stored_equal_to_read": stored == table if stored is not None else "not stored (older index)",
    }


def main(argv: list[str]) -> None:
    for arg in argv or ["index"]:
        r = bench(Path(arg))
        print(" ".join(f"{k}={v}" for k, v in r.items()))


if __name__ == "__main__":
    main(sys.argv[1:])
