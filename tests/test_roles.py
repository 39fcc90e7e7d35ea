"""ROLE phrases at full extent and their links to names."""

import pytest

from persian_ie import Pipeline
from persian_ie.entities import EntityRecognizer


@pytest.fixture(scope="module")
def nlp():
    return Pipeline(stages=["normalize", "segment", ("entities", EntityRecognizer(backend=None))])


def roles(nlp, text):
    doc = nlp(text).doc
    return doc, [e for e in doc.entities if e.label == "ROLE"]


@pytest.mark.parametrize("text, role", [
    ("شهردار تهران امروز گفت.", "شهردار تهران"),
    ("سفیر بلاروس در تهران گفت.", "سفیر بلاروس در تهران"),
    ("وزیر امور خارجه گفت.", "وزیر امور خارجه"),
    ("رئیس‌جمهور گفت.", "رئیس‌جمهور"),
    ("استاندار اصفهان گفت.", "استاندار اصفهان"),
    ("معاون وزیر گفت.", "معاون وزیر"),
    ("سخنگوی دولت گفت.", "سخنگوی دولت"),
    ("دبیرکل گفت.", "دبیرکل"),
    ("مدیرعامل شرکت ملی نفت ایران گفت.", "مدیرعامل شرکت ملی نفت ایران"),
    ("نماینده مردم شیراز در مجلس گفت.", "نماینده مردم شیراز در مجلس"),
    ("او با همتای روس خود گفت‌وگو کرد.", "همتای روس خود"),
    ("او با همتای عمانی خود دیدار کرد.", "همتای عمانی خود"),
    ("وزیر امور خارجه جمهوری اسلامی ایران گفت.", "وزیر امور خارجه جمهوری اسلامی ایران"),
    ("معاون سیاسی امنیتی استاندار کهگیلویه و بویراحمد گفت.", "معاون سیاسی امنیتی استاندار کهگیلویه و بویراحمد"),
    ("وزیر دفاع این کشور گفت.", "وزیر دفاع این کشور"),
    ("رؤسای جمهور ترکیه و فرانسه گفتند.", "رؤسای جمهور ترکیه و فرانسه"),
])
def test_role_full_extent(nlp, text, role):
    _, found = roles(nlp, text)
    assert role in [r.text for r in found]


def test_role_does_not_swallow_the_next_clause(nlp):
    _, found = roles(nlp, "وزیر خارجه عمان مسقط را ترک کرد.")
    assert [r.text for r in found] == ["وزیر خارجه عمان"]


def test_bare_generic_title_is_not_a_role(nlp):
    _, found = roles(nlp, "رئیس گفت که معاون می‌آید.")
    assert found == []


def test_name_then_role_link(nlp):
    doc, found = roles(nlp, "علیرضا زاکانی، شهردار تهران امروز گفت.")
    role = found[0]
    assert role.attrs["person"].text == "علیرضا زاکانی"
    assert role.attrs["person"].attrs["role"] is role


def test_role_then_quoted_name_link(nlp):
    doc, found = roles(nlp, "او با سفیر بلاروس در تهران «دیمتری کالتسوف» دیدار کرد.")
    assert found[0].attrs["person"].text == "دیمتری کالتسوف"
    per = [e for e in doc.entities if e.label == "PER"]
    assert [p.text for p in per] == ["دیمتری کالتسوف"]  # without the guillemets


def test_quoted_name_then_role_link(nlp):
    doc, found = roles(nlp, "پمپئو با «ادی راما» نخست‌وزیر آلبانی دیدار کرد.")
    role = [r for r in found if r.text == "نخست‌وزیر آلبانی"][0]
    assert role.attrs["person"].text == "ادی راما"


def test_role_then_name_with_comma(nlp):
    doc, found = roles(nlp, "سخنگوی دولت، فاطمه مهاجرانی گفت.")
    assert found[0].attrs["person"].text == "فاطمه مهاجرانی"


def test_unlinked_role_has_no_person(nlp):
    doc, found = roles(nlp, "شهردار تهران در این جلسه گفت.")
    assert "person" not in found[0].attrs


def test_name_never_contains_the_title(nlp):
    doc, _ = roles(nlp, "محمدجواد ظریف وزیر امور خارجه ایران با همتای ترکیه‌ای خود دیدار کرد.")
    for e in doc.entities:
        if e.label == "PER":
            assert "وزیر" not in e.text


def test_name_without_comma_before_a_role(nlp):
    doc, found = roles(nlp, "آنتونیولوئیس اسپینولاسا لگادو سفیر جدید برزیل نیز گفت.")
    assert found[0].text == "سفیر جدید برزیل"
    assert found[0].attrs["person"].text == "آنتونیولوئیس اسپینولاسا لگادو"


def test_full_name_with_a_common_middle_word_before_a_role(nlp):
    doc, found = roles(nlp, "ولادیمیر پوتین، رئیس جمهور روسیه و رجب طیب اردوغان، همتای ترکیه‌ای او گفتند.")
    links = {r.text: r.attrs["person"].text for r in found if "person" in r.attrs}
    assert links == {"رئیس جمهور روسیه": "ولادیمیر پوتین", "همتای ترکیه‌ای او": "رجب طیب اردوغان"}


def test_role_attrs_for_the_events_stage(nlp):
    doc, found = roles(nlp, "مدیرعامل شرکت ملی نفت ایران با سفیر بلاروس در تهران و همتای عمانی خود دیدار کرد.")
    by_text = {r.text: r for r in found}
    ceo = by_text["مدیرعامل شرکت ملی نفت ایران"]
    assert ceo.attrs["organization"].text == "شرکت ملی نفت ایران" and ceo.attrs["country"] == "ایران"
    assert by_text["سفیر بلاروس در تهران"].attrs["country"] == "بلاروس"
    assert by_text["سفیر بلاروس در تهران"].attrs["organization"] is None
    assert by_text["همتای عمانی خود"].attrs["country"] == "عمان"


def test_an_organizations_branch_may_be_placed(nlp):
    _, found = roles(nlp, "یحیی سنوار، رئیس دفتر سیاسی حماس در نوار غزه گفت.")
    assert found[0].text == "رئیس دفتر سیاسی حماس در نوار غزه"
    _, found = roles(nlp, "وزیر خارجه آمریکا در تهران گفت.")
    assert found[0].text == "وزیر خارجه آمریکا"


def test_ezafe_forms_of_titles(nlp):
    _, found = roles(nlp, "نماینده‌ی مردم تبریز و سخنگوی دولت گفتند.")
    assert [r.text for r in found] == ["نماینده‌ی مردم تبریز", "سخنگوی دولت"]
    _, found = roles(nlp, "فرماندهی سپاه اعلام کرد.")  # «command», not «commander of»
    assert found == []


def test_role_does_not_end_on_a_dangling_word(nlp):
    _, found = roles(nlp, "مدیر امور گفت.")
    assert found == []
    _, found = roles(nlp, "معاون امور بین‌الملل شهرداری تهران گفت.")
    assert [r.text for r in found] == ["معاون امور بین‌الملل شهرداری تهران"]


def test_a_name_after_a_counterpart_is_the_possessor(nlp):
    doc, found = roles(nlp, "همتای ازبکستانی مایک پامپئو گفت.")
    assert "person" not in found[0].attrs
    doc, found = roles(nlp, "سخنگوی دولت، علی ربیعی گفت.")
    assert found[0].attrs["person"].text == "علی ربیعی"
