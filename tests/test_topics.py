"""Topics of events (persian_ie.events.topics; issue 10 item 8).

Sentences written for these tests in the style of Persian news. A topic is a whole noun
phrase of the text (an exact span), without its cue word or verb; lists are split into
separate topics; filler and fragments are left out.
"""

from __future__ import annotations

import persian_ie

PUB = "1398-10-10"


def topics(text):
    res = persian_ie.extract(text, published=PUB)
    out = []
    for e in res.events:
        for t in e.topics:
            assert text[t.span.start:t.span.end] == t.span.text  # offsets index the caller's string
            out.append(t.span.text)
    return out


def test_a_subject_after_darbare_is_the_whole_phrase_without_the_verb():
    found = topics("محمدجواد ظریف، وزیر امور خارجه ایران امروز با همتای قطری خود دیدار کرد و دو طرف درباره "
                   "تحولات اخیر منطقه گفت‌وگو کردند.")
    assert found == ["تحولات اخیر منطقه"]


def test_an_object_list_before_barrasi_is_split():
    found = topics("وزیر کشور ایران امروز با همتای افغان خود دیدار کرد. دو وزیر در این دیدار همکاری‌های اقتصادی، "
                   "امنیت مرزها و مبارزه با قاچاق مواد مخدر را بررسی کردند.")
    assert found == ["همکاری‌های اقتصادی", "امنیت مرزها", "مبارزه با قاچاق مواد مخدر"]


def test_a_domain_keeps_the_phrase_it_belongs_to():
    found = topics("وزیر جهاد کشاورزی ایران با همتای ترکیه‌ای خود دیدار کرد و دو طرف بر تبادل دانش فنی در حوزه "
                   "کشاورزی تاکید کردند.")
    assert found == ["تبادل دانش فنی در حوزه کشاورزی"]  # not the bare «کشاورزی»


def test_at_the_head_of_the_talks_and_among_the_subjects():
    text = ("رئیس‌جمهور ایران امروز با نخست‌وزیر ارمنستان دیدار کرد. "
            "انتقال گاز به ارمنستان در رأس گفت‌وگوها بود و گسترش تجارت مرزی از جمله موضوعات همکاری دو کشور بود.")
    found = topics(text)
    assert "انتقال گاز به ارمنستان" in found
    assert "گسترش تجارت مرزی" in found


def test_a_preposition_the_head_selects_stays_inside():
    found = topics("وزیر بهداشت ایران با همتای عراقی خود درباره مقابله با شیوع بیماری کرونا رایزنی کرد.")
    assert found == ["مقابله با شیوع بیماری کرونا"]


def test_filler_and_bare_cooperation_are_not_topics():
    found = topics("دو وزیر در این دیدار درباره مسائل مورد علاقه و توسعه روابط دو کشور گفت‌وگو کردند.")
    assert found == []


def topics_normalized(text):
    res = persian_ie.extract(text, published=PUB)
    return [(t.span.text, t.span.norm_text) for e in res.events for t in e.topics]


def test_an_adjective_list_under_a_cooperation_head_is_split_into_areas():
    found = topics_normalized("رئیس‌جمهور ایران با همتای روس خود دیدار کرد و دو طرف بر گسترش همکاری‌های اقتصادی، "
                              "فرهنگی و علمی میان دو کشور تاکید کردند.")
    # each split adjective is its own span; its normalized form carries the shared head
    assert found == [("گسترش همکاری‌های اقتصادی", "گسترش همکاری\u200cهای اقتصادی"),
                     ("فرهنگی", "گسترش همکاری\u200cهای فرهنگی"),
                     ("علمی", "گسترش همکاری\u200cهای علمی")]


def test_an_adjective_list_under_another_head_stays_one_topic():
    found = topics("وزیران خارجه ایران و ترکیه دیدار کردند و درباره تحولات منطقه‌ای و بین‌المللی گفت‌وگو کردند.")
    assert found == ["تحولات منطقه‌ای و بین‌المللی"]


def test_a_cue_sentence_far_from_the_event_gives_it_no_topic():
    text = ("محمدجواد ظریف وزیر امور خارجه ایران روز دوشنبه در تهران با مولود چاووش‌اوغلو وزیر خارجه ترکیه دیدار کرد. "
            "دو طرف در این دیدار درباره گسترش همکاری‌های بانکی گفت‌وگو کردند. "
            "بارش باران در تهران همچنان ادامه دارد. "
            "قیمت نان در بازار افزایش یافت. "
            "کارشناسان درباره آلودگی هوای پایتخت هشدار دادند.")
    found = topics(text)
    assert "گسترش همکاری‌های بانکی" in found
    assert not any("آلودگی" in t for t in found)


def test_a_region_stands_as_a_party_like_a_country():
    found = topics("وزیر خارجه ایتالیا با دبیر شورای عالی امنیت ملی دیدار کرد و بر ضرورت تقویت همکاری‌های ایران و اروپا تاکید کرد.")
    assert found == ["تقویت همکاری‌های ایران و اروپا"]


def test_a_phrase_that_only_restates_the_signing_is_no_topic():
    found = topics("وزیران نفت دو کشور دیدار کردند و درباره امضای توافق‌نامه‌ای گفت‌وگو کردند.")
    assert found == []


def test_a_long_list_is_read_whole_each_item_a_topic():
    # more words than one phrase may have, but each item is short
    found = topics("رئیس‌جمهور ایران با رئیس‌جمهور تاجیکستان دیدار کرد. مسائل امنیت منطقه، همکاری در بخش اقتصاد، "
                   "تجارت، سرمایه‌گذاری، انرژی، حمل‌ونقل، ارتباطات و توسعه روابط نهادهای علمی از محورهای دیدار بود.")
    assert "امنیت منطقه" in found
    assert {"تجارت", "انرژی", "حمل‌ونقل", "ارتباطات"} <= set(found)


def test_the_object_of_a_contract_is_a_topic():
    found = topics("مدیرعامل بانک ملی و مدیرعامل شرکت مخابرات امروز قرارداد صدور کارت اعتباری فرهنگیان را امضا کردند.")
    assert found == ["صدور کارت اعتباری فرهنگیان"]


def test_the_word_before_a_light_verb_goes_with_the_verb():
    found = topics("وزیر خارجه ترکیه با همتای ایرانی خود دیدار کرد و این دیدار را گامی برای اجرای توافقات "
                   "چندجانبه عنوان کرد.")
    assert found == ["اجرای توافقات چندجانبه"]  # not «… چندجانبه عنوان»


def test_the_place_of_the_talks_is_no_part_of_the_subject():
    found = topics("وزیران دفاع روسیه و ترکیه امروز تلفنی گفت‌وگو کردند و دو طرف در این تماس تلفنی اجرای پروتکل "
                   "الحاقی آتش‌بس در این استان را بررسی کردند.")
    assert found == ["اجرای پروتکل الحاقی آتش‌بس"]


def test_cooperation_in_a_list_of_areas_gives_each_area():
    found = topics_normalized("وزیر خارجه ایران با همتای اتریشی خود دیدار کرد و دو طرف بر همکاری در حوزه‌های "
                              "اقتصادی و تجاری تاکید کردند.")
    assert [t for t, _ in found] == ["همکاری در حوزه‌های اقتصادی", "تجاری"]
    assert found[1][1] == "همکاری در حوزه\u200cهای تجاری"


def test_within_the_framework_of_names_a_subject():
    found = topics("دبیر شورای عالی امنیت ملی با وزیر خارجه ایتالیا دیدار کرد و گفت تهران در چارچوب بیانیه تهران "
                   "عمل کرده است.")
    assert "بیانیه تهران" in found


def test_a_plan_for_something_keeps_its_purpose():
    found = topics("وزیر خارجه ژاپن با رئیس‌جمهور ایران دیدار کرد و دو طرف در مورد برنامه ژاپن برای اعزام ناوگان "
                   "به خلیج فارس گفت‌وگو کردند.")
    assert any(t.startswith("برنامه ژاپن برای اعزام") for t in found)


def test_the_parties_after_a_list_belong_to_the_whole_list():
    found = topics("رئیس‌جمهور تاجیکستان با رئیس‌جمهور افغانستان دیدار کرد و دو طرف بر احداث جاده و راه‌آهن میان "
                   "کشورهای منطقه تاکید کردند.")
    assert found == ["احداث جاده", "راه‌آهن"]


def test_the_subject_of_a_clause_after_ba_takid_bar_inke():
    found = topics("رئیس‌جمهور ایران در تماس تلفنی با امیر قطر با تاکید بر اینکه امنیت منطقه برای ما بسیار مهم است، "
                   "گفت: ما آغازگر تنش نخواهیم بود.")
    assert found == ["امنیت منطقه"]


def test_a_quoted_subject_among_the_subjects_of_the_talks():
    found = topics("وزیر خارجه آمریکا با نخست‌وزیر آلبانی دیدار کرد. گفته شده موضوع «ایران» از جمله موضوعات مورد "
                   "گفتگو میان دو طرف بوده است.")
    assert found == ["موضوع «ایران»"]


def test_what_an_official_calls_necessary_is_a_subject():
    found = topics("وزیر راه ایران در دیدار با همتای روس خود تکمیل راه‌آهن رشت آستارا را ضروری دانست.")
    assert found == ["تکمیل راه‌آهن رشت آستارا"]


def test_a_talk_noun_inside_the_subject_stays():
    found = topics("نماینده آمریکا با وزیر خارجه سوریه دیدار کرد و گفت: در این دیدار درباره چگونگی تقویت مذاکره "
                   "صحبت کردیم.")
    assert found == ["تقویت مذاکره"]  # «مذاکره» is the subject's word, «صحبت کردیم» the verb


def test_an_organization_is_a_party_of_a_relation():
    found = topics("وزیر امور خارجه ایران با مدیرکل یونسکو دیدار کرد و دو طرف بر گسترش همکاری ایران و یونسکو "
                   "تاکید کردند.")
    assert found == ["گسترش همکاری ایران و یونسکو"]


def test_one_word_alone_is_a_topic_only_when_it_names_an_area():
    assert topics("وزیر بهداشت ایران با همتای عراقی خود درباره کرونا گفت‌وگو کرد.") == ["کرونا"]
    assert topics("وزیر کشور ایران با همتای عراقی خود درباره رقابت گفت‌وگو کرد.") == []


def test_a_title_is_a_person_not_a_subject():
    found = topics("سفیر ایران با وزیر خارجه عراق دیدار کرد و دو طرف درباره وزیر خارجه ایران گفت‌وگو کردند.")
    assert found == []


def test_a_perfect_verb_ends_the_phrase():
    found = topics("وزیر دفاع روسیه با همتای ترکیه‌ای خود دیدار کرد و گفت دو طرف درباره آتش‌بس در ادلب توافق "
                   "کرده‌اند و فرماندهان اجازه داده‌اند.")
    assert found == ["آتش‌بس در ادلب"]


def test_talks_focused_on_a_subject():
    found = topics("وزیر خارجه ایران با همتای عمانی خود دیدار کرد. گفت‌وگوهای دو طرف بر امنیت کشتیرانی در تنگه "
                   "هرمز متمرکز بود.")
    assert found == ["امنیت کشتیرانی در تنگه هرمز"]


def test_degree_words_and_superlative_predicates_are_no_subjects():
    found = topics("وزیر بهداشت با همتای ترکیه‌ای خود دیدار کرد و دو طرف بر تداوم کامل و بی‌وقفه اجرای "
                   "پروتکل‌های بهداشتی تاکید کردند.")
    assert found == ["اجرای پروتکل‌های بهداشتی"]  # not «تداوم کامل», not «بی‌وقفه …»
    found = topics("معاون اول رئیس‌جمهور در دیدار با وزیر میراث فرهنگی گفت سلامت مردم مهمترین اولویت دولت است و "
                   "درباره توسعه گردشگری کشور گفت‌وگو کردند.")
    assert found == ["توسعه گردشگری کشور"]


def test_examples_and_also_joints_keep_one_list_before_its_verb():
    # «به ویژه» and «و نیز» join items of one object list; a future verb closes it like a past one
    found = topics("وزیر خارجه ایران فردا با همتای ترکیه‌ای خود دیدار و دو طرف تحولات منطقه به ویژه بحران "
                   "سوریه و نیز گسترش تجارت مرزی را بررسی خواهند کرد.")
    assert found == ["تحولات منطقه", "بحران سوریه", "گسترش تجارت مرزی"]


def test_a_complement_inside_a_list_item_keeps_its_own_prepositions():
    # «توافق دو طرف درباره [مخالفت با [مداخله …]] در خاک لیبی»: the word after a preposition heads
    # what follows it, a place adds no depth; «دو طرف» opening the clause is its subject
    found = topics("رئیس‌جمهور الجزایر با ولیعهد عربستان دیدار کرد و دو طرف توافق دو طرف درباره مخالفت با "
                   "مداخله نظامی دیگر کشورها در خاک لیبی را مورد بررسی قرار دادند.")
    assert found == ["توافق دو طرف درباره مخالفت با مداخله نظامی دیگر کشورها در خاک لیبی"]


def test_the_aims_of_a_trip_name_its_subjects():
    found = topics("مدیرکل یونسکو امروز به تهران سفر کرد. وی اهداف سفر خود به ایران را بازدید از شهر بم و "
                   "مطالعه منابع آب این منطقه عنوان کرد.")
    assert list(dict.fromkeys(found)) == ["بازدید از شهر بم", "مطالعه منابع آب این منطقه"]


def test_a_determiner_does_not_head_the_phrase():
    # the head of «یک کمک دولتی» is «کمک», which takes «به»
    found = topics("دولت آلمان و مدیریت شرکت لوفت‌هانزا بر سر یک کمک دولتی به ارزش میلیاردها یورو به توافق رسیدند.")
    assert found == ["کمک دولتی به ارزش میلیاردها یورو"]


def test_a_consideration_adjunct_and_a_during_phrase_are_no_part_of_the_subject():
    found = topics("مدیرکل یونسکو امروز با رئیس مجمع تشخیص مصلحت نظام دیدار کرد و خواستار گسترش همکاری ایران و "
                   "یونسکو با توجه به زمینه فرهنگی مناسب موجود در ایران شد.")
    assert found == ["گسترش همکاری ایران و یونسکو"]
    found = topics("وزیر خارجه عراق با همتای اردنی خود دیدار کرد و دو طرف درباره امنیت مرزها در خلال دیدار "
                   "گفت‌وگو کردند.")
    assert found == ["امنیت مرزها"]


def test_paying_a_sum_and_an_amount_are_no_subjects():
    # «به X پرداخت شود» pays X (not «به X پرداختند», took X up); a sum alone names no subject
    text = ("قرارداد سرمربی تیم ملی با فدراسیون فوتبال امروز به امضا رسید. ارزش این قرارداد ۲۰۰ هزار دلار است "
            "که باید به مرد کروات پرداخت شود.")
    assert topics(text) == []


def test_a_judgement_for_x_is_no_purpose():
    found = topics("وزیر خارجه ایران با همتای ژاپنی خود دیدار کرد و گفت کاهش تنش در خلیج فارس برای امنیت جهانی "
                   "مهم است.")
    assert found == []
    found = topics("وزیر خارجه ایران برای گفت‌وگو درباره امنیت خلیج فارس به توکیو سفر کرد.")
    assert found == ["امنیت خلیج فارس"]


def test_what_the_sides_agreed_to_is_a_subject_but_the_party_agreed_with_is_not():
    found = topics("مدیرکل آژانس بین‌المللی انرژی اتمی امروز با وزیر خارجه ایران دیدار کرد و طرفین به برگزاری "
                   "مذاکرات بیشتر توافق کردند.")
    assert "برگزاری مذاکرات" in found
    found = topics("نخست‌وزیر ژاپن با رئیس‌جمهور ایران دیدار کرد تا ایران را به حفظ برجام ترغیب کند که طبق آن "
                   "ایران در قبال لغو تحریم‌ها، با قدرت‌های جهانی توافق کرده است.")
    assert not any("قدرت" in t for t in found)


def test_predicate_words_end_a_phrase():
    # «راهی X شد» (set off for X) and «مشغول X بودن» (busy with X) are predicates, not parts of a subject
    found = topics("وزیر خارجه آمریکا برای شرکت در نشست وزرای خارجه ناتو راهی بروکسل شد.")
    assert found == ["شرکت در نشست وزرای خارجه ناتو"]
    found = topics("رئیس شورای سوریه دموکراتیک با معاون وزیر خارجه روسیه دیدار کرد و گفت ما مشغول بررسی موضوع "
                   "مذاکرات با دولت سوریه هستیم.")
    assert not any("مشغول" in t for t in found)
