"""import all of a hostile archive: refused in one ``Error:`` line naming the member, exit 1,
and not a byte written anywhere: not outside the target's folder, not in its store, not
the target itself. A mutated real export imports cleanly or is refused the same way."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import uuid
import zipfile
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiaro_cli.storage.engine import ensure_schema
from kiaro_cli.storage.location import Location
from tests.fixtures.hostile_archives import HOSTILE, Hostile, member, members, real_export, rezip
from tests.helpers import Run


def snapshot(root: Path, leaving: Path | None = None) -> dict[str, object]:
    """Every file and folder under ``root`` (but ``leaving``): its kind, bytes and time."""
    state: dict[str, object] = {}
    for path in sorted(root.rglob("*")):
        if leaving is not None and path.is_relative_to(leaving):
            continue
        name = str(path.relative_to(root))
        if path.is_symlink() or not path.is_file():
            state[name] = "link" if path.is_symlink() else "folder"
        else:
            state[name] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return state


def refused_in_one_line(result: Any, member: str) -> str:
    lines = result.stderr.splitlines()
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    assert "unexpected" not in result.stderr and not result.stdout
    assert member in lines[0], lines[0]
    return str(lines[0])


@pytest.mark.parametrize("case", HOSTILE, ids=lambda case: case.name)
def test_a_hostile_archive_is_refused_in_one_line_and_changes_nothing(
    kiaro: Run, tmp_path: Path, case: Hostile
) -> None:
    folder, victim = tmp_path / "work", tmp_path / "outside" / "pwned"
    victim.parent.mkdir()
    real_export(folder, case.sql, case.zeros, case.size_limit)
    archive = case.make(folder, victim)
    target = tmp_path / "target" / "new.db"
    before = snapshot(tmp_path)
    result = kiaro("--db", str(target), "import", "all", str(archive))
    assert not victim.exists()  # no byte of the archive written where a name of it points
    assert snapshot(tmp_path) == before  # the target, its store, everything else: all as they were
    refused_in_one_line(result, case.member)


def test_an_empty_database_given_stays_as_it_was(kiaro: Run, tmp_path: Path) -> None:
    archive = next(case for case in HOSTILE if case.name == "document-damaged").make(
        real_export(tmp_path / "work").parent, tmp_path / "victim"
    )
    target = tmp_path / "target" / "new.db"
    ensure_schema(Location(path=target))  # an empty database made first
    documents = tmp_path / "target" / "new-documents"
    documents.mkdir()
    before = snapshot(tmp_path / "target", leaving=target.with_name("new.db-wal"))
    refused_in_one_line(kiaro("--db", str(target), "import", "all", str(archive)), "documents/")
    after = snapshot(tmp_path / "target", leaving=target.with_name("new.db-wal"))
    assert {k: v for k, v in after.items() if k.startswith("new-")} == {
        k: v for k, v in before.items() if k.startswith("new-")
    }
    assert json.loads(kiaro("--db", str(target), "client", "list", "-f", "json").stdout) == []


# ---------------------------------------------------------------- mutations of a real export

FRAGMENTS = ["../", "../../x.sh", "/etc/passwd", "documents/../../x", "\x1b[31m", "\x00", "\\N", "", "-1"]
FRAGMENTS += ["9" * 30, "1e999", "nan", "true", "yes", "2026-13-45", "\u202e", "a\nb", "tables/x.csv"]
cells = st.one_of(
    st.sampled_from(FRAGMENTS), st.text(max_size=12), st.text("\x00\x07\x1b\x7f\x85/.\\ab", max_size=8)
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(1 << 70), 1 << 70) | st.floats(allow_nan=False) | cells,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(cells, inner, max_size=3),
    max_leaves=6,
)
MANIFEST_PATHS = [
    ("format",),
    ("format_version",),
    ("schema_version",),
    ("tables",),
    ("documents",),
    ("tables", "client"),
    ("tables", "client", "rows"),
    ("tables", "client", "checksum"),
    ("tables", "tag", "ids_given"),
    ("tables", "document", "rows"),
]
NAMES = ["../x", "/abs/x", "documents/../../x", "tables/x.csv", "documents/" + "a" * 64, "manifest.json"]
NAMES += ["tables/tag.csv", "tables/client.csv", "documents/", "x\x1b[2J"]


def _mutate(
    parts: list[tuple[zipfile.ZipInfo, bytes]], data: st.DataObject
) -> list[tuple[zipfile.ZipInfo, bytes]]:
    kind = data.draw(st.sampled_from(["drop", "rename", "duplicate", "manifest", "cell"]))
    index = data.draw(st.integers(0, len(parts) - 1))
    info, content = parts[index]
    if kind == "drop":
        return parts[:index] + parts[index + 1 :]
    if kind == "rename":
        return [*parts[:index], member(data.draw(st.sampled_from(NAMES)), content), *parts[index + 1 :]]
    if kind == "duplicate":
        return [*parts, parts[index]]
    if kind == "manifest":
        return [(i, _manifest_changed(c, data) if i.filename == "manifest.json" else c) for i, c in parts]
    tables = [i for i, (n, _) in enumerate(parts) if n.filename.startswith("tables/")]
    index = data.draw(st.sampled_from(tables))
    info, content = parts[index]
    return [*parts[:index], (info, _cell_changed(content, data)), *parts[index + 1 :]]


def _manifest_changed(content: bytes, data: st.DataObject) -> bytes:
    try:
        manifest = json.loads(content)
    except ValueError:  # another member renamed manifest.json
        return content
    *path, last = data.draw(st.sampled_from(MANIFEST_PATHS))
    holder = manifest
    for key in path:
        holder = holder.get(key) if isinstance(holder, dict) else None
    if not isinstance(holder, dict):  # an earlier change took the path away
        return content
    if data.draw(st.booleans()):
        holder.pop(last, None)
    else:
        holder[last] = data.draw(json_values)
    return json.dumps(manifest).encode()


def _cell_changed(content: bytes, data: st.DataObject) -> bytes:
    try:
        rows = list(csv.reader(io.StringIO(content.decode(), newline="")))
    except (ValueError, csv.Error):  # another member renamed as a table
        return content
    if not rows:
        return content
    row = data.draw(st.integers(0, len(rows) - 1))
    if not rows[row]:
        return content
    column = data.draw(st.integers(0, len(rows[row]) - 1))
    rows[row][column] = data.draw(cells)
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue().encode()


def test_a_mutated_export_imports_cleanly_or_is_refused_in_one_line(kiaro: Run, tmp_path: Path) -> None:
    original = members(real_export(tmp_path / "base"))
    (tmp_path / "targets").mkdir()

    @settings(max_examples=60)
    @given(st.data())
    def run(data: st.DataObject) -> None:
        parts = original
        for _ in range(data.draw(st.integers(1, 3))):
            parts = _mutate(parts, data)
        case = uuid.uuid4().hex
        archive = rezip(tmp_path / f"{case}.zip", parts)
        folder = tmp_path / "targets" / case
        before = snapshot(tmp_path)
        result = kiaro("--db", str(folder / "kiaro.db"), "import", "all", str(archive))
        assert "unexpected" not in result.stderr, result.stderr
        if result.exit_code == 0:
            assert snapshot(tmp_path, leaving=folder) == before
        else:
            refused_in_one_line(result, "")
            assert snapshot(tmp_path) == before

    run()


def test_documents_land_beside_the_new_database_whatever_folder_the_archive_names(
    kiaro: Run, tmp_path: Path
) -> None:
    chosen = tmp_path / "chosen-by-the-archive"
    chosen.mkdir()
    source, archive = tmp_path / "source.db", tmp_path / "all.zip"
    (tmp_path / "contract.pdf").write_bytes(b"%PDF-1.4 signed")
    for args in (
        ("settings", "set", "documents-folder", str(tmp_path)),
        ("settings", "set", "documents-folder", str(chosen)),  # its undo step would set the first back
        ("client", "quick-add", "Acme"),
        ("doc", "add", "acme", str(tmp_path / "contract.pdf")),
        ("export", "all", "--output", str(archive)),
    ):
        assert kiaro("--db", str(source), *args).exit_code == 0
    shutil.rmtree(chosen)
    target = tmp_path / "target" / "new.db"
    result = kiaro("--db", str(target), "import", "all", str(archive))
    assert result.exit_code == 0, result.stderr
    assert not chosen.exists()
    stored = [path for path in (tmp_path / "target" / "new-documents").rglob("*") if path.is_file()]
    assert [path.read_bytes() for path in stored] == [b"%PDF-1.4 signed"]
    got = kiaro("--db", str(target), "doc", "get", "1", "--output", str(tmp_path / "c.pdf"))
    assert got.exit_code == 0, got.stderr
    for _ in range(4):  # the doc, the client, the two settings: none brings the folder back
        kiaro("--db", str(target), "undo")
    shown = json.loads(kiaro("--db", str(target), "settings", "show", "--format", "json").stdout)
    assert shown.get("documents-folder") is None


def test_an_export_repacked_with_folder_entries_imports(kiaro: Run, tmp_path: Path) -> None:
    archive = real_export(tmp_path / "work")
    parts = members(archive)
    folders = [member(name, b"", 0o700) for name in ("tables/", "documents/")]
    for info, _ in folders:
        info.external_attr |= 0x10  # the DOS folder bit, as zip tools write it
    repacked = rezip(tmp_path / "repacked.zip", folders + parts)
    result = kiaro("--db", str(tmp_path / "target" / "new.db"), "import", "all", str(repacked))
    assert result.exit_code == 0, result.stderr
