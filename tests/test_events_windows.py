"""Per-mention shortcuts of the events stage give what the plain computations give.

Trigger-dense text («دیدار دیدار …», a list of meetings without stops) puts dozens of
mentions, people and places in every clause window; these shortcuts keep the work per
mention small. Each is checked here against the computation it replaces, on the
repository's own fixtures and on random inputs.
"""

import random
from pathlib import Path

import pytest

from persian_ie import Pipeline, normalize
from persian_ie.document import Document
from persian_ie.events import countries, gates
from persian_ie.events.arguments import _outside_people, _places, clause_window
from persian_ie.events.index import WINDOW
from persian_ie.events.lexicon import Lexicon
from persian_ie.events.people import people_of
from persian_ie.events.triggers import _Taken, _head_sentences, find_mentions

FIXTURES = Path(__file__).parent / "fixtures" / "events"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]
#: a run-on list of meetings: many people and places in every window
MEETINGS = "زاکانی با سفیر بلاروس در تهران دیدار کرد و " * 40


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def _before_events(nlp, text):
    doc = Document(text)
    for name, stage in nlp.stages:
        if name == "events":
            break
        doc = stage(doc)
    return doc


def test_taken_spans_overlap_as_a_scan_of_all_spans_says():
    rnd = random.Random(11)
    for _ in range(300):
        taken, spans = _Taken(), []
        for _ in range(rnd.randrange(1, 40)):
            s = rnd.randrange(0, 600)
            e = s + rnd.choice((1, 3, 5, 12, 40, 199, 250))  # (some longer than a trigger)
            assert taken.overlaps(s, e) == any(a < e and s < b for a, b in spans), (s, e, spans)
            if rnd.random() < 0.7:
                taken.add(s, e)
                spans.append((s, e))


def test_head_sentences_are_where_the_gate_lets_a_head_through(nlp):
    lex = Lexicon.default()
    for text in TEXTS + [MEETINGS, "دیدار " * 300 + ". سفر به مسکو. نشست!"]:
        doc = _before_events(nlp, text)
        gate = gates.of(doc)
        allowed = _head_sentences(doc, gate, lex.heads)
        assert allowed is not None
        for hi, head in enumerate(lex.heads):
            lits = gates.required(head.pattern)
            for si, sent in enumerate(doc.sentences):
                text = doc.norm[sent.nstart:sent.nend]
                expected = lits is None or any(lit in text for lit in lits)  # (a literal every match holds)
                assert (allowed[hi] is None or si in allowed[hi]) == expected, (head.pattern.pattern[:40], si)
                if head.pattern.search(text):
                    assert expected, (head.pattern.pattern[:40], si)


def test_marked_runs_are_those_that_may_start_a_country():
    text = normalize(" ".join(TEXTS) + " روسای جمهور روسیه‌ای و بلاروسی، ایالات متحده آمریکا و جمهوری اسلامی ایران")
    runs = countries.LetterRuns(text)
    firsts = countries._by_first_word()
    expected = [k for k, (s, e) in enumerate(zip(runs.starts, runs.ends))
                if countries._first_candidates(text[s:e], firsts) is not None]
    assert runs.marked == expected
    assert len(expected) > 10


def test_places_outside_people_match_a_scan_of_every_unit(nlp):
    lex = Lexicon.default()
    rnd = random.Random(7)
    checked = 0
    for text in TEXTS + [MEETINGS]:
        doc = _before_events(nlp, text)
        units = people_of(doc, lex)
        for m in find_mentions(doc, lex, [(u.start, u.end) for u in units]):
            a, b = clause_window(doc, m)
            places = _places(doc, a, b)
            # the plain computation: every title and name of a unit meeting the window
            near = [u for u in units if max(0, a - WINDOW) <= u.start < min(b + WINDOW, b) and a < u.end <= b + WINDOW]
            ranges = [r for u in near for r in (u.role, u.name) if r is not None and r[0] < b and r[1] > a]
            expected = [p for p in places if not any(r0 <= p[0] and p[1] <= r1 for r0, r1 in ranges)]
            assert _outside_people(doc, units, a, b, places) == expected
            # and made-up places anywhere in the window
            fake = sorted((s, s + rnd.randrange(1, 30), None) for s in (rnd.randrange(a, max(a + 1, b)) for _ in range(5)))
            fake = [p for p in fake if p[1] <= b]
            expected = [p for p in fake if not any(r0 <= p[0] and p[1] <= r1 for r0, r1 in ranges)]
            assert _outside_people(doc, units, a, b, fake) == expected
            checked += 1
    assert checked > 40


def test_title_countries_from_their_text_are_those_read_in_context(nlp):
    lex = Lexicon.default()
    extra = (" وزیر دفاع این کشور گفت. نخست وزیر موقت عراق و دبیر کل سازمان همکاری شانگهای و رئیس مجلس ملی و"
             " شهردار پایتخت تاجیکستان با سفیر بلاروس در تهران دیدار کردند.")
    seen = 0
    for text in TEXTS + [MEETINGS, TEXTS[0] + extra]:
        doc = _before_events(nlp, text)
        for u in people_of(doc, lex):
            if u.role is None:
                continue
            assert countries.country_of_role(doc, u.role) == countries._country_of_role_in_context(doc, u.role)
            seen += 1
    assert seen > 20


def test_name_before_a_role_is_found_in_the_last_runs_only():
    from persian_ie.events.people import _NAME_BEFORE, _last_runs_start

    pieces = ["علی", "اکبر", "ولایتی", "وزیر", "و", "با", "،", ":", "۱۴۰۴", ".", "«", "»", "کرد:", "حسن‌روحانی",
              "سفیر", "بلاروس،"]
    rnd = random.Random(13)
    found = 0
    for _ in range(3000):
        words = [rnd.choice(pieces) for _ in range(rnd.randrange(0, 40))]
        text = "".join(w + rnd.choice(("", " ", " ", "  ", "\n")) for w in words)
        if rnd.random() < 0.3:
            text = "۱" * rnd.randrange(0, 600) + " " + text  # (a long run: past the window read first)
        full = _NAME_BEFORE.search(text)
        cut = _NAME_BEFORE.search(text, _last_runs_start(text, 7))
        assert (full and full.span(), full and full.span(1)) == (cut and cut.span(), cut and cut.span(1)), text
        found += bool(full)
        # the same text inside a longer one (a sentence after others, a role after it): read in
        # place, as fallback_people does, the slice's «^» kept to the slice's own start
        lead, tail = rnd.choice(("", "x ", "۱۴۰۴. ", "وزیر گفت: ")), rnd.choice(("", " سفیر", "، رئیس"))
        big, lo, hi = lead + text + tail, len(lead), len(lead) + len(text)
        first = _last_runs_start(big, 7, start=lo, end=hi)
        inside = _NAME_BEFORE.search(big[lo:hi]) if first == lo else _NAME_BEFORE.search(big, first, hi)
        shift = lo if first == lo else 0
        assert (full and full.span(1)) == (inside and (inside.start(1) + shift - lo, inside.end(1) + shift - lo)), text
    assert found > 100


def test_proposer_before_a_colon_is_read_from_the_end_only():
    from persian_ie.events.extractor import _PROPOSER_COLON, _proposer_colon_before

    pieces = ["وزیر", "پیشنهاد", "کرد", "کردند", "داد", "می\u200cکنم", "که", ":", " ", "  ", "\n", "و", "،", "سفیر"]
    rnd = random.Random(7)
    found = 0
    for _ in range(4000):
        text = "".join(rnd.choice(pieces) + rnd.choice(("", " ", " ", ":")) for _ in range(rnd.randrange(0, 30)))
        if rnd.random() < 0.3:
            text += "پیشنهاد " + rnd.choice(("کرد", "دادند", "می\u200cکند")) + rnd.choice(("", " که")) \
                + rnd.choice(("", " ", " : ", ":", "::", " :\n ", " " * 60))
        lead = rnd.choice(("", "به گزارش ایرنا، ", "x" * 50))
        big = lead + text + rnd.choice(("", " کارگروهی"))
        want = bool(_PROPOSER_COLON.search(text))
        assert _proposer_colon_before(big, len(lead), len(lead) + len(text)) == want, text
        found += want
    assert found > 300


def test_last_runs_are_counted_backwards_as_forwards():
    import regex

    from persian_ie.events.people import _last_runs_start

    def forwards(text, runs, window=400, start=0, end=None):  # (every run of the window, then the last ones)
        end = len(text) if end is None else end
        for lo in (max(start, end - window), start):
            found = [r.start() for r in regex.finditer(r"\S+", text, pos=lo, endpos=end, flags=regex.V1)]
            if len(found) > runs:
                return found[-runs]
            if lo == start:
                break
        return start

    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(("وزیر", "و", "،", "۱۴۰۴", " ", "  ", "\n", "\t", "\u200c", "x" * rnd.randrange(1, 300)))
                       for _ in range(rnd.randrange(0, 60)))
        a = rnd.randrange(0, len(text) + 1)
        b = rnd.randrange(a, len(text) + 1)
        for runs, window in ((7, 400), (1, 5), (3, 30)):
            assert _last_runs_start(text, runs, window, a, b) == forwards(text, runs, window, a, b), (text, a, b)


def test_fullest_name_reads_only_the_names_ending_alike(nlp):
    from persian_ie.events.extractor import EventExtractor
    from persian_ie.events.people import fold

    def plain(doc, name, units):  # (every unit's name)
        norm = doc.norm
        words = fold(norm[name[0]:name[1]]).split()
        best = name
        for u in units:
            if u.name is None:
                continue
            cand = fold(norm[u.name[0]:u.name[1]]).split()
            if len(cand) > len(words) and cand[-1:] == words[-1:] and all(w in cand for w in words):
                if len(cand) > len(fold(norm[best[0]:best[1]]).split()):
                    best = u.name
        return best

    extra = "پزشکیان با زاکانی دیدار کرد. مسعود پزشکیان و علیرضا زاکانی و دکتر مسعود پزشکیان گفت‌وگو کردند. " \
            "زاکانی گفت. محمد پزشکیان آمد."
    checked = longer = 0
    for text in TEXTS + [MEETINGS, extra]:
        doc = _before_events(nlp, text)
        units = people_of(doc, Lexicon.default())
        spans = [u.name for u in units if u.name is not None] + [(0, 0), (0, min(3, len(doc.norm)))]
        for name in spans:
            got = EventExtractor._fullest_name(doc, name, units)
            assert got == plain(doc, name, units), (text[:40], name)
            checked += 1
            longer += got != name
        doc.user_data.pop("_events_names_by_last_word", None)
    assert checked > 30 and longer >= 2
