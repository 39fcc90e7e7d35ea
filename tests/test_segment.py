import pytest

from persian_ie.document import Document
from persian_ie.normalize import Normalizer
from persian_ie.segment import Segmenter, sentence_spans, word_spans


def run(text):
    return Segmenter()(Normalizer()(Document(text)))


def test_sentences_split_on_marks_and_lines():
    doc = run("زاکانی گفت: سلام. وی افزود! آیا آمد؟\nخبر تازه")
    assert [s.text for s in doc.sentences] == ["زاکانی گفت: سلام.", "وی افزود!", "آیا آمد؟", "خبر تازه"]


def test_decimal_and_dates_stay_whole():
    doc = run("نرخ ۳.۵ درصد در ۱۴۰۴/۰۸/۱۹ ساعت 10:30 بود.")
    words = [t.text for t in doc.tokens]
    assert "۳.۵" in words and "۱۴۰۴/۰۸/۱۹" in words and "10:30" in words
    assert len(doc.sentences) == 1


def test_zwnj_words_are_one_token():
    doc = run("می‌خواهم همکاریها را ببینم")
    assert [t.norm for t in doc.tokens][:2] == ["می\u200cخواهم", "همکاری\u200cها"]
    assert doc.tokens[1].text == "همکاریها"


def test_abbreviation_does_not_end_sentence():
    assert len(sentence_spans("سال ۱۴۰۴ ه.ش. آغاز شد")) == 1


def test_token_offsets_index_original():
    text = "امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴- در دیدار «دیمتری کالتسوف»"
    doc = run(text)
    for tok in doc.tokens:
        assert text[tok.start:tok.end] == tok.text
    assert [t.text for t in doc.tokens][:3] == ["امروز", "-", "دوشنبه"]
    assert doc.tokens[doc.sentences[0].token_end - 1].text == "»"


def test_punctuation_is_separate():
    assert word_spans("الف،ب") == [(0, 3), (3, 4), (4, 5)]


@pytest.mark.parametrize("text", ["", "   ", "\n\n"])
def test_empty(text):
    assert sentence_spans(text) == []
