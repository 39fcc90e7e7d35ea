#!/usr/bin/env python
"""Score the events stage on ../shared/data/dev_news (12 real articles) and the seed.

Usage (from the repository root)::

    python scripts/eval_events.py                 # default pipeline (+ events)
    python scripts/eval_events.py --show          # also print predicted vs gold events
    python scripts/eval_events.py --stages normalize,segment,events

Metrics, printed one per line:

* event detection P/R/F1: a predicted event matches a gold event of the same article
  when they share a participant (soft name match) or, failing that, have the same
  type and a similar trigger; greedy one-to-one matching, same type first.
* event types P/R/F1: matched pairs with the same type (gold ``agreement_signing``
  counts as ``agreement``).
* status accuracy, date accuracy (``date.jalali`` == gold ``date_jalali``, null == null)
  and location accuracy (normalized text, null == null) over type-matched pairs.
* participants P/R/F1 (soft name match; a participant without a name matches by role)
  over matched pairs, and over all events (unmatched events' participants count).
* role accuracy over matched participants whose gold role is not null: exact after
  normalization, and soft (token overlap ≥ 0.5).
* country accuracy over matched participants with a gold country.
* topics P/R/F1 with fuzzy token overlap (overlap / shorter length ≥ 0.5).
* entities P/R/F1 per label (PER ORG LOC DATE) on fullest forms, when an entity stage ran:
  as in the gold, a predicted PER/ORG/DATE short form (a surname alone, «فارس» beside
  «خبرگزاری فارس») is not counted separately from the fuller form of the same label it is
  part of (places are not folded: «اردن» and «رود اردن» are two places).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Set, Tuple

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from persian_ie import Pipeline  # noqa: E402
from persian_ie.normalize import normalize  # noqa: E402
from persian_ie.registry import DEFAULT_STAGES  # noqa: E402

DATA = ROOT.parent / "shared" / "data"

_FOLD = str.maketrans({"ئ": "ی", "\u200c": " ", "أ": "ا", "ؤ": "و", "ة": "ه", "«": " ", "»": " ", "،": " ", "(": " ", ")": " "})

# The seed's expected events (the "Done when"); participants as the text states them.
SEED_GOLD = {
    "id": "seed",
    "publication_date_jalali": "1404-08-19",
    "events": [
        {"type": "meeting", "status": "occurred", "date_jalali": "1404-08-19", "location": None,
         "participants": [
             {"name": "علیرضا زاکانی", "role": "شهردار تهران", "organization": None, "country": "ایران"},
             {"name": "دیمتری کالتسوف", "role": "سفیر بلاروس در تهران", "organization": None, "country": "بلاروس"}],
         "topics": ["برقی‌سازی حمل و نقل عمومی", "تبادل گردشگر", "موضوعات زیست‌محیطی"]},
        {"type": "working_group", "status": "proposed", "date_jalali": None, "location": None,
         "participants": [{"name": "علیرضا زاکانی", "role": "شهردار تهران", "organization": None, "country": "ایران"}],
         "topics": []},
        {"type": "meeting", "status": "proposed", "date_jalali": None, "location": None,
         "participants": [{"name": "علیرضا زاکانی", "role": "شهردار تهران", "organization": None, "country": "ایران"},
                          {"name": None, "role": "شهردار مینسک", "organization": None, "country": "بلاروس"}],
         "topics": []},
        {"type": "proposal", "status": "proposed", "date_jalali": None, "location": None,
         "participants": [{"name": "علیرضا زاکانی", "role": "شهردار تهران", "organization": None, "country": "ایران"}],
         "topics": ["هفته فرهنگی بلاروس"]},
        {"type": "visit", "status": "occurred", "date_jalali": None, "location": "بلاروس",
         "participants": [{"name": "پزشکیان", "role": "رئیس‌جمهور", "organization": None, "country": "ایران"}],
         "topics": []},
    ],
}


def fold(text: Optional[str]) -> str:
    if not text:
        return ""
    return " ".join(normalize(text).translate(_FOLD).replace("رییس", "رئیس").replace("ئ", "ی").split())


def fullest_forms(forms: Iterable[str]) -> Set[str]:
    """Drop each form whose words run contiguously inside a longer form of the set.

    >>> sorted(fullest_forms({"پامپئو", "مایک پامپئو", "فارس", "خبرگزاری فارس", "ایران"}))
    ['ایران', 'خبرگزاری فارس', 'مایک پامپئو']
    """
    forms = set(forms)
    out = set()
    for f in forms:
        w = f.split()
        if not any(len(g.split()) > len(w) and any(g.split()[k:k + len(w)] == w for k in range(len(g.split())))
                   for g in forms):
            out.add(f)
    return out


def tokens(text: Optional[str]) -> List[str]:
    return fold(text).split()


def overlap(a: Optional[str], b: Optional[str]) -> float:
    ta, tb = set(tokens(a)), set(tokens(b))
    if not ta or not tb:
        return 0.0
    return len(ta & tb) / min(len(ta), len(tb))


def name_match(p: Optional[str], g: Optional[str]) -> bool:
    if not p or not g:
        return False
    fp, fg = tokens(p), tokens(g)
    if fp == fg:
        return True
    if fp and fg and fp[-1] == fg[-1]:
        return True
    return overlap(p, g) >= 0.5


def part_match(p: dict, g: dict) -> bool:
    pname = (p.get("name") or {}).get("text") if isinstance(p.get("name"), dict) else p.get("name")
    prole = (p.get("role") or {}).get("text") if isinstance(p.get("role"), dict) else p.get("role")
    if g.get("name"):
        if name_match(pname, g["name"]):
            return True
        return not pname and bool(prole) and bool(g.get("role")) and overlap(prole, g["role"]) >= 0.75
    if g.get("role"):
        return not pname and overlap(prole, g["role"]) >= 0.5 or (bool(pname) and overlap(prole, g["role"]) >= 0.75)
    porg = (p.get("organization") or {}).get("text") if isinstance(p.get("organization"), dict) else None
    return overlap(porg, g.get("organization")) >= 0.5


def match_parts(pred: Sequence[dict], gold: Sequence[dict]) -> List[Tuple[int, int]]:
    pairs, used = [], set()
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and part_match(p, g):
                pairs.append((pi, gi))
                used.add(pi)
                break
    return pairs


def gtype(t: str) -> str:
    return "agreement" if t == "agreement_signing" else t


def match_events(pred: List[dict], gold: List[dict]) -> List[Tuple[int, int]]:
    cands = []
    for pi, p in enumerate(pred):
        for gi, g in enumerate(gold):
            shared = len(match_parts(p["participants"], g["participants"]))
            same = p["type"] == gtype(g["type"])
            same_status = p.get("status") == g.get("status")
            trig = overlap(p["trigger"]["text"], g.get("trigger")) if g.get("trigger") else 0.0
            if shared == 0 and not (same and (trig >= 0.5 or not g["participants"] or not p["participants"])):
                continue
            cands.append(((same, same_status, shared, trig), pi, gi))
    cands.sort(key=lambda c: c[0], reverse=True)
    used_p, used_g, pairs = set(), set(), []
    for _, pi, gi in cands:
        if pi in used_p or gi in used_g:
            continue
        used_p.add(pi)
        used_g.add(gi)
        pairs.append((pi, gi))
    return pairs


class PRF:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0

    def add(self, tp: int, npred: int, ngold: int) -> None:
        self.tp += tp
        self.fp += npred - tp
        self.fn += ngold - tp

    def __str__(self) -> str:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return f"P={p:.3f} R={r:.3f} F1={f:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


class Acc:
    def __init__(self) -> None:
        self.ok = self.n = 0

    def add(self, ok: bool) -> None:
        self.ok += int(ok)
        self.n += 1

    def __str__(self) -> str:
        return f"{self.ok / self.n:.3f} ({self.ok}/{self.n})" if self.n else "n/a (0)"


def topic_pairs(pred: Sequence[str], gold: Sequence[str]) -> int:
    """One-to-one matches with token overlap ≥ 0.5, best overlaps first."""
    cands = sorted(((overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold)), reverse=True)
    used_p, used_g, tp = set(), set(), 0
    for score, i, j in cands:
        if score < 0.5:
            break
        if i in used_p or j in used_g:
            continue
        used_p.add(i)
        used_g.add(j)
        tp += 1
    return tp


def load_gold() -> List[Tuple[str, str, dict]]:
    out = []
    dev = DATA / "dev_news"
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        text = (dev / "articles" / f"{rec['id']}.txt").read_text(encoding="utf-8")
        out.append((rec["id"], text, rec))
    seed = (DATA / "seed_article.txt").read_text(encoding="utf-8")
    out.append(("seed", seed, SEED_GOLD))
    return out


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--stages", help="comma-separated stage names (default: the default pipeline + events)")
    ap.add_argument("--show", action="store_true", help="print predicted and gold events per article")
    ap.add_argument("--only", help="comma-separated article ids")
    args = ap.parse_args(argv)
    if not (DATA / "dev_news" / "gold.jsonl").exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    stages = args.stages.split(",") if args.stages else list(DEFAULT_STAGES)
    if "events" not in stages:
        stages.append("events")
    nlp = Pipeline(stages=stages)
    print(f"pipeline: {nlp.stage_names}")

    det, typ, parts_m, parts_all, topics = PRF(), PRF(), PRF(), PRF(), PRF()
    status, date, role, role_soft, country, location = Acc(), Acc(), Acc(), Acc(), Acc(), Acc()
    ents: Dict[str, PRF] = {lab: PRF() for lab in ("PER", "ORG", "LOC", "DATE")}
    have_entities = False
    only = set(args.only.split(",")) if args.only else None
    for doc_id, text, gold in load_gold():
        if only and doc_id not in only:
            continue
        res = nlp(text, published=gold["publication_date_jalali"], id=doc_id)
        pred = [e.to_dict() for e in res.events]
        gev = gold["events"]
        pairs = match_events(pred, gev)
        det.add(len(pairs), len(pred), len(gev))
        typed = [(pi, gi) for pi, gi in pairs if pred[pi]["type"] == gtype(gev[gi]["type"])]
        typ.add(len(typed), len(pred), len(gev))
        matched_p = {pi for pi, _ in pairs}
        matched_g = {gi for _, gi in pairs}
        for pi, gi in pairs:
            p, g = pred[pi], gev[gi]
            pp = match_parts(p["participants"], g["participants"])
            parts_m.add(len(pp), len(p["participants"]), len(g["participants"]))
            parts_all.add(len(pp), len(p["participants"]), len(g["participants"]))
            for a, b in pp:
                gp, ppart = g["participants"][b], p["participants"][a]
                prole = (ppart.get("role") or {}).get("text")
                if gp.get("role"):
                    role.add(fold(prole) == fold(gp["role"]))
                    role_soft.add(overlap(prole, gp["role"]) >= 0.5)
                if gp.get("country"):
                    country.add(fold(ppart.get("country")) == fold(gp["country"]))
            ptop = [t["text"] for t in p["topics"]]
            topics.add(topic_pairs(ptop, g.get("topics", [])), len(ptop), len(g.get("topics", [])))
        for pi, gi in typed:
            p, g = pred[pi], gev[gi]
            status.add(p["status"] == g.get("status"))
            pj = (p.get("date") or {}).get("jalali")
            date.add(pj == g.get("date_jalali"))
            location.add(fold((p.get("location") or {}).get("text")) == fold(g.get("location")))
        for pi, p in enumerate(pred):
            if pi not in matched_p:
                parts_all.add(0, len(p["participants"]), 0)
                topics.add(0, len(p["topics"]), 0)
        for gi, g in enumerate(gev):
            if gi not in matched_g:
                parts_all.add(0, 0, len(g["participants"]))
                topics.add(0, 0, len(g.get("topics", [])))
        if "entities" in gold:
            d = res.to_dict()
            if d["entities"]:
                have_entities = True
            for lab, prf in ents.items():
                gset = {fold(x) for x in gold["entities"].get(lab, [])}
                pset = {fold(e["text"]) for e in d["entities"] if e["label"] == lab}
                if lab == "DATE":
                    pset |= {fold(x["text"]) for x in d["dates"]}
                if lab != "LOC":  # a place inside a longer place is another place (اردن، رود اردن)
                    pset = fullest_forms(pset)
                prf.add(len(gset & pset), len(pset), len(gset))
        if args.show:
            print(f"\n=== {doc_id}")
            for i, p in enumerate(pred):
                mark = "+" if i in matched_p else "-"
                ps = "; ".join(f"{(x['name'] or {}).get('text')}|{(x['role'] or {}).get('text')}|{x['country']}"
                               for x in p["participants"])
                print(f" {mark} P {p['type']}/{p['status']} «{p['trigger']['text']}» date={(p['date'] or {}).get('jalali')} "
                      f"loc={(p['location'] or {}).get('text')} [{ps}] topics={[t['text'] for t in p['topics']]}")
            for i, g in enumerate(gev):
                mark = "+" if i in matched_g else "-"
                ps = "; ".join(f"{x['name']}|{x['role']}|{x['country']}" for x in g["participants"])
                print(f" {mark} G {g['type']}/{g.get('status')} «{g.get('trigger')}» date={g.get('date_jalali')} "
                      f"loc={g.get('location')} [{ps}] topics={g.get('topics')}")
    print(f"event detection      {det}")
    print(f"event types          {typ}")
    print(f"status accuracy      {status}")
    print(f"date accuracy        {date}")
    print(f"location accuracy    {location}")
    print(f"participants         {parts_m}   (matched events)")
    print(f"participants (all)   {parts_all}")
    print(f"role accuracy        {role}   soft {role_soft}")
    print(f"country accuracy     {country}")
    print(f"topics               {topics}")
    if have_entities:
        for lab, prf in ents.items():
            print(f"entities {lab:<4}        {prf}")
    else:
        print("entities             n/a (no entity stage in the pipeline)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
