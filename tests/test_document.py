import pytest

from persian_ie.document import Alignment, Document, Span
from persian_ie.normalize import Normalizer


def test_document_rejects_non_text():
    with pytest.raises(TypeError, match="NoneType"):
        Document(None)


def test_identity_alignment_round_trip():
    align = Alignment.identity("سلام")
    assert align.to_original(1, 3) == (1, 3)
    assert align.to_normalized(1, 3) == (1, 3)


def test_alignment_out_of_range():
    with pytest.raises(IndexError):
        Alignment.identity("abc").to_original(2, 9)


def test_span_from_norm_points_into_the_original():
    text = "  رئيسجمهور   گفت: همكاريها ادامه دارد"
    doc = Normalizer()(Document(text))
    assert doc.norm.startswith("رئیس\u200cجمهور گفت: همکاری\u200cها")
    i = doc.norm.index("همکاری")
    span = doc.span_from_norm(i, i + len("همکاری\u200cها"), label="X")
    assert span.text == text[span.start:span.end] == "همكاريها"
    assert span.normalized == "همکاری\u200cها"
    assert doc.norm_span(span) == (i, i + len("همکاری\u200cها"))


def test_span_from_norm_trims_whitespace():
    doc = Normalizer()(Document("الف   ب"))
    span = doc.span_from_norm(0, len(doc.norm))
    assert span.text == "الف   ب" and span.start == 0 and span.end == 7


def test_span_dicts():
    span = Span("تهران", 3, 8, label="LOC")
    assert span.to_dict() == {"text": "تهران", "start": 3, "end": 8, "normalized": "تهران"}
    # without a stage-given form, the library's normalizer gives one (Arabic ي → Persian ی)
    assert Span("حسن روحاني", 0, 10).to_dict()["normalized"] == "حسن روحانی"
    assert Span.from_dict(span.to_entity_dict()) == Span("تهران", 3, 8, label="LOC", normalized="تهران")
    assert span.to_entity_dict()["normalized"] == "تهران"
    assert span.overlaps(Span("ران", 5, 8)) and not span.overlaps(Span("x", 8, 9))


def test_sentence_of_finds_the_sentence():
    from persian_ie.segment import Segmenter

    doc = Segmenter()(Normalizer()(Document("جمله اول است. جمله دوم است.")))
    second = doc.sentences[1]
    assert doc.sentence_of(second.start + 2) is second
    assert doc.sentence_of(10_000) is None


def test_pickle_round_trip_keeps_tokens_alignment_and_spans():
    """A document crosses a process boundary (``pipe(n_process=N)``) with packed tokens
    and offsets and comes back equal."""
    import pickle

    from persian_ie import Pipeline

    nlp = Pipeline(stages=["normalize", "segment"])
    doc = nlp("سفير روسيه  در تهران، گفت: «ديدار» ۱۹ آبان ۱۴۰۴ انجام شد.\nبند دوم").doc
    doc.entities.append(doc.span_from_norm(0, 4, label="ROLE"))
    back = pickle.loads(pickle.dumps(doc))
    assert back.tokens == doc.tokens and back.sentences == doc.sentences
    assert (back.text, back.norm) == (doc.text, doc.norm)
    assert back.alignment.starts == doc.alignment.starts and back.alignment.ends == doc.alignment.ends
    assert [(e.text, e.start, e.end, e.label) for e in back.entities] == \
        [(e.text, e.start, e.end, e.label) for e in doc.entities]
    # a hand-made token that is not a slice of the text travels as it is
    doc.tokens[0].text = "x"
    assert pickle.loads(pickle.dumps(doc)).tokens[0].text == "x"


def _unpickled_doc():
    import pickle

    from persian_ie import Pipeline

    nlp = Pipeline(stages=["normalize", "segment"])
    doc = nlp("سفير روسيه  در تهران، گفت: «ديدار» ۱۹ آبان ۱۴۰۴ انجام شد.\nبند دوم").doc
    return doc, pickle.loads(pickle.dumps(doc))


def test_unpickled_tokens_are_made_on_first_use_only():
    """A result that crossed a process boundary and is only written out (``to_dict``)
    never builds its Token objects; asking for them builds them once, equal to the sent ones."""
    doc, back = _unpickled_doc()
    assert "tokens" not in vars(back)
    from persian_ie.result import Result

    assert Result(back).to_dict() == Result(doc).to_dict()
    assert "tokens" not in vars(back)
    tokens = back.tokens
    assert tokens == doc.tokens and back.tokens is tokens
    assert "tokens" in vars(back) and "_packed_tokens" not in vars(back)


def test_unpickled_document_travels_again_and_copies_unchanged():
    import copy
    import pickle

    doc, back = _unpickled_doc()
    again = pickle.loads(pickle.dumps(back))  # never unpacked in between
    assert again.tokens == doc.tokens and again.sentences == doc.sentences
    assert copy.deepcopy(back).tokens == doc.tokens


def test_a_missing_attribute_is_still_an_attribute_error():
    doc, back = _unpickled_doc()
    for d in (doc, back):
        assert not hasattr(d, "no_such_field")
        with pytest.raises(AttributeError, match="no_such_field"):
            d.no_such_field  # noqa: B018


def test_a_lookup_that_missed_before_another_thread_unpacked_gets_the_tokens():
    """The race of the stress test below, made deterministic: thread B's normal lookup of
    ``tokens`` misses, thread A unpacks them (stores the list, drops the packed form), then B
    reaches ``__getattr__``: it must get A's list, not an AttributeError."""
    import pickle

    from persian_ie import Pipeline

    doc = Pipeline(stages=["normalize", "segment"])("سفیر روسیه در تهران گفت دیدار انجام شد.").doc
    back = pickle.loads(pickle.dumps(doc))
    first = back.tokens  # thread A
    assert back.__getattr__("tokens") is first  # thread B, arriving late
    with pytest.raises(AttributeError):
        back.__getattr__("no_such_attribute")


def test_threads_unpacking_one_document_share_one_token_list():
    """Several threads reading ``tokens`` of the same unpickled document at once all get
    the one list the document keeps (a stress test: thread switches forced very often)."""
    import pickle
    import sys
    import threading

    from persian_ie import Pipeline

    doc = Pipeline(stages=["normalize", "segment"])("سفیر روسیه در تهران گفت دیدار انجام شد. " * 50).doc
    blob = pickle.dumps(doc)
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(200):
            back = pickle.loads(blob)
            got, errors = [], []

            def read():
                try:
                    got.append(back.tokens)
                except Exception as exc:  # noqa: BLE001 - collected for the assert
                    errors.append(exc)

            threads = [threading.Thread(target=read) for _ in range(4)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            assert not errors
            assert all(g is back.tokens for g in got) and back.tokens == doc.tokens
    finally:
        sys.setswitchinterval(old)
