"""Build ``resources/gazetteers/words_not_names.txt``: words that labeled Persian text
uses as ordinary words and (almost) never as (part of) a person's name.

The person rules read «first name + word» and «honorific + word» as names where the
tagger found none, and hazm's lexicon, which tells them what is a common word, lacks
most inflected, derived and recent forms («بیماران», «اینترنتی», «مبارزاتی», «درخصوص»,
«کرونا»), so «[درگاه اینترنتی]», «امام [مبارزاتی]» became persons; and the first-name
list (from a names dataset) holds everyday words too («موثر», «سوالی», «خاله»). This
script counts, over the training splits of the NER corpora (ARMAN train_fold1, PEYMA
train, ParsTwiNER train; never a test split), how often each word (library-normalized)
stands outside any entity and how often it is tagged as a person. A word used at least
``--min-word`` times as a word (``--min-word-first-name`` times for an entry of the
first-name list: a listed name needs more evidence) and as a name at most
``--max-name-share`` as often is written out (normalized, one a line). Family names that are also words stay out of it
when the corpora tag them as persons often enough («روحانی», «زمانی», «نوری»).

    python scripts/build_words_not_names.py --data ../shared/data/ner

The list is derived from research-only corpora, like the bundled tagger (see
``resources/ner/MODEL_CARD.md``).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from persian_ie.entities import corpora
from persian_ie.entities.gazetteer import gazetteer
from persian_ie.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers" / "words_not_names.txt"

HEADER = """# Words labeled Persian text uses as ordinary words, not as persons' names (normalized, one a line):
# at least {min_word} times outside any entity ({min_first} times for a listed first name) and tagged as
# (part of) a person at most {share:.0%} as often,
# over ARMAN train_fold1, PEYMA train and ParsTwiNER train ({n} sentences; research-only corpora).
# Built by scripts/build_words_not_names.py. The person rules take none of these as a name word,
# nor as the first name that starts a name.
"""


def count(sentences):
    """(as a word, as a person) counts of each normalized token."""
    as_word: collections.Counter = collections.Counter()
    as_name: collections.Counter = collections.Counter()
    for tokens, tags in sentences:
        for tok, tag in zip(tokens, tags):
            w = normalize(tok)
            if tag == "O":
                as_word[w] += 1
            elif tag.endswith("PER"):
                as_name[w] += 1
    return as_word, as_name


def choose(as_word, as_name, min_word: int = 3, max_name_share: float = 0.05, min_word_first_name: int = 5):
    """The words used at least ``min_word`` times as words (``min_word_first_name`` for
    an entry of the first-name list: being listed as a name needs more evidence to
    overturn) and in persons' names at most ``max_name_share`` as often."""
    first_names = gazetteer().first_names
    return sorted(w for w, c in as_word.items()
                  if c >= (min_word_first_name if w in first_names else min_word)
                  and as_name[w] <= c * max_name_share and w and " " not in w)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--min-word", type=int, default=3)
    ap.add_argument("--min-word-first-name", type=int, default=5)
    ap.add_argument("--max-name-share", type=float, default=0.05)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    sents = corpora.read_train_splits(args.data)
    chosen = choose(*count(sents), min_word=args.min_word, max_name_share=args.max_name_share,
                    min_word_first_name=args.min_word_first_name)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(min_word=args.min_word, min_first=args.min_word_first_name, share=args.max_name_share, n=len(sents)))
        fh.writelines(w + "\n" for w in chosen)
    print(f"{len(chosen)} words -> {args.out}")


if __name__ == "__main__":
    main()
