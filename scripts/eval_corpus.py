"""Pairwise precision and recall of the corpus view's event merge and identity grouping.

The gold (``tests/data/corpus_gold/``, see its README) holds hand-checked pairs:

* ``merge_pairs.jsonl``: two reports (article id + trigger offsets) of the same real
  interaction (``same: true``) or of different ones that look alike (``same: false``);
* ``identity_pairs.jsonl``: two name mentions (article id + offsets) of one person, body,
  place or role holder (``same: true``) or of different ones (``same: false``).

Scoring builds a corpus from result JSONL (the extraction of dev_news and the ~4,800-article
news corpus), maps every gold mention to what the corpus made of it, and counts a pair as
predicted-same when both sides landed in one merged event (one identity). A gold side that
the extraction did not produce (no event with that trigger, no such name) counts as
predicted-different (it hurts recall) and is reported.

Examples::

    .venv/bin/python scripts/eval_corpus.py score /work/coord/corpus_dev_news.jsonl /work/coord/corpus_news_4838.jsonl
    .venv/bin/python scripts/eval_corpus.py candidates merge RESULTS.jsonl... > /tmp/merge_candidates.txt
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
GOLD = REPO / "tests" / "data" / "corpus_gold"


def _results(paths: List[str]) -> Iterator[Dict[str, Any]]:
    for path in paths:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def _load_gold(name: str) -> List[Dict[str, Any]]:
    path = GOLD / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


# -- candidates for annotation -------------------------------------------------------------

def _last_word(text: str) -> str:
    from persian_ie.corpus.names import display_form, name_units

    units = name_units(display_form(text), "PER")
    return units[-1] if units else ""


def _day(res: Dict[str, Any], ev: Dict[str, Any]) -> Optional[int]:
    from persian_ie.corpus.roles import _day as jday

    date = ev.get("date") or {}
    if date.get("granularity") == "day" and date.get("jalali"):
        return jday(date["jalali"])
    pub = (res.get("published") or {}).get("jalali")
    return jday(pub) if pub else None


def cmd_candidates(args: argparse.Namespace) -> int:
    """Print candidate pairs, looser than the merge itself, for hand labelling."""
    docs = {r["id"]: r for r in _results(args.files)}
    if args.what == "merge":
        index: Dict[Tuple[str, str], List[Tuple[str, int]]] = defaultdict(list)
        for aid, res in docs.items():
            for i, ev in enumerate(res.get("events") or []):
                family = ev["type"]   # a visit and a meeting held during it are two events (dev_news convention)
                keys = set()
                for p in ev.get("participants") or []:
                    if p.get("name"):
                        w = _last_word(p["name"]["text"])
                        if len(w) > 2:
                            keys.add(w)
                    if p.get("country") and p["country"] != "ایران":
                        keys.add("country:" + p["country"])   # catches reports naming a side by role only
                for w in keys:
                    index[(family, w)].append((aid, i))
        seen = set()
        out = []
        for (family, word), evs in index.items():
            for (a, i), (b, j) in ((x, y) for x in evs for y in evs if x[0] < y[0]):
                if (a, i, b, j) in seen:
                    continue
                seen.add((a, i, b, j))
                ea, eb = docs[a]["events"][i], docs[b]["events"][j]
                da, db = _day(docs[a], ea), _day(docs[b], eb)
                if da is None or db is None or abs(da - db) > args.days:
                    continue
                out.append((a, i, b, j, word))
        for a, i, b, j, word in sorted(out):
            print(json.dumps({"pair": [[a, i], [b, j]], "shared": word}, ensure_ascii=False))
            for aid, k in ((a, i), (b, j)):
                res, ev = docs[aid], docs[aid]["events"][k]
                s = ev["sentence"]
                text = res.get("text") or ""
                print(f"   {aid}#{k} {ev['type']}/{ev['status']} pub={(res.get('published') or {}).get('jalali')} "
                      f"date={(ev.get('date') or {}).get('jalali')} trig={ev['trigger']['start']}-{ev['trigger']['end']}"
                      f" | {res.get('title') or ''}")
                print("      " + text[s["start"]:s["end"]].replace("\n", " ")[:400])
        print(f"# {len(out)} candidate pairs", file=sys.stderr)
        return 0
    # identity: person mentions sharing a last word, across articles
    by_word: Dict[str, Dict[str, Tuple[str, int, int, str]]] = defaultdict(dict)
    for aid, res in docs.items():
        for ent in res.get("entities") or []:
            if ent.get("label") != "PER":
                continue
            w = _last_word(ent["text"])
            if len(w) > 2:
                by_word[w].setdefault(ent.get("normalized") or ent["text"], (aid, ent["start"], ent["end"], ent["text"]))
    for word, forms in sorted(by_word.items(), key=lambda kv: -len(kv[1])):
        if len(forms) < 2:
            continue
        print(f"## {word}: " + " | ".join(f"{f} ({v[0]}:{v[1]}-{v[2]})" for f, v in list(forms.items())[:12]))
    return 0


def _gold_articles(names: List[str]) -> set:
    arts = set()
    for name in names:
        for pair in _load_gold(name):
            arts.update((pair["a"]["article"], pair["b"]["article"]))
    return arts


def _print_pair(docs: Dict[str, Dict[str, Any]], a: str, i: int, b: str, j: int, head: str) -> None:
    print(head)
    for aid, k in ((a, i), (b, j)):
        res, ev = docs[aid], docs[aid]["events"][k]
        s, t = ev["sentence"], ev["trigger"]
        text = res.get("text") or ""
        parts = "; ".join(((p.get("name") or p.get("role") or {}).get("text") or "?") + f"/{p.get('country')}"
                          for p in ev.get("participants") or [])
        print(f"   {aid}#{k} {ev['type']}/{ev['status']} pub={(res.get('published') or {}).get('jalali')} "
              f"date={(ev.get('date') or {}).get('jalali')} trig={t['start']}-{t['end']} [{parts}] | {res.get('title') or ''}")
        print("      " + (text[s["start"]:t["start"]] + "⟦" + text[t["start"]:t["end"]] + "⟧"
                          + text[t["end"]:s["end"]]).replace("\n", " ")[:600])


def cmd_heldout(args: argparse.Namespace) -> int:
    """Draw the held-out merge candidates (``merge_pairs_check.jsonl``), independent of the merge rules.

    Only articles outside ``--exclude`` gold files. Two draws, both restricted to reports of the
    same extracted type in different articles whose publication days (when both have one) are at
    most ``--days`` apart:

    * ``text``: every pair whose event sentences have an IDF-weighted word cosine ≥ ``--min-sim``
      (words in ≥ 5 % of event sentences ignored), ranked by that cosine;
    * ``participants``: a seeded random sample of ``--sample`` pairs sharing a participant's last
      name *skeleton* (the word without ا/و/ی/آ, so «پمپئو»/«پامپئو» meet; blocks of more than 60
      reports skipped), publication days at most ``--participant-days`` apart, not among the
      ``text`` pairs with cosine ≥ ``--text-sim``.
    """
    import math
    import random
    import re

    from persian_ie.corpus.roles import _day as jday

    excluded = _gold_articles(args.exclude)
    docs = {r["id"]: r for r in _results(args.files) if r["id"] not in excluded}
    word = re.compile(r"\w+")
    evs: List[Tuple[str, int, Dict[str, Any], set]] = []
    df: Dict[str, int] = defaultdict(int)
    for aid, res in docs.items():
        text = res.get("text") or ""
        for i, ev in enumerate(res.get("events") or []):
            s = ev["sentence"]
            raw = text[s["start"]:s["end"]].replace("\u200c", "").replace("ي", "ی").replace("ك", "ک")
            ws = {w for w in word.findall(raw) if len(w) > 2 and not w.isdigit()}
            evs.append((aid, i, ev, ws))
            for w in ws:
                df[w] += 1
    n = len(evs)

    def pday(aid: str) -> Optional[int]:
        pub = (docs[aid].get("published") or {}).get("jalali")
        return jday(pub) if pub else None

    def near(a: str, b: str, days: int = args.days) -> bool:
        da, db = pday(a), pday(b)
        return da is None or db is None or abs(da - db) <= days

    vecs = []
    for _, _, _, ws in evs:
        v = {w: math.log(n / df[w]) for w in ws if df[w] < 0.05 * n}
        norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
        vecs.append({w: x / norm for w, x in v.items()})
    inv: Dict[str, List[int]] = defaultdict(list)
    for k, v in enumerate(vecs):
        for w in v:
            inv[w].append(k)
    text_pairs = []
    for k, v in enumerate(vecs):
        acc: Dict[int, float] = defaultdict(float)
        for w, x in v.items():
            if len(inv[w]) <= 200:
                for j in inv[w]:
                    if j > k:
                        acc[j] += x * vecs[j][w]
        for j, sim in acc.items():
            a, b = evs[k], evs[j]
            if sim >= args.min_sim and a[0] != b[0] and a[2]["type"] == b[2]["type"] and near(a[0], b[0]):
                text_pairs.append((sim, a[0], a[1], b[0], b[1]))
    text_pairs.sort(key=lambda t: (-t[0], t[1:]))
    seen = {tuple(sorted([(a, i), (b, j)])) for sim, a, i, b, j in text_pairs if sim >= args.text_sim}

    def skeleton(w: str) -> str:
        return "".join(c for c in w if c not in "اویآ")

    index: Dict[Tuple[str, str], List[Tuple[str, int]]] = defaultdict(list)
    for aid, i, ev, _ in evs:
        words = {_last_word(p["name"]["text"]) for p in ev.get("participants") or [] if p.get("name")}
        for key in {skeleton(w) for w in words if len(w) > 2}:
            index[(ev["type"], key)].append((aid, i))
    part = set()
    for block in index.values():
        if len(block) > 60:
            continue
        for x in block:
            for y in block:
                if x[0] < y[0] and near(x[0], y[0], args.participant_days) and (x, y) not in seen:
                    part.add((x, y))
    sample = sorted(part)   # (x, y) with x's article < y's
    random.Random(args.seed).shuffle(sample)
    for n_, (sim, a, i, b, j) in enumerate(text_pairs):
        _print_pair(docs, a, i, b, j, f"[text {n_}] sim={sim:.2f}")
    for n_, ((a, i), (b, j)) in enumerate(sample[:args.sample]):
        _print_pair(docs, a, i, b, j, f"[participants {n_}]")
    print(f"# {len(text_pairs)} text pairs, {len(part)} participant pairs ({args.sample} sampled)", file=sys.stderr)
    return 0


# -- scoring --------------------------------------------------------------------------------

def _prf(tp: int, fp: int, fn: int) -> Dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 3), "recall": round(r, 3), "tp": tp, "fp": fp, "fn": fn}


def _event_of(corpus, article: str, start: int, end: int) -> Optional[str]:
    """The merged event holding the report of ``article`` whose trigger overlaps [start, end)
    (or whose sentence contains it)."""
    rows = corpus.store.query(
        "SELECT s.merged_id, e.trigger_start, e.trigger_end, e.sentence_start, e.sentence_end FROM events e "
        "JOIN merged_sources s ON s.event_key = e.key WHERE e.article_id = ?", (article,))
    for mid, ts, te, _, _ in rows:
        if ts < end and start < te:
            return mid
    for mid, _, _, ss, se in rows:
        if ss <= start < se:
            return mid
    return None


def _identity_of(corpus, ids, texts: Dict[str, str], side: Dict[str, Any]) -> Optional[str]:
    from persian_ie.corpus.names import display_form

    text = side.get("text") or texts.get(side["article"], "")[side["start"]:side["end"]]
    label = side.get("label", "PER")
    if label == "ROLE":
        # a role-only mention: the person the corpus links it to in that report
        rows = corpus.store.query(
            "SELECT mp.identity_id FROM participants p JOIN events e ON e.key = p.event_key "
            "JOIN merged_sources s ON s.event_key = e.key JOIN merged_participants mp ON mp.merged_id = s.merged_id "
            "WHERE e.article_id = ? AND p.role_start = ? AND mp.via LIKE 'role %'", (side["article"], side["start"]))
        return rows[0][0] if rows else None
    return ids.identity_of(side["article"], label, display_form(text))


def cmd_score(args: argparse.Namespace) -> int:
    from persian_ie.corpus import Corpus
    from persian_ie.corpus.build import resolve_identities
    from persian_ie.corpus.merge import MergeConfig

    t0 = time.process_time()
    corpus = Corpus(merge=MergeConfig(exact_window=args.window), dominance=args.dominance)
    texts: Dict[str, str] = {}
    results = []
    fresh = {r["id"]: r for r in _results(args.replace)} if args.replace else {}
    for r in _results(args.files):
        r = fresh.pop(r["id"], r)
        texts[r["id"]] = r.get("text") or ""
        results.append(r)
    for r in fresh.values():
        texts[r["id"]] = r.get("text") or ""
        results.append(r)
    corpus.add(results)
    build_s = time.process_time() - t0
    report: Dict[str, Any] = {"articles": len(corpus), "build_cpu_s": round(build_s, 1)}

    merge_gold = _load_gold(args.merge_gold)
    tp = fp = fn = tn = 0
    missing = 0
    errors = []
    for pair in merge_gold:
        a, b = pair["a"], pair["b"]
        ma = _event_of(corpus, a["article"], *a["trigger"])
        mb = _event_of(corpus, b["article"], *b["trigger"])
        if ma is None or mb is None:
            missing += 1
        pred = ma is not None and ma == mb
        gold = bool(pair["same"])
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not gold and not pred
        if pred != gold:
            errors.append({"pair": [a["article"], b["article"]], "gold": gold, "note": pair.get("note", ""),
                           "found": [ma is not None, mb is not None]})
    report["merge"] = dict(_prf(tp, fp, fn), pairs=len(merge_gold), positives=tp + fn, negatives=fp + tn,
                           sides_not_extracted=missing)

    ids = resolve_identities(corpus.store, dominance=args.dominance)
    ident_gold = _load_gold(args.identity_gold)
    tp = fp = fn = tn = 0
    for pair in ident_gold:
        ia = _identity_of(corpus, ids, texts, pair["a"])
        ib = _identity_of(corpus, ids, texts, pair["b"])
        pred = ia is not None and ia == ib
        gold = bool(pair["same"])
        tp += pred and gold
        fp += pred and not gold
        fn += gold and not pred
        tn += not gold and not pred
        if pred != gold:
            errors.append({"identity": [pair["a"].get("text"), pair["b"].get("text")], "gold": gold,
                           "got": [ia, ib], "note": pair.get("note", "")})
    report["identity"] = dict(_prf(tp, fp, fn), pairs=len(ident_gold), positives=tp + fn, negatives=fp + tn)
    print(json.dumps(report, ensure_ascii=False, indent=1))
    if args.errors:
        for e in errors:
            print(json.dumps(e, ensure_ascii=False), file=sys.stderr)
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    sc = sub.add_parser("score", help="precision/recall of merge and identity on the gold pairs")
    sc.add_argument("files", nargs="+", help="result JSONL files (with text) covering the gold's articles")
    sc.add_argument("--replace", nargs="*", default=[],
                    help="result JSONL files whose articles replace the same ids of FILES (a fresh extraction "
                         "of the gold articles only)")
    sc.add_argument("--window", type=int, default=1, help="merge: days two given event dates may differ")
    sc.add_argument("--dominance", type=float, default=0.75)
    sc.add_argument("--errors", action="store_true", help="list the wrong pairs on standard error")
    sc.add_argument("--merge-gold", default="merge_pairs.jsonl",
                    help="merge pairs file in tests/data/corpus_gold (merge_pairs_check.jsonl: the held-out pairs, "
                         "labelled before the second round of merge rules)")
    sc.add_argument("--identity-gold", default="identity_pairs.jsonl",
                    help="identity pairs file in tests/data/corpus_gold (identity_pairs_check.jsonl: the held-out "
                         "pairs labelled after the rules were fixed)")
    ca = sub.add_parser("candidates", help="print candidate pairs for hand labelling")
    ca.add_argument("what", choices=("merge", "identity"))
    ca.add_argument("files", nargs="+")
    ca.add_argument("--days", type=int, default=7)
    ho = sub.add_parser("heldout", help="print the held-out merge draw (see merge_pairs_check.jsonl's README)")
    ho.add_argument("files", nargs="+")
    ho.add_argument("--exclude", nargs="*", default=["merge_pairs.jsonl"],
                    help="gold files whose articles are left out")
    ho.add_argument("--days", type=int, default=14)
    ho.add_argument("--min-sim", type=float, default=0.18)
    ho.add_argument("--text-sim", type=float, default=0.2)
    ho.add_argument("--participant-days", type=int, default=21)
    ho.add_argument("--sample", type=int, default=70)
    ho.add_argument("--seed", type=int, default=14)
    args = parser.parse_args(argv)
    return {"score": cmd_score, "candidates": cmd_candidates, "heldout": cmd_heldout}[args.command](args)


if __name__ == "__main__":
    sys.exit(main())
