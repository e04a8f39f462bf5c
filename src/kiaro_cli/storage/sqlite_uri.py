"""How a SQLite file is opened to be read: read-only, and untouched (no side file made
beside it, no lock taken) when it cannot be written and its write-ahead log is empty."""

from __future__ import annotations

import os
from pathlib import Path


def cannot_write(path: Path) -> bool:
    """Whether a database file is read-only: its mode, or its folder (no side file can be made)."""
    folder_closed = not os.access(path.parent, os.W_OK) and not path.with_name(f"{path.name}-shm").exists()
    return not path.stat().st_mode & 0o222 or not os.access(path, os.W_OK) or folder_closed


def read_only_uri(path: Path) -> str:
    """The URI that opens a file for reading only: without side files when it cannot be
    written and its log is empty (no read-only ``-shm`` left beside it)."""
    untouched = "&immutable=1" if cannot_write(path) and log_is_empty(path) else ""
    return f"file:{path}?mode=ro{untouched}"


def log_is_empty(path: Path) -> bool:
    """No committed write waits in the write-ahead log (reading the file alone is all of it)."""
    log = path.with_name(f"{path.name}-wal")
    return not log.exists() or log.stat().st_size == 0
