"""Patterns the events stage runs over a window or a whole article are skipped where the text
holds none of the literals every match holds (``gates.required``): same finds as running them."""

import random

import pytest

from persian_ie import Pipeline, normalize
from persian_ie.events import dates_fallback, gates, topics
from persian_ie.events.lexicon import Lexicon

TEXTS = [
    "امروز دوشنبه ۱۹ آبان ۱۴۰۴ وزیر خارجه با همتای خود دیدار کرد.",
    "دیروز - سه‌شنبه - نشست دو طرف برگزار شد و روز چهارشنبه گذشته نیز تماس تلفنی داشتند.",
    "شامگاه جمعه ۲ دی ماه سال ۱۴۰۳ تفاهم‌نامه‌ای امضا شد؛ فردا سفر آغاز می‌شود.",
    "دقایقی پیش رئیس‌جمهور وارد مسکو شد و درباره همکاری‌های اقتصادی و تجاری گفت‌وگو کرد.",
    "دو طرف بر گسترش روابط در زمینه کشاورزی تاکید کردند و موضوعات منطقه‌ای را بررسی کردند.",
    "این متن هیچ تاریخی ندارد و فقط درباره ورزش است.",
]


@pytest.fixture(scope="module")
def docs():
    nlp = Pipeline(stages=["normalize", "segment"])
    rnd = random.Random(3)
    words = " ".join(TEXTS).split()
    texts = TEXTS + [" ".join(rnd.choice(words) for _ in range(rnd.randint(4, 60))) for _ in range(150)]
    return [nlp(t).doc for t in texts]


def test_fallback_dates_are_those_of_the_plain_scans(docs, monkeypatch):
    def values(d):
        return [(v.span.start, v.span.end, v.jalali, v.relative, dict(v.attrs)) for v in dates_fallback.find_dates(d)]

    gated = [values(d) for d in docs]
    assert sum(map(len, gated)) > 100
    monkeypatch.setattr(dates_fallback, "_finditer", lambda pat, norm, digits=False: pat.finditer(norm))
    assert [values(d) for d in docs] == gated


def test_fallback_skips_a_text_without_its_words():
    text = normalize("این متن هیچ تاریخی ندارد؛ گزارشی درباره ورزش و اقتصاد است.")
    assert dates_fallback._finditer(dates_fallback._REL, text) == ()
    assert dates_fallback._finditer(dates_fallback._BARE_WD, text) == ()
    no_digit = normalize("دیدار در آبان ماه")
    assert dates_fallback._finditer(dates_fallback._FULL, no_digit, digits=True) == ()


def test_topic_cues_find_what_a_plain_scan_finds(docs, monkeypatch):
    gr = topics.grammar()
    cues = gr.after + gr.purpose + gr.before + gr.enclosed
    assert sum(gates.required(c) is not None for c in cues) >= len(cues) - 2
    rnd = random.Random(9)
    found = 0
    for d in docs:
        text = d.norm
        for _ in range(4):
            a = rnd.randrange(0, len(text) + 1)
            b = rnd.randrange(a, len(text) + 1)
            for cue in cues:
                got = [m.span() for m in topics._cue_finditer(cue, text, a, b)]
                assert got == [m.span() for m in cue.finditer(text, a, b)], (cue.pattern[:50], a, b)
                found += len(got)
    assert found > 20
    lex = Lexicon.default()
    text = normalize("این جمله درباره هیچ چیز نیست.")
    assert all(topics._cue_finditer(c, text, 0, len(text)) == () for c in gr.before) and lex is not None


def test_find_mentions_asks_the_sports_and_press_tests_only_at_a_trigger(docs, monkeypatch):
    """The sports title, the article's sports words and its press phrases are read at the first
    trigger only: an article without one reads none of them."""
    from persian_ie.events import triggers

    lex = Lexicon.default()
    calls = []
    real = triggers._sports_title
    monkeypatch.setattr(triggers, "_sports_title", lambda doc, lex: calls.append(doc) or real(doc, lex))
    quiet = Pipeline(stages=["normalize", "segment"])(TEXTS[-1]).doc
    assert triggers.find_mentions(quiet, lex) == [] and calls == []
    busy = Pipeline(stages=["normalize", "segment"])(TEXTS[0]).doc
    assert triggers.find_mentions(busy, lex) and len(calls) == 1


def test_an_article_without_a_trigger_reads_no_people(monkeypatch):
    """The trigger mentions are found first; an article without one gives no event, and its
    person units are not worked out (unless kept for inspection)."""
    from persian_ie.events import EventExtractor
    from persian_ie.events import extractor as ex

    nlp = Pipeline(stages=["normalize", "segment", "entities", "dates"])
    calls = []
    real = ex.people_of
    monkeypatch.setattr(ex, "people_of", lambda doc, lex: calls.append(doc) or real(doc, lex))
    events = EventExtractor()
    quiet = events(nlp(TEXTS[-1]).doc)
    assert quiet.events == [] and calls == [] and not any(k.startswith("_events_") for k in quiet.user_data)
    busy = events(nlp(TEXTS[0]).doc)
    assert busy.events and len(calls) == 1
    kept = nlp(TEXTS[-1]).doc
    kept.user_data["events.keep_units"] = True
    events(kept)
    assert len(calls) == 2 and "events.units" in kept.user_data
