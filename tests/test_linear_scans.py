"""Shortcuts that replaced all-pairs scans give what the scans gave.

``clip_persons_to_roles`` reads only the roles that overlap a person span at first (found
by bisection); here it is checked against the plain loop over every role, on random spans
with overlapping, nested and empty roles.
"""

import random

from persian_ie.entities.merge import clip_persons_to_roles


def _clip_every_role(merged, role_ranges):
    cleaned = []
    for i, j, lab, src in merged:
        if lab == "PER":
            for rs, re_ in role_ranges:
                if i < re_ and rs < j:
                    if i >= rs:
                        i = max(i, re_)
                    else:
                        j = min(j, rs)
            if i >= j:
                continue
        cleaned.append((i, j, lab, src))
    return cleaned


def test_clipping_by_nearby_roles_matches_every_role():
    rnd = random.Random(11)
    clipped = 0
    for _ in range(400):
        n = rnd.randrange(5, 120)
        roles = []
        for _ in range(rnd.randrange(0, 12)):
            s = rnd.randrange(0, n)
            roles.append((s, s + rnd.choice((0, 1, 2, 3, 8, 30))))
        merged = []
        for _ in range(rnd.randrange(0, 12)):
            s = rnd.randrange(0, n)
            merged.append((s, s + rnd.randrange(1, 10), rnd.choice(("PER", "PER", "ORG")), "tagger"))
        got = clip_persons_to_roles(merged, roles)
        assert got == _clip_every_role(merged, roles), (merged, roles)
        clipped += got != merged
    assert clipped > 50  # (the roles did clip or drop persons)


def test_no_roles_keeps_every_span():
    spans = [(0, 3, "PER", "tagger"), (4, 6, "ORG", "gazetteer")]
    assert clip_persons_to_roles(spans, []) == spans
