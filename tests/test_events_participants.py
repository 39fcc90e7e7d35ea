"""Participants of events: titles before names, follow-up sentences, name–title chains,
groups and bodies, who is not a party, and the trigger forms that find the events.

Short Persian sentences written for these tests; entities and dates are set by hand (see
``make_doc`` in test_events.py) so that only the events stage is under test.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from persian_ie.events.coref import title_key, titles_compatible
from persian_ie.events.linker import FEATURES, ParticipantModel
from persian_ie.events.people import link_titles_to_names
from test_events import check_offsets, make_doc, names, roles, run


def _outermost(doc):
    """Drop hand-set entities nested in a longer one of the same label (make_doc tags every
    occurrence of a surface, also inside a longer title)."""
    doc.entities = [e for e in doc.entities if not any(
        o is not e and o.label == e.label and o.start <= e.start and e.end <= o.end and (o.end - o.start) > (e.end - e.start)
        for o in doc.entities)]
    return doc


def _one(doc, typ):
    evs = [e for e in doc.events if e.type == typ]
    assert len(evs) == 1, [(e.type, names(e), roles(e)) for e in doc.events]
    return evs[0]


# -- titles before names, anaphora ---------------------------------------------------------


def test_headline_title_is_the_person_named_in_the_body():
    text = ("وزیر ارتباطات با سفیر ژاپن دیدار کرد\n\n"
            "علی سلیمانی وزیر ارتباطات و فناوری اطلاعات امروز با کنجی تاناکا سفیر ژاپن در تهران دیدار کرد.")
    doc = run(_outermost(make_doc(text, ents=[("ROLE", "وزیر ارتباطات و فناوری اطلاعات"), ("ROLE", "سفیر ژاپن در تهران"),
                                              ("PER", "علی سلیمانی"), ("PER", "کنجی تاناکا"), ("ROLE", "وزیر ارتباطات"),
                                              ("ROLE", "سفیر ژاپن")])))
    ev = _one(doc, "meeting")
    assert set(names(ev)) == {"علی سلیمانی", "کنجی تاناکا"}  # no nameless duplicate of either
    assert len(ev.participants) == 2
    assert dict(zip(names(ev), roles(ev)))["علی سلیمانی"] == "وزیر ارتباطات و فناوری اطلاعات"
    check_offsets(doc)


def test_title_subject_is_the_name_subject_of_the_next_sentence():
    text = ("مدیر کل بنادر استان با هیئت تجاری عمان دیدار کرد. "
            "مدیر کل بنادر استان اظهار کرد: همکاری دریایی دو طرف رو به گسترش است. "
            "رضا کاظمی افزود: خط کشتیرانی تازه‌ای راه می‌افتد.")
    doc = run(make_doc(text, ents=[("ROLE", "مدیر کل بنادر استان"), ("PER", "رضا کاظمی")]))
    ev = _one(doc, "meeting")
    assert "رضا کاظمی" in names(ev)
    assert dict(zip(names(ev), roles(ev)))["رضا کاظمی"] == "مدیر کل بنادر استان"


def test_surname_alone_and_first_name_alone_join_the_full_name():
    text = ("«آبه شینزو» نخست وزیر ژاپن امروز با محمد باقری وزیر صنعت دیدار کرد. "
            "آبه در این دیدار گفت: سرمایه‌گذاری ژاپن ادامه دارد. باقری نیز از این دیدار استقبال کرد.")
    doc = run(make_doc(text, ents=[("PER", "آبه شینزو"), ("ROLE", "نخست وزیر ژاپن"), ("PER", "محمد باقری"),
                                   ("ROLE", "وزیر صنعت"), ("PER", "آبه"), ("PER", "باقری")]))
    ev = _one(doc, "meeting")
    assert set(names(ev)) == {"آبه شینزو", "محمد باقری"}
    assert dict(zip(names(ev), roles(ev)))["آبه شینزو"] == "نخست وزیر ژاپن"


def test_two_people_sharing_a_surname_stay_apart():
    text = "دونالد ترامپ و ملانیا ترامپ فردا به هند سفر می‌کنند. ترامپ در دهلی با نخست وزیر هند دیدار می‌کند."
    doc = run(make_doc(text, ents=[("PER", "دونالد ترامپ"), ("PER", "ملانیا ترامپ"), ("PER", "ترامپ"),
                                   ("ROLE", "نخست وزیر هند"), ("LOC", "هند"), ("LOC", "دهلی")]))
    meeting = _one(doc, "meeting")
    assert "دونالد ترامپ" in names(meeting) and "ملانیا ترامپ" not in names(meeting)


def test_titles_compatible_keeps_countries_and_former_holders_apart():
    doc = make_doc("وزیر امور خارجه ایران و وزیر خارجه کشورمان و وزیر خارجه عمان و وزیر خارجه سابق ایران")
    norm = doc.norm

    def rng(w, start=0):
        i = norm.index(w, start)
        return (i, i + len(w))

    a = rng("وزیر امور خارجه ایران")
    b = rng("وزیر خارجه کشورمان")
    c = rng("وزیر خارجه عمان")
    d = rng("وزیر خارجه سابق ایران")
    assert titles_compatible(doc, a, b)
    assert not titles_compatible(doc, a, c)
    assert not titles_compatible(doc, a, d)
    assert title_key("رئیس‌جمهوری اسلامی ایران") == title_key("رئیس جمهور ایران")


# -- follow-up sentences ---------------------------------------------------------------------


def test_session_whose_parties_are_named_in_a_follow_up_sentence():
    text = ("صبح امروز جلسه هماهنگی انجمن‌های علمی استان برگزار شد. "
            "در این جلسه که با حضور مدیر کل آموزش استان و رئیس دانشگاه شهر برگزار شد، برنامه تابستان بررسی شد.")
    doc = run(make_doc(text, ents=[("ROLE", "مدیر کل آموزش استان"), ("ROLE", "رئیس دانشگاه شهر")],
                       dates=[("صبح امروز", "1404-08-19")]))
    ev = _one(doc, "meeting")
    assert set(roles(ev)) == {"رئیس دانشگاه شهر", "مدیر کل آموزش استان"}
    assert ev.date.jalali == "1404-08-19"


def test_companions_named_after_the_trip_are_participants_with_their_own_titles():
    text = ("رئیس جمهور امروز وارد مسکو شد. در این سفر حسن رضایی وزیر کشور، مریم احمدی وزیر بهداشت "
            "و علی کریمی سخنگوی دولت رئیس جمهور را همراهی می‌کنند.")
    doc = run(make_doc(text, ents=[("ROLE", "رئیس جمهور"), ("LOC", "مسکو"), ("PER", "حسن رضایی"), ("ROLE", "وزیر کشور"),
                                   ("PER", "مریم احمدی"), ("ROLE", "وزیر بهداشت"), ("PER", "علی کریمی"),
                                   ("ROLE", "سخنگوی دولت")]))
    ev = _one(doc, "visit")
    got = dict(zip(names(ev), roles(ev)))
    assert got["حسن رضایی"] == "وزیر کشور"
    assert got["مریم احمدی"] == "وزیر بهداشت"
    assert got["علی کریمی"] == "سخنگوی دولت"  # a spokesman who travels is a participant


# -- name–title chains and coordination ------------------------------------------------------


def _spans(text, words):
    return [(text.index(w), text.index(w) + len(w)) for w in words]


def test_a_title_between_two_names_follows_the_list_pattern():
    t = "حسن رضایی وزیر کشور، مریم احمدی وزیر بهداشت و علی کریمی سخنگوی دولت"
    got = link_titles_to_names(t, _spans(t, ["حسن رضایی", "مریم احمدی", "علی کریمی"]),
                               _spans(t, ["وزیر کشور", "وزیر بهداشت", "سخنگوی دولت"]))
    assert got == {0: [0], 1: [1], 2: [2]}
    t = "وزیر کشور حسن رضایی، وزیر بهداشت مریم احمدی"
    got = link_titles_to_names(t, _spans(t, ["حسن رضایی", "مریم احمدی"]), _spans(t, ["وزیر کشور", "وزیر بهداشت"]))
    assert got == {0: [0], 1: [1]}


def test_two_titles_after_one_name_are_one_person_and_a_plural_title_covers_both_names():
    t = "رضا کاظمی رئیس دفتر و مشاور وزیر"
    assert link_titles_to_names(t, _spans(t, ["رضا کاظمی"]), _spans(t, ["رئیس دفتر", "مشاور وزیر"])) == {0: [0, 1]}
    t = "رؤسای جمهور ترکیه و فرانسه، اردوغان و ماکرون"
    got = link_titles_to_names(t, _spans(t, ["اردوغان", "ماکرون"]), _spans(t, ["رؤسای جمهور ترکیه و فرانسه"]))
    assert got == {0: [0], 1: [0]}


def test_plural_title_of_both_sides_is_absorbed_by_the_named_sides():
    text = ("علی رضایی رئیس جمهور کشورمان امروز با پدرو سانچز رئیس جمهور اسپانیا دیدار کرد. "
            "پس از این مراسم دیدار خصوصی روسای جمهور دو کشور انجام شد.")
    doc = run(make_doc(text, ents=[("PER", "علی رضایی"), ("ROLE", "رئیس جمهور کشورمان"), ("PER", "پدرو سانچز"),
                                   ("ROLE", "رئیس جمهور اسپانیا"), ("ROLE", "روسای جمهور دو کشور")]))
    ev = _one(doc, "meeting")
    assert set(names(ev)) == {"پدرو سانچز", "علی رضایی"}
    assert "روسای جمهور دو کشور" not in roles(ev)


# -- groups and bodies -----------------------------------------------------------------------


def test_bodies_that_agree_as_the_clause_subject():
    text = "دولت آلمان و مدیریت شرکت لوفت هانزا بر سر یک بسته کمکی به توافق رسیدند."
    doc = run(make_doc(text, ents=[("ORG", "دولت آلمان"), ("ORG", "شرکت لوفت هانزا")]))
    ev = _one(doc, "agreement")
    assert sorted(p.organization.text for p in ev.participants) == ["دولت آلمان", "شرکت لوفت هانزا"]
    assert all(p.name is None for p in ev.participants)


def test_quantified_group_and_untagged_plural_title_are_parties():
    text = "رهبر انقلاب امروز در دیدار جمع زیادی از روحانیان و مبلغان، بر تبلیغ دینی تاکید کرد."
    doc = run(make_doc(text, ents=[("ROLE", "رهبر انقلاب")]))
    ev = _one(doc, "meeting")
    assert "روحانیان و مبلغان" in roles(ev)
    text = "وی قرار است روز جمعه با مدیران نفتی آمریکا دیدار کند."
    doc = run(make_doc("دونالد ترامپ رئیس جمهور آمریکا گفت: قیمت نفت بالا می‌رود. " + text,
                       ents=[("PER", "دونالد ترامپ"), ("ROLE", "رئیس جمهور آمریکا")]))
    ev = _one(doc, "meeting")
    assert ev.status == "planned"
    assert "مدیران نفتی آمریکا" in roles(ev) and "دونالد ترامپ" in names(ev)


# -- who is not a participant ----------------------------------------------------------------


def test_people_only_mentioned_in_the_talks_are_not_parties():
    text = ("وزیر خارجه کشورمان امروز با سفیر قطر دیدار کرد و پیام حسن روحانی را به امیر قطر تسلیم کرد. "
            "به گفته سخنگوی وزارت خارجه، دو طرف درباره سفر آتی جو بایدن به منطقه نیز گفت‌وگو کردند.")
    doc = run(make_doc(text, ents=[("ROLE", "وزیر خارجه کشورمان"), ("ROLE", "سفیر قطر"), ("PER", "حسن روحانی"),
                                   ("ROLE", "امیر قطر"), ("ROLE", "سخنگوی وزارت خارجه"), ("PER", "جو بایدن")]))
    everyone = {x for e in doc.events for x in names(e) + roles(e)}
    assert {"وزیر خارجه کشورمان", "سفیر قطر"} <= everyone
    assert not everyone & {"حسن روحانی", "سخنگوی وزارت خارجه"}


def test_participant_model_loads_and_reads_cues():
    model = ParticipantModel.default()
    assert set(model.weights) <= set(FEATURES)
    plain = {"named": 1.0, "titled": 1.0, "after_with": 1.0}
    assert model.accept(plain)
    assert not model.accept(dict(plain, mention_only_lead=1.0))  # a veto, whatever the weights
    learned = ParticipantModel.from_dict({"weights": {"plural": -2.0, "after_with": 1.0}, "bias": 0.5, "threshold": 0.5})
    assert learned.accept({"after_with": 1.0}) and not learned.accept({"plural": 1.0})
    assert ParticipantModel.from_dict(learned.to_dict()).to_dict() == learned.to_dict()
    with pytest.raises(ValueError):
        ParticipantModel.from_dict({"weights": {"no_such_cue": 1.0}})


# -- trigger forms ---------------------------------------------------------------------------


@pytest.mark.parametrize("sentence, typ, status", [
    ("محمد جواد ظریف امروز با همتای عمانی خود گفت‌وگویی تلفنی داشت.", "phone_call", "occurred"),
    ("وزیر خارجه ایران فردا با همتای عمانی خود دیدار می کند.", "meeting", "planned"),
    ("رئیس جمهور اندونزی امروز در کاخ مردکا از محمود احمدی نژاد به طور رسمی استقبال کرد.", "meeting", "occurred"),
    ("مایک پامپئو پس از ترک ابوظبی راهی بروکسل شد.", "visit", "occurred"),
    ("هیئت پارلمانی کشورمان دیروز به مسکو رفت.", "visit", "occurred"),
])
def test_trigger_forms(sentence, typ, status):
    ents = [("PER", "محمد جواد ظریف"), ("ROLE", "همتای عمانی خود"), ("ROLE", "وزیر خارجه ایران"),
            ("ROLE", "رئیس جمهور اندونزی"), ("PER", "محمود احمدی نژاد"), ("PER", "مایک پامپئو"), ("LOC", "بروکسل"),
            ("LOC", "مسکو"), ("LOC", "ابوظبی")]
    ents = [(lab, s) for lab, s in ents if s in sentence]
    doc = run(make_doc(sentence, ents=ents))
    assert [(e.type, e.status) for e in doc.events] == [(typ, status)]


def test_signing_in_sports_news_is_an_agreement_but_a_match_is_not_a_meeting():
    text = ("سرمربی جدید تیم ملی فوتبال امروز پس از دیدار با علی کریمی، سرپرست فدراسیون فوتبال "
            "قراردادش را با فدراسیون به امضا رساند.")
    doc = run(make_doc(text, ents=[("ROLE", "سرمربی جدید تیم ملی فوتبال"), ("PER", "علی کریمی"),
                                   ("ROLE", "سرپرست فدراسیون فوتبال"), ("ORG", "فدراسیون")]))
    assert {e.type for e in doc.events} == {"agreement", "meeting"}
    doc = run(make_doc("تیم ملی فوتبال در دیدار با تیم عراق به برتری رسید و به فینال جام رفت."))
    assert doc.events == []


# -- the evaluation script -------------------------------------------------------------------


def _eval_module():
    path = Path(__file__).resolve().parents[1] / "scripts" / "eval_events.py"
    spec = importlib.util.spec_from_file_location("eval_events", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_eval_script_scores_articles_like_the_external_scorer():
    ev = _eval_module()
    assert ev.parse_ids("1-3,7") == {1, 2, 3, 7}
    gold = {"events": [
        {"type": "agreement_signing", "is_main_event": True, "date_jalali": "1404-08-19",
         "participants": [{"name": None, "role": None, "organization": "شرکت فولاد"},
                          {"name": "علی رضایی", "role": "مدیر عامل بانک ملت", "organization": None}]}]}
    pred = [{"type": "agreement", "date": {"jalali": "1404-08-19"}, "topics": [],
             "participants": [{"name": None, "role": {"text": "شرکت فولاد"}, "organization": {"text": "شرکت فولاد"}},
                              {"name": {"text": "رضایی"}, "role": {"text": "مدیر عامل بانک ملت"}, "organization": None}]}]
    s = ev.ArticleScores()
    s.add("001", pred, gold)
    got = s.summary()
    assert got["participants"] == 1.0  # an organization-only gold party counts and is found
    assert got["roles"] == 1.0 and got["dates"] == 1.0
    assert got["types"] < 1.0  # «agreement_signing» and «agreement» are different type names
    s = ev.ArticleScores()
    s.add("001", [dict(pred[0], type="meeting")], gold)
    assert s.summary()["dates"] == 0.0  # the date is looked for on an event of the gold type


# -- round two: more capabilities ----------------------------------------------------------


def test_the_other_party_who_also_speaks_is_the_one_named_by_title():
    text = ("حسن احمدی رئیس مجلس امروز در دیدار دبیرکل سازمان همکاری اسلامی گفت: همکاری ادامه دارد. "
            "یوسف العثیمین نیز در این دیدار گفت: ایران عضو موثری است.")
    doc = run(make_doc(text, ents=[("PER", "حسن احمدی"), ("ROLE", "رئیس مجلس"),
                                   ("ROLE", "دبیرکل سازمان همکاری اسلامی"), ("PER", "یوسف العثیمین")]))
    ev = _one(doc, "meeting")
    assert dict(zip(names(ev), roles(ev))) == {"حسن احمدی": "رئیس مجلس",
                                               "یوسف العثیمین": "دبیرکل سازمان همکاری اسلامی"}


def test_a_title_after_be_onvan_is_the_subjects():
    text = "آنگلا مرکل امروز به عنوان صدراعظم آلمان با امانوئل ماکرون رئیس جمهور فرانسه دیدار کرد."
    doc = run(make_doc(text, ents=[("PER", "آنگلا مرکل"), ("ROLE", "صدراعظم آلمان"), ("PER", "امانوئل ماکرون"),
                                   ("ROLE", "رئیس جمهور فرانسه")]))
    ev = _one(doc, "meeting")
    assert dict(zip(names(ev), roles(ev)))["آنگلا مرکل"] == "صدراعظم آلمان"
    assert len(ev.participants) == 2


def test_meeting_told_through_what_was_done_in_it():
    text = "علی رضایی وزیر خارجه در نشستی در مسقط این موضوع را به اطلاع بدر البوسعیدی رساند."
    doc = run(make_doc(text, ents=[("PER", "علی رضایی"), ("ROLE", "وزیر خارجه"), ("PER", "بدر البوسعیدی")]))
    ev = _one(doc, "meeting")
    assert set(names(ev)) == {"علی رضایی", "بدر البوسعیدی"}


def test_people_in_a_time_phrase_and_series_between_groups_are_not_events():
    text = "پس از ترور قاسم سلیمانی، دیدارهای مکرر مقامات روسیه و اسرائیل برای تهران نگران کننده است."
    doc = run(make_doc(text, ents=[("PER", "قاسم سلیمانی"), ("ROLE", "مقامات روسیه و اسرائیل")]))
    assert doc.events == []


def test_recent_meeting_is_past_and_untagged_apposed_title_is_read():
    text = "دیدار اخیر خاویر سولانا مسئول سیاست خارجی اتحادیه اروپا با علی لاریجانی در مونیخ نتیجه خواهد داد."
    doc = run(make_doc(text, ents=[("PER", "خاویر سولانا"), ("PER", "علی لاریجانی"), ("LOC", "مونیخ")]))
    ev = _one(doc, "meeting")
    assert ev.status == "occurred"
    assert dict(zip(names(ev), roles(ev)))["خاویر سولانا"] == "مسئول سیاست خارجی اتحادیه اروپا"


def test_quoted_name_missed_by_the_tagger_and_a_capital_as_a_party():
    text = ("وزیر امور خارجه جدید آلمان دوشنبه عازم پاریس می‌شود. "
            "به گزارش فارس، «گیدو وستروله» دوشنبه در سفری رسمی راهی فرانسه خواهد شد. "
            "ملک سلمان پادشاه عربستان دیروز با واشنگتن تماس گرفت.")
    doc = run(make_doc(text, ents=[("ROLE", "وزیر امور خارجه جدید آلمان"), ("LOC", "پاریس"), ("LOC", "فرانسه"),
                                   ("PER", "ملک سلمان"), ("ROLE", "پادشاه عربستان"), ("LOC", "واشنگتن")]))
    visit = _one(doc, "visit")
    assert names(visit) == ["گیدو وستروله"] and roles(visit) == ["وزیر امور خارجه جدید آلمان"]
    call = _one(doc, "phone_call")
    assert "واشنگتن" in [p.organization.text for p in call.participants if p.organization]


def test_a_country_after_a_noun_of_relation_is_a_topic_not_a_party():
    from persian_ie import Pipeline

    text = ("تشکیل کارگروه مشترک تهران و مینسک| آماده ارتقاء همکاری‌ها با بلاروس در زمینه حمل‌ونقل هستیم\n\n"
            "به گزارش همشهری آنلاین، علیرضا زاکانی، شهردار تهران امروز در دیدار با سفیر بلاروس گفت: جلسه امروز آغاز راه است.")
    events = Pipeline()(text).to_dict()["events"]
    assert any(e["type"] == "meeting" for e in events)
    assert not [p for e in events for p in e["participants"] if (p.get("organization") or {}).get("text") == "بلاروس"]


def test_meetings_sharing_one_party_but_not_the_other_stay_apart():
    text = ("عباس عراقچی معاون وزیر خارجه دیروز در توکیو با شینزو آبه نخست وزیر ژاپن دیدار کرد. "
            "آبه همچنین در سفر خرداد خود به تهران با سید علی خامنه‌ای رهبر انقلاب دیدار کرده بود.")
    doc = run(_outermost(make_doc(text, ents=[("PER", "عباس عراقچی"), ("ROLE", "معاون وزیر خارجه"), ("PER", "شینزو آبه"),
                                              ("ROLE", "نخست وزیر ژاپن"), ("PER", "آبه"), ("PER", "سید علی خامنه‌ای"),
                                              ("ROLE", "رهبر انقلاب"), ("LOC", "توکیو"), ("LOC", "تهران")])))
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert len(meetings) == 2
    assert [set(names(e)) for e in meetings] == [{"عباس عراقچی", "شینزو آبه"}, {"شینزو آبه", "سید علی خامنه‌ای"}]


def test_countries_of_regional_officials():
    # an office Iran does not have belongs to the country the report is about, not to Iran
    text = "به گزارش رویترز، پارلمان ژاپن روز دوشنبه رای اعتماد داد. نخست وزیر جدید امروز در توکیو با وزیر خارجه آمریکا دیدار کرد."
    doc = run(make_doc(text, ents=[("LOC", "ژاپن"), ("ROLE", "نخست وزیر جدید"), ("LOC", "توکیو"), ("ROLE", "وزیر خارجه آمریکا")]))
    assert {p.role.text: p.country for p in _one(doc, "meeting").participants} == {"نخست وزیر جدید": "ژاپن",
                                                                                    "وزیر خارجه آمریکا": "آمریکا"}
    # a second title of the same person names the country; a "name" inside a title is no person;
    # an official of a body of several states has no country
    text = ("رئیس مجلس ملی و شهردار پایتخت تاجیکستان در تماس تلفنی با رئیس سنای پارلمان قزاقستان گفت‌وگو کرد. "
            "دبیر کل سازمان همکاری شانگهای با وزیر خارجه چین در پکن دیدار کرد.")
    doc = run(make_doc(text, ents=[("ROLE", "رئیس مجلس ملی"), ("ROLE", "رئیس سنای پارلمان قزاقستان"), ("PER", "سنای پارلمان"),
                                   ("ROLE", "دبیر کل سازمان همکاری شانگهای"), ("ROLE", "وزیر خارجه چین"), ("LOC", "پکن")]))
    call = _one(doc, "phone_call")
    assert names(call) == [None, None]
    assert {p.role.text: p.country for p in call.participants} == {"رئیس مجلس ملی": "تاجیکستان",
                                                                    "رئیس سنای پارلمان قزاقستان": "قزاقستان"}
    meeting = _one(doc, "meeting")
    assert {p.role.text: p.country for p in meeting.participants} == {"دبیر کل سازمان همکاری شانگهای": None,
                                                                      "وزیر خارجه چین": "چین"}
    # a title the tagger cut before its country: «نخست وزیر| موقت عراق»
    text = "ایاد علاوی نخست وزیر موقت عراق دیروز برای دیداری رسمی وارد کویت شد."
    doc = run(make_doc(text, ents=[("PER", "ایاد علاوی"), ("ROLE", "نخست وزیر"), ("LOC", "عراق"), ("LOC", "کویت")]))
    assert [p.country for p in _one(doc, "visit").participants] == ["عراق"]


def test_a_title_that_names_the_state_beats_a_nearer_generic_one():
    text = ("پارلمان آلمان آنگلا مرکل را به عنوان صدراعظم آلمان انتخاب کرد. "
            "مرکل روز چهارشنبه به عنوان رئیس دولت جدید برای دیدار با نیکلا سارکوزی رئیس جمهور فرانسه به پاریس رفت.")
    doc = run(make_doc(text, ents=[("ORG", "پارلمان آلمان"), ("PER", "آنگلا مرکل"), ("ROLE", "صدراعظم آلمان"), ("PER", "مرکل"),
                                   ("ROLE", "رئیس دولت جدید"), ("PER", "نیکلا سارکوزی"), ("ROLE", "رئیس جمهور فرانسه"),
                                   ("LOC", "پاریس")]))
    parts = {p.name.text: (p.role.text if p.role else None, p.country) for e in doc.events for p in e.participants if p.name}
    assert parts["آنگلا مرکل"] == ("صدراعظم آلمان", "آلمان")


def test_a_title_cut_inside_the_country_it_names_runs_on_to_the_country():
    # the tagger's ROLE stops inside the LOC it overlaps: «رئیس جمهوری اسلامی» + «جمهوری اسلامی پاکستان»
    text = "عارف علوی رئیس جمهوری اسلامی پاکستان امروز با شوکت میرضیایف در تاشکند دیدار کرد."
    doc = run(make_doc(text, ents=[("PER", "عارف علوی"), ("ROLE", "رئیس جمهوری اسلامی"),
                                   ("LOC", "جمهوری اسلامی پاکستان"), ("PER", "شوکت میرضیایف"), ("LOC", "تاشکند")]))
    ev = _one(doc, "meeting")
    assert dict(zip(names(ev), roles(ev)))["عارف علوی"] == "رئیس جمهوری اسلامی پاکستان"
    check_offsets(doc)
