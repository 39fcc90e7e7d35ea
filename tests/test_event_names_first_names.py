"""events/names.py reads the first names the entities stage knows (one loader: the gazetteer's),
so a name-only participant that is a listed first name is kept even when the word is common."""

from persian_ie.document import Span
from persian_ie.entities.gazetteer import gazetteer
from persian_ie.events import names
from persian_ie.records import Participant


def _alone(word: str) -> Participant:
    return Participant(name=Span(word, 0, len(word), "PER"))


def test_the_events_stage_knows_every_first_name_the_entities_stage_knows():
    known = names._first_names()
    assert {n for n in gazetteer().first_names if n.isalpha()} <= known
    # mined from the corpora (first_names_mined.txt), as well as listed by hand
    assert "لیندسی" in known and "برهان" in known


def test_a_common_word_that_is_a_first_name_is_no_junk_participant():
    assert names._word_freq().get("برهان", 0) > 5_000_000  # the guard this exempts first names from
    assert not names.junk_name(_alone("برهان"))
    assert names.junk_name(_alone("قرار"))  # a common word and no name
