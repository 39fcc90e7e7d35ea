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
