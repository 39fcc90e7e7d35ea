"""Build ``resources/gazetteers/countries_cldr.tsv``: the world's countries and territories
that the hand-written ``countries.tsv`` lacks, from the Unicode CLDR Persian locale data.

``countries.tsv`` lists the ~130 countries Iranian political news names most; sports and
world news name the others too («کاستاریکا», «مونته‌نگرو», «پورتوریکو»), and the tagger,
which has seldom seen them, reads a national team's country as an organization. CLDR
(through Babel, which the docs tooling already installs) gives every ISO 3166 region's
Persian name, in Iran's spelling (``fa``) and, for the countries not listed, Afghanistan's
(``fa_AF``: «کاستریکا»); both are kept, with the part before a qualifier as a form too («میانمار
(برمه)» → «میانمار», «برمه»; «هنگ‌کنگ، منطقهٔ ویژهٔ اداری چین» → «هنگ‌کنگ»). A few
spellings common in Iranian news that CLDR lacks are added (``EXTRA``). A name that is
also an everyday word (``words_not_names.txt``), a listed first name or a club («موریس», «بلیز»,
«موناکو») is listed in the last column: the stage leaves it to the tagger (it is no
gazetteer place, only a spelling of the country for :func:`canonical_country`).

    python scripts/build_countries_cldr.py

Columns: canonical name<TAB>other forms (|)<TAB>ISO code<TAB>the forms that are ambiguous (|).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

from persian_ie.entities.gazetteer import gazetteer, phrase_units
from persian_ie import _resources
from persian_ie.normalize import normalize

OUT = Path(__file__).resolve().parents[1] / "persian_ie" / "resources" / "gazetteers" / "countries_cldr.tsv"

#: CLDR codes that are no country or territory (groupings, test and unknown regions)
SKIP = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ", "AQ"}
#: spellings of Iranian news that CLDR lacks, by ISO code
EXTRA = {
    "UY": ["اوروگوئه"],
    "CR": ["کاستاریکا"],
    "ME": ["مونته نگرو"],
    "BA": ["بوسنی", "بوسنی هرزگوین", "بوسنی‌وهرزگوین"],
    "CD": ["جمهوری دموکراتیک کنگو", "کنگو"],
    "CG": ["جمهوری کنگو"],
    "MM": ["برمه"],
    "DO": ["دومینیکن"],
    "TT": ["ترینیداد"],
    "PS": [],
}

#: names that are also persons' names, words or clubs, which the first-name list and words_not_names.txt lack
AMBIGUOUS = {"موریس", "جرزی", "بلیز", "موناکو"}

HEADER = """# Countries and territories that countries.tsv lacks, from the Unicode CLDR Persian locale data
# (fa and fa_AF territory names, via Babel; Unicode License v3) plus a few news spellings.
# Built by scripts/build_countries_cldr.py. Columns: canonical name<TAB>other forms (|)<TAB>ISO code<TAB>ambiguous
# forms (|: also an everyday word, a first name or a club; no gazetteer place, left to the tagger).
"""


def _forms(name: str) -> list:
    out = [name]
    m = re.match(r"^(.*?)\s*\((.*)\)$", name)
    if m:
        out += [m.group(1), m.group(2)]
    if "،" in name:
        out.append(name.split("،")[0].strip())
    if " - " in name:
        out.append(name.split(" - ")[0].strip())
    return [f for f in dict.fromkeys(x.strip() for x in out) if f]


def _read(path: Path) -> list:
    if not path.exists():
        return []
    return [(line.rstrip("\n").split("\t") + ["", ""])[:4] for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def build() -> list:
    from babel import Locale  # dev-only: installed with the docs tooling

    fa, af = Locale("fa").territories, Locale("fa_AF").territories
    gaz = gazetteer()
    not_names = set(_resources.read_lines("gazetteers/words_not_names.txt"))  # words labeled text uses as words
    # what an earlier run of this script wrote is no evidence (the build is repeatable)
    hand = {phrase_units(f): normalize(row[0]) for row in _read(OUT.with_name("countries.tsv"))
            for f in [row[0]] + row[1].split("|") if f}
    ours = {phrase_units(f) for row in _read(OUT) for f in [row[0]] + row[1].split("|") if f} - set(hand)
    rows = []
    for code in sorted(fa):
        if len(code) != 2 or not code.isalpha() or code in SKIP:
            continue
        forms = _forms(fa[code]) + (_forms(af[code]) if code in af else []) + EXTRA.get(code, [])
        clean = [f for f in dict.fromkeys(normalize(f) for f in forms) if f]
        known = [f for f in clean if phrase_units(f) not in ours and (gaz.places.get(phrase_units(f)) is not None
                                                                      or gaz.orgs.get(phrase_units(f)) is not None)]
        listed = next((hand[phrase_units(f)] for f in known if phrase_units(f) in hand), None)
        clean = [f for f in clean if f not in known and " - " not in f and "،" not in f and "(" not in f]
        if listed is not None:  # a listed country gets only the news spellings (not Dari's «جاپان»)
            clean = [f for f in clean if f in {normalize(x) for x in EXTRA.get(code, [])}]
        if not clean:
            continue
        ambiguous = [f for f in clean if len(f.split()) == 1 and (f in not_names or gaz.is_first_name(f) or f in AMBIGUOUS)]
        if listed is not None:  # countries.tsv has it: its canonical name wins, new forms are added
            clean = [listed] + clean
        rows.append((clean[0], "|".join(clean[1:]), code, "|".join(ambiguous)))
    return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    rows = build()
    with open(args.out, "w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.writelines("\t".join(r) + "\n" for r in rows)
    print(f"{len(rows)} countries -> {args.out} ({sum(bool(r[3]) for r in rows)} with ambiguous forms)")


if __name__ == "__main__":
    main()
