"""Segmenter stage: sentences and word tokens with original offsets.

hazm's ``SentenceTokenizer``/``WordTokenizer`` return strings without offsets; here
both are regular expressions run over the normalized text, so each token and
sentence maps back to the original exactly. Tokens follow hazm's conventions:
ZWNJ stays inside a word (``می‌شود`` is one token), numbers keep their inner
separators (``۱۴۰۴/۰۸/۱۹``, ``۱۰:۳۰``, ``۳.۵``), every punctuation mark is a token.

>>> from persian_ie.document import Document
>>> from persian_ie.normalize import Normalizer
>>> doc = Segmenter()(Normalizer()(Document("زاکانی گفت: سلام. وی افزود!")))
>>> [s.text for s in doc.sentences]
['زاکانی گفت: سلام.', 'وی افزود!']
>>> [t.text for t in doc.tokens][:4]
['زاکانی', 'گفت', ':', 'سلام']
"""

from __future__ import annotations

from typing import List, Tuple

import regex

from .document import Document, Sentence, Token
from . import _rxcache as rxcache

__all__ = ["Segmenter", "word_spans", "sentence_spans"]

_TOKEN = rxcache.compile(
    r"""
    (?:https?://|www\.)[^\s«»"]+                       # URLs
  | [\w.+-]+@[\w-]+(?:\.[\w-]+)+                      # e-mail addresses
  | [#@][\p{L}\p{N}_\u200c]+                          # hashtags and handles
  | \p{N}+(?:[.,/:٫٬\-]\p{N}+)*(?:\p{L}(?=\p{N}))?      # numbers, dates, times
  | [\p{L}\p{M}](?:[\p{L}\p{M}]|\u200c(?=[\p{L}\p{M}]))*   # words (ZWNJ inside)
  | \S                                                # any other single character
    """,
    regex.X,
)

# sentence ends: . ! ? ؟ … (and runs of them) followed by space/quote/line end; or a line break
_SENT_END = rxcache.compile(r"(?:[.!?؟…]+[»\")\]]*(?=\s|$))|\n+")
# abbreviations whose period does not end a sentence: ه.ش. ق.ظ. single letters, «ج.ا.»
_ABBREV_BEFORE = rxcache.compile(r"(?:^|[\s(«])\p{L}\.(?:\p{L}\.)*$")


# The same tokens for a text that holds none of "://", "www.", "@" and "#" (the URL, e-mail
# and hashtag alternatives need one of them, so they match nothing there), with a word
# written as letter runs joined by single ZWNJs (what the lookahead form matches): the
# scan of a text ~1.5x faster.
_TOKEN_PLAIN = rxcache.compile(
    r"\p{N}+(?:[.,/:٫٬\-]\p{N}+)*(?:\p{L}(?=\p{N}))?|[\p{L}\p{M}]+(?:\u200c[\p{L}\p{M}]+)*|\S"
)


def _plain(text: str) -> bool:
    """``text`` can hold no URL, e-mail address, hashtag or handle."""
    return "://" not in text and "www." not in text and "@" not in text and "#" not in text


def word_spans(text: str) -> List[Tuple[int, int]]:
    """Token ``(start, end)`` pairs over ``text``."""
    return [m.span() for m in (_TOKEN_PLAIN if _plain(text) else _TOKEN).finditer(text)]


def sentence_spans(text: str) -> List[Tuple[int, int]]:
    """Sentence ``(start, end)`` pairs over ``text`` (whitespace trimmed, none empty)."""
    spans: List[Tuple[int, int]] = []
    start = 0
    for m in _SENT_END.finditer(text):
        if m.group().startswith(".") and _ABBREV_BEFORE.search(text, max(0, m.start() - 12), m.start() + 1):
            continue
        end = m.end() if not m.group().startswith("\n") else m.start()
        _push(text, start, end, spans)
        start = m.end()
    _push(text, start, len(text), spans)
    return spans


def _push(text: str, start: int, end: int, spans: List[Tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


class Segmenter:
    """Pipeline stage: fills ``doc.sentences`` and ``doc.tokens``."""

    name = "segment"

    def __call__(self, doc: Document) -> Document:
        norm = doc.norm
        doc.tokens, doc.sentences = _segment(doc, _TOKEN_PLAIN if _plain(norm) else _TOKEN)
        return doc


def _segment(doc: Document, token: "regex.Pattern[str]") -> Tuple[List[Token], List[Sentence]]:
    """The tokens (``token`` matches, sentence by sentence) and sentences of ``doc``."""
    norm = doc.norm
    align = doc.alignment
    sentences: List[Sentence] = []
    tokens: List[Token] = []
    text = doc.text
    # align.to_original(a, b) without its range checks: a token is never empty. A sentence's
    # matches are those of ``finditer(norm, ns, ne)``: the string seen as ending at ``ne``,
    # and the token patterns look behind nothing, so they are the matches over the copy
    # ``norm[ns:ne]`` shifted by ``ns``, without the copy and the shifts; the tokens are
    # built in one comprehension (no call per token but Token's own)
    starts, ends = align.starts, align.ends
    span = _SPAN
    for ns, ne in sentence_spans(norm):
        first = len(tokens)
        k = len(sentences)
        tokens += [Token(text[s:e], s, e, norm[a:b], a, b, k)
                   for a, b in map(span, token.finditer(norm, ns, ne)) for s, e in ((starts[a], ends[b - 1]),)]
        if len(tokens) == first:
            continue
        s, e = align.to_original(ns, ne)
        sentences.append(Sentence(text[s:e], s, e, ns, ne, first, len(tokens)))
    return tokens, sentences


_SPAN = type(regex.match("", "")).span  # (regex.Match.span, in every regex version)
