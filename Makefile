# Everyday tasks. `uv run pytest` alone is the test command CI runs.
.PHONY: test lint completions docs bench

test:
	uv run pytest

lint:
	uv run ruff check .
	uv run ruff format --check .
	uv run mypy

completions:
	for shell in bash zsh fish; do uv run kiaro completion show $$shell > completions/kiaro.$$shell; done

docs:
	uv run python -m kiaro_cli.cli.reference > docs/cli-reference.md
	uv run python -m kiaro_cli.cli.reference --man > man/kiaro.1
	uv run python -m tests.render.test_screens

# The tools people would use instead are installed for the run and timed beside kiaro.
bench:
	cd benchmarks && uv run --with sqlite-utils --with khard --with todoman python run.py --output ../docs/benchmarks.md
