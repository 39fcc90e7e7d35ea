"""Normalizer stage: Persian text normalization that keeps an exact offset map.

hazm's ``Normalizer`` returns a plain string and cannot say where each character
came from, so this module applies its own rewrite rules (modelled on hazm's) and
tracks, for every output character, the original characters that produced it.

What it does, in order:

1. characters: Arabic ي/ى/ك/ة/ۀ → ی/ک/ه, Arabic and Latin digits → Persian digits,
   presentation forms unfolded (NFKC), diacritics, tatweel, bidi marks, BOM, ZWJ and
   control characters removed, exotic spaces → plain space;
2. spacing: runs of spaces collapsed, spaces at line edges and stray ZWNJ removed,
   glued punctuation separated (``-دوشنبه`` → ``- دوشنبه``, ``مینسک|`` → ``مینسک |``),
   detached affixes joined with ZWNJ (``می شود`` → ``می‌شود``, ``کتاب ها`` → ``کتاب‌ها``);
3. glued words repaired with ZWNJ using hazm's own lexicon (``همکاریها`` →
   ``همکاری‌ها``, ``جلسهای`` → ``جلسه‌ای``, ``تفاهمنامه`` → ``تفاهم‌نامه``), see
   :mod:`persian_ie.zwnj`.

>>> from persian_ie.document import Document
>>> doc = Normalizer()(Document("همكاريها با بلاروس در زمينه حملونقل"))
>>> doc.norm
'همکاری‌ها با بلاروس در زمینه حمل‌ونقل'
"""

from __future__ import annotations

import functools
import re
import unicodedata
from difflib import SequenceMatcher
from typing import Callable, Iterable, List, Optional, Tuple

import regex

from .document import Alignment, Document, _identity_offsets
from . import _lexicon_norms
from . import _rxcache as rxcache

__all__ = ["Normalizer", "normalize", "AlignedText", "fold_digits"]

ZWNJ = "\u200c"

# -- character table -------------------------------------------------------------------

_CHAR_MAP = {
    "ي": "ی", "ى": "ی", "ې": "ی", "ۍ": "ی", "ێ": "ی", "ٸ": "ی",
    "ك": "ک", "ڪ": "ک", "ػ": "ک", "ڬ": "ک",
    "ة": "ه", "ۀ": "ه", "ە": "ه", "ہ": "ه", "ھ": "ه",
    "إ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",  # (أ and ؤ are standard Persian spelling: kept)
    "\u00a0": " ", "\u202f": " ", "\u205f": " ", "\u3000": " ", "\t": " ", "\u000b": " ", "\u000c": " ",
    "\u2028": "\n", "\u2029": "\n", "\u0085": "\n",
    "٬": "،", "٫": ".",
    "ـ": "",  # tatweel
}
for _i in range(10):
    _CHAR_MAP[chr(0x0660 + _i)] = chr(0x06F0 + _i)  # Arabic-Indic digits
    _CHAR_MAP[chr(0x0030 + _i)] = chr(0x06F0 + _i)  # Latin digits
for _cp in range(0x2000, 0x200B):  # en/em/thin... spaces
    _CHAR_MAP[chr(_cp)] = " "
_DELETE = (
    [chr(c) for c in range(0x064B, 0x0660)]  # harakat, shadda, sukun, hamza above/below
    + ["\u0670", "\u06d6", "\u06d7", "\u06d8", "\u06d9", "\u06da", "\u06db", "\u06dc",
       "\u06df", "\u06e0", "\u06e1", "\u06e2", "\u06e3", "\u06e4", "\u06e7", "\u06e8",
       "\u06ea", "\u06eb", "\u06ec", "\u06ed"]
    + ["\u200b", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u061c"]
    + [chr(c) for c in range(0x202A, 0x202F)]
    + [chr(c) for c in range(0x2066, 0x206A)]
)
for _ch in _DELETE:
    _CHAR_MAP[_ch] = ""

_PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
_FOLD_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")


def fold_digits(text: str) -> str:
    """Persian/Arabic digits → ASCII digits (for parsing and matching).

    >>> fold_digits("۱۴۰۴/۰۸/۱۹")
    '1404/08/19'
    """
    return text.translate(_FOLD_DIGITS)


_ONE_TO_ONE = str.maketrans({k: v for k, v in _CHAR_MAP.items() if len(v) == 1})
_ONE_TO_ONE_CLASS = "[" + "".join(regex.escape(chr(k)) for k in _ONE_TO_ONE) + "]"
_SPECIAL_CLASS = ("[" + "".join(regex.escape(k) for k, v in _CHAR_MAP.items() if len(v) != 1)
                  + "\ufb50-\ufdff\ufe70-\ufefe\x00-\x09\x0b-\x0c\x0e-\x1f\x7f-\x9f]")
_ONE_TO_ONE_CHARS = rxcache.compile(_ONE_TO_ONE_CLASS)
_SPECIAL_CHARS = rxcache.compile(_SPECIAL_CLASS)
# The same two classes (literal characters and ranges only, which both engines read alike)
# for the scans of every text: the standard ``re`` finds them ~7x faster than ``regex``.
# ``str.translate`` with a table costs a lookup per character; rewriting only the runs of
# table characters (digits, Arabic ي/ك…) gives the same string.
_ONE_TO_ONE_RUNS = re.compile(_ONE_TO_ONE_CLASS + "+")
_SPECIAL_CHARS_RE = re.compile(_SPECIAL_CLASS)


def _one_to_one_run(m: "re.Match[str]") -> str:
    return m.group().translate(_ONE_TO_ONE)


def _special_replacement(m: "regex.Match[str]") -> str:
    return _char_replacement(m.group()) or ""


def _char_replacement(ch: str) -> Optional[str]:
    """Replacement for one character, or None to keep it."""
    rep = _CHAR_MAP.get(ch)
    if rep is not None:
        return rep
    cp = ord(ch)
    if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFE:  # Arabic presentation forms
        folded = unicodedata.normalize("NFKC", ch)
        return "".join(_CHAR_MAP.get(c, c) for c in folded if _CHAR_MAP.get(c, c) is not None)
    if cp < 0x20 and ch not in "\n\r" or 0x7F <= cp < 0xA0:  # other control characters
        return ""
    return None


# -- aligned text ------------------------------------------------------------------------


class AlignedText:
    """A string plus, per character, the original range that produced it.

    Rewrites (:meth:`sub`, :meth:`translate`) return a new ``AlignedText`` whose
    map still points into the very first string.
    """

    __slots__ = ("text", "starts", "ends")

    def __init__(self, text: str, starts: List[int], ends: List[int]):
        self.text = text
        self.starts = starts
        self.ends = ends

    @classmethod
    def of(cls, text: str) -> "AlignedText":
        return cls(text, *_identity_offsets(len(text)))

    def alignment(self, original: str) -> Alignment:
        return Alignment(original, self.text, self.starts, self.ends)

    def translate(self, replacement: Callable[[str], Optional[str]]) -> "AlignedText":
        """Rewrite character by character (``replacement`` returns None to keep)."""
        text, starts, ends = self.text, self.starts, self.ends
        out: List[str] = []
        new_starts: List[int] = []
        new_ends: List[int] = []
        changed = False
        for i, ch in enumerate(text):
            rep = replacement(ch)
            if rep is None:
                out.append(ch)
                new_starts.append(starts[i])
                new_ends.append(ends[i])
                continue
            changed = True
            for c in rep:
                out.append(c)
                new_starts.append(starts[i])
                new_ends.append(ends[i])
        if not changed:
            return self
        return AlignedText("".join(out), new_starts, new_ends)

    def sub(self, pattern: "regex.Pattern[str]", repl: Callable[["regex.Match[str]"], str]) -> "AlignedText":
        """Regex substitution that keeps the map.

        Inside each match, characters kept by the replacement keep their source;
        inserted characters get a zero-width source; where the replacement rewrites
        characters, each new character maps to the whole rewritten stretch.
        """
        return self.edit((m.start(), m.end(), repl(m)) for m in pattern.finditer(self.text))

    def sub_at(self, pattern: "regex.Pattern[str]", repl: Callable[["regex.Match[str]"], str],
               finder: "regex.Pattern[str]") -> "AlignedText":
        """:meth:`sub`, trying ``pattern`` only where ``finder`` puts its groups.

        The same result as ``sub(pattern, repl)`` when every match of ``pattern`` starts
        at such a place (the places ascending, match by match and group by group) and
        ``pattern`` matches either only empty strings or only non-empty ones: a rule whose
        every position would be tried (a lookbehind first) is then tried at the few places
        a fast literal scan finds.
        """
        text = self.text
        edits = []
        last = 0
        match = pattern.match
        groups = range(1, finder.groups + 1)
        for c in finder.finditer(text):
            for g in groups:
                p = c.start(g)
                if p < last:  # (inside the last match, or a group that did not take part: -1)
                    continue
                m = match(text, p)
                if m is not None:
                    a, b = m.span()
                    edits.append((a, b, repl(m)))
                    last = b if b > a else a + 1
        return self.edit(edits) if edits else self

    def edit(self, edits: Iterable[Tuple[int, int, str]]) -> "AlignedText":
        """Replace ``text[a:b]`` by ``new`` for each ``(a, b, new)`` (ascending, not
        overlapping), keeping the map as :meth:`sub` does."""
        text, starts, ends = self.text, self.starts, self.ends
        if not isinstance(edits, list):
            edits = list(edits)
        if all(len(new) == b - a for a, b, new in edits):
            # (ZWNJ for a space: «می شود», «کتاب ها») every character keeps its source: the
            # same maps as the loop below builds, so they are shared, not rebuilt
            out = []
            pos = 0
            for a, b, new in edits:
                out.append(text[pos:a])
                out.append(new)
                pos = b
            out.append(text[pos:])
            joined = "".join(out)
            return self if joined == text else AlignedText(joined, starts, ends)
        out: List[str] = []
        new_starts: List[int] = []
        new_ends: List[int] = []
        pos = 0
        changed = False
        for a, b, new in edits:
            old = text[a:b]
            if new == old:
                continue
            changed = True
            out.append(text[pos:a])
            new_starts.extend(starts[pos:a])
            new_ends.extend(ends[pos:a])
            _align_piece(old, new, starts[a:b], ends[a:b],
                         ends[a - 1] if a > 0 else (starts[0] if starts else 0),
                         out, new_starts, new_ends)
            pos = b
        if not changed:
            return self
        out.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return AlignedText("".join(out), new_starts, new_ends)


def _align_piece(old: str, new: str, starts: List[int], ends: List[int], before: int,
                 out: List[str], new_starts: List[int], new_ends: List[int]) -> None:
    out.append(new)
    if not old:
        new_starts.extend([before] * len(new))
        new_ends.extend([before] * len(new))
        return
    if len(old) == len(new):
        new_starts.extend(starts)
        new_ends.extend(ends)
        return
    if old.startswith(new):  # a deletion at the end (all of it, or «  » → « »): what the
        # matcher gives too (its longest block is ``new`` at 0, then nothing to the right)
        new_starts.extend(starts[:len(new)])
        new_ends.extend(ends[:len(new)])
        return
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            new_starts.extend(starts[i1:i2])
            new_ends.extend(ends[i1:i2])
        elif tag == "insert":
            if 0 < i1 < len(old) and starts[i1 - 1] == starts[i1] and ends[i1 - 1] == ends[i1]:
                # inside one character's expansion (ﷲ → الله → الل‌ه...): part of that character
                new_starts.extend([starts[i1]] * (j2 - j1))
                new_ends.extend([ends[i1]] * (j2 - j1))
                continue
            at = ends[i1 - 1] if i1 > 0 else (starts[0] if starts else before)
            if i1 < len(old):
                at = min(at, starts[i1])
            new_starts.extend([at] * (j2 - j1))
            new_ends.extend([at] * (j2 - j1))
        elif tag == "replace":
            new_starts.extend([starts[i1]] * (j2 - j1))
            new_ends.extend([ends[i2 - 1]] * (j2 - j1))
        # "delete": nothing emitted


# -- spacing rules -------------------------------------------------------------------------

_L = r"\p{L}"


def _has(*pieces: str) -> Callable[[str], bool]:
    """A rule's precondition: the text holds one of ``pieces`` (one fast ``in`` each:
    a substring search in C, far cheaper than a set test of every character)."""
    if len(pieces) == 1:
        piece = pieces[0]
        return lambda text: piece in text
    return lambda text: any(p in text for p in pieces)


def _edge_spaces(text: str) -> bool:
    return text[:1] == " " or text[-1:] == " " or " \n" in text or "\n " in text


#: (pattern, replacement, precondition): a rule runs only on a text that holds the
#: characters it needs (most texts need few of them; a long text without a stop or a
#: dash is not scanned for rules that cannot match it)
_RULES: List[Tuple["regex.Pattern[str]", Callable[["regex.Match[str]"], str], Callable[[str], bool]]] = [
    # line breaks: \r\n and \r → \n
    (rxcache.compile(r"\r\n?"), lambda m: "\n", _has("\r")),
    # ZWNJ next to a space, line break, punctuation or text edge; repeated ZWNJ
    (rxcache.compile(r"\u200c+(?=[\s\p{P}\p{S}]|$)|(?<=^|[\s\p{P}\p{S}])\u200c+|(?<=\u200c)\u200c+", regex.M),
     lambda m: "", _has("\u200c")),
    # ZWNJ after a non-joining letter or before a non-letter does nothing visible: keep only between letters
    (rxcache.compile(r"(?<![\p{L}])\u200c|\u200c(?![\p{L}])"), lambda m: "", _has("\u200c")),
    # runs of spaces
    (rxcache.compile(r" {2,}"), lambda m: " ", _has("  ")),
    # spaces at line edges
    (rxcache.compile(r"^ +| +$", regex.M), lambda m: "", _edge_spaces),
    # glued punctuation: space after closing marks directly followed by a letter
    (rxcache.compile(r"(?<=[" + _L + r"\d][.،؛!؟?)»\]:])(?=[" + _L + r"«(])" + r"|(?<=[" + _L + r"][.،؛!؟?)»\]:])(?=\d)"),
     lambda m: " ", _has(*".،؛!؟?)»]:")),
    (rxcache.compile(r"(?<=[،؛!؟?)»\]])(?=[\d" + _L + r"])"), lambda m: " ", _has(*"،؛!؟?)»]")),
    # space before opening marks glued to the preceding word
    (rxcache.compile(r"(?<=[" + _L + r"\d])(?=[«(\[])"), lambda m: " ", _has(*"«([")),
    # dash, bar, pipe glued to words: -دوشنبه, ۱۴۰۴-, مینسک|
    (rxcache.compile(r"(?<=[" + _L + r"\d])(?=[|｜¦])|(?<=[|｜¦])(?=[" + _L + r"\d])"), lambda m: " ", _has(*"|｜¦")),
    (rxcache.compile(r"(?<=[\p{Arabic}])(?=[-–—])|(?<=[-–—])(?=[\p{Arabic}])"
                   r"|(?<=[۰-۹])(?=[-–—](?![۰-۹]))|(?<=(?<![۰-۹])[-–—])(?=[۰-۹])"),
     lambda m: " ", _has(*"-–—")),
    # a news lead glued to its source by scraped link text: «به گزارشخبرگزاری مهربه نقل از»
    # → «به گزارش خبرگزاری مهر به نقل از» (not «به گزارشی/گزارشگر/گزارشات…»)
    (rxcache.compile(r"(?<=(?<![\p{L}\u200c])به گزارش)(?=\p{Arabic})"
                   r"(?!(?:ی|یی|ها|های|هایی|ات|گر|گران|گری|ش|شان|ت|تان|م|مان)(?![\p{L}\u200c]))"),
     lambda m: " ", _has("به گزارش")),
    (rxcache.compile(r"(?<=(?<![\p{L}\u200c])به گزارش [\p{Arabic} ]{0,40}?\p{L}{2})(?=به نقل از)"),
     lambda m: " ", _has("به نقل از")),
    # detached prefix می/نمی: «می شود» → «می‌شود»
    (rxcache.compile(r"(?<![\p{L}\u200c])(ن?می) (?=[\p{Arabic}]{2})"), lambda m: m.group(1) + ZWNJ, _has("می ")),
    # detached plural/comparative suffixes: «کتاب ها» → «کتاب‌ها»
    (rxcache.compile(r"(?<=[\p{Arabic}]{2}) (?=(?:ها|های|هایی|هایم|هایت|هایش|هایمان|هایتان|هایشان|ترین)(?![\p{L}\u200c]))"),
     lambda m: ZWNJ, _has(" ها", " ترین")),
]


#: rules whose patterns start with a lookbehind (tried at every position of the text),
#: each with a fast scan for the only places it can match (group 1): the places a rule
#: rewrites are the same, and :meth:`AlignedText.sub_at` tries the rule only there
_FINDERS = {
    _RULES[5][0]: rxcache.compile(r"[.،؛!؟?)»\]:]()(?=[\p{L}«(\d])"),
    _RULES[6][0]: rxcache.compile(r"[،؛!؟?)»\]]()(?=[\d\p{L}])"),
    _RULES[10][0]: rxcache.compile(r"به گزارش()(?=\p{Arabic})"),
    # (literal characters only, which both engines read alike: the standard ``re`` finds
    # them ~1.5x faster than ``regex`` here, where an empty group comes first)
    _RULES[13][0]: re.compile(r"() (?=ها|ترین)"),
    _RULES[9][0]: rxcache.compile(r"()[-–—]()"),  # (either side of a dash)
}


class Normalizer:
    """Pipeline stage: fills ``doc.alignment`` (and so ``doc.norm``).

    Args:
        repair_zwnj: insert missing ZWNJ in glued words using hazm's lexicon.
        join_affixes: join detached می/ها/ترین with ZWNJ.
    """

    name = "normalize"

    def __init__(self, repair_zwnj: bool = True, join_affixes: bool = True):
        self.repair_zwnj = repair_zwnj
        self.join_affixes = join_affixes
        rules = _RULES if join_affixes else _RULES[:-2]
        self._rules = rules
        self._repairer = None
        self._clean: set = set()  # pieces of texts seen that need no ZWNJ repair (see _repairs)

    def _get_repairer(self):
        if self._repairer is None:
            from .zwnj import GluedWordRepairer
            self._repairer = GluedWordRepairer.default()
        return self._repairer

    def normalize(self, text: str) -> AlignedText:
        # one-to-one character rewrites keep the identity map: one C-level pass
        base = AlignedText.of(text)
        one_to_one = _ONE_TO_ONE_RUNS.sub(_one_to_one_run, text)
        aligned = AlignedText(one_to_one, base.starts, base.ends)
        # deletions and expansions (diacritics, bidi marks, presentation forms) are rare
        aligned = aligned.sub(_SPECIAL_CHARS_RE, lambda m: _char_replacement(m.group()) or "")
        for pattern, repl, needed in self._rules:
            if needed(aligned.text):
                finder = _FINDERS.get(pattern)
                aligned = aligned.sub(pattern, repl) if finder is None else aligned.sub_at(pattern, repl, finder)
        if self.repair_zwnj:
            aligned = aligned.edit(_repairs(aligned.text, self._get_repairer().repair, self._clean))
        return aligned

    def normalize_text(self, text: str) -> str:
        """The string :meth:`normalize` produces, without the offset map (same rules,
        same order: each rewrite is one ``sub`` over the string)."""
        text = _ONE_TO_ONE_RUNS.sub(_one_to_one_run, text)
        text = _SPECIAL_CHARS_RE.sub(_special_replacement, text)
        for pattern, repl, needed in self._rules:
            if needed(text):
                text = pattern.sub(repl, text)
        if self.repair_zwnj:
            repair = self._get_repairer().repair
            text = _WORD.sub(lambda m: repair(m.group()) or m.group(), text)
        return text

    def __call__(self, doc: Document) -> Document:
        aligned = self.normalize(doc.text)  # (its maps are this call's own: handed over, not copied)
        doc.alignment = Alignment._owning(doc.text, aligned.text, aligned.starts, aligned.ends)
        return doc

    def __reduce__(self):  # pickle without the loaded lexicon
        return (Normalizer, (self.repair_zwnj, self.join_affixes))


_WORD = rxcache.compile(r"(?<![\u200c\p{L}])[\p{Arabic}&&\p{L}]{4,}(?![\u200c\p{L}])", regex.V1)
_WORD_CHAR = rxcache.compile(r"[\u200c\p{L}]")
_CLEAN_MAX = 100_000  # pieces of text a Normalizer remembers as needing no repair (a bare word: the repairer's cache key)


def _repairs(text: str, repair: Callable[[str], Optional[str]],
             clean: Optional[set] = None) -> List[Tuple[int, int, str]]:
    """``(start, end, repaired)`` for each glued word of ``text`` (a ``_WORD`` match the
    repairer changes), ascending: what ``sub(_WORD, repair or keep)`` rewrites.

    Each distinct word is looked up once, and only the few that change are looked for
    again (most texts have none): a ``_WORD`` match is a whole run of letters, so an
    occurrence of the word with no letter or ZWNJ on either side is exactly a match.
    ``clean``: the whitespace-separated pieces of texts seen before that hold no word to
    repair (filled here, bounded): only the other pieces are scanned for words. A match
    never reaches across whitespace (neither side of it may be a letter or ZWNJ, and no
    whitespace character is either), so the words of the pieces are the words of the text;
    splitting at whitespace and a set difference cost a fraction of the scan they skip.
    """
    fixes = {}
    if clean is None:
        for word in set(_WORD.findall(text)):
            new = repair(word)
            if new and new != word:
                fixes[word] = new
    else:
        pieces = set(text.split())
        pieces.difference_update(clean)
        if len(clean) > _CLEAN_MAX:
            clean.clear()
        findall = _WORD.findall
        for piece in pieces:
            found = findall(piece)
            ok = True
            for word in found:
                new = repair(word)
                if new and new != word:
                    fixes[word] = new
                    ok = False
            if ok:  # (a piece that is one word: the word's string, the repairer's cache key)
                clean.add(found[0] if len(found) == 1 and found[0] == piece else piece)
    if not fixes:
        return []
    edits = []
    edge = _WORD_CHAR.match
    for word, new in fixes.items():
        p = text.find(word)
        while p >= 0:
            q = p + len(word)
            if (p == 0 or edge(text, p - 1) is None) and edge(text, q) is None:
                edits.append((p, q, new))
            p = text.find(word, q)
    edits.sort()
    return edits
_DEFAULT: Optional[Normalizer] = None


def normalize(text: str) -> str:
    """Normalize ``text`` and return the string (no offsets).

    Short strings (names, titles, keys the other stages compare) are memoized: the
    stages normalize the same few thousand of them over and over.

    >>> normalize("رئيسجمهور مي گويد")
    'رئیس‌جمهور می‌گوید'
    """
    if not isinstance(text, str):
        raise TypeError(f"text must be str, not {type(text).__name__}")
    if len(text) <= _MEMO_MAX_CHARS:
        return _normalize_short(text)
    return _default_normalizer().normalize_text(text)


#: strings up to this length go through the memo of :func:`normalize`
_MEMO_MAX_CHARS = 200


def _default_normalizer() -> Normalizer:
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Normalizer()
    return _DEFAULT


@functools.lru_cache(maxsize=65536)
def _normalize_short(text: str) -> str:
    known = _lexicon_norms.table().get(text)  # the shipped word lists, normalized beforehand
    if known is not None:
        return known
    return _default_normalizer().normalize_text(text)
