"""Build ``persian_ie/resources/lexicon/normalized.tsv``: the shipped word lists'
strings with their normalized forms (see ``persian_ie/_lexicon_norms.py``).

    python scripts/build_normalized_lexicon.py            # rewrite the table
    python scripts/build_normalized_lexicon.py --check    # exit 1 when it is stale

Run it after changing the normalizer, the ZWNJ lexicon or a word list the loaders read;
``tests/test_lexicon_norms.py`` fails until then.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = "import sys; from persian_ie._lexicon_norms import build; sys.stdout.write(build())"


def build_text() -> str:
    """The table as a fresh process with the shipped table switched off builds it."""
    env = dict(os.environ, PERSIAN_IE_NORM_TABLE="0", PYTHONPATH=str(ROOT), PYTHONIOENCODING="utf-8")
    out = subprocess.run([sys.executable, "-c", BUILD], env=env, check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="compare with the shipped table, write nothing")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from persian_ie._lexicon_norms import RESOURCE

    path = ROOT / "persian_ie" / "resources" / RESOURCE
    text = build_text()
    n = text.count("\n") - 1
    if args.check:
        if not path.exists() or path.read_bytes() != text.encode("utf-8"):
            print(f"{path} is stale: rebuild with python scripts/build_normalized_lexicon.py", file=sys.stderr)
            return 1
        print(f"{path} is up to date ({n} strings)")
        return 0
    path.write_bytes(text.encode("utf-8"))
    print(f"wrote {path} ({n} strings)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
