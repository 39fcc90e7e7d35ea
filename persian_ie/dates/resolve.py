"""Turn a :class:`~persian_ie.dates.recognize.Mention` into calendar values.

Rules (DESIGN.md contract, issue 3):

* explicit dates convert exactly (Jalali with jdatetime, Hijri lunar with hijridate,
  Umm al-Qura); a day that does not exist (30 اسفند 1404) gets no value;
* a day and month without a year take the publication's year *in that calendar*,
  or the adjacent year when that one puts the date nearer to publication (so a
  date never lands more than about six months from it);
* relative words count from the publication date (امروز, دیروز, سه روز پیش, ماه
  گذشته, پارسال …); without a publication date they stay ``relative`` with no value;
* a bare weekday is the latest such day on or before publication in past-tense
  reporting, the next one on or after it when the sentence speaks of the future;
  «شنبه گذشته» is strictly before, «یکشنبه هفته آینده» is in next week (weeks start
  on Saturday);
* a written weekday that contradicts the date sets ``weekday_conflict``; with a
  relative day («امروز (دوشنبه)») the written weekday wins within three days;
* month and year granularity carry the Gregorian (or Jalali) month/year of the
  period's first day.

>>> import jdatetime
>>> from persian_ie.dates.recognize import recognize
>>> m = recognize("۳۰ اسفند ۱۴۰۴")[0]
>>> resolve(m, None)["jalali"] is None
True
>>> resolve(recognize("سه روز پیش")[0], jdatetime.date(1404, 8, 19))["jalali"]
'1404-08-16'
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import replace
from typing import Any, Dict, Optional

import jdatetime

from ..calendar import WEEKDAYS_FA
from .recognize import Mention

__all__ = ["resolve"]

try:  # Umm al-Qura Hijri calendar (a declared dependency; guarded for partial installs)
    from hijridate import Gregorian as _HGregorian, Hijri as _Hijri
except ImportError:  # pragma: no cover
    _Hijri = _HGregorian = None


def _empty(men: Mention) -> Dict[str, Any]:
    return {"jalali": None, "gregorian": None, "granularity": None, "weekday": None,
            "relative": men.relative, "weekday_conflict": False, "time": _time(men),
            "part_of_day": men.daypart}


def _time(men: Mention) -> Optional[str]:
    if men.hour is None:
        return None
    hour, minute = men.hour, men.minute or 0
    if men.ampm == "pm" and 1 <= hour < 12:
        hour += 12
    elif men.ampm == "noon" and 1 <= hour <= 4:
        hour += 12
    elif men.ampm == "night" and 6 <= hour < 12:
        hour += 12
    elif men.ampm in ("am",) and hour == 12 and men.daypart == "midnight":
        hour = 0
    if hour == 24 and minute == 0:
        return "24:00"  # «ساعت ۲۴ روز سه‌شنبه»: the end of that day
    hour %= 24
    return f"{hour:02d}:{minute:02d}"


def _to_jalali(calendar: str, y: int, m: int, d: int) -> Optional[jdatetime.date]:
    """The Jalali day of a calendar date, or None when the day does not exist."""
    try:
        if calendar == "jalali":
            return jdatetime.date(y, m, d)
        if calendar == "gregorian":
            return jdatetime.date.fromgregorian(date=_dt.date(y, m, d))
        if calendar == "hijri" and _Hijri is not None:
            h = _Hijri(y, m, d)
            if d > h.month_length():
                return None
            return jdatetime.date.fromgregorian(date=h.to_gregorian())
    except (ValueError, OverflowError):
        return None
    return None


def _year_in(calendar: str, day: jdatetime.date) -> Optional[int]:
    if calendar == "jalali":
        return day.year
    if calendar == "gregorian":
        return day.togregorian().year
    if calendar == "hijri" and _HGregorian is not None:
        try:
            return _HGregorian.fromdate(day.togregorian()).to_hijri().year
        except (ValueError, OverflowError):
            return None
    return None


def _day_values(day: jdatetime.date) -> Dict[str, Any]:
    return {"jalali": f"{day.year:04d}-{day.month:02d}-{day.day:02d}", "gregorian": day.togregorian().isoformat(),
            "granularity": "day", "weekday": WEEKDAYS_FA[day.weekday()]}


def _month_values(calendar: str, y: int, m: int) -> Optional[Dict[str, Any]]:
    first = _to_jalali(calendar, y, m, 1)
    if first is None:
        return None
    g = first.togregorian()
    if calendar == "gregorian":
        return {"jalali": f"{first.year:04d}-{first.month:02d}", "gregorian": f"{y:04d}-{m:02d}", "granularity": "month"}
    if calendar == "jalali":
        return {"jalali": f"{y:04d}-{m:02d}", "gregorian": f"{g.year:04d}-{g.month:02d}", "granularity": "month"}
    return {"jalali": f"{first.year:04d}-{first.month:02d}", "gregorian": f"{g.year:04d}-{g.month:02d}", "granularity": "month",
            "hijri": f"{y:04d}-{m:02d}"}


def _year_values(calendar: str, y: int) -> Optional[Dict[str, Any]]:
    if calendar == "jalali":
        if not 1 <= y <= 3000:
            return None
        return {"jalali": f"{y:04d}", "gregorian": f"{y + 621:04d}", "granularity": "year"}
    if calendar == "gregorian":
        try:
            first = jdatetime.date.fromgregorian(date=_dt.date(y, 1, 1))
        except (ValueError, OverflowError):
            return None
        return {"jalali": f"{first.year:04d}", "gregorian": f"{y:04d}", "granularity": "year"}
    first = _to_jalali(calendar, y, 1, 1)
    if first is None:
        return None
    return {"jalali": f"{first.year:04d}", "gregorian": f"{first.togregorian().year:04d}", "granularity": "year",
            "hijri": f"{y:04d}"}


def _month_in(calendar: str, day: jdatetime.date) -> Optional[int]:
    if calendar == "jalali":
        return day.month
    if calendar == "gregorian":
        return day.togregorian().month
    if _HGregorian is not None:
        try:
            return _HGregorian.fromdate(day.togregorian()).to_hijri().month
        except (ValueError, OverflowError):
            return None
    return None


def _pick_year(men: Mention, base: int, published: jdatetime.date, future: bool = False,
               past: bool = False, grace: int = 0) -> int:
    """The year of a day/month written without one.

    «امسال»/«سال گذشته» give it; «آبان ماه گذشته» is the latest such month before
    the publication month; otherwise the publication's year, or the adjacent year
    when that puts the date nearer to publication (an article of 1399-01-16 that
    says «از ۱۰ اسفند» means 1398-12-10, not eleven months ahead); in a sentence
    about the future, the nearest year that does not put it in the past, and in a
    past-tense one, the nearest that does not put it in the future.
    """
    if men.year_rel is not None:
        return base + men.year_rel
    pub_month = _month_in(men.calendar, published)
    if men.month_rel is not None and pub_month is not None:
        if men.month_rel < 0:
            return base if men.month < pub_month else base - 1
        return base if men.month > pub_month else base + 1
    best, best_gap = base, None
    for year in (base, base - 1, base + 1):
        day = _to_jalali(men.calendar, year, men.month, men.day or 1) or _to_jalali(men.calendar, year, men.month, 1)
        if day is None:
            continue
        if men.day is None and future:  # a month to come: its last days count as near
            day = day + jdatetime.timedelta(days=27)
        gap = (day - published).days
        if future and gap < -grace:
            continue  # «تا اواسط مهرماه ادامه خواهد یافت»: the next Mehr
        if past and not future and gap > (7 if men.day is not None else 31):
            continue  # «در ماه ژوئن به ایران سفر کرده بود»: the June gone
        gap = abs(gap)
        if best_gap is None or gap < best_gap - 1:
            best, best_gap = year, gap
    return best


def _nearest_reading(men: Mention, published: jdatetime.date) -> Mention:
    """The reading of an ambiguous numeric date («12/25/19») nearest to publication."""
    best = None
    for calendar, y, m, d in men.options:
        day = _to_jalali(calendar, y, m, d)
        if day is None:
            continue
        gap = abs((day - published).days)
        if best is None or gap < best[0]:
            best = (gap, calendar, y, m, d)
    if best is None:
        return men
    _, calendar, y, m, d = best
    return replace(men, calendar=calendar, year=y, month=m, day=d, options=())


def _lunar_in_jalali_year(month: int, day: int, jyear: int, published: Optional[jdatetime.date]) -> Optional[jdatetime.date]:
    """The Jalali day on which Hijri ``month``/``day`` falls in Jalali year ``jyear``
    (the one nearest to publication when a lunar year puts it there twice)."""
    if _HGregorian is None:
        return None
    try:
        first = jdatetime.date(jyear, 1, 1)
        h = _HGregorian.fromdate(first.togregorian()).to_hijri().year
    except (ValueError, OverflowError):
        return None
    hits = []
    for hy in (h - 1, h, h + 1):
        d = _to_jalali("hijri", hy, month, day)
        if d is not None and d.year == jyear:
            hits.append(d)
    if not hits:
        return None
    if published is None:
        return hits[0]
    return min(hits, key=lambda d: abs((d - published).days))


def _shift_month(y: int, m: int, n: int):
    total = y * 12 + (m - 1) + n
    return total // 12, total % 12 + 1


def _weekday_day(men: Mention, published: jdatetime.date, future: bool) -> jdatetime.date:
    wd = men.weekday
    pub_wd = published.weekday()
    rel = men.week_rel
    if rel in ("this_week", "prev_week", "next_week"):
        week_start = published - jdatetime.timedelta(days=pub_wd)
        shift = {"this_week": 0, "prev_week": -7, "next_week": 7}[rel]
        return week_start + jdatetime.timedelta(days=shift + wd)
    if rel == "past":
        back = (pub_wd - wd) % 7 or 7
        return published - jdatetime.timedelta(days=back)
    if rel == "future":
        ahead = (wd - pub_wd) % 7 or 7
        return published + jdatetime.timedelta(days=ahead)
    if future:
        return published + jdatetime.timedelta(days=(wd - pub_wd) % 7)
    return published - jdatetime.timedelta(days=(pub_wd - wd) % 7)


def resolve(men: Mention, published: Optional[jdatetime.date], *, future: bool = False,
            past: bool = False, grace: int = 0) -> Dict[str, Any]:
    """Values for ``men``: ``jalali``, ``gregorian``, ``granularity``, ``weekday``,
    ``relative``, ``weekday_conflict``, ``time``, ``part_of_day`` (and ``hijri`` for
    Hijri months/years, ``range_end`` for «۲۴ و ۲۵ فوریه»). ``future``: the sentence
    speaks of something to come (a yearless date then takes its next occurrence,
    though it may lie up to ``grace`` days before publication when the only sign of
    the future is a present-tense verb); ``past``: it reports something done (a
    yearless date then does not move ahead)."""
    out = _empty(men)
    if men.kind not in ("date", "time"):
        out["relative"] = men.relative
        return out
    if men.options and published is not None:
        men = _nearest_reading(men, published)
    if men.calendar == "hijri" and men.day is not None and men.year is None and (
            men.jalali_year is not None or men.year_rel is not None and published is not None):
        # «عاشورای امسال», «عید فطر ۱۳۹۹»: the lunar day that falls in that Jalali year
        year = men.jalali_year if men.jalali_year is not None else published.year + men.year_rel
        day = _lunar_in_jalali_year(men.month, men.day, year, published)
        out["relative"] = men.jalali_year is None
        if day is not None:
            out.update(_day_values(day))
            _check_weekday(men, day, out)
        return out
    # -- explicit day / month / year --------------------------------------------------------
    if men.month is not None and men.calendar:
        # the explicit date decides; it is relative only through «امسال», «ماه گذشته» …
        out["relative"] = men.year is None and (men.year_rel is not None or men.month_rel is not None)
        year = men.year
        if year is None:
            if published is None:
                out["relative"] = men.relative or False
                if men.year_rel is not None:
                    out["relative"] = True
                return out
            if men.year_anaphoric:
                return out  # «همین سال» with no year named before it
            base = _year_in(men.calendar, published)
            if base is None:
                return out
            year = _pick_year(men, base, published, future, past, grace)
        if men.day is not None:
            day = _to_jalali(men.calendar, year, men.month, men.day)
            if day is None:
                out["invalid"] = True
                return out
            out.update(_day_values(day))
            _check_weekday(men, day, out)
            if men.range_end_day is not None:
                last = _to_jalali(men.calendar, year, men.month, men.range_end_day)
                if last is not None:
                    out["range_end"] = _day_values(last)["jalali"]
            return out
        vals = _month_values(men.calendar, year, men.month)
        if vals:
            out.update(vals)
        return out
    if men.year is not None and men.calendar:
        vals = _year_values(men.calendar, men.year)
        if vals:
            out.update(vals)
        return out
    # -- relative ----------------------------------------------------------------------------
    if published is None:
        if men.rel_days is not None or men.rel_unit or men.weekday is not None:
            out["relative"] = True
            if men.weekday is not None:
                out["weekday"] = WEEKDAYS_FA[men.weekday]
        return out
    if men.rel_days is not None:
        day = published + jdatetime.timedelta(days=men.rel_days)
        out["relative"] = True
        if men.weekday is not None and day.weekday() != men.weekday:
            # «امروز (دوشنبه)» in an item dated Tuesday: the written weekday wins
            delta = (men.weekday - day.weekday() + 3) % 7 - 3
            day = day + jdatetime.timedelta(days=delta)
            out["weekday_conflict"] = True
        out.update(_day_values(day))
        return out
    if men.weekday is not None:
        day = _weekday_day(men, published, future)
        out.update(_day_values(day))
        out["relative"] = True
        return out
    if men.rel_unit is not None and men.rel_n is not None:
        out["relative"] = True
        n = men.rel_n
        if men.rel_unit == "week":
            if n != 0:
                day = published + jdatetime.timedelta(days=7 * n)
                out.update(_day_values(day))
            return out
        gregorian = men.calendar == "gregorian"
        if men.rel_unit == "month":
            if gregorian:  # «ماه گذشته میلادی»
                g = published.togregorian()
                y, m = _shift_month(g.year, g.month, n)
                out.update(_month_values("gregorian", y, m) or {})
            else:
                y, m = _shift_month(published.year, published.month, n)
                out.update(_month_values("jalali", y, m) or {})
            return out
        if men.rel_unit == "year":
            if gregorian:  # «سال جاری میلادی»
                out.update(_year_values("gregorian", published.togregorian().year + n) or {})
            else:
                out.update(_year_values("jalali", published.year + n) or {})
            return out
    return out


def _check_weekday(men: Mention, day: jdatetime.date, out: Dict[str, Any]) -> None:
    if men.weekday is not None and men.weekday != day.weekday():
        out["weekday_conflict"] = True
        out["written_weekday"] = WEEKDAYS_FA[men.weekday]
