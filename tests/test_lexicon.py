"""The compact copy of hazm's lexicon shipped in resources/lexicon (start-up speed)."""

import gzip
import hashlib
import json

import pytest

from persian_ie._resources import resource_path
from persian_ie.zwnj import (LEXICON_RESOURCE, LexiconWords, compact_lexicon, expand_lexicon, glued_forms, hazm_data_path,
                             parse_hazm_lexicon)


def _shipped() -> dict:
    return json.loads(gzip.decompress(resource_path(LEXICON_RESOURCE).read_bytes()))


def test_compact_form_round_trips():
    words_dat = "كتاب\t120\tN\nکتاب\t300\t\nرفت\t5\tV\nتنها\t7\tAJ,ADV\nبی‌نام\t\t\nنادر\t0\tN\n"
    verbs_dat = "رفت#رو\nگفت#گو\n"
    parsed = parse_hazm_lexicon(words_dat, verbs_dat)
    words, verbs, freq = parsed
    assert words == {"کتاب": "N", "رفت": "V", "تنها": "AJ,ADV", "بی‌نام": "", "نادر": "N"}  # ك folded; tagged entry kept
    assert freq["کتاب"] == 300 and "بی‌نام" not in freq  # the higher count of a repeated word
    assert "نادر" not in freq and freq.get("نادر", 0) == 0  # a count of 0 is left out
    assert {"رفتم", "روند", "رفته", "گوید"} <= verbs
    back = expand_lexicon(json.loads(json.dumps(compact_lexicon(*parsed, source={}))))
    assert dict(back[0]) == words and back[1:3] == parsed[1:3]  # same entries
    assert back[3] == glued_forms(words) == {"بینام": "بی‌نام"}
    assert back[2].get("کتاب") == 300 and back[2].get("نادر", 0) == 0 and "بی‌نام" not in back[2]
    assert sorted(back[2].values()) == sorted(freq.values()) and len(back[2]) == len(freq)


def test_lexicon_words_answer_as_a_dict():
    words = {"کتاب": "N", "کتابها": "N,PL", "رفت": "V", "تنها": "AJ,ADV", "بی‌نام": "", "ک": "N"}
    lazy = expand_lexicon(json.loads(json.dumps(compact_lexicon(words, set(), {}, source={}))))[0]
    assert isinstance(lazy, LexiconWords) and len(lazy) == len(words)
    for w in list(words) + ["کتب", "", "x", "xy", "رفتن"]:
        assert (w in lazy) == (w in words) and lazy.get(w) == words.get(w) and lazy.get(w, "?") == words.get(w, "?")
    assert lazy["رفت"] == "V" and sorted(lazy.values()) == sorted(words.values())
    with pytest.raises(KeyError):
        lazy["کتب"]
    assert 5 not in lazy and lazy.get(None) is None
    assert dict(lazy) == words
    assert "xy" not in lazy._built and "رف" in lazy._built  # unknown prefixes are not kept
    assert all(raw[0] == "" for raw in lazy._raw.values())  # a built bucket lets its joined words go
    assert dict(lazy) == words and sorted(lazy.values()) == sorted(words.values())


def test_shipped_lexicon_matches_hazms_files():
    data = _shipped()
    for name in ("words.dat", "verbs.dat"):
        if hashlib.sha256(hazm_data_path(name).read_bytes()).hexdigest() != data["source"][name]:
            pytest.skip(f"the installed hazm's {name} is not the one the compact lexicon was built from "
                        f"(hazm {data['source']['hazm']}); rebuild with scripts/build_hazm_lexicon.py to compare")
    parsed = parse_hazm_lexicon(hazm_data_path("words.dat").read_text(encoding="utf-8"),
                                hazm_data_path("verbs.dat").read_text(encoding="utf-8"))
    shipped = expand_lexicon(data)
    assert dict(shipped[0]) == parsed[0] and shipped[1] == parsed[1] and dict(shipped[2]) == parsed[2]
    assert shipped[3] == glued_forms(parsed[0])  # in hazm's order: the first ZWNJ spelling of a glued key wins
    assert list(shipped[3]) == list(glued_forms(parsed[0]))


def test_verb_forms_and_possessed_nouns_the_lexicon_does_not_list():
    from persian_ie.entities.lexicon import CommonWords

    lex = CommonWords.get()
    for verb in ("برسد", "نبوده", "نیامدند", "بیاید", "نتوانسته"):
        assert lex.is_verbish(verb), verb
    for word in ("نیازی", "نیوز", "بسام", "بیات", "بنیاد"):
        assert not lex.is_verbish(word), word
    for possessed in ("کشورمان", "فرزندانشان", "همکارانش", "خودتان"):
        assert lex.is_possessed_noun(possessed), possessed
    for word in ("مردمان", "متهمان", "قهرمان", "کرمان", "شاماش", "برجام", "مانامان", "فریدمان"):
        assert not lex.is_possessed_noun(word), word


def test_is_tagged_means_listed_with_a_part_of_speech():
    from persian_ie.entities.lexicon import CommonWords

    lex = CommonWords.get()
    assert lex.is_tagged("کتاب") and lex.is_tagged("سازمان")
    assert not lex.is_tagged("قادرزاده")  # an unknown family name
    assert not lex.is_tagged("")
    assert "اصلی" in lex.words and not lex.is_tagged("اصلی")  # listed, but without a tag
