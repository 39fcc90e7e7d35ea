"""Look-ups the events stage uses in place of walks: the same answers as the walks."""

import dataclasses
import random

import pytest

from persian_ie.events import people, triggers
from persian_ie.events.lexicon import Lexicon


def _plain_heads(head_sents, n_heads, si):
    return [hi for hi in range(n_heads) if head_sents[hi] is None or si in head_sents[hi]]


@pytest.mark.parametrize("seed", range(20))
def test_heads_by_sentence_is_the_walk_over_every_head(seed):
    rng = random.Random(seed)
    n_heads, n_sents = rng.randint(1, 30), rng.randint(1, 40)
    head_sents = [None if rng.random() < rng.choice((0.0, 0.1, 0.5)) else
                  {rng.randrange(n_sents) for _ in range(rng.randint(0, 5))} for _ in range(n_heads)]
    visits = triggers._heads_by_sentence(head_sents, n_heads)
    for si in range(n_sents):
        want = _plain_heads(head_sents, n_heads, si)
        got = list(range(n_heads)) if visits is None else visits(si)
        assert got == want
    if all(w is None for w in head_sents):
        assert visits is None
    assert triggers._heads_by_sentence(None, n_heads) is None


def _plain_role_head_at(text, lex):
    for h in lex.role_heads:
        if text.startswith(h) and (len(text) == len(h) or not text[len(h)].isalpha()):
            return h not in ("امیر", "ملک", "رهبر")
    return False


def test_role_head_at_is_the_walk_over_every_head():
    lex = Lexicon.default()
    assert len(lex.role_heads) > 50
    rng = random.Random(3)
    texts = ["", " ", "x", "امیر", "امیر کبیر", "ملک", "رهبر انقلاب"]
    for h in lex.role_heads:
        texts += [h, h + " سازمان", h + "ان", h[:-1], h + "،", h + "\u200cها", rng.choice("ابپ") + h]
    agree = sum(people._role_head_at(t, lex) == _plain_role_head_at(t, lex) for t in texts)
    assert agree == len(texts)
    assert sum(people._role_head_at(t, lex) for t in texts) > len(lex.role_heads)


def test_role_head_index_follows_the_lexicon():
    lex = Lexicon.default()
    index = people._heads_by_first(lex)
    assert index is not None
    assert sorted(h for hs in index.values() for h in hs) == sorted(lex.role_heads)
    for first, hs in index.items():  # (lexicon order kept: the first head that fits decides)
        assert hs == [h for h in lex.role_heads if h[:1] == first]
    other = dataclasses.replace(lex, role_heads=["", "وزیر"])  # (an empty head opens every text)
    assert people._heads_by_first(other) is None
    for t in ("وزیر کشور", "", "کشور"):
        assert people._role_head_at(t, other) == _plain_role_head_at(t, other)


def test_rx_is_the_compiled_pattern_kept_by_its_text():
    import regex

    from persian_ie.events import gates

    p = gates.rx(r"(?:این|همین|آن)\s*$")
    assert p is gates.rx(r"(?:این|همین|آن)\s*$")  # (compiled once)
    assert p.pattern == r"(?:این|همین|آن)\s*$" and p.flags == regex.compile(p.pattern).flags
    for text in ("در همین ", "این", "آن کشور", ""):
        assert bool(p.search(text)) == bool(regex.search(p.pattern, text))
    for i in range(gates._RX_MAX + 5):  # (bounded: never more than _RX_MAX patterns kept)
        gates.rx(f"x{i}")
    assert len(gates._RX) <= gates._RX_MAX


def test_verb_kinds_kept_across_documents_are_each_words_kind():
    """The verb table keeps the kind of every word it has read for later documents: the kept
    kinds are the words' own (_word_kind), and a table built on them answers as a fresh one."""
    from persian_ie import Pipeline
    from persian_ie.events import status

    nlp = Pipeline(stages=["normalize", "segment"])
    lex = Lexicon.default()
    past = status._past_forms()
    status._KINDS.clear()
    texts = ["زاکانی با سفیر بلاروس دیدار کرد و گفت که این دیدار ادامه خواهد یافت.",
             "وزیر امور خارجه فردا به مسکو می‌رود و با همتای خود دیدار می‌کند.",
             "نشست دو طرف برگزار شد؛ آنها باید توافق را امضا کنند و می خواهند ادامه دهند."]
    docs = [nlp(t).doc for t in texts]
    tables = [status._VerbTable(d, lex) for d in docs]
    answers = [[table.first_verb(i, len(d.norm)) for i in range(len(d.tokens))] for d, table in zip(docs, tables)]
    kept = status._kinds_of(lex, past)
    assert len(kept) >= 20 and set(kept) <= set(t.norm for d in docs for t in d.tokens)
    for w, kind in kept.items():
        assert kind == (None if w in ("می", "نمی") else status._word_kind(w, lex, past))
    status._KINDS.clear()
    for d, table, got in zip(docs, tables, answers):
        fresh = status._VerbTable(d, lex)
        assert [fresh.first_verb(i, len(d.norm)) for i in range(len(d.tokens))] == got
        assert [fresh.inside(i) for i in range(len(d.tokens))] == [table.inside(i) for i in range(len(d.tokens))]


def test_verb_table_reads_only_the_tokens_a_search_reaches():
    """A document with one mention does not read the kinds of all its tokens: the table reads
    them as the searches reach them (a search stops at the first verb)."""
    from persian_ie import Pipeline
    from persian_ie.events import status

    nlp = Pipeline(stages=["normalize", "segment"])
    lex = Lexicon.default()
    doc = nlp("زاکانی با سفیر بلاروس دیدار کرد. " + "این جمله‌ای بلند و بی‌فعل درباره همکاری‌ها، " * 40 + "پایان.").doc
    table = status._VerbTable(doc, lex)
    assert table.first_verb(0, len(doc.norm)) == "past"
    assert 0 < len(table._alone) <= 6 < len(doc.tokens)
