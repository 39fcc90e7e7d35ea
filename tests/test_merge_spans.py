"""entities.merge keeps its spans in an index: same answers as scanning a list."""

import random

from persian_ie.entities.merge import _Spans


def test_index_answers_as_a_list_scan():
    rnd = random.Random(3)
    for _ in range(200):
        kept = []
        index = _Spans([])
        for _ in range(40):
            i = rnd.randrange(0, 60)
            j = i + rnd.randrange(0, 6)
            span = (i, j, rnd.choice(["PER", "ORG", "LOC"]), "tagger")
            if kept and rnd.random() < 0.3:
                victim = rnd.choice(kept)
                kept.remove(victim)
                index.remove(victim)
            kept.append(span)
            index.append(span)
            a = rnd.randrange(0, 60)
            b = a + rnd.randrange(1, 8)
            assert index.overlapping(a, b) == [s for s in kept if s[0] < b and a < s[1]]
        assert sorted(index.items()) == sorted(kept)


def test_remove_takes_the_earliest_equal_span():
    index = _Spans([(1, 3, "PER", "a"), (0, 5, "ORG", "b"), (1, 3, "PER", "a")])
    index.append((2, 4, "LOC", "c"))
    index.remove((1, 3, "PER", "a"))
    assert index.overlapping(0, 10) == [(0, 5, "ORG", "b"), (1, 3, "PER", "a"), (2, 4, "LOC", "c")]
