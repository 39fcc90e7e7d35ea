"""Dates stage: Persian date and time expressions resolved to Jalali and Gregorian values.

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "dates"])
>>> d = nlp("زاکانی امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴- گفت.", published="1404-08-19").doc.dates[0]
>>> (d.jalali, d.gregorian, d.granularity, d.weekday)
('1404-08-19', '2025-11-10', 'day', 'دوشنبه')
"""

from .extractor import DateExtractor
from .recognize import Mention, recognize
from .resolve import resolve

__all__ = ["DateExtractor", "Mention", "recognize", "resolve"]
