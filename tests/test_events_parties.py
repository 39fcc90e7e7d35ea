"""Who is and is not a party (second round): complement clauses of a speaker, relative
clauses, adverbial «در دیدار …،» phrases, the dead, multilateral sessions, signings told in
halves, and titles apposed after a name that the entity stage left untagged.

Short Persian sentences written for these tests; entities are set by hand (``make_doc``) so
that only the events stage is under test.
"""

from __future__ import annotations

from test_events import check_offsets, make_doc, names, roles, run


def _of(doc, typ):
    return [e for e in doc.events if e.type == typ]


def test_speaker_of_a_complement_clause_with_its_own_party_is_not_a_party():
    text = ("علی کریمی معاون وزیر خارجه ابراز امیدواری کرد که دیدار آینده رئیس جمهور ایران با نخست وزیر ژاپن "
            "به تقویت روابط دو کشور کمک کند.")
    doc = run(make_doc(text, ents=[("PER", "علی کریمی"), ("ROLE", "معاون وزیر خارجه"), ("ROLE", "رئیس جمهور ایران"),
                                   ("ROLE", "نخست وزیر ژاپن")]))
    parties = {n or r for e in doc.events for n, r in zip(names(e), roles(e))}
    assert "علی کریمی" not in parties
    assert "رئیس جمهور ایران" in parties
    check_offsets(doc)


def test_speaker_stays_when_the_complement_names_only_a_counterpart():
    text = "سارا احمدی رئیس شورای شهر به روزنامه گفت که نشست‌هایی با هیئت روسیه در دمشق داشته است."
    doc = run(make_doc(text, ents=[("PER", "سارا احمدی"), ("ROLE", "رئیس شورای شهر"), ("ORG", "هیئت روسیه"),
                                   ("LOC", "دمشق")]))
    assert any("سارا احمدی" in names(e) for e in doc.events)


def test_name_inside_a_relative_clause_is_not_the_traveller():
    text = "جان اسمیت که از نزدیکان «دیوید براون» رئیس جمهور آمریکا است ماه گذشته به ایران سفر کرده بود."
    doc = run(make_doc(text, ents=[("PER", "جان اسمیت"), ("PER", "دیوید براون"), ("ROLE", "رئیس جمهور آمریکا"),
                                   ("LOC", "ایران")]))
    visits = _of(doc, "visit")
    assert visits and names(visits[0]) == ["جان اسمیت"]


def test_parties_of_an_adverbial_meeting_phrase_end_at_its_comma():
    text = ("رضا موسوی در دیدار جمعی از مبلغان، «صبر» و «مریم» را دو اصل تبلیغ دانست. "
            "رضا موسوی در این دیدار گفت: تبلیغ باید اثر بگذارد.")
    doc = run(make_doc(text, ents=[("PER", "رضا موسوی"), ("PER", "مریم")]))
    assert all("مریم" not in names(e) for e in doc.events)


def test_the_dead_take_part_in_nothing():
    text = "علی رضایی امروز در دیدار با حسن نوری و خانواده شهید مهدی باکری گفت: راه شهدا ادامه دارد."
    doc = run(make_doc(text, ents=[("PER", "علی رضایی"), ("PER", "حسن نوری"), ("PER", "مهدی باکری")]))
    assert doc.events
    assert all("مهدی باکری" not in names(e) for e in doc.events)


def test_session_of_a_multilateral_body_is_not_an_event():
    text = ("رئیس جمهور تاجیکستان همتایان خود را به نشست سران سازمان همکاری شانگهای دعوت کرد که ماه آینده "
            "در دوشنبه برگزار می‌شود و در حاشیه این نشست مذاکرات چهارجانبه ادامه می‌یابد.")
    doc = run(make_doc(text, ents=[("ROLE", "رئیس جمهور تاجیکستان"), ("ORG", "سازمان همکاری شانگهای"),
                                   ("LOC", "دوشنبه")]))
    assert all("سران سازمان همکاری شانگهای" not in (r or "") for e in doc.events for r in roles(e))


def test_headline_and_lead_halves_of_one_signing_are_one_event():
    text = ("امضای قرارداد باشگاه استقلال با کریمی\n\n"
            "قرارداد با باشگاه استقلال به امضا رسید.\n"
            "به گزارش ایسنا، علی کریمی امروز قراردادش را به صورت رسمی به امضا رساند.")
    doc = run(make_doc(text, ents=[("ORG", "باشگاه استقلال"), ("PER", "علی کریمی"), ("ORG", "ایسنا")]))
    signings = _of(doc, "agreement")
    assert len(signings) == 1
    ev = signings[0]
    assert "علی کریمی" in names(ev)
    assert any(p.organization is not None and p.organization.text == "باشگاه استقلال" for p in ev.participants)


def test_signer_after_be_emzaye_is_a_party():
    text = "قرارداد صادرات گاز ماه آینده به امضای مقام‌های سه کشور خواهد رسید."
    doc = run(make_doc(text))
    ev = _of(doc, "agreement")
    assert ev and "مقام‌های سه کشور" in roles(ev[0])


def test_office_held_on_both_sides_is_a_joint_party():
    text = ("ترامپ و مودی دیدار می‌کنند. "
            "پیش از این چندین دور گفتگو میان وزرای تجارت دو کشور انجام شده است.")
    doc = run(make_doc(text, ents=[("PER", "ترامپ"), ("PER", "مودی")]))
    assert any(roles(e) == ["وزرای تجارت دو کشور"] for e in _of(doc, "meeting"))


def test_untagged_titles_apposed_after_a_name():
    text = ("«جوزف بورل» رئیس سیاست خارجی اتحادیه اروپا امروز با محمد جواد ظریف گفت‌وگوی تلفنی کرد. "
            "در این گفت‌وگو حسین نامور از نوادگان سردار مهدی باکری نیز حضور داشت.")
    doc = run(make_doc(text, ents=[("PER", "جوزف بورل"), ("ORG", "اتحادیه اروپا"), ("PER", "محمد جواد ظریف"),
                                   ("PER", "حسین نامور"), ("PER", "مهدی باکری")]))
    got = {n: r for e in doc.events for n, r in zip(names(e), roles(e))}
    assert got.get("جوزف بورل") == "رئیس سیاست خارجی اتحادیه اروپا"
    assert got.get("حسین نامور") == "نوادگان سردار مهدی باکری"
    check_offsets(doc)


def test_bare_head_without_a_named_body_is_no_title():
    text = "علی احمدی رئیس خود را قانع کرد و امروز با حسن نوری دیدار کرد."
    doc = run(make_doc(text, ents=[("PER", "علی احمدی"), ("PER", "حسن نوری")]))
    assert all(r is None for e in doc.events for r in roles(e))


def test_kinship_word_apposed_after_a_name_is_the_role():
    text = "دونالد ترامپ فردا به هند سفر می‌کند. در این سفر ملانیا ترامپ، همسرش او را همراهی می‌کند."
    doc = run(make_doc(text, ents=[("PER", "دونالد ترامپ"), ("PER", "ملانیا ترامپ"), ("LOC", "هند")]))
    got = {n: r for e in doc.events for n, r in zip(names(e), roles(e))}
    assert got.get("ملانیا ترامپ") == "همسرش"


def test_signing_reported_by_an_official_is_his_organizations():
    text = ("مدیر کل دفاتر خدمات بانکی پست بانک ادامه داد: با شرکت آب و فاضلاب روستایی نیز "
            "قرار داد منعقد و اجرایی شده است. پست بانک در روستاها شعبه دارد.")
    doc = make_doc(text, ents=[("ROLE", "مدیر کل دفاتر خدمات بانکی پست بانک"), ("ORG", "دفاتر خدمات بانکی پست بانک"),
                               ("ORG", "شرکت آب و فاضلاب روستایی"), ("ORG", "پست بانک")])
    doc.entities = [e for e in doc.entities if not (e.label == "ORG" and any(  # the parent named alone, not nested
        o.label == "ORG" and o.start <= e.start and e.end <= o.end and o is not e for o in doc.entities))]
    doc = run(doc)
    ev = [e for e in doc.events if e.type == "agreement"]
    assert len(ev) == 1
    assert {p.organization.text for p in ev[0].participants if p.organization} == {"پست بانک", "شرکت آب و فاضلاب روستایی"}
    check_offsets(doc)


def test_qarar_dad_as_placing_is_no_signing():
    text = "علی احمدی امروز با حسن نوری دیدار کرد و این طرح را مورد بررسی قرار داد."
    doc = run(make_doc(text, ents=[("PER", "علی احمدی"), ("PER", "حسن نوری")]))
    assert [e.type for e in doc.events] == ["meeting"]


def test_new_round_of_talks_between_counted_countries():
    text = ("سه کشور پیش از این در خصوص قیمت گاز به توافق دست یافته بودند و دور جدید مذاکرات "
            "یکشنبه گذشته در تهران آغاز شده است.")
    doc = run(make_doc(text, ents=[("LOC", "تهران")]))
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert meetings and roles(meetings[0]) == ["سه کشور"]
    check_offsets(doc)


def test_same_pair_told_twice_with_another_attendee_each_is_one_meeting():
    text = ("علی احمدی امروز با حسن نوری و رضا کاظمی دیدار کرد. "
            "به گزارش ایسنا، دیدار علی احمدی با حسن نوری و سارا موسوی دو ساعت طول کشید.")
    doc = run(make_doc(text, ents=[("PER", "علی احمدی"), ("PER", "حسن نوری"), ("PER", "رضا کاظمی"), ("PER", "سارا موسوی")]))
    meetings = [e for e in doc.events if e.type == "meeting"]
    assert len(meetings) == 1, [names(e) for e in meetings]
    assert {"علی احمدی", "حسن نوری"} <= set(names(meetings[0]))


def test_meeting_with_a_country_in_a_football_report_is_a_match():
    text = ("درگیری یک خبرنگار با عضو فدراسیون عراق پیش از دیدار با ایران به پلیس کشید. "
            "تیم ملی فوتبال عراق فردا به مصاف ایران می‌رود.")
    doc = run(make_doc(text, ents=[("ROLE", "عضو فدراسیون عراق"), ("LOC", "ایران")]))
    assert not [e for e in doc.events if e.type == "meeting"]


def test_meeting_with_a_person_in_a_football_report_stays():
    text = "رضا کاظمی سرمربی تیم ملی فوتبال امروز در دیدار با علی احمدی رئیس فدراسیون فوتبال گفت: کار سختی داریم."
    doc = run(make_doc(text, ents=[("PER", "رضا کاظمی"), ("PER", "علی احمدی"), ("ROLE", "رئیس فدراسیون فوتبال")]))
    assert [e.type for e in doc.events] == ["meeting"]
