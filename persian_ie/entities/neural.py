"""The bundled neural tagger: a char-aware BiLSTM-CRF run with numpy alone.

Each token is represented by its word vector (initialised from word2vec over
unlabeled Persian news, fine-tuned on ARMAN), a character CNN over its letters, its
word-cluster ids, hazm lexicon class and frequency band, a coarse shape, optionally
a frozen static vector from a pretrained multilingual encoder (one table shared by
the members of an ensemble: ``static_words`` in the meta, ``static_emb`` in the file)
and the gazetteer marks covering it. A bidirectional LSTM reads the sentence and a CRF layer
chooses the BIO sequence (Viterbi).

The weights were trained with torch (``scripts/train_ner_lstm.py``, a dev-only tool)
and ship as one ``.npz`` file; inference here needs only numpy, which the library
already depends on through hazm. Several models trained with different seeds can
ship in one file: their emission and transition scores are averaged (an ensemble).
``resources/ner/MODEL_CARD.md`` gives data, recipe, figures and licence.

>>> tagger = NeuralTagger()
>>> tagger.tag_tokens(["علیرضا", "زاکانی", "شهردار", "تهران", "به", "مینسک", "رفت", "."])[:2]
['B-PER', 'I-PER']
"""

from __future__ import annotations

import io
import json
import mmap
import threading
from importlib import resources
from bisect import bisect_right
from itertools import accumulate, compress, repeat
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

import numpy as np

from .._resources import paused_gc
from ..document import Document, Span
from .bio import doc_spans_from_bio
from .crf import OUTPUT_LABELS, ZWNJ, Featurizer, _clean, gazetteer_matches, load_gazetteer, load_wordfeat, word_key

__all__ = ["NeuralTagger", "TokenEncoder", "DEFAULT_NEURAL_MODEL", "load_weights"]

DEFAULT_NEURAL_MODEL = "ner/lstm.npz"

#: characters kept per word by the character CNN (the first and the last ones)
MAX_CHARS = 20
_LATIN = set("abcdefghijklmnopqrstuvwxyz")


def token_shape(key: str) -> str:
    """A coarse shape class of a word key (see :func:`~persian_ie.entities.crf.word_key`).

    >>> token_shape("تهران"), token_shape("0000"), token_shape("می\u200cرود")
    ('w5', 'num', 'w5z')
    """
    if (key.replace(ZWNJ, "") if ZWNJ in key else key).isalpha():  # (most words: no digit, no mark)
        kind = "w" if _LATIN.isdisjoint(key) else "l"
    else:
        if not any(ch.isalnum() for ch in key):
            return "punct"
        if all(ch == "0" for ch in key if ch.isalnum()):
            return "num"
        kind = "l" if any(ch in _LATIN for ch in key) else "h" if "0" in key else "w"
    n = len(key.replace(ZWNJ, ""))
    band = "1" if n <= 1 else "2" if n == 2 else "3" if n == 3 else "4" if n == 4 else "5" if n <= 6 else "7" if n <= 9 else "9"
    return kind + band + ("z" if ZWNJ in key else "")


#: distinct tokens whose encoding (and word key) a :class:`TokenEncoder` keeps for the process.
#: The first ones met stay (news text meets its frequent words first): 2,000 news articles
#: hold ~42,000 distinct tokens, and past ~40,000 kept tokens the hit rate stops rising
#: (97.6% of tokens on that sample). An entry holds ~0.5 KB (the token, its key, the id tuples):
#: the former cap of 500,000 let a long run over an open vocabulary grow by up to ~250 MB.
TOKEN_CACHE_SIZE = 50_000


class TokenEncoder:
    """Turns tokens into the integer ids and gazetteer marks the network reads.

    Args:
        meta: the vocabularies stored with the weights (``words``, ``chars``, ``pos``,
            ``shapes``, ``gaz_kinds``, ``clusters``).
        wordfeat: word → (cluster ids..., lexicon POS, frequency band), as for the CRF.
        gazetteer: phrase key tuple → types, as for the CRF.

    Index 0 is padding and 1 unknown in every vocabulary.
    """

    def __init__(self, meta: dict, wordfeat: Dict[str, Tuple[str, ...]],
                 gazetteer: Dict[Tuple[str, ...], Tuple[str, ...]]):
        self.words = {w: i for i, w in enumerate(meta["words"])}
        self.chars = {c: i for i, c in enumerate(meta["chars"])}
        self.pos = {p: i for i, p in enumerate(meta["pos"])}
        self.shapes = {s: i for i, s in enumerate(meta["shapes"])}
        self.gaz_kinds = {k: i for i, k in enumerate(meta["gaz_kinds"])}
        self.n_clusters = list(meta["clusters"])
        #: static word vectors' vocabulary (row 0 padding, 1 unknown), when the model has them
        self.static = {w: i for i, w in enumerate(meta.get("static_words") or (), 2)}
        self.wordfeat = wordfeat
        self._gaz = Featurizer({}, gazetteer)
        self._cache: Dict[str, Tuple[int, Tuple[int, ...], Tuple[int, ...]]] = {}
        #: token → its :func:`word_key` (the gazetteer marks look every token up by it)
        self._keys: Dict[str, str] = {}
        #: listed phrase (key tuple) → the ``(B column, I column)`` of each of its types
        self._gaz_cols: Dict[Tuple[str, ...], Tuple[Tuple[int, int], ...]] = {}
        for phrase, kinds in self._gaz.gazetteer.items():
            cols = tuple((self.gaz_kinds.get(k + ":B", -1), self.gaz_kinds.get(k + ":I", -1)) for k in kinds)
            if cols:
                self._gaz_cols[phrase] = cols

    @property
    def n_gaz(self) -> int:
        return len(self.gaz_kinds)

    def token(self, token: str) -> Tuple[int, Tuple[int, ...], Tuple[int, ...]]:
        """``(word id, char ids, categorical ids)`` of one normalized token (cached)."""
        hit = self._cache.get(token)
        if hit is not None:
            return hit
        key = word_key(token)
        nz = key.replace(ZWNJ, "") if ZWNJ in key else key
        wid = self.words.get(key) or self.words.get(nz) or 1
        chars = key if len(key) <= MAX_CHARS else key[:MAX_CHARS // 2] + key[-(MAX_CHARS // 2):]
        cids = tuple(map(self.chars.get, chars, repeat(1))) or (1,)
        info = self.wordfeat.get(key) or (self.wordfeat.get(nz) if nz is not key else None) or ()
        nc = len(self.n_clusters)
        cats = [int(v) + 2 if v.isdigit() and int(v) < k else 1 for v, k in zip(info, self.n_clusters)]
        if len(cats) < nc:
            cats += [1] * (nc - len(cats))
        pos = info[nc] if len(info) > nc else ""
        band = info[nc + 1] if len(info) > nc + 1 else ""
        cats.append(self.pos.get(pos or "-", 1))
        cats.append(int(band) + 2 if band.isdigit() else 1)
        cats.append(self.shapes.get(token_shape(key), 1))
        if self.static:
            cats.append(self.static.get(key) or self.static.get(nz) or 1)
        out = (wid, cids, tuple(cats))
        if len(self._cache) < TOKEN_CACHE_SIZE:
            self._cache[token] = out
        return out

    def gazetteer(self, tokens: Sequence[str]) -> np.ndarray:
        """``(n, n_gaz)`` 0/1 marks: ``TYPE:B``/``TYPE:I`` of listed phrases covering each token."""
        out = np.zeros((len(tokens), len(self.gaz_kinds)), dtype=np.float32)
        for i, marks in enumerate(self._gaz.gazetteer_marks(tokens)):
            for m in marks:
                j = self.gaz_kinds.get(m)
                if j is not None:
                    out[i, j] = 1.0
        return out

    def encode(self, tokens: Sequence[str]) -> Tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """``(word ids (N,), char ids of all the tokens one after the other (L,), each
        token's char count (N,), categorical ids (N, F))`` of ``tokens`` (N > 0)."""
        ids = [self.token(t) for t in tokens]
        lens = np.fromiter(map(len, (c for _, c, _ in ids)), dtype=np.int64, count=len(ids))
        flat = np.fromiter((x for _, c, _ in ids for x in c), dtype=np.int64, count=int(lens.sum()))
        words = np.fromiter((w for w, _, _ in ids), dtype=np.int64, count=len(ids))
        cats = np.array([f for _, _, f in ids], dtype=np.int64).reshape(len(ids), -1)
        return words, flat, lens, cats

    def arrays(self, tokens: Sequence[str]) -> Tuple[np.ndarray, np.ndarray, np.ndarray]:
        """``(word ids (N,), char ids (N, C), categorical ids (N, F))`` of ``tokens``."""
        words, flat, lens, cats = self.encode(tokens)
        chars = np.zeros((len(words), int(lens.max())), dtype=np.int64)
        starts = np.repeat(np.cumsum(lens) - lens, lens)  # each char's word's first position in flat
        chars[np.repeat(np.arange(len(words)), lens), np.arange(len(flat)) - starts] = flat
        return words, chars, cats

    def keys(self, tokens: Sequence[str]) -> List[str]:
        """The :func:`~persian_ie.entities.crf.word_key` of each token (cached)."""
        cache = self._keys
        out = list(map(cache.get, tokens))
        if None in out:
            for i, k in enumerate(out):
                if k is None:
                    out[i] = k = word_key(tokens[i])
                    if len(cache) < TOKEN_CACHE_SIZE:
                        cache[tokens[i]] = k
        return out

    def gazetteer_batch(self, sentences: Sequence[Sequence[str]]) -> np.ndarray:
        """(B, T, n_gaz) gazetteer marks of a padded batch (as :meth:`gazetteer` per sentence)."""
        T = max((len(s) for s in sentences), default=0)
        gaz = np.zeros((len(sentences), T, len(self.gaz_kinds)), dtype=np.float32)
        first, cols_of = self._gaz._gaz_first, self._gaz_cols
        # the whole batch's keys in one list; only the positions some phrase starts with
        # are looked at (as gazetteer_matches does sentence by sentence)
        keys = self.keys([t for s in sentences for t in s])
        ends = list(accumulate(map(len, sentences)))
        for p in compress(range(len(keys)), map(first.get, keys)):
            b = bisect_right(ends, p)
            at, end = (ends[b - 1] if b else 0), ends[b]
            for length in first[keys[p]]:
                if p + length <= end:
                    cols = cols_of.get(tuple(keys[p:p + length]))
                    if cols:
                        i = p - at
                        for cb, ci in cols:
                            if cb >= 0:
                                gaz[b, i, cb] = 1.0
                            if ci >= 0:
                                gaz[b, i + 1:i + length, ci] = 1.0
        return gaz

    def batch(self, sentences: Sequence[Sequence[str]]):
        """Padded arrays for a batch: words (B,T), chars (B,T,C), cats (B,T,F), gaz (B,T,G), lengths."""
        lengths = np.array([len(s) for s in sentences], dtype=np.int64)
        B, T = len(sentences), int(lengths.max()) if len(sentences) else 0
        enc = [[self.token(t) for t in s] for s in sentences]
        C = max((len(e[1]) for s in enc for e in s), default=1)
        F = len(self.n_clusters) + 3 + bool(self.static)
        words = np.zeros((B, T), dtype=np.int64)
        chars = np.zeros((B, T, C), dtype=np.int64)
        cats = np.zeros((B, T, F), dtype=np.int64)
        gaz = np.zeros((B, T, len(self.gaz_kinds)), dtype=np.float32)
        for b, (s, e) in enumerate(zip(sentences, enc)):
            for t, (wid, cids, cat) in enumerate(e):
                words[b, t] = wid
                chars[b, t, :len(cids)] = cids
                cats[b, t] = cat
            if len(s):
                gaz[b, :len(s)] = self.gazetteer(s)
        return words, chars, cats, gaz, lengths


# -- numpy network ------------------------------------------------------------------------


def _ifog(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """Gate blocks from torch's order (i f g o) to (i f o g) along ``axis``: the three
    sigmoid gates side by side, so that their sigmoid is one slice's work."""
    H = x.shape[axis] // 4
    return np.take(x, np.r_[0:2 * H, 3 * H:4 * H, 2 * H:3 * H], axis=axis)


def _gate_scale(H4: int) -> np.ndarray:
    """Per-gate input scale, gates in :func:`_ifog` order: sigmoid(x) = (tanh(x / 2) + 1) / 2,
    so one tanh serves all four gates."""
    scale = np.full(H4, 0.5, dtype=np.float32)
    scale[3 * H4 // 4:] = 1.0  # the cell candidate g keeps tanh(x)
    return scale


def _lstm(xw: np.ndarray, whh: np.ndarray) -> np.ndarray:
    """One LSTM direction over ``xw`` = inputs @ W_ih.T + biases, shape (B, T, 4H) (torch gate order i f g o)."""
    scale = _gate_scale(xw.shape[2])
    xs = np.ascontiguousarray(np.transpose(_ifog(xw) * scale, (1, 0, 2)))[None]
    out = _lstm_time_major(xs, (_ifog(whh.T) * scale)[None])
    return np.transpose(out[:, 0], (1, 0, 2))


def _lstm_time_major(xs: np.ndarray, whh_s: np.ndarray) -> np.ndarray:
    """D independent LSTMs at once, time-major, gates in :func:`_ifog` order and
    pre-scaled by :func:`_gate_scale`.

    ``xs`` (D, T, B, 4H): gate inputs; ``whh_s`` (D, H, 4H): recurrent weights,
    transposed. Returns the hidden states (T, D, B, H).
    """
    D, T, B, H4 = xs.shape
    idx = np.arange(D * T * B).reshape(D, T, B).transpose(1, 0, 2)  # (T, D, B) rows of xs
    return np.transpose(_lstm_gathered(xs.reshape(D * T * B, H4), idx, whh_s), (1, 0, 2, 3))


def _lstm_gathered(rows: np.ndarray, idx: np.ndarray, whh_s: np.ndarray,
                   lengths: Optional[np.ndarray] = None, out_w: Optional[np.ndarray] = None) -> np.ndarray:
    """:func:`_lstm_time_major` with the gate inputs gathered step by step: ``rows``
    (R, 4H) pre-scaled gate inputs (gates in :func:`_ifog` order), ``idx`` (T, D, B) the
    row of each direction, step and sentence. Saves writing and re-reading the whole
    (D, T, B, 4H) input. Running every direction of every network of an ensemble in
    the same numpy calls keeps the per-step overhead constant. Returns the hidden
    states (D, T, B, H): each direction's block is contiguous, so the output layer
    reads it as one matrix.

    With ``lengths`` (B,), step ``t`` computes only the sentences still running
    (``lengths > t``; the others' outputs are zeros): the sentences are put longest
    first so those are a prefix of the batch (no copy when they come so), and a batch
    of mixed lengths pays for its tokens, not for its padding.

    With ``out_w`` (D, H, K), each direction's output-layer weights, returns the scores
    (D, T, B, K) = the hidden states @ ``out_w`` instead, made :data:`_CHUNK` steps at a
    time: the hidden states of a whole batch (2 KB a token for 2 networks) are never
    held at once."""
    T, D, B = idx.shape
    H4 = rows.shape[1]
    H = H4 // 4
    H3 = 3 * H
    if lengths is None:
        order, live = None, np.full(T, B)
    else:
        order = None if bool(np.all(lengths[:-1] >= lengths[1:])) else np.argsort(-lengths, kind="stable")
        if order is not None:
            idx = idx[:, :, order]
            lengths = lengths[order]
        live = (lengths[None, :] > np.arange(T)[:, None]).sum(axis=1)
    c = np.zeros((D, B, H), dtype=np.float32)
    # scratch (no state across steps): contiguous (D, n, .) views of flat buffers
    buf_a, buf_x = (np.empty(D * B * H4, dtype=np.float32) for _ in range(2))
    buf_s = np.empty(D * B * H3, dtype=np.float32)
    buf_t, buf_g = (np.empty(D * B * H, dtype=np.float32) for _ in range(2))
    # the hidden state of step t is out[:, t, :n] (with out_w: out[:, t % _CHUNK, :n]),
    # the next step's matrix-product input
    C = T if out_w is None else min(T, _CHUNK)
    out = np.zeros((D, C, B, H), dtype=np.float32)
    scores = None if out_w is None else np.zeros((D, T, B, out_w.shape[2]), dtype=np.float32)
    views: Dict[int, tuple] = {}  # n -> the step's views (a batch has few distinct n)
    done = ran = 0  # (with out_w: the steps whose scores are made; the steps run)
    prev = None
    for t in range(T):
        n = int(live[t])
        if n == 0:
            break
        v = views.get(n)
        if v is None:
            a = buf_a[:D * n * H4].reshape(D, n, H4)
            sig = buf_s[:D * n * H3].reshape(D, n, H3)
            v = views[n] = (c if n == B else c[:, :n], a, buf_x[:D * n * H4].reshape(D, n, H4), a[..., :H3],
                            a[..., H3:], sig, sig[..., :H], sig[..., H:2 * H], sig[..., 2 * H:],
                            buf_t[:D * n * H].reshape(D, n, H), buf_g[:D * n * H].reshape(D, n, H))
        cn, a, x, a_ifo, a_g, sig, s_i, s_f, s_o, tc, ig = v
        if t:
            np.matmul(prev[:, :n], whh_s, out=a)
            np.take(rows, idx[t, :, :n], axis=0, out=x, mode="clip")  # "clip": no bounds-check buffer
            a += x
        else:  # the state starts at zero: the gates are the inputs alone
            np.take(rows, idx[0, :, :n], axis=0, out=a, mode="clip")
        np.tanh(a, out=a)
        np.multiply(a_ifo, 0.5, out=sig)  # i f o: sigmoids; g stays a tanh
        sig += 0.5
        cn *= s_f
        np.multiply(s_i, a_g, out=ig)
        cn += ig
        np.tanh(cn, out=tc)
        k = t - done
        prev = out[:, k]
        if scores is not None and n < B:
            prev[:, n:] = 0.0  # (a sentence past its end: zeros, as without out_w)
        np.multiply(s_o, tc, out=prev[:, :n])
        ran = t + 1
        if scores is not None and k == C - 1:
            scores[:, done:ran] = np.matmul(out.reshape(D, C * B, H), out_w).reshape(D, C, B, -1)
            done = ran
    if scores is not None:
        if done < ran:  # the last steps' (the steps not run keep zeros)
            k = ran - done
            scores[:, done:ran] = np.matmul(out[:, :k].reshape(D, k * B, H), out_w).reshape(D, k, B, -1)
        out = scores
    if order is not None:
        out = out[:, :, np.argsort(order)]
    return out


#: steps whose hidden states :func:`_lstm_gathered` holds at once when it makes the output scores
_CHUNK = 8


def _reverse_within(x: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Reverse each row's first ``length`` steps (padding stays at the end)."""
    B, T = x.shape[:2]
    idx = np.tile(np.arange(T), (B, 1))
    rev = lengths[:, None] - 1 - idx
    idx = np.where(rev >= 0, rev, idx)
    return x[np.arange(B)[:, None], idx]


class _Net:
    """Weights of one trained network and its numpy forward pass (emission scores)."""

    #: words with a vocabulary id below this (the most frequent ones: the word2vec
    #: vocabulary is in frequency order) keep their input projection for the process
    FREQUENT = 3000

    def __init__(self, w: Dict[str, np.ndarray], prefix: str, head: Optional[str] = None):
        g = lambda k: w[prefix + k].astype(np.float32)  # noqa: E731
        #: the word table stays in the file's precision (float16: half the memory of the
        #: largest array); rows are looked up a few at a time and become float32, exactly,
        #: where they are concatenated with the other float32 inputs
        self.word_emb = w[prefix + "word_emb"]
        if self.word_emb.dtype not in (np.float16, np.float32):
            self.word_emb = self.word_emb.astype(np.float32)
        self.char_emb = g("char_emb")
        self.conv_w = g("conv_w")  # (F, Ce, 3)
        self.conv_b = g("conv_b")
        self.cat_embs = []
        i = 0
        while prefix + f"cat_emb{i}" in w:
            self.cat_embs.append(g(f"cat_emb{i}"))
            i += 1
        if "static_emb" in w:  # frozen static word vectors, one table shared by every member
            self.cat_embs.append(w["static_emb"].astype(np.float32, copy=False))
        self.lstm = []
        layer = 0
        while prefix + f"lstm{layer}_f_wih" in w:
            dirs = []
            for d in ("f", "b"):
                dirs.append((g(f"lstm{layer}_{d}_wih"), g(f"lstm{layer}_{d}_whh"), g(f"lstm{layer}_{d}_b")))
            self.lstm.append(dirs)
            layer += 1
        out = "" if head is None else f"head_{head}_"
        self.out_w = g(out + "out_w")
        self.out_b = g(out + "out_b")
        self.trans = g(out + "trans")
        self.start = g(out + "start")
        self.end = g(out + "end")
        self._prepare_chars()
        self._prepare_fast()

    def _prepare_chars(self):
        # the CNN's window of 3 chars as 3 per-char tables (tap k: char_emb @ conv_w[:, :, k].T):
        # a window's score is the sum of 3 rows, no product per token. Row 0 (padding) is
        # zeros in the embedding, so in every tap; the middle tap's row 0 is -1e4 instead,
        # so that a padding position is never a word's maximum.
        self._char_taps = np.stack([self.char_emb @ self.conv_w[:, :, k].T for k in range(3)])  # (3, V, F)
        self._char_taps[1, 0] = -1e4

    def char_features(self, chars: np.ndarray) -> np.ndarray:
        """Max-pooled CNN features of (N, C) char ids (0: padding) → (N, F)."""
        N, C = chars.shape
        cp = np.zeros((N, C + 2), dtype=chars.dtype)
        cp[:, 1:C + 1] = chars
        p0, p1, p2 = self._char_taps
        conv = p0[cp[:, :C]]
        conv += p1[cp[:, 1:C + 1]]
        conv += p2[cp[:, 2:]]
        out = conv.max(axis=1)
        out += self.conv_b  # (rounding is monotonic: max(x) + b == max(x + b))
        return out

    def char_features_packed(self, flat: np.ndarray, lens: np.ndarray) -> np.ndarray:
        """:meth:`char_features` of tokens given as :meth:`TokenEncoder.encode` gives them
        (their chars one after the other, ``lens`` chars each, every one at least 1): the
        same values, with no work for padding."""
        ends = np.cumsum(lens)
        starts = ends - lens
        prev = np.empty_like(flat)
        prev[1:] = flat[:-1]
        prev[starts] = 0
        nxt = np.empty_like(flat)
        nxt[:-1] = flat[1:]
        nxt[ends - 1] = 0
        p0, p1, p2 = self._char_taps
        conv = p0[prev]
        conv += p1[flat]
        conv += p2[nxt]
        out = np.maximum.reduceat(conv, starts, axis=0)
        out += self.conv_b
        return out

    # -- fast path: layer-0 input projection computed once per distinct word --------------

    def _token_projection(self, tokens: Sequence[str], enc: "TokenEncoder",
                          encoded: Optional[Tuple[np.ndarray, ...]] = None,
                          out: Optional[np.ndarray] = None) -> np.ndarray:
        """(N, 8H) layer-0 input projections (both directions, gate-scaled, biases
        included) of the word-level inputs (word vector, char CNN, categorical features)
        of ``tokens`` (``encoded``: their :meth:`TokenEncoder.encode`, when already made;
        ``out``: where to write them, rows of unit-stride floats)."""
        words, flat, lens, cats = enc.encode(tokens) if encoded is None else encoded
        Dw, F = self.word_emb.shape[1], self.conv_b.shape[0]
        x = np.empty((len(words), self._w_tok.shape[0]), dtype=np.float32)
        x[:, :Dw] = self.word_emb[words]  # (float16 rows become float32 exactly)
        x[:, Dw:Dw + F] = self.char_features_packed(flat, lens)
        at = Dw + F
        for j, table in enumerate(self.cat_embs):
            x[:, at:at + table.shape[1]] = table[cats[:, j]]
            at += table.shape[1]
        proj = np.matmul(x, self._w_tok, out=out)
        proj += self._b_tok
        return proj

    def _prepare_fast(self):
        # gates reordered to (i f o g) (see _ifog)
        fw, bw = (tuple(_ifog(w, axis=0) for w in d) for d in self.lstm[0])
        G = fw[0].shape[1] - (self.word_emb.shape[1] + self.conv_b.shape[0] + sum(t.shape[1] for t in self.cat_embs))
        self._n_gaz = G
        # gate scale folded into the weights (see _gate_scale)
        sc = np.concatenate([_gate_scale(fw[1].shape[0])] * 2)
        self._w_tok = (np.concatenate([fw[0][:, :-G or None].T, bw[0][:, :-G or None].T], axis=1) if G else
                       np.concatenate([fw[0].T, bw[0].T], axis=1)) * sc
        self._w_gaz = np.concatenate([fw[0][:, -G:].T, bw[0][:, -G:].T], axis=1) * sc if G else None
        self._b_tok = np.concatenate([fw[2], bw[2]]) * sc
        self._whh_s = [np.ascontiguousarray(fw[1].T * sc[:fw[1].shape[0]]),
                       np.ascontiguousarray(bw[1].T * sc[:bw[1].shape[0]])]
        #: the token index of the projections kept for the process (see :class:`_Inputs`,
        #: which shares one among the networks of an ensemble)
        self._proj_cache: Dict[str, int] = {}
        #: every direction's recurrent weights, stacked for :func:`_lstm_gathered`
        self._whh_stack = np.stack(self._whh_s)

    def layer0_inputs(self, sentences: Sequence[Sequence[str]], enc: "TokenEncoder", gaz: np.ndarray,
                      lengths: np.ndarray) -> np.ndarray:
        """First-layer gate inputs of both directions, (B, T, 8H), pre-scaled by :func:`_gate_scale`
        (every projection computed afresh)."""
        uniq, idx = _distinct_tokens(sentences, gaz.shape[1])
        table = np.zeros((len(uniq) + 1, self._b_tok.shape[0]), dtype=np.float32)
        if uniq:
            table[1:] = self._token_projection(uniq, enc)
        xw = table[idx]
        if self._w_gaz is not None:
            marked = gaz.any(axis=2)
            if marked.any():
                xw[marked] += gaz[marked] @ self._w_gaz
        return xw

    @staticmethod
    def _bilstm(x: np.ndarray, layer, lengths: np.ndarray) -> np.ndarray:
        """One bidirectional layer over (B, T, D) inputs → (B, T, 2H)."""
        outs = []
        for d, (wih, whh, b) in zip(("f", "b"), layer):
            inp = x if d == "f" else _reverse_within(x, lengths)
            h = _lstm(inp @ wih.T + b, whh)
            outs.append(h if d == "f" else _reverse_within(h, lengths))
        return np.concatenate(outs, axis=2)

    def upper(self, h0: np.ndarray, lengths: np.ndarray) -> np.ndarray:
        """Emission scores from the first layer's (B, T, 2H) output: further layers, output layer."""
        x = h0
        for layer in self.lstm[1:]:
            x = self._bilstm(x, layer, lengths)
        return x @ self.out_w.T + self.out_b

    def emissions(self, words, chars, cats, gaz, lengths) -> np.ndarray:
        """Emission scores (B, T, K) from the padded arrays of :meth:`TokenEncoder.batch`."""
        B, T = words.shape
        parts = [self.word_emb[words].astype(np.float32),
                 self.char_features(chars.reshape(B * T, -1)).reshape(B, T, -1)]
        for j, table in enumerate(self.cat_embs):
            parts.append(table[cats[:, :, j]])
        parts.append(gaz)
        return self.upper(self._bilstm(np.concatenate(parts, axis=2), self.lstm[0], lengths), lengths)


class _Inputs:
    """First-layer gate inputs of every network of an ensemble, one row per distinct token.

    A row holds, side by side, each network's forward and backward gate inputs (gate-scaled,
    biases included) of the token's word-level features; the projections of the
    :attr:`_Net.FREQUENT` most frequent words are kept for the process, in one table for
    all the networks (one look-up per token). Only the gazetteer marks depend on the
    context: a marked position gets a row of its own (its token's plus the marks').

    :attr:`rows` holds a zero row (padding), the kept rows, then :data:`SCRATCH` rows
    where a batch's other rows go (:meth:`rows_for`): the recurrence then gathers a kept
    word's inputs from where they are kept instead of from a copy made for the batch.
    """

    #: rows after the kept ones for a batch's words missing from them and its marked
    #: positions (~900 for a batch of 8,192 news tokens, 1,735 at most on 300 news from a cold
    #: start); one batch uses them at a time
    SCRATCH = 2048
    #: scratch rows whose memory stays with the process between batches (8 MB: a batch of
    #: 8,192 news tokens needs ~900 on average; handing back and touching again the pages of
    #: the rows it uses costs ~5% of the tagger's CPU at 512)
    SCRATCH_KEPT = 1024

    def __init__(self, nets: Sequence[_Net]):
        self.nets = list(nets)
        self.widths = [n._b_tok.shape[0] for n in self.nets]
        self.width = sum(self.widths)
        #: token → row of :attr:`rows`; each network's ``_proj_cache`` is this dict
        self.index: Dict[str, int] = {}
        for n in self.nets:
            n._proj_cache = self.index
        #: (memory pages of their own: the kept rows' fill as words are met; the scratch rows'
        #: beyond the first :data:`SCRATCH_KEPT` go back to the system after each batch)
        self.rows, self._map = _zero_rows(1 + _Net.FREQUENT + self.SCRATCH, self.width, huge=1 + _Net.FREQUENT)
        self.lock = threading.Lock()
        #: held by the batch whose rows are in the scratch rows (another thread's batch
        #: meanwhile makes a table of its own: :meth:`table`)
        self.scratch = threading.Lock()
        #: the output layers' weights by direction, (D, H, K) (made on first use)
        self.out_w: Optional[np.ndarray] = None
        G = {n._n_gaz for n in self.nets}
        self.n_gaz = G.pop() if len(G) == 1 else None
        if self.n_gaz:
            self.w_gaz = np.concatenate([n._w_gaz for n in self.nets], axis=1)

    def _project(self, tokens: List[str], enc: TokenEncoder, fresh: np.ndarray) -> None:
        """Write the rows of ``tokens`` into ``fresh`` (len(tokens), width) and keep the
        frequent words' ones for the process."""
        encoded = enc.encode(tokens)
        at = 0
        for n, w in zip(self.nets, self.widths):
            n._token_projection(tokens, enc, encoded, out=fresh[:, at:at + w])
            at += w
        index, end = self.index, 1 + _Net.FREQUENT
        if len(index) < _Net.FREQUENT:
            keep = [(t, k) for k, (t, w) in enumerate(zip(tokens, encoded[0].tolist())) if 1 < w < _Net.FREQUENT]
            if keep:
                with self.lock:  # threads share the cache: a row is written before it is named
                    for t, k in keep:
                        r = 1 + len(index)
                        if r >= end:
                            break
                        if t not in index:
                            self.rows[r] = fresh[k]
                            index[t] = r

    def rows_for(self, uniq: Sequence[str], enc: TokenEncoder, extra: int) -> Optional[Tuple[np.ndarray, np.ndarray, int]]:
        """``(rows, pos, at)``: row ``pos[i]`` of :attr:`rows` holds the inputs of ``uniq[i]``,
        a kept row where there is one, else a scratch row computed now; rows ``at`` to
        ``at + extra`` are scratch rows left for the caller. ``None`` when the scratch rows
        are too few. The caller holds :attr:`scratch` until it has read them."""
        hit = np.fromiter(map(self.index.get, uniq, repeat(0)), dtype=np.int64, count=len(uniq))
        missing = np.flatnonzero(hit == 0)
        F = len(missing)
        if F + extra > self.SCRATCH:
            return None
        at = 1 + _Net.FREQUENT
        if F:
            hit[missing] = np.arange(at, at + F)
            self._project([uniq[i] for i in missing], enc, self.rows[at:at + F])
        return self.rows, hit, at + F

    def release(self, end: int) -> None:
        """Give the memory of the scratch rows used up to row ``end`` back to the system,
        all but the first :data:`SCRATCH_KEPT` (their contents are then zeros)."""
        at = 1 + _Net.FREQUENT + self.SCRATCH_KEPT
        if self._map is not None and end > at:
            row = self.width * 4
            first = -(-at * row // mmap.PAGESIZE) * mmap.PAGESIZE
            last = end * row // mmap.PAGESIZE * mmap.PAGESIZE
            if last > first:
                self._map.madvise(mmap.MADV_DONTNEED, first, last - first)

    def table(self, uniq: Sequence[str], enc: TokenEncoder, extra: int = 0) -> Tuple[np.ndarray, np.ndarray]:
        """``(table, pos)``: a (1 + len(uniq) + extra, width) table whose row 0 is zeros
        (padding) and row ``pos[i]`` the inputs of ``uniq[i]``; the last ``extra`` rows are
        left for the caller."""
        index = self.index
        U = len(uniq)
        table = np.empty((1 + U + extra, self.width), dtype=np.float32)
        table[0] = 0.0
        hit = np.fromiter(map(index.get, uniq, repeat(0)), dtype=np.int64, count=U)
        have = np.flatnonzero(hit)
        nh = len(have)
        pos = np.empty(U, dtype=np.int64)
        if nh == U:
            np.take(self.rows, hit, axis=0, out=table[1:1 + U])
            pos[:] = np.arange(1, U + 1)
            return table, pos
        missing = np.flatnonzero(hit == 0)
        pos[have] = np.arange(1, nh + 1)
        pos[missing] = np.arange(nh + 1, U + 1)
        if nh:
            np.take(self.rows, hit[have], axis=0, out=table[1:1 + nh])
        self._project([uniq[i] for i in missing], enc, table[1 + nh:1 + U])
        return table, pos


def _zero_rows(n: int, width: int, huge: int = 0) -> Tuple[np.ndarray, Optional[mmap.mmap]]:
    """``(rows, mapping)``: (n, width) float32 zeros, in a private anonymous memory map
    where the system has them (``mapping``; pages are then resident only once written,
    and :meth:`_Inputs.release` can hand some back; the first ``huge`` rows in huge
    pages where the system has them, as numpy puts large arrays), else a plain array
    (``None``)."""
    try:
        if not hasattr(mmap, "MADV_DONTNEED"):
            raise AttributeError("MADV_DONTNEED")
        mapped = mmap.mmap(-1, n * width * 4, flags=mmap.MAP_PRIVATE | mmap.MAP_ANONYMOUS)
    except (AttributeError, OSError, ValueError):
        return np.zeros((n, width), dtype=np.float32), None
    if huge and hasattr(mmap, "MADV_HUGEPAGE"):
        try:
            mapped.madvise(mmap.MADV_HUGEPAGE, 0, huge * width * 4 // mmap.PAGESIZE * mmap.PAGESIZE)
        except OSError:
            pass
    return np.frombuffer(mapped, dtype=np.float32).reshape(n, width), mapped


def _inputs_of(nets: Sequence[_Net]) -> _Inputs:
    """The :class:`_Inputs` of these networks (made once and kept on the first one)."""
    inputs = getattr(nets[0], "_inputs", None)
    if inputs is None or len(inputs.nets) != len(nets) or any(a is not b for a, b in zip(inputs.nets, nets)):
        inputs = nets[0]._inputs = _Inputs(nets)
    return inputs


def ensemble_emissions(nets: Sequence[_Net], sentences: Sequence[Sequence[str]], enc: TokenEncoder,
                       gaz: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Mean emission scores (B, T, K) of the networks; every first-layer direction of
    every network runs in one stacked LSTM pass."""
    if len(nets[0].lstm) == 1 and len({(len(n.lstm), n._whh_s[0].shape) for n in nets}) == 1:
        return _single_layer_ensemble(nets, sentences, enc, gaz, lengths)
    return _member_by_member(nets, sentences, enc, gaz, lengths)


def _member_by_member(nets: Sequence[_Net], sentences: Sequence[Sequence[str]], enc: TokenEncoder,
                      gaz: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """:func:`ensemble_emissions` for members of different sizes or with several layers."""
    inputs = _inputs_of(nets)
    uniq, ids = _distinct_tokens(sentences, gaz.shape[1])
    table, pos = inputs.table(uniq, enc)
    full = table[np.concatenate([[0], pos])[ids]]  # (B, T, width)
    marked = gaz.any(axis=2)
    hs = []
    at = 0
    for n, w in zip(nets, inputs.widths):
        xw = full[:, :, at:at + w]
        at += w
        if n._w_gaz is not None and marked.any():
            xw[marked] += gaz[marked] @ n._w_gaz
        H4 = xw.shape[2] // 2
        for d, x in enumerate((xw[:, :, :H4], _reverse_within(xw[:, :, H4:], lengths))):
            out = _lstm_time_major(np.ascontiguousarray(np.transpose(x, (1, 0, 2)))[None], n._whh_s[d][None])
            hs.append(np.transpose(out[:, 0], (1, 0, 2)))
    em = None
    for k, n in enumerate(nets):
        h0 = np.concatenate([hs[2 * k], _reverse_within(hs[2 * k + 1], lengths)], axis=2)
        e = n.upper(h0, lengths)
        em = e if em is None else em + e
    return em / len(nets)


def _distinct_tokens(sentences: Sequence[Sequence[str]], T: int) -> Tuple[List[str], np.ndarray]:
    """The batch's distinct tokens and, (B, T), each position's row in a table of them
    whose row 0 is the padding."""
    flat = [t for s in sentences for t in s]
    where = dict(zip(dict.fromkeys(flat), range(1, len(flat) + 1)))  # (first-met order)
    rows = list(map(where.__getitem__, flat))
    lengths = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
    idx = np.zeros((len(sentences), T), dtype=np.int64)
    idx[np.arange(T)[None, :] < lengths[:, None]] = rows  # (row-major: sentence by sentence)
    return list(where), idx


def _single_layer_ensemble(nets: Sequence[_Net], sentences: Sequence[Sequence[str]], enc: TokenEncoder,
                           gaz: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """:func:`ensemble_emissions` for one-layer networks of one size, time-major throughout.

    The gate inputs are gathered straight into time-major order (the backward
    direction from each sentence's reversed token indices), and the output layer is
    split by direction so that only the small (T, B, K) backward scores are put back
    in reading order.
    """
    B, T = gaz.shape[:2]
    inputs = _inputs_of(nets)
    uniq, ids = _distinct_tokens(sentences, T)
    mb, mt = np.nonzero(gaz.any(axis=2))
    M = len(mb)
    if M and not inputs.n_gaz:
        return _member_by_member(nets, sentences, enc, gaz, lengths)
    if inputs.scratch.acquire(blocking=False):  # (else another thread's batch has the scratch rows)
        try:
            placed = inputs.rows_for(uniq, enc, M)
            if placed is not None:
                try:
                    return _single_layer_run(nets, inputs, *placed, ids, mb, mt, gaz, lengths)
                finally:
                    inputs.release(placed[2] + M)
        finally:
            inputs.scratch.release()
    table, pos = inputs.table(uniq, enc, extra=M)  # a table of the batch's own
    return _single_layer_run(nets, inputs, table, pos, len(uniq) + 1, ids, mb, mt, gaz, lengths)


def _single_layer_run(nets: Sequence[_Net], inputs: _Inputs, table: np.ndarray, pos: np.ndarray, at: int,
                      ids: np.ndarray, mb: np.ndarray, mt: np.ndarray, gaz: np.ndarray,
                      lengths: np.ndarray) -> np.ndarray:
    """:func:`_single_layer_ensemble` once the distinct tokens' rows are in ``table``
    (``pos``: each one's row; rows from ``at`` on free for the marked positions ``mb, mt``)."""
    B, T = gaz.shape[:2]
    M = len(mb)
    ids = np.concatenate([[0], pos])[ids]
    if M:  # a gazetteer-marked position: its token's row plus the marks'
        marked = table[at:at + M]
        np.take(table, ids[mb, mt], axis=0, out=marked)
        marked += gaz[mb, mt] @ inputs.w_gaz
        ids[mb, mt] = at + np.arange(M)
    # longest sentence first (the recurrence's live sentences are then a prefix); the
    # emissions are put back in the batch's order at the end
    order = np.argsort(-lengths, kind="stable")
    lengths = lengths[order]
    ids = ids[order]
    steps = lengths[None, :] - 1 - np.arange(T)[:, None]  # (T, B): reading position of each reversed step
    live = steps >= 0
    steps = np.where(live, steps, np.arange(T)[:, None])
    fwd = ids.T  # (T, B) rows of the table, time-major
    bwd = np.where(live, ids[np.arange(B)[None, :], steps], 0)  # each sentence reversed
    H4 = nets[0]._whh_s[0].shape[1]
    H = H4 // 4
    D = 2 * len(nets)
    # table row r holds direction d's inputs at row r * D + d of its (rows * D, 4H) view
    dirs = np.arange(D)[None, :, None]
    idx = np.where(dirs % 2 == 0, fwd[:, None, :], bwd[:, None, :]) * D + dirs  # (T, D, B)
    whh = nets[0]._whh_stack if len(nets) == 1 else np.concatenate([n._whh_stack for n in nets])
    # the output layer, split by direction: one product per direction over a stretch of steps
    if inputs.out_w is None or inputs.out_w.shape[1] != H:
        inputs.out_w = np.stack([w for n in nets for w in (n.out_w[:, :H].T, n.out_w[:, H:].T)])  # (D, H, K)
    sc = _lstm_gathered(table.reshape(-1, H4), idx, whh, lengths, inputs.out_w)  # (D, T, B, K)
    em_f = sum(sc[0::2])  # (T, B, K)
    em_b = sum(sc[1::2])  # reversed time
    em = em_f + em_b[steps, np.arange(B)[None, :]] + sum(n.out_b for n in nets)
    back = np.empty_like(order)
    back[order] = np.arange(B)
    return np.transpose(em[:, back], (1, 0, 2)) / len(nets)


#: the longest stretch of tokens the network reads at once (longer sentences are segmented)
MAX_SEGMENT = 200
#: padded tokens (sentences x longest) of one batch at most, so long sentences go in smaller
#: batches. Wide batches make the recurrence's matrix products cheaper per token (and fewer
#: steps): 8,192 instead of 2,048 saves ~10% of the tagger's CPU on news. What a batch holds
#: at once stays small: its words' first-layer rows are read where they are kept or from
#: the scratch rows (:class:`_Inputs`), and of the hidden states only :data:`_CHUNK` steps'
#: (the output scores are made as the recurrence goes): ~0.5 KB per padded token plus
#: ~45 KB per sentence (a batch of 256 sentences: ~16 MB at its peak, with the scratch rows)
MAX_BATCH_TOKENS = 8192


def _batches(order: Sequence[int], lengths: Sequence[int], size: int, max_tokens: int) -> Iterator[List[int]]:
    """Consecutive runs of ``order`` (indexes sorted by ascending ``lengths``) of at most
    ``size`` items and at most ``max_tokens`` once padded to the run's longest (its last).

    >>> list(_batches([0, 1, 2, 3], [2, 3, 5, 5], size=3, max_tokens=10))
    [[0, 1], [2, 3]]
    """
    batch: List[int] = []
    for i in order:
        if batch and (len(batch) == size or (len(batch) + 1) * lengths[i] > max_tokens):
            yield batch
            batch = []
        batch.append(i)
    if batch:
        yield batch
#: tokens a segment may end after, preferably (the last one within the final quarter wins)
_BREAKS = frozenset("،,؛;:.!?؟…)»\"")


def _segments(tokens: Sequence[str], limit: int = MAX_SEGMENT) -> List[Tuple[int, int]]:
    """``(start, end)`` pieces of at most ``limit`` tokens covering ``tokens``, cut after a
    punctuation mark in the last quarter of a piece when there is one.

    >>> _segments(["a"] * 5, limit=10)
    [(0, 5)]
    >>> _segments(["a"] * 6 + ["،"] + ["a"] * 3, limit=8)
    [(0, 7), (7, 10)]
    """
    n = len(tokens)
    out: List[Tuple[int, int]] = []
    a = 0
    while n - a > limit:
        b = a + limit
        for k in range(b - 1, a + (3 * limit) // 4 - 1, -1):
            if tokens[k] in _BREAKS:
                b = k + 1
                break
        out.append((a, b))
        a = b
    out.append((a, n))
    return out


def bio_constrained(labels: Sequence[str], trans: np.ndarray, start: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Transition and start scores that forbid ill-formed BIO (``O → I-X``, ``B-X → I-Y``, a start on ``I-``)."""
    trans = trans.copy()
    start = start.copy()
    for j, to in enumerate(labels):
        if to.startswith("I-"):
            start[j] = -1e4
            for i, frm in enumerate(labels):
                if frm == "O" or frm[2:] != to[2:]:
                    trans[i, j] = -1e4
    return trans, start


def viterbi_batch(em: np.ndarray, lengths: np.ndarray, trans: np.ndarray, start: np.ndarray,
                  end: np.ndarray) -> np.ndarray:
    """Best tag sequences for a padded batch of emissions (B, T, K); (B, T) tag ids.

    The sentences are taken longest first, so that step ``t`` works on the prefix of
    those still running; past its end a sentence stays on its last tag."""
    B, T, K = em.shape
    order = None if bool(np.all(lengths[:-1] >= lengths[1:])) else np.argsort(-lengths, kind="stable")
    if order is not None:
        em, lengths = em[order], lengths[order]
    live = (lengths[None, :] > np.arange(T)[:, None]).sum(axis=1)
    score = start + em[:, 0]
    back = np.empty((T, B, K), dtype=np.int64)
    back[:] = np.arange(K)  # past the end: stay on the same tag
    to_from = np.ascontiguousarray(trans.T)  # (the maximum over the last, contiguous axis)
    first = np.arange(0, B * K * K, K)  # flat position of each (sentence, to) row's first "from"
    for t in range(1, T):
        n = int(live[t])
        if n == 0:
            break
        cand = score[:n, None, :] + to_from  # n, to, from
        arg = cand.argmax(axis=2)
        back[t, :n] = arg
        best = cand.ravel().take(first[:n * K] + arg.ravel())  # (the maxima themselves)
        score[:n] = best.reshape(n, K) + em[:n, t]
    path = np.empty((T, B), dtype=np.int64)
    path[T - 1] = (score + end).argmax(axis=1)
    rows = np.arange(B)
    for t in range(T - 1, 0, -1):
        path[t - 1] = back[t, rows, path[t]]
    path = path.T
    if order is not None:
        path = path[np.argsort(order)]
    return path


def viterbi(em: np.ndarray, trans: np.ndarray, start: np.ndarray, end: np.ndarray) -> List[int]:
    """Best tag sequence for emissions ``em`` (T, K) under a linear-chain CRF."""
    T = em.shape[0]
    score = start + em[0]
    back = np.empty((T, em.shape[1]), dtype=np.int64)
    for t in range(1, T):
        cand = score[:, None] + trans  # from → to
        back[t] = cand.argmax(axis=0)
        score = cand.max(axis=0) + em[t]
    score = score + end
    best = [int(score.argmax())]
    for t in range(T - 1, 0, -1):
        best.append(int(back[t, best[-1]]))
    return best[::-1]


def load_weights(source) -> Tuple[dict, Dict[str, np.ndarray]]:
    """``(meta, arrays)`` from an ``.npz`` written by ``scripts/train_ner_lstm.py``."""
    with np.load(source, allow_pickle=False) as z:
        arrays = {k: z[k] for k in z.files}
    meta = json.loads(bytes(arrays.pop("meta")).decode("utf-8"))
    return meta, arrays


_SHARED: Dict[str, tuple] = {}
_SHARED_LOCK = threading.Lock()


class NeuralTagger:
    """Named-entity tagger over the library's tokens (BiLSTM-CRF, numpy inference).

    Args:
        model_path: an ``.npz`` from ``scripts/train_ner_lstm.py``; ``None`` uses the
            bundled model.
        wordfeat_path, gazetteer_path: the tables the model was trained with
            (``None``: the bundled ones, or files named ``wordfeat.tsv.gz`` /
            ``gazetteer.tsv`` beside ``model_path``).
        labels: entity labels to output (default: every label but DATE/TIME).
        batch_size: sentences run through the network together.
        max_models: use only the first N networks of an ensemble file (faster, a
            little less accurate); ``None`` uses them all.
        head: ``None`` for the main (ARMAN) output layer, or the name of an
            auxiliary corpus the networks were trained with (``"peyma"``: PER ORG LOC
            DATE TIME MONEY PERCENT in PEYMA's conventions, countries always LOC;
            ``"twiner"``: ParsTwiNER's PER ORG LOC EVENT); see :attr:`heads`.

    Drop-in for :class:`~persian_ie.entities.crf.CRFTagger` (same ``tag_tokens`` and
    ``__call__``); the weights are read on first use and shared within the process.
    """

    name = "lstm"

    def __init__(self, model_path: Union[str, Path, None] = None, wordfeat_path: Union[str, Path, None] = None,
                 labels: Optional[Iterable[str]] = None, gazetteer_path: Union[str, Path, None] = None,
                 batch_size: int = 256, max_models: Optional[int] = None, head: Optional[str] = None):
        self.model_path = str(model_path) if model_path is not None else None
        if model_path is not None:
            if wordfeat_path is None and Path(model_path).with_name("wordfeat.tsv.gz").exists():
                wordfeat_path = Path(model_path).with_name("wordfeat.tsv.gz")
            if gazetteer_path is None and Path(model_path).with_name("gazetteer.tsv").exists():
                gazetteer_path = Path(model_path).with_name("gazetteer.tsv")
        self.wordfeat_path = str(wordfeat_path) if wordfeat_path is not None else None
        self.gazetteer_path = str(gazetteer_path) if gazetteer_path is not None else None
        self.labels = frozenset(labels) if labels is not None else OUTPUT_LABELS
        self.batch_size = int(batch_size)
        if max_models is not None and int(max_models) < 1:
            raise ValueError(f"max_models must be at least 1, got {max_models!r}")
        self.max_models = None if max_models is None else int(max_models)
        self.head = head
        self._state = None

    def _load(self):
        if self._state is None:
            key = f"{self.model_path}|{self.wordfeat_path}|{self.gazetteer_path}|{self.max_models}|{self.head}"
            with _SHARED_LOCK:
                if key not in _SHARED:
                    with paused_gc():
                        _SHARED[key] = self._read()
                self._state = _SHARED[key]
        return self._state

    def _read(self) -> tuple:
        """``(meta, encoder, networks, transitions, start, end)`` read from the files."""
        if self.model_path is None:
            ref = resources.files("persian_ie") / "resources" / DEFAULT_NEURAL_MODEL
            if not ref.is_file():
                raise FileNotFoundError(
                    f"the bundled NER model file {DEFAULT_NEURAL_MODEL!r} is missing from the installed package")
            meta, arrays = load_weights(io.BytesIO(ref.read_bytes()))
        else:
            if not Path(self.model_path).is_file():
                raise FileNotFoundError(f"neural NER model file not found: {self.model_path}")
            meta, arrays = load_weights(self.model_path)
        n = int(meta.get("n_models", 1))
        members = range(n)
        if self.head is not None:
            if self.head not in (meta.get("heads") or {}):
                raise ValueError(f"the model has no output layer {self.head!r}; it has: "
                                 f"{', '.join(sorted(meta.get('heads') or {})) or 'none but the main one'}")
            meta = dict(meta, labels=meta["heads"][self.head])
            members = [i for i in members if f"m{i}_head_{self.head}_out_w" in arrays]
        members = list(members)[:self.max_models or n]
        if "static_emb" in arrays:  # one float32 copy for all members
            arrays["static_emb"] = arrays["static_emb"].astype(np.float32)
        nets = [_Net(arrays, f"m{i}_", self.head) for i in members]
        _inputs_of(nets)  # (made here, under the lock: threads then share one)
        enc = TokenEncoder(meta, load_wordfeat(self.wordfeat_path), load_gazetteer(self.gazetteer_path))
        trans = np.mean([n.trans for n in nets], axis=0)
        start = np.mean([n.start for n in nets], axis=0)
        end = np.mean([n.end for n in nets], axis=0)
        trans, start = bio_constrained(meta["labels"], trans, start)
        return meta, enc, nets, trans, start, end

    @property
    def meta(self) -> dict:
        """What the weight file says about itself (vocabularies, labels, recipe)."""
        return self._load()[0]

    @property
    def heads(self) -> List[str]:
        """Names of the auxiliary output layers usable as ``head=``."""
        return sorted(self.meta.get("heads") or {})

    def tag_batch(self, sentences: Sequence[Sequence[str]]) -> List[List[str]]:
        """BIO tags for several sentences of normalized tokens.

        The sentences are sorted by length and run :attr:`batch_size` at a time
        (fewer when they are long: :data:`MAX_BATCH_TOKENS`), so each batch pads little; a sentence repeated in the batch is tagged once. A sentence longer than :data:`MAX_SEGMENT` tokens
        (a run-on paragraph, a scraped page without stops) is tagged in segments cut
        after a punctuation mark where one is near: the network's steps then stay
        full and the cost stays linear in the length.
        """
        meta, enc, nets, trans, start, end = self._load()
        labels = meta["labels"]
        pieces: List[Sequence[str]] = []
        owner: List[int] = []
        for i, s in enumerate(sentences):
            for a, b in _segments(s):
                pieces.append(s[a:b])
                owner.append(i)
        # a piece met twice (a repeated byline or boilerplate line, run-on repeated
        # text) is tagged once: the network reads each piece on its own
        first: Dict[Tuple[str, ...], int] = {}
        same = [first.setdefault(tuple(p), i) for i, p in enumerate(pieces)]
        raw: List[List[str]] = [[] for _ in pieces]
        order = sorted((i for i, s in enumerate(pieces) if len(s) and same[i] == i), key=lambda i: len(pieces[i]))
        for idx in _batches(order, [len(p) for p in pieces], self.batch_size, MAX_BATCH_TOKENS):
            batch = [pieces[i] for i in idx]
            lengths = np.array([len(x) for x in batch], dtype=np.int64)
            gaz = enc.gazetteer_batch(batch)
            em = ensemble_emissions(nets, batch, enc, gaz, lengths)
            paths = viterbi_batch(em, lengths, trans, start, end).tolist()
            for b, i in enumerate(idx):
                raw[i] = list(map(labels.__getitem__, paths[b][:len(batch[b])]))
        for i, j in enumerate(same):
            if j != i:
                raw[i] = raw[j]
        joined: List[List[str]] = [[] for _ in sentences]
        for i, tags in zip(owner, raw):
            joined[i].extend(tags)
        return [_clean(tags, self.labels) if tags else [] for tags in joined]

    def tag_tokens(self, tokens: List[str]) -> List[str]:
        """BIO tags for one sentence of normalized tokens."""
        return self.tag_batch([tokens])[0] if tokens else []

    def __call__(self, doc: Document) -> List[Span]:
        """Entity spans of ``doc`` (needs the segmenter's tokens); the sentences go through as one batch."""
        return self.pipe([doc])[0]

    def pipe(self, docs: Sequence[Document]) -> List[List[Span]]:
        """Entity spans of several documents, one list each: the sentences of all of
        them are tagged together (see :meth:`tag_batch`), with the same result as
        tagging each document alone."""
        per_doc = []
        flat: List[List[str]] = []
        for doc in docs:
            tokens = doc.tokens
            sents = [tokens[s.token_start:s.token_end] for s in doc.sentences]
            sents = [s for s in sents if s]
            per_doc.append(sents)
            flat.extend([t.norm for t in s] for s in sents)
        tags = iter(self.tag_batch(flat))
        out: List[List[Span]] = []
        for doc, sents in zip(docs, per_doc):
            spans: List[Span] = []
            for toks in sents:
                spans.extend(doc_spans_from_bio(doc, toks, next(tags), self.name))
            out.append(spans)
        return out

    def __reduce__(self):  # pickle without the loaded weights
        return (NeuralTagger, (self.model_path, self.wordfeat_path, sorted(self.labels), self.gazetteer_path,
                               self.batch_size, self.max_models, self.head))
