"""Literal gates: skip a regular expression on a text that cannot hold a match.

Most cue patterns of the event lexicons begin with a word or a choice of words
(«پیشنهاد …»، «(?:فردا|هفته آینده|…)»). Every match then starts with one of those
literals, so a window of text that contains none of them cannot match, and a plain
substring test (``lit in text``) answers for a scan of the whole window by the
regular-expression engine. On ordinary news the gate is shut for most windows; on a
page of «دیدار دیدار …» it is shut for all.

The literals are read from the pattern itself, conservatively: a pattern whose start
is not a plain literal or a group of plain alternatives (a class, an escape, an
anchor, an optional first group, flags) gets no gate and is always run.

>>> import regex
>>> literals(regex.compile("(?:فردا|پس\u200c?فردا) خواهد"))
('فردا', 'پس')
>>> literals(regex.compile(r"قرار (?:است|بود)"))
('قرار ',)
>>> literals(regex.compile(r"^(?:ن?می)\\p{L}")) is None
True
>>> literals(regex.compile(r"(?<![\\p{L}])(?:با|بین)\\s+"))
('با', 'بین')
>>> search(regex.compile("پیشنهاد (?:کرد|داد)"), "دیدار دیدار") is None
True
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from typing import Any, Callable, Dict, Iterator, List, Optional, Pattern, Sequence, Tuple

import regex

from .._rxscan import class_end as _class_end

__all__ = ["Gate", "of", "literals", "may_match", "search", "finditer", "rx"]

_META = set("\\.^$*+?{}[]()|")
#: quantifiers that let the atom before them be absent
_OPTIONAL = set("*?{")

_gates: Dict[int, Tuple[Pattern[str], Optional[Tuple[str, ...]]]] = {}
_lock = threading.Lock()


def _literal_prefix(s: str) -> str:
    """The literal characters ``s`` starts with that every match must hold."""
    i = 0
    while i < len(s) and s[i] not in _META:
        i += 1
    lit = s[:i]
    if i < len(s) and s[i] in _OPTIONAL:
        lit = lit[:-1]  # «پس‌?فردا»: the ZWNJ may be missing, «پس» may not
    return lit


def _structure(s: str, start: int = 0) -> Iterator[Tuple[int, str, int]]:
    """``(index, char, depth)`` for each ``(``, ``)`` and ``|`` of ``s`` from ``start`` that
    is neither escaped nor inside a character class; ``depth`` is the group nesting after
    the character (an opening ``(`` at the top reads 1, its closing ``)`` 0)."""
    depth = 0
    i = start
    in_class = False
    while i < len(s):
        ch = s[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            if ch == "]":
                in_class = False
        elif ch == "[":
            in_class = True
        elif ch in "()|":
            depth += (ch == "(") - (ch == ")")
            yield i, ch, depth
        i += 1


def _group_end(s: str, start: int) -> int:
    """Index of the ``)`` closing the group opened at ``s[start]``, or -1."""
    return next((i for i, ch, depth in _structure(s, start) if ch == ")" and depth == 0), -1)


def _top_level_bars(s: str) -> List[int]:
    """Indices of the ``|`` that split ``s`` itself into alternatives."""
    return [i for i, ch, depth in _structure(s) if ch == "|" and depth == 0]


def _split_alternatives(s: str, bars: Sequence[int]) -> List[str]:
    bounds = [-1, *bars, len(s)]
    return [s[bounds[k] + 1:bounds[k + 1]] for k in range(len(bounds) - 1)]


def _per_alternative(pattern: str, bars: Sequence[int],
                     literals_of: Callable[[str], Optional[Tuple[str, ...]]]) -> Optional[Tuple[str, ...]]:
    """``literals_of`` each alternative of ``pattern`` (split at its top-level ``bars``),
    joined; ``None`` when one alternative has none."""
    out: List[str] = []
    for alt in _split_alternatives(pattern, bars):
        lits = literals_of(alt)
        if lits is None:
            return None
        out.extend(lits)
    return tuple(out)


def _derive(pattern: str) -> Optional[Tuple[str, ...]]:
    """The literals one of which every match of ``pattern`` starts with, or ``None``."""
    if not pattern:
        return None
    bars = _top_level_bars(pattern)
    if bars:  # «a|b»: one of each side's literals
        return _per_alternative(pattern, bars, _derive)
    while pattern.startswith(("(?<!", "(?<=", "(?!", "(?=")):
        # a look-around takes no characters: the literal after it still starts the match
        end = _group_end(pattern, 0)
        if end < 0 or (end + 1 < len(pattern) and pattern[end + 1] in _OPTIONAL | {"+"}):
            return None
        pattern = pattern[end + 1:]
    if not pattern:
        return None
    if pattern.startswith("("):
        # a group first («(?:…)», «(?P<name>…)», «(…)»): the literals its alternatives start with
        end = _group_end(pattern, 0)
        if end < 0 or (end + 1 < len(pattern) and pattern[end + 1] in _OPTIONAL):
            return None
        if pattern.startswith("(?:"):
            inner = pattern[3:end]
        elif pattern.startswith("(?P<"):
            close = pattern.find(">")
            if close < 0 or close > end:
                return None
            inner = pattern[close + 1:end]
        elif pattern.startswith("(?"):
            return None  # flags, atomic groups, conditionals …
        else:
            inner = pattern[1:end]
        return _derive(inner)
    lit = _literal_prefix(pattern)
    return (lit,) if lit else None


def _quantifier(s: str, i: int) -> Tuple[int, bool]:
    """``(end, optional)`` of the quantifier at ``s[i]`` (``(i, False)`` when there is none):
    ``optional`` when it lets the atom before it be absent (``?``, ``*``, ``{0,…}``)."""
    if i >= len(s) or s[i] not in "?*+{":
        return i, False
    if s[i] == "{":
        close = s.find("}", i)
        body = s[i + 1:close] if close > 0 else ""
        if close < 0 or not body or not all(c.isdigit() or c == "," for c in body):
            return i, False  # a literal «{»
        optional = not body.split(",")[0] or int(body.split(",")[0]) == 0
        end = close + 1
    else:
        optional = s[i] != "+"
        end = i + 1
    if end < len(s) and s[end] in "?+":
        end += 1  # lazy or possessive
    return end, optional


def _escape_end(s: str, i: int) -> int:
    """End of the escape at ``s[i]`` (a backslash): ``\\u200c``, ``\\x{…}``, ``\\p{L}``, ``\\pL``,
    ``\\N{…}``, ``\\12`` (digits), or one character; -1 when not understood."""
    if i + 1 >= len(s):
        return -1
    c = s[i + 1]
    if c in "xuU" or c in "pPN":
        if s.startswith("{", i + 2):
            close = s.find("}", i + 2)
            return close + 1 if close > 0 else -1
        if c in "pP":
            return i + 3
        width = {"x": 2, "u": 4, "U": 8}.get(c)
        if width is None:
            return -1
        return i + 2 + width
    if c.isdigit():
        j = i + 1
        while j < len(s) and s[j].isdigit():
            j += 1
        return j
    return i + 2


def _required(pattern: str) -> Optional[Tuple[str, ...]]:
    """Literals one of which every match of ``pattern`` holds (anywhere in it), or ``None``:
    of the parts every match goes through one after another (plain characters, groups that
    are not optional), the one whose literals are longest (the shortest of them counts).
    Look-arounds, classes, escapes and other constructs give none (they only end a run of
    plain characters)."""
    if not pattern:
        return None
    bars = _top_level_bars(pattern)
    if bars:  # «a|b»: the literals of each side
        return _per_alternative(pattern, bars, _required)
    best: Optional[Tuple[str, ...]] = None
    run: List[str] = []

    def take(lits: Optional[Tuple[str, ...]]) -> None:
        nonlocal best
        if lits and all(lits) and (best is None or min(map(len, lits)) > min(map(len, best))):
            best = lits

    def end_run() -> None:
        if run:
            take(("".join(run),))
            run.clear()

    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        if c == "(":
            end = _group_end(pattern, i)
            if end < 0:
                return None
            q_end, optional = _quantifier(pattern, end + 1)
            end_run()
            inner = None
            if pattern.startswith("(?:", i):
                inner = pattern[i + 3:end]
            elif pattern.startswith("(?P<", i):
                close = pattern.find(">", i)
                inner = pattern[close + 1:end] if 0 < close < end else None
            elif not pattern.startswith("(?", i):
                inner = pattern[i + 1:end]
            if inner is not None and not optional:
                take(_required(inner))
            i = q_end
            continue
        if c == "\\":
            end = _escape_end(pattern, i)
            if end < 0:
                return None
        elif c == "[":
            end = _class_end(pattern, i) + 1
        elif c in ".^$":
            end = i + 1
        elif c in "?*+{)":
            if c == "{" and _quantifier(pattern, i)[0] == i:
                run.append(c)  # a literal «{»
                i += 1
                continue
            return None  # (a quantifier with nothing before it, or an unbalanced «)»: not understood)
        else:
            q_end, optional = _quantifier(pattern, i + 1)
            if q_end == i + 1:
                run.append(c)
            else:
                end_run()
                if not optional:
                    take((c,))
            i = q_end
            continue
        end_run()  # (an escape, a class, «.», an anchor: no literal, and the run ends)
        i, _ = _quantifier(pattern, end)
    end_run()
    return best


#: an inline flag group («(?i)», «(?x:…)», «(?r)» …): the text of the literals may not be what matches
_INLINE_FLAGS = regex.compile(r"\(\?(?!P[<=])[A-Za-z^-]")


def required(pat: Pattern[str]) -> Optional[Tuple[str, ...]]:
    """The literals one of which every match of ``pat`` holds (see :func:`_required`: not only
    at its start, so a pattern that starts with «در» or an optional word still has a sharp
    gate: «(?:به صورت|…|در) تلفنی» → «تلفن»); ``None`` when not known."""
    key = ("required", id(pat))
    hit = _gates.get(key)  # type: ignore[call-overload]
    if hit is not None and hit[0] is pat:
        return hit[1]
    lits = None
    if isinstance(pat.pattern, str) and not pat.flags & (regex.IGNORECASE | regex.VERBOSE) \
            and not _INLINE_FLAGS.search(pat.pattern):
        lits = _required(pat.pattern)
    with _lock:
        _gates[key] = (pat, lits)  # type: ignore[index]
    return lits


def literals(pat: Pattern[str]) -> Optional[Tuple[str, ...]]:
    """The literals one of which starts every match of ``pat``; ``None`` when not known."""
    hit = _gates.get(id(pat))
    if hit is not None and hit[0] is pat:
        return hit[1]
    lits = None
    if isinstance(pat.pattern, str) and not pat.flags & (regex.IGNORECASE | regex.VERBOSE):
        lits = _derive(pat.pattern)
    with _lock:
        _gates[id(pat)] = (pat, lits)  # (the pattern is kept, so its id is not reused)
    return lits


class Gate:
    """The gates for windows of one document: a literal the document lacks is never looked
    for in its windows (most cue words are absent from most articles, so most cue patterns
    are shut for a whole document after one look)."""

    __slots__ = ("whole", "_present", "_sentences", "_holds")

    def __init__(self, whole: str):
        self.whole = whole
        self._present: Dict[int, Tuple[Pattern[str], Optional[Tuple[str, ...]]]] = {}
        self._sentences: Dict[int, Tuple[Pattern[str], Any, Optional[frozenset]]] = {}
        #: literal → whether the document holds it (many patterns share their words)
        self._holds: Dict[str, bool] = {}

    def holds(self, lit: str) -> bool:
        """``lit in self.whole``, asked once per document."""
        hit = self._holds.get(lit)
        if hit is None:
            hit = self._holds[lit] = lit in self.whole
        return hit

    def sentences(self, pat: Pattern[str], sents: Sequence[Any]) -> Optional[frozenset]:
        """The indexes of the sentences of ``sents`` (spans ``nstart``–``nend`` of the document,
        in order without overlaps) whose text holds one of the :func:`required` literals of
        ``pat``: the only ones where ``pat`` may match. ``None`` when its literals are not known
        or the sentences are not in order (ask every sentence). Each
        literal the document holds is looked for once over the whole text, and once more per
        sentence holding it (a per-sentence scan with the engine costs ~6 µs a sentence for a
        long list of words; most sentences hold none of them)."""
        hit = self._sentences.get(id(pat))
        if hit is not None and hit[0] is pat and hit[1] is sents:
            return hit[2]
        lits = self.required(pat)
        out: Optional[frozenset] = None
        if lits is not None and all(lits):
            starts = [s.nstart for s in sents]
            ends = [s.nend for s in sents]
            if all(ends[i] <= starts[i + 1] for i in range(len(sents) - 1)) and all(a <= b for a, b in zip(starts, ends)):
                where = set()
                whole = self.whole
                for lit in lits:
                    n = len(lit)
                    p = whole.find(lit)
                    while p >= 0:
                        k = bisect_right(starts, p) - 1
                        if k >= 0 and p + n <= ends[k]:
                            where.add(k)
                            p = whole.find(lit, ends[k])  # (the next sentence starts there or later)
                        else:
                            p = whole.find(lit, p + 1)
                out = frozenset(where)
        self._sentences[id(pat)] = (pat, sents, out)  # (the pattern is kept, so its id is not reused)
        return out

    def literals(self, pat: Pattern[str]) -> Optional[Tuple[str, ...]]:
        """The literals of ``pat`` (see :func:`literals`) that occur in the document."""
        hit = self._present.get(id(pat))
        if hit is None or hit[0] is not pat:
            lits = literals(pat)
            if lits is not None:
                lits = tuple(lit for lit in lits if self.holds(lit))
            hit = self._present[id(pat)] = (pat, lits)
        return hit[1]

    def required(self, pat: Pattern[str]) -> Optional[Tuple[str, ...]]:
        """The literals of ``pat`` (see :func:`required`) that occur in the document."""
        key = ("required", id(pat))
        hit = self._present.get(key)  # type: ignore[call-overload]
        if hit is None or hit[0] is not pat:
            lits = required(pat)
            if lits is not None:
                lits = tuple(lit for lit in dict.fromkeys(lits) if self.holds(lit))
            hit = self._present[key] = (pat, lits)  # type: ignore[index]
        return hit[1]

    def search_held(self, pat: Pattern[str], text: str, pos: int, endpos: int):
        """``pat.search(text, pos, endpos)`` (``text`` the document), without running the engine
        when the window holds none of the :meth:`required` literals (those of the trigger heads
        are known from finding the head sentences: no look for their first words)."""
        lits = self.required(pat)
        if lits is not None and not any(text.find(lit, pos, endpos) >= 0 for lit in lits):
            return None
        return pat.search(text, pos, endpos)

    def shut(self, pats: Sequence[Pattern[str]]) -> bool:
        """True when none of ``pats`` can match anywhere in the document (one look per list)."""
        hit = self._present.get(id(pats))
        if hit is None or hit[0] is not pats:
            closed = all(self.literals(p) == () for p in pats)
            hit = self._present[id(pats)] = (pats, closed)  # type: ignore[assignment]
        return hit[1]  # type: ignore[return-value]

    def may_match(self, pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None) -> bool:
        """False only when ``pat`` cannot match in ``text[pos:endpos]``, a window of the document."""
        lits = self.literals(pat)
        if lits is None:
            return True
        if not lits:
            return False
        if endpos is None:
            endpos = len(text)
        return any(text.find(lit, pos, endpos) >= 0 for lit in lits)

    def search(self, pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None):
        """``pat.search(text, pos, endpos)``, without running the engine when the gate is shut."""
        if not self.may_match(pat, text, pos, endpos):
            return None
        return pat.search(text, pos) if endpos is None else pat.search(text, pos, endpos)

    def finditer(self, pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator:
        """``pat.finditer(text, pos, endpos)``, without running the engine when the gate is shut."""
        if not self.may_match(pat, text, pos, endpos):
            return iter(())
        return pat.finditer(text, pos) if endpos is None else pat.finditer(text, pos, endpos)


#: pattern text → compiled pattern, for :func:`rx` (the patterns are the code's own: a few dozen)
_RX: Dict[str, Pattern[str]] = {}
_RX_MAX = 1024


def rx(pattern: str) -> Pattern[str]:
    """``regex.compile(pattern)``, kept by its text: ``regex.search(pattern, …)`` and the other
    module functions look the text up in the engine's cache at every call (its flags, locale and
    version checks cost microseconds: ~7,000 calls on 300 news articles)."""
    hit = _RX.get(pattern)
    if hit is None:
        if len(_RX) >= _RX_MAX:
            _RX.clear()
        hit = _RX[pattern] = regex.compile(pattern)
    return hit


def of(doc) -> Gate:
    """The :class:`Gate` of a document's normalized text (kept in ``doc.user_data``)."""
    gate = doc.user_data.get("_events_gate")
    if gate is None or gate.whole is not doc.norm:
        gate = doc.user_data["_events_gate"] = Gate(doc.norm)
    return gate


def may_match(pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None) -> bool:
    """False only when ``pat`` cannot match anywhere in ``text[pos:endpos]``."""
    lits = literals(pat)
    if lits is None:
        return True
    if endpos is None:
        endpos = len(text)
    return any(text.find(lit, pos, endpos) >= 0 for lit in lits)


def search(pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None):
    """``pat.search(text, pos, endpos)``, without running the engine when the gate is shut."""
    if not may_match(pat, text, pos, endpos):
        return None
    return pat.search(text, pos) if endpos is None else pat.search(text, pos, endpos)


def finditer(pat: Pattern[str], text: str, pos: int = 0, endpos: Optional[int] = None) -> Iterator:
    """``pat.finditer(text, pos, endpos)``, without running the engine when the gate is shut."""
    if not may_match(pat, text, pos, endpos):
        return iter(())
    return pat.finditer(text, pos) if endpos is None else pat.finditer(text, pos, endpos)
