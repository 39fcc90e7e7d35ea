"""Optional NER back-end: stanza's Persian tagger over the library's own tokens.

Install with ``pip install "persian-ie[stanza]"`` and fetch stanza's Persian
tokenize+ner models once, yourself, with stanza's own downloader (the exact call is
in :class:`StanzaModelsMissing`'s message).

Nothing is downloaded at run time: :class:`StanzaTagger` uses models already on
disk (stanza's resource folder, ``$STANZA_RESOURCES_DIR`` or ``~/stanza_resources``,
or explicit ``ner_model_path``/``pretrain_path`` files) and raises a clear error
saying how to get them when they are absent. The library's sentences and
tokens are passed pre-tokenized, so every span maps back to the original text.
"""

from __future__ import annotations

import json
import os
import tempfile
import threading
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Sequence, Tuple, Union

from ..document import Document, Span
from .bio import doc_spans_from_bio

__all__ = ["StanzaTagger", "StanzaModelsMissing"]

#: stanza/corpus label → library label
LABEL_MAP = {
    "PER": "PER", "PERS": "PER", "PERSON": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "GPE": "LOC",
    "FAC": "FAC", "FACILITY": "FAC",
    "EVENT": "EVENT", "EVE": "EVENT",
    "PRO": "PRODUCT", "PRODUCT": "PRODUCT",
    "MON": "MONEY", "MONEY": "MONEY", "PCT": "PERCENT", "PERCENT": "PERCENT",
    "DAT": "DATE", "DATE": "DATE", "TIM": "TIME", "TIME": "TIME",
}
DEFAULT_LABELS = frozenset({"PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT", "MONEY", "PERCENT"})

_HOWTO = ('install the Persian models once with:\n    import stanza\n    stanza.download("fa", processors="tokenize,ner")\n'
          "or pass ner_model_path= and pretrain_path= (and model_dir=) to StanzaTagger")


class StanzaModelsMissing(RuntimeError):
    """stanza or its Persian NER models are not available locally."""


def _default_dir() -> Path:
    env = os.environ.get("STANZA_RESOURCES_DIR")
    if env:
        return Path(env)
    try:
        from stanza.resources.common import DEFAULT_MODEL_DIR

        return Path(DEFAULT_MODEL_DIR)
    except Exception:  # pragma: no cover - stanza not importable
        return Path.home() / "stanza_resources"


def _first(folder: Path, pattern: str) -> Optional[Path]:
    found = sorted(folder.glob(pattern)) if folder.is_dir() else []
    return found[0] if found else None


class StanzaTagger:
    """Entity tagger backed by a local stanza Persian NER model.

    Args:
        model_dir: stanza's resource folder (default ``$STANZA_RESOURCES_DIR`` or
            ``~/stanza_resources``).
        ner_model_path: a stanza NER model file (default: the ``fa/ner`` model in
            ``model_dir``).
        pretrain_path: the word-vector pretrain file the NER model was trained with
            (default: the ``fa/pretrain`` file in ``model_dir``).
        labels: entity labels to output (default: all but DATE/TIME).
        use_gpu: let stanza use a GPU.

    Raises (on first use, or at once with ``check=True``):
        StanzaModelsMissing: stanza is not installed or no model is on disk; the
            message gives the one-time download call.
    """

    name = "stanza"

    def __init__(self, model_dir: Union[str, Path, None] = None, ner_model_path: Union[str, Path, None] = None,
                 pretrain_path: Union[str, Path, None] = None, labels: Optional[Iterable[str]] = None,
                 use_gpu: bool = False, check: bool = False, batch_size: int = 64,
                 extra_config: Optional[Dict[str, object]] = None):
        self.model_dir = Path(model_dir) if model_dir is not None else None
        self.ner_model_path = Path(ner_model_path) if ner_model_path is not None else None
        self.pretrain_path = Path(pretrain_path) if pretrain_path is not None else None
        self.labels = frozenset(labels) if labels is not None else DEFAULT_LABELS
        self.use_gpu = use_gpu
        self.batch_size = batch_size
        self.extra_config = dict(extra_config or {})
        self._nlp = None
        self._lock = threading.Lock()
        self._tmp: Optional[tempfile.TemporaryDirectory] = None
        if check:
            self._load()

    # -- loading ----------------------------------------------------------------------------

    def _resolve(self) -> Tuple[Path, Path, Optional[Path]]:
        """(resource dir, NER model, pretrain) or raise :class:`StanzaModelsMissing`."""
        base = self.model_dir or _default_dir()
        ner = self.ner_model_path
        pretrain = self.pretrain_path
        if ner is None:
            ner = _first(base / "fa" / "ner", "*.pt")
        if pretrain is None and self.ner_model_path is None:
            pretrain = _first(base / "fa" / "pretrain", "*.pt")
        if ner is None or not ner.is_file():
            where = self.ner_model_path or (base / "fa" / "ner")
            raise StanzaModelsMissing(f"no stanza Persian NER model at {where}; {_HOWTO}")
        if pretrain is not None and not pretrain.is_file():
            raise StanzaModelsMissing(f"the stanza pretrain file {pretrain} does not exist; {_HOWTO}")
        return base, ner, pretrain

    def _load(self):
        if self._nlp is not None:
            return self._nlp
        with self._lock:
            if self._nlp is not None:
                return self._nlp
            try:
                import stanza
            except ImportError as exc:
                raise StanzaModelsMissing(
                    'stanza is not installed: pip install "persian-ie[stanza]", then ' + _HOWTO) from exc
            base, ner, pretrain = self._resolve()
            resource_dir = base
            if not (base / "resources.json").is_file():
                # explicit model files without a stanza resource folder: give stanza an
                # empty catalogue so that it loads them without looking anything up
                self._tmp = tempfile.TemporaryDirectory(prefix="persian_ie_stanza_")
                resource_dir = Path(self._tmp.name)
                (resource_dir / "resources.json").write_text(json.dumps({}), encoding="utf-8")
            config = {
                "lang": "fa",
                "dir": str(resource_dir),
                "processors": "tokenize,ner",
                "tokenize_pretokenized": True,
                "ner_model_path": str(ner),
                "download_method": None,
                "use_gpu": self.use_gpu,
                "logging_level": "WARN",
                "ner_batch_size": self.batch_size,
                "allow_unknown_language": True,
            }
            if pretrain is not None:
                config["ner_pretrain_path"] = str(pretrain)
            config.update(self.extra_config)
            try:
                self._nlp = stanza.Pipeline(**config)
            except (FileNotFoundError, OSError, ValueError, KeyError) as exc:
                raise StanzaModelsMissing(f"stanza could not load its Persian NER model ({exc}); {_HOWTO}") from exc
            return self._nlp

    # -- tagging ------------------------------------------------------------------------------

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> List[List[str]]:
        """BIO tags (library labels) for pre-tokenized sentences."""
        sentences = [list(s) for s in sentences if s]
        if not sentences:
            return []
        nlp = self._load()
        sdoc = nlp(sentences)
        out = []
        for sent in sdoc.sentences:
            out.append(_bioes_to_bio([tok.ner for tok in sent.tokens], self.labels))
        return out

    def tag_tokens(self, tokens: List[str]) -> List[str]:
        if not tokens:
            return []
        return self.tag_sentences([tokens])[0]

    def __call__(self, doc: Document) -> List[Span]:
        """Entity spans of ``doc`` (needs the segmenter's tokens)."""
        sents = [(s.token_start, s.token_end) for s in doc.sentences if s.token_end > s.token_start]
        if not sents:
            return []
        tokens = doc.tokens
        # stanza splits tokens on whitespace; library tokens never contain any
        all_tags = self.tag_sentences([[t.norm for t in tokens[a:b]] for a, b in sents])
        spans: List[Span] = []
        for (a, b), tags in zip(sents, all_tags):
            spans.extend(doc_spans_from_bio(doc, tokens[a:b], tags, "stanza"))
        return spans

    def __reduce__(self):
        return (StanzaTagger, (self.model_dir, self.ner_model_path, self.pretrain_path, sorted(self.labels),
                               self.use_gpu, False, self.batch_size, self.extra_config))


def _map_label(raw: str) -> Optional[str]:
    return LABEL_MAP.get(raw.upper())


def _bioes_to_bio(tags: Sequence[str], keep: frozenset) -> List[str]:
    """stanza's BIOES (or BIO) tags → library BIO tags, unknown/unwanted labels → O."""
    out: List[str] = []
    prev_label = None
    for tag in tags:
        if not tag or tag == "O" or "-" not in tag:
            out.append("O")
            prev_label = None
            continue
        prefix, raw = tag.split("-", 1)
        label = _map_label(raw)
        if label is None or label not in keep:
            out.append("O")
            prev_label = None
            continue
        if prefix in ("B", "S") or prev_label != label:
            out.append("B-" + label)
        else:
            out.append("I-" + label)
        prev_label = None if prefix in ("E", "S") else label
    return out
