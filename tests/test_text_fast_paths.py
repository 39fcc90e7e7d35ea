"""The cheaper paths of the text layer and the entity rules give what the plain ones gave.

Each fast path (a rule tried only where a literal scan finds it, the glued-word repair
looked up once per distinct word, the gazetteer scans that skip units no phrase starts
with) is checked against the plain computation it replaces, on generated inputs built
from the characters and words the rules are about.
"""

import random
from difflib import SequenceMatcher

import regex

from persian_ie.document import Document
from persian_ie.entities import gazetteer
from persian_ie.entities.context import QUOTE_OPEN, Context
from persian_ie.entities.gazetteer import TokenView, fold
from persian_ie.entities.gazetteer_spans import _candidates
from persian_ie.normalize import (
    _FINDERS, _ONE_TO_ONE, _ONE_TO_ONE_CHARS, _ONE_TO_ONE_RUNS, _RULES, _SPECIAL_CHARS, _SPECIAL_CHARS_RE, _WORD,
    AlignedText, Normalizer, _align_piece, _repairs,
)
from persian_ie.segment import Segmenter
from persian_ie.zwnj import GluedWordRepairer

ZWNJ = "\u200c"
# the characters and pieces the normalizer's rules look at, and words the gazetteer lists
_PIECES = (list("ابپتثجحخدذرزژسشصضطظعغفقکگلمنوهیيكةۀ") + [
    ZWNJ, ZWNJ + ZWNJ, " ", "  ", "\n", " \n", "\r\n", ".", "،", "؛", "!", "؟", "?", ")", "(", "»", "«", "]", "[", ":",
    "-", "–", "—", "|", "¦", "۱", "2", "٣", "a", "B", "@", "#", "\u064b", "\u200f", "\ufeff", "ﷲ", "ﻻ", "\t", "\x1c",
    "\u00a0", "ـ", "…", "\"", "به گزارش", "به گزارشخبرگزاری", "به نقل از", "می ", "نمی ", " ها", " های", " هایی",
    " ترین", "ها", "همکاریها", "جلسهای", "تفاهمنامه", "کتاب ها", "ایران", "تهران", "سازمان ملل", "وزیر امور خارجه",
    "رئیس‌جمهور", "خبرگزاری فارس", "به گزارش مهر،", "نوار غزه", "وست تگزاس اینترمدیت", "«", "ایرانی‌ها",
])


def _texts(n, seed, length=120):
    rnd = random.Random(seed)
    return ["".join(rnd.choice(_PIECES) for _ in range(rnd.randint(1, length))) for _ in range(n)]


def _same(a: AlignedText, b: AlignedText) -> bool:
    return (a.text, list(a.starts), list(a.ends)) == (b.text, list(b.starts), list(b.ends))


def _prepared(text):
    """The text as the rules see it (after the character rewrites)."""
    aligned = AlignedText.of(text)
    aligned = AlignedText(text.translate(_ONE_TO_ONE), aligned.starts, aligned.ends)
    return aligned.sub(_SPECIAL_CHARS, lambda m: "")


def test_rules_tried_where_their_finder_points_rewrite_as_the_full_scan():
    assert _FINDERS  # the rules that start with a lookbehind have a finder
    rewrites = 0
    for text in _texts(600, seed=1):
        aligned = _prepared(text)
        for pattern, repl, _ in _RULES:
            finder = _FINDERS.get(pattern)
            if finder is None:
                continue
            full = aligned.sub(pattern, repl)
            assert _same(aligned.sub_at(pattern, repl, finder), full), (text, pattern.pattern)
            rewrites += full is not aligned
    assert rewrites > 100  # the inputs do exercise the rules


def test_glued_words_repaired_once_per_word_as_the_full_substitution():
    repairer = GluedWordRepairer.default()
    texts = _texts(400, seed=2) + ["همکاریها همکاریها،همکاریهای همکاریها", "همکاریها", "xهمکاریها همکاریها" + ZWNJ]
    clean = set()
    repaired = 0
    for text in texts:
        aligned = AlignedText.of(text)
        full = aligned.sub(_WORD, lambda m: repairer.repair(m.group()) or m.group())
        assert _same(aligned.edit(_repairs(text, repairer.repair)), full), text
        assert _same(aligned.edit(_repairs(text, repairer.repair, clean)), full), text  # with remembered words
        repaired += full is not aligned
    assert repaired > 50 and clean


def test_character_classes_read_alike_by_both_engines():
    for cp in list(range(0x3000)) + list(range(0xFB00, 0x10000)) + [0x1F600, 0x10FFFF]:
        ch = chr(cp)
        assert (_SPECIAL_CHARS.match(ch) is None) == (_SPECIAL_CHARS_RE.match(ch) is None), hex(cp)
        assert (_ONE_TO_ONE_CHARS.match(ch) is None) == (_ONE_TO_ONE_RUNS.match(ch) is None), hex(cp)
    for text in _texts(200, seed=3):
        assert _ONE_TO_ONE_RUNS.sub(lambda m: m.group().translate(_ONE_TO_ONE), text) == text.translate(_ONE_TO_ONE)


def test_deletion_at_the_end_maps_as_the_sequence_matcher():
    def matcher_map(old, new, starts, ends):
        out_s, out_e = [], []
        for tag, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
            assert tag in ("equal", "delete")
            if tag == "equal":
                out_s += starts[i1:i2]
                out_e += ends[i1:i2]
        return out_s, out_e

    for old, new in [("   ", " "), ("\u200c", ""), ("\u200c\u200c", ""), ("ab", "a"), ("aaa", "a"), ("abab", "ab")]:
        starts, ends = list(range(10, 10 + len(old))), list(range(11, 11 + len(old)))
        out, s, e = [], [], []
        _align_piece(old, new, starts, ends, 0, out, s, e)
        assert (s, e) == matcher_map(old, new, starts, ends)


def test_normalizer_output_does_not_depend_on_what_it_saw_before():
    texts = _texts(300, seed=4)
    warm = Normalizer()
    for text in texts:  # one normalizer over all texts (remembered clean words) vs a fresh one per text
        a, b = warm.normalize(text), Normalizer().normalize(text)
        assert _same(a, b), text
        assert a.text == warm.normalize_text(text)


def _views(n, seed):
    seg, norm = Segmenter(), Normalizer()
    return [TokenView(seg(norm(Document(text)))) for text in _texts(n, seed, length=60)]


def test_trie_starts_are_the_units_where_a_match_can_start():
    gaz = gazetteer()
    found = 0
    for view in _views(150, seed=5):
        n = len(view)
        for trie in (gaz.places, gaz.orgs, gaz.titles, gaz.org_heads):
            starts = trie.starts(view)
            assert starts == sorted(set(starts))
            hits = [i for i in range(n) if trie.longest_at(view, i) is not None]
            assert set(hits) <= set(starts)
            assert all(view.tok_start[i] and view.keys[i] in trie.root for i in starts)
            for a, b in ((0, n), (2, n - 1), (n // 2, n + 5), (3, 2)):
                assert trie.starts(view, a, b) == [i for i in starts if a <= i < b]
                # the scan over a range is the plain unit-by-unit walk
                plain, i = [], a
                while i < b:
                    hit = trie.longest_at(view, i)
                    if hit is not None and hit[0] <= b:
                        plain.append((i, hit[0], hit[1]))
                        i = hit[0]
                    else:
                        i += 1
                assert list(trie.scan(view, a, b)) == plain
            found += len(hits)
    assert found > 100


def test_gazetteer_spans_skip_only_units_where_nothing_can_start():
    gaz = gazetteer()
    tries = (gaz.org_heads, gaz.orgs, gaz.places, gaz.not_entity_phrases)
    for view in _views(150, seed=6):
        ctx = Context(view)
        cand = set(_candidates(ctx))
        for i in range(len(view)):
            if i in cand:
                continue
            assert all(t.longest_at(view, i) is None for t in tries)
            assert view.keys[i] not in QUOTE_OPEN and not ctx.source_slot(i)


def test_title_ends_as_the_scan_of_every_unit():
    titles = gazetteer().titles
    for view in _views(100, seed=7):
        ctx = Context(view)
        hits = [titles.longest_at(view, u) for u in range(len(view))]
        assert ctx.title_ends == frozenset(h[0] for h in hits if h)
        assert ctx.ministry_title_ends == frozenset(h[0] for h in hits if h and "m" in h[1].kind)


def test_token_view_units_are_the_folded_parts_of_each_token():
    for view in _views(100, seed=8):
        expected = [fold(part) for t in view.doc.tokens for part in t.norm.split(ZWNJ) if part]
        assert view.keys == expected
        assert all(regex.match(r"\S", k) for k in view.keys)


def test_plain_token_pattern_gives_the_full_patterns_tokens():
    from persian_ie.segment import _TOKEN, _TOKEN_PLAIN, _plain, _segment, word_spans

    rnd = random.Random(9)
    spaces = ["\x1c", "\x1f", "\x85", "\u2028", "\u00a0", "\u3000", "\u180e", "\u200b", "\x0b", "\t", "\u2029"]
    pieces = _PIECES + spaces + ["ه.ش.", "۱۲/۳", "۱۲a", "a۱", "\u0300", "\U0001F600", "..", "…»", "ab\u200c", "x://y", "www."]
    texts = _texts(300, seed=9) + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(3000)]
    plain = 0
    norm = Normalizer()
    for text in texts:
        doc = norm(Document(text))
        expected = _segment(doc, _TOKEN)
        doc = Segmenter()(doc)
        assert (doc.tokens, doc.sentences) == expected, text
        assert word_spans(doc.norm) == [m.span() for m in _TOKEN.finditer(doc.norm)]
        if _plain(doc.norm):
            plain += 1
            assert [m.span() for m in _TOKEN_PLAIN.finditer(doc.norm)] == word_spans(doc.norm)
    assert 1000 < plain < len(texts) - 1000  # both patterns used


def test_same_length_edits_keep_the_maps():
    text = AlignedText.of("کتاب ها و می شود")
    text = AlignedText(text.text, text.starts, text.ends)
    edits = [(4, 5, ZWNJ), (12, 13, ZWNJ)]
    got = text.edit(edits)
    ref = text.sub(regex.compile(" "), lambda m: ZWNJ if m.start() in (4, 12) else " ")
    assert _same(got, ref) and got.text == "کتاب\u200cها و می\u200cشود"
    assert text.edit([(4, 5, " ")]) is text  # nothing changed: the same object, as sub gives


def _segment_by_slices(doc, token):
    """The segmenter as it was: each sentence's tokens matched over a copy of the sentence."""
    from persian_ie.document import Sentence, Token
    from persian_ie.segment import sentence_spans

    norm, align, text = doc.norm, doc.alignment, doc.text
    tokens, sentences = [], []
    for ns, ne in sentence_spans(norm):
        first = len(tokens)
        for m in token.finditer(norm[ns:ne]):
            ts, te = m.start() + ns, m.end() + ns
            s, e = align.to_original(ts, te)
            tokens.append(Token(text[s:e], s, e, norm[ts:te], ts, te, len(sentences)))
        if len(tokens) == first:
            continue
        s, e = align.to_original(ns, ne)
        sentences.append(Sentence(text[s:e], s, e, ns, ne, first, len(tokens)))
    return tokens, sentences


def test_tokens_matched_within_sentence_bounds_are_those_of_the_sentence_copies():
    # (the segmenter matches each sentence as finditer(norm, start, end): what it sees past the
    # end is what a copy ends with, nothing; the token patterns look behind nothing)
    from persian_ie.segment import _TOKEN, _TOKEN_PLAIN, _segment

    rnd = random.Random(12)
    # lookaheads at a sentence's end: a number then a letter then a digit, a ZWNJ before a letter
    edges = ["۱۲a", "۱۲a۳", "a\u200c", "ab\u200cc", "۳.", "۳.۵", "x.\n۴", "ه.ش. ", "\u200c.", "#تگ", "a@b.ir", "www.x.ir."]
    pieces = _PIECES + edges + [". ", "! ", "؟\n", "\n\n", " "] * 3
    texts = _texts(200, seed=12) + ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 50))) for _ in range(2000)]
    norm = Normalizer()
    for text in texts:
        for doc in (norm(Document(text)), Document(text)):  # (unnormalized too: the segmenter alone)
            for pattern in (_TOKEN, _TOKEN_PLAIN):
                assert _segment(doc, pattern) == _segment_by_slices(doc, pattern), (text, pattern is _TOKEN)


def test_token_text_is_the_norm_of_the_units_token():
    for view in _views(100, seed=13):
        tokens = view.doc.tokens
        n = len(view)
        for u in list(range(n)) + list(range(-n, 0)):
            assert view.token_text(u) == tokens[view.tok[u]].norm
        try:
            view.token_text(n)
        except IndexError:
            pass
        else:
            raise AssertionError("a unit past the end has no token")


def test_whitespace_splits_no_glued_word():
    # a glued word (``_WORD``) never has a letter or ZWNJ on either side, and no whitespace
    # character (str.split's) is either: the words of a text are those of its pieces
    from persian_ie.normalize import _WORD_CHAR

    spaces = [chr(cp) for cp in range(0x110000) if chr(cp).isspace()]
    assert len(spaces) > 20 and all(_WORD_CHAR.match(ch) is None for ch in spaces)


def test_pieces_seen_clean_are_not_scanned_again(monkeypatch):
    import sys

    module = sys.modules["persian_ie.normalize"]  # (the module: the package exports a function of that name)
    repair = GluedWordRepairer.default().repair
    scanned = []
    real = module._WORD

    class Spy:
        def findall(self, text, *args):
            scanned.append(text)
            return real.findall(text, *args)

    monkeypatch.setattr(module, "_WORD", Spy())
    clean = set()
    first = "همکاری تجاری با بلاروس در زمینه حمل و نقل،\u2028همکاریها ادامه دارد"
    edits = _repairs(first, repair, clean)
    assert [first[a:b] + "→" + new for a, b, new in edits] == ["همکاریها→همکاری\u200cها"]
    assert "همکاریها" not in clean and "بلاروس" in clean and "نقل،" in clean
    scanned.clear()
    # the same pieces in another order: nothing is scanned again, and the glued word is still found
    second = "ادامه دارد همکاریها\u00a0در زمینه حمل و نقل، با بلاروس"
    edits = _repairs(second, repair, clean)
    assert scanned == ["همکاریها"]
    assert [second[a:b] + "→" + new for a, b, new in edits] == ["همکاریها→همکاری\u200cها"]
    scanned.clear()
    assert _repairs("با بلاروس در زمینه", repair, clean) == [] and scanned == []


def test_glued_words_repaired_with_remembered_pieces_as_the_full_substitution():
    repairer = GluedWordRepairer.default()
    rnd = random.Random(14)
    spaces = [" ", "\n", "\u00a0", "\u2028", "\x1c", "\u1680", "\u3000", "\t"]
    words = ["همکاریها", "همکاری", "جلسهای", "تفاهمنامه", "کتابها", "بلاروس", "ایران", "،", "«", "x", "ab", "\u200c",
             "رئیسجمهوری", "می", "ها"]
    texts = ["".join(rnd.choice(words + spaces) for _ in range(rnd.randint(1, 40))) for _ in range(1500)]
    clean = set()
    for text in texts + texts:  # (the second time round, most pieces are remembered)
        aligned = AlignedText.of(text)
        full = aligned.sub(_WORD, lambda m: repairer.repair(m.group()) or m.group())
        assert _same(aligned.edit(_repairs(text, repairer.repair, clean)), full), text


def test_identity_maps_are_new_lists_sharing_their_int_objects():
    from persian_ie.document import _OFFSETS_MAX, Alignment

    for n in (0, 1, 257, 3000, 9000, 3000, _OFFSETS_MAX - 1, _OFFSETS_MAX, _OFFSETS_MAX + 10):
        text = "x" * n
        for m in (AlignedText.of(text), Alignment.identity(text)):
            starts, ends = m.starts, m.ends
            assert starts == list(range(n)) and ends == list(range(1, n + 1))
            assert all(ends[k] is starts[k + 1] for k in range(0, n - 1, 97))  # (no int made twice)
        a, b = AlignedText.of(text), AlignedText.of(text)
        assert a.starts is not b.starts and a.ends is not b.ends
        if n:
            a.starts[0] = a.ends[-1] = -1  # a map may be changed in place: the next one is whole
            assert AlignedText.of(text).starts[0] == 0 and AlignedText.of(text).ends[-1] == n
    doc = Normalizer()(Document("همكاريها با بلاروس " * 300))
    assert doc.norm == ("همکاری\u200cها با بلاروس " * 300).strip()
    assert doc.alignment.to_original(0, len(doc.norm)) == (0, len("همكاريها با بلاروس " * 300) - 1)
