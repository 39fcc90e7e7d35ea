"""Build ``persian_ie/resources/lexicon/hazm_lexicon.json.gz``: the compact copy of
hazm's lexicon (``words.dat`` + ``verbs.dat``) that the ZWNJ repairer and the entity
rules load at start-up.

    python scripts/build_hazm_lexicon.py

Reading the compact form takes a few tens of milliseconds, against about a second to
parse hazm's text files; it also keeps the library's output the same whichever hazm
version is installed. ``tests/test_lexicon.py`` checks that it matches the installed
hazm's files when they are the ones it was built from (hazm is MIT-licensed).
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from persian_ie.zwnj import LEXICON_RESOURCE, compact_lexicon, hazm_data_path, parse_hazm_lexicon  # noqa: E402


def source_info() -> dict:
    """hazm's version and the SHA-256 of the two files."""
    out = {"hazm": metadata.version("hazm")}
    for name in ("words.dat", "verbs.dat"):
        out[name] = hashlib.sha256(hazm_data_path(name).read_bytes()).hexdigest()
    return out


def main() -> None:
    words_dat = hazm_data_path("words.dat").read_text(encoding="utf-8")
    verbs_dat = hazm_data_path("verbs.dat").read_text(encoding="utf-8")
    data = compact_lexicon(*parse_hazm_lexicon(words_dat, verbs_dat), source=source_info())
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    out = ROOT / "persian_ie" / "resources" / LEXICON_RESOURCE
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{out.relative_to(ROOT)}: {sum(len(b[1]) for b in data['buckets'].values()):,} words, {data['verb_forms'].count('|') + 1:,} verb forms, "
          f"{out.stat().st_size:,} bytes (hazm {data['source']['hazm']})")


if __name__ == "__main__":
    main()
