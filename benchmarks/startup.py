"""Whole-process start-up times of kiaro commands, beside ``python -c pass``.

Run with ``uv run python benchmarks/startup.py [--runs N] [--clients N]``. Bytecode
is compiled first (users have it), a database of ``--clients`` clients (default
10,000; a fifth with follow-ups, some overdue, each with a primary contact) is made
in a temporary folder, and each command runs N times; the table gives median, min
and max in seconds.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from seed import kiaro_command, seed

import kiaro_cli

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("kiaro --help", ["kiaro", "--help"]),
    ("kiaro (home)", ["kiaro"]),
    ("kiaro client list", ["kiaro", "client", "list"]),
    ("kiaro client list --format json", ["kiaro", "client", "list", "--format", "json"]),
    ("kiaro client show 1", ["kiaro", "client", "show", "1"]),
    ("kiaro followup due", ["kiaro", "followup", "due"]),
    ("kiaro followup due --format json", ["kiaro", "followup", "due", "--format", "json"]),
    ("kiaro followup list --within 2w", ["kiaro", "followup", "list", "--within", "2w"]),
    ("kiaro client quick-add (write)", ["kiaro", "client", "quick-add", "Bench", "--allow-duplicate", "-q"]),
]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--clients", type=int, default=10_000)
    arguments = parser.parse_args()
    runs = arguments.runs
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compileall.compile_dir(str(Path(kiaro_cli.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        database = Path(folder) / "bench.db"
        env["KIARO_DB"] = str(database)
        seed(database, arguments.clients, env)
        print(
            f"Start-up on {arguments.clients:,} clients, {runs} runs each, bytecode compiled,"
            f" Python {sys.version.split()[0]}\n"
        )
        print("| command | median s | min s | max s |")
        print("| --- | --- | --- | --- |")
        for label, args in COMMANDS:
            command = kiaro_command(args)
            timed(command, env)  # warm the file cache and bytecode
            samples = [timed(command, env) for _ in range(runs)]
            print(f"| {label} | {statistics.median(samples):.3f} | {min(samples):.3f} | {max(samples):.3f} |")


if __name__ == "__main__":
    main()
