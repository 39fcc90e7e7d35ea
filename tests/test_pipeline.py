import json
import warnings
from pathlib import Path

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
    with pytest.raises(ValueError, match="on_error"):
        nlp.pipe(["x"], on_error="ignore")  # checked at the call, not at the first item
    with pytest.raises(TypeError, match="single text"):
        list(nlp.pipe("متن"))


# -- batches, errors, limits --------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
FIXTURE_TEXTS = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests" / "fixtures" / "events").glob("*.txt"))]
FIXTURE_TEXTS.append((ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8"))


class BatchCounter:
    """A stage with spaCy's batch method: records the batch sizes it was given."""

    name = "counter"

    def __init__(self):
        self.batches = []
        self.calls = 0

    def __call__(self, doc):
        self.calls += 1
        return doc

    def pipe(self, docs):
        docs = list(docs)
        self.batches.append(len(docs))
        return docs


def test_pipe_hands_whole_batches_to_stages_with_a_pipe_method():
    counter = BatchCounter()
    nlp = Pipeline(stages=["normalize", "segment", ("counter", counter)])
    texts = [f"خبر {i}" for i in range(7)] + ["", "  "]
    results = list(nlp.pipe(texts, batch_size=3))
    assert [r.text for r in results] == texts
    assert counter.batches == [3, 3, 1] and counter.calls == 0  # empty texts skip the stages
    nlp("یک خبر")
    assert counter.calls == 1


def test_pipe_gives_the_same_results_as_one_text_at_a_time():
    nlp = persian_ie.default_pipeline()
    texts = FIXTURE_TEXTS + ["", "زاکانی با سفیر بلاروس دیدار کرد."]
    one_by_one = [nlp(t, "1404-08-19").to_dict() for t in texts]
    batched = [r.to_dict() for r in nlp.pipe(texts, published="1404-08-19", batch_size=4)]
    assert batched == one_by_one


class FailOn:
    """A stage that fails on documents containing a word."""

    name = "fail_on"

    def __init__(self, word):
        self.word = word

    def __call__(self, doc):
        if self.word in doc.text:
            raise RuntimeError(f"cannot handle {self.word}")
        return doc


def test_on_error_raise_skip_record():
    nlp = Pipeline(stages=["normalize", "segment", ("fail_on", FailOn("بد"))])
    items = ["خوب", {"id": "x", "text": "متن بد"}, None, {"id": 7, "text": b"bytes"}, "خوب دوباره"]
    with pytest.raises(TypeError):
        list(nlp.pipe(items))
    assert [r.text for r in nlp.pipe(items, on_error="skip")] == ["خوب", "خوب دوباره"]
    recorded = list(nlp.pipe(items, on_error="record", batch_size=2))
    assert [r.id for r in recorded] == [None, "x", None, 7, None]
    assert [r.error and r.error["type"] for r in recorded] == [None, "RuntimeError", "TypeError", "TypeError", None]
    assert "cannot handle" in recorded[1].error["message"]
    assert recorded[1].to_dict()["error"]["type"] == "RuntimeError" and "error" not in recorded[0].to_dict()
    assert recorded[4].doc.tokens  # the batch's other documents were processed


def test_on_error_record_in_worker_processes():
    nlp = Pipeline(stages=["normalize", "segment", ("fail_on", FailOn("بد"))])
    items = [{"id": i, "text": "متن بد" if i % 3 == 0 else "متن خوب"} for i in range(10)]
    recorded = list(nlp.pipe(items, on_error="record", n_process=2, batch_size=2))
    assert [r.id for r in recorded] == list(range(10))
    assert [r.error is not None for r in recorded] == [i % 3 == 0 for i in range(10)]


class _Node:
    pass


class RingMaker:
    """A stage that leaves a ring of 20,000 objects behind (cyclic garbage) per document,
    and notes on each document the state of its process's collector and how many of the
    rings it made before are still there."""

    name = "rings"

    def __init__(self):
        self.rings = []

    def __call__(self, doc):
        import gc
        import weakref

        earlier = sum(ring() is not None for ring in self.rings)
        first = node = _Node()
        for _ in range(20_000):
            node.next = _Node()
            node = node.next
        node.next = first
        self.rings.append(weakref.ref(first))
        doc.user_data["gc"] = (gc.isenabled(), gc.get_threshold()[0], earlier, len(self.rings) - 1)
        return doc


def test_workers_collect_garbage_less_often_and_leave_the_parent_collector_alone():
    import gc

    from persian_ie.pipeline import _WORKER_GC_THRESHOLD

    before = gc.isenabled(), gc.get_threshold()
    nlp = Pipeline(stages=[("rings", RingMaker())])
    seen = [r.doc.user_data["gc"] for r in nlp.pipe([f"متن {i}" for i in range(16)], n_process=2, batch_size=2)]
    # a worker's collector runs after 50,000 new objects (not 700), and still frees cycles:
    # once three rings (60,000 objects) were made, some earlier ones are gone
    assert [s[:2] for s in seen] == [(True, _WORKER_GC_THRESHOLD)] * 16
    later = [(alive, made) for _, _, alive, made in seen if made >= 3]
    assert later and all(alive < made for alive, made in later)
    assert (gc.isenabled(), gc.get_threshold()) == before


def test_max_length_names_the_limit():
    nlp = Pipeline(stages=["normalize"], max_length=10)
    assert nlp("۱۲۳۴۵۶۷۸۹۰").doc.norm
    with pytest.raises(ValueError, match="max_length") as info:
        nlp("۱۲۳۴۵۶۷۸۹۰۱")
    assert isinstance(info.value, persian_ie.pipeline.TextTooLongError)
    [r] = nlp.pipe(["x" * 11], on_error="record")
    assert r.error["type"] == "TextTooLongError" and "max_length" in r.error["message"]
    with pytest.raises(ValueError, match="max_length"):
        Pipeline(max_length=0)


def test_inference_runs_on_one_blas_thread():
    threadpoolctl = pytest.importorskip("threadpoolctl")
    seen = []

    def probe(doc):
        seen.append(max(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"))
        return doc

    nlp = Pipeline(stages=["normalize", ("probe", probe)])
    with threadpoolctl.threadpool_limits(limits=2, user_api="blas"):
        nlp("سلام")
        list(nlp.pipe(["سلام", "دنیا"]))
        after = max(i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas")
    assert seen == [1, 1, 1] and after == 2  # the caller's setting is back afterwards


def test_missing_threadpoolctl_is_reported_once_and_inference_still_runs(monkeypatch):
    import sys

    import persian_ie._threads as threads

    monkeypatch.setitem(sys.modules, "threadpoolctl", None)  # import fails as if not installed
    monkeypatch.setattr(threads, "_controller", None)
    monkeypatch.setattr(threads, "_seen_modules", -1)
    nlp = Pipeline(stages=["normalize"])
    with pytest.warns(RuntimeWarning, match="threadpoolctl"):
        assert nlp("سلام").doc.norm
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert nlp("دنیا").doc.norm  # said once, not per call


DEV_ARTICLES = ROOT.parent / "shared" / "data" / "dev_news" / "articles"


@pytest.mark.skipif(not DEV_ARTICLES.is_dir(), reason="needs ../shared/data/dev_news (beside the repository)")
def test_pipe_matches_extract_on_the_dev_articles():
    texts = [p.read_text(encoding="utf-8") for p in sorted(DEV_ARTICLES.glob("*.txt"))]
    nlp = persian_ie.default_pipeline()
    one_by_one = [nlp(t, "1404-08-19").to_dict() for t in texts]
    assert [r.to_dict() for r in nlp.pipe(texts, published="1404-08-19", batch_size=16)] == one_by_one
    assert [r.to_dict() for r in nlp.pipe(texts, published="1404-08-19", n_process=2, batch_size=8)] == one_by_one


def test_extract_from_four_threads_gives_the_serial_results():
    from concurrent.futures import ThreadPoolExecutor

    texts = FIXTURE_TEXTS * 2
    serial = [persian_ie.extract(t, "1404-08-19").to_dict() for t in texts]
    with ThreadPoolExecutor(4) as pool:
        threaded = list(pool.map(lambda t: persian_ie.extract(t, "1404-08-19").to_dict(), texts))
    assert threaded == serial


def test_pool_workers_leave_signals_to_the_parent():
    import signal

    from persian_ie.pipeline import _init_worker

    saved = signal.getsignal(signal.SIGTERM), signal.getsignal(signal.SIGINT)
    try:
        signal.signal(signal.SIGTERM, lambda *a: None)  # e.g. the CLI's handler, inherited at fork
        _init_worker(Pipeline(stages=["normalize"]))
        assert signal.getsignal(signal.SIGTERM) == signal.SIG_DFL
        assert signal.getsignal(signal.SIGINT) == signal.SIG_IGN
    finally:
        signal.signal(signal.SIGTERM, saved[0])
        signal.signal(signal.SIGINT, saved[1])
