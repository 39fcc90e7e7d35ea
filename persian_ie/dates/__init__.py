"""Dates stage: Persian date and time expressions resolved to Jalali and Gregorian values.

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "dates"])
>>> d = nlp("زاکانی امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴- گفت.", published="1404-08-19").doc.dates[0]
>>> (d.jalali, d.gregorian, d.granularity, d.weekday)
('1404-08-19', '2025-11-10', 'day', 'دوشنبه')

Modules, one concern each:

* :mod:`~persian_ie.dates.lexicon` — month names (Jalali, Gregorian in Persian, Hijri,
  with misspellings), weekdays, eras, relative words, parts of the day and blockers,
  read once per process from ``persian_ie/resources/dates/*.json``;
* :mod:`~persian_ie.dates.numbers` — digits and number words (نوزدهم، بیست‌وهشتم);
* :mod:`~persian_ie.dates.recognize` — finds expressions (:class:`Mention`) in
  normalized text;
* :mod:`~persian_ie.dates.resolve` — turns a mention into values against the
  publication date;
* :mod:`~persian_ie.dates.extractor` — the pipeline stage (:class:`DateExtractor`).

Conventions of the values (``DateValue``):

* ``granularity`` ``day`` / ``month`` / ``year``; ``jalali`` and ``gregorian`` follow it.
  A month or year carries, in the other calendar, the month or year of its first day
  (آبان ۱۴۰۴ → gregorian ``2025-10``; سال ۲۰۲۴ → jalali ``1402``). A Hijri month or
  year also puts its own value in ``attrs["hijri"]``.
* A day that does not exist (۳۰ اسفند ۱۴۰۴) has no value (``attrs["invalid"]``).
* ``relative`` is true when the value comes from the publication date (امروز، سه روز
  پیش، شنبه گذشته، مهر امسال); without ``published`` those have no value.
* ``weekday_conflict`` flags a written weekday that does not match the date; the
  written weekday is kept in ``attrs["written_weekday"]``.
* ``time`` is ``HH:MM`` (24-hour) for clock times; ``part_of_day`` names صبح، عصر …
* Durations («سه ساعت»), sets («هر روز»), vague stretches («سال‌های اخیر») and
  dates relative to another event («دو روز پس از») are recognized but not emitted by
  default; ``DateExtractor(kinds=…)`` turns them on.
"""

from .extractor import DateExtractor
from .recognize import Mention, recognize
from .resolve import resolve

__all__ = ["DateExtractor", "Mention", "recognize", "resolve"]
