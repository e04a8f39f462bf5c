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
import re
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
from typing import Any

import peers
from seed import kiaro_command
from timing import seconds, timed, timed_in_turn

import kiaro_cli

SEARCH = "olivia garcia"
FLOOR = "floor: a Typer app printing a two-row Rich table"


HOME, DUE, LIST = "kiaro (home)", "kiaro followup due --format json", "kiaro client list --limit 50"
FIND, SHOW = f"kiaro client list --search '{SEARCH}'", "kiaro client show (one client)"
PLAN, SAY = "kiaro do '… in 3 weeks' --dry-run", "kiaro do '… in 3 weeks' --yes (saved)"
TAB = "kiaro client show br<Tab> (bash completion)"
EXPORT, SHELL_EXPORT = "kiaro export clients --all (CSV)", "sqlite3 shell .mode csv export (floor)"
INVOICES, SHELL_INVOICES = "kiaro export invoices --all (CSV)", "sqlite3 shell .mode csv invoices (floor)"
REVENUE, OVERDUE = "kiaro client list --sort revenue --limit 50", "kiaro invoice list --overdue --limit 50"
IMPORT = "kiaro import clients (into an empty database)"
HOT_READS = (HOME, DUE, LIST, FIND, SHOW, PLAN, REVENUE, OVERDUE)
WRITES = (
    SAY,
    "kiaro client quick-add (saved)",
    "kiaro followup set (saved)",
    "kiaro client edit (saved)",
    "kiaro interaction add (saved)",
)
# What each command's time grows with as the database grows (the growth table shows it).
GROWS_WITH = {
    "kiaro --help": "nothing: it opens no database.",
    TAB: "the clients whose name or code starts with the typed text (200 at most), found by index.",
    HOME: (
        "the counts by status, of follow-ups due and of quiet clients come from indexes (a fraction of a "
        "microsecond a client); the count of clients missing invoice details reads every current client "
        "once (about 1 µs a client). The cards read only the three most urgent items; the birthdays "
        "and dates coming up are read by their day of the year from indexes, so only those in the "
        "window are read."
    ),
    DUE: "the follow-ups it prints (a tenth of the clients are due in the seeded data).",
    LIST: "the 50 rows it prints, read in name order from an index; the total is counted from an index.",
    FIND: "the clients that match, found through the trigram index.",
    SHOW: "that one client's rows.",
    PLAN: "the client the sentence names: an exact name through an index; part of a name in every name.",
    EXPORT: "every client it writes: streamed, so memory stays flat.",
    INVOICES: "every invoice and its lines, read side by side in one pass: streamed.",
    REVENUE: "the clients' paid invoices in one currency, read from an index of the invoices by client.",
    OVERDUE: "the open invoices due before today that are not paid, read from an index of what is owed.",
    IMPORT: (
        "every row of the file, and so does its memory, by about 0.8 KiB a row: the file's bytes and text "
        "and the duplicate keys of the rows read. New clients go to the database 2,000 at a time inside "
        "the one transaction."
    ),
}
for _write in WRITES:
    GROWS_WITH[_write] = "one client's rows: a few statements and their undo steps in one transaction."


@dataclass
class Timing:
    label: str
    samples: list[float]
    peak_mib: float | None = None
    args: list[str] | None = None  # kiaro's arguments, to profile the command again
    env: dict[str, str] | None = None

    floor: list[float] | None = None  # the floor's runs taken in turn with these

    def ratio(self, floor: float) -> float:
        """The median over the floor's: the floor run in turn with it, else the run's floor."""
        return statistics.median(self.samples) / (statistics.median(self.floor) if self.floor else floor)

    def row(self, floor: float) -> str:
        median, low, high = statistics.median(self.samples), min(self.samples), max(self.samples)
        peak = f"{self.peak_mib:.0f}" if self.peak_mib is not None else ""
        ratio = f"{self.ratio(floor):.2f}×" if self.label.startswith(("kiaro", FLOOR)) else ""
        return f"| {self.label} | {seconds(median)} | {ratio} | {seconds(low)} | {seconds(high)} | {peak} |"


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

    floor_command = [sys.executable, str(Path(__file__).with_name("floor.py"))]

    def kiaro(label: str, args: list[str], count: int = runs, **extra: str) -> Timing:
        """A command's runs, in turn with the floor's (its ratio is to the floor of the same moments)."""
        mine = (kiaro_command(["kiaro", *args]), {**env, **extra})
        (samples, peak), (floor, _) = timed_in_turn([mine, (floor_command, env)], count)
        timing = Timing(label, samples, peak, args, {**env, **extra}, floor)
        timings.append(timing)
        return timing

    floor_samples, _ = timed(floor_command, env, runs)
    timings.append(Timing(FLOOR, floor_samples))
    kiaro("kiaro --help", ["--help"])
    tab = {"_KIARO_COMPLETE": "complete_bash", "COMP_LINE": "kiaro client show br"}
    kiaro("kiaro client show br<Tab> (bash completion)", [], **tab)
    kiaro("kiaro (home)", [])
    kiaro("kiaro followup due --format json", ["followup", "due", "--format", "json"])
    kiaro("kiaro client list --limit 50", ["client", "list", "--limit", "50"])
    kiaro(f"kiaro client list --search '{SEARCH}'", ["client", "list", "--search", SEARCH])
    timings.append(Timing(f"search '{SEARCH}', query only (in process)", search_ms(database, runs)))
    kiaro("kiaro client show (one client)", ["client", "show", str(middle)])
    kiaro(REVENUE, ["client", "list", "--sort", "revenue", "--limit", "50"])
    kiaro(OVERDUE, ["invoice", "list", "--overdue", "--limit", "50"])
    sentence = f"remind me to follow up with {unique_name(database, size)} in 3 weeks"
    kiaro("kiaro do '… in 3 weeks' --dry-run", ["do", sentence, "--dry-run"])
    kiaro("kiaro do '… in 3 weeks' --yes (saved)", ["do", sentence, "--yes"])
    kiaro("kiaro client quick-add (saved)", ["client", "quick-add", "Bench Studio {n}"])
    kiaro("kiaro followup set (saved)", ["followup", "set", str(middle), "{n}w"])
    kiaro("kiaro client edit (saved)", ["client", "edit", str(middle), "--notes", "Bench note {n}"])
    kiaro(
        "kiaro interaction add (saved)",
        ["interaction", "add", str(middle), "Bench call {n}", "--type", "call"],
    )
    shell = shutil.which("sqlite3")
    exported = folder / f"clients-{size}.csv"
    for label, shell_label, what, csv in (
        (EXPORT, SHELL_EXPORT, "client", exported),
        (INVOICES, SHELL_INVOICES, "invoice", folder / "invoices.csv"),
    ):
        args = ["export", f"{what}s", "--all", "--output", str(csv)]
        commands = [(kiaro_command(["kiaro", *args]), env)]
        if shell:
            sql = f"SELECT * FROM {what}"
            commands.append(([shell, str(database), ".headers on", ".mode csv", sql], dict(os.environ)))
        (samples, peak), *floor = timed_in_turn(commands, max(1, min(runs, 5)))
        timings.append(Timing(label, samples, peak, args, env))
        timings += [Timing(shell_label, shell_samples) for shell_samples, _ in floor]
    target = folder / f"imported-{size}.db"
    timings.append(_import(exported, target, env))
    if shell:
        timings.append(_shell_import(shell, exported, folder / f"shell-{size}.db"))
    return timings


SERVER_READS = (
    ("kiaro followup due --format json", ["followup", "due", "--format", "json"]),
    ("kiaro client list --limit 50", ["client", "list", "--limit", "50"]),
    (f"kiaro client list --search '{SEARCH}'", ["client", "list", "--search", SEARCH]),
    ("kiaro client show (one client)", ["client", "show", "{middle}"]),
)


# Creating and dropping the server's database, in a child process: a child's peak memory
# (ru_maxrss) starts from its parent's size, so this process must not load SQLAlchemy.
SERVER_ADMIN = """
import sys
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

server, action, name = sys.argv[1:]
admin = create_engine(server, isolation_level="AUTOCOMMIT")
with admin.connect() as connection:
    if action == "create":
        connection.execute(text(f'CREATE DATABASE "{name}"'))
        print(make_url(server).set(database=name).render_as_string(hide_password=False))
    else:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
"""


def _server_database(server: str, action: str, name: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", SERVER_ADMIN, server, action, name], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def measure_server(size: int, runs: int, database: Path, server: str, env: dict[str, str]) -> list[Timing]:
    """The reading commands on a copy of ``database`` on a PostgreSQL server."""
    import uuid

    name = f"kiaro_bench_{size}_{uuid.uuid4().hex[:8]}"
    url = _server_database(server, "create", name)
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
        _server_database(server, "drop", name)


def _import(exported: Path, target: Path, env: dict[str, str]) -> Timing:
    """One import into an empty database (a second run would only find duplicates)."""
    samples, peak = timed(
        kiaro_command(["kiaro", "import", "clients", str(exported)]),
        {**env, "KIARO_DB": str(target)},
        1,
        warm=False,
    )
    args = ["import", "clients", str(exported)]
    return Timing(IMPORT, samples, peak, args, {**env, "KIARO_DB": str(target.with_suffix(".again.db"))})


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


def report(results: dict[int, list[Timing]], runs: int, compared: dict[int, list[peers.Pair]]) -> str:
    lines = [
        f"Measured {date.today().isoformat()} on {machine()}; bytecode compiled; "
        f"whole processes, median of {runs} runs, each command in turn with the floor, so that "
        "its × floor compares runs made at the same moments (export: up to 5, in turn with the "
        "shell's; import: 1); seconds; peak = max RSS in MiB.",
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
    lines += targets_table(results, compared)
    lines += peers.report(compared)
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
    lines += ["", "### What each command grows with", ""]
    lines += [f"- `{label}`: {GROWS_WITH[label]}" for label in labels if label in GROWS_WITH]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Target:
    """One target of the issue: what was measured, and the timing to profile if it is missed."""

    name: str
    measured: str
    met: bool
    timing: Timing


def targets(results: dict[int, list[Timing]]) -> list[Target]:
    """The targets of the hot paths (at 10,000 clients) and of export and import (at the
    largest size), each with what was measured and whether it is met."""
    hot, big = (10_000 if 10_000 in results else min(results)), max(results)

    def find(size: int, label: str) -> Timing:
        return next(t for t in results[size] if t.label == label)

    def median(size: int, label: str) -> float:
        return statistics.median(find(size, label).samples)

    floor = median(hot, FLOOR)
    found = [
        Target(
            f"{label} ≤ {limit}× floor",
            f"{find(hot, label).ratio(floor):.2f}×",
            find(hot, label).ratio(floor) <= limit,
            find(hot, label),
        )
        for labels, limit in ((HOT_READS, 1.3), (WRITES, 2.0), ((TAB,), 0.8))
        for label in labels
    ]
    export, imported = find(big, EXPORT), find(big, IMPORT)
    for label, shell_label in ((EXPORT, SHELL_EXPORT), (INVOICES, SHELL_INVOICES)):
        if any(t.label == shell_label for t in results[big]):
            ratio = median(big, label) / median(big, shell_label)
            said = f"{label.split(' --')[0].removeprefix('kiaro ')} CSV ≤ 3× the sqlite3 shell"
            found.append(Target(said, f"{ratio:.2f}×", ratio <= 3, find(big, label)))
    memory = export.peak_mib or 0.0
    found.append(Target("CSV export memory ≤ 60 MiB", f"{memory:.0f} MiB", memory <= 60, export))
    took, held = median(big, IMPORT), imported.peak_mib or 0.0
    found.append(Target("import ≤ 10 s", f"{took:.1f} s", took <= 10, imported))
    found.append(Target("import memory ≤ 200 MiB", f"{held:.0f} MiB", held <= 200, imported))
    return found


def targets_table(results: dict[int, list[Timing]], compared: dict[int, list[peers.Pair]]) -> list[str]:
    hot, big = (10_000 if 10_000 in results else min(results)), max(results)
    lines = [
        f"### Targets ({hot:,} clients; export and import at {big:,})",
        "",
        "| target | measured | met |",
        "| --- | --- | --- |",
    ]
    found = [(t.name, t.measured, t.met) for t in targets(results)] + peers.targets(compared)
    lines += [f"| {name} | {measured} | {'yes' if met else '**no**'} |" for name, measured, met in found]
    return [*lines, ""]


PROFILE_ROWS = 12
MISSED = (
    "Each table lists the functions with the largest share of a missed command's time, under\n"
    "cProfile. What meeting the target would take is in [performance](performance.md).\n\n"
)


def profile(timing: Timing) -> list[str]:
    """Where a command's time goes: the functions it spends most time in (cProfile, which
    slows calls down, so shares matter, not seconds), as a Markdown table."""
    import pstats

    assert timing.args is not None and timing.env is not None
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "profile"
        command = [sys.executable, "-m", "cProfile", "-o", str(out), "-m", "kiaro_cli", *timing.args]
        subprocess.run(
            command, env=timing.env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        stats: dict[Any, Any] = pstats.Stats(str(out)).stats  # type: ignore[attr-defined]
    total = sum(own for _calls, _primitive, own, _cumulative, _callers in stats.values())
    top = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:PROFILE_ROWS]
    lines = [
        f"#### Where `{timing.label}` spends its time",
        "",
        "| function | calls | share of the time |",
        "| --- | --- | --- |",
    ]
    for (path, line, name), (_primitive, calls, own, _cumulative, _callers) in top:
        where = re.sub(r"^.*/(site-packages|src|python3\.\d+)/", "", path)
        lines.append(f"| `{where}:{line}({name})` | {calls:,} | {own / total:.0%} |")
    return [*lines, ""]


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
    compared: dict[int, list[peers.Pair]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in arguments.sizes:
            print(f"measuring {size:,} clients…", file=sys.stderr)
            results[size] = measure(size, arguments.runs, Path(folder), env)
            database, exported = Path(folder) / f"kiaro-{size}.db", Path(folder) / f"clients-{size}.csv"
            compared[size] = peers.measure_peers(database, exported, size, arguments.runs, Path(folder), env)
            if arguments.postgres:
                results[size] += measure_server(size, arguments.runs, database, arguments.postgres, env)
        missed = {id(t.timing): t.timing for t in targets(results) if not t.met}
        profiles = [line for timing in missed.values() for line in profile(timing)]
    text = report(results, arguments.runs, compared)
    if profiles:
        text += "\n### Profiles of the targets not met\n\n" + MISSED + "\n".join(profiles)
    sys.stdout.write(text)
    if arguments.output:
        arguments.output.write_text(
            "# Benchmark results\n\nWritten by `benchmarks/run.py`; see [performance](performance.md).\n\n"
            + text
        )


if __name__ == "__main__":
    main()
