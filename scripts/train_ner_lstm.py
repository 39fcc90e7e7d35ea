#!/usr/bin/env python
"""Train the bundled BiLSTM-CRF named-entity tagger (``persian_ie/resources/ner/lstm.npz``).

torch is a DEV-ONLY tool here (``pip install torch==2.13.0``, never plain ``torch``):
the trained weights are exported to a numpy ``.npz`` that
:class:`persian_ie.entities.neural.NeuralTagger` runs with numpy alone.

Data and text handling are those of the CRF (``scripts/train_ner.py``): ARMAN
train_fold1 projected onto the library's own tokens (normalizer + segmenter), word
vectors from the word2vec run of ``train_ner.py wordfeat`` (news sample + training
corpora text, never ARMAN test_fold1), the bundled ``wordfeat.tsv.gz`` (clusters,
hazm lexicon classes) and ``gazetteer.tsv``.

Subcommands::

    # one model (add --dev to hold out the last 20% of train_fold1 and report F1 on it)
    python scripts/train_ner_lstm.py train --data ../shared/data/ner --seed 1 --epochs 30 --out /tmp/m1.npz
    # several seeds → one ensemble file (emissions and transitions averaged at run time)
    python scripts/train_ner_lstm.py combine /tmp/m1.npz /tmp/m2.npz /tmp/m3.npz --out persian_ie/resources/ner/lstm.npz
    # weight-space interpolation of two pairs of the same layout (WiSE-FT): (1 - a) * A + a * B
    python scripts/train_ner_lstm.py interpolate old.npz new.npz --alpha 0.5 --out /tmp/mid.npz
    # self-training: an ensemble tags the unlabeled text ("silver" labels), students learn from
    # ARMAN + a fresh sample of the silver sentences each epoch
    python scripts/train_ner_lstm.py silver --model /tmp/ens.npz --out /tmp/silver.tsv
    python scripts/train_ner_lstm.py train --silver /tmp/silver.tsv --silver-per-epoch 10000 ... --out /tmp/s1.npz
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Dict, Tuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from persian_ie.entities.crf import load_gazetteer, load_wordfeat, word_key  # noqa: E402
from persian_ie.entities.neural import MAX_CHARS, TokenEncoder, _Net, load_weights, viterbi  # noqa: E402
from train_ner import CACHE, KEEP, f1_report, load_sets, read_tsv_conll, restrict  # noqa: E402

LABELS = ["O"] + [f"{p}-{t}" for t in sorted(KEEP) for p in ("B", "I")]
SHAPES = ["punct", "num"] + [k + b + z for k in "lhw" for b in "12345" "79" for z in ("", "z")]


# -- vocabularies ---------------------------------------------------------------------------

def build_meta(train, w2v_words, wordfeat, gazetteer, n_clusters):
    counts = Counter(word_key(t) for toks, _ in train for t in toks)
    words = ["<pad>", "<unk>"] + list(w2v_words)
    have = set(words)
    words += sorted(w for w, c in counts.items() if c >= 2 and w not in have)
    chars = Counter()
    for w in w2v_words:
        chars.update(w)
    for w, c in counts.items():
        for ch in w:
            chars[ch] += c
    pos = Counter(info[len(n_clusters)] or "-" for info in wordfeat.values() if len(info) > len(n_clusters))
    kinds = sorted({k for v in gazetteer.values() for k in v})
    return {
        "labels": LABELS,
        "words": words,
        "chars": ["<pad>", "<unk>"] + sorted(c for c, n in chars.items() if n >= 3),
        "pos": ["<pad>", "<unk>"] + sorted(p for p, n in pos.items() if n >= 20),
        "shapes": ["<pad>", "<unk>"] + SHAPES,
        "gaz_kinds": [f"{k}:{b}" for k in kinds for b in "BI"],
        "clusters": list(n_clusters),
        "max_chars": MAX_CHARS,
    }


# -- torch model ----------------------------------------------------------------------------

def make_model(meta, args, w2v=None, aux_labels=None, static=None):
    import torch
    from torch import nn

    aux_labels = aux_labels or {}

    class Tagger(nn.Module):
        def __init__(self):
            super().__init__()
            dim = args.word_dim
            self.word_emb = nn.Embedding(len(meta["words"]), dim, padding_idx=0)
            nn.init.normal_(self.word_emb.weight, 0, 0.1)
            if w2v is not None:
                words, vecs = w2v
                scale = 0.1 / (vecs.std() + 1e-9)
                with torch.no_grad():
                    self.word_emb.weight[2:2 + len(words)] = torch.from_numpy(vecs * scale)
            self.char_emb = nn.Embedding(len(meta["chars"]), args.char_dim, padding_idx=0)
            self.conv = nn.Conv1d(args.char_dim, args.char_filters, 3, padding=1)
            sizes = [k + 2 for k in meta["clusters"]] + [len(meta["pos"]), 12, len(meta["shapes"])]
            dims = [8, 16, 24][:len(meta["clusters"])] + [8, 4, 8]
            self.cat_embs = nn.ModuleList(nn.Embedding(n, d, padding_idx=0) for n, d in zip(sizes, dims))
            self.n_trained_cats = len(dims)
            if static is not None:  # frozen: the pretrained encoder's knowledge stays as it is
                self.cat_embs.append(nn.Embedding.from_pretrained(torch.from_numpy(static), freeze=True, padding_idx=0))
                dims.append(static.shape[1])
            in_dim = dim + args.char_filters + sum(dims) + len(meta["gaz_kinds"])
            self.lstm = nn.LSTM(in_dim, args.hidden, num_layers=args.layers, bidirectional=True, batch_first=True)
            self.drop = nn.Dropout(args.dropout)
            K = len(meta["labels"])
            self.out = nn.Linear(2 * args.hidden, K)
            self.trans = nn.Parameter(torch.zeros(K, K))
            self.start = nn.Parameter(torch.zeros(K))
            self.end = nn.Parameter(torch.zeros(K))
            # one output layer and CRF per auxiliary corpus (its own label set and conventions)
            self.aux = nn.ModuleDict({name: nn.Linear(2 * args.hidden, len(labs)) for name, labs in aux_labels.items()})
            self.aux_crf = nn.ParameterDict()
            for name, labs in aux_labels.items():
                k = len(labs)
                self.aux_crf[name + "_trans"] = nn.Parameter(torch.zeros(k, k))
                self.aux_crf[name + "_start"] = nn.Parameter(torch.zeros(k))
                self.aux_crf[name + "_end"] = nn.Parameter(torch.zeros(k))

        def crf(self, head):
            if head is None:
                return self.trans, self.start, self.end
            return (self.aux_crf[head + "_trans"], self.aux_crf[head + "_start"], self.aux_crf[head + "_end"])

        def encode(self, words, chars, cats, gaz, lengths):
            B, T, C = chars.shape
            e = self.char_emb(chars.view(B * T, C)).transpose(1, 2)
            conv = self.conv(e)
            conv = conv.masked_fill((chars.view(B * T, C) == 0)[:, None, :], -1e4)
            cf = conv.max(dim=2).values.view(B, T, -1)
            parts = [self.word_emb(words), cf] + [emb(cats[:, :, j]) for j, emb in enumerate(self.cat_embs)] + [gaz]
            x = self.drop(torch.cat(parts, dim=2))
            packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
            h, _ = self.lstm(packed)
            h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=T)
            return self.drop(h)

        def emissions(self, words, chars, cats, gaz, lengths, head=None):
            h = self.encode(words, chars, cats, gaz, lengths)
            return (self.out if head is None else self.aux[head])(h)

        def logz(self, em, lengths, head=None):
            trans, start, end = self.crf(head)
            T = em.shape[1]
            mask = torch.arange(T, device=em.device)[None, :] < lengths[:, None]
            alpha = start[None] + em[:, 0]
            for t in range(1, T):
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, t, None, :], dim=1)
                alpha = torch.where(mask[:, t, None], nxt, alpha)
            return torch.logsumexp(alpha + end[None], dim=1)

        def nll(self, em, tags, lengths, head=None):
            trans, start, end = self.crf(head)
            B, T, K = em.shape
            mask = torch.arange(T, device=em.device)[None, :] < lengths[:, None]
            ar = torch.arange(B, device=em.device)
            gold = start[tags[:, 0]] + em[ar, 0, tags[:, 0]]
            if T > 1:
                step = trans[tags[:, :-1], tags[:, 1:]] + em[:, 1:].gather(2, tags[:, 1:, None]).squeeze(2)
                gold = gold + (step * mask[:, 1:]).sum(1)
            gold = gold + end[tags[ar, lengths - 1]]
            alpha = start[None] + em[:, 0]
            for t in range(1, T):
                nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, t, None, :], dim=1)
                alpha = torch.where(mask[:, t, None], nxt, alpha)
            logz = torch.logsumexp(alpha + end[None], dim=1)
            return (logz - gold).mean()

        def soft_loss(self, em, q, lengths, head=None):
            return soft_crf_loss(em, q, lengths, *self.crf(head))

    return Tagger()


def crf_log_marginals(em, lengths, trans, start, end):
    """log P(y_t = k | x) of a linear-chain CRF, (B, T, K), by forward-backward in log space
    (differentiable; positions past a sentence's length hold finite values to be masked)."""
    import torch

    B, T, K = em.shape
    mask = torch.arange(T, device=em.device)[None, :] < lengths[:, None]
    alpha = start[None] + em[:, 0]
    alphas = [alpha]
    for t in range(1, T):
        nxt = torch.logsumexp(alpha[:, :, None] + trans[None] + em[:, t, None, :], dim=1)
        alpha = torch.where(mask[:, t, None], nxt, alpha)
        alphas.append(alpha)
    logz = torch.logsumexp(alpha + end[None], dim=1)
    last = end[None].expand(B, K)
    beta = last
    betas = [beta]
    for t in range(T - 2, -1, -1):
        nxt = torch.logsumexp(trans[None] + (em[:, t + 1] + beta)[:, None, :], dim=2)
        beta = torch.where((t + 1 < lengths)[:, None], nxt, last)
        betas.append(beta)
    return torch.stack(alphas, 1) + torch.stack(betas[::-1], 1) - logz[:, None, None]


def soft_crf_loss(em, q, lengths, trans, start, end):
    """Cross-entropy between target per-token distributions ``q`` (B, T, K; a teacher's
    marginals) and the CRF's own marginals: −Σ_t Σ_k q[t,k] log P(y_t = k | x), summed over
    each sentence's tokens and averaged over the batch (the scale of the CRF NLL)."""
    import torch

    T = em.shape[1]
    mask = torch.arange(T, device=em.device)[None, :] < lengths[:, None]
    logp = crf_log_marginals(em, lengths, trans, start, end)
    per_token = -(q * logp).sum(2)
    return torch.where(mask, per_token, torch.zeros_like(per_token)).sum(1).mean()


def export(model, prefix="m0_"):
    """The model's weights as numpy arrays named as :class:`persian_ie.entities.neural._Net` reads them."""
    sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    w = {
        "word_emb": sd["word_emb.weight"], "char_emb": sd["char_emb.weight"],
        "conv_w": sd["conv.weight"], "conv_b": sd["conv.bias"],
        "out_w": sd["out.weight"], "out_b": sd["out.bias"],
        "trans": sd["trans"], "start": sd["start"], "end": sd["end"],
    }
    for j in range(model.n_trained_cats):  # a static table (frozen, shared) is saved once, by the caller
        w[f"cat_emb{j}"] = sd[f"cat_embs.{j}.weight"]
    for layer in range(model.lstm.num_layers):
        for d, suffix in (("f", ""), ("b", "_reverse")):
            w[f"lstm{layer}_{d}_wih"] = sd[f"lstm.weight_ih_l{layer}{suffix}"]
            w[f"lstm{layer}_{d}_whh"] = sd[f"lstm.weight_hh_l{layer}{suffix}"]
            w[f"lstm{layer}_{d}_b"] = sd[f"lstm.bias_ih_l{layer}{suffix}"] + sd[f"lstm.bias_hh_l{layer}{suffix}"]
    for name in model.aux:  # the auxiliary corpora's output layers: NeuralTagger(head=name)
        w[f"head_{name}_out_w"] = sd[f"aux.{name}.weight"]
        w[f"head_{name}_out_b"] = sd[f"aux.{name}.bias"]
        for part in ("trans", "start", "end"):
            w[f"head_{name}_{part}"] = sd[f"aux_crf.{name}_{part}"]
    return {prefix + k: v for k, v in w.items()}


def load_into(model, w, meta):
    """Copy an exported network (:func:`export`'s names, no prefix) into ``model``.

    Inputs the exported network did not have (the static vectors) get zero weights in the
    first LSTM layer, so the warm-started model starts out computing exactly what the
    exported one did and learns how much to use the new input.
    """
    import torch

    sd = model.state_dict()
    new = {"word_emb.weight": w["word_emb"], "char_emb.weight": w["char_emb"], "conv.weight": w["conv_w"],
           "conv.bias": w["conv_b"], "out.weight": w["out_w"], "out.bias": w["out_b"],
           "trans": w["trans"], "start": w["start"], "end": w["end"]}
    for j in range(model.n_trained_cats):
        new[f"cat_embs.{j}.weight"] = w[f"cat_emb{j}"]
    for layer in range(model.lstm.num_layers):
        for d, suffix in (("f", ""), ("b", "_reverse")):
            wih = w[f"lstm{layer}_{d}_wih"]
            target = sd[f"lstm.weight_ih_l{layer}{suffix}"].shape
            if wih.shape[1] != target[1]:  # the static columns sit after the categorical ones, before the gazetteer
                n_gaz = len(meta["gaz_kinds"])
                extra = target[1] - wih.shape[1]
                cut = wih.shape[1] - n_gaz
                wih = np.concatenate([wih[:, :cut], np.zeros((wih.shape[0], extra), np.float32), wih[:, cut:]], axis=1)
            new[f"lstm.weight_ih_l{layer}{suffix}"] = wih
            new[f"lstm.weight_hh_l{layer}{suffix}"] = w[f"lstm{layer}_{d}_whh"]
            new[f"lstm.bias_ih_l{layer}{suffix}"] = w[f"lstm{layer}_{d}_b"]
            new[f"lstm.bias_hh_l{layer}{suffix}"] = np.zeros_like(w[f"lstm{layer}_{d}_b"])
    for name in model.aux:
        new[f"aux.{name}.weight"] = w[f"head_{name}_out_w"]
        new[f"aux.{name}.bias"] = w[f"head_{name}_out_b"]
        for part in ("trans", "start", "end"):
            new[f"aux_crf.{name}_{part}"] = w[f"head_{name}_{part}"]
    for k, v in new.items():
        if tuple(sd[k].shape) != v.shape:
            raise SystemExit(f"--init: {k} has shape {v.shape}, the model wants {tuple(sd[k].shape)}")
    model.load_state_dict({**sd, **{k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in new.items()}})


def save(path, meta, arrays, half=True):
    out = {k: (v.astype(np.float16) if half and v.dtype == np.float32 and v.size > 4096 else v) for k, v in arrays.items()}
    out["meta"] = np.frombuffer(json.dumps(meta, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    # stored, not deflated: float16 weights shrink ~10% compressed, and inflating them
    # cost ~0.1 s of every process's start-up (benchmarks/startup.py)
    np.savez(path, **out)


# -- training -------------------------------------------------------------------------------

def tensors(enc, sents, label_ids):
    import torch

    words, chars, cats, gaz, lengths = enc.batch([s for s, _ in sents])
    tags = np.zeros(words.shape, dtype=np.int64)
    for b, (_, tg) in enumerate(sents):
        tags[b, :len(tg)] = [label_ids.get(t, 0) for t in tg]
    return (torch.from_numpy(words), torch.from_numpy(chars), torch.from_numpy(cats), torch.from_numpy(gaz),
            torch.from_numpy(lengths), torch.from_numpy(tags))


def predict(model, enc, sents, labels, batch=128):
    import torch

    model.eval()
    out = [None] * len(sents)
    order = sorted(range(len(sents)), key=lambda i: len(sents[i][0]))
    trans, start, end = (p.detach().cpu().numpy() for p in (model.trans, model.start, model.end))
    device = model.trans.device
    with torch.no_grad():
        for k in range(0, len(order), batch):
            idx = order[k:k + batch]
            w, c, f, g, lens, _ = (x.to(device) for x in tensors(enc, [sents[i] for i in idx], {}))
            em = model.emissions(w, c, f, g, lens).cpu().numpy()
            for b, i in enumerate(idx):
                n = len(sents[i][0])
                out[i] = [labels[j] for j in viterbi(em[b, :n], trans, start, end)]
    return out


def cmd_train(args):
    import torch

    torch.manual_seed(args.seed)
    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.set_num_threads(args.threads)
    t0 = time.time()
    if args.conll:
        train = [s for s in read_tsv_conll(args.conll)]
    else:
        train = restrict(load_sets(Path(args.data))["arman_train"])
    train = [s for s in train if s[0]]
    dev = []
    if args.dev:
        cut = int(len(train) * 0.8)
        train, dev = train[:cut], train[cut:]
    if args.device != "cpu" and (args.pretrain_epochs or args.cvt_per_epoch):
        raise SystemExit("--device: language-model pretraining and cross-view training run on the CPU only")
    w2v_words, w2v_vecs = [], None
    if not args.init:  # a warm start brings its own word vectors (and need not have the word2vec cache)
        saved = np.load(args.w2v, allow_pickle=False)
        w2v_words, w2v_vecs = [str(w) for w in saved["words"]], saved["vectors"].astype(np.float32)
        if w2v_vecs.shape[1] != args.word_dim:
            raise SystemExit(f"--word-dim {args.word_dim} differs from the word2vec vectors ({w2v_vecs.shape[1]})")
    wordfeat = load_wordfeat(args.wordfeat)
    gazetteer = load_gazetteer(args.gazetteer)
    n_clusters = [int(x[1:]) for x in _wordfeat_header(args.wordfeat)]
    aux = load_aux(Path(args.data), args.aux)
    aux_labels = {name: labels_of(sents) for name, sents in aux.items()}
    init_arrays = None
    if args.init:  # warm start: one trained network's vocabularies and weights
        init_meta, init_all = load_weights(args.init)
        prefix = f"m{args.init_member}_"
        init_arrays = {k[len(prefix):]: v.astype(np.float32) for k, v in init_all.items() if k.startswith(prefix)}
        if not init_arrays:
            raise SystemExit(f"{args.init} has no network {args.init_member}")
        init_static = init_meta.get("static_words")
        if init_static and (not args.static or [str(x) for x in np.load(args.static)["words"]] != init_static):
            raise SystemExit("--init: the network was trained with static vectors; give the same --static file")
        meta = {k: v for k, v in init_meta.items() if k not in ("n_models", "heads", "seeds", "trained", "static_words", "static")}
        args.hidden, args.layers = init_meta["hidden"], init_meta["layers"]
        init_heads = init_meta.get("heads") or {}
        for name in aux_labels:
            if name not in init_heads:
                raise SystemExit(f"--aux {name}: the --init network has no {name} output layer")
            aux_labels[name] = init_heads[name]
    else:
        meta = build_meta(train + [s for sents in aux.values() for s in sents], w2v_words, wordfeat, gazetteer,
                          n_clusters)
    meta.update({"hidden": args.hidden, "layers": args.layers, "seed": args.seed})
    static = None
    if args.static:
        saved = np.load(args.static, allow_pickle=False)
        meta["static_words"] = [str(x) for x in saved["words"]]
        meta["static"] = json.loads(str(saved["info"])) if "info" in saved.files else {}
        vecs = saved["vectors"].astype(np.float32) * args.static_scale
        static = np.concatenate([np.zeros((2, vecs.shape[1]), dtype=np.float32), vecs])  # padding, unknown
    enc = TokenEncoder(meta, wordfeat, gazetteer)
    model = make_model(meta, args, (w2v_words, w2v_vecs) if w2v_vecs is not None else None, aux_labels, static)
    if init_arrays is not None:
        load_into(model, init_arrays, meta)
        print(f"warm start from {args.init} network {args.init_member}", flush=True)
    if args.pretrain_epochs:
        pretrain_encoder(model, enc, args, t0)
    device = torch.device(args.device)
    model.to(device)
    opt = torch.optim.Adam(model.parameters(), lr=args.lr)
    label_ids = {lab: i for i, lab in enumerate(LABELS)}
    print(f"{len(train)} train / {len(dev)} dev sentences, auxiliary "
          f"{ {k: len(v) for k, v in aux.items()} }, vocab {len(meta['words'])}, "
          f"{sum(p.numel() for p in model.parameters())} parameters", flush=True)
    # batches of similar length
    order = sorted(range(len(train)), key=lambda i: len(train[i][0]))
    batches = [order[k:k + args.batch] for k in range(0, len(order), args.batch)]
    encoded = [(None, tensors(enc, [train[i] for i in b], label_ids)) for b in batches]
    aux_encoded = []
    for name, sents in aux.items():
        ids = {lab: i for i, lab in enumerate(aux_labels[name])}
        order = sorted(range(len(sents)), key=lambda i: len(sents[i][0]))
        aux_encoded += [(name, tensors(enc, [sents[i] for i in order[k:k + args.batch]], ids))
                        for k in range(0, len(order), args.batch)]
    silver = []
    if args.silver_soft and len(args.silver_soft) != len(args.silver or []):
        raise SystemExit("--silver-soft: give one .npz per --silver file, in the same order")
    for k, path in enumerate(args.silver or []):
        silver += read_silver(path, train + dev, args.silver_soft[k] if args.silver_soft else None)
    cvt_sents, cvt_heads = [], None
    if args.cvt_per_epoch:
        cvt_sents = read_unlabeled(args.unlabeled, train + dev)
        cvt_heads = make_cvt_heads(args.hidden, len(LABELS))
        opt.add_param_group({"params": list(cvt_heads.parameters())})
        print(f"cross-view training: {len(cvt_sents)} unlabeled sentences, {args.cvt_per_epoch} drawn per epoch",
              flush=True)
    if silver:
        print(f"silver: {len(silver)} sentences, {args.silver_per_epoch} drawn per epoch"
              + (", soft targets (the teacher's per-token distributions)" if args.silver_soft else ""), flush=True)
    best, best_epoch, best_state = -1.0, 0, None
    for epoch in range(1, args.epochs + 1):
        model.train()
        lr = args.lr / (1 + args.decay * (epoch - 1))
        for g in opt.param_groups:
            g["lr"] = lr
        batches_now = list(encoded)
        if args.aux_fraction >= 1.0:
            batches_now += aux_encoded
        elif aux_encoded:  # a fresh random part of the auxiliary corpora each epoch
            batches_now += random.sample(aux_encoded, int(round(args.aux_fraction * len(aux_encoded))))
        if silver:
            drawn = random.sample(silver, min(args.silver_per_epoch, len(silver)))
            drawn.sort(key=lambda s: len(s[0]))
            batches_now += [silver_batch(enc, drawn[k:k + args.batch], label_ids)
                            for k in range(0, len(drawn), args.batch)]
        if cvt_sents:
            drawn = random.sample(cvt_sents, min(args.cvt_per_epoch, len(cvt_sents)))
            drawn.sort(key=len)
            batches_now += [("cvt", tensors(enc, [(x, []) for x in drawn[k:k + args.cvt_batch]], {}))
                            for k in range(0, len(drawn), args.cvt_batch)]
        random.shuffle(batches_now)
        total = 0.0
        for head, batch in batches_now:
            w, c, f, g, lens, tags = (x.to(device, non_blocking=True) for x in batch)
            if args.word_dropout:
                drop = (torch.rand(w.shape, device=device) < args.word_dropout) & (w > 1)
                w = w.masked_fill(drop, 1)
            if head == "cvt":
                loss = cvt_loss(model, cvt_heads, w, c, f, g, lens, args.hidden) * args.cvt_weight
            elif head == "silver":  # the main output layer, on the teacher's labels
                em = model.emissions(w, c, f, g, lens)
                loss = model.nll(em, tags, lens) * args.silver_weight
            elif head == "silver-soft":  # ... or on its per-token distributions (``tags`` holds them)
                em = model.emissions(w, c, f, g, lens)
                loss = model.soft_loss(em, tags, lens) * args.silver_weight
            else:
                em = model.emissions(w, c, f, g, lens, head)
                loss = model.nll(em, tags, lens, head)
                if head is not None:
                    loss = loss * args.aux_weight
            opt.zero_grad()
            loss.backward()
            nn_utils_clip(model, 5.0)
            opt.step()
            total += float(loss.detach())
        msg = f"epoch {epoch} loss {total / len(batches_now):.3f} lr {lr:.5f} {time.time() - t0:.0f}s"
        if dev:
            rows = f1_report(dev, predict(model, enc, dev, LABELS))
            msg += " dev " + " ".join(f"{k} {v:.3f}" for k, v in rows.items())
            if rows["micro"] > best:
                best, best_epoch = rows["micro"], epoch
                best_state = {k: v.clone() for k, v in model.state_dict().items()}
        print(msg, flush=True)
        if args.checkpoint_every_epoch and epoch < args.epochs:
            path = checkpoint_path(args.out, epoch)
            write_model(model, meta, static, aux_labels, args, epoch, silver, cvt_sents, enc, train + dev, t0, path)
    if dev and args.keep_best and best_state is not None:
        model.load_state_dict(best_state)
        print(f"best dev micro {best:.3f} at epoch {best_epoch}", flush=True)
    write_model(model, meta, static, aux_labels, args, args.epochs, silver, cvt_sents, enc, train + dev, t0, args.out)


def checkpoint_path(out, epoch):
    """``m13.npz`` → ``m13.ep3.npz``: the network after ``epoch`` NER epochs."""
    out = Path(out)
    return out.with_name(f"{out.stem}.ep{epoch}{out.suffix}")


def write_model(model, meta, static, aux_labels, args, epochs_done, silver, cvt_sents, enc, sents, t0, path):
    """Export the network (numpy arrays, checked against torch) to ``path``; leaves it in train mode."""
    dev = args.dev
    init_meta = load_weights(args.init)[0] if args.init else {}
    device = model.trans.device
    model.cpu()  # the export and its check run on the CPU, against the numpy forward pass
    model.eval()
    arrays = export(model)
    if static is not None:
        arrays["static_emb"] = static
    meta["n_models"] = 1
    meta["heads"] = aux_labels
    meta["trained"] = {"data": "conll:" + str(args.conll) if args.conll else "ARMAN train_fold1" + (" (80%)" if dev else ""),
                       "epochs": epochs_done, "seconds": round(time.time() - t0), "device": args.device,
                       "aux": sorted(aux_labels), "aux_fraction": args.aux_fraction if aux_labels else None,
                       "pretrain_epochs": args.pretrain_epochs,
                       "init": {"file": Path(args.init).name, "member": args.init_member,
                                "seed": init_meta.get("seeds", [None] * (args.init_member + 1))[args.init_member],
                                "lr": args.lr} if args.init else None,
                       "silver": {"sentences": len(silver), "per_epoch": args.silver_per_epoch,
                                  "weight": args.silver_weight,
                                  **({"soft": True} if args.silver_soft else {})} if silver else None,
                       "cvt": {"per_epoch": args.cvt_per_epoch, "weight": args.cvt_weight} if cvt_sents else None,
                       "static": {"file": Path(args.static).name, "scale": args.static_scale} if static is not None else None,
                       "unlabeled": [Path(u).name for u in args.unlabeled] if args.pretrain_epochs else None}
    _check_export(model, meta, arrays, enc, sents[:64])
    save(path, meta, arrays)
    model.to(device)
    model.train()
    print(f"wrote {path} ({Path(path).stat().st_size / 1e6:.1f} MB) in {time.time() - t0:.0f}s", flush=True)


def pretrain_encoder(model, enc, args, t0):
    """Language-model pretraining of the encoder on unlabeled text (no labels, no cost at run time).

    The forward LSTM state at each word predicts the NEXT word's word2vec cluster
    (the finest k-means level of ``wordfeat``), the backward state the PREVIOUS
    word's; the prediction layers are thrown away afterwards. Text: the
    ``unlabeled.txt`` written by ``train_ner.py wordfeat`` (news sample + training
    corpora text; never ARMAN test_fold1).
    """
    import torch
    from torch import nn

    sents = []
    for path in map(Path, args.unlabeled):
        if not path.exists():
            raise SystemExit(f"{path} not found: run `train_ner.py wordfeat` (and `train_ner_static.py text` "
                             "for unlabeled_more.txt) first")
        sents += [line.split() for line in open(path, encoding="utf-8")]
    if args.pretrain_sentences and len(sents) > args.pretrain_sentences:
        sents = random.sample(sents, args.pretrain_sentences)
    sents = [s[:80] for s in sents if len(s) >= 3]
    random.shuffle(sents)
    H = args.hidden
    n_cls = enc.n_clusters[-1] + 2
    heads = nn.ModuleList([nn.Linear(H, n_cls), nn.Linear(H, n_cls)])
    params = [p for n, p in model.named_parameters() if not n.startswith(("out.", "aux", "trans", "start", "end"))]
    opt = torch.optim.Adam(params + list(heads.parameters()), lr=args.lr)
    loss_fn = nn.CrossEntropyLoss(ignore_index=-1)
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    batches = [order[k:k + 32] for k in range(0, len(order), 32)]
    print(f"LM pretraining on {len(sents)} sentences, {sum(map(len, sents))} tokens", flush=True)
    for epoch in range(1, args.pretrain_epochs + 1):
        random.shuffle(batches)
        total = 0.0
        model.train()
        for k, b in enumerate(batches):
            w, c, f, g, lens, _ = tensors(enc, [(sents[i], []) for i in b], {})
            h = model.encode(w, c, f, g, lens)
            target = f[:, :, len(enc.n_clusters) - 1].clone()  # finest cluster (+2; 1 = unknown)
            T = w.shape[1]
            mask = torch.arange(T)[None, :] < lens[:, None]
            target = target.masked_fill(~mask, -1)
            nxt = torch.full_like(target, -1)
            nxt[:, :-1] = target[:, 1:]
            prv = torch.full_like(target, -1)
            prv[:, 1:] = target[:, :-1]
            loss = (loss_fn(heads[0](h[:, :, :H]).reshape(-1, n_cls), nxt.reshape(-1))
                    + loss_fn(heads[1](h[:, :, H:]).reshape(-1, n_cls), prv.reshape(-1)))
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params, 5.0)
            opt.step()
            total += float(loss.detach())
            if k % 500 == 0:
                print(f"  pretrain epoch {epoch} batch {k}/{len(batches)} loss {total / (k + 1):.3f} "
                      f"{time.time() - t0:.0f}s", flush=True)
        print(f"pretrain epoch {epoch} loss {total / len(batches):.3f} {time.time() - t0:.0f}s", flush=True)


def read_unlabeled(paths, gold):
    """Sentences (3-80 tokens) of the unlabeled text files, without the gold training ones."""
    gold_keys = {tuple(word_key(t) for t in toks) for toks, _ in gold}
    out = []
    for path in map(Path, [paths] if isinstance(paths, (str, Path)) else paths):
        if not path.exists():
            raise SystemExit(f"{path} not found: run `train_ner.py wordfeat` first (it writes the unlabeled text)")
        for line in open(path, encoding="utf-8"):
            toks = line.split()
            if 3 <= len(toks) <= 80 and tuple(word_key(t) for t in toks) not in gold_keys:
                out.append(toks)
    return out


def make_cvt_heads(hidden, n_labels):
    """Cross-view training's auxiliary modules (thrown away after training): label
    predictors that see only the forward states, only the backward states, only the
    past (forward state of the previous word) or only the future (backward state of
    the next word)."""
    from torch import nn

    return nn.ModuleList(nn.Sequential(nn.Linear(hidden, hidden), nn.ReLU(), nn.Linear(hidden, n_labels))
                         for _ in range(4))


def cvt_loss(model, heads, w, c, f, g, lens, H):
    """Cross-view training (Clark et al., 2018) on an unlabeled batch.

    The full model, without dropout and without gradient, gives each word a label
    distribution (its CRF marginals); the restricted views, with dropout, learn to
    predict it, which teaches the shared encoder from unlabeled text.
    """
    import torch

    model.eval()
    with torch.enable_grad():
        em = model.emissions(w, c, f, g, lens).detach().requires_grad_(True)
        (q,) = torch.autograd.grad(model.logz(em, lens).sum(), em)  # marginals = d log Z / d emissions
    model.train()
    q = q.detach()
    h = model.encode(w, c, f, g, lens)
    hf, hb = h[:, :, :H], h[:, :, H:]
    past = torch.cat([torch.zeros_like(hf[:, :1]), hf[:, :-1]], dim=1)
    future = torch.cat([hb[:, 1:], torch.zeros_like(hb[:, :1])], dim=1)
    T = w.shape[1]
    mask = (torch.arange(T)[None, :] < lens[:, None]).float()
    loss = 0.0
    for head, view in zip(heads, (hf, hb, past, future)):
        logp = torch.log_softmax(head(view), dim=2)
        loss = loss - ((q * logp).sum(2) * mask).sum() / mask.sum()
    return loss


def read_silver(path, gold, soft_path=None):
    """Teacher-tagged sentences (token<TAB>tag, blank line between sentences), minus any gold one;
    with ``soft_path`` (``train_ner_e5.py silver --soft``) each also carries the teacher's
    per-token distributions, (tokens, len(LABELS)) in LABELS order."""
    gold_keys = {tuple(word_key(t) for t in toks) for toks, _ in gold}
    soft = None
    if soft_path:
        from train_ner_e5 import read_soft

        blocks, labels = read_soft(soft_path)
        if set(labels) != set(LABELS):
            raise SystemExit(f"{soft_path}: labels {labels} differ from {LABELS}")
        cols = [labels.index(lab) for lab in LABELS]
        soft = iter([b[:, cols] for b in blocks])
    sents, toks, tags = [], [], []
    for line in list(open(path, encoding="utf-8")) + [""]:
        line = line.rstrip("\n")
        if not line:
            if toks:
                q = next(soft, None) if soft is not None else None
                if soft is not None and (q is None or len(q) != len(toks)):
                    raise SystemExit(f"{soft_path} does not match {path} (sentence {len(sents) + 1})")
                if tuple(word_key(t) for t in toks) not in gold_keys:
                    sents.append((toks, tags) if q is None else (toks, tags, q))
            toks, tags = [], []
            continue
        tok, tag = line.split("\t")
        toks.append(tok)
        tags.append(tag)
    return sents


def silver_batch(enc, sents, label_ids):
    """A batch of silver sentences: ("silver", tensors) with the teacher's decoded tags, or
    ("silver-soft", tensors) with its per-token distributions (B, T, K) in place of the tags."""
    import torch

    batch = tensors(enc, [s[:2] for s in sents], label_ids)
    if len(sents[0]) < 3:
        return "silver", batch
    q = np.zeros(tuple(batch[-1].shape) + (len(LABELS),), dtype=np.float32)
    for b, s in enumerate(sents):
        q[b, :len(s[2])] = s[2]
    return "silver-soft", batch[:-1] + (torch.from_numpy(q),)


def cmd_silver(args):
    """Tag the unlabeled text with an ensemble: the silver data of self-training.

    Sentences of the gold training data (ARMAN train_fold1, or ``--conll``) are
    skipped, as are sentences shorter than 3 or longer than 80 tokens and repeats.
    """
    from persian_ie.entities.neural import NeuralTagger

    t0 = time.time()
    gold_sents = read_tsv_conll(args.conll) if args.conll else load_sets(Path(args.data))["arman_train"]
    gold = {tuple(word_key(t) for t in toks) for toks, _ in gold_sents}
    seen, sents = set(), []
    for line in open(args.unlabeled, encoding="utf-8"):
        toks = line.split()
        key = tuple(word_key(t) for t in toks)
        if 3 <= len(toks) <= 80 and key not in gold and key not in seen:
            seen.add(key)
            sents.append(toks)
    if args.limit:
        sents = sents[:args.limit]
    tagger = NeuralTagger(args.model, labels=KEEP)
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(0, len(sents), 2048):
            chunk = sents[k:k + 2048]
            for toks, tags in zip(chunk, tagger.tag_batch(chunk)):
                out.write("".join(f"{t}\t{g}\n" for t, g in zip(toks, tags)) + "\n")
            print(f"  {k + len(chunk)}/{len(sents)} {time.time() - t0:.0f}s", flush=True)
    print(f"wrote {args.out}: {len(sents)} sentences tagged by {args.model} in {time.time() - t0:.0f}s")


def load_aux(data: Path, names):
    """Auxiliary corpora (own output layer each), projected onto the library's tokens."""
    from persian_ie.entities import corpora
    from train_ner import projected

    out = {}
    for name in names or ():
        if name == "peyma":
            sets = load_sets(data)
            sents = sets["peyma_train"] + sets["peyma_dev"]
        elif name == "twiner":
            tw = data / "parstwiner"
            sents = (projected("twiner_train", corpora.read_parstwiner(tw / "train.txt"))
                     + projected("twiner_dev", corpora.read_parstwiner(tw / "dev.txt")))
        else:
            raise SystemExit(f"unknown auxiliary corpus {name!r} (peyma, twiner)")
        out[name] = [s for s in sents if s[0]]
    return out


def labels_of(sents):
    types = sorted({t[2:] for _, tags in sents for t in tags if t != "O"})
    return ["O"] + [f"{p}-{t}" for t in types for p in ("B", "I")]


def nn_utils_clip(model, value):
    import torch

    torch.nn.utils.clip_grad_norm_(model.parameters(), value)


def _wordfeat_header(path):
    import gzip

    from persian_ie.entities.crf import DEFAULT_WORDFEAT
    if path is None:
        from importlib import resources
        blob = (resources.files("persian_ie") / "resources" / DEFAULT_WORDFEAT).read_bytes()
    else:
        blob = Path(path).read_bytes()
    first = gzip.decompress(blob).decode("utf-8").split("\n", 1)[0]
    return [h for h in first.lstrip("#").split("\t")[1:] if h.startswith("k")]


def _check_export(model, meta, arrays, enc, sents):
    """The numpy forward pass must reproduce torch's emissions."""
    import torch

    net = _Net(arrays, "m0_")
    w, c, f, g, lens, _ = tensors(enc, sents, {})
    with torch.no_grad():
        ref = model.emissions(w, c, f, g, lens).numpy()
    got = net.emissions(w.numpy(), c.numpy(), f.numpy(), g.numpy(), lens.numpy())
    mask = np.arange(w.shape[1])[None, :] < lens.numpy()[:, None]
    err = float(np.abs(ref - got)[mask].max())
    print(f"export check: max |torch - numpy| emission difference {err:.2e}", flush=True)
    if err > 1e-3:
        raise SystemExit("numpy forward pass disagrees with torch")


def cmd_combine(args):
    metas, merged = [], {}
    for i, path in enumerate(args.models):
        meta, arrays = load_weights(path)
        metas.append(meta)
        for k, v in arrays.items():
            if not k.startswith("m0_"):  # shared by the members (static vectors)
                if k in merged and not np.array_equal(merged[k], v):
                    raise SystemExit(f"models differ in their shared {k!r}; train them with the same --static file")
                merged[k] = v
                continue
            merged[f"m{i}_" + k[len("m0_"):]] = v
    base = dict(metas[0])
    for m in metas[1:]:
        for key in ("labels", "words", "chars", "pos", "shapes", "gaz_kinds", "clusters", "static_words"):
            if m.get(key) != base.get(key):
                raise SystemExit(f"models differ in their {key} vocabulary; train them on the same data and tables")
    base["n_models"] = len(metas)
    base["heads"] = {k: v for m in metas for k, v in (m.get("heads") or {}).items()}
    base["seeds"] = [m.get("seed") for m in metas]
    base["trained"] = [m.get("trained") for m in metas]
    save(args.out, base, merged, half=False)
    print(f"wrote {args.out}: {len(metas)} models, {Path(args.out).stat().st_size / 1e6:.1f} MB")


def interpolate_weights(meta_a: dict, arrays_a: Dict[str, np.ndarray], meta_b: dict, arrays_b: Dict[str, np.ndarray],
                        alpha: float) -> Tuple[dict, Dict[str, np.ndarray]]:
    """Weight-space interpolation of two models with the same layout (WiSE-FT, Wortsman et al.
    2022): every array ``(1 - alpha) * A + alpha * B``, computed in float32 and stored in A's dtype.
    The word tables are aligned by word when the word vocabularies differ: the result's words are
    A's followed by the ones only B has, and a row only one side has is taken from that side.
    Every other vocabulary and every array shape must agree."""
    if not 0.0 <= alpha <= 1.0:
        raise ValueError(f"alpha must lie in [0, 1], not {alpha}")
    for key in ("labels", "chars", "pos", "shapes", "gaz_kinds", "clusters", "static_words", "n_models", "hidden",
                "layers", "heads"):
        if meta_a.get(key) != meta_b.get(key):
            raise ValueError(f"the models differ in their {key!r}; only the word vocabulary may differ")
    if set(arrays_a) != set(arrays_b):
        raise ValueError(f"the models hold different arrays: {sorted(set(arrays_a) ^ set(arrays_b))}")
    words_a, words_b = list(meta_a["words"]), list(meta_b["words"])
    in_a = set(words_a)
    words = words_a + [w for w in words_b if w not in in_a]
    row_a, row_b = {w: i for i, w in enumerate(words_a)}, {w: i for i, w in enumerate(words_b)}
    out: Dict[str, np.ndarray] = {}
    for key, a in arrays_a.items():
        b = arrays_b[key]
        if key.endswith("_word_emb") and (words != words_a or words != words_b):
            fa, fb = a.astype(np.float32), b.astype(np.float32)
            rows = []
            for w in words:
                i, j = row_a.get(w), row_b.get(w)
                rows.append(fb[j] if i is None else fa[i] if j is None else (1 - alpha) * fa[i] + alpha * fb[j])
            out[key] = np.stack(rows).astype(a.dtype)
            continue
        if a.shape != b.shape:
            raise ValueError(f"{key}: shapes differ {a.shape} / {b.shape}")
        if not np.issubdtype(a.dtype, np.floating):
            if not np.array_equal(a, b):
                raise ValueError(f"{key}: non-float arrays differ")
            out[key] = a
            continue
        out[key] = ((1 - alpha) * a.astype(np.float32) + alpha * b.astype(np.float32)).astype(a.dtype)
    meta = dict(meta_b)
    meta["words"] = words
    meta["interpolated"] = {"alpha": alpha, "a": meta_a.get("seeds"), "b": meta_b.get("seeds")}
    return meta, out


def cmd_interpolate(args):
    meta_a, arrays_a = load_weights(args.a)
    meta_b, arrays_b = load_weights(args.b)
    try:
        meta, arrays = interpolate_weights(meta_a, arrays_a, meta_b, arrays_b, args.alpha)
    except ValueError as e:
        raise SystemExit(str(e))
    meta["interpolated"].update(a_file=Path(args.a).name, b_file=Path(args.b).name)
    save(args.out, meta, arrays, half=False)
    print(f"wrote {args.out}: (1 - {args.alpha}) * {Path(args.a).name} + {args.alpha} * {Path(args.b).name}, "
          f"{len(meta['words'])} words, {Path(args.out).stat().st_size / 1e6:.1f} MB")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    tr = sub.add_parser("train", help="train one BiLSTM-CRF and export it to .npz")
    tr.add_argument("--data", default="../shared/data/ner")
    tr.add_argument("--conll", help="train on a token<TAB>BIO file instead of ARMAN")
    tr.add_argument("--w2v", default=str(CACHE / "w2v_100_10_3_5.npz"),
                    help="word2vec vectors saved by `train_ner.py wordfeat` (npz with words, vectors)")
    tr.add_argument("--wordfeat", default=None, help="word feature table (default: the bundled one)")
    tr.add_argument("--gazetteer", default=None, help="gazetteer snapshot (default: the bundled one)")
    tr.add_argument("--out", required=True)
    tr.add_argument("--dev", action="store_true", help="hold out the last 20%% of the training data")
    tr.add_argument("--keep-best", action="store_true", help="with --dev, export the best dev epoch")
    tr.add_argument("--checkpoint-every-epoch", action="store_true",
                    help="also write the network after every NER epoch to OUT.epN.npz (a run cut short "
                         "still leaves usable networks)")
    tr.add_argument("--seed", type=int, default=1)
    tr.add_argument("--epochs", type=int, default=25)
    tr.add_argument("--batch", type=int, default=16)
    tr.add_argument("--lr", type=float, default=2e-3)
    tr.add_argument("--decay", type=float, default=0.05, help="lr / (1 + decay * epoch)")
    tr.add_argument("--word-dim", type=int, default=100)
    tr.add_argument("--char-dim", type=int, default=32)
    tr.add_argument("--char-filters", type=int, default=64)
    tr.add_argument("--hidden", type=int, default=128)
    tr.add_argument("--layers", type=int, default=1)
    tr.add_argument("--dropout", type=float, default=0.5)
    tr.add_argument("--word-dropout", type=float, default=0.05)
    tr.add_argument("--threads", type=int, default=2)
    tr.add_argument("--device", default="cpu",
                    help="torch device for NER training, e.g. cuda (a GPU machine; pretraining and CVT stay on the CPU)")
    tr.add_argument("--aux", nargs="*", default=[], choices=["peyma", "twiner"],
                    help="auxiliary corpora trained jointly through their own output layer and CRF "
                         "(shared encoder; their label conventions never reach the ARMAN output)")
    tr.add_argument("--aux-weight", type=float, default=0.5)
    tr.add_argument("--aux-fraction", type=float, default=1.0,
                    help="the share of the auxiliary corpora's batches drawn afresh each epoch")
    tr.add_argument("--init", help="warm start from a trained model (.npz from train or combine)")
    tr.add_argument("--init-member", type=int, default=0, help="which network of an --init ensemble")
    tr.add_argument("--pretrain-epochs", type=int, default=0,
                    help="epochs of language-model pretraining of the encoder on --unlabeled text first")
    tr.add_argument("--unlabeled", nargs="+", default=[str(CACHE / "unlabeled.txt")],
                    help="one sentence per line, tokens separated by spaces (written by train_ner.py wordfeat "
                         "and train_ner_static.py text)")
    tr.add_argument("--pretrain-sentences", type=int, default=0,
                    help="LM pretraining on a random sample of this many unlabeled sentences (0: all)")
    tr.add_argument("--static", help="static word vectors (npz from train_ner_static.py vectors): a frozen extra input")
    tr.add_argument("--static-scale", type=float, default=1.0, help="multiply the static vectors by this")
    tr.add_argument("--silver", nargs="+", help="teacher-tagged sentences (.tsv) from the `silver` subcommand "
                    "or train_ner_e5.py silver (self-training / distillation)")
    tr.add_argument("--silver-soft", nargs="+", help="train_ner_e5.py silver --soft files, one per --silver file: "
                    "learn the teacher's per-token distributions (cross-entropy with the CRF's marginals)")
    tr.add_argument("--silver-per-epoch", type=int, default=10000,
                    help="silver sentences drawn afresh each epoch")
    tr.add_argument("--silver-weight", type=float, default=0.5)
    tr.add_argument("--cvt-per-epoch", type=int, default=0,
                    help="cross-view training: unlabeled sentences (of --unlabeled) drawn afresh each epoch")
    tr.add_argument("--cvt-batch", type=int, default=32)
    tr.add_argument("--cvt-weight", type=float, default=1.0)
    tr.set_defaults(func=cmd_train)
    si = sub.add_parser("silver", help="tag the unlabeled text with an ensemble (self-training data)")
    si.add_argument("--model", required=True, help="the teacher: an .npz from train or combine")
    si.add_argument("--data", default="../shared/data/ner")
    si.add_argument("--conll", help="the gold training file, if not ARMAN (its sentences are skipped)")
    si.add_argument("--unlabeled", default=str(CACHE / "unlabeled.txt"))
    si.add_argument("--limit", type=int, help="first N sentences only")
    si.add_argument("--out", required=True)
    si.set_defaults(func=cmd_silver)
    co = sub.add_parser("combine", help="several single models → one ensemble file")
    co.add_argument("models", nargs="+")
    co.add_argument("--out", required=True)
    co.set_defaults(func=cmd_combine)
    ip = sub.add_parser("interpolate", help="(1 - alpha) * A + alpha * B, array by array (WiSE-FT)")
    ip.add_argument("a", help="an .npz from train or combine (alpha 0 gives it back)")
    ip.add_argument("b", help="an .npz of the same layout, e.g. A fine-tuned further (alpha 1 gives it back)")
    ip.add_argument("--alpha", type=float, required=True)
    ip.add_argument("--out", required=True)
    ip.set_defaults(func=cmd_interpolate)
    args = ap.parse_args(argv)
    args.func(args)


if __name__ == "__main__":
    main()
