"""Amounts, rates and numbers as typed: the forms that read one way only.

Every amount and number kiaro reads (``--value``, rates, VAT rates, custom number fields,
imported cells) goes through :func:`read_number`.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from kiaro_cli.errors import InvalidValue

MAX_VALUE = Decimal("1e13")
_PLAIN = re.compile(r"^\d+(?:\.\d+)?$")  # 1250, 1250.5
_COMMA_DECIMAL = re.compile(r"^\d+,\d{1,2}$")  # 1250,5  1250,50
_SPACED = re.compile(r"^\d{1,3}(?:[ _'\u00a0\u202f]\d{3})+(?:[.,]\d+)?$")  # 12 000,50  12'000.50
_COMMA_GROUPS = re.compile(r"^\d{1,3}(?:,\d{3})+\.\d+$|^\d{1,3}(?:,\d{3}){2,}$")  # 1,250.00  1,250,000
_DOT_GROUPS = re.compile(r"^\d{1,3}(?:\.\d{3})+,\d+$|^\d{1,3}(?:\.\d{3}){2,}$")  # 1.250,00  1.250.000
_ONE_GROUP = re.compile(r"^[1-9]\d{0,2}[.,]\d{3}$")  # 1,250 or 1.250: a thousand, or a decimal?


def one_group(text: str) -> bool:
    """Whether a number is one group of three digits alone (``1,250``, ``1.250``): a
    thousand, or a decimal? :func:`read_number` refuses it without a convention."""
    return _ONE_GROUP.match(text) is not None


def read_number(
    value: str,
    label: str,
    *,
    signed: bool = False,
    decimals: int | None = 2,
    decimal_comma: bool = False,
    most: Decimal | None = None,
    examples: str | None = None,
) -> Decimal:
    """A number typed in a form that reads one way only: the one rule of every amount and
    number (``--value``, rates, VAT rates, custom number fields, imported cells).

    Accepted: ``1250``, ``1250.50`` and ``1250,50`` (a decimal comma with one or two
    digits), thousands grouped by spaces, apostrophes or underscores (``12 000,50``),
    by commas before a decimal point (``1,250.00``) or by dots before a decimal comma
    (``1.250,00``), and two or more groups (``1,250,000``). One group of three digits
    alone (``1,250`` or ``1.250``: a thousand, or a decimal?) is refused with both
    readings, unless ``decimal_comma`` says how the text writes numbers (a ``;``-separated
    file: ``1.250`` is a thousand, ``1,25`` a decimal); above ``most`` the thousand is not
    offered as a reading. ``signed`` allows a leading sign; ``decimals`` is how many
    decimals it may have (None: any); ``examples`` are shown when it is no number.
    """
    shown = value.strip()
    text = shown.rstrip("%").strip()
    sign = text[0] if signed and text[:1] in ("-", "+") else ""
    text = text[len(sign) :].strip()
    if decimal_comma:  # read as if written with a decimal point
        text = text.translate(str.maketrans(",.", ".,"))
    if one_group(text):
        if decimal_comma:
            number_text = text.replace(",", "")
        else:
            raise InvalidValue(_two_readings(label, shown, sign + text, decimals, most))
    elif _PLAIN.match(text):
        number_text = text
    elif _COMMA_DECIMAL.match(text):
        number_text = text.replace(",", ".")
    elif _SPACED.match(text):
        number_text = re.sub(r"[ _'\u00a0\u202f]", "", text).replace(",", ".")
    elif _COMMA_GROUPS.match(text):
        number_text = text.replace(",", "")
    elif _DOT_GROUPS.match(text):
        number_text = text.replace(".", "").replace(",", ".")
    else:
        examples = examples or ("42, -3.5 or 12 000" if signed else "1250 or 1250.50")
        raise InvalidValue(f"{label} '{shown}' is not a number{'' if signed else ' ≥ 0'} (e.g. {examples})")
    number = Decimal(sign + number_text)
    if decimals is None or -number.as_tuple().exponent <= decimals:  # type: ignore[operator]
        return number
    if _decimals(number) > decimals:  # trailing zeros are not counted (1.3330 is 1.333)
        raise InvalidValue(f"{label} '{shown}' has more than {decimals} decimals")
    try:
        return number.quantize(Decimal(1).scaleb(-decimals))
    except InvalidOperation:  # more digits than a Decimal holds: no amount kiaro keeps
        raise InvalidValue(f"{label} '{shown}' is too large") from None


def _decimals(number: Decimal) -> int:
    """How many decimals a number has, without its trailing zeros (1.50 has one)."""
    exponent = number.normalize().as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _two_readings(label: str, shown: str, text: str, decimals: int | None, most: Decimal | None) -> str:
    """The refusal of one group alone (``1,250``): both readings, and how to type each
    so that it reads one way. A decimal of three places is typed with a trailing zero
    (``1.3330``), the one form of it that is not a group; a decimal with more places than
    allowed, or a thousand above ``most``, is no reading at all."""
    big = Decimal(text[:-4] + text[-3:])
    small = f"{Decimal(f'{text[:-4]}.{text[-3:]}').normalize():f}"  # 530.000 → 530, not 5.3E+2
    places = _decimals(Decimal(small))
    thousand = most is None or big <= most
    if decimals is not None and places > decimals:
        return f"{label} '{shown}' has more than {decimals} decimals" + (
            f" (for {big}, type {big})" if thousand else ""
        )
    if not thousand:
        return f"{label} '{shown}' may be read as a thousand; type {small}"
    typed_small = f"{small}0" if places == 3 else small
    return f"{label} '{shown}' could mean {big} or {small}; type {big} or {typed_small} instead"


def clean_vat_rate(value: str) -> Decimal:
    """A VAT rate in percent: 0–100 with up to 2 decimals."""
    rate = read_number(value, "VAT rate", most=Decimal(100), examples="21 or 7.5")
    if rate > 100:
        raise InvalidValue(f"VAT rate '{value.strip()}' must be between 0 and 100")
    return rate


def clean_value(value: str, label: str = "value") -> Decimal:
    """A money amount ≥ 0 with up to 2 decimals."""
    amount = read_number(value, label)
    if amount >= MAX_VALUE:
        raise InvalidValue(f"{label} '{value.strip()}' is too large")
    return amount
