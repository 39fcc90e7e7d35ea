"""Tests for the events stage (persian_ie.events).

Documents are built with the normalizer and segmenter, and their entities and dates
are set by hand (real :class:`Span` objects from ``doc.span_from_norm``), so these
tests check the events stage alone, whatever the entity and date stages do.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable, List, Optional, Tuple

import pytest

from persian_ie.document import Document
from persian_ie.events import EventExtractor
from persian_ie.normalize import Normalizer, normalize
from persian_ie.records import EVENT_STATUSES, EVENT_TYPES, TOPIC_CATEGORIES, DateValue
from persian_ie.segment import Segmenter

FIXTURES = Path(__file__).parent / "fixtures" / "events"
_NORMALIZER = Normalizer()
_SEGMENTER = Segmenter()


def make_doc(text: str, *, published: Optional[str] = "1404-08-19",
             ents: Iterable[Tuple[str, str]] = (), dates: Iterable[Tuple[str, Optional[str]]] = ()) -> Document:
    """A segmented Document with hand-set entities (every occurrence of each surface) and dates."""
    doc = _SEGMENTER(_NORMALIZER(Document(text, published=published)))
    for label, surface in ents:
        needle = normalize(surface)
        start = doc.norm.find(needle)
        assert start >= 0, f"{surface!r} not in the normalized text"
        while start >= 0:
            doc.entities.append(doc.span_from_norm(start, start + len(needle), label=label))
            start = doc.norm.find(needle, start + len(needle))
    for surface, jalali in dates:
        needle = normalize(surface)
        start = doc.norm.find(needle)
        assert start >= 0, f"{surface!r} not in the normalized text"
        span = doc.span_from_norm(start, start + len(needle), label="DATE")
        doc.dates.append(DateValue(span, jalali=jalali, granularity="day" if jalali else None, relative=True))
    doc.entities.sort(key=lambda s: s.start)
    return doc


def run(doc: Document) -> Document:
    return EventExtractor()(doc)


def names(event) -> List[Optional[str]]:
    return [p.name.text if p.name else None for p in event.participants]


def roles(event) -> List[Optional[str]]:
    return [p.role.text if p.role else None for p in event.participants]


def check_offsets(doc: Document) -> None:
    for ev in doc.events:
        spans = [ev.trigger, ev.sentence, ev.location] + [t.span for t in ev.topics]
        for p in ev.participants:
            spans += [p.name, p.role, p.organization]
        if ev.date is not None:
            spans.append(ev.date.span)
        for s in spans:
            if s is not None:
                assert doc.text[s.start:s.end] == s.text


# -- types and status ---------------------------------------------------------------------


def test_meeting_with_apposed_roles_date_and_countries():
    text = "به گزارش ایرنا، مهدی رضایی، رئیس شورای شهر اصفهان امروز با سفیر ارمنستان در تهران «آرمن هاکوپیان» دیدار کرد."
    doc = run(make_doc(text, ents=[("PER", "مهدی رضایی"), ("ROLE", "رئیس شورای شهر اصفهان"),
                                   ("ROLE", "سفیر ارمنستان در تهران"), ("PER", "آرمن هاکوپیان"), ("ORG", "ایرنا")],
                       dates=[("امروز", "1404-08-19")]))
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert (ev.type, ev.status) == ("meeting", "occurred")
    assert ev.date is not None and ev.date.jalali == "1404-08-19"
    assert sorted(names(ev)) == sorted(["مهدی رضایی", "آرمن هاکوپیان"])
    by_name = {p.name.text: p for p in ev.participants}
    assert by_name["مهدی رضایی"].role.text == "رئیس شورای شهر اصفهان"
    assert by_name["مهدی رضایی"].country == "ایران"
    assert by_name["آرمن هاکوپیان"].role.text == "سفیر ارمنستان در تهران"
    assert by_name["آرمن هاکوپیان"].country == "ارمنستان"
    # the place inside the ambassador's title is not the meeting's location
    assert ev.location is None
    check_offsets(doc)


@pytest.mark.parametrize("sentence,status", [
    ("وزیر نیرو با همتای عراقی خود دیدار کرد.", "occurred"),
    ("وزیر نیرو هفته آینده با همتای عراقی خود دیدار خواهد کرد.", "planned"),
    ("قرار است وزیر نیرو فردا با همتای عراقی خود دیدار کند.", "planned"),
    ("وزیر نیرو پیشنهاد برگزاری نشستی مشترک با همتای عراقی خود را مطرح کرد.", "proposed"),
])
def test_status_from_tense_and_modality(sentence, status):
    doc = run(make_doc(sentence, ents=[("ROLE", "وزیر نیرو"), ("ROLE", "همتای عراقی خود")]))
    assert [e.type for e in doc.events] == ["meeting"]
    assert doc.events[0].status == status
    assert doc.events[0].participants[1].country == "عراق"


def test_phone_call_is_one_event_with_topics_from_the_next_sentence():
    text = (FIXTURES / "phone.txt").read_text(encoding="utf-8")
    doc = run(make_doc(text, ents=[("ROLE", "وزیر امور خارجه کشورمان"), ("ROLE", "همتای ترکیه‌ای خود")]))
    assert [e.type for e in doc.events] == ["phone_call"]
    ev = doc.events[0]
    assert [p.country for p in ev.participants] == ["ایران", "ترکیه"]
    cats = {t.category for t in ev.topics}
    texts = [t.span.text for t in ev.topics]
    assert "security" in cats or "economy" in cats
    assert any("مبادلات تجاری" in t for t in texts)
    check_offsets(doc)


def test_agreement_signing_and_working_group():
    text = ("وزیران کشاورزی ایران و ارمنستان تفاهم‌نامه همکاری در زمینه تولید گندم امضا کردند. "
            "دو طرف همچنین بر تشکیل کارگروه مشترک کشاورزی توافق کردند.")
    doc = run(make_doc(text, ents=[("ROLE", "وزیران کشاورزی ایران و ارمنستان")]))
    types = [e.type for e in doc.events]
    assert "agreement" in types
    ag = doc.events[types.index("agreement")]
    assert ag.status == "occurred"
    assert any(t.category == "agriculture" for t in ag.topics)


def test_visit_traveller_and_destination():
    text = "نخست‌وزیر ارمنستان که روز گذشته به تهران سفر کرده بود، با رئیس‌جمهور دیدار کرد."
    doc = run(make_doc(text, ents=[("ROLE", "نخست‌وزیر ارمنستان"), ("ROLE", "رئیس‌جمهور"), ("LOC", "تهران")],
                       dates=[("روز گذشته", "1404-08-18")]))
    kinds = {e.type: e for e in doc.events}
    assert set(kinds) == {"visit", "meeting"}
    visit = kinds["visit"]
    assert roles(visit) == ["نخست‌وزیر ارمنستان"]
    assert visit.location is not None and visit.location.text == "تهران"
    assert visit.date is not None and visit.date.jalali == "1404-08-18"
    assert len(kinds["meeting"].participants) == 2
    # the visit's date belongs to the visit, not to the meeting of the main clause
    assert kinds["meeting"].date is None


# -- negative contexts ----------------------------------------------------------------------


def test_sports_match_and_press_conference_are_not_events():
    text = (FIXTURES / "sports.txt").read_text(encoding="utf-8")
    doc = run(make_doc(text, ents=[("ORG", "سپاهان"), ("ORG", "تراکتور"), ("ROLE", "سرمربی سپاهان")]))
    assert doc.events == []


def test_bout_called_a_match_is_not_a_meeting():
    text = "علی رضایی در دیدار پایانی با نتیجه ۸ بر صفر از سد حسن کریمی گذشت و به مدال طلا رسید."
    doc = run(make_doc(text, ents=[("PER", "علی رضایی"), ("PER", "حسن کریمی")]))
    assert doc.events == []


def test_interview_with_a_reporter_is_not_a_meeting():
    text = "وزیر بهداشت در گفت‌وگو با خبرنگار ایسنا درباره واکسن کرونا گفت: واکسن به زودی می‌رسد."
    doc = run(make_doc(text, ents=[("ROLE", "وزیر بهداشت"), ("ORG", "ایسنا")]))
    assert doc.events == []


def test_background_agreement_is_not_an_event():
    text = "شهردار شیراز با اشاره به وجود تفاهم‌نامه خواهرخواندگی شیراز و دوشنبه گفت: این همکاری باید ادامه یابد."
    doc = run(make_doc(text, ents=[("ROLE", "شهردار شیراز")]))
    assert [e.type for e in doc.events] == []


# -- merging, coreference, proposals --------------------------------------------------------


def test_headline_lead_and_body_merge_into_one_event():
    text = (FIXTURES / "city_meeting.txt").read_text(encoding="utf-8")
    doc = make_doc(text, ents=[("ROLE", "رئیس شورای شهر اصفهان"), ("ROLE", "سفیر ارمنستان در تهران"),
                               ("ROLE", "سفیر ارمنستان"), ("PER", "مهدی رضایی"), ("PER", "آرمن هاکوپیان")],
                   dates=[("صبح امروز", "1404-08-19")])
    doc = run(doc)
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert len(meetings) == 1
    ev = meetings[0]
    assert ev.status == "occurred"
    assert sorted(names(ev)) == sorted(["مهدی رضایی", "آرمن هاکوپیان"])
    assert ev.date is not None and ev.date.jalali == "1404-08-19"
    assert len(ev.attrs["mentions"]) >= 3  # headline-free lead, body and «در این دیدار»
    cats = {t.category for t in ev.topics}
    assert {"tourism", "environment"} <= cats
    # the old sister-city agreement is background, the working group a proposal
    assert not any(e.type == "agreement" for e in doc.events)
    wg = [e for e in doc.events if e.type == "working_group"]
    assert len(wg) == 1 and wg[0].status == "proposed"
    assert "آرمن هاکوپیان" in names(wg[0])
    check_offsets(doc)


def test_pronoun_subject_resolves_to_the_previous_subject():
    text = ("علی کریمی، استاندار فارس از پروژه‌های عمرانی شیراز بازدید کرد. "
            "وی سپس با سفیر چین در تهران دیدار و گفت‌وگو کرد.")
    doc = run(make_doc(text, ents=[("PER", "علی کریمی"), ("ROLE", "استاندار فارس"), ("ROLE", "سفیر چین در تهران")]))
    meeting = [e for e in doc.events if e.type == "meeting"]
    assert len(meeting) == 1
    assert "علی کریمی" in names(meeting[0])
    assert "سفیر چین در تهران" in roles(meeting[0])


def test_proposed_meeting_does_not_merge_with_the_meeting_it_was_proposed_in():
    text = ("شهردار تبریز امروز با سفیر ترکیه دیدار کرد. "
            "سفیر ترکیه در این دیدار برگزاری نشستی مجازی با شهردار استانبول را پیشنهاد داد.")
    doc = run(make_doc(text, ents=[("ROLE", "شهردار تبریز"), ("ROLE", "سفیر ترکیه"), ("ROLE", "شهردار استانبول")],
                       dates=[("امروز", "1404-08-19")]))
    meetings = sorted(((e.status, tuple(roles(e))) for e in doc.events if e.type == "meeting"))
    assert [m[0] for m in meetings] == ["occurred", "proposed"]
    assert "شهردار استانبول" in meetings[1][1]
    assert "شهردار استانبول" not in meetings[0][1]


def test_proposal_for_a_joint_action():
    text = ("استاندار گیلان با سفیر روسیه دیدار کرد. "
            "سفیر روسیه پیشنهاد برگزاری هفته فرهنگی روسیه در رشت را مطرح کرد.")
    doc = run(make_doc(text, ents=[("ROLE", "استاندار گیلان"), ("ROLE", "سفیر روسیه"), ("LOC", "رشت")]))
    prop = [e for e in doc.events if e.type == "proposal"]
    assert len(prop) == 1
    assert prop[0].status == "proposed"
    assert any(t.category == "culture" for t in prop[0].topics)


def test_spokesman_who_reports_is_not_a_participant():
    text = "سخنگوی وزارت امور خارجه اعلام کرد وزیر امور خارجه با دبیرکل سازمان ملل دیدار کرد."
    doc = run(make_doc(text, ents=[("ROLE", "سخنگوی وزارت امور خارجه"), ("ROLE", "وزیر امور خارجه"),
                                   ("ROLE", "دبیرکل سازمان ملل")]))
    assert len(doc.events) == 1
    assert roles(doc.events[0]) == ["وزیر امور خارجه", "دبیرکل سازمان ملل"]
    assert doc.events[0].participants[1].country is None


# -- contract -----------------------------------------------------------------------------------


def test_arabic_letters_keep_exact_offsets_and_output_is_deterministic():
    text = "وزير خارجه كشورمان صبح امروز با همتاي عماني خود در مسقط ديدار كرد."
    ents = [("ROLE", "وزیر خارجه کشورمان"), ("ROLE", "همتای عمانی خود"), ("LOC", "مسقط")]
    first = run(make_doc(text, ents=ents, dates=[("صبح امروز", "1404-08-19")]))
    second = run(make_doc(text, ents=ents, dates=[("صبح امروز", "1404-08-19")]))
    assert [e.to_dict() for e in first.events] == [e.to_dict() for e in second.events]
    ev = first.events[0]
    assert ev.location is not None and ev.location.text == "مسقط"
    assert [p.country for p in ev.participants] == ["ایران", "عمان"]
    check_offsets(first)
    d = ev.to_dict()
    assert set(d) >= {"type", "status", "trigger", "sentence", "date", "location", "participants", "topics",
                      "confidence"}
    assert d["type"] in EVENT_TYPES and d["status"] in EVENT_STATUSES
    assert 0.0 <= d["confidence"] <= 1.0
    assert all(t["category"] in TOPIC_CATEGORIES for t in d["topics"])
    json.dumps(d, ensure_ascii=False)


def test_stage_without_entities_falls_back_to_role_heads_and_own_dates():
    doc = Document("شهردار تهران امروز با سفیر بلاروس دیدار کرد.", published="1404-08-19")
    doc = run(_SEGMENTER(_NORMALIZER(doc)))
    assert len(doc.events) == 1
    ev = doc.events[0]
    assert roles(ev) == ["شهردار تهران", "سفیر بلاروس"]
    assert ev.date is not None and ev.date.jalali == "1404-08-19"
    check_offsets(doc)


def test_empty_and_unsegmented_documents_give_no_events():
    assert run(Document("")).events == []
    assert run(Document("دیدار")).events == []  # not segmented: nothing to read


def test_registry_builds_the_stage():
    from persian_ie.registry import create_stage
    stage = create_stage("events")
    assert isinstance(stage, EventExtractor) and stage.name == "events"


# -- titles, delegations, modality ------------------------------------------------------------


def test_title_used_alone_is_linked_to_the_person_named_nearby():
    text = (FIXTURES / "provincial.txt").read_text(encoding="utf-8")
    doc = run(make_doc(text, ents=[("ROLE", "معاون عمرانی استاندار یزد"), ("ROLE", "مدیرکل صنعت، معدن و تجارت یزد"),
                                   ("PER", "رضا احمدی"), ("PER", "علی صادقی")]))
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert len(meetings) == 1
    by_name = {p.name.text: p for p in meetings[0].participants if p.name is not None}
    assert set(by_name) == {"رضا احمدی", "علی صادقی"}
    assert by_name["رضا احمدی"].role.text == "معاون عمرانی استاندار یزد"
    assert by_name["علی صادقی"].role.text == "مدیرکل صنعت، معدن و تجارت یزد"
    assert all(p.country == "ایران" for p in meetings[0].participants)
    assert any(t.category == "energy" for t in meetings[0].topics)
    check_offsets(doc)


def test_delegation_travels_and_genitive_traveller_needs_a_known_name():
    doc = run(make_doc("هیئت تجاری ترکیه امروز وارد تبریز شد.", ents=[("LOC", "تبریز")],
                       dates=[("امروز", "1404-08-19")]))
    assert [e.type for e in doc.events] == ["visit"]
    visit = doc.events[0]
    assert roles(visit) == ["هیئت تجاری ترکیه"] and visit.participants[0].country == "ترکیه"
    assert visit.location.text == "تبریز" and visit.date.jalali == "1404-08-19"
    # «سفر روحانی به توکیو»: the genitive is the traveller when the article names him
    named = run(make_doc("سفر روحانی به توکیو. حسن روحانی در این سفر با نخست وزیر ژاپن دیدار کرد.",
                         ents=[("PER", "حسن روحانی"), ("ROLE", "نخست وزیر ژاپن"), ("LOC", "توکیو")]))
    visits = [e for e in named.events if e.type == "visit"]
    assert len(visits) == 1 and names(visits[0]) == ["حسن روحانی"]
    # an unknown genitive («سفر هوایی به …») is not a traveller
    plain = run(make_doc("سفر هوایی به مشهد گران شد.", ents=[("LOC", "مشهد")]))
    assert plain.events == []


@pytest.mark.parametrize("text", [
    "آخرین دیدار شما با وزیر خارجه عراق کی بود؟",
    "او گفت نباید به جای کار در تعطیلات به شمال سفر کنند.",
    "دیدار وزیر خارجه با همتای عراقی، سفر وزیر نیرو به مسکو و تحریم‌های تازه از جمله مهم‌ترین خبرهای امروز بود.",
])
def test_questions_hypotheticals_and_headline_roundups_are_not_events(text):
    doc = run(make_doc(text, ents=[("ROLE", r) for r in ("وزیر خارجه عراق", "وزیر خارجه", "همتای عراقی", "وزیر نیرو")
                                   if normalize(r) in normalize(text)]))
    assert doc.events == []


def test_talks_outcome_is_not_a_separate_agreement_and_object_topics_are_read():
    text = ("وزیر خارجه ایران با همتای ارمنستانی خود دیدار کرد. "
            "دو طرف در این دیدار آخرین تحولات قفقاز و مسائل مربوط به ترانزیت کالا را بررسی کردند. "
            "طرفین همچنین بر سر افزایش پروازهای مستقیم توافق کردند.")
    doc = run(make_doc(text, ents=[("ROLE", "وزیر خارجه ایران"), ("ROLE", "همتای ارمنستانی خود")]))
    assert [e.type for e in doc.events] == ["meeting"]
    topics = [t.span.text for t in doc.events[0].topics]
    assert any("تحولات قفقاز" in t for t in topics)
    assert any("ترانزیت کالا" in t for t in topics)
    assert any("پروازهای مستقیم" in t for t in topics)
    assert [p.country for p in doc.events[0].participants] == ["ایران", "ارمنستان"]


def test_event_dated_after_publication_is_planned_and_loose_talks_join_the_call():
    text = ("رئیس‌جمهور امروز در تماس تلفنی با امیر قطر درباره همکاری‌های اقتصادی گفت‌وگو کرد. "
            "دو طرف در این گفت‌وگو رایزنی کردند. "
            "منابع قطری دیدار امیر قطر و رئیس‌جمهور را ۲۵ آبان اعلام کرده بودند.")
    doc = run(make_doc(text, ents=[("ROLE", "رئیس‌جمهور"), ("ROLE", "امیر قطر")],
                       dates=[("امروز", "1404-08-19"), ("۲۵ آبان", "1404-08-25")]))
    types = sorted(e.type for e in doc.events)
    assert types == ["meeting", "phone_call"]
    call = [e for e in doc.events if e.type == "phone_call"][0]
    assert call.status == "occurred" and call.date.jalali == "1404-08-19"
    assert any(t.category == "economy" for t in call.topics)
    meeting = [e for e in doc.events if e.type == "meeting"][0]
    assert meeting.date.jalali == "1404-08-25" and meeting.status == "planned"


def test_someone_talking_about_a_call_is_not_a_party_to_it():
    text = ("به گزارش ایرنا، رضا موسوی، استاد دانشگاه تهران در مورد تماس تلفنی وزیر امور خارجه کشورمان "
            "با رئیس تشکیلات خودگردان فلسطین گفت: این اقدام مثبت بود.")
    doc = run(make_doc(text, ents=[("PER", "رضا موسوی"), ("ROLE", "استاد دانشگاه تهران"),
                                   ("ROLE", "وزیر امور خارجه کشورمان"), ("ROLE", "رئیس تشکیلات خودگردان فلسطین")]))
    assert [e.type for e in doc.events] == ["phone_call"]
    assert roles(doc.events[0]) == ["وزیر امور خارجه کشورمان", "رئیس تشکیلات خودگردان فلسطین"]
    assert [p.country for p in doc.events[0].participants] == ["ایران", "فلسطین"]


def test_venue_is_the_meeting_location():
    text = "وزیر امور خارجه امروز در محل وزارت امور خارجه با سفیر ژاپن دیدار کرد."
    doc = run(make_doc(text, ents=[("ROLE", "وزیر امور خارجه"), ("ROLE", "سفیر ژاپن"), ("ORG", "وزارت امور خارجه")],
                       dates=[("امروز", "1404-08-19")]))
    assert len(doc.events) == 1
    assert doc.events[0].location.text == "محل وزارت امور خارجه"
    check_offsets(doc)


def test_bodies_sign_agreements_and_meet_as_such():
    text = "تفاهم‌نامه همکاری بین دانشگاه شیراز و خبرگزاری ایرنا و شرکت ملی گاز امروز امضا شد."
    doc = run(make_doc(text, ents=[("ORG", "دانشگاه شیراز"), ("ORG", "خبرگزاری ایرنا"), ("ORG", "شرکت ملی گاز")],
                       dates=[("امروز", "1404-08-19")]))
    assert [e.type for e in doc.events] == ["agreement"]
    ag = doc.events[0]
    # a medium named in the list is not a party; bodies are kept as role + organization
    assert [p.organization.text for p in ag.participants] == ["دانشگاه شیراز", "شرکت ملی گاز"]
    assert all(p.name is None and p.role is not None for p in ag.participants)
    assert ag.status == "occurred" and ag.date.jalali == "1404-08-19"
    check_offsets(doc)


def test_bare_title_country_follows_the_name():
    text = "دونالد ترامپ، رئیس جمهور امروز با علی کریمی، رئیس جمهور دیدار کرد."
    doc = run(make_doc(text, ents=[("PER", "دونالد ترامپ"), ("PER", "علی کریمی"), ("ROLE", "رئیس جمهور")]))
    assert len(doc.events) == 1
    by_name = {p.name.text: p.country for p in doc.events[0].participants}
    # an Iranian-looking name with a bare title is Iran's official; a foreign one gets no guess
    assert by_name == {"دونالد ترامپ": None, "علی کریمی": "ایران"}


def test_agent_after_tavassot_is_not_a_participant():
    from persian_ie import Pipeline

    text = ("وزیر خارجه آمریکا پس از اعلام طرح معامله قرن توسط ترامپ، با امیر قطر تماس تلفنی برقرار کرد.")
    events = Pipeline()(text).to_dict()["events"]
    calls = [e for e in events if e["type"] == "phone_call"]
    assert calls
    texts = [((p.get("name") or {}).get("text"), (p.get("role") or {}).get("text")) for p in calls[0]["participants"]]
    assert not any(name == "ترامپ" for name, _ in texts)
    assert (None, "امیر قطر") in texts


def test_eval_script_folds_short_forms_like_the_gold():
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "eval_events.py"
    spec = importlib.util.spec_from_file_location("eval_events", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    got = mod.fullest_forms({"پامپئو", "مایک پامپئو", "فارس", "خبرگزاری فارس", "ایران", "ایرانی", "مایک"})
    assert got == {"مایک پامپئو", "خبرگزاری فارس", "ایران", "ایرانی"}
