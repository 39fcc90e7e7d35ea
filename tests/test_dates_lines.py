"""The date rules run only over the lines holding their words: same mentions as a scan of
the whole text, because no rule consumes a line break."""

import importlib

import pytest

from persian_ie.normalize import normalize

R = importlib.import_module("persian_ie.dates.recognize")  # the module (the package exports a function of that name)

TEXT = normalize(
    "زاکانی روز دوشنبه ۱۹ آبان ۱۴۰۴ با سفیر بلاروس دیدار کرد\n"
    "این دیدار در شبکه خبر پخش شد و ارسال گزارش آن امروز انجام شد\n"
    "سه روز پیش، ساعت ۱۰ صبح، نشستی برگزار شد؛ دو هفته بعد در فصل زمستان سال ۱۴۰۳ دوباره\n"
    "\n"
    "۱۹\nآبان ماه گذشته و دهه ۹۰ و عید نوروز ۱۴۰۴ و اواخر آبان\n"
    "بیست و دوم بهمن ۱۳۵۷ و ساعت ۲۲:۳۰ شب و حوالی ساعت ۸ بامداد و سه ربع ساعت"
)


def _consumes_line_break(pattern: str) -> bool:
    """A class or escape that could consume «\\n»: \\s, \\S, \\W, \\D, \\P, a negated set, a bare dot."""
    i, in_set = 0, False
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            if pattern[i + 1:i + 2] in ("s", "S", "W", "D", "P", "n", "X", "R", "N") and not in_set:
                return True
            if in_set and pattern[i + 1:i + 2] in ("s", "S", "W", "D", "P", "n"):
                return True
            i += 2
            continue
        if in_set:
            if c == "]":
                in_set = False
        elif c == "[":
            in_set = True
            if pattern[i + 1:i + 2] == "^":
                return True
            if pattern[i + 1:i + 2] == "]":
                i += 1
        elif c == ".":
            return True
        i += 1
    return False


def test_no_rule_with_needles_consumes_a_line_break():
    rules = R.grammar().rules
    assert sum(needles is not None for _, _, needles in rules) >= 8
    for pattern, build, needles in rules:
        if needles is not None:
            assert not _consumes_line_break(pattern.pattern), build.__name__
            assert pattern.flags & R.regex.DOTALL == 0 and not needles.flags & R.re.DOTALL


def test_lines_give_the_whole_texts_mentions(monkeypatch):
    lines = R.recognize(TEXT)
    assert len(lines) >= 10
    monkeypatch.setattr(R._LineIndex, "holding", lambda self, needles: [(0, len(self.text))])
    whole = R.recognize(TEXT)
    assert [(m.start, m.end, m.kind, m.text) for m in lines] == [(m.start, m.end, m.kind, m.text) for m in whole]


@pytest.mark.parametrize("text", ["", "\n", "آبان", "\nآبان\n", "سال\n\nماه", "دی\nدی ماه"])
def test_line_bounds(text):
    idx = R._LineIndex(text)
    spans = idx.holding(R.regex.compile("آبان|ماه|دی|سال"))
    assert all(0 <= a < b <= len(text) for a, b in spans)
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))
    for a, b in spans:
        assert text[a:b].rstrip("\n").count("\n") == 0


def _table_texts():
    from pathlib import Path
    out = []
    for name in ("date_expressions.tsv", "date_expressions_hard.tsv"):
        for line in (Path(__file__).parent / "data" / name).read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                out.append(normalize(line.split("\t")[1] if "\t" in line else line))
    return out


def test_leads_skip_no_match(monkeypatch):
    """The rules' start lookaheads (``_lead``) only skip positions where no match starts: the
    same mentions as the grammar without them, on the date tables and a text dense in
    number words, digits and month names."""
    texts = _table_texts() + [TEXT, normalize(
        "یک و دو و سه و بیست و یکم دی‌ماه ۱۴۰۳ و ۱۹آبان و دوم مهرماه سال گذشته، ده‌ها سال پیش، "
        "نیم ساعت و چند روز بعد، در ۱۴۰۲ و انتخابات ۱۴۰۰، مورخه ۵ اکتبر ۲۰۱۸ میلادی، اواخر آبان")]
    assert len(texts) > 200
    with_leads = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    plain = R.grammar(leads=False)
    assert [p.pattern for p, _, _ in plain.rules] != [p.pattern for p, _, _ in R.grammar().rules]
    monkeypatch.setattr(R, "grammar", lambda leads=True: plain)
    without = [[(m.start, m.end, m.kind, m.text) for m in R.recognize(t)] for t in texts]
    assert sum(map(len, without)) > 250
    assert with_leads == without


@pytest.mark.parametrize("words", [[" x"], [".ق"]])
def test_lead_refuses_words_not_written_literally(words):
    assert R._lead(words) is None
