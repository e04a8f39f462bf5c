"""The benchmark suite: kiaro's commands on databases of 1k, 10k and 100k clients.

Run it with ``make bench`` (or ``cd benchmarks && uv run python run.py``). Bytecode
is compiled first, as users have it. For each size it seeds a realistic database
(see ``seed.py``), then times whole processes: the median, min and max of
``--runs`` runs (the export and the import run fewer times: they take seconds),
the peak memory (max RSS) of the export and the import, a search query alone
inside the process, and the sqlite3 shell's own CSV export and ``.import`` of the
same data as the floor. It prints a Markdown report; ``--output FILE`` writes it
too (``docs/benchmarks.md`` is the one the docs include).

``--postgres URL`` (a server URL whose user may create databases) also copies each
seeded database to a new database on that server (``kiaro db copy``) and times the
reading commands there, beside SQLite's.
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from seed import kiaro_command

import kiaro_cli

SEARCH = "olivia garcia"
FLOOR = "floor: a Typer app printing a two-row Rich table"


@dataclass
class Timing:
    label: str
    samples: list[float]
    peak_mib: float | None = None

    def row(self, floor: float) -> str:
        median, low, high = statistics.median(self.samples), min(self.samples), max(self.samples)
        peak = f"{self.peak_mib:.0f}" if self.peak_mib is not None else ""
        ratio = f"{median / floor:.2f}×" if self.label.startswith(("kiaro", FLOOR)) else ""
        return f"| {self.label} | {seconds(median)} | {ratio} | {seconds(low)} | {seconds(high)} | {peak} |"


def seconds(value: float) -> str:
    """Seconds with the precision that matters: 0.0012 for a query, 0.240 for a process."""
    return f"{value:.4f}" if value < 0.01 else f"{value:.3f}"


def timed(
    command: list[str], env: dict[str, str], runs: int, *, warm: bool = True
) -> tuple[list[float], float]:
    """Whole-process seconds of ``runs`` runs, and the largest peak RSS (MiB) among them."""
    if warm:
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    samples, peak = [], 0.0
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        samples.append(time.perf_counter() - start)
        if status:
            raise SystemExit(f"failed: {' '.join(command)}")
        peak = max(peak, usage.ru_maxrss / 1024)
    return samples, peak


SEARCH_PROBE = """
import sys, time
from pathlib import Path
from kiaro_cli.core.clients import count_clients, iter_clients, make_filter
from kiaro_cli.storage.location import Location
from kiaro_cli.storage.reader import open_reader

for _ in range(int(sys.argv[3]) + 1):
    with open_reader(Location(path=Path(sys.argv[1]))) as reader:
        start = time.perf_counter()
        flt = make_filter(search=sys.argv[2])
        list(iter_clients(reader, flt, limit=50))
        count_clients(reader, flt)
        print(time.perf_counter() - start)
"""


def search_ms(database: Path, runs: int) -> list[float]:
    """The search listing (first 50 rows and the count) inside one process, in seconds."""
    done = subprocess.run(
        [sys.executable, "-c", SEARCH_PROBE, str(database), SEARCH, str(runs)],
        capture_output=True,
        text=True,
        check=True,
    )
    return [float(line) for line in done.stdout.split()][1:]


def unique_name(database: Path, size: int) -> str:
    """A client's name no other client has, from the middle of the database."""
    with sqlite3.connect(database) as connection:
        query = (
            "SELECT min(name) FROM client GROUP BY name_key HAVING count(*) = 1"
            " ORDER BY min(id) LIMIT 1 OFFSET ?"
        )
        return str(connection.execute(query, (size // 4,)).fetchone()[0])


def measure(size: int, runs: int, folder: Path, env: dict[str, str]) -> list[Timing]:
    database = folder / f"kiaro-{size}.db"
    env = {**env, "KIARO_DB": str(database)}
    subprocess.run([sys.executable, "seed.py", str(database), str(size)], env=env, check=True)
    with sqlite3.connect(database) as connection:
        middle = connection.execute(
            "SELECT id FROM client ORDER BY id LIMIT 1 OFFSET ?", (size // 2,)
        ).fetchone()[0]
    timings = []

    def kiaro(label: str, args: list[str], count: int = runs, **extra: str) -> Timing:
        samples, peak = timed(kiaro_command(["kiaro", *args]), {**env, **extra}, count)
        timing = Timing(label, samples, peak)
        timings.append(timing)
        return timing

    floor_samples, _ = timed([sys.executable, str(Path(__file__).with_name("floor.py"))], env, runs)
    timings.append(Timing(FLOOR, floor_samples))
    kiaro("kiaro --help", ["--help"])
    tab = {"_KIARO_COMPLETE": "complete_bash", "COMP_WORDS": "kiaro client show br", "COMP_CWORD": "3"}
    kiaro("kiaro client show br<Tab> (bash completion)", [], **tab)
    kiaro("kiaro (home)", [])
    kiaro("kiaro followup due --format json", ["followup", "due", "--format", "json"])
    kiaro("kiaro client list --limit 50", ["client", "list", "--limit", "50"])
    kiaro(f"kiaro client list --search '{SEARCH}'", ["client", "list", "--search", SEARCH])
    timings.append(Timing(f"search '{SEARCH}', query only (in process)", search_ms(database, runs)))
    kiaro("kiaro client show (one client)", ["client", "show", str(middle)])
    sentence = f"remind me to follow up with {unique_name(database, size)} in 3 weeks"
    kiaro("kiaro do '… in 3 weeks' --dry-run", ["do", sentence, "--dry-run"])
    kiaro("kiaro do '… in 3 weeks' --yes (saved)", ["do", sentence, "--yes"])
    exported = folder / f"clients-{size}.csv"
    heavy = max(1, min(runs, 3))
    kiaro(
        "kiaro export clients --all (CSV)", ["export", "clients", "--all", "--output", str(exported)], heavy
    )
    target = folder / f"imported-{size}.db"
    timings.append(_import(exported, target, env))
    shell = shutil.which("sqlite3")
    if shell:
        timings.append(
            _shell(
                "sqlite3 shell .mode csv export (floor)",
                [shell, str(database), ".headers on", ".mode csv", "SELECT * FROM client"],
                heavy,
            )
        )
        timings.append(_shell_import(shell, exported, folder / f"shell-{size}.db"))
    return timings


SERVER_READS = (
    ("kiaro followup due --format json", ["followup", "due", "--format", "json"]),
    ("kiaro client list --limit 50", ["client", "list", "--limit", "50"]),
    (f"kiaro client list --search '{SEARCH}'", ["client", "list", "--search", SEARCH]),
    ("kiaro client show (one client)", ["client", "show", "{middle}"]),
)


def measure_server(size: int, runs: int, database: Path, server: str, env: dict[str, str]) -> list[Timing]:
    """The reading commands on a copy of ``database`` on a PostgreSQL server."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"kiaro_bench_{size}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = make_url(server).set(database=name).render_as_string(hide_password=False)
    try:
        copy = kiaro_command(["kiaro", "--db", str(database), "db", "copy", "--to", url, "--yes"])
        subprocess.run(copy, env=env, check=True, stdout=subprocess.DEVNULL)
        with sqlite3.connect(database) as connection:
            middle = connection.execute(
                "SELECT id FROM client ORDER BY id LIMIT 1 OFFSET ?", (size // 2,)
            ).fetchone()[0]
        timings = []
        for label, args in SERVER_READS:
            command = kiaro_command(["kiaro", *(arg.format(middle=middle) for arg in args)])
            samples, peak = timed(command, {**env, "KIARO_DB": url}, runs)
            timings.append(Timing(f"{label} (PostgreSQL)", samples, peak))
        return timings
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def _import(exported: Path, target: Path, env: dict[str, str]) -> Timing:
    """One import into an empty database (a second run would only find duplicates)."""
    samples, peak = timed(
        kiaro_command(["kiaro", "import", "clients", str(exported)]),
        {**env, "KIARO_DB": str(target)},
        1,
        warm=False,
    )
    return Timing("kiaro import clients (into an empty database)", samples, peak)


def _shell(label: str, command: list[str], runs: int) -> Timing:
    samples, _ = timed(command, dict(os.environ), runs)
    return Timing(label, samples)


def _shell_import(shell: str, exported: Path, target: Path) -> Timing:
    start = time.perf_counter()
    subprocess.run([shell, str(target), ".mode csv", f".import {exported} client"], check=True)
    return Timing("sqlite3 shell .import (floor)", [time.perf_counter() - start])


def machine() -> str:
    cpus = os.cpu_count()
    return (
        f"{platform.system()} {platform.machine()}, {cpus} CPUs, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}"
    )


def report(results: dict[int, list[Timing]], runs: int) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {machine()}; bytecode compiled; "
        f"whole processes, median of {runs} runs (export: up to 3, import: 1); seconds; "
        "peak = max RSS in MiB.",
        "",
    ]
    for size, timings in results.items():
        lines += [
            f"### {size:,} clients",
            "",
            "| command | median | × floor | min | max | peak MiB |",
            "| --- | --- | --- | --- | --- | --- |",
        ]
        floor = statistics.median(timings[0].samples)
        lines += [timing.row(floor) for timing in timings]
        lines.append("")
    labels = [t.label for t in next(iter(results.values()))]
    sizes = list(results)
    lines += [
        "### Growth (medians, seconds)",
        "",
        "| command | " + " | ".join(f"{s:,}" for s in sizes) + " |",
    ]
    lines.append("| --- |" + " --- |" * len(sizes))
    for index, label in enumerate(labels):
        cells = [seconds(statistics.median(results[s][index].samples)) for s in sizes]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", type=lambda text: [int(n) for n in text.split(",")], default=[1_000, 10_000, 100_000]
    )
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--output", type=Path, help="Also write the report to this file.")
    parser.add_argument("--postgres", metavar="URL", help="Also time the reads on this PostgreSQL server.")
    arguments = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    compileall.compile_dir(str(Path(kiaro_cli.__file__).parent), quiet=1)
    results: dict[int, list[Timing]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            print(f"measuring {size:,} clients…", file=sys.stderr)
            results[size] = measure(size, arguments.runs, Path(folder), env)
            if arguments.postgres:
                database = Path(folder) / f"kiaro-{size}.db"
                results[size] += measure_server(size, arguments.runs, database, arguments.postgres, env)
    text = report(results, arguments.runs)
    sys.stdout.write(text)
    if arguments.output:
        arguments.output.write_text(
            "# Benchmark results\n\nWritten by `benchmarks/run.py`; see [performance](performance.md).\n\n"
            + text
        )


if __name__ == "__main__":
    main()
