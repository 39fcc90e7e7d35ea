"""Normalizer: the before/after table mined from real news, and offset alignment."""

from pathlib import Path

import pytest

from persian_ie.document import Document
from persian_ie.normalize import AlignedText, Normalizer, fold_digits, normalize

TABLE = Path(__file__).parent / "data" / "normalizer_cases.tsv"


def _cases():
    rows = []
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        before, after = line.split("\t")
        rows.append((before.replace("<z>", "\u200c"), after.replace("<z>", "\u200c")))
    return rows


CASES = _cases()


def test_table_is_large_enough():
    assert len(CASES) >= 60


@pytest.mark.parametrize("before,after", CASES, ids=[c[0][:25] for c in CASES])
def test_normalizer_table(before, after):
    assert normalize(before) == after


@pytest.mark.parametrize("before,after", CASES, ids=[c[0][:25] for c in CASES])
def test_every_word_maps_back_to_the_original(before, after):
    doc = Normalizer()(Document(before))
    align = doc.alignment
    for i in range(len(doc.norm)):
        s, e = align.to_original(i, i + 1)
        assert 0 <= s <= e <= len(before)
    # each normalized word maps to an original slice that normalizes back to it
    for word_start, word_end in _word_spans(doc.norm):
        s, e = align.to_original(word_start, word_end)
        assert normalize(before[s:e]).strip() == doc.norm[word_start:word_end].strip()


def _word_spans(text):
    import regex

    return [m.span() for m in regex.finditer(r"[\p{L}\u200c]+", text)]


def test_repair_can_be_switched_off():
    assert Normalizer(repair_zwnj=False).normalize("همکاریها").text == "همکاریها"
    assert Normalizer(repair_zwnj=True).normalize("همکاریها").text == "همکاری\u200cها"


def test_fold_digits():
    assert fold_digits("۱۴۰۴/۰۸/۱۹ و ١٩") == "1404/08/19 و 19"


def test_aligned_text_sub_insertion_and_deletion():
    import regex

    text = AlignedText.of("ab  cd")
    out = text.sub(regex.compile(r" +"), lambda m: " ")
    assert out.text == "ab cd"
    assert (out.starts[3], out.ends[3]) == (4, 5)  # 'c' still points at original index 4
    ins = AlignedText.of("abcd").sub(regex.compile(r"(?<=b)(?=c)"), lambda m: "-")
    assert ins.text == "ab-cd"
    assert ins.starts[2] == ins.ends[2] == 2  # inserted: zero width in the original


def test_normalize_rejects_non_text():
    with pytest.raises(TypeError, match="bytes"):
        normalize(b"abc")


def test_control_characters_and_bidi_marks_removed():
    assert normalize("سلام\u200f\u202b دنیا\x07") == "سلام دنیا"


def test_crlf_and_exotic_spaces():
    assert normalize("الف\u00a0\u2003ب\tج") == "الف ب ج"


def test_windows_line_breaks_become_one_newline():
    doc = Normalizer()(Document("الف\r\nب\rج"))
    assert doc.norm == "الف\nب\nج"
    assert doc.span_from_norm(4, 5).text == "ب"


@pytest.mark.parametrize("before, after", [
    ("به گزارشخبرگزاری مهربه نقل از ایرنا، وزیر", "به گزارش خبرگزاری مهر به نقل از ایرنا، وزیر"),
    ("به گزارشمهربه نقل از", "به گزارش مهر به نقل از"),
    ("به گزارشروز نو، وزیر گفت", "به گزارش روز نو، وزیر گفت"),
    # real words and the unglued lead stay as they are
    ("به گزارشی که منتشر شد", "به گزارشی که منتشر شد"),
    ("به گزارشگر گفت", "به گزارشگر گفت"),
    ("به گزارشات توجه کرد", "به گزارشات توجه کرد"),
    ("به گزارش خبرگزاری مهر به نقل از ایرنا", "به گزارش خبرگزاری مهر به نقل از ایرنا"),
    ("بنا به گزارش ایرنا، تجربه نقل از", "بنا به گزارش ایرنا، تجربه نقل از"),
])
def test_news_lead_glued_to_its_source(before, after):
    assert normalize(before) == after


def test_glued_lead_source_spans_map_into_the_glued_original():
    from persian_ie import Pipeline

    text = "به گزارشخبرگزاری مهربه نقل از ایرنا، وزیر امور خارجه سخن گفت."
    doc = Pipeline(stages=["normalize", "segment"])(text).doc
    words = [text[t.start:t.end] for t in doc.tokens]
    assert words[:6] == ["به", "گزارش", "خبرگزاری", "مهر", "به", "نقل"]
