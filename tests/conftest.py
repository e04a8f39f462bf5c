"""Every test gets its own database file and a fixed today (2026-11-23, a Monday).

The database file is a copy of an empty one each worker makes once, as kiaro's first
command makes it (the current schema, write-ahead log): creating and migrating a file
for each of thousands of tests would cost more than the tests. A test of what happens
before anything was made (a read of a missing file, the first write making the file and
its folder, a file of the test's own put in its place) is marked
``@pytest.mark.no_database``: its ``KIARO_DB`` names a file that does not exist yet.
"""

from __future__ import annotations

import functools
import os
import shutil
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, settings
from typer.testing import CliRunner

from kiaro_cli.cli.app import app, build
from kiaro_cli.storage.engine import close_engines, ensure_schema, forget_engine
from kiaro_cli.storage.files import ensure_private_dir
from kiaro_cli.storage.location import Location
from tests.helpers import SERVER, TODAY, Run

# No test may depend on how fast the machine is: hypothesis neither times examples nor
# gives up when generating them is slow (a busy 2-core machine), and its tests may use
# function-scoped fixtures (each example writes to the test's own database, which is the point).
# In CI (``CI`` set, as .ci/run and CI services do) every run tries the same examples, so
# what lands is what was run; elsewhere each run tries new ones, to find what they break.
settings.register_profile(
    "kiaro",
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=bool(os.environ.get("CI")),
)
settings.load_profile("kiaro")


def pytest_configure(config: pytest.Config) -> None:
    """Where Python is told to write no bytecode (``PYTHONDONTWRITEBYTECODE``), every process
    the run starts (its workers, and each kiaro the real-process tests run) would compile
    every module again, seconds each: the run keeps its bytecode in a temporary folder of
    its own instead (``PYTHONPYCACHEPREFIX``), made empty and removed with it. Nothing is
    written beside the sources, as that setting wants; users run compiled bytecode."""
    if hasattr(config, "workerinput") or not os.environ.get("PYTHONDONTWRITEBYTECODE"):
        return  # a worker has it from the run; elsewhere Python keeps its own bytecode
    if os.environ.get("PYTHONPYCACHEPREFIX"):
        return
    folder = tempfile.mkdtemp(prefix="kiaro-tests-bytecode-")
    config.add_cleanup(lambda: shutil.rmtree(folder, ignore_errors=True))
    os.environ["PYTHONPYCACHEPREFIX"] = sys.pycache_prefix = folder
    del os.environ["PYTHONDONTWRITEBYTECODE"]
    sys.dont_write_bytecode = False


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The tests that start real processes or use a server go first, in their order: the
    workers share out the quick ones as they finish, so a run does not end with one worker
    alone on a long test while the other waits."""
    items.sort(key=lambda item: not any(item.iter_markers("slow")) and not any(item.iter_markers("postgres")))


@pytest.fixture(scope="session")
def empty_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An empty database of the current schema, made once per worker by kiaro's own code
    and closed (nothing left in a write-ahead log: the file alone is the whole database)."""
    location = Location(path=tmp_path_factory.mktemp("empty") / "kiaro.db")
    ensure_schema(location)
    forget_engine(location)
    assert location.path is not None
    return location.path


@pytest.fixture(autouse=True)
def isolated(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """Point KIARO_DB at a file of the test's own (a copy of the empty database, or none
    under ``no_database``), pin today, keep colour out of assertions."""
    db = tmp_path / "data" / "kiaro.db"
    if request.node.get_closest_marker("no_database") is None:
        ensure_private_dir(db.parent)
        shutil.copy(request.getfixturevalue("empty_database"), db)  # its 0600 mode too
    monkeypatch.setenv("KIARO_DB", str(db))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))  # no test reaches a real user's files
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))  # nor their draft templates
    monkeypatch.setenv("KIARO_TODAY", TODAY.isoformat())
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "200")
    monkeypatch.delenv("KIARO_DEBUG", raising=False)
    yield db
    close_engines()  # a test's engine holds its files open; hundreds of tests must not run out


@pytest.fixture
def db_path(isolated: Path) -> Path:
    return isolated


@pytest.fixture
def location(isolated: Path) -> Location:
    return Location(path=isolated)


@pytest.fixture(scope="session")
def built_commands() -> Callable[[str], Any]:
    """Each root command's click command, built the first time a test names it and then
    kept: a process of kiaro builds the one command it runs once, and building a noun's
    commands (reading every function's signature) costs several times what running one does."""
    return functools.cache(build)


@pytest.fixture
def kiaro(built_commands: Callable[[str], Any], monkeypatch: pytest.MonkeyPatch) -> Iterator[Run]:
    """Run kiaro in-process: ``kiaro("client", "list")``; ``input=`` feeds stdin."""
    monkeypatch.setattr("kiaro_cli.cli.app.build", built_commands)
    runner = CliRunner()

    def run(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, list(args), input=input)

    yield run


@pytest.fixture
def postgres_url() -> Iterator[str]:
    """A database of the test's own on the PostgreSQL server (``KIARO_TEST_POSTGRES_URL``),
    dropped afterwards."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    assert SERVER is not None
    name = f"kiaro_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    yield make_url(SERVER).set(database=name).render_as_string(hide_password=False)
    close_engines()
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()
