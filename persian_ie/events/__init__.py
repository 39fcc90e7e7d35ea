"""Events: meetings, visits, phone calls, agreements, working groups and proposals
as records with participants, roles, dates, places and topics.

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "events"])
>>> ev = nlp("شهردار تهران امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19").events[0]
>>> ev.type, ev.status, ev.date.jalali
('meeting', 'occurred', '1404-08-19')
"""

from .extractor import EventExtractor

__all__ = ["EventExtractor"]
