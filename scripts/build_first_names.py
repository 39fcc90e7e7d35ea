"""Build ``resources/gazetteers/first_names_mined.txt``: first names mined from the PER
spans of labeled Persian text, beside the Persian list (``first_names.tsv``) and the hand
list of foreign names (``foreign_first_names.txt``).

The stage reads a first name + an unknown word as a person («[دیمتری کالتسوف]»), and a
first name keeps a span from being read as an organization. The two lists miss many
foreign and Arabic first names that news writes every day, and a hand list does not
scale. This script counts, over the TRAINING splits of the NER corpora (ARMAN
train_fold1, PEYMA train, ParsTwiNER train; never a dev or test split), how often each
word (normalized as the library normalizes) is the first word of a person's name of two
words or more (``B-PER`` followed by ``I-PER``) and how often it is used at all, and keeps
a word that

* starts such a name at least ``--min-starts`` times (``--min-starts-unknown`` for a word
  hazm's lexicon does not know: the foreign names), and in more than ``--min-share`` of
  all its uses (the learned criterion: «امید», «جان», «امام» start names, but are far
  more often words; «مک» starts «مک گاورن» but also «مک دونالد», «مک بوک»; «کوفی»,
  «خاویر» are names wherever they appear; so a word seen once as a name is kept only if
  it is never seen otherwise); a word of hazm's lexicon that the stage counts as a
  common word (:meth:`CommonWords.is_common`: adjectives, adverbs, very frequent words)
  needs ``--common-share``;
* is one word of Persian letters, not already a listed first name, and none of the things a
  name's first word also can be in the stage's own lists: a stop word, a verb form or a
  function word, a role title, a role modifier, an honorific, a place, a country or a
  demonym, an organization, a country reference, an organization head or ministry, a
  word the stage's word classes say never is a name, a word the corpora use as a plain
  word (``words_not_names.txt``), a compound name's tail («الدین»), a title written joined
  to a word («رهبرمعظم»).

    python scripts/build_first_names.py --data ../shared/data/ner

The list is derived from research-only corpora, like the bundled tagger (see
``resources/ner/MODEL_CARD.md``): it holds only names, no text.
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from persian_ie.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers" / "first_names_mined.txt"

HEADER = """# First names mined from labeled Persian text: words that begin a person's name of two words or more
# at least {min_starts} times and in more than {share:.0%} of all their uses ({common:.0%} for a common word of hazm's
# lexicon; a word hazm's lexicon does not know: at least {min_unknown} time(s), so a word seen once as a name is
# never used otherwise), over ARMAN train_fold1, PEYMA train and ParsTwiNER train ({n} sentences;
# research-only corpora; never a dev or test split); no title, honorific, place, demonym, organization or head,
# function word, and none already in first_names.tsv or foreign_first_names.txt.
# Built by scripts/build_first_names.py (word<TAB>starts<TAB>uses). Used like the other first-name lists: a
# cue, never a person on its own.
"""

Sentence = Tuple[Sequence[str], Sequence[str]]


def count(sentences: Iterable[Sentence]) -> Tuple[Dict[str, int], Dict[str, int]]:
    """(starts, uses): how often each normalized word begins a PER span of two tokens or
    more, and how often it occurs at all."""
    starts: Dict[str, int] = collections.Counter()
    uses: Dict[str, int] = collections.Counter()
    for tokens, tags in sentences:
        for k, tok in enumerate(tokens):
            w = normalize(tok)
            uses[w] += 1
            if tags[k] == "B-PER" and k + 1 < len(tags) and tags[k + 1] == "I-PER":
                starts[w] += 1
    return starts, uses


def choose(starts: Dict[str, int], uses: Dict[str, int], excluded: Callable[[str], Optional[str]],
           is_common: Callable[[str], bool], is_word: Callable[[str], bool] = lambda w: True,
           min_starts: int = 2, min_starts_unknown: int = 1, min_share: float = 0.5,
           common_share: float = 0.75) -> List[Tuple[str, int, int]]:
    """The kept ``(word, starts, uses)`` rows, most frequent first (see the module doc);
    ``excluded(word)`` gives why a word can be no first name (None: it can); a word that
    ``is_word`` does not know needs ``min_starts_unknown`` starts instead of ``min_starts``."""
    out = []
    for w, s in starts.items():
        u = uses.get(w, s)
        if s < (min_starts if is_word(w) else min_starts_unknown) or not _word_shaped(w):
            continue
        if s <= (common_share if is_common(w) else min_share) * u:
            continue  # (so a word seen once as a name is kept only if it is never seen otherwise)
        if excluded(w) is not None:
            continue
        out.append((w, s, u))
    return sorted(out, key=lambda r: (-r[1], r[0]))


def _word_shaped(w: str) -> bool:
    """One word of Persian letters (with ZWNJ inside)."""
    return len(w) >= 2 and all("\u0621" <= ch <= "\u06d3" and ch.isalpha() or ch == "\u200c" for ch in w) \
        and w.strip("\u200c") == w


def listed_first_names() -> set:
    """The first names of ``first_names.tsv`` and ``foreign_first_names.txt`` (not of the
    mined list itself, so that a rebuild starts from the same lists)."""
    from persian_ie import _resources

    names = {normalize(line.split("\t")[0]) for line in _resources.read_lines("gazetteers/first_names.tsv")}
    names.update(normalize(line) for line in _resources.read_lines("gazetteers/foreign_first_names.txt"))
    return names


def stage_exclusions() -> Callable[[str], Optional[str]]:
    """``excluded(word)`` from the library's own lists (see the module doc)."""
    from persian_ie.entities.gazetteer import gazetteer, phrase_units
    from persian_ie.entities.lexicon import CommonWords
    from persian_ie.entities.wordlists import stage_words

    gaz, lex, words = gazetteer(), CommonWords.get(), stage_words()
    listed = listed_first_names()
    tries = {"title": gaz.titles, "modifier": gaz.modifiers, "honorific": gaz.honorifics, "place": gaz.places,
             "demonym": gaz.demonyms, "organization": gaz.orgs, "reference": gaz.refs,
             "head": gaz.org_heads, "ministry": gaz.ministries}

    def excluded(w: str) -> Optional[str]:
        if w in listed:
            return "listed"
        if w in lex.stop or lex.is_function(w) or lex.is_verbish(w):
            return "function"
        if w in words.not_name or w in words.compound_tail or w in words.name_connector or w in words.weak_honorific:
            return "not a name"
        if w in lex.not_names:
            return "a word in labeled text"
        if lex.is_plural_noun(w) or lex.is_possessed_noun(w):
            return "plural/possessed"
        units = phrase_units(w, normalized=True)
        for why, trie in tries.items():
            if trie.get(units) is not None:
                return why
        for k in range(2, len(w) - 1):  # a title written joined to a word: «رهبرمعظم»
            if w[k:] in lex.words and (gaz.titles.get((w[:k],)) is not None or gaz.honorifics.get((w[:k],)) is not None):
                return "joined title"
        return None

    return excluded


def main() -> None:
    from persian_ie.entities import corpora
    from persian_ie.entities.lexicon import CommonWords

    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--min-starts", type=int, default=2)
    ap.add_argument("--min-starts-unknown", type=int, default=1)
    ap.add_argument("--min-share", type=float, default=0.5)
    ap.add_argument("--common-share", type=float, default=0.75)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    sents = corpora.read_train_splits(args.data)
    starts, uses = count(sents)
    lex = CommonWords.get()
    rows = choose(starts, uses, stage_exclusions(), lex.is_common, lambda w: w in lex.words,
                  min_starts=args.min_starts, min_starts_unknown=args.min_starts_unknown,
                  min_share=args.min_share, common_share=args.common_share)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(min_starts=args.min_starts, share=args.min_share, common=args.common_share,
                               min_unknown=args.min_starts_unknown, n=len(sents)))
        fh.writelines(f"{w}\t{s}\t{u}\n" for w, s, u in rows)
    print(f"{len(rows)} first names -> {args.out}")


if __name__ == "__main__":
    main()
