"""The tools people would use instead, timed beside kiaro in the same run where installed.

- sqlite-utils: ``rows --csv`` of the client table beside ``kiaro export clients``, and
  ``insert --csv`` of that very file beside ``kiaro import clients``;
- khard: a search for a client's name among its people, written as a folder of vCards
  (the client as their ORG), beside ``kiaro client list --search``;
- todoman: every client's follow-up as a to-do in a folder of iCalendar files, listed
  whole, beside ``kiaro client list`` of every client (a table as long).

Each pair runs in turn (kiaro, then the other tool, again and again), so the ratio compares
runs made at the same moments. ``make bench`` installs the three for the run
(``uv run --with``); a tool that is not on ``PATH`` is left out and the report says so.
khard and todoman read one file a contact or to-do, so they are timed up to 10,000 clients.
"""

from __future__ import annotations

import shutil
import sqlite3
import statistics
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from seed import kiaro_command
from timing import seconds, timed, timed_in_turn

FILE_PER_ROW_UP_TO = 10_000  # khard and todoman: one file a contact or a to-do
PEERS = ("sqlite-utils", "khard", "todo")


@dataclass(frozen=True)
class Pair:
    """kiaro and another tool doing the same thing: both series of seconds."""

    what: str
    kiaro: list[float]
    peer: str
    peer_samples: list[float]
    target: float | None = None  # the largest ratio kiaro ÷ peer the targets allow

    @property
    def ratio(self) -> float:
        return statistics.median(self.kiaro) / statistics.median(self.peer_samples)

    def row(self) -> str:
        limit = f"≤ {self.target:.1f}×" if self.target is not None else ""
        return (
            f"| {self.what} | {seconds(statistics.median(self.kiaro))} | {self.peer} | "
            f"{seconds(statistics.median(self.peer_samples))} | {self.ratio:.2f}× | {limit} |"
        )


def missing() -> list[str]:
    """The peers this machine does not have."""
    return [name for name in PEERS if shutil.which(name) is None]


def measure_peers(
    database: Path, exported: Path, size: int, runs: int, folder: Path, env: dict[str, str]
) -> list[Pair]:
    """Every comparison this machine can make at ``size`` clients."""
    pairs = []
    kiaro_env = {**env, "KIARO_DB": str(database)}
    if sqlite_utils := shutil.which("sqlite-utils"):
        export = kiaro_command(["kiaro", "export", "clients", "--all", "--output", str(folder / "peer.csv")])
        rows = [sqlite_utils, "rows", str(database), "client", "--csv"]
        said = "sqlite-utils rows --csv"
        pairs.append(_pair("export every client as CSV", export, rows, said, runs, kiaro_env, 1.0))
        into = folder / f"peer-import-{size}"
        into.mkdir(exist_ok=True)
        kiaro_import = kiaro_command(
            ["kiaro", "--db", str(into / "kiaro-{n}.db"), "import", "clients", str(exported)]
        )
        insert = [sqlite_utils, "insert", str(into / "peer-{n}.db"), "client", str(exported), "--csv"]
        pairs.append(_pair("import that CSV", kiaro_import, insert, "sqlite-utils insert --csv", 1, env, 2.0))
    if size > FILE_PER_ROW_UP_TO:
        return pairs
    if khard := shutil.which("khard"):
        config = _khard_folder(database, folder / f"cards-{size}")
        name = _middle_client(database)  # a card's ORG: khard folds no accents, so one as written
        search = kiaro_command(["kiaro", "client", "list", "--search", name])
        peer = [khard, "-c", str(config), "list", name]
        pairs.append(_pair(f"search '{name}'", search, peer, "khard list", runs, kiaro_env))
    if todo := shutil.which("todo"):
        config = _todoman_folder(database, folder / f"todos-{size}")
        table = kiaro_command(["kiaro", "client", "list", "--limit", str(size)])
        peer = [todo, "--config", str(config), "list"]
        pairs.append(_pair(f"a table of {size:,} rows", table, peer, "todo list", runs, kiaro_env, 1.0))
    return pairs


def _pair(
    what: str,
    kiaro: list[str],
    peer: list[str],
    label: str,
    runs: int,
    env: dict[str, str],
    target: float | None = None,
) -> Pair:
    """Both commands timed in turn; a single run of each (an import) without a warm-up."""
    if runs == 1:
        (mine, _), (theirs, _) = timed(kiaro, env, 1, warm=False), timed(peer, env, 1, warm=False)
    else:
        (mine, _), (theirs, _) = timed_in_turn([(kiaro, env), (peer, env)], runs)
    return Pair(what, mine, label, theirs, target)


def _middle_client(database: Path) -> str:
    """The name of the client in the middle of the book."""
    with sqlite3.connect(database) as connection:
        count = connection.execute("SELECT count(*) FROM client").fetchone()[0]
        return str(
            connection.execute("SELECT name FROM client LIMIT 1 OFFSET ?", (count // 2,)).fetchone()[0]
        )


def _people(database: Path) -> Iterator[tuple[int, str, str, str, str]]:
    """Each contact: id, name, email, phone and client name."""
    with sqlite3.connect(database) as connection:
        yield from connection.execute(
            "SELECT p.id, p.name, coalesce(p.email, ''), coalesce(p.phone, ''), c.name"
            " FROM contact p JOIN client c ON c.id = p.client_id"
        )


def _khard_folder(database: Path, folder: Path) -> Path:
    """The contacts as a folder of vCards and a khard configuration reading it."""
    cards = folder / "cards"
    cards.mkdir(parents=True, exist_ok=True)
    for key, name, email, phone, client in _people(database):
        lines = ["BEGIN:VCARD", "VERSION:3.0", f"UID:kiaro-{key}", f"FN:{name}", f"N:{name};;;;"]
        lines += [f"ORG:{client}", f"EMAIL:{email}", f"TEL:{phone}", "END:VCARD", ""]
        (cards / f"{key}.vcf").write_text("\r\n".join(lines), encoding="utf-8")
    config = folder / "khard.conf"
    config.write_text(
        f"[addressbooks]\n[[bench]]\npath = {cards}\n\n[general]\ndefault_action = list\n"
        "editor = /bin/true\nmerge_editor = /bin/true\n"
    )
    return config


def _todoman_folder(database: Path, folder: Path) -> Path:
    """Each client's follow-up as a to-do (one .ics a client) and a todoman configuration
    (a Python file) reading them."""
    todos = folder / "clients"
    todos.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(database) as connection:
        clients = connection.execute("SELECT id, name, follow_up_on FROM client").fetchall()
    for key, name, due in clients:
        when = [f"DUE;VALUE=DATE:{due.replace('-', '')}"] if due else []
        lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kiaro benchmarks//EN", "BEGIN:VTODO"]
        lines += [f"UID:kiaro-{key}", f"SUMMARY:Follow up with {name}", *when, "STATUS:NEEDS-ACTION"]
        lines += ["END:VTODO", "END:VCALENDAR", ""]
        (todos / f"{key}.ics").write_text("\r\n".join(lines), encoding="utf-8")
    config = folder / "todoman_config.py"
    config.write_text(
        f'path = "{folder}/*"\ncache_path = "{folder / "cache.sqlite3"}"\n'
        'date_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
    )
    return config


def report(results: dict[int, list[Pair]]) -> list[str]:
    """The comparisons as Markdown, a table a size."""
    lines = ["### Beside the tools people would use instead", ""]
    absent = missing()
    if absent:
        lines += [f"Not installed here, so not compared: {', '.join(absent)}.", ""]
    for size, pairs in results.items():
        if not pairs:
            continue
        lines += [
            f"#### {size:,} clients",
            "",
            "| what | kiaro | other tool | its time | kiaro ÷ it | target |",
            "| --- | --- | --- | --- | --- | --- |",
            *(pair.row() for pair in pairs),
            "",
        ]
    return lines


def targets(results: dict[int, list[Pair]]) -> list[tuple[str, str, bool]]:
    """Each comparison with a target: its name, the ratio measured, whether it is met."""
    found = []
    for size, pairs in results.items():
        for pair in pairs:
            if pair.target is not None:
                name = f"{pair.what} ({size:,} clients) ≤ {pair.target:.1f}× {pair.peer}"
                found.append((name, f"{pair.ratio:.2f}×", pair.ratio <= pair.target))
    return found
