"""How a count reads in a sentence: "1 client", "3 contacts", "1 of 1 row is invalid"."""

from __future__ import annotations


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """``number`` with ``noun``, plural (``plural``, else an added ``s``) unless the number is one."""
    return f"{number} {noun}" if number == 1 else f"{number} {plural or noun + 's'}"


def counted_of(part: int, whole: int, noun: str, plural: str | None = None) -> str:
    """ "1 of 1 row is", "1 of 9 rows is", "2 of 9 rows are": the verb agrees with ``part``."""
    return f"{part} of {counted(whole, noun, plural)} {'is' if part == 1 else 'are'}"


def with_article(noun: str) -> str:
    """``noun`` after "a", or "an" before a vowel: "a call", "an Estimate", "an ACCPAY"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def first_upper(label: str) -> str:
    """A label at the start of a sentence: "VAT number", "IBAN", "Tax id" (the rest as it is)."""
    return label[:1].upper() + label[1:]


def size_in_units(size: int) -> str:
    """104857600 → "100 MiB": a size in the largest unit it is a whole number of, as typed."""
    for unit, scale in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return human_size(size) if size >= 1024 else f"{size} bytes"


def setting_value(key: str, value: str) -> str:
    """A stored setting as people read it: the document size limit in units, the rest as stored."""
    return size_in_units(int(value)) if key == "document-size-limit" and value.isdigit() else value


def human_size(size: int) -> str:
    """1536 → "1.5 KiB"; bytes below a KiB as such."""
    value = float(size)
    for unit in ("bytes", "KiB", "MiB", "GiB"):
        if value < 1024 or unit == "GiB":
            return f"{size} bytes" if unit == "bytes" else f"{value:.1f} {unit}"
        value /= 1024
    raise AssertionError("unreachable")
