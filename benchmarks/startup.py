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
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

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


def kiaro_command(args: list[str]) -> list[str]:
    if args[0] != "kiaro":
        return args
    return [sys.executable, "-m", "kiaro_cli", *args[1:]]


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


STATUSES = ("lead", "active", "inactive", "past")


def seed(database: Path, count: int, env: dict[str, str]) -> None:
    """Create the database through kiaro, then bulk-insert ``count`` clients with contacts."""
    subprocess.run(
        kiaro_command(["kiaro", "client", "quick-add", "Acme"]),
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    today = date.today()
    stamp = f"{today.isoformat()}T09:00:00+00:00"
    clients = []
    for i in range(1, count):
        follow_up = (today + timedelta(days=i % 120 - 60)).isoformat() if i % 5 == 0 else None
        name = f"Client {i:06d}"
        clients.append((name, name.lower(), STATUSES[i % 4], follow_up, stamp, stamp, name.lower()))
    with sqlite3.connect(database) as connection:
        connection.executemany(
            "INSERT INTO client (name, name_key, status, follow_up_on, created_at, updated_at, search_text,"
            " archived) VALUES (?, ?, ?, ?, ?, ?, ?, 0)",
            clients,
        )
        connection.execute(
            "INSERT INTO contact (client_id, name, email, role, is_primary, created_at)"
            " SELECT id, 'Contact ' || id, 'c' || id || '@example.com', 'other', 1, created_at FROM client"
        )


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
