"""How a count reads in a sentence: "1 client", "3 contacts", "0 vCards"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun``, plural (``plural``, else an added ``s``) unless the number is one."""
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def human_size(size: int) -> str:
    """1536 → "1.5 KiB"; bytes below a KiB as such."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
