#!/usr/bin/env python
"""Train the participant model of the events stage (``persian_ie/events/linker.py``) on the
development gold, cross-validated by article.

Usage (from the repository root)::

    python scripts/train_participants.py                   # CV report on 001–048, nothing written
    python scripts/train_participants.py --write           # also write resources/events/participant_model.json
    python scripts/train_participants.py --cache /tmp/docs.pkl   # keep the analysed documents between runs

Every person unit in a trigger's clause is a candidate (the features are
:func:`persian_ie.events.linker.features`). Its label: the participant it would become
(fullest name, else title, else body — as the records show it) matches, with token F1 >= 0.5
as the external scorer counts, a gold participant of a gold event of the same type in that
article (of any event when the article has no gold event of that type).

The model is an L2-regularised logistic regression (Newton steps, numpy). The report gives,
per fold held out and summed over folds, the article-level figures of
``../shared/tools/score_events.py`` for the hand-set starting weights (the rules the model
replaces) and for the trained ones, at each probability threshold tried; the threshold with
the best mean of participants F1 and role accuracy is kept (among thresholds that keep event
detection and main-event dates at least where the rules had them), and the learned weights are
written only when they beat the vetoes alone on that mean; otherwise the written model keeps
every candidate the vetoes leave (zero weights) and says so in its ``meta``. Articles 049–060 are never read.
"""

from __future__ import annotations

import argparse
import copy
import importlib.util
import json
import pickle
import sys
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from persian_ie import Pipeline  # noqa: E402
from persian_ie.events import EventExtractor  # noqa: E402
from persian_ie.events.linker import FEATURES, ParticipantModel  # noqa: E402
from persian_ie.events.merge import PartSlot  # noqa: E402
from persian_ie.result import Result  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "dev_news"
MODEL_PATH = ROOT / "persian_ie" / "resources" / "events" / "participant_model.json"


def _eval_module():
    spec = importlib.util.spec_from_file_location("eval_events", ROOT / "scripts" / "eval_events.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


EVAL = _eval_module()

#: the baseline: keep every candidate the vetoes (:data:`VETOES`) leave
RULES = ParticipantModel({k: 0.0 for k in FEATURES}, bias=3.0)


def load_docs(ids: Sequence[int], cache: Optional[Path]) -> Dict[str, Tuple[object, dict]]:
    gold = {}
    for line in (DATA / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            if int(rec["id"]) in ids:
                gold[rec["id"]] = rec
    docs = pickle.loads(cache.read_bytes()) if cache and cache.exists() else {}
    pre = None
    for gid, rec in gold.items():
        if gid not in docs:
            pre = pre or Pipeline(stages=["normalize", "segment", "entities", "dates"])
            text = (DATA / "articles" / f"{gid}.txt").read_text(encoding="utf-8")
            docs[gid] = pre.run(pre.make_doc(text, rec.get("publication_date_jalali"), gid))
    if cache:
        cache.write_bytes(pickle.dumps(docs))
    return {gid: (docs[gid], gold[gid]) for gid in gold}


def _key(p) -> Optional[str]:
    for x in (p.name, p.role, p.organization):
        if x is not None:
            return x.text
    return None


def candidates(doc, gold: dict, model: ParticipantModel) -> Tuple[List[List[float]], List[int]]:
    """Feature rows and labels of every scored candidate of one article."""
    ex = EventExtractor(participant_model=model)
    ex.trace = []
    d = copy.deepcopy(doc)
    d.user_data["events.keep_units"] = True
    ex(d)
    units = d.user_data.get("events.units", [])
    by_type: Dict[str, List[str]] = {}
    for e in gold.get("events", []):
        t = "agreement" if e.get("type") == "agreement_signing" else e.get("type")
        for p in e.get("participants", []):
            k = p.get("name") or p.get("role") or p.get("organization")
            if k:
                by_type.setdefault(t, []).append(k)
    every = [k for ks in by_type.values() for k in ks]
    X, y = [], []
    for m, u, f in ex.trace:
        if model.vetoed(f):
            continue  # decided by the vetoes, not by the weights
        key = _key(ex._participant(d, PartSlot([u]), units, m.start))
        gold_keys = by_type.get(m.type) or every
        X.append([f.get(k, 0.0) for k in FEATURES])
        y.append(int(bool(key) and any(EVAL.tok_f1(key, g) >= 0.5 for g in gold_keys)))
    return X, y


def train(X: np.ndarray, y: np.ndarray, l2: float = 1.0, iters: int = 30) -> ParticipantModel:
    """L2-regularised logistic regression by Newton steps (the bias is not regularised)."""
    Xb = np.hstack([X, np.ones((len(X), 1))])
    w = np.zeros(Xb.shape[1])
    reg = np.full(Xb.shape[1], l2)
    reg[-1] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(Xb @ w, -30, 30)))
        grad = Xb.T @ (p - y) + reg * w
        H = (Xb * (p * (1 - p))[:, None]).T @ Xb + np.diag(reg) + 1e-6 * np.eye(len(w))
        step = np.linalg.solve(H, grad)
        w -= step
        if np.abs(step).max() < 1e-6:
            break
    return ParticipantModel({k: float(v) for k, v in zip(FEATURES, w[:-1])}, bias=float(w[-1]))


def evaluate(docs: Dict[str, Tuple[object, dict]], ids: Sequence[str], model: ParticipantModel, scores) -> None:
    ex = EventExtractor(participant_model=model)
    for gid in ids:
        doc, gold = docs[gid]
        pred = Result(ex(copy.deepcopy(doc))).to_dict()["events"]
        scores.add(gid, pred, gold)


def fmt(s: Dict[str, float]) -> str:
    return " ".join(f"{k} {v:.3f}" for k, v in s.items())


def main(argv: Optional[Sequence[str]] = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ids", default="1-48", help="development articles (never the check part 49-60)")
    ap.add_argument("--folds", type=int, default=6)
    ap.add_argument("--l2", type=float, default=1.0)
    ap.add_argument("--thresholds", default="0.2,0.25,0.3,0.35,0.4,0.45,0.5")
    ap.add_argument("--cache", type=Path, help="pickle of the analysed documents (built when missing)")
    ap.add_argument("--write", action="store_true", help=f"write {MODEL_PATH.relative_to(ROOT)}")
    args = ap.parse_args(argv)
    ids = sorted(EVAL.parse_ids(args.ids))
    if any(i >= 49 for i in ids):
        print("articles 049-060 are the check part: train on 001-048 only", file=sys.stderr)
        return 2
    docs = load_docs(ids, args.cache)
    names = sorted(docs)
    rows = {gid: candidates(docs[gid][0], docs[gid][1], RULES) for gid in names}
    thresholds = [float(x) for x in args.thresholds.split(",")]
    folds = [names[i::args.folds] for i in range(args.folds)]
    base = EVAL.ArticleScores()
    cv = {t: EVAL.ArticleScores() for t in thresholds}
    for k, held in enumerate(folds):
        train_ids = [g for g in names if g not in held]
        X = np.array([r for g in train_ids for r in rows[g][0]])
        y = np.array([v for g in train_ids for v in rows[g][1]])
        model = train(X, y, args.l2)
        evaluate(docs, held, RULES, base)
        for t in thresholds:
            model.threshold = t
            evaluate(docs, held, model, cv[t])
        print(f"fold {k + 1}/{len(folds)}: {len(held)} articles held out, trained on {len(y)} candidates ({int(y.sum())} parties)")
    print(f"\ncross-validated over {len(names)} articles ({args.folds} folds by article):")
    print(f"  rules (hand-set)    {fmt(base.summary())}")
    for t in thresholds:
        print(f"  model, p >= {t:.2f}   {fmt(cv[t].summary())}")
    # the best mean of participants F1 and role accuracy among thresholds that keep event detection
    # and main-event dates where the rules had them (a party dropped can drop its event)
    ok = [t for t in thresholds if cv[t].summary()["detection"] >= base.summary()["detection"] - 1e-9
          and cv[t].summary()["dates"] >= base.summary()["dates"] - 1e-9] or thresholds
    best = max(ok, key=lambda t: ((cv[t].summary()["participants"] + cv[t].summary()["roles"]) / 2, -t))
    X = np.array([r for g in names for r in rows[g][0]])
    y = np.array([v for g in names for v in rows[g][1]])
    final = train(X, y, args.l2)
    final.threshold = best
    mean = lambda sc: (sc.summary()["participants"] + sc.summary()["roles"]) / 2  # noqa: E731
    use_rules = mean(base) > mean(cv[best])
    if use_rules:
        # the figures decide: the learned weights do not beat the vetoes alone on held-out articles
        print(f"\nthe vetoes alone ({mean(base):.3f}) beat the learned weights ({mean(cv[best]):.3f}) in CV: "
              "the written model keeps every candidate the vetoes leave")
        final = ParticipantModel({k: 0.0 for k in FEATURES}, bias=RULES.bias, threshold=0.5)
    final.meta = {"trained_on": f"dev_news {args.ids}", "candidates": int(len(y)), "parties": int(y.sum()),
                  "l2": args.l2, "threshold_chosen_by": f"{args.folds}-fold CV by article",
                  "cv_learned": {k: round(v, 3) for k, v in cv[best].summary().items()} | {"threshold": best},
                  "cv_vetoes_only": {k: round(v, 3) for k, v in base.summary().items()},
                  "shipped": "vetoes only" if use_rules else "learned weights"}
    print(f"\nkept: {final.meta['shipped']} (threshold {final.threshold}); weights:")
    for k, v in sorted(final.weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {k:22s} {v:+.2f}")
    print(f"  {'bias':22s} {final.bias:+.2f}")
    if args.write:
        MODEL_PATH.write_text(json.dumps(final.to_dict(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
