# The two commands of the README: `make run` and `make test`. Both set everything up first.
.PHONY: setup run demo test test-fast test-threads lint bench-faiss eval-retrieval clean

setup:
	@bash scripts/setup.sh

run: setup
	@.venv/bin/factcheck serve --open

demo: setup
	@.venv/bin/factcheck demo

test: setup
	@bash scripts/test.sh

test-fast:
	@.venv/bin/python -m pytest -q -m "not integration"

# The real-model and browser tests with one thread and with two: another summation order gives
# other greedy tokens, the nearest thing to another machine here. Both runs must pass.
test-threads: setup
	FACTCHECK_THREADS=1 .venv/bin/python -m pytest -q -m integration
	FACTCHECK_THREADS=2 .venv/bin/python -m pytest -q -m integration

lint:
	@.venv/bin/ruff check assistant tests eval

eval-retrieval: setup
	@.venv/bin/factcheck eval-retrieval --xquad $${XQUAD:-../shared/data/xquad}

bench-faiss: setup
	@.venv/bin/python eval/bench_faiss.py

clean:
	rm -rf index/v-* index/CURRENT index/.building-* .pytest_cache
