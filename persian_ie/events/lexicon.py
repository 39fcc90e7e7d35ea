"""Loading the event lexicons (``resources/events/*.json``) once per process.

The data files hold everything language-specific: trigger heads and light verbs
(``triggers.json``), status cues (``status.json``), negative contexts
(``negatives.json``), topic cues and the topic→category lexicon (``topics.json``)
and role heads for the fallback person finder (``roles.txt``). This module only
reads and compiles them.

>>> lex = Lexicon.default()
>>> sorted({h.type for h in lex.heads})[:3]
['agreement', 'meeting', 'phone_call']
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Pattern, Sequence, Set, Tuple

import regex

from .._resources import read_json, read_lines
from ..normalize import normalize
from .. import _rxcache as rxcache

__all__ = ["Lexicon", "Head", "LB", "RB"]

#: word boundaries over normalized text (a ZWNJ is part of a word)
LB = r"(?<![\p{L}\p{M}\u200c])"
RB = r"(?![\p{L}\p{M}\u200c])"
_MACRO = rxcache.compile(r"\{([A-Z_]+)\}")


def _expand(pattern: str, macros: Dict[str, str]) -> str:
    for _ in range(6):
        new = _MACRO.sub(lambda m: macros.get(m.group(1), m.group(0)), pattern)
        if new == pattern:
            break
        pattern = new
    return pattern


@dataclass
class Head:
    """One trigger head pattern."""

    type: str
    pattern: Pattern[str]
    weak: bool = False
    needs: Optional[str] = None
    light_verb: Optional[Pattern[str]] = None
    index: int = 0


@dataclass
class Lexicon:
    heads: List[Head]
    proposed_before: List[Pattern[str]]
    proposed_after: List[Pattern[str]]
    planned_before: List[Pattern[str]]
    planned_after: List[Pattern[str]]
    background: List[Pattern[str]]
    past_verbs: Set[str]
    future_markers: Set[str]
    present_prefix: Pattern[str]
    sports: Set[str]
    sports_strong: Set[str]
    press: List[str]
    media: List[str]
    generic_partners: List[str]
    speech_only: List[str]
    topic_cues: List[Pattern[str]]
    topic_stop: Set[str]
    topic_keep: List[str]
    topic_filler: Set[str]
    categories: List[Tuple[str, str]]  # (keyword, category), longest keyword first
    role_heads: List[str] = field(default_factory=list)
    generic_categories: Set[str] = field(default_factory=set)
    sports_match: Optional[Pattern[str]] = None
    topic_object: Optional[Pattern[str]] = None
    topic_emphasis: Optional[Pattern[str]] = None
    topic_stance: Optional[Pattern[str]] = None
    topic_generic_heads: List[str] = field(default_factory=list)

    _default: "Optional[Lexicon]" = None
    _lock = threading.Lock()

    @classmethod
    def default(cls) -> "Lexicon":
        with cls._lock:
            if cls._default is None:
                cls._default = cls.load()
            return cls._default

    @classmethod
    def load(cls) -> "Lexicon":
        trig = read_json("events/triggers.json")
        macros = dict(trig["macros"])
        heads: List[Head] = []
        for i, h in enumerate(trig["heads"]):
            pat = _expand(h["re"], macros)
            lv = None
            if h.get("lv"):
                lv_alts = "|".join(_expand(x, macros) for x in h["lv"])
                lv = rxcache.compile(r"\s*(?:" + lv_alts + ")" + RB)
            heads.append(Head(h["type"], rxcache.compile(LB + "(?:" + pat + ")" + r"(?![\p{L}\p{M}])"),
                              bool(h.get("weak")), h.get("needs"), lv, i))
        st = read_json("events/status.json")
        neg = read_json("events/negatives.json")
        top = read_json("events/topics.json")

        def comp(xs: Sequence[str]) -> List[Pattern[str]]:
            return [rxcache.compile(x) for x in xs]

        cats: List[Tuple[str, str]] = []
        for cat, words in top["categories"].items():
            for w in words:
                cats.append((normalize(w), cat))
        cats.sort(key=lambda kv: -len(kv[0]))
        try:
            role_heads = [normalize(x) for x in read_lines("events/roles.txt")]
        except FileNotFoundError:  # pragma: no cover - shipped with the package
            role_heads = []
        return cls(
            heads=heads,
            proposed_before=comp(st["proposed_before"]),
            proposed_after=comp(st["proposed_after"]),
            planned_before=comp(st["planned_before"]),
            planned_after=comp(st["planned_after"]),
            background=comp(st["background"]),
            past_verbs=set(st["past_verbs"]),
            future_markers=set(st["future_markers"]),
            present_prefix=rxcache.compile(st["present_prefix"]),
            sports=set(neg["sports"]),
            sports_strong=set(neg["sports_strong"]),
            press=[normalize(x) for x in neg["press"]],
            media=[normalize(x) for x in neg["media_counterparts"]],
            generic_partners=[normalize(x) for x in neg["generic_partners"]],
            speech_only=[normalize(x) for x in neg["speech_only_subject"]],
            topic_cues=comp(top["cues"]),
            topic_stop=set(top["stop_tokens"]),
            topic_keep=[normalize(x) for x in top["keep_inside"]],
            topic_filler={normalize(x) for x in top["filler"]},
            categories=cats,
            role_heads=sorted(set(role_heads), key=len, reverse=True),
            generic_categories=set(top.get("generic_categories", [])),
            sports_match=rxcache.compile(neg["sports_match"]) if neg.get("sports_match") else None,
            topic_object=rxcache.compile(top["object_cue"]) if top.get("object_cue") else None,
            topic_emphasis=rxcache.compile(top["emphasis_cue"]) if top.get("emphasis_cue") else None,
            topic_stance=rxcache.compile(top["stance_prefix"]) if top.get("stance_prefix") else None,
            topic_generic_heads=[normalize(x) for x in top.get("generic_heads", [])],
        )

    def category(self, text: str) -> str:
        """Category of a topic phrase (``other`` when no keyword matches).

        >>> Lexicon.default().category("برقی‌سازی حمل و نقل عمومی")
        'transport'
        """
        norm = normalize(text)
        found = []
        for kw, cat in self.categories:
            if kw not in norm:  # the pattern holds the keyword verbatim: no match without it
                continue
            m = self._category_pattern(kw).search(norm)
            if m:
                found.append((cat in self.generic_categories, m.start(), cat))
        if not found:
            return "other"
        return min(found)[2]

    def _category_pattern(self, kw: str) -> Pattern[str]:
        """The keyword as a whole word (plural/ezafe endings allowed), compiled on first use."""
        pats = self.__dict__.setdefault("_cat_pats", {})
        pat = pats.get(kw)
        if pat is None:
            pat = pats[kw] = rxcache.compile(LB + regex.escape(kw) + "(?:\u200c?(?:ها|های|ی|ای))?" + RB)
        return pat
