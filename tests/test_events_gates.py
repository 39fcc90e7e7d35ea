"""Literal gates (persian_ie.events.gates) never change what a pattern finds."""

import random

import regex

from persian_ie import normalize
from persian_ie.events import arguments, gates, status
from persian_ie.events.lexicon import Lexicon

TEXT = normalize(
    "به گزارش ایرنا، وزیر خارجه پیشنهاد کرد که نشست مشترک برای بررسی همکاری‌ها در هفته آینده برگزار شود. "
    "قرار است فردا دو کشور تفاهم‌نامه‌ای را که پیش از این امضا شده بود اجرا کنند؛ رئیس‌جمهور خواستار برگزاری "
    "اجلاس شد و آمادگی ایران برای امضای قرارداد را اعلام کرد. در حالی برگزار شد که دیدار لغو نشده بود. "
    "وی با سعودی‌ها و میان سه کشور در محل وزارت امور خارجه دیدار کرد و پیشنهادی شد. برنامه‌ریزی شده است. "
    "در تماس تلفنی با همتای خود گفت‌وگو کرد و تفاهم‌نامه همکاری امضا شد؛ سفر رئیس‌جمهور به مسکو و نشست مشترک "
    "کارگروه مشترک، مذاکرات و رایزنی‌ها، تقدیم استوارنامه و به توافق رسیدند."
)


def _patterns():
    lex = Lexicon.default()
    pats = list(lex.proposed_before) + list(lex.proposed_after) + list(lex.planned_before) + list(lex.background)
    pats += [h.pattern for h in lex.heads]
    pats += [status._PROPOSED_BY, arguments._DEMONYM_PLURAL, arguments._COUNTED_COUNTRIES, arguments._VENUE]
    return pats


def test_gated_search_finds_what_the_pattern_finds():
    rnd = random.Random(11)
    pats = _patterns()
    whole, half = gates.Gate(TEXT), gates.Gate(TEXT[: len(TEXT) // 2])
    assert sum(gates.literals(p) is not None for p in pats) >= len(pats) - 4  # the gates are in use
    assert any(p.search(TEXT) for p in pats)  # (the text holds matches)
    for p in pats:
        assert [m.span() for m in gates.finditer(p, TEXT)] == [m.span() for m in p.finditer(TEXT)], p.pattern
        for _ in range(300):
            a = rnd.randrange(0, len(TEXT) + 1)
            b = rnd.randrange(a, len(TEXT) + 1)
            got, want = gates.search(p, TEXT[a:b]), p.search(TEXT[a:b])
            assert (got and got.span()) == (want and want.span()), (p.pattern, a, b)
            got, want = gates.search(p, TEXT, a, b), p.search(TEXT, a, b)
            assert (got and got.span()) == (want and want.span()), (p.pattern, a, b)
            for gate in (whole, half):  # a document's gate, on windows of that document
                text = gate.whole
                a2, b2 = min(a, len(text)), min(b, len(text))
                got, want = gate.search(p, text[a2:b2]), p.search(text[a2:b2])
                assert (got and got.span()) == (want and want.span()), (p.pattern, a2, b2)


def test_literals_are_conservative():
    assert gates.literals(regex.compile(r"(?:a|b)?c")) is None  # an optional first group
    assert gates.literals(regex.compile(r"a|bc")) == ("a", "bc")  # alternatives at the top
    assert gates.literals(regex.compile(r"a|(?:b)?c")) is None  # (one side has no gate)
    assert gates.literals(regex.compile(r"(?P<x>(?:ab|c)d)e")) == ("ab", "c")  # nested groups
    assert gates.literals(regex.compile(r"(?>ab)c")) is None  # an atomic group
    assert gates.literals(regex.compile(r"[ab]c")) is None  # a class first
    assert gates.literals(regex.compile(r"(?i)abc")) is None  # flags
    assert gates.literals(regex.compile(r"ab?c")) == ("a",)  # «b» may be absent
    assert gates.literals(regex.compile(r"ab+c")) == ("ab",)
    assert gates.literals(regex.compile(r"(?<!x)(?=ab)abc")) == ("abc",)
    assert gates.literals(regex.compile(r"(?:ab|c(?:d|e))f")) == ("ab", "c")
    assert gates.search(regex.compile(r"abc"), "xxabcxx", 3) is None
    assert gates.search(regex.compile(r"abc"), "xxabcxx", 2, 5).span() == (2, 5)


def test_a_document_without_the_words_shuts_the_gate():
    lex = Lexicon.default()
    gate = gates.Gate(normalize("دیدار دیدار دیدار"))
    assert all(gate.literals(p) == () for p in lex.planned_before)
    assert gate.search(lex.planned_before[0], "دیدار") is None


def test_required_literals_are_held_by_every_match():
    """``gates.required``: a literal every match holds somewhere (not only at its start); the
    events stage looks for it once per document to skip the sentences a pattern cannot match."""
    from persian_ie.events import people, triggers

    rnd = random.Random(5)
    pats = _patterns() + [triggers.ANAPHOR_RE, triggers._ROUNDUP, people._PLURAL_RE, people._QUANTIFIED,
                          people._DELEGATION]
    known = [p for p in pats if gates.required(p) is not None]
    assert len(known) >= len(pats) - 4
    words = TEXT.split()
    texts = [TEXT] + [" ".join(rnd.choice(words) for _ in range(rnd.randint(5, 40))) for _ in range(300)]
    matched = 0
    for p in known:
        lits = gates.required(p)
        for text in texts:
            for m in p.finditer(text):
                assert any(lit in m.group() for lit in lits), (p.pattern[:60], m.group(), lits)
                matched += 1
    assert matched > 500


def test_required_literals_are_sharper_than_the_first_ones():
    lex = Lexicon.default()
    phone = next(h.pattern for h in lex.heads if h.pattern.pattern.count("به صورت") and "طی" in h.pattern.pattern)
    assert "در" in gates.literals(phone) and set(gates.required(phone)) <= {"تلفنی", "تلفن"}
    agree = next(h.pattern for h in lex.heads if "(?:به )?توافق" in h.pattern.pattern)
    assert gates.literals(agree) is None and gates.required(agree) == ("توافق ",)  # an optional first word
    assert gates._required(r"(?:a|b)?cd") == ("cd",)
    assert gates._required(r"a|bc") == ("a", "bc")
    assert gates._required(r"a|[bc]") is None  # (one side has none)
    assert gates._required(r"(?<!x)ab(?=cde)f") == ("ab",)  # a look-around ends a run
    assert gates._required(r"x{0,2}yz") == ("yz",) and gates._required(r"x{2}y") == ("x",)
    assert gates._required(r"ab?cde") == ("cde",) and gates._required(r"(?:ab)+c") == ("ab",)
    assert gates._required(r"\p{L}+abc\s") == ("abc",) and gates._required(r"a\.bc") == ("bc",)
    assert gates.required(regex.compile(r"(?i)abc")) is None and gates.required(regex.compile("abc", regex.I)) is None


def test_sentences_holding_a_required_literal():
    doc_text = normalize("نشست مشترک برگزار شد. او گفت کار ادامه دارد. در تماس تلفنی گفت‌وگو کردند.")

    class S:
        def __init__(self, a, b):
            self.nstart, self.nend = a, b

    ends = [i + 1 for i, c in enumerate(doc_text) if c == "."]
    sents = [S(a, b) for a, b in zip([0] + ends, ends)]
    gate = gates.Gate(doc_text)
    lex = Lexicon.default()
    phone = next(h.pattern for h in lex.heads if h.pattern.pattern.count("به صورت") and "طی" in h.pattern.pattern)
    assert gate.sentences(phone, sents) == frozenset({2})  # («در» is in none, «تلفن» in one)
    assert gate.sentences(phone, sents) is gate.sentences(phone, sents)  # (once per document)
    assert gate.sentences(regex.compile(r"[ab]"), sents) is None
    assert gate.sentences(regex.compile("مجمع"), sents) == frozenset()
    assert gate.sentences(phone, sents[::-1]) is None  # (not in order: every sentence)


def test_a_gate_asks_the_document_for_a_literal_once():
    """Patterns share their words (the trigger heads «تلفن»، «تشکیل» …): a document's gate
    looks for each literal once, for every pattern and both kinds of literals."""
    lex = Lexicon.default()
    gate = gates.Gate(TEXT)
    for h in lex.heads:
        gate.literals(h.pattern)
        gate.required(h.pattern)
    asked = dict(gate._holds)
    assert len(asked) >= 40 and all(v == (k in TEXT) for k, v in asked.items())
    lits = [lit for h in lex.heads for f in (gates.literals, gates.required) for lit in (f(h.pattern) or ())]
    assert len(lits) > len(asked) and set(lits) == set(asked)


def test_search_held_is_the_patterns_search():
    lex = Lexicon.default()
    gate = gates.Gate(TEXT)
    rnd = random.Random(2)
    hits = 0
    for _ in range(200):
        a = rnd.randrange(0, len(TEXT) + 1)
        b = rnd.randrange(a, len(TEXT) + 1)
        for h in lex.heads:
            got, want = gate.search_held(h.pattern, TEXT, a, b), h.pattern.search(TEXT, a, b)
            assert (got and got.span()) == (want and want.span()), (h.pattern.pattern[:40], a, b)
            hits += want is not None
    assert hits > 100
    quiet = gates.Gate(normalize("متنی بی‌ربط درباره هوا"))
    assert all(quiet.search_held(h.pattern, quiet.whole, 0, len(quiet.whole)) is None for h in lex.heads)
    assert set(quiet._holds) <= {lit for h in lex.heads for lit in (gates.required(h.pattern) or ())}
