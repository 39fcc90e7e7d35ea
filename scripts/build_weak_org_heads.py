"""Build ``resources/gazetteers/weak_org_heads.txt``: organization-pattern heads that
labeled Persian text seldom uses to start an organization's name.

The organization patterns start at a head from ``org_heads.tsv`` («سازمان», «باشگاه»,
«مدیریت» …) and take the name-like words after it. Some heads are mostly everyday words:
«مدیریت» is «managing» far more often than a unit's name («[مدیریت] موثر», «[مدیریت]
کرونا», «[مدیریت] مجلس»). This script counts, over the training splits of the NER corpora
(ARMAN train_fold1, PEYMA train, ParsTwiNER train; never a test split), how often each
head's first word begins an organization (``B-ORG``) among all its uses, and writes the
heads used at least ``--min-uses`` times that begin one in at most ``--max-share`` of them
(normalized, one a line). The stage lets such a head start a pattern only where the
tagger reads an organization there too.

    python scripts/build_weak_org_heads.py --data ../shared/data/ner

The list is derived from research-only corpora, like the bundled tagger (see
``resources/ner/MODEL_CARD.md``).
"""

from __future__ import annotations

import argparse
import collections
from pathlib import Path

from persian_ie import _resources
from persian_ie.entities import corpora
from persian_ie.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers" / "weak_org_heads.txt"

HEADER = """# Organization-pattern heads (org_heads.tsv) that labeled Persian text seldom uses to start a name:
# used at least {min_uses} times and beginning an organization in at most {share:.0%} of the uses,
# over ARMAN train_fold1, PEYMA train and ParsTwiNER train ({n} sentences; research-only corpora).
# Built by scripts/build_weak_org_heads.py. Such a head starts a pattern only where the tagger reads an
# organization there too.
"""


def single_word_heads() -> set:
    rows = [line.split("\t")[0] for line in _resources.read_lines("gazetteers/org_heads.tsv")]
    return {normalize(h) for h in rows if h and " " not in normalize(h)}


def count(sentences, heads):
    """{head: Counter(starts=…, uses=…)}."""
    out: dict = collections.defaultdict(collections.Counter)
    for tokens, tags in sentences:
        for tok, tag in zip(tokens, tags):
            w = normalize(tok)
            if w in heads:
                out[w]["uses"] += 1
                out[w]["starts"] += tag == "B-ORG"
    return out


def choose(counts, min_uses: int = 50, max_share: float = 0.05):
    return sorted(h for h, c in counts.items() if c["uses"] >= min_uses and c["starts"] <= max_share * c["uses"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data" / "ner"))
    ap.add_argument("--min-uses", type=int, default=50)
    ap.add_argument("--max-share", type=float, default=0.05)
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    sents = corpora.read_train_splits(args.data)
    chosen = choose(count(sents, single_word_heads()), min_uses=args.min_uses, max_share=args.max_share)
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER.format(min_uses=args.min_uses, share=args.max_share, n=len(sents)))
        fh.writelines(w + "\n" for w in chosen)
    print(f"{len(chosen)} heads -> {args.out}: {' '.join(chosen)}")


if __name__ == "__main__":
    main()
