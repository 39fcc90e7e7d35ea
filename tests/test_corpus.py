"""The corpus view: identities, roles, cross-article merge, store, views, CLI."""

from __future__ import annotations

import itertools
import json
import os

import pytest

pd = pytest.importorskip("pandas")
nx = pytest.importorskip("networkx")

from persian_ie.corpus import Corpus, IdentityResolver, MergeConfig, MergeState, Mention, Slot, role_key  # noqa: E402
from persian_ie import normalize  # noqa: E402
from persian_ie.corpus.roles import RoleBook  # noqa: E402

# -- small result dicts in the JSON contract (what the corpus reads) ----------------------


def _span(text, start=0):
    return None if text is None else {"text": text, "start": start, "end": start + len(text)}


def _result(aid, published, events, extra_names=(), title=None):
    """A result dict: events are (type, status, date_jalali|None, location|None,
    [(name, role, country)], [(topic, category)])."""
    entities, out_events, pos = [], [], 0
    for label, text in extra_names:
        entities.append({"text": text, "start": pos, "end": pos + len(text), "label": label,
                         "normalized": normalize(text)})
        pos += len(text) + 1
    for etype, status, date, loc, parts, topics in events:
        start = pos
        participants = []
        for name, role, country in parts:
            p = {"name": _span(name, pos), "role": None, "organization": None, "country": country}
            if name:
                entities.append({"text": name, "start": pos, "end": pos + len(name), "label": "PER",
                                 "normalized": normalize(name)})
                pos += len(name) + 1
            if role:
                p["role"] = _span(role, pos)
                pos += len(role) + 1
            participants.append(p)
        trig = _span("دیدار", pos)
        pos += 6
        loc_span = _span(loc, pos) if loc else None
        if loc:
            entities.append({"text": loc, "start": pos, "end": pos + len(loc), "label": "LOC",
                             "normalized": normalize(loc)})
            pos += len(loc) + 1
        out_events.append({
            "type": etype, "status": status, "trigger": trig, "sentence": {"start": start, "end": pos},
            "date": None if date is None else {"text": date, "start": 0, "end": 0, "jalali": date, "gregorian": None,
                                               "granularity": "day", "weekday": None, "relative": False},
            "location": loc_span, "participants": participants,
            "topics": [{"text": t, "start": 0, "end": 0, "category": c} for t, c in topics], "confidence": 0.8})
    out = {"id": aid, "published": {"jalali": published, "gregorian": None} if published else None,
           "entities": entities, "dates": [], "events": out_events}
    if title:
        out["title"] = title
    return out


ZARIF, LAVROV = ("محمد جواد ظریف", None, "ایران"), ("سرگئی لاوروف", None, "روسیه")
MEET = "meeting"


def _news():
    """Three agencies report one Zarif–Lavrov meeting; the same day Zarif meets Putin; a month
    later Zarif and Lavrov meet again; a Belarus ambassador appears by role only."""
    return [
        _result("a1", "1398-08-20", [(MEET, "occurred", "1398-08-20", "مسکو", [ZARIF, LAVROV],
                                      [("انرژی", "energy")])], title="ظریف و لاوروف"),
        _result("a2", "1398-08-21", [(MEET, "occurred", None, "مسکو",
                                      [("ظريف", None, "ایران"), ("لاوروف", None, "روسیه")], [("نفت", "energy")])]),
        _result("a3", "1398-08-20", [(MEET, "occurred", "1398-08-19", None,
                                      [("دکتر محمد جواد ظریف", None, "ایران"), LAVROV], [])]),
        _result("a4", "1398-08-20", [(MEET, "occurred", "1398-08-20", "مسکو",
                                      [ZARIF, ("ولادیمیر پوتین", None, "روسیه")], [])]),
        _result("a5", "1398-09-25", [(MEET, "occurred", "1398-09-25", "تهران", [ZARIF, LAVROV], [])]),
        _result("b1", "1398-10-01", [(MEET, "occurred", "1398-10-01", "تهران",
                                      [("علیرضا زاکانی", "شهردار تهران", "ایران"),
                                       ("دیمیتری کالتسوف", "سفیر بلاروس در تهران", "بلاروس")], [("حمل و نقل", "transport")])]),
        _result("b2", "1398-10-05", [(MEET, "occurred", "1398-10-05", "تهران",
                                      [("کالتسوف", "سفیر بلاروس", "بلاروس"), ("محسن هاشمی", None, "ایران")], [])]),
        _result("b3", "1398-10-20", [(MEET, "occurred", "1398-10-20", "تهران",
                                      [(None, "سفیر بلاروسیه در تهران", "بلاروس"),
                                       ("زاکانی", "شهردار تهران", "ایران")], [("مترو", "transport")])],
                extra_names=[("LOC", "بلاروسیه")]),
    ]


@pytest.fixture(scope="module")
def corpus():
    c = Corpus()
    assert c.add(_news()) == 8
    return c


# -- identities ---------------------------------------------------------------------------

def test_variants_group_with_reasons():
    r = IdentityResolver()
    r.add_article("x", [("PER", "محمود احمدي نژاد"), ("PER", "احمدی‌نژاد"), ("LOC", "بلاروسیه")])
    r.add_article("y", [("PER", "دکتر محمود احمدی‌نژاد"), ("LOC", "بلاروس"), ("ORG", "سازمان ملل متحد"),
                        ("ORG", "سازمان ملل")])
    ids = r.resolve()
    per = ids.identity_of("x", "PER", "محمود احمدي نژاد")
    assert per == ids.identity_of("y", "PER", "دکتر محمود احمدی‌نژاد") == ids.identity_of("x", "PER", "احمدی‌نژاد")
    assert ids.identity_of("x", "LOC", "بلاروسیه") == ids.identity_of("y", "LOC", "بلاروس") == "loc:بلاروس"
    assert ids.identity_of("y", "ORG", "سازمان ملل متحد") == ids.identity_of("y", "ORG", "سازمان ملل")
    assert "gazetteer" in ids.reason("x", "LOC", "بلاروسیه")
    assert "shorter form" in ids.reason("x", "PER", "احمدی‌نژاد")


def test_ambiguous_surname_resolved_only_per_article():
    r = IdentityResolver()
    r.add_article("1", [("PER", "علی لاریجانی")] * 3)
    r.add_article("2", [("PER", "صادق آملی لاریجانی"), ("PER", "لاریجانی")])
    r.add_article("3", [("PER", "لاریجانی")])
    r.add_article("4", [("PER", "علی لاریجانی"), ("PER", "لاریجانی")])
    ids = r.resolve()
    ali, sadegh = ids.identity_of("1", "PER", "علی لاریجانی"), ids.identity_of("2", "PER", "صادق آملی لاریجانی")
    assert ali != sadegh
    assert ids.identity_of("2", "PER", "لاریجانی") == sadegh
    assert ids.identity_of("4", "PER", "لاریجانی") == ali
    alone = ids.identity_of("3", "PER", "لاریجانی")
    assert alone not in (ali, sadegh)
    assert set(ids.identities[alone].ambiguous_with) == {ali, sadegh}
    assert "ambiguous" in ids.reason("3", "PER", "لاریجانی")


def test_dominant_full_name_takes_the_surname():
    r = IdentityResolver(dominance=0.9)
    for i in range(20):
        r.add_article(f"r{i}", [("PER", "حسن روحانی")])
    r.add_article("m", [("PER", "محمود روحانی")])
    r.add_article("s", [("PER", "روحانی")])
    ids = r.resolve()
    assert ids.identity_of("s", "PER", "روحانی") == ids.identity_of("r0", "PER", "حسن روحانی")
    assert "20 of the 21" in ids.reason("s", "PER", "روحانی")
    strict = IdentityResolver(dominance=1.0)
    for aid, forms in r.article_forms.items():
        strict.add_article(aid, [("PER", r.forms[k].display) for k in forms])
    assert strict.resolve().identity_of("s", "PER", "روحانی") == "per:روحانی"


def test_first_name_alone_and_zwnj_parts_link_nobody():
    r = IdentityResolver()
    r.add_article("1", [("PER", "حسن روحانی"), ("PER", "حسن"), ("PER", "محمود احمدی‌نژاد"), ("PER", "نژاد"),
                        ("PER", "مرتضی آقا تهرانی"), ("PER", "تهرانی")])
    ids = r.resolve()
    assert ids.identity_of("1", "PER", "حسن") != ids.identity_of("1", "PER", "حسن روحانی")
    assert ids.identity_of("1", "PER", "نژاد") != ids.identity_of("1", "PER", "محمود احمدی‌نژاد")
    assert ids.identity_of("1", "PER", "تهرانی") != ids.identity_of("1", "PER", "مرتضی آقا تهرانی")


def test_ids_stay_stable_when_new_articles_arrive(tmp_path):
    db = str(tmp_path / "c.db")
    with Corpus(db) as c:
        c.add([_result("p1", "1398-01-05", [], extra_names=[("PER", "ظریف"), ("PER", "محمدجواد ظریف")])])
        first = c.resolve("ظریف")
    with Corpus(db) as c:
        c.add([_result("p2", "1398-01-06", [], extra_names=[("PER", "محمد جواد ظریف")] * 3)])
        assert c.resolve("ظریف") == c.resolve("محمد جواد ظریف") == first


# -- roles ----------------------------------------------------------------------------------

def test_role_keys():
    assert role_key("وزیر امور خارجه کشورمان") == role_key("وزیر خارجه جمهوری اسلامی ایران") \
        == ("وزیر امور خارجه", "ایران")
    assert role_key("سفیر بلاروس در تهران") == role_key("سفیر بلاروسیه") == ("سفیر", "بلاروس")
    assert role_key("سفیر روسیه") != role_key("سفیر بلاروس")
    assert role_key("همتای بلاروسی خود") is None
    assert role_key("وزیر خارجه سابق آمریکا") is None


def test_rolebook_needs_repeated_evidence_near_the_date():
    book = RoleBook(min_reports=2)
    book.observe("role:سفیر (بلاروس)", "per:کالتسوف", "1398-10-01")
    assert book.holder("role:سفیر (بلاروس)", "1398-10-10") is None
    book.observe("role:سفیر (بلاروس)", "per:کالتسوف", "1398-10-05")
    person, why = book.holder("role:سفیر (بلاروس)", "1398-10-10")
    assert person == "per:کالتسوف" and "2 reports" in why
    assert book.holder("role:سفیر (بلاروس)", "1395-01-01") is None


def test_role_only_participant_is_linked_to_its_holder(corpus):
    parts = corpus.participants()
    ev = corpus.sources()
    b3 = ev[ev.article_id == "b3"].event_id.iloc[0]
    rows = parts[parts.merged_id == b3]
    holder = rows[rows.identity_id == corpus.resolve("کالتسوف")]
    assert len(holder) == 1 and "سفیر" in holder.via.iloc[0]
    roles = corpus.roles()
    assert (roles.role_id == "role:سفیر (بلاروس)").any()


# -- merge ----------------------------------------------------------------------------------

def test_same_meeting_from_three_agencies_is_one_event(corpus):
    events = corpus.events()
    merged = events[events.n_articles == 3]
    assert len(merged) == 1
    ev = merged.iloc[0]
    assert ev.date_jalali == "1398-08-20" and ev.date_exact
    assert sorted(ev.participants) == ["سرگئی لاوروف", "محمد جواد ظریف"]
    assert ev.contradictions and ev.contradictions[0]["field"] == "date"
    assert set(ev.contradictions[0]["values"]) == {"1398-08-19", "1398-08-20"}
    src = corpus.sources(ev.event_id)
    assert set(src.article_id) == {"a1", "a2", "a3"}
    assert {"trigger_start", "trigger_end", "sentence_start", "sentence_end"} <= set(src.columns)


def test_different_counterpart_or_later_date_stays_apart(corpus):
    sources = corpus.sources()
    group = dict(zip(sources.article_id, sources.event_id))
    assert group["a4"] != group["a1"]          # Putin, same day
    assert group["a5"] != group["a1"]          # a month later
    assert group["b1"] != group["b3"]          # 19 days apart


def test_merge_is_order_independent_and_a_reduction():
    def m(key, art, day, *ids, exact=True):
        return Mention(key, art, MEET, "occurred", day, exact, tuple(Slot(i, "x") for i in ids))
    mentions = [m("a#0", "a", 100, "p1", "p2"), m("b#0", "b", 101, "p1", "p2", exact=False),
                m("c#0", "c", 100, "p1", "p3"), m("d#0", "d", 100, "p1"), m("e#0", "e", 140, "p1", "p2"),
                m("a#1", "a", 100, "p1", "p3")]
    ref = None
    for perm in itertools.permutations(mentions):
        left, right = MergeState(), MergeState()
        left.add(perm[:3])
        right.add(perm[3:])
        got = sorted(map(tuple, left.combine(right).clusters()))
        whole = MergeState()
        whole.add(perm)
        assert got == sorted(map(tuple, whole.clusters()))
        ref = ref or got
        assert got == ref
    flat = {k: g for g in ref for k in g}
    assert flat["a#0"] != flat["a#1"]        # two events of one article: not one unless the same people
    assert flat["e#0"] != flat["a#0"]


def test_blocking_compares_only_shared_identities():
    state = MergeState(MergeConfig())
    state.add(Mention(f"x{i}#0", f"x{i}", MEET, "occurred", 100 + (i % 3), True, (Slot(f"p{i}"), Slot(f"q{i}")))
              for i in range(3000))
    assert not state.edges and len(state.clusters()) == 3000


# -- store and views --------------------------------------------------------------------------

def test_second_run_adds_only_new_articles(tmp_path):
    db = str(tmp_path / "news.db")
    news = _news()
    with Corpus(db) as c:
        assert c.add(news[:5]) == 5
    with Corpus(db) as c:
        assert c.add(news) == 3
        assert len(c) == 8
        assert c.stats()["reports"] == 8


def test_tables(corpus):
    events = corpus.events()
    assert str(events["date"].dtype).startswith("datetime64")
    assert {"event_id", "type", "status", "date_jalali", "place", "participants", "countries", "topics",
            "n_sources", "confidence", "contradictions"} <= set(events.columns)
    assert events.confidence.between(0, 1).all()
    ents = corpus.entities("PER")
    zarif = ents[ents.id == corpus.resolve("ظريف")].iloc[0]
    assert zarif["name"] == "محمد جواد ظریف" and "ظریف" in zarif.forms
    links = corpus.links("ظریف")
    assert links.reason.str.len().gt(0).all()
    belarus = corpus.resolve("بلاروسیه")
    assert belarus == "loc:بلاروس"


def test_graph_and_exports(corpus, tmp_path):
    g = corpus.graph()
    zarif, lavrov = corpus.resolve("ظریف"), corpus.resolve("لاوروف")
    assert g[zarif][lavrov]["weight"] == 2          # the merged meeting and the one a month later
    assert g[zarif][lavrov]["dates"] == "1398-08-20|1398-09-25"
    assert not g.has_edge(lavrov, corpus.resolve("پوتین"))
    for fmt in ("graphml", "gexf"):
        path = str(tmp_path / f"g.{fmt}")
        corpus.export_graph(path)
        back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
        assert back.number_of_edges() == g.number_of_edges()
    edges, nodes = corpus.export_graph(str(tmp_path / "g.csv"))
    assert pd.read_csv(edges).weight.max() == 2 and len(pd.read_csv(nodes)) == g.number_of_nodes()
    with pytest.raises(ValueError):
        corpus.export_graph(str(tmp_path / "g.svg"))


def test_timeline_topics_pairs(corpus):
    tl = corpus.timeline("ظریف")
    assert list(tl.date_jalali) == sorted(tl.date_jalali) and len(tl) == 3
    assert set(tl.month_jalali) == {"1398-08", "1398-09"}
    with pytest.raises(KeyError):
        corpus.timeline("کسی که نیست")
    topics = corpus.topics("season")
    assert set(topics.period) == {"1398 پاییز", "1398 زمستان"}       # Aban/Azar, Dey
    by_period = topics.groupby("period").category.apply(set)
    assert by_period["1398 پاییز"] == {"energy"} and by_period["1398 زمستان"] == {"transport"}
    assert topics.set_index(["period", "category"]).loc[("1398 زمستان", "transport"), "events"] == 2
    pairs = corpus.pairs()
    top = pairs.iloc[0]
    assert {top.a, top.b} == {"محمد جواد ظریف", "سرگئی لاوروف"} and top.events == 2
    assert corpus.pairs(kind="country").iloc[0].events >= 2


def test_plot_timeline(corpus, tmp_path):
    matplotlib = pytest.importorskip("matplotlib")
    matplotlib.use("Agg")
    ax = corpus.plot_timeline("ظریف")
    assert [t.get_text() for t in ax.get_xticklabels()] == ["1398-08", "1398-09"]
    assert sum(p.get_height() for p in ax.patches) == 3
    ax.figure.savefig(tmp_path / "t.png")
    assert os.path.getsize(tmp_path / "t.png") > 1000


def test_results_need_ids():
    with pytest.raises(ValueError, match="id"):
        Corpus().add([{"events": []}])
    with pytest.raises(TypeError):
        Corpus().add([42])


# -- command line -----------------------------------------------------------------------------

def test_cli_build_graph_timeline(tmp_path, capsys):
    from persian_ie.cli import main

    src = tmp_path / "results.jsonl"
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in _news()) + "\n", encoding="utf-8")
    db = str(tmp_path / "corpus.db")
    assert main(["corpus", "build", str(src), "--out", db]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 8
    assert main(["corpus", "build", str(src), "--out", db]) == 0
    assert json.loads(capsys.readouterr().out)["added"] == 0
    assert main(["corpus", "graph", db, "--format", "graphml", "-o", str(tmp_path / "g.graphml")]) == 0
    assert nx.read_graphml(str(tmp_path / "g.graphml")).number_of_edges() > 0
    capsys.readouterr()
    assert main(["corpus", "timeline", db, "ظریف", "--plot", str(tmp_path / "z.png")]) == 0
    assert len(pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))) == 3
    assert main(["corpus", "events", db, "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert any(r["n_articles"] == 3 for r in rows)
    assert main(["corpus", "info", str(tmp_path / "missing.db")]) == 2
    assert "no corpus store" in capsys.readouterr().err
    assert main(["corpus", "timeline", db, "کسی که نیست"]) == 2


def test_cli_builds_from_raw_news_through_the_pipeline(tmp_path, capsys):
    from persian_ie.cli import main

    news = [{"id": "n1", "published_jalali": "1404-08-19",
             "text": "علیرضا زاکانی شهردار تهران امروز با دیمیتری کالتسوف سفیر بلاروس در تهران دیدار کرد."},
            {"id": "n2", "published_jalali": "1404-08-19",
             "text": "زاکانی شهردار تهران روز دوشنبه با سفیر بلاروس دیدار و درباره حمل و نقل عمومی گفت‌وگو کرد."}]
    src = tmp_path / "news.jsonl"
    src.write_text("\n".join(json.dumps(n, ensure_ascii=False) for n in news), encoding="utf-8")
    db = str(tmp_path / "n.db")
    assert main(["corpus", "build", str(src), "--out", db]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["added"] == 2 and stats["reports"] >= 2
    with Corpus(db) as c:
        assert c.resolve("زاکانی") == c.resolve("علیرضا زاکانی")
        assert set(c.sources().article_id) == {"n1", "n2"}
        assert c.events().n_articles.max() == 2


# -- Dask: partitions and the merge as a reduction ---------------------------------------------

def _grouping(c):
    src = c.sources()
    return sorted(sorted(g) for g in src.groupby("event_id").article_id.apply(list))


def test_dask_bag_build_matches_the_local_build():
    db = pytest.importorskip("dask.bag")
    from persian_ie.corpus.dask import corpus_from_bag

    import dask

    local = _local()
    for npartitions in (1, 4):
        with dask.config.set(scheduler="sync"):
            c = corpus_from_bag(db.from_sequence(_news(), npartitions=npartitions))
        assert _grouping(c) == _grouping(local)
        assert c.stats() == local.stats()


def test_dask_build_on_a_local_cluster(tmp_path):
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("distributed")
    from persian_ie.corpus.dask import corpus_from_bag

    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, distributed.Client(cluster):
        c = corpus_from_bag(db.from_sequence(_news(), npartitions=4), str(tmp_path / "d.db"))
        assert _grouping(c) == _grouping(_local())
        assert c.events().n_articles.max() == 3


def _local():
    c = Corpus()
    c.add(_news())
    return c


def test_copied_sentence_links_undated_reports_and_announced_then_held():
    from persian_ie.corpus.merge import sentence_shingles

    sent = "ظریف و مورفی چند روز پیش در حاشیه کنفرانس امنیتی مونیخ با یکدیگر دیدار کرده بودند"
    other = "وزیر خارجه روسیه امروز در حاشیه کنفرانس امنیتی مونیخ با فرستاده سازمان ملل دیدار کرد"

    def m(key, day, text, status="occurred", exact=False, ids=("p1",)):
        return Mention(key, key.split("#")[0], MEET, status, day, exact, tuple(Slot(i) for i in ids),
                       shingles=sentence_shingles(text))
    state = MergeState()
    state.add([m("a#0", None, sent), m("b#0", 900, sent), m("c#0", None, other)])
    groups = {k: tuple(g) for g in state.clusters() for k in g}
    assert groups["a#0"] == groups["b#0"] and groups["c#0"] != groups["a#0"]
    assert "same sentence" in state.edges[("a#0", "b#0")][1]
    # announced (planned) and then held, on the same day, by the same two people
    held = MergeState()
    held.add([m("p#0", 100, "x", status="planned", exact=True, ids=("p1", "p2")),
              m("q#0", 100, "y", exact=True, ids=("p1", "p2")),
              m("r#0", 100, "z", status="planned", exact=True, ids=("p1", "p3"))])
    groups = {k: tuple(g) for g in held.clusters() for k in g}
    assert groups["p#0"] == groups["q#0"] != groups["r#0"]


def test_merged_status_and_its_contradiction():
    news = [_result("h1", "1398-10-01", [(MEET, "planned", "1398-10-03", None, [ZARIF, LAVROV], [])]),
            _result("h2", "1398-10-04", [(MEET, "occurred", "1398-10-03", None, [ZARIF, LAVROV], [])])]
    c = Corpus()
    c.add(news)
    ev = c.events().iloc[0]
    assert ev.n_articles == 2 and ev.status == "occurred"
    assert ev.contradictions[0]["field"] == "status"


def test_an_undated_report_joins_the_one_dated_event_it_fits():
    def m(key, day, ids, status="occurred"):
        return Mention(key, key.split("#")[0], MEET, status, day, day is not None, tuple(Slot(i) for i in ids))
    state = MergeState()
    state.add([m("d1#0", 100, ("zarif", "murphy")), m("d2#0", 150, ("zarif", "lavrov")),
               m("d3#0", 180, ("zarif", "lavrov")), m("u1#0", None, ("zarif", "murphy", "trump")),
               m("u2#0", None, ("zarif", "lavrov")), m("u3#0", None, ("zarif", "murphy"), status="planned")])
    groups = {k: tuple(g) for g in state.clusters() for k in g}
    assert groups["u1#0"] == groups["d1#0"]                       # the only Zarif–Murphy meeting
    assert groups["u2#0"] not in (groups["d2#0"], groups["d3#0"])  # two Zarif–Lavrov meetings: a tie
    assert groups["u3#0"] != groups["d1#0"]                       # a planned report is another event
    assert "no date" in state.attached["u1#0"][1]


def test_sentence_evidence_and_sides():
    from persian_ie.corpus.evidence import calendar_days, content_words, is_generic, years_named

    def m(key, day, slots, status="occurred", exact=True, text=""):
        return Mention(key, key.split("#")[0], MEET, status, day, exact, tuple(slots),
                       words=content_words(text), days_named=calendar_days(text), years=years_named(text),
                       generic=is_generic(text, text.find("دیدار"), text.find("دیدار") + 5))
    zarif, murphy, trump = Slot("zarif", "ایران"), Slot("murphy", "آمریکا"), Slot("trump", "آمریکا")
    state = MergeState()
    state.add([
        # the same meeting: a report without Murphy's country, a report naming more Americans
        m("a#0", 100, [zarif, Slot("murphy")], exact=False), m("b#0", 99, [zarif, murphy, trump]),
        # announced for a day, and a report (with a quoted spokesman) that it happened that day
        m("c#0", 200, [Slot("erdogan", "ترکیه"), Slot("putin", "روسیه")], status="planned",
          text="دیدار اردوغان و پوتین در پنجم مارس"),
        m("d#0", 201, [Slot("erdogan", "ترکیه"), Slot("peskov", "روسیه", source=True)],
          text="اردوغان پنجم مارس با همتای روس خود دیدار کرد"),
        # a day named that cannot be the same; a habit, not a meeting
        m("e#0", 201, [Slot("erdogan", "ترکیه"), Slot("putin", "روسیه")], text="دیدار اردوغان و پوتین در دهم مارس"),
        m("f#0", 100, [zarif, murphy], exact=False,
          text="ظریف همواره با اعضای کنگره که درخواست کنند دیدار می‌کند"),
    ])
    groups = {k: tuple(g) for g in state.clusters() for k in g}
    assert groups["a#0"] == groups["b#0"]
    assert groups["c#0"] == groups["d#0"] != groups["e#0"]
    assert groups["f#0"] == ("f#0",)
