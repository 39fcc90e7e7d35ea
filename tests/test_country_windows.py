"""LetterRuns.countries_between(a, b) is countries_in(text[a:b]) for every window."""

import random

from persian_ie import normalize
from persian_ie.events.countries import LetterRuns, countries_in

TEXT = normalize(
    "زاکانی شهردار تهران روز دوشنبه با سفیر بلاروس دیدار کرد. وزیر خارجه کشورمان در سفر به مسقط "
    "با همتای عمانی خود و نماینده روسیه‌ای گفت‌وگو کرد؛ روسای جمهور چین و هند نیز در نشست حضور داشتند. "
    "سفیر ایرانی‌ای در مینسک گفت: همکاری ایران و بلاروس ادامه دارد،روسیه و چین،هندی‌ها و عمانی‌ها هم آمدند."
)


def test_every_window_matches_a_scan_of_its_slice():
    runs = LetterRuns(TEXT)
    assert runs.countries_between(0, len(TEXT)) == countries_in(TEXT)
    assert {c for _, _, c, _ in countries_in(TEXT)} >= {"ایران", "بلاروس", "عمان", "روسیه", "چین", "هند"}
    rnd = random.Random(7)
    for _ in range(3000):
        a = rnd.randrange(0, len(TEXT) + 1)
        b = rnd.randrange(a, len(TEXT) + 1)
        assert runs.countries_between(a, b) == countries_in(TEXT[a:b]), (a, b)
    for a in range(len(TEXT)):  # every start, windows cutting words at both ends
        assert runs.countries_between(a, a + 9) == countries_in(TEXT[a:a + 9]), a


def test_out_of_range_windows():
    runs = LetterRuns(TEXT)
    assert runs.countries_between(-5, 30) == countries_in(TEXT[0:30])
    assert runs.countries_between(len(TEXT) - 10, len(TEXT) + 50) == countries_in(TEXT[-10:])
    assert runs.countries_between(20, 20) == [] and runs.countries_between(30, 10) == []
    assert LetterRuns("").countries_between(0, 10) == []


def test_countries_in_knows_the_cldr_countries_but_not_their_ambiguous_forms():
    from persian_ie.events.countries import countries_in
    found = [(c, kind) for _, _, c, kind in countries_in("وزیر خارجه گواتمالا و سفیر کاستاریکا")]
    assert ("گواتمالا", "country") in found and ("کاستاریکا", "country") in found
    # «موریس» is also a first name: CLDR lists it as ambiguous, so it is no country mention
    assert countries_in("موریس گفت") == []
