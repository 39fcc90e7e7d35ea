"""The events stage's shortcuts give what the plain computations give.

Each shortcut (per-run country matches kept across windows, participant decisions from
kept score sums, the per-document verb table) is checked against the computation it
replaces, on the repository's own fixtures.
"""

import random
from pathlib import Path

import pytest

from persian_ie import Pipeline, normalize
from persian_ie.events import status
from persian_ie.events.countries import LetterRuns, countries_in

FIXTURES = Path(__file__).parent / "fixtures" / "events"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]


def test_country_windows_reuse_runs_across_windows():
    text = normalize(" ".join(TEXTS) + " روسای جمهور روسیه و بلاروس، ایالات متحده آمریکا و جمهوری اسلامی ایران")
    runs = LetterRuns(text)  # one instance: its per-run results are reused by every window
    rnd = random.Random(3)
    for _ in range(1500):
        a = rnd.randrange(0, len(text))
        b = min(len(text), a + rnd.choice((20, 90, 400, 900)))
        assert runs.countries_between(a, b) == countries_in(text[a:b]), (a, b)
    assert runs.countries_between(0, len(text)) == countries_in(text)


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def test_participant_decisions_match_the_full_scores(nlp):
    """Without a trace the stage decides from kept sums; with one it scores every feature
    dict: the events come out the same."""
    events = dict(nlp.stages)["events"]
    assert len(TEXTS) >= 3
    scored = 0
    for text in TEXTS:
        fast = nlp(text).to_dict()
        events.trace = []
        try:
            full = nlp(text).to_dict()
            scored += len(events.trace)
        finally:
            events.trace = None
        assert fast == full
    assert scored >= 5  # (the full path scored candidates)


def test_verb_table_matches_a_walk_over_the_tokens(nlp):
    from persian_ie.events.lexicon import Lexicon

    lex = Lexicon.default()
    past = status._past_forms()

    def walk(doc, start, end):  # the token walk the table replaces
        prev_mi = False
        first = next((i for i, t in enumerate(doc.tokens) if t.nstart >= start), len(doc.tokens))
        for t in doc.tokens[first:first + status._VERB_SEARCH_TOKENS]:
            if t.nstart >= end:
                break
            w = t.norm
            if prev_mi and status._LETTERS2.match(w):
                return "present"
            prev_mi = w in ("می", "نمی")
            if prev_mi:
                continue
            kind = status._word_kind(w, lex, past)
            if kind is not None:
                return kind
        return None

    text = TEXTS[0] + " وی گفت که فردا به تهران می رود و نمی خواهد دیدار کند؛ آنها دیدار خواهند کرد."
    doc = nlp(text).doc
    rnd = random.Random(5)
    n = len(doc.norm)
    for _ in range(400):
        a = rnd.randrange(0, n)
        b = min(n, a + rnd.randrange(1, 300))
        assert status._first_verb(doc, lex, a, b) == walk(doc, a, b), (a, b)
