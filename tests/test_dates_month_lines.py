"""The day–month and month rules scan only the lines holding a month name they could take
(``grammar().lines``, :class:`_MonthWords`), not every line holding a piece of a month name:
«می»، «دی» and «مه» are in most lines of news (verbs, words ending in «ی»), and the two rules
cost ~0.1 µs a character of the lines they scan."""

import importlib

import pytest

from persian_ie.normalize import normalize

from test_dates_start_filters import _texts

R = importlib.import_module("persian_ie.dates.recognize")  # the module (the package exports a function of that name)


def _month_rules():
    g = R.grammar()
    return g, [i for i, (_, build, _) in enumerate(g.rules) if build in (R._dmy, R._month)]


def test_the_month_rules_have_a_sharper_line_finder():
    g, idx = _month_rules()
    assert len(idx) == 2 and sorted(g.lines) == idx
    assert g.lines[idx[0]] is g.lines[idx[1]]  # (one look per text for both)
    assert R.grammar(leads=False).lines == {}


def test_lines_with_only_verbs_and_words_ending_in_a_month_piece_are_skipped():
    g, idx = _month_rules()
    text = normalize("او می‌گوید که این کار را می‌کند.\nنظر رسمی و جدی همه مردم\n"
                     "نامه‌ای از دی ماه\n۱۹ دی ۱۴۰۳ برگزار شد\nدر ماه مه امسال")
    lines = R._LineIndex(text)
    held = [text[a:b].strip() for a, b in lines.holding(g.lines[idx[0]])]
    assert held == ["نامه‌ای از دی ماه", "۱۹ دی ۱۴۰۳ برگزار شد", "در ماه مه امسال"]
    # the needles (pieces of the month names) hold every line
    assert len(lines.holding(g.rules[idx[0]][2])) == 5


@pytest.mark.parametrize("text", [
    "دهمدی ۱۴۰۰", "بیستمآبان", "روز پنجماسفند ماه", "۵ می‌در تهران", "۵ می‌ماه", "۵ می\u200cسال ۲۰۲۰",
    "یازدهم‌دی‌ماه", "سیزدهمینمهر", "۱۲ دی\u200cگذشته", "مهر\u200c۱۴۰۲", "اواخر دی\u200cامسال", "دی\u200cمیلادی",
])
def test_glued_and_joined_month_names_are_found(text):
    """A day word written against the month, a month joined by a ZWNJ to what the rules take
    after it: their lines are held, and the mentions are those of a scan of every line."""
    g, idx = _month_rules()
    text = normalize(text)
    found = [m for i in idx for m in g.rules[i][0].finditer(text)]
    assert found, text
    assert R._LineIndex(text).holding(g.lines[idx[0]]) == [(0, len(text))]


@pytest.mark.parametrize("seed", range(6))
def test_no_line_with_a_month_rule_match_is_skipped(seed):
    """Every match of the two rules (scanning whole texts dense in number words, month names,
    verbs and glued words) lies in a line the finder holds."""
    g, idx = _month_rules()
    finder = g.lines[idx[0]]
    checked = glued = 0
    for text in ["\n".join(_texts(5, seed * 100 + k)) for k in range(60)]:
        held = R._LineIndex(text).holding(finder)
        for i in idx:
            for m in g.rules[i][0].finditer(text):
                assert any(a <= m.start() and m.end() <= b for a, b in held), (g.rules[i][1].__name__, m.group())
                checked += 1
                month = m.start("month")
                glued += month > 0 and text[month - 1] in R._SURE_LETTER_SET
    assert checked > 200
    assert seed or glued > 0  # (a day word against the month is among them)


@pytest.mark.parametrize("seed", range(3))
def test_one_scan_finds_every_needles_lines(seed):
    """The rules' needles are looked for in one scan (``grammar().needles``): the lines entered
    for each are those its own pattern finds, line by line."""
    g = R.grammar()
    scanned = {n.pattern: n for i, (_, _, n) in enumerate(g.rules) if n is not None and i not in g.lines}
    assert g.needles is not None and sorted(scanned) == g.needles.keys and len(scanned) >= 8
    texts = ["\n".join(_texts(8, seed * 50 + k)) for k in range(50)] + [
        normalize("دقایقی پیش\nامسال و پارسال\n\nشبانه روز، ساعت ۱۰ صبح\nعید فطر\nدهه ۶۰ و قرن بیستم"), "", "\n"]
    entered = 0
    for text in texts:
        filled = R._LineIndex(text)
        g.needles.fill(filled)
        for key, needle in scanned.items():
            assert filled.holding(needle) == R._LineIndex(text)._holding(needle), (key[:40], text)
            entered += len(filled.holding(needle))
    assert entered > 300


def test_past_verbs_read_without_folding_every_word():
    """``is_past`` and ``present_only`` read the last part of each word of the clause
    (``_any_past``): the part ``fold_key`` would give, ZWNJs first, doubled or last included."""
    from persian_ie.dates.lexicon import fold_key

    lex = R.get_lexicon()
    words = ["کرد", "سفر\u200cکرد", "کرده\u200c", "\u200c", "می\u200c\u200cرود", "بود\u200c\u200c", "رفت", "دیدار"]
    for w in words:
        assert (fold_key(w).split(" ")[-1] in lex.past_verbs or fold_key(w).split(" ")[-1] in R._PAST_STEM_END) \
            == R._any_past([w], lex.past_verbs), w
    assert R._any_past(["سفر\u200cکرد"], lex.past_verbs) and not R._any_past(["می\u200cرود", "\u200c"], lex.past_verbs)
    text = normalize("دیروز به تهران سفر کرد")
    assert R.is_past(text, 0, 5)


@pytest.mark.parametrize("near", [9, 30])
def test_clause_tests_far_from_the_mention_are_those_of_the_plain_scans(near, monkeypatch):
    """A clause end or a future marker farther than ``_NEAR`` from a mention is found through the
    text's index (a long text without punctuation made every mention scan the rest of it): the
    same answers as the plain scans (``_NEAR`` larger than any text)."""
    texts = [" ".join(_texts(6, 700 + k)).replace("\n", " ") for k in range(40)] + [
        normalize("دیروز گفت که فردا به تهران خواهد رفت و قرار است امروز دیدار کند ولی امروز ۱۵۰ رشته وجود دارد"),
        normalize("امروز " * 30 + "خواهد آمد"), normalize("قرار است " + "روز دوشنبه " * 20 + "؛ پایان")]
    probes = []
    for text in texts:
        rnd_points = range(0, len(text), 7)
        probes.append((text, [(a, min(len(text), a + 5)) for a in rnd_points]))

    def answers():
        out = []
        for text, spans in probes:
            for a, b in spans:
                out.append((R.is_future(text, a, b), R.is_past(text, a, b), R.present_only(text, a, b),
                            R._next_clause_end(text, a)))
            out.append([(m.start, m.end, m.kind) for m in R.recognize(text)])
        return out

    monkeypatch.setattr(R, "_NEAR", 10 ** 9)
    plain = answers()
    monkeypatch.setattr(R, "_NEAR", near)
    R._LAST_INDEX[0] = None
    assert answers() == plain
    assert sum(a[0] for a in plain if isinstance(a, tuple)) > 20  # (futures among them)


def test_a_long_text_without_punctuation_stays_linear(monkeypatch):
    """Characters the clause-end scans read grow with the text (every mention scanned the rest
    of a text without punctuation: 4x the reading for 2x the text)."""
    from persian_ie import Pipeline

    class Counting:
        def __init__(self, pattern):
            self.pattern, self.read = pattern, 0

        def search(self, text, pos=0, endpos=None):
            endpos = len(text) if endpos is None else endpos
            self.read += max(0, endpos - pos)
            return self.pattern.search(text, pos, endpos)

        def finditer(self, text, pos=0, endpos=None, overlapped=False):
            endpos = len(text) if endpos is None else endpos
            self.read += max(0, endpos - pos)
            return self.pattern.finditer(text, pos, endpos, overlapped=overlapped)

    nlp = Pipeline(stages=["normalize", "segment", "dates"])
    unit = "همه می‌شود جدی ۵ می‌در دهمدی مه\u200cامسال خواهد آمد "
    read = []
    for n in (20_000, 40_000):
        counting = Counting(R._CLAUSE_END)
        monkeypatch.setattr(R, "_CLAUSE_END", counting)
        nlp((unit * (n // len(unit) + 1))[:n])
        read.append(counting.read)
    assert read[1] < 2.5 * read[0], read
