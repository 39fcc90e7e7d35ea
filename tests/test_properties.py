"""Property test: for arbitrary input nothing raises and every span is an exact slice."""

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import persian_ie

ALPHABET = (
    "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیيكىةۀأإؤئءآ"
    "۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩0123456789"
    "\u200c\u200d\u200e\u200f\u202b\u064e\u0651\u0640\ufeff"
    ".,،؛:!?؟«»()[]-–|/\"'…٪%"
    " \n\t\r\u00a0\u2003"
    "\x00\x07\x1b\x7f\x85"
    "😀🇮🇷👍"
    "ﻻﺏﷲ"
    "abcXYZ"
)
WORDS = ["دیدار", "سفیر", "بلاروس", "تهران", "۱۹", "آبان", "۱۴۰۴", "دوشنبه", "امروز", "همکاریها",
         "رئیسجمهور", "می شود", "کتاب ها", "-", "«", "»", "|", "ساعت", "۱۰:۳۰", "شهردار"]

texts = st.one_of(
    st.text(alphabet=ALPHABET, max_size=120),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(alphabet=ALPHABET, max_size=4)), max_size=30)
    .map(lambda parts: " ".join(parts)),
)


def _spans(d):
    for ent in d["entities"]:
        yield ent
    for date in d["dates"]:
        yield date
    for ev in d["events"]:
        yield ev["trigger"]
        if ev["date"]:
            yield ev["date"]
        if ev["location"]:
            yield ev["location"]
        for p in ev["participants"]:
            for key in ("name", "role", "organization"):
                if p[key]:
                    yield p[key]
        for t in ev["topics"]:
            yield t


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
def test_spans_are_exact_slices(text):
    result = persian_ie.extract(text, published="1404-08-19")
    doc = result.doc
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
        assert 0 <= tok.start <= tok.end <= len(text)
    for sent in doc.sentences:
        assert text[sent.start:sent.end] == sent.text
    d = result.to_dict()
    for span in _spans(d):
        assert text[span["start"]:span["end"]] == span["text"]
    for ev in d["events"]:
        assert 0 <= ev["sentence"]["start"] <= ev["sentence"]["end"] <= len(text)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ALPHABET, max_size=80))
@example("ﷲإ")  # ZWNJ inserted inside a ligature's expansion (الل‌ها) once mapped backwards
def test_alignment_is_monotonic_and_in_range(text):
    from persian_ie.document import Document
    from persian_ie.normalize import Normalizer

    align = Normalizer()(Document(text)).alignment
    assert all(a <= b for a, b in zip(align.starts, align.starts[1:]))
    assert all(s <= e <= len(text) for s, e in zip(align.starts, align.ends))
