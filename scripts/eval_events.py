#!/usr/bin/env python
"""Score the events stage on ../shared/data/dev_news (60 gold articles) and the seed.

Usage (from the repository root)::

    python scripts/eval_events.py                    # all 60 articles + the seed
    python scripts/eval_events.py --ids 1-48         # the development part
    python scripts/eval_events.py --ids 49-60 --show # the check part, with per-article records
    python scripts/eval_events.py --stages normalize,segment,events

Two blocks of figures:

1. **Article level, exactly as ``../shared/tools/score_events.py``** (the project's external
   scorer; the seed is not part of this block):

   * event detection P/R/F1: the article has a meeting/visit/phone_call/agreement;
   * event types P/R/F1: the set of types per article;
   * participants P/R/F1: keys = name, else role, else organization (organization-only gold
     parties count), greedy one-to-one matching by token F1 >= 0.5;
   * role accuracy: named gold participants with a role whose name is matched by a predicted
     participant carrying a role with token F1 >= 0.5;
   * main-event date accuracy: the first main gold event with a resolved date (else the first
     dated one), looked for on a predicted event of the same type;
   * topics P/R/F1 (token F1 >= 0.5); the worst of the five event figures is printed last.

2. **Event level diagnostics** (events matched one-to-one by shared participants or type +
   trigger): status, date and location accuracy over type-matched pairs, exact role and
   country accuracy over matched participants. The seed's five events (SEED_GOLD) are
   checked here too.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
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


_SE_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_SE_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "ۀ": "ه", "أ": "ا", "إ": "ا", "ٱ": "ا",
                             "ؤ": "و", "\u200c": " ", "\u200d": "", "\u200e": "", "\u200f": "", "ـ": ""})
_SE_PUNCT = re.compile(r"[\u064B-\u0652\u0670«»\"'()\[\]{}،؛:.,!?؟\-–—/\\|]")
CORE_TYPES = {"meeting", "visit", "phone_call", "agreement", "agreement_signing"}


def se_norm(s: Optional[str]) -> str:
    """The external scorer's normalization (NFKC, letters, digits, punctuation → space)."""
    if not s:
        return ""
    s = unicodedata.normalize("NFKC", s).translate(_SE_LETTERS).translate(_SE_DIGITS)
    return " ".join(_SE_PUNCT.sub(" ", s).split())


def tok_f1(a: Optional[str], b: Optional[str]) -> float:
    """Token F1 between two strings (1.0 when equal without spaces), as the external scorer."""
    ta, tb = se_norm(a).split(), se_norm(b).split()
    if not ta or not tb:
        return 0.0
    if se_norm(a).replace(" ", "") == se_norm(b).replace(" ", ""):
        return 1.0
    rest, common = list(tb), 0
    for t in ta:
        if t in rest:
            rest.remove(t)
            common += 1
    if not common:
        return 0.0
    p, r = common / len(ta), common / len(tb)
    return 2 * p * r / (p + r)


def soft_match(pred: Sequence[str], gold: Sequence[str], thr: float = 0.5) -> int:
    """Greedy one-to-one matching by token F1 (gold order); the number of matches."""
    used, tp = set(), 0
    for g in gold:
        best, bi = 0.0, None
        for i, p in enumerate(pred):
            if i not in used:
                f = tok_f1(p, g)
                if f > best:
                    best, bi = f, i
        if bi is not None and best >= thr:
            used.add(bi)
            tp += 1
    return tp


def _text(x) -> Optional[str]:
    if isinstance(x, dict):
        return x.get("text") or x.get("normalized")
    return x


class ArticleScores:
    """Article-level counts, computed as ``../shared/tools/score_events.py`` does."""

    def __init__(self) -> None:
        self.det = [0, 0, 0]
        self.types = [0, 0, 0]
        self.parts = [0, 0, 0]
        self.topics = [0, 0, 0]
        self.role_ok = self.role_n = self.date_ok = self.date_n = 0
        self.errors: Dict[str, List[str]] = {}

    def add(self, doc_id: str, pred: Sequence[dict], gold: dict) -> None:
        """Add one article: ``pred`` = predicted event dicts (the JSON contract), ``gold`` = its record."""
        errs = self.errors.setdefault(doc_id, [])
        pev = [e for e in pred if e.get("type") in CORE_TYPES]
        gev = [e for e in gold.get("events", []) if e.get("type") in CORE_TYPES]
        self.det[0] += bool(pev) and bool(gev)
        self.det[1] += bool(pev)
        self.det[2] += bool(gev)
        gts = {e.get("type") for e in gold.get("events", [])}
        pts = {e.get("type") for e in pred}
        self.types[0] += len(gts & pts)
        self.types[1] += len(pts)
        self.types[2] += len(gts)
        if gts != pts:
            errs.append(f"types gold={sorted(gts)} pred={sorted(pts)}")
        gp = [(p.get("name"), p.get("role"), p.get("organization")) for e in gold.get("events", []) for p in e.get("participants", [])]
        pp = [(_text(p.get("name")), _text(p.get("role")), _text(p.get("organization"))) for e in pred for p in e.get("participants", [])]
        gkeys = list(dict.fromkeys(n or r or o for n, r, o in gp if n or r or o))
        pkeys = list(dict.fromkeys(n or r or o for n, r, o in pp if n or r or o))
        tp = soft_match(pkeys, gkeys)
        self.parts[0] += tp
        self.parts[1] += len(pkeys)
        self.parts[2] += len(gkeys)
        missing = [g for g in gkeys if not any(tok_f1(p, g) >= 0.5 for p in pkeys)]
        extra = [p for p in pkeys if not any(tok_f1(p, g) >= 0.5 for g in gkeys)]
        if missing:
            errs.append(f"missing parties {missing}")
        if extra:
            errs.append(f"extra parties {extra}")
        for gn, gr, _ in gp:
            if gn and gr:
                self.role_n += 1
                cand = [pr for pn, pr, _ in pp if pn and tok_f1(pn, gn) >= 0.5]
                ok = any(tok_f1(pr, gr) >= 0.5 for pr in cand if pr)
                self.role_ok += ok
                if not ok:
                    errs.append(f"role of {gn}: gold «{gr}» pred {cand}")
        gmain = [e for e in gev if e.get("is_main_event") and e.get("date_jalali")] or [e for e in gev if e.get("date_jalali")]
        if gmain:
            self.date_n += 1
            want = "agreement" if gmain[0].get("type") == "agreement_signing" else gmain[0].get("type")
            pdates = {(e.get("date") or {}).get("jalali") for e in pev if e.get("type") == want}
            ok = gmain[0]["date_jalali"] in pdates
            self.date_ok += ok
            if not ok:
                errs.append(f"main date {want} gold {gmain[0]['date_jalali']} pred {sorted(d for d in pdates if d) or None}")
        gt = list(dict.fromkeys(t for e in gold.get("events", []) for t in e.get("topics", [])))
        pt = list(dict.fromkeys(_text(t) for e in pred for t in e.get("topics", []) if _text(t)))
        self.topics[0] += soft_match(pt, gt)
        self.topics[1] += len(pt)
        self.topics[2] += len(gt)

    @staticmethod
    def prf(c: Sequence[int]) -> Tuple[float, float, float]:
        p = c[0] / c[1] if c[1] else (1.0 if not c[2] else 0.0)
        r = c[0] / c[2] if c[2] else 1.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    def summary(self) -> Dict[str, float]:
        return {"detection": self.prf(self.det)[2], "types": self.prf(self.types)[2],
                "participants": self.prf(self.parts)[2],
                "roles": self.role_ok / self.role_n if self.role_n else 0.0,
                "dates": self.date_ok / self.date_n if self.date_n else 0.0,
                "topics": self.prf(self.topics)[2]}

    def report(self) -> str:
        lines = []
        for name, c in (("event_detection", self.det), ("event_types", self.types), ("participants", self.parts),
                        ("topics", self.topics)):
            p, r, f = self.prf(c)
            lines.append(f"  {name:18s} P={p:.3f} R={r:.3f} F1={f:.3f}")
        s = self.summary()
        lines.append(f"  role_accuracy      {s['roles']:.3f} ({self.role_ok}/{self.role_n})")
        lines.append(f"  date_accuracy      {s['dates']:.3f} ({self.date_ok}/{self.date_n})")
        worst = min(s["detection"], s["types"], s["participants"], s["roles"], s["dates"])
        lines.append(f"events: det F1 {s['detection']:.3f}, types F1 {s['types']:.3f}, participants F1 {s['participants']:.3f}, "
                     f"roles {s['roles']:.3f}, dates {s['dates']:.3f}, topics F1 {s['topics']:.3f}; worst {worst:.3f}")
        return "\n".join(lines)


def parse_ids(spec: Optional[str]) -> Optional[Set[int]]:
    """«1-48» / «49-60» / «3,7,12-14» → a set of article numbers (None = all)."""
    if not spec:
        return None
    out: Set[int] = set()
    for part in spec.split(","):
        part = part.strip()
        if "-" in part:
            lo, hi = (int(x) for x in part.split("-"))
            out.update(range(lo, hi + 1))
        elif part:
            out.add(int(part))
    return out


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
    ap.add_argument("--ids", help="article numbers to score, e.g. 1-48 or 49-60 or 3,7,12-14 (default: all)")
    ap.add_argument("--show", action="store_true", help="print predicted and gold events per article")
    ap.add_argument("--errors", action="store_true", help="print the article-level errors per article")
    ap.add_argument("--no-seed", action="store_true", help="skip the seed article")
    args = ap.parse_args(argv)
    if not (DATA / "dev_news" / "gold.jsonl").exists():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    stages = args.stages.split(",") if args.stages else list(DEFAULT_STAGES)
    if "events" not in stages:
        stages.append("events")
    nlp = Pipeline(stages=stages)
    print(f"pipeline: {nlp.stage_names}")
    ids = parse_ids(args.ids)

    article = ArticleScores()
    det, typ, parts_m, parts_all, topics = PRF(), PRF(), PRF(), PRF(), PRF()
    status, date, role, role_soft, country, location = Acc(), Acc(), Acc(), Acc(), Acc(), Acc()
    ents: Dict[str, PRF] = {lab: PRF() for lab in ("PER", "ORG", "LOC", "DATE")}
    have_entities = False
    seed_ok = None
    for doc_id, text, gold in load_gold():
        if doc_id == "seed":
            if args.no_seed:
                continue
        elif ids is not None and int(doc_id) not in ids:
            continue
        res = nlp(text, published=gold["publication_date_jalali"], id=doc_id)
        pred = [e.to_dict() for e in res.events]
        gev = gold["events"]
        if doc_id != "seed":
            article.add(doc_id, pred, gold)
        else:
            seed_ok = seed_matches(pred)
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
                    if args.errors and doc_id != "seed" and fold(ppart.get("country")) != fold(gp["country"]):
                        article.errors.setdefault(doc_id, []).append(
                            f"country of {gp.get('name') or gp.get('role')}: gold {gp['country']} pred {ppart.get('country')}")
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
        if args.errors and doc_id != "seed" and article.errors.get(doc_id):
            print(f"=== {doc_id}: " + " | ".join(article.errors[doc_id]))
        if args.show:
            print(f"\n=== {doc_id}")
            for i, p in enumerate(pred):
                mark = "+" if i in matched_p else "-"
                ps = "; ".join(f"{(x['name'] or {}).get('text')}|{(x['role'] or {}).get('text')}|"
                               f"{(x.get('organization') or {}).get('text')}|{x['country']}" for x in p["participants"])
                print(f" {mark} P {p['type']}/{p['status']} «{p['trigger']['text']}» date={(p['date'] or {}).get('jalali')} "
                      f"loc={(p['location'] or {}).get('text')} [{ps}] topics={[t['text'] for t in p['topics']]}")
            for i, g in enumerate(gev):
                mark = "+" if i in matched_g else "-"
                ps = "; ".join(f"{x['name']}|{x['role']}|{x.get('organization')}|{x['country']}" for x in g["participants"])
                print(f" {mark} G {g['type']}/{g.get('status')} «{g.get('trigger')}» date={g.get('date_jalali')} "
                      f"loc={g.get('location')} [{ps}] topics={g.get('topics')}")
    print("article level (as ../shared/tools/score_events.py):")
    print(article.report())
    print("event level diagnostics:")
    print(f"  event matching     {det}")
    print(f"  typed matches      {typ}")
    print(f"  status accuracy    {status}")
    print(f"  date accuracy      {date}")
    print(f"  location accuracy  {location}")
    print(f"  participants       {parts_m}   (matched events)")
    print(f"  participants (all) {parts_all}")
    print(f"  role accuracy      {role}   soft {role_soft}")
    print(f"  country accuracy   {country}")
    print(f"  topics             {topics}")
    if have_entities:
        for lab, prf in ents.items():
            print(f"  entities {lab:<4}      {prf}")
    if seed_ok is not None:
        print(f"seed: {'its five events as SEED_GOLD' if seed_ok else 'DIFFERS from SEED_GOLD'}")
    return 0


def seed_matches(pred: Sequence[dict]) -> bool:
    """True when the seed yields SEED_GOLD's five events (in any order): for each, one predicted
    event of the same type, status and date whose participants include the gold ones."""
    gold = SEED_GOLD["events"]
    if len(pred) != len(gold):
        return False
    used = set()
    for g in gold:
        hit = next((i for i, p in enumerate(pred) if i not in used and p["type"] == g["type"]
                    and p["status"] == g["status"] and (p.get("date") or {}).get("jalali") == g["date_jalali"]
                    and len(match_parts(p["participants"], g["participants"])) == len(g["participants"])), None)
        if hit is None:
            return False
        used.add(hit)
    return True


if __name__ == "__main__":
    raise SystemExit(main())
