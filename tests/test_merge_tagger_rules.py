"""How the merge (entities/merge.py) settles a tagger's spans against gazetteer and
pattern spans: cases a stronger tagger brought up on news (a title and its country read
as a person, two listed names read as one, a company read as a person in its later
mentions, descriptions and a clause's object read as organizations)."""

from ner_helpers import stage_found


def _found(text, *items):
    return stage_found(text, *items)


def test_a_title_and_its_country_read_as_a_person_is_the_role():
    found = _found("وزیر خارجه آمریکا با امیر قطر تماس تلفنی برقرار کرد.", ("امیر قطر", "PER"))
    assert ("امیر قطر", "PER") not in found
    assert ("امیر قطر", "ROLE") in found
    # a first name that is also a title, before a demonym or a region, is a name
    assert ("امیر تاجیک", "PER") in _found("امیر تاجیک آواز خواند.", ("امیر تاجیک", "PER"))
    assert ("شیخ کریمه", "PER") in _found("شیخ کریمه گفت.", ("شیخ کریمه", "PER"))


def test_the_first_word_of_a_longer_title_is_no_person():
    found = _found("محسن کوهکن نایب رئیس جبهه پیروان گفت.", ("نایب", "PER"), ("محسن کوهکن", "PER"))
    assert ("نایب", "PER") not in found
    assert ("محسن کوهکن", "PER") in found


def test_a_name_the_text_introduces_as_a_company_is_the_company_in_later_mentions():
    text = "شرکت لوفت هانزا زیان داد. لوفت هانزا کمک گرفت. مدیر لوفت هانزا گفت."
    found = _found(text, ("لوفت هانزا", "ORG", 1), ("لوفت هانزا", "PER", 2))
    assert ("لوفت هانزا", "PER") not in found
    assert ("لوفت هانزا", "ORG") in found
    # without the company pattern the tagger's person stays a person
    found = _found("لوفت هانزا کمک گرفت. مدیر لوفت هانزا گفت.", ("لوفت هانزا", "ORG", 0),
                   ("لوفت هانزا", "PER", 1))
    assert ("لوفت هانزا", "PER") in found


def test_a_clauses_indefinite_object_alone_is_no_organization():
    found = _found("رئیس جمهور ازبکستان فرمانی را صادر کرد.", ("فرمانی", "ORG"))
    assert not any(t == "فرمانی" for t, _ in found)


def test_a_bodys_head_with_an_adjective_of_a_place_in_yi_is_a_description():
    found = _found("ایتالیا اکنون به کانون اروپایی آن تبدیل شده است.", ("کانون اروپایی", "ORG"))
    assert ("کانون اروپایی", "ORG") not in found


def test_two_listed_organizations_side_by_side_are_two_names():
    found = _found("ایران با آژانس بین‌المللی انرژی اتمی سازمان ملل همکاری می‌کند.",
                   ("آژانس بین‌المللی انرژی اتمی سازمان ملل", "ORG"))
    assert ("آژانس بین‌المللی انرژی اتمی", "ORG") in found and ("سازمان ملل", "ORG") in found
    assert ("آژانس بین‌المللی انرژی اتمی سازمان ملل", "ORG") not in found
    # a body's unit is named with the body
    found = _found("فرمانده نیروی قدس سپاه پاسداران انقلاب اسلامی آمد.",
                   ("نیروی قدس سپاه پاسداران انقلاب اسلامی", "ORG"))
    assert ("نیروی قدس سپاه پاسداران انقلاب اسلامی", "ORG") in found
