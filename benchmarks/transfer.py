"""Exporting and importing many clients, beside the sqlite3 shell on the same data.

Run with ``uv run python benchmarks/transfer.py [--clients N]``. It seeds N clients
(default 100,000), then times whole processes, once each (they take seconds):

- ``kiaro export clients --all --output FILE`` and the shell's ``.mode csv`` export
  of the client table;
- ``kiaro import clients FILE`` into an empty database and the shell's ``.import``
  of the same file into an empty table;
- the peak memory (max RSS) of each kiaro process.

The shell does no validation, no mapping and no derived columns: it is the floor.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

from seed import kiaro_command, seed


def run(command: list[str], env: dict[str, str], **kwargs: object) -> tuple[float, float]:
    """Seconds taken and peak MiB of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload]
    elapsed = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=100_000)
    count = parser.parse_args().clients
    shell = shutil.which("sqlite3")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        source = base / "source.db"
        seed(source, count, {**env, "KIARO_DB": str(source)})
        exported = base / "clients.csv"
        print(f"{count:,} clients\n")
        print("| step | seconds | peak MiB |")
        print("| --- | --- | --- |")
        seconds, peak = run(
            kiaro_command(["kiaro", "export", "clients", "--all", "--output", str(exported)]),
            {**env, "KIARO_DB": str(source)},
        )
        print(
            f"| kiaro export clients (CSV, {exported.stat().st_size / 2**20:.0f} MiB)"
            f" | {seconds:.2f} | {peak:.0f} |"
        )
        target = base / "target.db"
        seconds, peak = run(
            kiaro_command(["kiaro", "import", "clients", str(exported)]), {**env, "KIARO_DB": str(target)}
        )
        print(f"| kiaro import clients (validated, into an empty database) | {seconds:.2f} | {peak:.0f} |")
        again = base / "again.csv"
        seconds, _ = run(
            kiaro_command(["kiaro", "export", "clients", "--all", "--output", str(again)]),
            {**env, "KIARO_DB": str(target)},
        )
        print(f"| kiaro export of the imported database | {seconds:.2f} | |")
        if shell is None:
            print("\n(no sqlite3 shell on this machine: its figures are left out)")
            return
        raw = base / "raw.csv"
        with raw.open("w") as out:
            start = time.perf_counter()
            subprocess.run(
                [shell, str(source), ".headers on", ".mode csv", "SELECT * FROM client"],
                stdout=out,
                check=True,
            )
            took = time.perf_counter() - start
            print(f"| sqlite3 shell `.mode csv` export of the client table | {took:.2f} | |")
        empty = base / "empty.db"
        start = time.perf_counter()
        subprocess.run([shell, str(empty), ".mode csv", f".import {exported} client"], check=True)
        took = time.perf_counter() - start
        print(f"| sqlite3 shell `.import` of kiaro's CSV (no checks) | {took:.2f} | |")


if __name__ == "__main__":
    main()
