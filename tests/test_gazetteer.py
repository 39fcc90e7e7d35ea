"""Gazetteer loading, matching and the country helpers."""

from persian_ie.document import Document
from persian_ie.entities import (
    canonical_country, country_for_place, country_of, demonym_country, gazetteer, is_country,
)
from persian_ie.entities.gazetteer import TokenView, phrase_units
from persian_ie.normalize import Normalizer
from persian_ie.segment import Segmenter


def view(text):
    return TokenView(Segmenter()(Normalizer()(Document(text))))


def test_loaded_once():
    assert gazetteer() is gazetteer()
    g = gazetteer()
    assert g.places.size > 300 and g.orgs.size > 100 and len(g.first_names) > 3000


def test_spelling_variants_match_the_same_entry():
    g = gazetteer()
    for form in ("رئیس‌جمهور", "رئیس جمهور", "رييس جمهور"):
        assert g.titles.get(phrase_units(form)) is not None
    assert g.places.get(phrase_units("امریکا")).canonical == "آمریکا"


def test_match_only_whole_tokens():
    v = view("ایرانی‌ها و ایران")
    hits = [(v.text(i, j), e.canonical) for i, j, e in gazetteer().places.scan(v)]
    assert hits == [("ایران", "ایران")]


def test_longest_match_wins():
    v = view("نوار غزه و جمهوری اسلامی ایران")
    hits = [v.text(i, j) for i, j, _ in gazetteer().places.scan(v)]
    assert hits == ["نوار غزه", "جمهوری اسلامی ایران"]


def test_country_of_roles():
    assert country_of("سفیر بلاروس در تهران") == "بلاروس"
    assert country_of("شهردار تهران") == "ایران"
    assert country_of("همتای روس خود") == "روسیه"
    assert country_of("همتای ترکیه‌ای خود") == "ترکیه"
    assert country_of("همتای عمانی خود") == "عمان"
    assert country_of("وزیر امور خارجه کشورمان") == "ایران"
    assert country_of("وزير امور خارجه جمهوري اسلامي ايران") == "ایران"
    assert country_of("رئیس دفتر سیاسی حماس در نوار غزه") == "فلسطین"
    assert country_of("نخست‌وزیر آلبانی") == "آلبانی"
    assert country_of("وزیر خارجه ایالات متحده") == "آمریکا"
    assert country_of("دبیرکل سازمان ملل") is None
    assert country_of("وزیر دفاع این کشور") is None
    assert country_of("") is None and country_of(None) is None


def test_country_for_place_and_variants():
    assert country_for_place("مینسک") == "بلاروس"
    assert country_for_place("اصفهان") == "ایران"
    assert country_for_place("یاسوج") == "ایران"
    assert country_for_place("بلاروسیه") == "بلاروس"
    assert country_for_place("خاورمیانه") is None
    assert canonical_country("بلاروسیه") == "بلاروس"
    assert canonical_country("آمریکایی") == "آمریکا"
    assert canonical_country("جمهوری اسلامی") == "ایران"
    assert demonym_country("روس") == "روسیه"
    assert demonym_country("عمانی") == "عمان"
    assert is_country("بلاروس") and not is_country("تهران") and not is_country("روسی")


def test_organization_patterns_start_at_an_organization_head():
    """:func:`~persian_ie.entities.gazetteer_spans.gazetteer_spans` tries the organization
    patterns only where a head starts: each of them returns None elsewhere."""
    from persian_ie import Pipeline
    from persian_ie.entities.context import Context
    from persian_ie.entities.org_patterns import org_pattern, plain_word_name, subunit_pattern

    nlp = Pipeline(stages=["normalize", "segment"])
    text = ("مرکز ارتباطات و امور بین‌الملل شهرداری تهران و سازمان بیمه سلامت و سفارت روسیه در تهران "
            "به گزارش ایرنا، ستاد تسهیلات سفر مازندران و دانشگاه تهران و کمیته قانون اساسی، "
            "وزارت امور خارجه و بانک مرکزی با دو کمیته علمی دیدار کردند.")
    ctx = Context.of(nlp(text).doc)
    heads = found = 0
    for i in range(len(ctx.view)):
        ends = (org_pattern(ctx, i), plain_word_name(ctx, i), subunit_pattern(ctx, i))
        if ctx.gaz.org_heads.longest_at(ctx.view, i) is None:
            assert ends == (None, None, None)
        else:
            heads += 1
            found += any(e is not None for e in ends)
    assert heads >= 8 and found >= 4


def test_countries_beyond_the_hand_written_list_come_from_cldr():
    # sports and world news name countries Iranian political news seldom does
    assert is_country("کاستاریکا") and is_country("گواتمالا") and is_country("مونته نگرو")
    assert canonical_country("مونته‌نگرو") == canonical_country("مونته نگرو") == "مونته‌نگرو"
    assert canonical_country("اوروگوئه") == "اروگوئه"  # a news spelling of a listed country
    assert canonical_country("بوسنی‌وهرزگوین") == "بوسنی و هرزگوین"
    assert country_for_place("اسکاتلند") == "انگلیس"
    g = gazetteer()
    # a name that is also a first name, an everyday word or a club is left to the tagger
    assert g.places.get(phrase_units("موریس")) is None and g.places.get(phrase_units("بلیز")) is None
    assert canonical_country("موریس") == "موریس" and g.places.get(phrase_units("کاستاریکا")) is not None


def test_the_cldr_country_list_is_rebuilt_the_same():
    import importlib
    import sys
    from pathlib import Path
    import pytest
    pytest.importorskip("babel", reason="Babel (CLDR data) comes with the docs tooling only")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
    try:
        build = importlib.import_module("build_countries_cldr")
    finally:
        sys.path.pop(0)
    shipped = [line.split("\t") for line in build.OUT.read_text(encoding="utf-8").splitlines()
               if line and not line.startswith("#")]
    assert [list(r) for r in build.build()] == shipped
