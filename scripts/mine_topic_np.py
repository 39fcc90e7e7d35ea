#!/usr/bin/env python
"""Mine which nouns take which preposition inside a noun phrase, from unlabeled news.

The topics stage (persian_ie/events/topics.py) must tell a preposition that continues a
topic («مقابله با گسترش کرونا», «حمایت از سرمایه‌گذاران», «شرکت در اجلاس») from one
that ends it («… درباره تحولات منطقه با امیر قطر گفت‌وگو کرد»). The data answer it: a
word that is followed by a given preposition far more often than words are on average
selects that preposition. For every word seen at least ``--min-count`` times in the
unlabeled news (../shared/data/news_corpus, ../shared/data/unlabeled news files; the
dev_news articles are left out), this writes the share of its occurrences followed by
each preposition, keeping pairs with share >= ``--min-share``, to
persian_ie/resources/events/topic_np.json.

Usage: python scripts/mine_topic_np.py [--data ../shared/data] [--min-count 20] [--min-share 0.12]
"""

from __future__ import annotations

import argparse
import collections
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from persian_ie.events.topics import _verb_forms  # noqa: E402
from persian_ie.normalize import normalize  # noqa: E402

VERB_FORMS = _verb_forms()

PREPOSITIONS = ("با", "از", "به", "در", "برای", "بر", "میان", "بین", "علیه")
LIGHT_VERBS = {"کرد", "کردند", "کرده", "کند", "کنند", "کنیم", "کردم", "کردیم", "نمود", "نمودند", "شد", "شدند", "شده", "شود",
               "شوند", "داد", "دادند", "داده", "دهد", "دهند", "داشت", "داشتند", "دارد", "دارند", "است", "بود", "گرفت",
               "گرفتند", "گیرد", "گیرند", "می‌کند", "می‌کنند", "می‌شود", "می‌شوند", "خواهد", "خواهند", "خواهیم", "باشد",
               "گردید", "گردد", "نمی‌کند", "نمی‌شود", "کرده‌اند", "شده‌است", "شده‌اند", "می‌کنیم", "می‌دهد", "می‌دهند"}


def dev_keys(data: str) -> set:
    keys = set()
    path = os.path.join(data, "dev_news", "gold.jsonl")
    if os.path.exists(path):
        for line in open(path, encoding="utf-8"):
            if line.strip():
                src = json.loads(line)["source"]
                key = str(src.get("row_or_key", ""))
                path_ = src.get("path", "")
                if "fars-news-" in path_:
                    keys.add(f"fars{path_.split('fars-news-')[1].split('.')[0]}:{key}")
                else:
                    keys.add(os.path.basename(path_).rsplit(".", 1)[0])
    return keys


_AGENT = ("گر", "گار", "ور", "ورز", "کار", "زار", "دار", "ساز", "گذار", "پذیر", "آور", "بان", "چی", "یار", "کننده", "نده")


def _relational_adjective(word: str, counts) -> bool:
    for suffix in ("\u200cای", "ای", "ی"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            if suffix == "ی" and stem.endswith(("ا", "و", "ه")):
                continue  # «آرزوی», «خانه‌ی»: an ezafe, not an adjective
            return counts[stem] >= 30 and not stem.endswith(_AGENT)
    return False


def texts(data: str, skip: set):
    files = [os.path.join(data, "news_corpus", "ir_news_sample.jsonl"),
             os.path.join(data, "unlabeled", "ir_news_rest.jsonl"),
             os.path.join(data, "unlabeled", "fars_news.jsonl")]
    for path in files:
        if not os.path.exists(path):
            continue
        for line in open(path, encoding="utf-8"):
            rec = json.loads(line)
            if rec.get("id") in skip:
                continue
            yield rec["text"]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=os.path.join(ROOT, "..", "shared", "data"))
    ap.add_argument("--min-count", type=int, default=20)
    ap.add_argument("--min-share", type=float, default=0.12)
    ap.add_argument("--out", default=os.path.join(ROOT, "persian_ie", "resources", "events", "topic_np.json"))
    args = ap.parse_args()
    skip = dev_keys(args.data)
    uni = collections.Counter()
    pair = collections.Counter()
    before_lv = collections.Counter()
    binomial = collections.Counter()
    n_docs = 0
    for text in texts(args.data, skip):
        n_docs += 1
        words = normalize(text).split()
        uni.update(words)
        for x, conj, y in zip(words, words[1:], words[2:]):
            if conj == "و":
                binomial[(x, y)] += 1
        for w, nxt in zip(words, words[1:]):
            if nxt in PREPOSITIONS:
                pair[(w, nxt)] += 1
            elif nxt in LIGHT_VERBS or nxt in VERB_FORMS:
                before_lv[w] += 1
    adjectives = sorted(w for w in uni if uni[w] >= 10 and _relational_adjective(w, uni))
    table = {}
    for (w, p), c in pair.items():
        n = uni[w]
        if n >= args.min_count and c / n >= args.min_share and w not in PREPOSITIONS:
            table.setdefault(w, {})[p] = round(c / n, 3)
    out = {
        "_doc": ("Nouns (and other words) and the prepositions they select, mined by scripts/mine_topic_np.py from "
                 f"{n_docs} unlabeled news articles (dev_news left out): share of the word's occurrences followed by "
                 f"the preposition, pairs with share >= {args.min_share} among words seen >= {args.min_count} times. "
                 "The topics stage lets such a preposition continue a noun phrase."),
        "prepositions": list(PREPOSITIONS),
        "select": dict(sorted(table.items())),
        "_doc_adjectives": ("Relational adjectives: a word seen >= 10 times that is a frequent word (>= 30) plus «ی» "
                            "or «‌ای» (اقتصاد → اقتصادی, منطقه → منطقه‌ای), unless that stem is an agent noun "
                            "(گردشگر → گردشگری is a noun). A list of bare adjectives after a noun stays one topic."),
        "adjectives": adjectives,
        "_doc_preverbal": ("Words that usually make a compound verb with the verb after them (تلاش کرد, استفاده "
                           "می‌کند, خبر داد, مهم است, دست یافت): share of occurrences right before a light verb or a "
                           "finite verb form (hazm's verb stems), among words "
                           "seen >= 20 times (the share, kept from 0.1). A phrase that runs into a verb leaves such a word to the verb."),
        "_doc_binomials": ("Fixed pairs «A و B» (دانش و تجربه, حل و فصل, ثبات و امنیت): seen >= 5 times and in >= 4% "
                           "of the rarer word's occurrences. A list is not split between them."),
        "binomials": sorted(f"{x} و {y}" for (x, y), c in binomial.items()
                            if c >= 5 and c / max(1, min(uni[x], uni[y])) >= 0.04 and x != y),
        "preverbal": {w: round(c / uni[w], 3) for w, c in sorted(before_lv.items())
                      if uni[w] >= args.min_count and c / uni[w] >= 0.1},
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, indent=0, sort_keys=False)
        f.write("\n")
    print(f"{len(table)} words from {n_docs} articles -> {os.path.relpath(args.out, ROOT)}")


if __name__ == "__main__":
    main()
