"""The indexed merging of event mentions (merge.merge_mentions, merge.consolidate) gives what
the plain pairwise loops give: the same clusters, mentions and participant slots, in the same
order, on the repository's fixtures and on random digests of meetings, calls, visits and
signings named by name, title, plural title and «همتای …»."""

import dataclasses
import random
from pathlib import Path
from typing import List

import pytest

from persian_ie import Pipeline
from persian_ie.events import extractor as extractor_module
from persian_ie.events import merge
from persian_ie.events.merge import Cluster, _add_part, _compatible, _Known, _pair_merges, _anaphor_target

FIXTURES = Path(__file__).parent / "fixtures" / "events"
TEXTS = [p.read_text(encoding="utf-8") for p in sorted(FIXTURES.glob("*.txt"))]


def plain_merge_mentions(doc, mentions) -> List[Cluster]:
    """Each mention against every cluster, in order (the loop the index replaces)."""
    clusters: List[Cluster] = []
    known: List[_Known] = []
    for m in mentions:
        if m.anaphoric:
            target = _anaphor_target(clusters, m)
            if target is None:
                continue
        else:
            target = next((k for k, cl in enumerate(clusters) if _compatible(doc, cl, m, known[k])), None)
            if target is None:
                target = len(clusters)
                clusters.append(Cluster(m.type))
                known.append(_Known())
        clusters[target].mentions.append(m)
        known[target].add(m)
        for p in m.participants:
            _add_part(doc, clusters[target], p)
    return clusters


def plain_pairs(doc, clusters: List[Cluster]) -> List[Cluster]:
    """Every pair of clusters, starting again from the first pair after each merge."""
    changed = True
    while changed:
        changed = False
        for i in range(len(clusters)):
            for j in range(i + 1, len(clusters)):
                a, b = clusters[i], clusters[j]
                verdict = _pair_merges(doc, a, b)
                if verdict is None:
                    continue
                share, same_sent_visit = verdict
                a.mentions.extend(b.mentions)
                a.mentions.sort(key=lambda m: m.start)
                for sl in b.parts:
                    for r in sl.refs:
                        _add_part(doc, a, r)
                if same_sent_visit and not share:
                    merge._unify_traveller(doc, a)
                del clusters[j]
                changed = True
                break
            if changed:
                break
    return clusters


def _shape(clusters):
    return [(cl.type, [id(m) for m in cl.mentions], [([id(r) for r in s.refs], s.group_role) for s in cl.parts])
            for cl in clusters]


@pytest.fixture(scope="module")
def nlp():
    return Pipeline()


def _check_keys(doc, refs):
    """Two refs that same_person or covers pairs share a key (stored / asked) or one has none;
    also with the entities coref gave them taken away (so the names and titles are read)."""
    bare = [dataclasses.replace(r, entity=None, antecedent=None) for r in refs]
    for group in (refs, bare):
        stored = [merge._ref_keys(doc, r) for r in group]
        asked = [merge._ref_keys(doc, r, query=True) for r in group]
        for i, a in enumerate(group):
            for j, b in enumerate(group):
                if stored[i] is None or asked[j] is None or stored[i] & asked[j]:
                    continue
                assert not (merge.same_person(doc, b, a) or merge.covers(doc, b, a) or merge.covers(doc, a, b)), \
                    (doc.norm[a.start:a.end], doc.norm[b.start:b.end])


def _check_stage(nlp, monkeypatch, texts):
    """Run the pipeline on ``texts``, comparing both merges inside the events stage."""
    seen = {"docs": 0, "clusters": 0, "merged": 0}

    def merge_both(doc, mentions):
        got = merge.merge_mentions(doc, mentions)
        assert _shape(got) == _shape(plain_merge_mentions(doc, mentions))
        # the second pass's pairs, on two fresh copies (it merges in place)
        indexed, plain = plain_merge_mentions(doc, mentions), plain_merge_mentions(doc, mentions)
        merge._merge_pairs(doc, indexed)
        plain_pairs(doc, plain)
        assert _shape(indexed) == _shape(plain)
        _check_keys(doc, [p for m in mentions for p in m.participants])
        seen["docs"] += 1
        seen["clusters"] += len(got)
        seen["merged"] += len(got) - len(plain)
        return got

    monkeypatch.setattr(extractor_module, "merge_mentions", merge_both)
    for text in texts:
        nlp(text)
    return seen


def test_indexed_merging_is_the_plain_loop_on_the_fixtures(nlp, monkeypatch):
    seen = _check_stage(nlp, monkeypatch, TEXTS)
    # (the football report has no trigger mention: the stage stops before merging)
    assert seen["docs"] == len(TEXTS) - 1 and seen["clusters"] >= len(TEXTS) - 1


_PEOPLE = ["محمد جواد ظریف", "ظریف", "جواد ظریف", "مایک پامپئو", "پامپئو", "تمیم بن حمد آل ثانی", "تمیم",
           "علیرضا زاکانی", "زاکانی", "مسعود پزشکیان", "پزشکیان", "دیمتری کالتسوف", "سرگئی لاوروف", "لاوروف",
           "وزیر امور خارجه کشورمان", "وزیر خارجه روسیه", "همتای روس خود", "سفیر بلاروس", "رئیس جمهور",
           "رئیس‌جمهور ترکیه", "وزرای خارجه ایران و روسیه", "مقامات دو کشور", "یک مقام آمریکایی",
           "رجب طیب اردوغان", "اردوغان", "شهردار تهران", "وزیر کشور", "وزیر بهداشت"]
_PLACES = ["", " در تهران", " در مسکو", " در آنکارا", " در ایران"]


#: one sentence of a digest per kind of event report: {a} and {b} are people, {w} a place or
#: nothing, {city} a destination
_DIGEST_SENTENCES = [
    "{a} با {b}{w} دیدار کرد.",
    "{a} در تماس تلفنی با {b} گفت‌وگو کرد.",
    "{a}{w} سفر کرد و با {b} دیدار خواهد کرد.",
    "{a} به {city} سفر کرد.",
    "در این دیدار {a} گفت.",
    "قرارداد همکاری میان {a} و {b} امضا شد.",
    "{a} و {b} دیدار کردند.",
    "{a} پیشنهاد کرد: کارگروهی با {b} تشکیل شود.",
    "{a} نیز در این دیدار گفت.",
]


def _digest(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        a, b = rng.sample(_PEOPLE, 2)
        where = rng.choice(_PLACES)
        template = _DIGEST_SENTENCES[rng.randrange(len(_DIGEST_SENTENCES))]
        city = rng.choice(["مسکو", "ترکیه", "بلاروس"]) if "{city}" in template else ""
        out.append(template.format(a=a, b=b, w=where, city=city))
    return " ".join(out)


def test_indexed_merging_is_the_plain_loop_on_random_digests(nlp, monkeypatch):
    rng = random.Random(11)
    texts = [_digest(rng, rng.randrange(3, 40)) for _ in range(40)]
    seen = _check_stage(nlp, monkeypatch, texts)
    # the inputs reach the cases the index must not miss: many clusters, and merges in the second pass
    assert seen["docs"] == len(texts) and seen["clusters"] >= 200 and seen["merged"] >= 1
