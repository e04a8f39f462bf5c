"""Nothing lost: many writers at once, and processes killed in the middle of writing."""

from __future__ import annotations

import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WRITER = """
import sys
from datetime import date
from kiaro_cli.core import clients, followups, interactions
from kiaro_cli.storage.location import resolve

where, worker, count = resolve(sys.argv[1]), sys.argv[2], int(sys.argv[3])
today = date(2026, 11, 23)
for i in range(count):
    name = f"w{worker}-{i}"
    step = i % 4
    if step == 0 or i < 4:
        clients.add_client(where, {"name": name}, full_form=False, today=today)
    else:
        target = f"w{worker}-{i - step}"
        if step == 1:
            clients.edit_client(where, target, {"city": f"City {i}"}, today=today)
        elif step == 2:
            followups.set_follow_up(where, target, "2026-12-24", today)
        else:
            interactions.add_interaction(where, target, f"call {i}", kind="call", today=today)
    print(f"ok {name}", flush=True)
"""

# Reads as the home screen and cron do, a twentieth of a second apart, until the writers are
# done (the test then closes its input): at least once, however fast the writers were.
READER = """
import select, sys
from datetime import date
from kiaro_cli.core import clients, followups
from kiaro_cli.storage.location import resolve
from kiaro_cli.storage.reader import open_reader

where, reads = resolve(sys.argv[1]), 0
while not reads or not select.select([sys.stdin], [], [], 0.05)[0]:
    with open_reader(where) as reader:
        list(clients.iter_clients(reader, clients.make_filter(), limit=50))
        list(followups.iter_follow_ups(reader, followups.due_filter(date(2026, 12, 31))))
    reads += 1
print(reads)
"""


def python(code: str, *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def readers_beside(writers: list[subprocess.Popen[str]], readers: list[subprocess.Popen[str]]) -> list[int]:
    """Wait for ``writers`` to succeed, then stop ``readers``: how many reads each made."""
    for process in writers:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
    counted = []
    for process in readers:
        out, err = process.communicate("", timeout=600)  # its input closed: the writers are done
        assert process.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
        counted.append(int(out))
    return counted


@pytest.mark.slow
def test_eight_writers_and_two_readers_lose_nothing(db_path: Path) -> None:
    assert subprocess.run([sys.executable, "-m", "kiaro_cli", "db", "path"], check=True).returncode == 0
    workers, count = 8, 50
    writers = [python(WRITER, str(db_path), str(w), str(count)) for w in range(workers)]
    readers = [python(READER, str(db_path)) for _ in range(2)]
    assert all(readers_beside(writers, readers))  # the readers kept reading while the writers wrote
    with sqlite3.connect(db_path) as connection:
        names = {name for (name,) in connection.execute("SELECT name FROM client")}
        cities = connection.execute("SELECT count(*) FROM client WHERE city IS NOT NULL").fetchone()[0]
        follow_ups = connection.execute(
            "SELECT count(*) FROM client WHERE follow_up_on IS NOT NULL"
        ).fetchone()[0]
        calls = connection.execute("SELECT count(*) FROM interaction").fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    created = {f"w{w}-{i}" for w in range(workers) for i in range(count) if i % 4 == 0 or i < 4}
    assert created <= names
    per_worker = {step: sum(1 for i in range(4, count) if i % 4 == step) for step in (1, 2, 3)}
    assert (cities, follow_ups, calls) == (
        workers * per_worker[1],
        workers * per_worker[2],
        workers * per_worker[3],
    )
    assert integrity == "ok"
    check = subprocess.run(
        [sys.executable, "-m", "kiaro_cli", "db", "check"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_a_lock_held_too_long_is_one_clear_line(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kiaro_cli.core import clients
    from kiaro_cli.errors import StorageError
    from kiaro_cli.storage import engine, pragmas
    from kiaro_cli.storage.location import Location

    location = Location(path=db_path)
    clients.add_client(location, {"name": "Acme"}, full_form=False)
    holder = sqlite3.connect(db_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(pragmas, "BUSY_TIMEOUT_MS", 200)
    engine.close_engines()
    try:
        with pytest.raises(StorageError, match="busy with another kiaro command; retry in a moment"):
            clients.add_client(location, {"name": "Beta"}, full_form=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
        engine.close_engines()


BURST = """
import sys
from kiaro_cli.core import clients
from kiaro_cli.storage.location import Location
from pathlib import Path

where, prefix = Location(path=Path(sys.argv[1])), sys.argv[2]
for i in range(10_000):
    clients.add_client(where, {"name": f"{prefix}{i}", "city": "Utrecht"}, full_form=False)
    print(f"{prefix}{i}", flush=True)
"""


IMPORTER = """
import sys
from pathlib import Path
from kiaro_cli.core.imports import import_clients
from kiaro_cli.storage.location import Location

def report(done):
    if done % 100 == 0:
        print(done, flush=True)  # inside the import's write transaction

import_clients(Location(path=Path(sys.argv[1])), Path(sys.argv[2]).read_bytes(), progress=report)
print("committed", flush=True)
"""


def start_round(db_path: Path, csv: Path, prefix: str) -> tuple[subprocess.Popen[str], subprocess.Popen[str]]:
    """An import of ``csv`` and a burst of quick-adds, side by side on one database."""
    importer = python(IMPORTER, str(db_path), str(csv))
    burst = python(BURST, str(db_path), prefix)
    return importer, burst


def import_file(tmp_path: Path, name: str, rows: int) -> Path:
    csv = tmp_path / f"{name}.csv"
    csv.write_text("name,email,city\n" + "".join(f"{name}-{n},{name}-{n}@x.com,Paris\n" for n in range(rows)))
    return csv


def kill(*processes: subprocess.Popen[str]) -> None:
    for process in processes:
        process.send_signal(signal.SIGKILL)
        process.wait()


@pytest.mark.slow
def test_killed_imports_and_edits_leave_all_or_nothing(db_path: Path, tmp_path: Path) -> None:
    """SIGKILL lands before, inside and after an import's transaction; each leaves all or nothing.

    The kill windows are sized from a measured run of the same work on this machine, and
    two kinds of round do not depend on timing at all: one kills as soon as the importer
    reports rows checked inside its transaction, the other once it has exited.
    """
    rows = 2000
    pick = random.Random(20261123)
    subprocess.run([sys.executable, "-m", "kiaro_cli", "client", "quick-add", "Seed"], check=True)
    started = time.monotonic()
    importer, burst = start_round(db_path, import_file(tmp_path, "calibration", rows), "calibration-e")
    assert importer.wait(timeout=600) == 0
    measured = time.monotonic() - started
    kill(burst)
    outcomes = {"all": 0, "none": 0}
    for round_ in range(20):
        importer, burst = start_round(db_path, import_file(tmp_path, f"i{round_}", rows), f"e{round_}-")
        assert importer.stdout is not None
        if round_ % 4 == 0:  # after the commit
            importer.wait(timeout=600)
            time.sleep(pick.uniform(0, 0.2) * measured)
        elif round_ % 4 == 1:  # inside the transaction, as soon as it has checked some rows
            wanted = pick.randrange(1, rows // 100) * 100
            for line in importer.stdout:
                if line.strip() == "committed" or int(line) >= wanted:
                    break
        else:  # anywhere in a window sized from the measured run
            time.sleep(pick.uniform(0.1, 1.5) * measured)
        kill(importer, burst)
        reported = set(burst.stdout.read().split()) if burst.stdout else set()
        with sqlite3.connect(db_path) as connection:
            assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
            imported = connection.execute(
                "SELECT count(*) FROM client WHERE name LIKE ?", (f"i{round_}-%",)
            ).fetchone()[0]
            edits = {
                n
                for (n,) in connection.execute("SELECT name FROM client WHERE name LIKE ?", (f"e{round_}-%",))
            }
        assert imported in (0, rows), f"round {round_}: {imported} of {rows} imported rows"
        outcomes["all" if imported else "none"] += 1
        assert reported <= edits, f"round {round_}: reported but missing: {sorted(reported - edits)[:3]}"
    check = subprocess.run(
        [sys.executable, "-m", "kiaro_cli", "db", "check"], capture_output=True, text=True, check=False
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert outcomes["all"] and outcomes["none"], outcomes  # the kills landed both before and after commits


# Adds a document, stopping (to be killed) at one point: while the copy is being written
# ("copying"), once the file has its name but before the row is committed ("stored"), or
# after the commit ("committed"). The stop is a pause the test reads, not a timing guess.
DOCUMENT_ADDER = """
import hashlib, sys, time, types
from pathlib import Path
from kiaro_cli.core.documents import add_documents
from kiaro_cli.storage import documents
from kiaro_cli.storage.location import Location

where, source, stop = Location(path=Path(sys.argv[1])), Path(sys.argv[2]), sys.argv[3]

def pause(point):
    print(point, flush=True)
    time.sleep(600)

class HalfwayHash:  # pauses once the first chunk of the copy is written
    def __init__(self):
        self.inner, self.chunks = hashlib.sha256(), 0

    def update(self, chunk):
        self.chunks += 1
        if self.chunks == 2:
            pause("copying")
        self.inner.update(chunk)

    def hexdigest(self):
        return self.inner.hexdigest()

if stop == "copying":
    documents.hashlib = types.SimpleNamespace(sha256=HalfwayHash)
elif stop == "stored":
    documents.sync_folder = lambda folder: pause("stored")
add_documents(where, "acme", [source])
print("committed", flush=True)
pause("after")
"""


@pytest.mark.slow
@pytest.mark.parametrize("stop", ["copying", "stored", "committed"])
def test_a_document_add_killed_leaves_no_row_without_its_file(
    db_path: Path, tmp_path: Path, stop: str
) -> None:
    subprocess.run([sys.executable, "-m", "kiaro_cli", "client", "quick-add", "Acme"], check=True)
    source = tmp_path / "contract.pdf"
    source.write_bytes(b"%PDF " + b"x" * 3_000_000)
    adder = python(DOCUMENT_ADDER, str(db_path), str(source), stop)
    assert adder.stdout is not None
    assert adder.stdout.readline().strip() == stop
    kill(adder)
    store = db_path.parent / "documents"
    kept = [path for path in store.rglob("*") if path.is_file() and not path.name.startswith(".incoming-")]
    with sqlite3.connect(db_path) as connection:
        rows = connection.execute("SELECT sha256 FROM document").fetchall()
    for (sha,) in rows:
        assert (store / sha[:2] / sha).read_bytes() == source.read_bytes()  # a row always has its whole file
    assert len(rows) == (1 if stop == "committed" else 0)
    assert len(kept) == (0 if stop == "copying" else 1)  # a half copy never takes a document's name
    if stop == "copying":
        (half,) = store.glob(".incoming-*")
        assert 0 < half.stat().st_size < source.stat().st_size
    add = [sys.executable, "-m", "kiaro_cli", "doc", "add", "acme", str(source)]
    again = subprocess.run(add, capture_output=True, text=True, check=False)
    assert again.returncode == 0, again.stderr
    assert not list(store.glob(".incoming-*"))  # the killed copy's leftover is cleared
    checking = [sys.executable, "-m", "kiaro_cli", "db", "check"]
    check = subprocess.run(checking, capture_output=True, text=True, check=False)
    assert check.returncode == 0, check.stdout + check.stderr
