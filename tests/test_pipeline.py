import json

import pytest

import persian_ie
from persian_ie import Pipeline, Result


class Shouter:
    """A user stage: tags every token of the first sentence as X."""

    name = "shouter"

    def __call__(self, doc):
        for tok in doc.tokens[: doc.sentences[0].token_end]:
            doc.entities.append(doc.span_from_norm(tok.nstart, tok.nend, label="X"))
        return doc


def test_minimal_pipeline_stage_order():
    nlp = Pipeline(stages=["normalize", "segment"])
    assert nlp.stage_names == ["normalize", "segment"]
    assert "segment" in nlp


def test_add_replace_remove():
    nlp = Pipeline(stages=["normalize", "segment"])
    nlp.add(Shouter())
    assert nlp.stage_names[-1] == "shouter"
    result = nlp("علی آمد. رفت.")
    assert [e.text for e in result.entities] == ["علی", "آمد", "."]
    nlp.replace("shouter", ("shouter", lambda doc: doc))
    assert nlp("علی آمد.").entities == []
    removed = nlp.remove("shouter")
    assert callable(removed) and "shouter" not in nlp
    with pytest.raises(KeyError, match="nope"):
        nlp.remove("nope")
    with pytest.raises(ValueError, match="already"):
        nlp.add("segment")


def test_add_before_and_after():
    nlp = Pipeline(stages=["normalize", "segment"])
    nlp.add(("first", lambda d: d), before="normalize")
    nlp.add(("middle", lambda d: d), after="normalize")
    assert nlp.stage_names == ["first", "normalize", "middle", "segment"]


def test_unknown_stage_name():
    with pytest.raises(KeyError, match="known stages"):
        Pipeline(stages=["normalize", "no-such-stage"])


def test_stage_must_return_document():
    nlp = Pipeline(stages=["normalize", ("broken", lambda doc: None)])
    with pytest.raises(TypeError, match="broken"):
        nlp("متن")


def test_default_pipeline_has_core_stages():
    assert Pipeline().stage_names[:2] == ["normalize", "segment"]


def test_extract_errors():
    with pytest.raises(TypeError, match="bytes"):
        persian_ie.extract(b"x")
    with pytest.raises(TypeError, match="int"):
        persian_ie.extract(42)
    for bad in ("1404-13-40", "not a date", "1404-12-30"):
        with pytest.raises(ValueError, match=bad):
            persian_ie.extract("متن", published=bad)


@pytest.mark.parametrize("text", ["", "   ", "\n\t "])
def test_empty_text_gives_empty_result(text):
    result = persian_ie.extract(text, published="1404-08-19")
    d = result.to_dict()
    assert d["entities"] == [] and d["dates"] == [] and d["events"] == []
    assert d["published"] == {"jalali": "1404-08-19", "gregorian": "2025-11-10"}


def test_result_contract_keys_and_json():
    result = persian_ie.extract("زاکانی با سفیر بلاروس دیدار کرد.", published="2025-11-10", id="x1")
    assert isinstance(result, Result)
    d = result.to_dict()
    assert list(d) == ["id", "published", "entities", "dates", "events"]
    assert d["id"] == "x1"
    assert json.loads(result.to_json()) == d
    for ent in d["entities"]:
        assert set(ent) == {"text", "start", "end", "label", "normalized"}


def test_pipe_keeps_order_and_accepts_mappings():
    nlp = Pipeline(stages=["normalize", "segment"])
    items = ["یک", {"id": "b", "text": "دو سه", "published": "1404-01-01"}, "چهار پنج شش"]
    results = list(nlp.pipe(items, published="1404-08-19"))
    assert [len(r.doc.tokens) for r in results] == [1, 2, 3]
    assert results[1].id == "b" and results[1].published.month == 1
    assert results[0].published.month == 8


def test_pipe_multiprocessing_matches_single_process():
    nlp = Pipeline(stages=["normalize", "segment", ("shouter", Shouter())])
    texts = [f"خبر شماره {i} از تهران. دومین جمله." for i in range(20)]
    single = [r.to_dict() for r in nlp.pipe(texts)]
    multi = [r.to_dict() for r in nlp.pipe(texts, n_process=2, batch_size=3)]
    assert single == multi


def test_pipe_argument_errors():
    nlp = Pipeline(stages=["normalize"])
    with pytest.raises(ValueError, match="batch_size"):
        list(nlp.pipe(["x"], batch_size=0))
    with pytest.raises(ValueError, match="n_process"):
        list(nlp.pipe(["x"], n_process=0))
    with pytest.raises(TypeError, match="int"):
        list(nlp.pipe([3]))
    with pytest.raises(ValueError, match="text"):
        list(nlp.pipe([{"id": 1}]))
