"""Phone numbers read once: :func:`read_phone` keeps what ``phonenumbers`` made of each
number a command has read, so an import checks, stores, keys and indexes a number with
one parse, not four.

A number that starts with ``+`` and a country code reads the same whatever the region, so
it is kept once (``+0…`` is not one: phonenumbers reads ``+00 20…`` by the region's
international prefix);
the international form a number is stored in is remembered as its own reading
(:func:`remember_as`). Only numbers this process has seen are kept, up to
:data:`KEPT` of them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from phonenumbers import PhoneNumber

KEPT = 50_000
_READ: dict[tuple[str, str | None], PhoneNumber | None] = {}


_COUNTRY_CODE_FIRST = re.compile(r"\s*\+\D*[1-9]")


def _key(number: str, region: str | None) -> tuple[str, str | None]:
    return (number, None) if _COUNTRY_CODE_FIRST.match(number) else (number, region)


def read_phone(number: str, region: str | None) -> PhoneNumber | None:
    """What ``number`` reads as in ``region`` (None: not a number phonenumbers can read)."""
    key = _key(number, region)
    if key in _READ:
        return _READ[key]
    import phonenumbers

    try:
        parsed: PhoneNumber | None = phonenumbers.parse(number, region)
    except phonenumbers.NumberParseException:
        parsed = None
    _keep(key, parsed)
    return parsed


def remember_as(written: str, parsed: PhoneNumber) -> None:
    """Keep ``parsed`` as the reading of ``written``, the form it was written out in."""
    _keep(_key(written, None), parsed)


def _keep(key: tuple[str, str | None], parsed: PhoneNumber | None) -> None:
    if len(_READ) >= KEPT:
        _READ.clear()
    _READ[key] = parsed
