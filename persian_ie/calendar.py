"""Calendar helpers shared by every stage: reading the ``published`` argument and
formatting Jalali/Gregorian values as the JSON contract wants them.

>>> parse_published("1404-08-19").togregorian().isoformat()
'2025-11-10'
>>> parse_published("2025-11-10").isoformat()
'1404-08-19'
"""

from __future__ import annotations

import datetime as _dt
from typing import Any, Dict, Optional

import jdatetime

__all__ = ["parse_published", "jalali_dict", "JALALI_YEAR_MAX", "WEEKDAYS_FA"]

#: Years up to this value are read as Jalali, later ones as Gregorian.
JALALI_YEAR_MAX = 1700

#: Persian weekday names, indexed like ``jdatetime.date.weekday()`` (0 = شنبه).
WEEKDAYS_FA = ("شنبه", "یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه")

_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def parse_published(value: Any) -> Optional[jdatetime.date]:
    """Read a publication date into a ``jdatetime.date``.

    Accepts ``None``, a ``jdatetime.date``/``jdatetime.datetime``, a ``datetime.date``/
    ``datetime.datetime`` (Gregorian), or an ISO-like string ``YYYY-MM-DD`` (also
    ``/`` separators and Persian digits); a year up to 1700 is Jalali, later Gregorian.

    Raises:
        ValueError: naming the value, when it is not a real day.
        TypeError: for other types.
    """
    if value is None:
        return None
    if isinstance(value, jdatetime.datetime):
        return value.date()
    if isinstance(value, jdatetime.date):
        return value
    if isinstance(value, _dt.datetime):
        return jdatetime.date.fromgregorian(date=value.date())
    if isinstance(value, _dt.date):
        return jdatetime.date.fromgregorian(date=value)
    if not isinstance(value, str):
        raise TypeError(
            f"published must be an ISO date string, datetime.date, jdatetime.date or None, "
            f"not {type(value).__name__}"
        )
    raw = value.strip().translate(_DIGITS)
    raw = raw.split("T", 1)[0].split(" ", 1)[0]
    parts = raw.replace("/", "-").split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError(f"published={value!r} is not a date (expected YYYY-MM-DD, Jalali or Gregorian)")
    year, month, day = (int(p) for p in parts)
    try:
        if year <= JALALI_YEAR_MAX:
            return jdatetime.date(year, month, day)
        return jdatetime.date.fromgregorian(date=_dt.date(year, month, day))
    except ValueError:
        calendar = "Jalali" if year <= JALALI_YEAR_MAX else "Gregorian"
        raise ValueError(f"published={value!r} is not a real {calendar} day") from None


def jalali_dict(day: Optional[jdatetime.date]) -> Optional[Dict[str, str]]:
    """``{"jalali": "1404-08-19", "gregorian": "2025-11-10"}`` or ``None``."""
    if day is None:
        return None
    return {"jalali": day.strftime("%Y-%m-%d"), "gregorian": day.togregorian().isoformat()}
