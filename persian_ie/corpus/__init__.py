"""The corpus view: many articles' results as one body of evidence.

Identities of people, organizations, places and roles across articles (every link
explained), one event from many reports (every source kept, fields by agreement,
contradictions visible), and tables, a who-met-whom graph, timelines and topics over
them. Built from the JSON contract only (``Result.to_dict()`` or saved JSONL), kept in
an SQLite file so that a second run processes only new articles.

Needs the ``corpus`` extra for its views: ``pip install 'persian-ie[corpus]'``
(pandas, networkx, matplotlib, arabic-reshaper, python-bidi).

>>> from persian_ie.corpus import Corpus
>>> corpus = Corpus()                   # or Corpus("news.db")
>>> corpus.add([])                      # results of Pipeline.pipe, or their dicts
0
"""

from .corpus import Corpus
from .identity import Identities, IdentityResolver
from .merge import MergeConfig, MergeState, Mention, Slot
from .roles import RoleBook, role_key

__all__ = ["Corpus", "MergeConfig", "MergeState", "Mention", "Slot", "IdentityResolver", "Identities",
           "RoleBook", "role_key"]
