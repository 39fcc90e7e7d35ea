"""Find temporal expressions in normalized Persian text.

:func:`recognize` scans ``doc.norm``-style text (ی/ک unified, Persian digits) with
a small grammar compiled from the lexicon data and returns :class:`Mention` objects:
normalized offsets plus the parsed fields (day, month, year, calendar, weekday,
relative offsets, clock time, part of day). It decides nothing about the calendar
value; :mod:`persian_ie.dates.resolve` does.

How it works: atoms (an explicit date, a numeric date, a year, a month, a weekday,
a relative word, a clock time, a part of the day, a duration, …) are matched by
regular expressions built from the lexicon; overlapping atoms are resolved
longest-leftmost; then neighbouring atoms that describe one moment («ساعت ۱۰ صبح»
+ «روز دوشنبه ۱۹ آبان», «امروز» + «(دوشنبه)») are merged into one mention.

>>> [m.text for m in recognize("زاکانی امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴- گفت")]
['امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴']
>>> recognize("ماده ۱۹ قانون و ۱۹ نفر")
[]
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Callable, Dict, Iterable, List, Optional, Tuple

import jdatetime
import regex

from .lexicon import JOINT, DateLexicon, alternation, fold_key, get_lexicon
from .numbers import number_patterns, parse_number
from .. import _rxcache as rxcache
from .._rxscan import class_end as _class_end

__all__ = ["Mention", "recognize", "POINT_KINDS"]

#: mention kinds that name a point or a named period (emitted by default);
#: ``vague`` («سال‌های اخیر»), ``duration``, ``set`` and ``anchored`` are found but
#: only emitted on request
POINT_KINDS = ("date", "time", "period")


@dataclass
class Mention:
    """One temporal expression over normalized text ``[start, end)``.

    ``kind``: ``date`` (a day, month or year, explicit or relative), ``time`` (a
    clock time with no date), ``period`` (a vague or multi-day stretch: «سال‌های
    اخیر», «دهه ۶۰», «پاییز ۱۳۹۴»), ``duration`` («سه ساعت»), ``set`` («هر روز»),
    ``anchored`` (relative to another event: «دو روز پس از»), ``vague`` (no point:
    «سال‌های اخیر», «چند ماه پیش»), ``daypart``.
    """

    start: int
    end: int
    text: str
    kind: str = "date"
    calendar: Optional[str] = None       # jalali | gregorian | hijri (explicit dates)
    year: Optional[int] = None
    month: Optional[int] = None
    day: Optional[int] = None
    year_rel: Optional[int] = None       # امسال = 0, پارسال = -1 (with a month/day)
    month_rel: Optional[int] = None      # «آبان ماه گذشته» = -1: the latest such month before publication
    year_anaphoric: bool = False         # «همین سال»: the year of the previous explicit date
    weekday: Optional[int] = None        # written weekday, 0 = شنبه
    week_rel: Optional[str] = None       # past | future | this_week | prev_week | next_week
    rel_days: Optional[int] = None       # امروز 0, دیروز -1, فردا 1
    rel_unit: Optional[str] = None       # day | week | month | year (with rel_n)
    rel_n: Optional[int] = None          # signed count of rel_unit from publication
    hour: Optional[int] = None
    minute: Optional[int] = None
    ampm: Optional[str] = None           # am | pm | noon | night (from a day part or a suffix)
    daypart: Optional[str] = None        # morning | noon | afternoon | evening | night | dawn | midnight
    relative: bool = False
    range_end_day: Optional[int] = None  # «۲۴ و ۲۵ فوریه», «۵ تا ۷ اسفند»: the last day (``day`` is the first)
    options: Tuple[Tuple[str, int, int, int], ...] = ()  # readings of an ambiguous «۱۲/۰۵/۱۹»: (calendar, y, m, d)
    named: bool = False                  # a named day (عاشورا، نوروز، کریسمس)
    jalali_year: Optional[int] = None    # a lunar day dated by a Jalali year («عید فطر ۱۳۹۹»)
    parts: frozenset = frozenset()       # components: date, weekday, rel, time, daypart
    pieces: List[Tuple[int, int, str]] = field(default_factory=list)  # (start, end, DATE|TIME)

    @property
    def label(self) -> str:
        return "TIME" if self.kind == "time" or (self.kind == "duration" and self.rel_unit in ("hour", "minute", "second")) else "DATE"


# -- grammar -------------------------------------------------------------------------------


def _needle_pieces(pattern: "re.Pattern[str]") -> List[str]:
    """The literal pieces a :func:`_needle_pattern` was made of (for tests)."""
    return sorted(_NEEDLE_PIECES[pattern.pattern])


#: needle pattern text → its pieces (one entry per rule's word lists)
_NEEDLE_PIECES: Dict[str, frozenset] = {}


def _needle_pattern(*word_lists: Iterable[str]) -> "re.Pattern[str]":
    """A pattern of one literal piece of each word: the longest run of it that
    :func:`alternation` writes literally (between optional spaces/ZWNJ and dots), so any
    match of an alternation of these words holds one of the pieces."""
    pieces = set()
    for words in word_lists:
        for w in words:
            key = fold_key(w)
            if not key:
                continue
            frags = [f for part in key.split(" ") for f in part.split(".") if f]
            if not frags:
                raise ValueError(f"no literal piece in {w!r}")
            pieces.add(max(frags, key=len))
    # plain literals: the standard library's engine finds them ~3x faster than regex's; as a tree
    # of common beginnings (_trie: the same strings, so the same first hit), not one piece after
    # another at each position (a page of «ااا…» cost ~190 ns a character with the month pieces)
    flat = "(?:" + "|".join(re.escape(p) for p in sorted(pieces, key=lambda p: (-len(p), p))) + ")"
    tree = _trie(flat) or flat
    _NEEDLE_PIECES[tree] = frozenset(pieces)
    return re.compile(tree)

_B = r"(?<![\p{L}\p{N}\u200c])"
_E = r"(?![\p{L}\p{N}]|\u200c\p{L})"
_J = JOINT
_D = "[۰-۹]"


@dataclass
class _Grammar:
    lex: DateLexicon
    #: (pattern, builder, needles): with ``needles`` (a pattern of literal pieces every
    #: match of the rule holds), the rule runs only over the lines that hold one of them
    rules: List[Tuple["regex.Pattern[str]", Callable, Optional["re.Pattern[str]"]]]
    prev_word: "regex.Pattern[str]"
    next_word: "regex.Pattern[str]"
    future: "regex.Pattern[str]"
    #: rule index → a standard-library pattern whose (empty) matches are a superset of the
    #: positions where the rule's matches start (see :func:`_start_filter`)
    starts: Dict[int, "re.Pattern[str]"] = field(default_factory=dict)
    #: rule index → a sharper finder of the lines to scan than the rule's needles (see
    #: :class:`_MonthWords`), used in their place
    lines: Dict[int, "_MonthWords"] = field(default_factory=dict)
    #: the needles of the rules that use them, looked for in one scan (see :class:`_Needles`)
    needles: Optional["_Needles"] = None


#: letters in every version of Unicode (\\p{L}), for the standard-library engine: the Arabic
#: letters of Persian text and the Latin ones
_SURE_LETTERS = "\u0621-\u063A\u0641-\u064A\u066E-\u066F\u0671-\u06D3\u06D5A-Za-z"
_SURE_LETTER_SET = frozenset(chr(c) for a, b in ((0x621, 0x63A), (0x641, 0x64A), (0x66E, 0x66F), (0x671, 0x6D3),
                                                 (0x6D5, 0x6D5), (0x41, 0x5A), (0x61, 0x7A)) for c in range(a, b + 1))


def _firsts(words: Iterable[str]) -> Optional[List[str]]:
    """The first (at most two) characters of each of ``words`` up to its first space, dot or
    ZWNJ, in both spellings (folded and as written); ``None`` when a word starts with one."""
    out = set()
    for w in words:
        for key in {fold_key(w), w}:
            if not key:
                continue
            cut = len(key)
            for sep in (" ", ".", "\u200c"):
                i = key.find(sep)
                if i >= 0:
                    cut = min(cut, i)
            if cut == 0:
                return None
            out.add(key[:min(2, cut)])
    return sorted(out, key=lambda f: (-len(f), f))


class _Needles:
    """The needles of several rules (patterns of literal pieces, :func:`_needle_pattern`) looked
    for in one scan of a text: one tree of all their pieces, tried from every position where one
    starts (each needle alone scanned the whole text for a rare word: ~20–50 µs a needle and an
    article, ~200 µs for the nine of them). At each such position the tree gives the longest
    piece there; the others there are its beginnings, so the needles holding a line are exactly
    those :meth:`_LineIndex.holding` finds with each needle's own pattern."""

    def __init__(self, needles: Iterable["re.Pattern[str]"]):
        self.keys = sorted({n.pattern for n in needles})
        owners: Dict[str, set] = {}
        for key in self.keys:
            for piece in _NEEDLE_PIECES[key]:
                owners.setdefault(piece, set()).add(key)
        flat = "(?:" + "|".join(re.escape(p) for p in sorted(owners, key=lambda p: (-len(p), p))) + ")"
        self.scan = re.compile(_trie(flat) or flat)
        #: piece → the needles holding it or one of its beginnings (all found where it is found)
        self.owners = {p: frozenset(k for q, ks in owners.items() if p.startswith(q) for k in ks) for p in owners}

    def fill(self, lines: "_LineIndex") -> None:
        """Enter the lines holding each needle in ``lines`` (as :meth:`_LineIndex.holding` would)."""
        text, starts, owners = lines.text, lines.starts, self.owners
        search = self.scan.search
        held: Dict[str, List[Tuple[int, int]]] = {k: [] for k in self.keys}
        last: Dict[str, int] = {}
        pos = 0
        while True:
            m = search(text, pos)
            if m is None:
                break
            p = m.start()
            k = bisect_right(starts, p) - 1
            for key in owners[m.group()]:
                if last.get(key) != k:
                    last[key] = k
                    held[key].append((starts[k], starts[k + 1] if k + 1 < len(starts) else len(text)))
            pos = p + 1
        for key, spans in held.items():
            lines._held.setdefault(key, spans)


class _MonthWords:
    """The lines the day–month and month rules can match in, for :meth:`_LineIndex.holding`
    (in place of their needles, the pieces of the month names: «می»، «دی»، «مه» are in most
    lines, inside words and verbs, and the two rules' start filters cost ~0.1 µs a character
    of the lines they scan).

    Both rules take a month name (``month``, a standard-library tree of the names) that

    * does not follow a letter, unless the letters before it end a number word (the day
      «دهم» written against the month) — the rules put a space or ZWNJ, a digit or a word
      boundary before the name otherwise;
    * is not followed by a ZWNJ and a letter (the verb «می‌کند»), unless that starts what the
      rules can take there (``goes_on``: «ماه»، a year, «گذشته»، an era …) or the name is
      «می» after a digit (the day–month rule's last alternative) — after the name the rules
      take a joint and one of those, or end where no letter follows a ZWNJ;

    and the rules' common tail (``tail``: from the month on) matches there. :meth:`search`
    finds such a name (``ends``: what a number word ends with)."""

    def __init__(self, months: str, goes_on: List[str], tail: "regex.Pattern[str]", ends: Iterable[str]):
        alts = "|".join(re.escape(f) for f in goes_on)
        self.months = re.compile(f"(?:{months})(?!(?<![۰-۹]می)(?<![۰-۹][ \u200c]می)\u200c(?!{alts})[{_SURE_LETTERS}])")
        self.tail = tail
        self.ends = tuple(sorted(set(ends)))
        self.longest = max(map(len, self.ends))
        self.pattern = "months:" + self.months.pattern + "|" + tail.pattern  # (the key of the lines held)

    def search(self, text: str, pos: int = 0):
        find, match, ends, longest = self.months.search, self.tail.match, self.ends, self.longest
        while True:
            m = find(text, pos)
            if m is None:
                return None
            q = m.start()
            if not (q and text[q - 1] in _SURE_LETTER_SET and not text.endswith(ends, max(0, q - longest), q)):
                hit = match(text, q)
                if hit is not None:
                    return hit
            pos = q + 1


def _lead(words: Iterable[str], digits: bool = False, bare_digits: bool = False) -> Optional[str]:
    """A lookahead naming what a rule's match can start with: the first (at most two)
    literal characters of each of ``words`` after a word boundary, and a Persian digit
    (``digits``: after a word boundary; ``bare_digits``: anywhere, the rule checks its own
    left context). The regex engine then skips the positions where no match can start
    (the rule's long alternations of number words were tried at every position of a line:
    the day–month–year rule cost ~3 ms an article); matches are the same. ``None`` (no
    lookahead) when a word starts with something :func:`alternation` does not write literally."""
    firsts = _firsts(words)  # (lists written into a rule as they are: both spellings)
    if firsts is None:
        return None
    alts = "|".join(sorted((regex.escape(f) for f in firsts), key=lambda f: (-len(f), f)))
    bounded = [alts] if alts else []
    if digits:
        bounded.append(_D)
    lead = [f"{_B}(?:{'|'.join(bounded)})"] if bounded else []
    if bare_digits:
        lead.append(_D)
    return f"(?={'|'.join(lead)})" if lead else None


#: not after a letter, a digit or a ZWNJ, for the standard-library engine: the characters
#: excluded are all letters or digits (\p{L}, \p{N}) or the ZWNJ, so this holds wherever
#: ``_B`` holds (it may hold where ``_B`` does not: a start filter only has to let through
#: every true start)
_NOT_AFTER_WORD = "(?<![\u0621-\u063A\u0641-\u064A\u0660-\u0669\u066E-\u066F\u0671-\u06D3\u06D5\u06F0-\u06F9A-Za-z0-9\u200c])"

_ATOM = re.compile(r"\[[^\]]*\]\??| \?\\\. \?|\\.|[^\\\[\]()|?*+{}]")


def _trie(alternation_text: str) -> Optional[str]:
    """The words of an :func:`alternation` as a tree of common beginnings («آ(?:بان|ذر)|…»):
    the same strings, found by the standard-library engine without trying each word in turn
    (its order of trial changes, so only for patterns where it does not matter: a start
    filter asks only whether some match exists). ``None`` when the text is not a plain
    alternation of words."""
    if not (alternation_text.startswith("(?:") and alternation_text.endswith(")")):
        return None
    root: dict = {}
    for piece in alternation_text[3:-1].split("|"):
        atoms = _ATOM.findall(piece)
        if not piece or "".join(atoms) != piece:
            return None
        node = root
        for a in atoms:
            node = node.setdefault(a, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [a + emit(sub) for a, sub in node.items() if a]
        if not alts:
            return ""
        body = "(?:" + "|".join(alts) + ")"
        return body + "?" if "" in node else body if len(alts) > 1 else alts[0]

    return "(?:" + emit(root) + ")"


def _drop_lookarounds(p: str) -> Optional[str]:
    """``p`` without its look-arounds (``(?=…)``, ``(?!…)``, ``(?<=…)``, ``(?<!…)``): a pattern
    that matches wherever ``p`` does (a look-around only takes matches away). ``None`` when
    one is quantified or the text is not understood."""
    out, i, n = [], 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            out.append(p[i:i + 2])
            i += 2
        elif c == "[":
            j = _class_end(p, i)
            out.append(p[i:j + 1])
            i = j + 1
        elif p.startswith(("(?=", "(?!", "(?<=", "(?<!"), i):
            depth, j = 0, i
            while j < n:
                if p[j] == "\\":
                    j += 2
                    continue
                if p[j] == "[":
                    j = _class_end(p, j)
                elif p[j] == "(":
                    depth += 1
                elif p[j] == ")":
                    depth -= 1
                    if depth == 0:
                        break
                j += 1
            if j >= n or (j + 1 < n and p[j + 1] in "?*+{"):
                return None
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<[A-Za-z_][A-Za-z0-9_]*>")


def _cut_after(p: str, group: str) -> str:
    """``p`` up to the end of its group ``(?P<group>…)`` when that group is not nested in
    another one (what follows it is then dropped: a pattern that matches wherever ``p`` does);
    ``p`` itself otherwise."""
    at = p.find(f"(?P<{group}>")
    if at < 0:
        return p
    depth, i, n = 0, 0, len(p)
    while i < n:
        c = p[i]
        if c == "\\":
            i += 2
            continue
        if c == "[":
            i = _class_end(p, i)
        elif c == "(":
            if i == at and depth != 0:
                return p
            depth += 1
        elif c == ")":
            depth -= 1
            if depth == 0 and i > at:
                return p[:i + 1] if i + 1 >= n or p[i + 1] not in "?*+{" else p
        i += 1
    return p


def _after_words_filter(words: str) -> "re.Pattern[str]":
    """A start filter (group ``at``) for a rule whose match is a number right after one of
    ``words`` and a space or ZWNJ (its look-behind names them: «انتخابات ۱۴۰۰»): each of the
    words followed by a joint and a digit, the candidate just after the joint. (A word holds no
    digit, so no candidate lies inside a word the scan took: none is skipped.)"""
    return re.compile(f"{_trie(words) or words}[ \u200c](?P<at>)(?=[۰-۹])")


def _start_filter(p: str, start: str, big_lists) -> Optional["re.Pattern[str]"]:
    """A standard-library pattern whose empty matches fall on every position where the rule
    ``p`` can start a match (and on some where it cannot): ``start``, then ``p`` without its
    look-arounds (each only takes matches away) as a look-ahead, its long word lists written
    as trees (:func:`_trie`). :func:`recognize` tries the rule (its own engine, all its
    conditions) only there, instead of at every position of a line: the regex engine spends
    ~200 ns a character on the day–month rule's start conditions, the standard library's
    test of the whole rule without them is cheaper. ``None`` when the rule is not in the
    standard library's syntax once its look-arounds are gone."""
    body = _drop_lookarounds(p)
    if body is None or "\\p" in body or "\\P" in body or "(?r" in body or "(?V" in body:
        return None
    if "(?P=" not in body:
        body = _NAMED_GROUP.sub("(?:", body)  # (capturing costs the engine time; nothing reads them)
    for words in big_lists:
        alt = alternation(words)
        tree = _trie(alt)
        if tree is not None:
            body = body.replace(alt, tree)
    try:
        return re.compile(f"{start}(?={body})")
    except re.error:
        return None


@functools.lru_cache(maxsize=None)
def grammar(leads: bool = True) -> _Grammar:
    """The date rules, compiled once. ``leads=False``: without the :func:`_lead` lookaheads
    (the same matches, more slowly; tests compare the two)."""
    lex = get_lexicon()
    cardinal, ordinal = number_patterns()
    months = alternation(lex.month_by_name)
    weekdays = alternation(lex.weekday_by_name)
    eras = alternation(lex.era_by_name)
    rel_days = alternation(k for k, v in lex.rel_days.items() if v is not None)
    rel_years = alternation(lex.rel_years)
    dayparts = alternation(lex.dayparts)
    units = alternation(lex.units)
    dirs = alternation(lex.directions)
    seasons = alternation(lex.seasons)
    mods = alternation(lex.modifiers_before)
    year_after = alternation(lex.year_after)
    greg_year_after = alternation(lex.gregorian_year_after)
    clock_pre = alternation(lex.clock_prefix)
    suffixes = "(?i:" + alternation(lex.clock_suffixes) + ")"
    yrel = f"(?:{rel_years}|سال{_J}(?:جاری|گذشته|قبل|پیش|آینده|بعد)|(?:این|همین|همان|آن){_J}سال)"
    year = rf"(?:(?P<ynum>{_D}{{4}}|{_D}{{2}})(?![۰-۹])|(?P<yword>{cardinal}))"
    greg_era = alternation(k for k, v in lex.era_by_name.items() if v == "gregorian" and len(k) > 2)
    named_days = alternation(lex.named_days)
    moment_words = ["دقایقی", "ساعاتی", "لحظاتی", "ساعتی", "دقیقه‌ای", "لحظه‌ای", "چند دقیقه", "چند ساعت", "چند لحظه"]
    moments = "(?:" + "|".join(w.replace(" ", _J) for w in moment_words) + ")"
    daynum = rf"(?:(?P<dnum>{_D}{{1,2}})(?:{_J}?(?:ام|اُم|م)(?!\p{{L}}))?|(?P<dword>{ordinal}|{cardinal}))"
    era = rf"(?:{_J}?\(?(?P<era>{eras})\)?)"
    one = rf"(?:{_D}+(?:[٫.]{_D}+)?|{cardinal})"
    count = (rf"(?:{one}(?:{_J}?(?:تا|-|–|_|الی|لغایت|یا){_J}?{one}|{_J}{one}(?={_J}))?"
             rf"|چند|چندین|چندمین|صدها|هزاران|ده‌ها|دهها|میلیون‌ها|سال‌ها|سالها)")
    card_atom = alternation(lex.cardinal)
    hour_words = rf"(?:بیست{_J}?و{_J}?(?:یک|دو|سه|چهار)|{card_atom})"

    R: List[Tuple[str, Callable]] = [
        # عاشورای امسال / عید فطر سال گذشته / نوروز ۱۴۰۴ / کریسمس ۲۰۱۹ (a named day needs its year)
        (rf"{_B}(?P<nd>{named_days})(?:{_J}?ی)?{_J}(?:(?P<sal>سال){_J})?(?:(?P<ynum>{_D}{{4}})(?![۰-۹])|(?P<yrel>{yrel})){_E}", _named_day),
        # ۱۹ آبان ماه ۱۴۰۴ / بیست و دوم بهمن سال گذشته / ۵ اکتبر ۲۰۱۸ میلادی
        (rf"(?:{_B}|(?<=\p{{L}})(?=[۰-۹]))(?:(?P<pre>روز|روزهای|مورخ|مورخه|تاریخ){_J})?"
         rf"(?:(?P<d0>{_D}{{1,2}})(?:{_J}?(?:ام|م)(?!\p{{L}}))?{_J}?(?P<rsep>و|تا|الی|لغایت|-|–){_J}?(?=[۰-۹]))?"
         rf"{daynum}{_J}?(?:ماه{_J})?(?P<month>{months})(?P<mah>{_J}?ماه)?"
         rf"(?:(?:{_J}?|،{_J}?)(?:(?P<sal>سال){_J})?(?:{year}|(?P<yrel>{yrel}))|(?P<mrel>{_J}(?:گذشته|قبل|پیش(?![ \u200c]?(?:بینی|از))|آینده|آتی)))?{era}?"
         rf"(?:{_E}|(?<=[۰-۹]{{4}})(?=\p{{L}})|(?<=[۰-۹][ \u200c]?می)(?=\u200c(?:در|به|از|تا|با|سال|گذشته|امسال|آینده|جاری|میلادی|که|و)(?!\p{{L}})))", _dmy),
        # اواخر آبان ماه ۱۴۰۴ / مهر ۹۸ / ماه رمضان / آبان‌ماه امسال
        (rf"{_B}(?:(?P<mod>{mods}){_J})?(?:(?P<mahpre>ماه){_J}(?:مبارک{_J})?)?(?P<month>{months})(?P<mah>{_J}?ماه)?"
         rf"(?:(?:{_J}?|،{_J}?)(?:(?P<sal>سال){_J})?(?:{year}|(?P<yrel>{yrel}))|(?P<mrel>{_J}(?:گذشته|قبل|پیش(?![ \u200c]?(?:بینی|از))|آینده|آتی)))?{era}?(?:{_E}|(?<=[۰-۹]{{4}})(?=\p{{L}}))", _month),
        # ۱۴۰۴/۰۸/۱۹ ، 2025-11-10 ، ۱۹/۸/۱۴۰۴
        (rf"(?<![۰-۹/\-.:])(?P<a>{_D}{{1,4}}) ?(?P<sep>[/\-.]) ?(?P<b>{_D}{{1,2}}) ?(?P=sep) ?(?P<c>{_D}{{1,4}})(?![۰-۹]| ?[/\-:][۰-۹]|\.[۰-۹])"
         rf"{era}?", _numeric),
        # سال ۱۴۰۴ / سال‌های ۱۳۹۸ تا ۹۹ / سال ۲۰۱۶ میلادی / ۱۴۰۱ هجری شمسی
        (rf"{_B}(?:(?P<mod>{mods}){_J})?(?P<sal>سال(?:{_J}?(?:های|ها))?)(?:{_J}(?:مالی|تحصیلی|زراعی|آبی))?{_J}{year}"
         rf"(?:{_J}?(?:تا|-|–|و|لغایت|الی){_J}?(?P<y2>{_D}{{2,4}})(?![۰-۹]))?{era}?{_E}", _year),
        (rf"{_B}(?P<ynum>{_D}{{4}})(?:{_J}?[-–]{_J}?(?P<y2>{_D}{{4}}))?{era}{_E}", _year),
        (rf"{_B}(?P<ynum>{_D}{{2}}){_J}(?P<era>{greg_era}){_E}", _year),
        (rf"(?<=(?:^|[ \u200c(«])(?P<prep>در|تا|از|اوایل|اواسط|اواخر|ابتدای|پایان|اول|آغاز){_J})(?P<ynum>{_D}{{4}}){_E}", _bare_year),
        (rf"(?<=(?:^|[ \u200c(«]){year_after}{_J})(?P<ynum>{_D}{{4}}|{_D}{{2}}){_E}", _bare_year),
        (rf"(?<=(?:^|[ \u200c(«]){greg_year_after}{_J})(?P<gnum>{_D}{{4}}|{_D}{{2}}){_E}", _bare_year),
        # امروز / دیروز / روز گذشته / امسال / پارسال
        (rf"{_B}(?P<rday>{rel_days}){_E}", _rel_day),
        (rf"{_B}(?P<ryear>{rel_years})(?:{_J}(?P<era>{greg_era}))?{_E}", _rel_year),
        # دقایقی پیش / ساعاتی قبل / لحظاتی پیش: the publication day
        (rf"{_B}(?P<moment>{moments}){_J}(?:پیش|قبل){_E}", _moments_ago),
        # سه روز پیش / دو هفته بعد / ماه گذشته / سال‌های اخیر / این هفته / ماه جاری
        (rf"{_B}(?:(?P<n>{count}(?:{_J}(?:و{_J})?نیم)?){_J}?)?(?P<unit>{units})(?P<pl>{_J}?(?:های|ها))?{_J}(?P<dir>{dirs}){era}?{_E}(?P<az>{_J}از)?", _rel_unit),
        (rf"{_B}(?P<this>این|همین){_J}(?P<unit>هفته|ماه|سال|روز{_J}?ها|هفته{_J}?ها|ماه{_J}?ها|سال{_J}?ها){_E}", _this_unit),
        # (روز) دوشنبه (گذشته | هفته آینده | این هفته)
        (rf"{_B}(?:(?P<roz>روز){_J})?(?P<wd>{weekdays})(?P<pl>{_J}?(?:ها|های))?"
         rf"(?:{_J}(?:(?P<wrel>گذشته|قبل|پیش|آینده|آتی|بعد|جاری)|(?P<this>این|همین){_J}هفته|هفته{_J}(?P<wwrel>گذشته|قبل|پیش|آینده|بعد|جاری|دیگر|آتی)))?{_E}", _weekday),
        # ساعت ۱۰:۳۰ / ساعت ۱۰ صبح / ساعت ۱۹ و ۳۴ دقیقه / ساعت یک و نیم
        (rf"{_B}(?P<pre>{clock_pre}){_J}?(?:(?P<h>{_D}{{1,2}}) ?: ?(?P<m>{_D}{{2}})(?: ?: ?{_D}{{2}})?|(?P<hw>{_D}{{1,2}}|{hour_words})"
         rf"(?:{_J}و{_J}(?:(?P<frac>نیم|ربع)|(?P<mw>{_D}{{1,2}}|{cardinal})(?:{_J}دقیقه)?(?:{_J}و{_J}(?:{_D}{{1,2}}|{cardinal}){_J}ثانیه)?))?(?:{_J}دقیقه)?)"
         rf"(?:{_J}?(?P<suf>{suffixes})|{_J}(?P<dp>{dayparts}))?(?![\p{{L}}\p{{N}}])", _clock_words),
        (rf"(?<![۰-۹:/.])(?P<h>{_D}{{1,2}}) ?: ?(?P<m>{_D}{{2}})(?: ?: ?{_D}{{2}})?(?![۰-۹]| ?[:/][۰-۹])(?:{_J}?(?P<suf>{suffixes})|{_J}(?P<dp>{dayparts}))?(?![\p{{L}}\p{{N}}])", _clock_words),
        (rf"{_B}(?P<hw>{_D}{{1,2}}|{hour_words}){_J}(?P<dp>صبح|عصر|بعد{_J}?از{_J}?ظهر|بامداد|ظهر|شب|بعدازظهر){_E}", _hour_daypart),
        # parts of the day (kept only when they join a date or a clock time)
        (rf"{_B}(?P<dp>{dayparts}){_E}", _daypart),
        # seasons, decades, centuries
        (rf"{_B}(?:(?P<mod>{mods}){_J})?(?:(?P<fasl>فصل){_J})?(?P<season>{seasons})(?:{_J}(?:(?P<sal>سال){_J})?(?:{year}|(?P<yrel>{yrel})))?{era}?{_E}", _season),
        (rf"{_B}(?P<dec>دهه|قرن|سده|هزاره)(?:{_J}?(?:های|ها))?{_J}(?P<dn>{_D}{{1,4}}|{ordinal}|{cardinal}|اخیر|گذشته|جاری|حاضر|آینده){era}?{_E}", _decade),
        # durations and sets (found for completeness; not emitted by default)
        (rf"{_B}(?P<n>{count}|نیم|یکی{_J}دو)(?:{_J}?(?:تا|-|–|_|الی|لغایت){_J}?(?:{count}))?{_J}?(?P<unit>{units})"
         rf"(?P<suf2>{_J}?(?:ه|ای|ی|ها|های|گی))?(?:{_J}و{_J}نیم(?:ه)?)?"
         rf"(?:{_J}و{_J}(?:{count}|نیم){_J}?{units}(?:{_J}?(?:ه|ای|ی))?)*{_E}", _duration),
        (rf"{_B}(?:هر{_J}(?:{count}{_J})?(?P<unit>{units})(?:{_J}(?:یک{_J}?بار|یکبار))?|(?P<unit2>روزانه|هفتگی|ماهانه|سالانه|شبانه|هر{_J}ساله|همه{_J}روزه|روزی|سالی)|(?P<unit3>روز|هفته|ماه|سال|ساعت|دقیقه|ثانیه){_J}به{_J}(?P=unit3)){_E}", _set),
        (rf"{_B}(?P<n>یک|سه|دو){_J}ربع(?P<unit>{_J}ساعت)?{_E}", _quarter),
    ]
    # rules with a mandatory word list and a costly scan: the words' pieces (see _needle_pattern)
    needles = {_dmy: [lex.month_by_name], _month: [lex.month_by_name], _rel_unit: [lex.units],
               _duration: [lex.units], _season: [lex.seasons], _named_day: [lex.named_days],
               _daypart: [lex.dayparts], _hour_daypart: [["صبح", "عصر", "ظهر", "بامداد", "شب"]],
               _decade: [["دهه", "قرن", "سده", "هزاره"]], _rel_year: [lex.rel_years],
               _moments_ago: [moment_words], _weekday: [lex.weekday_by_name],
               _rel_day: [[k for k, v in lex.rel_days.items() if v is not None]],
               _this_unit: [["هفته", "ماه", "سال", "روز"]], _quarter: [["ربع"]],
               _set: [lex.units, ["روزانه", "هفتگی", "ماهانه", "سالانه", "شبانه", "هر ساله", "همه روزه", "روزی", "سالی"],
                      ["روز", "هفته", "ماه", "سال", "ساعت", "دقیقه", "ثانیه"]]}
    # what the costly rules' matches start with (see _lead; each list follows its rule's pattern;
    # the rules that start with one plain alternation of words are fast without it)
    count_words = ["چند", "چندین", "چندمین", "صدها", "هزاران", "ده‌ها", "دهها", "میلیون‌ها", "سال‌ها", "سالها"]
    leads = {} if not leads else {
        # [روز|مورخ|تاریخ] [d0 و] (digits | ordinal | cardinal) … month
        _dmy: _lead([*lex.cardinal, *lex.ordinal, "روز", "روزهای", "مورخ", "مورخه", "تاریخ"], bare_digits=True),
        # [modifier] [ماه [مبارک]] month
        _month: _lead([*lex.modifiers_before, "ماه", *lex.month_by_name]),
        # [count] unit direction
        _rel_unit: _lead([*lex.cardinal, *count_words, *lex.units], digits=True),
        # (count | نیم | یکی دو) unit
        _duration: _lead([*lex.cardinal, *count_words, "نیم", "یکی"], digits=True),
        _bare_year: _lead([], bare_digits=True),  # (their lookbehinds name the word before)
    }
    # the costly rules whose start positions a standard-library scan finds (see _start_filter),
    # with what their matches start after: a word boundary, or (the day-month rule) a digit
    start_filters = {} if not leads else {
        _dmy: (f"(?:{_NOT_AFTER_WORD}|(?=[۰-۹]))", "month"), _month: (_NOT_AFTER_WORD, "month"),
        _rel_unit: (_NOT_AFTER_WORD, None), _duration: (_NOT_AFTER_WORD, "unit"),
        _rel_day: (_NOT_AFTER_WORD, "rday"), _weekday: (_NOT_AFTER_WORD, "wd"), _daypart: (_NOT_AFTER_WORD, "dp"),
        _hour_daypart: (_NOT_AFTER_WORD, None), _set: (_NOT_AFTER_WORD, None),
    }
    big_lists = [lex.month_by_name, lex.cardinal, list(lex.ordinal), lex.modifiers_before, lex.units,
                 lex.directions, lex.era_by_name, lex.rel_years, lex.weekday_by_name, lex.dayparts,
                 [k for k, v in lex.rel_days.items() if v is not None]]
    rules = []
    starts = {}
    lines = {}
    for p, fn in R:
        words = needles.get(fn)
        if fn is _dmy and leads:
            month_words = _month_words(lex, p, months, big_lists)
        if fn is _clock_words and p.startswith(rf"{_B}(?P<pre>{clock_pre})"):
            words = [lex.clock_prefix]  # «ساعت ۱۰ صبح» (not the bare «۱۰:۳۰» rule)
        # the years after «انتخابات»، «المپیک» …: the word is in the look-behind, so on the match's line
        if fn is _bare_year and p.startswith(rf"(?<=(?:^|[ \u200c(«]){year_after}{_J})"):
            words = [lex.year_after]
        elif fn is _bare_year and p.startswith(rf"(?<=(?:^|[ \u200c(«]){greg_year_after}{_J})"):
            words = [lex.gregorian_year_after]
        if leads.get(fn):
            p = leads[fn] + p
        if leads and fn is _bare_year and p.startswith(rf"(?=[۰-۹])(?<=(?:^|[ \u200c(«]){year_after}{_J})"):
            starts[len(rules)] = _after_words_filter(year_after)
        elif leads and fn is _bare_year and p.startswith(rf"(?=[۰-۹])(?<=(?:^|[ \u200c(«]){greg_year_after}{_J})"):
            starts[len(rules)] = _after_words_filter(greg_year_after)
        elif fn in start_filters:
            start, cut = start_filters[fn]
            # (a start needs a match of the rule up to its month or unit word; the rest of the
            # rule is optional words, not worth a test here)
            sf = _start_filter(_cut_after(p, cut) if cut else p, start, big_lists)
            if sf is not None:
                starts[len(rules)] = sf
        if fn in (_dmy, _month) and leads and month_words is not None:
            lines[len(rules)] = month_words
        rules.append((rxcache.compile(p, regex.V0), fn, _needle_pattern(*words) if words else None))
    scanned = [needles for i, (_, _, needles) in enumerate(rules) if needles is not None and i not in lines]
    future = rxcache.compile(r"(?<![\p{L}\u200c])(?:" + "|".join(regex.escape(w).replace(r"\ ", "[ \u200c]")
                                                     for w in lex.future_markers) + r")(?![\p{L}])")
    return _Grammar(lex, rules, rxcache.compile(r"([\p{L}\u200c]+)[ \u200c]*$"),
                    rxcache.compile(r"^[ \u200c]*([\p{L}\p{N}%٪\u200c]+)"), future, starts, lines,
                    _Needles(scanned) if leads and scanned else None)


def _month_words(lex: DateLexicon, dmy: str, months: str, big_lists) -> Optional[_MonthWords]:
    """The :class:`_MonthWords` of the day–month rule ``dmy`` (its text from the month on is
    the month rule's too, with one more way to end), ``None`` when not understood. (Only
    whether the tail matches is asked: its long word lists are written as trees.)"""
    at = dmy.find("(?P<month>")
    tail = dmy[at:]
    for words in big_lists:
        alt = alternation(words)
        tree = _trie(alt)
        if tree is not None:
            tail = tail.replace(alt, tree)
    tree = _trie(months)
    goes_on = _firsts([*lex.cardinal, *lex.rel_years, *lex.era_by_name, "ماه", "سال", "این", "همین", "همان", "آن",
                       "گذشته", "قبل", "پیش", "آینده", "آتی"])
    if at < 0 or tree is None or goes_on is None:
        return None
    ends = set()
    for w in lex.cardinal:
        ends.add(fold_key(w).split(" ")[-1].split(".")[-1])
    for w in lex.ordinal:
        last = fold_key(w).split(" ")[-1].split(".")[-1]
        ends.update((last, last + "ین"))
    ends.update(("امین", "مین", "ام", "اُم"))
    ends.discard("")
    return _MonthWords(tree, goes_on, rxcache.compile(tail, regex.V0), ends)


_LETTER_RUNS = rxcache.compile(r"[\p{L}\u200c]+")
_LETTERS = rxcache.compile(r"[\p{L}]+")
_DIGIT_BEFORE = rxcache.compile(r"[۰-۹][ \u200c]*$")
_WORD_BEFORE = rxcache.compile(r"([\p{L}\u200c]+)[ \u200c«\"]*$")


# -- atom builders (each returns a Mention or None) ----------------------------------------

def _g(m: "regex.Match[str]", name: str) -> Optional[str]:
    """Group ``name`` of ``m`` (None when the rule has no such group)."""
    pat = m.re
    names = _GROUP_NAMES.get(id(pat))
    if names is None or names[0] is not pat:  # (``groupindex`` builds a new dict at every read)
        names = _GROUP_NAMES[id(pat)] = (pat, frozenset(pat.groupindex))
    return m.group(name) if name in names[1] else None


#: id of a rule's pattern → (the pattern, its group names)
_GROUP_NAMES: Dict[int, Tuple["regex.Pattern[str]", frozenset]] = {}


def _prev_word(text: str, pos: int) -> str:
    m = grammar().prev_word.search(text, max(0, pos - 40), pos)
    return fold_key(m.group(1)) if m else ""


def _next_word(text: str, pos: int) -> str:
    m = grammar().next_word.search(text[pos:pos + 40])
    return fold_key(m.group(1)) if m else ""


#: a bare year above this is Gregorian (no Jalali year after 1450 is news yet; «سال ۱۴۹۲» is 1492 AD)
JALALI_MAX = 1450

_SCALE = frozenset({"هزار", "میلیون", "میلیارد", "تریلیون", "درصد", "تومان", "ریال", "دلار"})


def _year_value(m: "regex.Match[str]", era: Optional[str], calendar: Optional[str]) -> Optional[int]:
    raw = _g(m, "ynum") or _g(m, "yword")
    if not raw:
        return None
    digits = _g(m, "ynum") is not None
    value = parse_number(raw)
    if value is None:
        return None
    if digits and len(raw) == 2 or not digits and value < 100:
        cal = era or calendar or "jalali"
        if cal == "gregorian":
            return 1900 + value if value >= 30 else 2000 + value
        if cal == "hijri":
            return 1400 + value if value < 60 else 1300 + value
        return 1300 + value if value >= 30 else 1400 + value
    return value


def _year_ok(year: int, calendar: str, era: Optional[str] = None) -> bool:
    if calendar == "gregorian":
        # «نوامبر ۱۴۰۴» is a Jalali year slipped in, not 1404 AD (unless «میلادی» says so)
        return (1000 if era == "gregorian" else JALALI_MAX + 1) <= year <= 2200
    if calendar == "hijri":
        return 1 <= year <= 1600
    return 1 <= year <= 1700


def _era(m: "regex.Match[str]") -> Optional[str]:
    raw = _g(m, "era")
    return get_lexicon().era(raw) if raw else None


def _cut_year(text: str, m: "regex.Match[str]", end: int) -> int:
    """Where the span ends when the year part must be dropped."""
    for g in ("mah", "month"):
        if g in m.re.groupindex and m.group(g):
            return m.end(g)
    return end


def _apply_year(text: str, m: "regex.Match[str]", men: Mention) -> Mention:
    """Fill the year (digits, words or relative) of a date/month match; drop a year
    that is really a count («۱۰ آذر ۱۲ نفر»)."""
    era = _era(m)
    if era == "bc":
        men.year = None
        return men
    if era in ("jalali", "gregorian", "hijri") and men.calendar != era:
        # «سه شهریور ۲۰۰۲»: the era/year decide the calendar only when they agree with the month
        pass
    if _g(m, "ynum") and len(_g(m, "ynum")) < 4 and "،" in text[m.start(): m.start("ynum")][-3:]:
        return _trim(men, _cut_year(text, m, m.end()), text)  # «۱۵ اسفندماه، ۳۴ پرواز»
    if _g(m, "ynum") or _g(m, "yword"):
        nxt = _next_word(text, m.end())
        blocked = nxt in _SCALE if (_g(m, "sal") or _g(m, "month")) else nxt in get_lexicon().after_number_block
        if blocked or (_g(m, "yword") and not _g(m, "sal")):
            end = _cut_year(text, m, m.end())
            return _trim(men, end, text) if men.month else None
        y = _year_value(m, era, men.calendar)
        if y is None or not _year_ok(y, men.calendar or "jalali", era):
            end = _cut_year(text, m, m.end())
            return _trim(men, end, text)
        men.year = y
    elif _g(m, "mrel"):
        word = fold_key(_g(m, "mrel"))
        men.month_rel = -1 if word in ("گذشته", "قبل", "پیش") else 1
        men.relative = True
    elif _g(m, "yrel") and fold_key(_g(m, "yrel")).split(" ")[0] in ("همین", "همان", "آن"):
        men.year_anaphoric = True  # «دسامبر همین سال»: the year named just before
    elif _g(m, "yrel"):
        key = fold_key(_g(m, "yrel"))
        lex = get_lexicon()
        if key in lex.rel_years:
            men.year_rel = lex.rel_years[key]
        else:
            word = key.split(" ")[-1]
            men.year_rel = 0 if word in ("جاری", "سال") or key.startswith(("این", "همین")) else lex.directions.get(word, 0)
        men.relative = True
    return men


def _atom_ordinal(word: str) -> bool:
    lex = get_lexicon()
    return word in lex.ordinal or (word.endswith("م") and word[:-1] in lex.cardinal)


def _is_ordinal(words: str) -> bool:
    last = fold_key(words).split(" ")[-1]
    return last in get_lexicon().ordinal or last.endswith(("م", "مین", "ین"))


def _trim(men: Mention, end: int, text: str) -> Mention:
    return replace(men, end=end, text=text[men.start:end])


_DEMONSTRATIVE = ("این", "آن", "همین", "همان", "یک", "هر")


def _named_after(text: str, pos: int, words_before: set) -> bool:
    """Whether the day at ``pos`` follows one of ``words_before`` (quotes between allowed)
    as a name: «جنبش ۱۵ خرداد», «قیام ۱۵ خرداد»; not after a demonstrative, which makes
    the noun a subject («این حادثه ۱۷ شهریور رخ داد» is dated)."""
    left = text[max(0, pos - 60):pos].rstrip(" \u200c«\"'")
    words = _LETTER_RUNS.findall(left)
    if not words or fold_key(words[-1]) not in words_before:
        return False
    return not (len(words) >= 2 and fold_key(words[-2]) in _DEMONSTRATIVE)


def _dmy(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    month_key = fold_key(_g(m, "month"))
    calendar, month = lex.month_by_name[month_key]
    day = parse_number(_g(m, "dnum") or _g(m, "dword"))
    if day is None or not 1 <= day <= 31:
        return None
    has_year = bool(_g(m, "ynum") or (_g(m, "yword") and _g(m, "sal")) or _g(m, "yrel"))
    if month_key in lex.ambiguous_months and _g(m, "dword") and not (_g(m, "mah") or has_year) \
            and not _is_ordinal(_g(m, "dword")):
        return None  # «سه تیر», «سی دی» (but «هفتم تیر», «یازدهم دی» are dates)
    if _g(m, "dword") and fold_key(_g(m, "dword")) in ("یک", "یه", "نه") and not (_g(m, "mah") or has_year):
        return None  # «نه آبان، نه آذر»: «not», not nine
    prev = _prev_word(text, m.start())
    if _g(m, "dnum") and prev in lex.before_number_block and not (_g(m, "mah") or has_year):
        return None
    if prev in lex.place_before and not has_year:
        return None  # «خیابان ۱۵ خرداد», «مدرسه هفتم تیر»: a name
    if not has_year and _named_after(text, m.start(), lex.name_before):
        return None  # «جنبش ۱۵ خرداد», «ائتلاف ۱۴ مارس»: a movement's name, not a date
    named_event = not has_year and _named_after(text, m.start(), lex.event_before)  # «قیام ۱۵ خرداد»: 1342
    before_pre = _prev_word(text, m.start()) if not _g(m, "pre") else \
        (text[max(0, m.start() - 6):m.start()].strip(" \u200c")[-1:] or "")
    if _g(m, "dword") and prev in ("هفته", "دهه", "نیمه", "هفته‌های", "دهه‌های") and _is_ordinal(_g(m, "dword")):
        day = None  # «هفته دوم فروردین», «دهه سوم آبان»: a part of the month
    if _g(m, "dword") and fold_key(_g(m, "dword")) in ("اول", "نخست", "آخر", "پایانی", "اولیه") \
            and (prev in ("روزهای", "روزها", "هفته", "هفته‌های", "دهه", "ایام")
                 or (_g(m, "pre") and fold_key(_g(m, "pre")) == "روز" and before_pre.isdigit())):
        day = None  # «روزهای اول فروردین»: the month, not its first day
    start = m.start("dnum") if _g(m, "dnum") else m.start("dword")
    first = parse_number(_g(m, "d0")) if _g(m, "d0") else None
    range_end = None
    if first is not None and day is not None and 1 <= first < day:
        start, range_end, day = m.start("d0"), day, first  # «۲۴ و ۲۵ فوریه»: from the 24th
    if _g(m, "pre") and fold_key(_g(m, "pre")) in ("روز", "روزهای"):
        start = m.start()
    men = Mention(start, m.end(), text[start:m.end()], "date", calendar=calendar, month=month, day=day,
                  range_end_day=range_end, parts=frozenset({"date"}))
    men = _apply_year(text, m, men)
    if men is None:
        return None
    if named_event and men.year is None and men.year_rel is None:
        men.year_anaphoric = True  # no year guessed unless one was named before
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _month(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    month_key = fold_key(_g(m, "month"))
    calendar, month = lex.month_by_name[month_key]
    has_year = bool(_g(m, "ynum") or (_g(m, "yword") and _g(m, "sal")) or _g(m, "yrel"))
    support = _g(m, "mah") or _g(m, "mahpre") or has_year
    prev = _prev_word(text, m.start())
    if month_key in lex.ambiguous_months and not support:
        return None
    if _DIGIT_BEFORE.search(text[max(0, m.start() - 3):m.start()]):
        return None  # «حملات ۱۱ سپتامبر»: the day-and-month rule decided about this one
    if not support and not _g(m, "mod"):
        if calendar in ("jalali", "hijri") and prev not in ("در", "از", "تا", "طی", "برای", "اواخر", "اوایل", "اواسط", "ابتدای",
                                                 "پایان", "آخر", "نیمه", "تاریخ", "مورخ", "ماه", "هر", "آغاز", "شروع"):
            return None
        if _g(m, "month") in ("مارس",) and prev not in ("در", "از", "تا", "ماه", "اوایل", "اواخر", "اواسط", "ابتدای", "پایان"):
            return None
    if _g(m, "ynum") and not _g(m, "sal") and len(_g(m, "ynum")) == 2 and calendar != "jalali":
        return None
    men = Mention(m.start(), m.end(), m.group(), "date", calendar=calendar, month=month,
                  parts=frozenset({"date"}))
    if _g(m, "mod"):
        men.kind = "date"  # «اواخر آبان»: month granularity (the modifier is kept in the span)
    men = _apply_year(text, m, men)
    if men is None:
        return None
    if men.year is None and men.year_rel is None and month_key in lex.ambiguous_months and not (_g(m, "mah") or _g(m, "mahpre")):
        return None
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _numeric(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    a, b, c = _g(m, "a"), _g(m, "b"), _g(m, "c")
    prev = _prev_word(text, m.start())
    if prev in get_lexicon().before_number_block:
        return None
    era = _era(m)
    ia, ib, ic = int(a), int(b), int(c)
    options: List[Tuple[str, int, int, int]] = []
    if len(a) == 4 and len(c) <= 2:
        y, mo, d = ia, ib, ic
    elif len(c) == 4 and len(a) <= 2:
        y, mo, d = ic, ib, ia
        if mo > 12 and d <= 12:
            mo, d = d, mo
    elif len(a) <= 2 and len(c) == 2 or len(a) == 2 and len(c) <= 2:
        if _g(m, "sep") == "." and prev not in ("تاریخ", "مورخ", "مورخه"):
            return None  # «۱.۲.۳» is a section number unless a date is announced
        options = _two_digit_readings(ia, ib, ic, len(a) == 2, era)
        if not options:
            return None
        _, y, mo, d = options[0]
    else:
        return None
    if not (1 <= mo <= 12 and 1 <= d <= 31):
        return None
    if _g(m, "sep") == "." and len(a) != 4 and len(c) != 4 and not options:
        return None
    if options:
        calendar = options[0][0]
    else:
        calendar = era if era in ("jalali", "gregorian", "hijri") else ("gregorian" if y > JALALI_MAX else "jalali")
    if calendar == "jalali" and y > 1700 or calendar != "gregorian" and y < 100:
        return None
    men = Mention(m.start(), m.end(), m.group(), "date", calendar=calendar, year=y, month=mo, day=d,
                  options=tuple(options) if len(options) > 1 else (), parts=frozenset({"date"}))
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _two_digit_readings(a: int, b: int, c: int, a_can_be_year: bool, era: Optional[str]) -> List[Tuple[str, int, int, int]]:
    """Readings of a numeric date with a two-digit year, most usual first: Persian
    ``YY/MM/DD`` and ``DD/MM/YY`` (Jalali), then ``MM/DD/YY`` and ``DD/MM/YY``
    (Gregorian). Only days that exist are kept; the resolver picks the reading
    nearest to publication («12/25/19» in an item of Dey 1398 is 2019-12-25)."""
    def jal(yy: int) -> int:
        return 1300 + yy if yy >= 30 else 1400 + yy

    def greg(yy: int) -> int:
        return 2000 + yy if yy < 50 else 1900 + yy

    cands = []
    if era in (None, "jalali"):
        if a_can_be_year:
            cands.append(("jalali", jal(a), b, c))
        cands.append(("jalali", jal(c), b, a))
    if era in (None, "gregorian"):
        cands.append(("gregorian", greg(c), a, b))
        cands.append(("gregorian", greg(c), b, a))
    out = []
    for cal, y, mo, d in cands:
        if not (1 <= mo <= 12 and 1 <= d <= 31) or (cal, y, mo, d) in out:
            continue
        try:
            if cal == "jalali":
                jdatetime.date(y, mo, d)
            else:
                _dt.date(y, mo, d)
        except ValueError:
            continue
        out.append((cal, y, mo, d))
    return out


def _year(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    era = _era(m)
    if era == "bc":
        return None
    nxt = _next_word(text, m.end())
    if (nxt in _SCALE if _g(m, "sal") else nxt in lex.after_number_block) and not era:
        return None
    if "sal" not in m.re.groupindex or not _g(m, "sal"):
        if _g(m, "ynum") is None or len(_g(m, "ynum")) != 4 and era != "gregorian":
            return None  # (a bare two-digit year needs «میلادی»: «۹۸ میلادی» is 1998)
    if _g(m, "yword") and (parse_number(_g(m, "yword")) or 0) < 30:
        return None
    y = _year_value(m, era if era != "bc" else None, None)
    if y is None:
        return None
    calendar = era if era in ("jalali", "gregorian", "hijri") else ("gregorian" if y > JALALI_MAX else "jalali")
    if not _year_ok(y, calendar, era):
        return None
    plural = "sal" in m.re.groupindex and _g(m, "sal") and _g(m, "sal") != "سال"
    kind = "period" if plural or _g(m, "y2") else "date"
    mod = "mod" in m.re.groupindex and _g(m, "mod")
    men = Mention(m.start(), m.end(), m.group(), kind, calendar=calendar, year=y, parts=frozenset({"date"}))
    if mod and fold_key(mod) not in ("ماه",):
        men.kind = "date"
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _bare_year(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    raw = _g(m, "ynum") or _g(m, "gnum")
    y = int(raw)
    if y < 100 and _g(m, "gnum"):
        y += 1900 if y >= 30 else 2000  # «جام جهانی ۹۸» is 1998
    elif y < 100:
        y += 1300 if y >= 30 else 1400
    nxt = _next_word(text, m.end())
    if nxt in lex.after_number_block or nxt in lex.units or nxt in lex.month_by_name:
        return None
    if text[m.end():m.end() + 2].lstrip(" ").startswith(("/", ":", "-", "٫", ".")) and text[m.end():m.end() + 3].strip(" /:-.٫")[:1].isdigit():
        return None
    if 1300 <= y <= 1450:
        calendar = "jalali"
    elif 1900 <= y <= 2100:
        calendar = "gregorian"
    else:
        return None
    start = m.start("ynum") if _g(m, "ynum") else m.start("gnum")
    men = Mention(start, m.end(), raw, "date", calendar=calendar, year=y, parts=frozenset({"date"}))
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _rel_day(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    key = fold_key(_g(m, "rday"))
    offset = lex.rel_days.get(key)
    if offset is None:
        return None
    if key in ("امروز", "دیروز", "فردا"):
        prev = _prev_word(text, m.start())
        if prev in lex.figurative_before or text[max(0, m.start() - 8):m.start()].rstrip(" \u200c").endswith(("دیروز و", "امروز و", "دیروز، ")):
            if key != "فردا" or prev in lex.figurative_before:
                return None
        nxt = _next_word(text, m.end())
        if key == "امروز" and nxt in ("ما", "جهان", "دنیا", "ایران", "جامعه"):
            return None
    men = Mention(m.start(), m.end(), m.group(), "date", rel_days=offset, relative=True,
                  parts=frozenset({"rel"}))
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _rel_year(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    men = Mention(m.start(), m.end(), m.group(), "date", rel_unit="year",
                  rel_n=get_lexicon().rel_years[fold_key(_g(m, "ryear"))], relative=True,
                  parts=frozenset({"relunit"}))
    if _g(m, "era"):
        men.calendar = "gregorian"  # «امسال میلادی»: this Gregorian year
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _named_day(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    """«عاشورای امسال», «عید فطر سال گذشته», «نوروز ۱۴۰۴», «کریسمس ۲۰۱۹»: a named day with its year.

    A written four-digit year is the named day's own calendar year, except that a
    lunar day with a year below 1420 takes it as Jalali (Persian news dates lunar
    feasts by the Jalali year: «عید فطر ۱۳۹۹»; Hijri years of this era are 1420+)."""
    lex = get_lexicon()
    calendar, month, day = lex.named_days[fold_key(_g(m, "nd"))]
    men = Mention(m.start(), m.end(), m.group(), "date", calendar=calendar, month=month, day=day, named=True,
                  parts=frozenset({"date"}))
    if _g(m, "ynum"):
        y = int(_g(m, "ynum"))
        if calendar == "hijri" and y < 1420:
            men.jalali_year = y
        elif not _year_ok(y, calendar):
            return None
        else:
            men.year = y
    else:
        key = fold_key(_g(m, "yrel"))
        if key in lex.rel_years:
            men.year_rel = lex.rel_years[key]
        elif key.split(" ")[0] in ("همین", "همان", "آن"):
            men.year_anaphoric = True
        else:
            word = key.split(" ")[-1]
            men.year_rel = 0 if word in ("جاری", "سال") or key.startswith(("این",)) else lex.directions.get(word, 0)
        men.relative = men.year_rel is not None
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _moments_ago(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    """«دقایقی پیش», «ساعاتی قبل»: earlier on the publication day."""
    men = Mention(m.start(), m.end(), m.group(), "date", rel_days=0, relative=True, parts=frozenset({"rel"}))
    men.pieces = [(men.start, men.end, "TIME")]
    return men


def _rel_unit(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    unit = lex.units[fold_key(_g(m, "unit"))]
    direction_word = fold_key(_g(m, "dir"))
    direction = lex.directions[direction_word]
    raw_n = _g(m, "n")
    plural = bool(_g(m, "pl"))
    n = parse_number(raw_n) if raw_n else None
    vague = bool(raw_n) and n is None
    if raw_n and "نیم" in fold_key(raw_n).split(" "):
        vague = True
    time_unit = unit in ("hour", "minute", "second")
    men = Mention(m.start(), m.end(), m.group(), "date", relative=True, rel_unit=unit, parts=frozenset({"relunit"}))
    if _era(m) == "gregorian" and unit in ("month", "year"):
        men.calendar = "gregorian"  # «سال جاری میلادی»: the Gregorian year
    men.pieces = [(men.start, men.end, "TIME" if time_unit else "DATE")]
    if raw_n and _prev_word(text, m.start()) in ("برای", "مدت", "طی", "ظرف", "حدود") and direction_word in ("دیگر", "دیگه"):
        men.kind = "duration"  # «برای ۵ سال دیگر»: five more years
        return men
    if _g(m, "az"):  # «دو روز پس از …»: relative to another event
        men = _trim(men, m.start("az"), text)
        men.pieces = [(men.start, men.end, "TIME" if time_unit else "DATE")]
        men.kind = "anchored"
        return men
    if time_unit:
        men.kind = "time" if raw_n or direction_word in ("گذشته", "اخیر") else "duration"
        if not raw_n and direction_word not in ("گذشته",):
            men.kind = "duration"
        return men
    if unit == "day" and not raw_n and not plural:
        if direction_word in ("گذشته", "قبل", "پیش"):
            men.rel_days = -1 if direction_word == "گذشته" else None
            if men.rel_days is None:
                men.kind = "anchored"
            men.parts = frozenset({"rel"})
            return men
        men.kind = "period" if direction_word in ("آینده", "آتی", "اخیر") else "anchored"
        return men
    if unit == "day" and fold_key(_g(m, "unit")) == "شب" and not raw_n and direction_word == "گذشته":
        men.rel_days = -1
        men.parts = frozenset({"rel"})
        return men
    if plural or vague or unit in ("decade", "century"):
        men.kind = "vague"  # «سال‌های اخیر», «چند ماه پیش»: no point to resolve
        return men
    if raw_n is None:
        if direction_word in ("دیگر", "بعد", "بعدتر", "دیگه"):
            return None if unit != "year" else _point(men, unit, direction)
        if direction_word == "اخیر":
            men.kind = "period"
            return men
        if unit == "week":
            return men  # «هفته گذشته»: a week, not a day; relative with no value
        return _point(men, unit, direction)
    if direction_word in lex.span_directions and n != 1 or direction_word in ("اخیر", "آتی"):
        men.kind = "period"  # «در سه سال گذشته»: a stretch, not a point
        return men
    if direction_word in lex.span_directions and n == 1:
        men.kind = "period"
        return men
    return _point(men, unit, direction * (n if n is not None else 1))


def _point(men: Mention, unit: str, n: int) -> Mention:
    men.rel_n = n
    if unit == "day":
        men.rel_days, men.rel_unit, men.rel_n = n, None, None
        men.parts = frozenset({"rel"})
    return men


def _this_unit(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    word = fold_key(_g(m, "unit"))
    men = Mention(m.start(), m.end(), m.group(), "date", relative=True, parts=frozenset({"relunit"}))
    men.pieces = [(men.start, men.end, "DATE")]
    if word in ("هفته", "ماه", "سال") and fold_key(_g(m, "this")) == "این":
        men.rel_unit = {"هفته": "week", "ماه": "month", "سال": "year"}[word]
        men.rel_n = 0
    else:
        men.kind = "vague"  # «این روزها», «همین سال‌ها»
    return men


def _weekday(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    wd = lex.weekday(_g(m, "wd"))
    if wd is None:
        return None
    prev = _prev_word(text, m.start())
    glued = next((n for n, w in (("یک", 1), ("دو", 2), ("سه", 3), ("چهار", 4), ("پنج", 5))
                  if fold_key(_g(m, "wd")) == "شنبه" and prev.endswith(n) and len(prev) > len(n)
                  and lex.daypart(prev[:-len(n)])), None)
    if glued is not None and not _g(m, "roz"):
        # «عصرسه شنبه» (daypart glued to the number): Tuesday, not Saturday
        start = m.start() - len(glued) - 1
        men = Mention(start, m.end(), text[start:m.end()], "date",
                      weekday=dict((("یک", 1), ("دو", 2), ("سه", 3), ("چهار", 4), ("پنج", 5)))[glued],
                      parts=frozenset({"weekday"}))
        men.pieces = [(men.start, men.end, "DATE")]
        return men
    prev2 = fold_key(" ".join(text[max(0, m.start() - 30):m.start()].split()[-2:]))
    if not _g(m, "roz") and (prev in lex.weekday_not_after or prev2 in lex.weekday_not_after):
        return None
    if not _g(m, "roz") and not _g(m, "wrel") and _next_word(text, m.end()) in lex.weekday_not_before:
        return None  # «دوشنبه بازار», «چهارشنبه سوری»
    if _is_city(text, m, lex):
        return None  # «در شهر دوشنبه», «در «دوشنبه»»: the capital of Tajikistan
    men = Mention(m.start(), m.end(), m.group(), "date", weekday=wd, parts=frozenset({"weekday"}))
    men.pieces = [(men.start, men.end, "DATE")]
    if prev in ("روزهای", "روزها", "هر", "همه", "تمام", "آخرین", "واپسین") or (prev.endswith("ین") and _atom_ordinal(prev[:-2])):
        men.kind = "set"  # «روزهای پنجشنبه», «آخرین جمعه ماه»
        return men
    if _g(m, "pl"):
        men.kind = "set"
        return men
    rel = _g(m, "wrel")
    if rel:
        men.week_rel = "past" if rel in ("گذشته", "قبل", "پیش") else ("this_week" if rel == "جاری" else "future")
    elif _g(m, "this"):
        men.week_rel = "this_week"
    elif _g(m, "wwrel"):
        w = _g(m, "wwrel")
        men.week_rel = {"گذشته": "prev_week", "قبل": "prev_week", "پیش": "prev_week", "جاری": "this_week"}.get(w, "next_week")
    if men.week_rel:
        men.relative = True
    return men


def _is_city(text: str, m: "regex.Match[str]", lex: DateLexicon) -> bool:
    """A weekday spelling that names a city here: after «شهر/در/پایتخت», in quotes, or
    before «پایتخت» («دوشنبه پایتخت تاجیکستان»); never with «روز» or «گذشته/آینده»."""
    if fold_key(_g(m, "wd")) not in lex.weekday_city or _g(m, "roz") or _g(m, "wrel") or _g(m, "wwrel") or _g(m, "this"):
        return False
    before = text[max(0, m.start() - 2):m.start()]
    after = text[m.end():m.end() + 2]
    if "«" in before and "»" in after or '"' in before and '"' in after:
        return True
    pm = _WORD_BEFORE.search(text[max(0, m.start() - 30):m.start()])
    prev = fold_key(pm.group(1)) if pm else ""
    return prev in lex.weekday_city_before or _next_word(text, m.end()) in lex.weekday_city_after


def _clock_words(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    groups = m.re.groupindex
    if _g(m, "h") is not None:
        hour, minute = int(_g(m, "h")), int(_g(m, "m"))
    else:
        hour = parse_number(_g(m, "hw"))
        minute = 0
        if _g(m, "frac"):
            minute = 30 if _g(m, "frac") == "نیم" else 15
        elif _g(m, "mw"):
            minute = parse_number(_g(m, "mw"))
    if hour is None or minute is None or not (0 <= hour <= 24 and 0 <= minute < 60):
        return None
    if "pre" not in groups and _g(m, "h") is not None:
        # bare hh:mm — not a score or a ratio: minutes have two digits; hour <= 24
        prev = _prev_word(text, m.start())
        if prev in ("نتیجه", "حساب", "برتری", "امتیاز", "نسبت", "گل", "ست"):
            return None
    men = Mention(m.start(), m.end(), m.group(), "time", hour=hour, minute=minute, parts=frozenset({"time"}))
    suf = _g(m, "suf")
    if suf:
        men.ampm = lex.clock_suffixes.get(fold_key(suf).lower())
    if _g(m, "dp"):
        dp = lex.daypart(_g(m, "dp"))
        if dp:
            men.daypart, men.ampm = dp
            men.parts = frozenset({"time", "daypart"})
    men.pieces = [(men.start, men.end, "TIME")]
    return men


def _hour_daypart(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    hour = parse_number(_g(m, "hw"))
    if hour is None or not 1 <= hour <= 12:
        return None
    dp = lex.daypart(_g(m, "dp"))
    if _g(m, "hw")[0] not in "۰۱۲۳۴۵۶۷۸۹" and dp and dp[1] == "night":
        return None  # «سه شب» is three nights
    prev = _prev_word(text, m.start())
    if prev in lex.before_number_block or prev in lex.cardinal:
        return None
    men = Mention(m.start(), m.end(), m.group(), "time", hour=hour, minute=0, parts=frozenset({"time", "daypart"}))
    if dp:
        men.daypart, men.ampm = dp
    men.pieces = [(men.start, men.end, "TIME")]
    return men


def _daypart(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    dp = get_lexicon().daypart(_g(m, "dp"))
    if dp is None:
        return None
    men = Mention(m.start(), m.end(), m.group(), "daypart", daypart=dp[0], ampm=dp[1], parts=frozenset({"daypart"}))
    men.pieces = [(men.start, men.end, "TIME")]
    return men


def _season(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    has_year = bool(_g(m, "ynum") or (_g(m, "yword") and _g(m, "sal")) or _g(m, "yrel"))
    if not (_g(m, "fasl") or has_year or _g(m, "mod")):
        return None
    if _g(m, "yword") and not _g(m, "sal"):
        return None
    men = Mention(m.start(), m.end(), m.group(), "period", parts=frozenset({"date"}))
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _decade(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    men = Mention(m.start(), m.end(), m.group(), "period", parts=frozenset({"date"}))
    men.pieces = [(men.start, men.end, "DATE")]
    return men


def _duration(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    unit = lex.units[fold_key(_g(m, "unit"))]
    raw = fold_key(_g(m, "n"))
    if raw in ("یک", "یه") and unit in ("day", "week", "month", "year") and not _g(m, "suf2"):
        # «یک روز» alone is often «one day» in narration; keep it (Hengam counts it)
        pass
    prev = _prev_word(text, m.start())
    if prev in lex.before_number_block:
        return None
    if fold_key(_g(m, "unit")) == "ماه" and (_g(m, "suf2") or "").strip(" \u200c") == "ی":
        return None  # «چند ماهی»: fish
    men = Mention(m.start(), m.end(), m.group(), "duration", rel_unit=unit, parts=frozenset({"duration"}))
    men.pieces = _split_by_unit(text, men)
    return men


def _quarter(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    """«یک ربع (ساعت)»: a quarter of an hour."""
    men = Mention(m.start(), m.end(), m.group(), "duration", rel_unit="minute", parts=frozenset({"duration"}))
    men.pieces = [(men.start, men.end, "TIME")]
    return men


_VA = rxcache.compile(r"[ \u200c]و[ \u200c]")


def _split_by_unit(text: str, men: Mention) -> List[Tuple[int, int, str]]:
    """Pieces of a compound duration, one per unit class: «۷ روزه و ۲۴ ساعته» →
    DATE «۷ روزه» + TIME «۲۴ ساعته»; «۲ ساعت و سی دقیقه» stays one TIME piece."""
    lex = get_lexicon()
    bounds, pos = [], men.start
    for m in _VA.finditer(text, men.start, men.end):
        bounds.append((pos, m.start()))
        pos = m.end()
    bounds.append((pos, men.end))
    pieces: List[List] = []
    for s, e in bounds:
        words = [fold_key(w) for w in _LETTERS.findall(text[s:e])]
        unit = next((lex.units[w[:len(w) - len(suf)]] for w in words for suf in ("", "ه", "ی", "ای", "ها", "های", "گی")
                     if w.endswith(suf) and w[:len(w) - len(suf)] in lex.units), None)
        if unit is None and pieces:
            pieces[-1][1] = e
            continue
        label = "TIME" if unit in ("hour", "minute", "second") else "DATE"
        if pieces and pieces[-1][2] == label:
            pieces[-1][1] = e
        else:
            pieces.append([s, e, label])
    return [tuple(p) for p in pieces]


def _set(text: str, m: "regex.Match[str]") -> Optional[Mention]:
    lex = get_lexicon()
    unit = lex.units.get(fold_key(_g(m, "unit") or _g(m, "unit3") or ""), None)
    men = Mention(m.start(), m.end(), m.group(), "set", rel_unit=unit, parts=frozenset({"set"}))
    men.pieces = [(men.start, men.end, "TIME" if unit in ("hour", "minute", "second") else "DATE")]
    return men


# -- selection and merging -----------------------------------------------------------------

_PRIORITY = {"date": 0, "time": 0, "period": 1, "vague": 1, "anchored": 2, "set": 2, "duration": 3, "daypart": 4}

_GAP = rxcache.compile(r"^[ \u200c]*(?:[،,(\-–—][ \u200c]*)?(?:(?:روز|در|مورخ|مورخه|به{_J}تاریخ|برابر{_J}با|مصادف{_J}با)[ \u200c]+)?$".replace("{_J}", "[ \u200c]"))

# components that may be joined (a relative day and the explicit date it names are one
# moment; a weekday and its date; a date and its clock time; a day part and its day)
_JOINABLE = {
    frozenset({"rel"}), frozenset({"date"}), frozenset({"weekday"}), frozenset({"time"}),
    frozenset({"daypart"}), frozenset({"time", "daypart"}),
}


def _can_merge(a: Mention, b: Mention, gap: str) -> bool:
    if a.kind not in ("date", "time", "daypart") or b.kind not in ("date", "time", "daypart"):
        return False
    if "relunit" in a.parts or "relunit" in b.parts:
        return False
    if not _GAP.match(gap):
        return False
    if a.kind == "daypart" and b.kind == "daypart":
        return False
    for x, y in ((a, b), (b, a)):
        if "date" in x.parts and x.day is None and "time" in y.parts:
            return False  # «یارانه اسفند، ساعت ۲۴ روز سه‌شنبه»: the month is not the day
        if "date" in x.parts and x.day is None and ("weekday" in y.parts or "rel" in y.parts):
            return False  # «روز دوشنبه در سال ۲۰۱۹»: the weekday is its own day, the year another phrase
    shared = a.parts & b.parts
    if shared - {"daypart"}:
        # «امروز» + «۱۹ آبان»: rel and date differ; two explicit dates never merge
        return False
    if "daypart" in shared:
        return False
    if {"rel", "date"} <= (a.parts | b.parts) and "(" not in gap and "-" not in gap and "–" not in gap \
            and "،" not in gap and not gap.strip(" \u200c") == "" :
        return False
    if "daypart" in (a.parts | b.parts) and ("time" not in (a.parts | b.parts)) and gap.strip(" \u200c"):
        return False  # «صبح، دوشنبه»
    if a.kind == "daypart" and b.kind == "time" or a.kind == "time" and b.kind == "daypart" and "daypart" in a.parts:
        return False
    if a.kind == "time" and b.kind == "daypart" or a.kind == "daypart" and b.kind == "time":
        return gap.strip(" \u200c") == ""
    if a.kind == "time" and "daypart" in a.parts and b.kind == "date" and b.rel_days is None and b.weekday is None and b.day is None:
        return False
    return True


def _merge(a: Mention, b: Mention, text: str) -> Mention:
    out = replace(a, end=b.end, text=text[a.start:b.end])
    out.year_anaphoric = a.year_anaphoric or b.year_anaphoric
    for f in ("calendar", "year", "month", "day", "year_rel", "month_rel", "weekday", "week_rel", "rel_days", "rel_unit",
              "rel_n", "hour", "minute", "ampm", "daypart"):
        if getattr(out, f) is None and getattr(b, f) is not None:
            setattr(out, f, getattr(b, f))
    if a.kind == "daypart" and b.ampm is None and b.kind != "time":
        out.ampm = a.ampm
    if (fold_key(a.text).split(" ")[-1] == "شب" and a.daypart == "night" and b.weekday is not None and b.day is None
            and not b.text.startswith("روز")):
        out.weekday = (b.weekday - 1) % 7  # «شب جمعه» is Thursday night
    out.relative = a.relative or b.relative
    out.parts = a.parts | b.parts
    out.kind = "date" if ({"date", "rel", "weekday"} & out.parts) else "time"
    out.pieces = a.pieces + b.pieces
    return out


def _select(cands: List[Mention]) -> List[Mention]:
    chosen: List[Mention] = []
    # longest-leftmost: a candidate survives unless a longer (or equal, higher-priority) one overlaps it
    by_len = sorted(cands, key=lambda m: (-(m.end - m.start), _PRIORITY.get(m.kind, 5), m.start))
    # the taken spans never overlap: kept sorted, a candidate meets only its neighbours
    # (a bisection, not a scan of every taken span: text full of dates stays linear)
    starts: List[int] = []
    ends: List[int] = []
    for m in by_len:
        i = bisect_left(starts, m.end)  # taken spans starting before m ends: [0, i)
        if i and ends[i - 1] > m.start:  # the last of them (the latest end) reaches into m
            continue
        starts.insert(i, m.start)
        ends.insert(i, m.end)
        chosen.append(m)
    chosen.sort(key=lambda m: m.start)
    return chosen


def _pieces_label(men: Mention) -> List[Tuple[int, int, str]]:
    """Entity pieces: runs of neighbouring atoms with one label (clock times and parts
    of the day are TIME, the rest DATE): «ساعت ۱۰ صبح» TIME + «روز دوشنبه» DATE."""
    pieces = sorted(men.pieces)
    if men.kind == "duration":
        return pieces
    if men.kind in ("set", "anchored", "period", "vague") or len(pieces) < 2:
        return [(men.start, men.end, pieces[0][2] if pieces else men.label)]
    runs: List[List] = []
    for s, e, lab in pieces:
        if runs and runs[-1][2] == lab:
            runs[-1][1] = max(runs[-1][1], e)
        else:
            runs.append([s, e, lab])
    return [tuple(r) for r in runs]


class _LineIndex:
    """The lines of a text, for running a rule only where its words occur.

    No rule consumes a line break (their characters are letters, digits, spaces/ZWNJ
    and a few marks; a test checks it), so every match lies inside one line and
    scanning each line holding a needle finds the matches a scan of the whole text
    finds: the scan starts at the line's start (lookbehinds still see the text before
    it, ``^`` still means the text's start) and stops after its line break, so
    lookaheads at the line's end see the break they would see in the whole text.
    """

    def __init__(self, text: str):
        self.text = text
        self._held: Dict[str, List[Tuple[int, int]]] = {}
        self.starts = [0]
        i = text.find("\n")
        while i >= 0:
            self.starts.append(i + 1)
            i = text.find("\n", i + 1)

    def holding(self, needles: "re.Pattern[str]") -> List[Tuple[int, int]]:
        """``(pos, endpos)`` scan bounds of the lines holding a match of ``needles`` (looked for
        once per text and needle pattern: the day-month and month rules share theirs)."""
        held = self._held.get(needles.pattern)
        if held is None:
            held = self._held[needles.pattern] = self._holding(needles)
        return held

    def _holding(self, needles: "re.Pattern[str]") -> List[Tuple[int, int]]:
        text, starts = self.text, self.starts
        out: List[Tuple[int, int]] = []
        pos = 0
        while True:
            m = needles.search(text, pos)
            if m is None:
                return out
            k = bisect_right(starts, m.start()) - 1
            end = starts[k + 1] if k + 1 < len(starts) else len(text)  # just after the line break
            out.append((starts[k], end))
            pos = end


def _matches_from(pattern: "regex.Pattern[str]", starts: "re.Pattern[str]", text: str, pos: int, endpos: int):
    """``pattern.finditer(text, pos, endpos)``, trying ``pattern`` only at the positions
    ``starts`` finds (a superset of where its matches start, see :func:`_start_filter`; where
    it has a group ``at``, the group's start is the candidate, see :func:`_after_words_filter`): the
    scan goes from one match's end to the next match found after it, as ``finditer`` does.
    (No rule given a start filter matches the empty string: each takes a month or unit word.)"""
    cur = pos
    match = pattern.match
    at = starts.groupindex.get("at")
    for c in starts.finditer(text, pos, endpos):
        s = c.start() if at is None else c.start(at)
        if s < cur:
            continue
        m = match(text, s, endpos)
        if m is not None:
            yield m
            cur = m.end() if m.end() > s else s + 1
    return


def recognize(text: str, *, future_of: Optional[Callable[[int], bool]] = None) -> List[Mention]:
    """Temporal expressions of normalized ``text``, in order, non-overlapping.

    Every kind is returned (durations, sets and bare day parts included); callers
    filter with :data:`POINT_KINDS`. A bare day part survives only when merged.
    """
    g = grammar()
    cands: List[Mention] = []
    lines = _LineIndex(text)
    if g.needles is not None:
        g.needles.fill(lines)
    starts = g.starts
    for ri, (pattern, build, needles) in enumerate(g.rules):
        sf = starts.get(ri)
        finder = g.lines.get(ri, needles)
        for pos, endpos in ((0, len(text)),) if finder is None else lines.holding(finder):
            if sf is None:
                found = pattern.finditer(text, pos, endpos)
            else:
                found = _matches_from(pattern, sf, text, pos, endpos)
            for m in found:
                if m.end() == m.start():
                    continue
                men = build(text, m)
                if men is not None and men.end > men.start:
                    cands.append(men)
    chosen = _select(cands)
    merged: List[Mention] = []
    for men in chosen:
        if merged:
            last = merged[-1]
            gap = text[last.end:men.start]
            if _can_merge(last, men, gap):
                merged[-1] = _merge(last, men, text)
                continue
        merged.append(men)
    out = []
    for men in merged:
        if men.kind == "daypart":
            continue
        if men.parts == frozenset({"rel"}) and fold_key(men.text) == "امروز" and _figurative_today(text, men):
            men.kind = "vague"  # «امروز ۱۵۰ رشته وجود دارد»: nowadays
        men.pieces = _pieces_label(men)
        out.append(men)
    return out


_CLAUSE_END = rxcache.compile(r"[.،؛:!?؟\n]|[ \u200c](?:که|ولی|اما|تا)[ \u200c]")


_WORDS = rxcache.compile(r"[\p{L}\u200c]+")

#: a clause end or a future marker looked for by a scan up to this far from a mention; farther, through
#: the text's :class:`_ClauseIndex` (a long text without punctuation made every mention scan the rest
#: of it: quadratic)
_NEAR = 2000


class _ClauseIndex:
    """The clause ends (starts of :data:`_CLAUSE_END` matches) and future markers (spans of
    ``grammar().future`` matches) of a text, at every position where one starts."""

    def __init__(self, text: str):
        self.text = text
        self.ends = [m.start() for m in _CLAUSE_END.finditer(text, overlapped=True)]
        self.future = [m.span() for m in grammar().future.finditer(text, overlapped=True)]
        self.future_starts = [a for a, _ in self.future]


_LAST_INDEX: List[Optional[_ClauseIndex]] = [None]  # (the last text's: one kept)


def _index(text: str) -> _ClauseIndex:
    idx = _LAST_INDEX[0]
    if idx is None or idx.text is not text:
        idx = _LAST_INDEX[0] = _ClauseIndex(text)
    return idx


def _next_clause_end(text: str, pos: int) -> Optional[int]:
    """``_CLAUSE_END.search(text, pos).start()`` (``None`` when there is none), scanning at most
    :data:`_NEAR` characters: a match found well inside them is the first one (the pattern has
    no look-around, and a match is at most 6 characters long)."""
    n = len(text)
    m = _CLAUSE_END.search(text, pos, min(n, pos + _NEAR))
    if pos + _NEAR >= n or m is not None and m.start() < pos + _NEAR - 8:
        return m.start() if m is not None else None
    ends = _index(text).ends
    i = bisect_left(ends, pos)
    return ends[i] if i < len(ends) else None


def _future_in(text: str, left: int, right: int) -> bool:
    """``bool(grammar().future.search(text, left, right))``, for a ``right`` at the end of the text
    or before a character that is no letter (a clause end). A far ``right`` is answered from the
    markers found over the whole text: a marker there that ends by ``right`` is found by the
    search too, and where the first one starting in the window runs past ``right``, the search
    is made from its start (none starts before it)."""
    if right - left <= _NEAR:
        return bool(grammar().future.search(text, left, right))
    idx = _index(text)
    i = bisect_left(idx.future_starts, left)
    if i >= len(idx.future) or idx.future[i][0] >= right:
        return False
    a, b = idx.future[i]
    return b <= right or bool(grammar().future.search(text, a, right))


def _figurative_today(text: str, men: Mention) -> bool:
    """«امروز» meaning «nowadays»: after «اما/ولی», or in a clause whose verb is a
    stative present (است، دارد، هستیم، وجود دارد) with no past or future verb."""
    lex = get_lexicon()
    if _prev_word(text, men.start) in lex.contrast_before or _next_word(text, men.end) in ("اما", "ولی"):
        return True
    left = 0
    for m in _CLAUSE_END.finditer(text, max(0, men.start - 200), men.start):
        left = m.end()
    right = _next_clause_end(text, men.end)
    right = len(text) if right is None else right
    words = [fold_key(w) for w in _WORDS.findall(text, max(left, men.start - 200), min(right, men.end + 200))]
    if _future_in(text, left, right):
        return False
    if any(w.split(" ")[-1] in lex.past_verbs for w in words):
        return False
    if "در حال" in " ".join(words):  # «امروز … در حال برگزاری است»: happening today
        return False
    return any(w in lex.stative_verbs for w in words)


_PRESENT = rxcache.compile(r"(?<![\p{L}\u200c])(?:بر|در|فرا)?ن?می[\u200c ](?P<stem>[\p{L}]+)")
_PAST_STEM_END = ("کرد", "کردند", "شد", "شدند", "داد", "دادند", "گفت", "گفتند", "رفت", "آمد", "رسید", "بود", "بودند",
                  "داشت", "داشتند", "گرفت", "خواست", "کردیم", "شدیم")


def _clause_bounds(text: str, start: int, end: int):
    """``(left, right)``: the clause around ``text[start:end]`` (between clause ends)."""
    left = 0
    for m in _CLAUSE_END.finditer(text, max(0, start - 200), start):
        left = m.end()
    right = _next_clause_end(text, end)
    return left, (len(text) if right is None else right)


def is_past(text: str, start: int, end: int) -> bool:
    """The clause around ``text[start:end]`` has a past-tense verb (کرد، سفر کرده بود)."""
    lex = get_lexicon()
    left, right = _clause_bounds(text, start, end)
    return _any_past(_WORDS.findall(text, max(left, start - 200), min(right, end + 200)), lex.past_verbs)


def _any_past(words: List[str], past_verbs) -> bool:
    """Whether the last word of one of ``words`` (runs of letters and ZWNJs, as :data:`_WORDS`
    finds them) is a past verb: ``fold_key(w).split(" ")[-1]``, without folding every word."""
    for w in words:
        last = w.rstrip("\u200c").rpartition("\u200c")[2]
        if last in past_verbs or last in _PAST_STEM_END:
            return True
    return False


def present_only(text: str, start: int, end: int) -> bool:
    """The clause around ``text[start:end]`` has a present-tense verb (می‌شود,
    برمی‌گردد) and no past one: in news, a bare weekday there is still to come."""
    lex = get_lexicon()
    left, right = _clause_bounds(text, start, end)
    clause = text[max(left, start - 200):min(right, end + 200)]
    if _any_past(_WORDS.findall(clause), lex.past_verbs):
        return False
    # third person only: «مرور می‌کنیم» (we review) is the writer speaking, not the event
    return any(not mm.group("stem").endswith(_PAST_STEM_END) and not mm.group("stem").endswith(("یم", "ید", "م"))
               for mm in _PRESENT.finditer(clause))


def is_future(text: str, start: Optional[int] = None, end: Optional[int] = None) -> bool:
    """Whether the clause around ``text[start:end]`` speaks of something to come
    (خواهد، قرار است …). Without offsets the whole text is the clause."""
    if start is None or end is None:
        return bool(grammar().future.search(text))
    left = start
    for m in _CLAUSE_END.finditer(text, max(0, start - 200), start):
        left = m.end()
    if left == start:
        left = max(0, start - 200)
    right = _next_clause_end(text, end)
    right = min(len(text), end + 200) if right is None else right
    return _future_in(text, left, right)
