"""What every step of the entities stage reads: one document's units and the shared lists.

The steps work on *units* (:class:`~persian_ie.entities.gazetteer.TokenView`: the
tokens split at ZWNJ and spelling-folded) and pass spans around as plain tuples:

* ``Tagged = (start_unit, end_unit, label)``: a tagger span;
* ``Found = (start_unit, end_unit, label, source)``: a span with where it came from
  (``tagger``, ``gazetteer``, ``pattern``, ``merged``, ``rule:…``).

Only the last step turns them into :class:`~persian_ie.document.Span` objects.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, Dict, FrozenSet, Optional, Sequence, Tuple

from ..document import Document
from .gazetteer import Entry, Gazetteer, TokenView, gazetteer
from .lexicon import CommonWords
from .wordlists import StageWords, stage_words

__all__ = ["Context", "Tagged", "Found", "PUNCT_LIKE", "QUOTE_OPEN", "QUOTE_CLOSE"]

Tagged = Tuple[int, int, str]
Found = Tuple[int, int, str, str]

PUNCT_LIKE = set("،,.:;!?؟؛«»()[]{}\"'“”-–—/|…")
QUOTE_OPEN, QUOTE_CLOSE = {"«", "\"", "“"}, {"»", "\"", "”"}


@dataclass
class Context:
    """One document's units (``view``) with the gazetteer (``gaz``), the common-word
    lexicon (``lex``) and the stage's word classes (``words``)."""

    view: TokenView
    gaz: Gazetteer = field(default_factory=gazetteer)
    lex: CommonWords = field(default_factory=CommonWords.get)
    words: StageWords = field(default_factory=stage_words)
    #: extra ``attrs`` for the span over units ``(i, j)`` (set by the steps, read when spans are built)
    notes: Dict[Tuple[int, int], Dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Document) -> "Context":
        return cls(TokenView(doc))

    def note(self, i: int, j: int, **attrs: Any) -> None:
        self.notes.setdefault((i, j), {}).update(attrs)

    @property
    def n(self) -> int:
        return len(self.view)

    def entity_at(self, i: int, labels: Sequence[str] = ("LOC", "ORG")) -> Optional[Tuple[int, Entry]]:
        """The longest listed place (``labels == ("LOC",)``) or place/organization at
        unit ``i`` that is not an ambiguous common word: ``(end_unit, entry)`` or None."""
        gaz, view = self.gaz, self.view
        best = None
        for trie in ((gaz.places,) if tuple(labels) == ("LOC",) else (gaz.places, gaz.orgs)):
            hit = trie.longest_at(view, i)
            if hit is not None and tuple(view.keys[i:hit[0]]) not in gaz.ambiguous \
                    and (best is None or hit[0] > best[0]):
                best = hit
        return best

    def source_slot(self, i: int) -> bool:
        """Unit ``i`` follows «به گزارش», «به نقل از» or «منبع:»."""
        view = self.view
        if i == 0 or view.keys[i - 1] not in self.words.source_last:
            return False
        for cue in self.words.source_cue:
            k = len(cue)
            if i - k >= 0 and tuple(view.keys[i - k:i]) == cue:
                return True
        return False

    def preceded_by_determiner(self, i: int) -> bool:
        """The token before unit ``i`` is a determiner («این سازمان»)."""
        t = self.view.tok[i]
        return t > 0 and self.view.doc.tokens[t - 1].norm in self.words.determiner

    @cached_property
    def ministry_title_ends(self) -> FrozenSet[int]:
        """Units where a title that takes a ministry's name ends («وزیر», «معاون»: flag
        ``m`` in ``role_titles.txt``)."""
        view, titles = self.view, self.gaz.titles
        return frozenset(hit[0] for u in titles.starts(view) for hit in (titles.longest_at(view, u),)
                         if hit and "m" in hit[1].kind)

    @cached_property
    def title_ends(self) -> FrozenSet[int]:
        """Units where a role title ends («وزیر خارجه» → the unit after «خارجه»)."""
        view, titles = self.view, self.gaz.titles
        return frozenset(hit[0] for u in titles.starts(view) for hit in (titles.longest_at(view, u),) if hit)
