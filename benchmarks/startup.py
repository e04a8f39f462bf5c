"""Whole-process start-up times of kiaro commands, beside ``python -c pass``.

Run with ``uv run python benchmarks/startup.py [--runs N]``. Bytecode is compiled
first (users have it), a database of a few clients is made in a temporary folder,
and each command runs N times; the table gives median, min and max in seconds.
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

import kiaro_cli

COMMANDS: list[tuple[str, list[str]]] = [
    ("python -c pass", [sys.executable, "-c", "pass"]),
    ("kiaro --help", ["kiaro", "--help"]),
    ("kiaro (home)", ["kiaro"]),
    ("kiaro client list", ["kiaro", "client", "list"]),
    ("kiaro client list --format json", ["kiaro", "client", "list", "--format", "json"]),
    ("kiaro client show 1", ["kiaro", "client", "show", "1"]),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compileall.compile_dir(str(Path(kiaro_cli.__file__).parent), quiet=1)
    with tempfile.TemporaryDirectory() as folder:
        env["KIARO_DB"] = str(Path(folder) / "bench.db")
        for name in ("Acme", "Brand Factor", "Zoë Studio"):
            subprocess.run(
                kiaro_command(["kiaro", "client", "quick-add", name]),
                env=env,
                check=True,
                stdout=subprocess.DEVNULL,
            )
        print(f"Start-up, {runs} runs each, bytecode compiled, Python {sys.version.split()[0]}\n")
        print("| command | median s | min s | max s |")
        print("| --- | --- | --- | --- |")
        for label, args in COMMANDS:
            command = kiaro_command(args)
            timed(command, env)  # warm the file cache and bytecode
            samples = [timed(command, env) for _ in range(runs)]
            print(f"| {label} | {statistics.median(samples):.3f} | {min(samples):.3f} | {max(samples):.3f} |")


if __name__ == "__main__":
    main()
