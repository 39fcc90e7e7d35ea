"""Build ``resources/gazetteers/places_as_organizations.txt``: listed cities that labeled
Persian text names as organizations more often than as places (clubs named after their
city: «بارسلونا», «لیورپول», «میلان»).

The stage gives a listed place its listed type, LOC, even where the tagger reads the
words as an organization, since a country or a capital acting as a state (``تهران`` for
Iran's government) stays a place by the project's convention. A club that bears its
city's name is no such metonymy: match reports say «بارسلونا» for the club. This script
counts, over the training splits of the NER corpora (ARMAN train_fold1, PEYMA train,
ParsTwiNER train; never a test split), how often each listed city or capital (not a
country or a province) is tagged as a whole organization and as a whole place, and
writes those tagged ORG at least ``--min-org`` times and in at least ``--min-share`` of
their tagged uses (normalized, one a line). Where the tagger reads such a name as an
organization, the stage keeps it so; elsewhere it is the place.

    python scripts/build_places_as_organizations.py --data ../shared/data/ner

The list is derived from research-only corpora, like the bundled tagger (see
``resources/ner/MODEL_CARD.md``).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from persian_ie.entities import corpora
from persian_ie.entities.gazetteer import gazetteer, phrase_units
from persian_ie.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers" / "places_as_organizations.txt"

HEADER = """# Listed cities that labeled Persian text names as organizations (clubs named after their city):
# tagged as a whole ORG at least {min_org} times and in at least {share:.0%} of their tagged uses
# over ARMAN train_fold1, PEYMA train and ParsTwiNER train ({n} sentences; research-only corpora).
# Built by scripts/build_places_as_organizations.py. Where the tagger reads one as an organization,
# the stage keeps it an organization.
"""

#: the kinds of listed places a club may be named after (a country or province acting is a state)
CITY_KINDS = {"city", "capital"}


def count(sentences):
    """{normalized listed city: Counter(label -> whole-span count)}."""
    gaz = gazetteer()
    out: dict = collections.defaultdict(collections.Counter)
    for tokens, tags in sentences:
        i = 0
        while i < len(tokens):
            if not tags[i].startswith("B-"):
                i += 1
                continue
            label = tags[i][2:]
            j = i + 1
            while j < len(tokens) and tags[j] == "I-" + label:
                j += 1
            text = normalize(" ".join(tokens[i:j]))
            entry = gaz.places.get(phrase_units(text))
            if entry is not None and entry.kind in CITY_KINDS:
                out[text][label] += 1
            i = j
    return out


def choose(counts, min_org: int = 5, min_share: float = 0.75):
    return sorted(name for name, c in counts.items()
                  if c["ORG"] >= min_org and c["ORG"] >= min_share * sum(c.values()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--min-org", type=int, default=5)
    ap.add_argument("--min-share", type=float, default=0.75)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    sents = corpora.read_train_splits(args.data)
    chosen = choose(count(sents), min_org=args.min_org, min_share=args.min_share)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(min_org=args.min_org, share=args.min_share, n=len(sents)))
        fh.writelines(w + "\n" for w in chosen)
    print(f"{len(chosen)} places -> {args.out}: {' '.join(chosen)}")


if __name__ == "__main__":
    main()
