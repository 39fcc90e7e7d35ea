"""Which day an event takes (persian_ie.events.dating; issue 10 item 7).

Sentences written for these tests in the style of Persian news. Conventions: dev_news
README («X گذشته» on the same weekday is a week back; a planned bare weekday or «X آینده»
is the next such weekday after publication; a multi-day event takes its first day and a
meeting inside the range none; a date that belongs to a statement is not the event's).
"""

from __future__ import annotations

import pytest

import persian_ie

PUB = "1398-10-10"  # a Tuesday


def events(text, published=PUB):
    return [(e.type, e.status, e.date.jalali if e.date else None) for e in persian_ie.extract(text, published=published).events]


def one(text, kind, published=PUB):
    found = [x for x in events(text, published) if x[0] == kind]
    assert len(found) == 1, events(text, published)
    return found[0]


def test_the_day_of_a_statement_is_not_the_events():
    assert one("کاخ سفید امروز اعلام کرد که ترامپ قرار است به هند سفر کند.", "visit")[2] is None


@pytest.mark.parametrize("text, day", [
    ("وزیر خارجه ایران روز یکشنبه گذشته با همتای روس خود در مسکو دیدار کرد.", "1398-10-08"),
    ("وزیر خارجه ایران سه‌شنبه گذشته با همتای روس خود در مسکو دیدار کرد.", "1398-10-03"),   # same weekday: a week back
    ("وزیر خارجه ایران روز سه‌شنبه با همتای روس خود در مسکو دیدار کرد.", "1398-10-10"),     # past, bare: on or before
    ("قرار است وزیر خارجه ایران روز سه‌شنبه با همتای روس خود در مسکو دیدار کند.", "1398-10-17"),  # planned: after
    ("وزیر خارجه ایران سه‌شنبه آینده با همتای روس خود در مسکو دیدار خواهد کرد.", "1398-10-17"),
])
def test_weekdays_follow_the_events_tense(text, day):
    assert one(text, "meeting")[2] == day


def test_moments_ago_is_the_publication_day():
    assert one("رئیس‌جمهور ساعاتی پیش با نخست‌وزیر عراق تلفنی گفت‌وگو کرد.", "phone_call")[2] == PUB


def test_the_day_of_a_relative_clause_stays_there():
    text = "وزیر راه که صبح امروز وارد دمشق شد، در ملاقات با همتای سوری خود درباره حمل و نقل گفت‌وگو خواهد کرد."
    assert one(text, "visit")[2] == PUB
    assert one(text, "meeting")[2] is None


def test_a_range_dates_the_trip_by_its_first_day_and_not_the_meeting_in_it():
    text = "وزیر نیرو ۲۴ و ۲۵ بهمن به مسکو سفر می‌کند و با همتای روس خود دیدار خواهد کرد."
    assert one(text, "visit", "1398-11-01")[2] == "1398-11-24"
    assert one(text, "meeting", "1398-11-01")[2] is None


def test_the_day_of_another_happening_is_not_taken():
    text = "معاون وزیر در جلسه روز یکشنبه گذشته خود با نخست‌وزیر ژاپن، او را در جریان سفر رئیس‌جمهور به توکیو قرار داد."
    assert [d for t, _, d in events(text) if t == "visit"] == [None]


def test_coordinated_verbs_share_their_day():
    text = "وزیر خارجه ایران روز دوشنبه به مسکو سفر کرد و با همتای روس خود دیدار و گفت‌وگو کرد."
    assert one(text, "visit")[2] == one(text, "meeting")[2] == "1398-10-09"
