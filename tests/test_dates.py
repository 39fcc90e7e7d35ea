"""Unit tests of the dates stage (issue 3): recognition, resolution, granularity,
non-existent days, weekday conflicts, precision, offsets and the stage contract.

Expected values are worked out by hand from the calendar (1404-08-19 is Monday
2025-11-10; the Persian week starts on Saturday); none is read back from the code.
"""

from __future__ import annotations

import os

import jdatetime
import pytest

from persian_ie import Pipeline
from persian_ie.dates import DateExtractor, recognize
from persian_ie.dates.lexicon import get_lexicon
from persian_ie.dates.numbers import parse_number
from persian_ie.document import Document
from persian_ie.normalize import Normalizer

PUB = "1404-08-19"  # Monday, 2025-11-10
SEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "seed_article.txt")


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(stages=["normalize", "segment", "dates"])


def dates(nlp, text, published=PUB):
    return nlp(text, published=published).doc.dates


def one(nlp, text, published=PUB):
    found = dates(nlp, text, published)
    assert len(found) == 1, [d.text for d in found]
    return found[0]


# -- the seed article ---------------------------------------------------------------------------

SEED_SENTENCE = ("به گزارش همشهری آنلاین، علیرضا زاکانی، شهردار تهران امروز -دوشنبه ۱۹ آبان ماه ۱۴۰۴- "
                 "در دیدار با سفیر بلاروس در تهران «دیمتری کالتسوف» گفت.")


def test_seed_meeting_date(nlp):
    d = dates(nlp, SEED_SENTENCE)[0]
    assert "دوشنبه ۱۹ آبان ماه ۱۴۰۴" in d.text
    assert (d.jalali, d.gregorian, d.granularity, d.weekday) == ("1404-08-19", "2025-11-10", "day", "دوشنبه")
    assert not d.weekday_conflict
    assert SEED_SENTENCE[d.start:d.end] == d.text


@pytest.mark.skipif(not os.path.exists(SEED), reason="shared seed article not available (../shared/data)")
def test_seed_article_file(nlp):
    with open(SEED, encoding="utf-8") as f:
        text = f.read()
    found = dates(nlp, text)
    first = found[0]
    assert "۱۹ آبان ماه ۱۴۰۴" in first.text
    assert (first.jalali, first.gregorian, first.weekday) == ("1404-08-19", "2025-11-10", "دوشنبه")
    for d in found:
        assert text[d.start:d.end] == d.text


# -- explicit dates -----------------------------------------------------------------------------

@pytest.mark.parametrize("text,jalali", [
    ("۱۹ آبان ماه ۱۴۰۴", "1404-08-19"),
    ("۱۹ آبان‌ماه ۱۴۰۴", "1404-08-19"),
    ("۱۹ آبانماه ۱۴۰۴", "1404-08-19"),
    ("۱۹ ابان ۱۴۰۴", "1404-08-19"),             # common misspelling
    ("نوزدهم آبان ۱۴۰۴", "1404-08-19"),
    ("نوزده آبان ۱۴۰۴", "1404-08-19"),
    ("بیست و دوم بهمن ۱۴۰۳", "1403-11-22"),
    ("بیست‌وهشتم اسفند ۱۴۰۳", "1403-12-28"),
    ("اول فروردین ۱۴۰۴", "1404-01-01"),
    ("۱۹ آبان سال ۱۴۰۴ هجری شمسی", "1404-08-19"),
    ("١٩ آبان ١٤٠٤", "1404-08-19"),             # Arabic-Indic digits
    ("19 آبان 1404", "1404-08-19"),             # Latin digits
    ("۱۴۰۴/۰۸/۱۹", "1404-08-19"),
    ("1404-8-19", "1404-08-19"),
    ("2025-11-10", "1404-08-19"),               # Gregorian by year range
    ("۱۹/۸/۱۴۰۴", "1404-08-19"),
    ("۱۰ نوامبر ۲۰۲۵", "1404-08-19"),
    ("۱۰ نوامبر ۲۰۲۵ میلادی", "1404-08-19"),
    ("۱۰ ژوئن ۲۰۲۵", "1404-03-20"),
    ("۱۰ جون ۲۰۲۵", "1404-03-20"),
    ("۱۵ اوت ۲۰۲۵", "1404-05-24"),
    ("۱۵ اگوست ۲۰۲۵", "1404-05-24"),
    ("۱۸ جمادی‌الاول ۱۴۴۷", "1404-08-18"),     # Umm al-Qura: 2025-11-09
    ("اول رمضان ۱۴۴۶ ه.ق.", "1403-12-11"),     # 2025-03-01
])
def test_explicit_day(nlp, text, jalali):
    d = one(nlp, f"این رویداد {text} رخ داد.")
    assert (d.jalali, d.granularity, d.relative) == (jalali, "day", False)
    y, m, dd = map(int, jalali.split("-"))
    assert d.gregorian == jdatetime.date(y, m, dd).togregorian().isoformat()


def test_day_and_month_take_the_publication_year(nlp):
    d = one(nlp, "جلسه ۱۰ مهر برگزار شد.")
    assert d.jalali == "1404-07-10"
    d = one(nlp, "جلسه ۵ اوت برگزار شد.")  # Gregorian month: the publication's Gregorian year
    assert d.gregorian == "2025-08-05"


def test_day_without_year_near_new_year_takes_the_nearer_year(nlp):
    # published 1399-01-16: «۱۰ اسفند» is the Esfand just gone, not eleven months ahead
    d = one(nlp, "از ۱۰ اسفند مدارس تعطیل شد.", published="1399-01-16")
    assert d.jalali == "1398-12-10"


@pytest.mark.parametrize("text,jalali,gregorian,granularity", [
    ("آبان ۱۴۰۴", "1404-08", "2025-10", "month"),
    ("آبان ماه ۱۴۰۴", "1404-08", "2025-10", "month"),
    ("اواخر مهر ماه ۱۴۰۳", "1403-07", "2024-09", "month"),
    ("نوامبر ۲۰۲۵", "1404-08", "2025-11", "month"),
    ("سال ۱۴۰۳", "1403", "2024", "year"),
    ("سال ۹۸", "1398", "2019", "year"),
    ("سال ۲۰۲۴ میلادی", "1402", "2024", "year"),
    ("۱۴۰۲ هجری شمسی", "1402", "2023", "year"),
])
def test_month_and_year_granularity(nlp, text, jalali, gregorian, granularity):
    d = one(nlp, f"این طرح در {text} تصویب شد.")
    assert (d.jalali, d.gregorian, d.granularity) == (jalali, gregorian, granularity)
    assert d.weekday is None


# -- relative expressions ---------------------------------------------------------------------

@pytest.mark.parametrize("text,jalali", [
    ("امروز", "1404-08-19"),
    ("دیروز", "1404-08-18"),
    ("فردا", "1404-08-20"),
    ("پریروز", "1404-08-17"),
    ("پس‌فردا", "1404-08-21"),
    ("پس فردا", "1404-08-21"),
    ("روز گذشته", "1404-08-18"),
    ("صبح امروز", "1404-08-19"),
    ("عصر دیروز", "1404-08-18"),
    ("شنبه گذشته", "1404-08-17"),
    ("یکشنبه هفته آینده", "1404-08-25"),        # next week starts Saturday 1404-08-24
    ("سه‌شنبه هفته گذشته", "1404-08-13"),      # last week: Saturday 1404-08-10 .. Friday 08-16
    ("سه روز پیش", "1404-08-16"),
    ("دو هفته بعد", "1404-09-03"),
    ("۱۰ روز دیگر", "1404-08-29"),
])
def test_relative_days(nlp, text, jalali):
    d = one(nlp, f"وزیر {text} به تهران آمد.")
    assert (d.jalali, d.granularity, d.relative) == (jalali, "day", True)


@pytest.mark.parametrize("text,jalali,granularity", [
    ("ماه گذشته", "1404-07", "month"),
    ("ماه آینده", "1404-09", "month"),
    ("سال گذشته", "1403", "year"),
    ("امسال", "1404", "year"),
    ("پارسال", "1403", "year"),
    ("سال آینده", "1405", "year"),
    ("مهر ماه امسال", "1404-07", "month"),
    ("اسفند سال گذشته", "1403-12", "month"),
])
def test_relative_months_and_years(nlp, text, jalali, granularity):
    d = one(nlp, f"قیمت‌ها {text} بالا رفت.")
    assert (d.jalali, d.granularity, d.relative) == (jalali, granularity, True)


def test_bare_weekday_past_and_future(nlp):
    # Monday publication: a past-tense «پنجشنبه» is the Thursday before
    assert one(nlp, "وزیر پنجشنبه به مسکو رفت.").jalali == "1404-08-15"
    # on the publication's own weekday, the same day
    assert one(nlp, "وزیر روز دوشنبه به مسکو رفت.").jalali == "1404-08-19"
    # future tense: the next Thursday
    assert one(nlp, "وزیر پنجشنبه به مسکو خواهد رفت.").jalali == "1404-08-22"


def test_relative_without_publication_is_found_without_value(nlp):
    for text in ("دیروز", "سه روز پیش", "ماه گذشته", "شنبه گذشته", "امسال"):
        d = one(nlp, f"وزیر {text} به تهران آمد.", published=None)
        assert d.relative is True
        assert d.jalali is None and d.gregorian is None
    d = one(nlp, "جلسه ۱۹ آبان ۱۴۰۴ برگزار شد.", published=None)
    assert d.jalali == "1404-08-19"  # explicit dates need no publication date


def test_relative_day_with_contradicting_weekday_follows_the_weekday(nlp):
    # «امروز (یکشنبه)» in an item dated Monday: the agency copied yesterday's text
    d = one(nlp, "وزیر امروز (یکشنبه) به تهران آمد.")
    assert d.jalali == "1404-08-18" and d.weekday_conflict


# -- impossible days and weekday conflicts ------------------------------------------------------

def test_day_that_does_not_exist_gets_no_value(nlp):
    d = one(nlp, "مهلت تا ۳۰ اسفند ۱۴۰۴ است.")  # 1404 is not a leap year
    assert d.jalali is None and d.gregorian is None
    assert one(nlp, "مهلت تا ۳۰ اسفند ۱۴۰۳ است.").jalali == "1403-12-30"  # 1403 is
    assert one(nlp, "مهلت تا ۳۱ مهر ۱۴۰۴ است.").jalali is None
    assert one(nlp, "مهلت تا 2025-02-29 است.").jalali is None
    assert not [d for d in dates(nlp, "مهلت تا ۱۴۰۴/۱۳/۰۱ است.") if d.jalali]


def test_weekday_conflict_is_flagged_not_resolved(nlp):
    d = one(nlp, "جلسه سه‌شنبه ۱۹ آبان ۱۴۰۴ برگزار شد.")  # 19 Aban 1404 is a Monday
    assert d.weekday_conflict is True
    assert d.jalali == "1404-08-19"
    assert d.to_dict()["weekday_conflict"] is True
    assert one(nlp, "جلسه دوشنبه ۱۹ آبان ۱۴۰۴ برگزار شد.").weekday_conflict is False


# -- times --------------------------------------------------------------------------------------

@pytest.mark.parametrize("text,time", [
    ("ساعت ۱۰:۳۰", "10:30"),
    ("ساعت ۱۰ صبح", "10:00"),
    ("ساعت ۵ عصر", "17:00"),
    ("ساعت ۱۱ شب", "23:00"),
    ("ساعت ۱۹ و ۳۰ دقیقه", "19:30"),
    ("ساعت یک و نیم بعد از ظهر", "13:30"),
    ("ساعت ۲:۱۵ ب.ظ", "14:15"),
])
def test_times(nlp, text, time):
    d = one(nlp, f"نشست {text} آغاز شد.")
    assert d.time == time


def test_date_with_time_gives_one_value_and_two_entities(nlp):
    doc = nlp("نشست ساعت ۱۰ صبح روز دوشنبه ۱۹ آبان ۱۴۰۴ آغاز شد.", published=PUB).doc
    (d,) = doc.dates
    assert (d.jalali, d.time) == ("1404-08-19", "10:00")
    labels = sorted((e.label, e.text) for e in doc.entities)
    assert labels == [("DATE", "روز دوشنبه ۱۹ آبان ۱۴۰۴"), ("TIME", "ساعت ۱۰ صبح")]


def test_part_of_day_is_kept(nlp):
    d = one(nlp, "وزیر شامگاه دوشنبه به تهران رسید.")
    assert d.jalali == "1404-08-19" and d.part_of_day == "evening"
    assert d.to_dict()["part_of_day"] == "evening"


# -- precision ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "۱۹ نفر در این حادثه مصدوم شدند.",
    "طبق ماده ۱۹ قانون کار عمل شد.",
    "بودجه ۱۴۰۴ هزار تومان افزایش یافت.",
    "در دفتر مهر و موم شد.",
    "بهمن فرمان‌آرا فیلم تازه‌ای ساخت.",
    "آذر نفیسی کتاب خود را معرفی کرد.",
    "صدای شلیک تیر شنیده شد.",
    "با شماره ۰۲۱-۸۸۸۸۱۲۳۴ یا ۰۹۱۲۳۴۵۶۷۸۹ تماس بگیرید.",
    "تورم ۱۹ درصد و رشد ۴٪ بود.",
    "امام جمعه تهران در نماز جمعه سخنرانی کرد.",
    "در دنیای امروز ارتباطات اهمیت دارد.",
    "رجب طیب اردوغان با پوتین گفتگو کرد.",
    "تیم با نتیجه سه بر صفر شکست خورد.",
    "نسخه ۲.۱.۳ نرم‌افزار منتشر شد.",
])
def test_precision_negatives(nlp, text):
    doc = nlp(text, published=PUB).doc
    assert doc.dates == []
    assert doc.ents("DATE", "TIME") == []


# -- offsets and the stage contract -------------------------------------------------------------

def test_offsets_point_into_the_original_text(nlp):
    text = "وزير در تاريخ  ١٩ آبان‌ماه 1404 ساعت 10:30 صبح وارد شد و ديروز هم آمده بود."
    doc = nlp(text, published=PUB).doc
    assert doc.dates and doc.ents("DATE", "TIME")
    for d in doc.dates:
        assert text[d.start:d.end] == d.text
    for e in doc.ents("DATE", "TIME"):
        assert text[e.start:e.end] == e.text


def test_entities_from_earlier_stages_are_replaced_only_when_overlapping():
    from persian_ie.document import Span
    from persian_ie.segment import Segmenter

    text = "زاکانی دیروز به مسکو رفت."
    doc = Segmenter()(Normalizer()(Document(text, published=PUB)))
    doc.entities = [Span("زاکانی", 0, 6, label="PER"), Span("دیروز", 7, 12, label="DATE")]
    DateExtractor()(doc)
    assert [(e.text, e.label) for e in doc.entities] == [("زاکانی", "PER"), ("دیروز", "DATE")]
    assert doc.dates[0].jalali == "1404-08-18"


def test_stage_builds_without_arguments_and_is_registered():
    from persian_ie.registry import STAGES, create_stage

    assert STAGES["dates"] == "persian_ie.dates:DateExtractor"
    stage = create_stage("dates")
    assert isinstance(stage, DateExtractor)
    doc = Normalizer()(Document("دیروز", published=PUB))
    assert stage(doc).dates[0].jalali == "1404-08-18"  # works without the segmenter too


def test_durations_are_found_but_not_emitted_by_default(nlp):
    doc = nlp("جلسه سه ساعت طول کشید و هر روز تکرار شد.", published=PUB).doc
    assert doc.dates == [] and doc.ents("DATE", "TIME") == []
    kinds = sorted(m.kind for m in recognize(doc.norm))
    assert kinds == ["duration", "set"]
    stage = DateExtractor(kinds=("date", "time", "period", "duration", "set"))
    doc2 = stage(Normalizer()(Document("جلسه سه ساعت طول کشید.")))
    assert [(e.text, e.label) for e in doc2.ents()] == [("سه ساعت", "TIME")]


def test_to_dict_follows_the_contract(nlp):
    d = one(nlp, "او دیروز آمد.")
    out = d.to_dict()
    assert set(out) >= {"text", "start", "end", "jalali", "gregorian", "granularity", "weekday", "relative"}
    assert out["relative"] is True and out["granularity"] == "day"


# -- building blocks ----------------------------------------------------------------------------

@pytest.mark.parametrize("words,value", [
    ("نوزده", 19), ("نوزدهم", 19), ("بیست و دوم", 22), ("بیست‌وهشتم", 28), ("اول", 1),
    ("سی و یکم", 31), ("سی‌ام", 30), ("دومین", 2), ("دو هزار و بیست و پنج", 2025),
    ("هزار و چهارصد و چهار", 1404), ("۱۹", 19), ("19", 19), ("چند", None),
])
def test_parse_number(words, value):
    assert parse_number(words) == value


def test_lexicon_is_data():
    lex = get_lexicon()
    assert lex.month_by_name["اردیبهشت"] == ("jalali", 2)
    assert lex.month_by_name["ژوئن"] == ("gregorian", 6)
    assert lex.month_by_name["ذی الحجه"] == ("hijri", 12)
    assert lex.weekday_by_name["پنج شنبه"] == 5
    assert get_lexicon() is lex  # loaded once per process


# -- context: ranges, anaphora, tense, figurative «امروز» ----------------------------------------

def test_range_start_borrows_the_year_of_its_end(nlp):
    found = dates(nlp, "آزمایش‌ها از ۲۷ ژانویه تا ۱۵ مارس ۲۰۱۵ ادامه داشت.")
    assert [d.gregorian for d in found] == ["2015-01-27", "2015-03-15"]


def test_same_year_refers_back(nlp):
    found = dates(nlp, "نمونه اول در ژوئن ۱۹۵۰ و دومی در دسامبر همین سال ساخته شد.")
    assert [d.gregorian for d in found] == ["1950-06", "1950-12"]
    # with no year before it, no guess
    assert one(nlp, "دومی در دسامبر همین سال ساخته شد.").jalali is None


def test_month_without_year_in_a_future_sentence_moves_forward(nlp):
    # published 1398-12-26: Mehr just past is six months back; «ادامه خواهد یافت» looks ahead
    assert one(nlp, "این طرح تا اواسط مهرماه ادامه خواهد یافت.", published="1398-12-26").jalali == "1399-07"
    assert one(nlp, "این طرح در اواسط مهرماه اجرا شد.", published="1398-12-26").jalali == "1398-07"


def test_gregorian_relative_year(nlp):
    d = one(nlp, "انتخابات در پایان سال جاری میلادی برگزار شد.", published="1398-12-22")
    assert (d.gregorian, d.granularity) == ("2020", "year")


def test_figurative_today_is_not_a_date(nlp):
    assert dates(nlp, "اما امروز ۱۵۰ رشته در این دانشگاه وجود دارد.") == []
    assert one(nlp, "وزیر امروز به مسکو رفت.").jalali == PUB


def test_weekday_sets_are_not_days(nlp):
    assert dates(nlp, "مدارس از روزهای پنجشنبه استفاده کنند.") == []
    assert dates(nlp, "آخرین جمعه ماه به روستا رفت.") == []


def test_years_named_by_their_event(nlp):
    assert one(nlp, "در انتخابات ۸۸ شرکت کرد.").jalali == "1388"
    assert one(nlp, "در فینال یورو ۲۰۱۶ مصدوم شد.").gregorian == "2016"


def test_place_names_with_dates_are_not_dates(nlp):
    assert dates(nlp, "مجموعه ورزشی ۱۵ خرداد افتتاح شد و در خیابان ۱۷ شهریور ترافیک است.") == []


def test_night_before_a_weekday_is_the_previous_evening(nlp):
    d = one(nlp, "ساعت ۲۳ شب جمعه به خانه رسید.")  # «شب جمعه» is Thursday night
    assert (d.jalali, d.weekday, d.time) == ("1404-08-15", "پنجشنبه", "23:00")
    assert one(nlp, "جمعه شب به خانه رسید.").jalali == "1404-08-16"


def test_bare_weekday_with_a_present_tense_verb_is_ahead(nlp):
    # published Monday 1404-08-19: «روز چهارشنبه … برقرار می‌شود» is this coming Wednesday
    assert one(nlp, "وی افزود، روز چهارشنبه اولین پرواز برقرار می‌شود.").jalali == "1404-08-21"
    # the writer's own present («مرور می‌کنیم») does not move a past event
    assert one(nlp, "نتایج انتخابات سه‌شنبه را مرور می‌کنیم.").jalali == "1404-08-13"


@pytest.mark.parametrize("text", [
    "نه آبان، نه آذر، نه دی؛ زاده مهرم.",        # «نه» = not
    "بیماری کووید ۱۹ می تواند خطرناک باشد.",      # «می» = verb prefix
    "مراجعان نمازهای جماعت و جمعه سالمند هستند.",
    "سردار رمضان شریف سخنگوی سپاه گفت.",           # a name
])
def test_more_precision_negatives(nlp, text):
    assert [d.text for d in dates(nlp, text)] == []


def test_context_rules_on_real_patterns(nlp):
    assert one(nlp, "در مقدماتی جام جهانی ۹۸ بازی کرد.").gregorian == "1998"
    # «سه‌شنبه جاری»: the Tuesday of this week (published Monday)
    assert one(nlp, "خواستار تظاهرات در روز سه‌شنبه جاری شدند.").jalali == "1404-08-20"
    # «۱۶ روز نخست اسفندماه»: the month, not its first day
    d = one(nlp, "مصرف در ۱۶ روز نخست اسفندماه ۱۴۰۳ کم شد.")
    assert (d.jalali, d.granularity) == ("1403-12", "month")
    # subjunctive looks ahead: October still to come
    assert one(nlp, "بازی‌ها ۱۵ اکتبر برگزار شوند.", published="1398-12-18").gregorian == "2020-10-15"


def test_glued_daypart_and_weekday_number(nlp):
    d = one(nlp, "وی عصرسه شنبه به ایرنا گفت.")  # «عصر» glued to «سه»: Tuesday, not Saturday
    assert (d.text, d.jalali) == ("سه شنبه", "1404-08-13")


def test_past_tense_keeps_a_yearless_month_behind(nlp):
    # published 1398-09-17 (December 2019): «ماه ژوئن … سفر کرده بود» is June 2019
    assert one(nlp, "او در ماه ژوئن به ایران سفر کرده بود.", published="1398-09-17").gregorian == "2019-06"


def test_bare_year_above_1450_is_gregorian(nlp):
    assert one(nlp, "غرناطه تا سال ۱۴۹۲ در دست مسلمانان بود.").gregorian == "1492"


def test_named_past_events_get_no_guessed_year(nlp):
    assert one(nlp, "با گرامی‌داشت یاد قیام ۱۵ خرداد سخن گفت.").jalali is None
    assert one(nlp, "پس از حملات ۱۱ سپتامبر سیاست آمریکا تغییر کرد.").jalali is None
    found = dates(nlp, "در سال ۱۳۴۲ و قیام ۱۵ خرداد مردم به خیابان آمدند.")
    assert [d.jalali for d in found] == ["1342", "1342-03-15"]
    # after a demonstrative the noun is the subject and the date an ordinary one
    assert one(nlp, "این حادثه ۱۷ شهریور رخ داد.", published="1398-10-10").jalali == "1398-06-17"


def test_a_movement_named_after_a_day_is_not_a_date(nlp):
    # issue 10: «جنبش ۱۵ خرداد»-like names of movements and coalitions are names
    assert dates(nlp, "اعضای جنبش ۱۵ خرداد در این دیدار حضور داشتند.") == []
    assert dates(nlp, "رهبران ائتلاف ۱۴ مارس لبنان با او دیدار کردند.") == []
    assert dates(nlp, "فعالان جنبش «۶ آوریل» مصر بازداشت شدند.") == []
    # with its year the day is a date again
    assert one(nlp, "قیام ۱۵ خرداد ۱۳۴۲ نقطه عطف بود.").jalali == "1342-03-15"

def test_a_day_range_gives_its_first_day_and_keeps_the_last(nlp):
    d = one(nlp, "ترامپ ۲۴ و ۲۵ فوریه به هند سفر می‌کند.", published="1398-11-22")
    assert (d.text, d.jalali, d.attrs["range_end"]) == ("۲۴ و ۲۵ فوریه", "1398-12-05", "1398-12-06")
    d = one(nlp, "نمایشگاه از ۱۵ تا ۱۸ بهمن برگزار می‌شود.", published="1398-11-01")
    assert (d.jalali, d.attrs["range_end"]) == ("1398-11-15", "1398-11-18")
    assert "range_end" not in one(nlp, "نشست ۱۸ بهمن برگزار شد.", published="1398-11-01").attrs


def test_a_bare_weekday_keeps_its_weekday_for_re_anchoring(nlp):
    d = one(nlp, "وزیر روز دوشنبه به تاجیکستان سفر کرد.", published="1398-10-10")
    assert (d.jalali, d.attrs["weekday_index"], d.attrs["week_rel"]) == ("1398-10-09", 2, None)
    assert "weekday_index" not in one(nlp, "امروز دوشنبه دیدار کردند.", published="1398-10-09").attrs


def test_two_digit_numeric_dates_take_the_reading_nearest_to_publication(nlp):
    assert one(nlp, "این سند در تاریخ 12/25/19 منتشر شد.", published="1398-10-10").jalali == "1398-10-04"
    assert one(nlp, "نامه مورخ ۵/۱۰/۹۸ به دست ما رسید.", published="1398-10-10").jalali == "1398-10-05"
    # without a publication date the Persian order wins
    assert one(nlp, "نامه مورخ ۹۸/۱۰/۰۵ رسید.", published=None).jalali == "1398-10-05"
