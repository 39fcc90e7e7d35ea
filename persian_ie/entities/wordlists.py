"""The word classes the entities stage's rules use, read from
``resources/gazetteers/word_classes.tsv`` (one class a line: ``class<TAB>a | b | …``).

Keeping them as data means a rule reads «a determiner», «a descriptor before an
organization», «a surname ending», and the lists themselves can be extended without
touching code.

>>> words = stage_words()
>>> "این" in words.determiner, ("گروهک", "تروریستی") in words.org_descriptor
(True, True)
>>> "نوشته\u200cاند".endswith(words.verb_clitic)
True
"""

from __future__ import annotations

import threading
from typing import Dict, FrozenSet, List, Optional, Tuple

from .. import _resources

__all__ = ["StageWords", "stage_words"]

_FILE = "gazetteers/word_classes.tsv"
ZWNJ = "\u200c"


def _items(field: str) -> List[str]:
    """``a | ~b | c d`` → ``["a", "\u200cb", "c d"]`` (a leading ``~`` is a half-space)."""
    out = []
    for item in field.split("|"):
        item = item.strip()
        if item.startswith("~"):
            item = ZWNJ + item[1:]
        if item:
            out.append(item)
    return out


class StageWords:
    """The classes of ``word_classes.tsv`` as sets (single words), tuples of word
    tuples (phrases, longest first) and suffix tuples (for ``str.endswith``)."""

    def __init__(self, classes: Dict[str, List[str]]):
        def words(name: str) -> FrozenSet[str]:
            return frozenset(classes.get(name, ()))

        def phrases(name: str) -> Tuple[Tuple[str, ...], ...]:
            """Phrases as the stage's units (ZWNJ-split, spelling-folded), longest first."""
            from .gazetteer import phrase_units

            return tuple(sorted((phrase_units(p) for p in classes.get(name, ())), key=len, reverse=True))

        self.determiner = words("determiner")
        self.org_descriptor = phrases("org_descriptor")
        self.camp_adjective = frozenset(phrases("camp_adjective"))
        self.source_cue = tuple(sorted((tuple(p.split()) for p in classes.get("source_cue", ())), key=len, reverse=True))
        self.source_last = frozenset(cue[-1] for cue in self.source_cue)
        self.name_connector = words("name_connector")
        self.org_adjective = words("org_adjective")
        self.office_word = words("office_word")
        self.subunit_head = words("subunit_head")
        self.unit_of = words("unit_of")
        self.press_head = phrases("press_head")
        self.open_name_head = phrases("open_name_head")
        self.org_intro = phrases("org_intro")
        self.not_source = words("not_source")
        self.office_head = words("office_head")
        self.newsroom_unit = words("newsroom_unit")
        self.plain_name_head = words("plain_name_head")
        self.not_in_name = words("not_in_name")
        self.light_verb = words("light_verb")
        self.copula = words("copula")
        self.press_word = words("press_word")
        self.weak_honorific = words("weak_honorific")
        self.postposed_honorific = words("postposed_honorific")
        self.noble_title = words("noble_title")
        self.not_name = words("not_name")
        self.compound_tail = words("compound_tail")
        self.surname_ending = tuple(classes.get("surname_ending", ()))
        self.verb_clitic = tuple(classes.get("verb_clitic", ()))
        self.agent_ending = tuple(classes.get("agent_ending", ()))
        self.place_head = words("place_head")
        self.place_epithet = words("place_epithet")
        self.person_noun = words("person_noun")
        self.road_head = words("road_head")
        self.administered = words("administered")
        self.occupation = words("occupation")
        self.named_after_count = words("named_after_count")
        self.club_head = words("club_head")
        self.body_adjective = words("body_adjective")
        self.sport = words("sport")
        self.state_body = words("state_body")
        self.system_head = words("system_head")
        self.plural_head = phrases("plural_head")
        self.force_plural = phrases("force_plural")
        self.force_kind = words("force_kind")
        self.described_head = words("described_head")
        self.facility_head = phrases("facility_head")
        self.base_head = words("base_head")
        self.base_kind = words("base_kind")
        self.named_alone = words("named_alone")
        self.part_of_body = words("part_of_body") | words("office_word") | words("subunit_head") | words("newsroom_unit")
        # the first units of those phrases: most spans start with none, and a set says so at once
        self.force_plural_starts = frozenset(p[0] for p in self.force_plural)
        self.facility_head_starts = frozenset(p[0] for p in self.facility_head)
        self.place_governor = phrases("place_governor")
        self.work_head = phrases("work_head")
        # every word that heads a body or a unit's name besides the patterns' heads
        self.body_head = (words("body_head") | self.office_word | self.subunit_head | self.newsroom_unit
                          | self.press_word | self.plain_name_head | self.club_head)
        from .gazetteer import fold

        self.kind_adjective = frozenset(fold(w) for w in classes.get("kind_adjective", ()))  # matched on units
        # ordinal number words (the dates stage's list): «مجلس ششم», «دوره هفتم»
        self.ordinal = frozenset(_resources.read_json("dates/numbers.json")["ordinal"])
        # weekday names written as one word (the dates stage's list): «به گزارش [روز یکشنبه] ایرنا» is a time, no source
        self.weekday = frozenset(w for w in _resources.read_json("dates/weekdays.json")["names"] if " " not in w)
        # cardinal number words (the same list; «نه» left out: also «no»): «دو کمیته …» counts committees
        self.cardinal = frozenset(_resources.read_json("dates/numbers.json")["cardinal"]) - {"نه"}

    def is_ordinal(self, word: str) -> bool:
        """``ششم``, ``بیست‌ودوم``-like last parts, ``۱۲م``/``12ام`` (digits + م/ام)."""
        if word in self.ordinal:
            return True
        digits = word.rstrip("ام")
        return bool(digits) and digits != word and digits.isdigit()

    @classmethod
    def load(cls) -> "StageWords":
        classes: Dict[str, List[str]] = {}
        for line in _resources.read_lines(_FILE):
            name, _, field = line.partition("\t")
            classes.setdefault(name.strip(), []).extend(_items(field))
        return cls(classes)


_WORDS: Optional[StageWords] = None
_LOCK = threading.Lock()


def stage_words() -> StageWords:
    """The process-wide :class:`StageWords`, loaded on first call."""
    global _WORDS
    if _WORDS is None:
        with _LOCK:
            if _WORDS is None:
                _WORDS = StageWords.load()
    return _WORDS
