"""Search on a large database: the full-text index against a plain scan.

Run with ``uv run python benchmarks/search.py [--clients N] [--runs N]``. It seeds
N clients (default 100,000), then times, for a few searches: the query alone
(the rows through kiaro's reader, with the index and with the LIKE scan it replaces), and the whole
``kiaro client list --search`` process. Medians in milliseconds.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from seed import kiaro_command, seed

from kiaro_cli.core.clients import make_filter
from kiaro_cli.storage import queries
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader

SEARCHES = ("zoe", "olivia garcia", "hello4242@", "zurich", "kiosk orbit 0999")


def query_ms(location: Location, text: str, runs: int, *, use_index: bool) -> tuple[float, int]:
    """Median time of the listing query alone, and how many rows it found."""
    samples, count = [], 0
    for _ in range(runs):
        with open_reader(location) as reader:
            flt = make_filter(search=text)
            start = time.perf_counter()
            sql, params = queries.client_list(flt, search_index=use_index)
            count = sum(1 for _ in reader.rows(sql, params))
            samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), count


def process_ms(env: dict[str, str], text: str, runs: int) -> float:
    command = kiaro_command(["kiaro", "client", "list", "--search", text, "--format", "json"])
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "search.db"
        env["KIARO_DB"] = str(database)
        start = time.perf_counter()
        seed(database, arguments.clients, env)
        print(f"Seeded {arguments.clients:,} clients in {time.perf_counter() - start:.1f} s\n")
        location = Location(path=database)
        print("| search | rows | index ms | scan ms | whole process ms |")
        print("| --- | --- | --- | --- | --- |")
        for text in SEARCHES:
            indexed, count = query_ms(location, text, arguments.runs, use_index=True)
            scan, _ = query_ms(location, text, arguments.runs, use_index=False)
            whole = process_ms(env, text, arguments.runs)
            print(f"| {text} | {count} | {indexed:.1f} | {scan:.1f} | {whole:.0f} |")
        start = time.perf_counter()
        subprocess.run(
            kiaro_command(["kiaro", "client", "delete", "2", "--yes"]),
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
        print(f"\nDeleting one client (the index is compacted too): {time.perf_counter() - start:.2f} s")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
