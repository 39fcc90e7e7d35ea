"""The costly date rules are tried only where a standard-library scan says a match may start
(``grammar().starts``): every position where a rule matches is one of those, so the
mentions are those of the plain scan."""

import importlib
import random
import re

import pytest

from persian_ie.normalize import normalize

R = importlib.import_module("persian_ie.dates.recognize")  # the module (the package exports a function of that name)


def _vocabulary():
    lex = R.get_lexicon()
    words = []
    for group in (lex.month_by_name, lex.cardinal, lex.ordinal, lex.units, lex.directions, lex.modifiers_before,
                  lex.era_by_name, lex.rel_years, lex.seasons, lex.weekday_by_name, lex.dayparts, lex.rel_days,
                  lex.year_after, lex.gregorian_year_after):
        words.extend(sorted(group))
    words += ["روز", "روزهای", "مورخ", "تاریخ", "ماه", "سال", "مبارک", "و", "تا", "الی", "ام", "م", "ها", "های", "نیم",
              "چند", "ده‌ها", "یکی", "دو", "جدید", "بعدی", "می", "شود", "کار", "مهر", "دیدار", "آبانماه", "x",
              "هر", "روزانه", "به", "ساعت", "صبح", "شب", "گذشته", "آینده", "همین", "این", "هفته", "بار", "یک",
              "دقایقی", "ساعاتی", "لحظاتی", "ساعتی", "دقیقه‌ای", "پیش", "قبل", "امسال", "پارسال", "میلادی"]
    return words


def _texts(n, seed):
    """Texts dense in what the rules look for: number words and digits, month and unit words,
    glued or apart, with the marks and breaks around them that the rules look at."""
    rng = random.Random(seed)
    vocab = _vocabulary()
    joints = [" ", " ", " ", "\u200c", "", "، ", " - ", "-", "(", ") ", "\n", ". ", "«", "»", "/", ":"]
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(3, 25)):
            r = rng.random()
            if r < 0.25:
                parts.append("".join(rng.choice("۰۱۲۳۴۵۶۷۸۹") for _ in range(rng.choice((1, 2, 2, 4)))))
            else:
                parts.append(rng.choice(vocab))
            parts.append(rng.choice(joints))
        out.append(normalize("".join(parts)))
    return out


def test_the_costly_rules_have_start_filters():
    g = R.grammar()
    names = {g.rules[i][1].__name__ for i in g.starts}
    assert {"_dmy", "_month", "_rel_unit", "_duration", "_weekday", "_rel_day", "_daypart", "_set", "_bare_year"} <= names
    assert sum("at" in p.groupindex for p in g.starts.values()) == 2  # (the numbers after «انتخابات», «سال»…)
    assert all(isinstance(p, re.Pattern) for p in g.starts.values())
    assert R.grammar(leads=False).starts == {}


@pytest.mark.parametrize("seed", range(4))
def test_every_match_start_passes_the_filter(seed):
    """At every position where a filtered rule matches, its filter matches too (the filter may
    let through more: the rule decides there)."""
    g = R.grammar()
    checked = {}
    for text in _texts(150, seed):
        for i, sf in g.starts.items():
            pattern = g.rules[i][0]
            at = sf.groupindex.get("at", 0)
            passes = {m.start(at) for m in sf.finditer(text)}
            for pos in range(len(text)):
                m = pattern.match(text, pos)
                if m is not None and m.end() > m.start():
                    checked[i] = checked.get(i, 0) + 1
                    assert pos in passes, (g.rules[i][1].__name__, text, pos, m.group())
    assert sum(checked.values()) > 300
    assert len(checked) >= len(g.starts) - 2  # (nearly every filtered rule matched somewhere)


def test_filtered_scan_gives_the_plain_scans_mentions(monkeypatch):
    texts = _texts(300, 7) + [normalize(
        "یک و دو و سه و بیست و یکم دی‌ماه ۱۴۰۳ و ۱۹آبان و دوم مهرماه سال گذشته، ده‌ها سال پیش، "
        "نیم ساعت و چند روز بعد، اواخر آبان و ۲۴ و ۲۵ فوریه ۲۰۲۰ و سه روز پیش و ماه مبارک رمضان")]
    with_filters = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    plain = R.grammar(leads=False)
    monkeypatch.setattr(R, "grammar", lambda leads=True: plain)
    without = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    assert sum(map(len, without)) > 300
    assert with_filters == without


def test_matches_from_is_finditer():
    """The filtered walk gives ``finditer``'s matches, overlapping candidates skipped."""
    pattern = R.regex.compile(r"(?<!\S)ab+|b")
    starts = re.compile(r"(?=[ab])")
    text = "ab abb b xbab\nabbb"
    for pos, endpos in ((0, len(text)), (3, 12), (5, len(text))):
        got = [m.span() for m in R._matches_from(pattern, starts, text, pos, endpos)]
        assert got == [m.span() for m in pattern.finditer(text, pos, endpos)]


@pytest.mark.parametrize("words", [["آبان", "آذر", "آ", "اسفند", "سه شنبه", "ه.ش", "ق.ظ"],
                                   sorted(R.get_lexicon().month_by_name), sorted(R.get_lexicon().cardinal)])
def test_trie_is_the_same_alternation(words):
    alt = R.alternation(words)
    tree = R._trie(alt)
    assert tree is not None and tree != alt
    flat, trie = re.compile(alt), re.compile(tree)
    samples = set()
    for w in words:
        for v in (w, w.replace(" ", "\u200c"), w.replace(" ", ""), w + "ی", w[:-1], w.replace(".", " . ")):
            samples.add(v)
    hits = 0
    for s in samples:
        for k in range(len(s) + 1):  # (every prefix: the same strings, word by word)
            assert bool(flat.fullmatch(s[:k])) == bool(trie.fullmatch(s[:k])), s[:k]
            hits += bool(flat.fullmatch(s[:k]))
    assert hits >= len(words)


def test_trie_refuses_what_it_does_not_read():
    assert R._trie("(?:a|b(?:c))") is None
    assert R._trie("a|b") is None


def test_drop_lookarounds_and_cut():
    p = r"(?=[ab])(?<![x])a(?!b)(?P<w>c|d)(?:e)?"
    assert R._drop_lookarounds(p) == r"a(?P<w>c|d)(?:e)?"
    assert R._drop_lookarounds(r"a(?=b)?") is None
    assert R._cut_after(p, "w") == r"(?=[ab])(?<![x])a(?!b)(?P<w>c|d)"
    assert R._cut_after(r"(?:a(?P<w>b))c", "w") == r"(?:a(?P<w>b))c"  # nested: kept whole


def test_needles_written_as_trees_find_the_flat_needles_hits():
    """A rule's needle pattern (the literal pieces of its words) is written as a tree of common
    beginnings: at every position it matches exactly where the flat list of pieces matches."""
    g = R.grammar()
    needles = {n.pattern: n for _, _, n in g.rules if n is not None}
    assert len(needles) >= 6
    texts = _texts(60, 11) + ["ا" * 300 + "آبان", "اردیبهشت اسفند اکتبر", ""]
    checked = 0
    for pattern in needles.values():
        pieces = R._needle_pieces(pattern)
        flat = re.compile("|".join(re.escape(p) for p in sorted(pieces, key=lambda p: (-len(p), p))))
        assert pattern.pattern != flat.pattern
        for text in texts:
            for pos in range(len(text)):
                assert bool(pattern.match(text, pos)) == bool(flat.match(text, pos)), (text, pos)
            assert [m.start() for m in pattern.finditer(text)][:1] == [m.start() for m in flat.finditer(text)][:1]
            checked += 1
    assert checked > 300


def test_lines_held_are_looked_for_once_per_needle():
    text = normalize("۱۹ آبان\nهیچ\nدی ماه و مهر\n\nسال ۱۴۰۰")
    idx = R._LineIndex(text)
    needle = R._needle_pattern(R.get_lexicon().month_by_name)
    first = idx.holding(needle)
    assert first == [(0, 8), (12, 25)] and idx.holding(needle) is first
    assert R._LineIndex(text).holding(re.compile(needle.pattern)) == first


def test_needles_skip_no_line_with_a_match(monkeypatch):
    """The rules run only on lines holding their needles (the relative-year and «moments ago»
    rules too): the same mentions as running every rule on every line."""
    g = R.grammar()
    names = {b.__name__ for _, b, n in g.rules if n is not None}
    assert {"_rel_year", "_moments_ago", "_dmy", "_month"} <= names
    texts = ["\n".join(_texts(6, seed)) for seed in range(40)] + [normalize(
        "دقایقی پیش\nامسال میلادی و پارسال\nچند ساعت قبل، لحظه‌ای پیش")]
    with_needles = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    monkeypatch.setattr(R._LineIndex, "holding", lambda self, needles: [(0, len(self.text))])
    whole = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    assert sum(map(len, whole)) > 300
    assert sum(m[3] in ("دقایقی پیش", "امسال", "پارسال", "چند ساعت قبل") for ms in whole for m in ms) >= 4
    assert with_needles == whole
