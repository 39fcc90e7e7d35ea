"""The `persian_ie` spaCy component, with the real spaCy (spacy.blank("fa"))."""

import json
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from spacy.tokens import DocBin  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
TEXTS = [SEED] + [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt"))]


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("fa")
    nlp.add_pipe("persian_ie", config={"published": "1404-08-19"})
    return nlp


def test_factory_is_found_through_the_entry_point():
    # a fresh interpreter that never imports persian_ie: spaCy must find the factory itself
    code = ("import spacy; nlp = spacy.blank('fa'); nlp.add_pipe('persian_ie'); "
            "doc = nlp('زاکانی با سفیر بلاروس دیدار کرد.'); print(len(doc._.events), doc.ents[0].label_)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.split()[0] == "1"


def test_ents_follow_the_library_spans(nlp):
    import persian_ie

    doc = nlp(SEED)
    library = persian_ie.extract(SEED, published="1404-08-19").to_dict()
    stats_before = dict(nlp.get_pipe("persian_ie").stats)
    assert len(doc.ents) + len(doc._.unaligned_ents) == len(library["entities"])
    starts = {(e["start"], e["end"], e["label"]) for e in library["entities"]}
    for ent in doc.ents:
        # each spaCy entity covers a library span of its label, widened to whole tokens at most
        assert any(ent.start_char <= s and e <= ent.end_char and lab == ent.label_ for s, e, lab in starts)
        assert ent.end_char - ent.start_char <= max(e - s for s, e, _ in starts) + 2
    # the seed writes «مینسک|»: spaCy's token runs past the library's span, expand keeps it
    widened = [e for e in doc.ents if (e.start_char, e.end_char, e.label_) not in starts]
    assert widened and all(e.text.rstrip("|-") in SEED for e in widened)
    assert doc._.events == library["events"] and doc._.dates == library["dates"]
    assert stats_before["entities"] >= len(library["entities"])


def test_unmappable_span_is_counted():
    from persian_ie.integrations.spacy import PersianIE

    nlp = spacy.blank("fa")
    component = PersianIE()
    doc = nlp.make_doc("سفیر بلاروس با زاکانی دیدار کرد.")
    result = component.pipeline(doc.text)
    # a span over whitespace only cannot be placed on a token
    result.doc.entities.append(type(result.doc.entities[0])(" ", 4, 5, label="LOC"))
    component._set(doc, result)
    assert component.stats["unaligned"] == 1 and {"text": " ", "start": 4, "end": 5, "label": "LOC", "normalized": ""} in doc._.unaligned_ents


def test_published_per_doc(nlp):
    doc = nlp.make_doc("زاکانی دیروز با سفیر بلاروس دیدار کرد.")
    doc._.published = "1404-08-20"
    doc = nlp.get_pipe("persian_ie")(doc)
    assert doc._.dates[0]["jalali"] == "1404-08-19"


def test_pipe_with_two_processes_matches_one(nlp):
    one = list(nlp.pipe(TEXTS, batch_size=2))
    two = list(nlp.pipe(TEXTS, batch_size=2, n_process=2))
    assert [d.text for d in two] == TEXTS
    assert [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in two] == \
           [[(e.start_char, e.end_char, e.label_) for e in d.ents] for d in one]
    assert [d._.events for d in two] == [d._.events for d in one]
    assert sum(len(d._.events) for d in two) > 0


def test_docbin_and_pickle_keep_the_records(nlp):
    doc = nlp(SEED)
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    back = list(DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab))[0]
    # msgpack gives tuples for lists: compare the JSON
    assert json.dumps(back._.events) == json.dumps(doc._.events)
    assert [e.text for e in back.ents] == [e.text for e in doc.ents]
    component = pickle.loads(pickle.dumps(nlp.get_pipe("persian_ie")))
    assert component._pipeline is None and component(nlp.make_doc(SEED))._.events == doc._.events
