"""Events: meetings, visits, phone calls, agreements, working groups and proposals
as records with participants, roles, dates, places and topics.

One concern per module:

* :mod:`.lexicon` — loads ``resources/events/*.json`` (triggers with light verbs,
  status cues, negative contexts, topic cues and the topic→category lexicon);
* :mod:`.triggers` — trigger mentions and negative contexts (sports «دیدار»,
  press conferences, interviews, headline round-ups);
* :mod:`.status` — occurred / planned / proposed from tense and modality, and
  background mentions (an existing agreement);
* :mod:`.people`, :mod:`.coref`, :mod:`.names` — person units from the entity
  stage (or a small role-head fallback), pronouns and titles used alone, and
  sanity checks on names;
* :mod:`.arguments` — participants, place and date of one mention;
* :mod:`.merge` — one record per real-world event (headline, lead and body);
* :mod:`.topics` — cooperation areas with a DESIGN.md category;
* :mod:`.countries` — adapter over :mod:`persian_ie.entities.countries`;
* :mod:`.dates_fallback` — a minimal date reader when no dates stage ran;
* :mod:`.extractor` — the :class:`EventExtractor` stage tying them together.

>>> from persian_ie import Pipeline
>>> nlp = Pipeline(stages=["normalize", "segment", "events"])
>>> ev = nlp("شهردار تهران امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19").events[0]
>>> ev.type, ev.status, ev.date.jalali
('meeting', 'occurred', '1404-08-19')
"""

from .extractor import EventExtractor

__all__ = ["EventExtractor"]
