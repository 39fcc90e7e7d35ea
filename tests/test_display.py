"""The notebook/HTML view (persian_ie.render, Result._repr_html_): self-contained, RTL,
well-formed, every entity and event shown."""

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import persian_ie
from persian_ie import Result

ROOT = Path(__file__).resolve().parents[1]
SEED = (ROOT / "examples" / "seed_article.txt").read_text(encoding="utf-8")
CITY = (ROOT / "tests" / "fixtures" / "events" / "city_meeting.txt").read_text(encoding="utf-8")

VOID = {"meta", "br", "hr", "img", "input", "link"}


class _Checker(HTMLParser):
    """Balanced tags; collects text of <mark> elements and external references."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.marks, self.cards, self.external = [], [], [], 0, []
        self._mark = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for key in ("src", "href"):
            if attrs.get(key):
                self.external.append(attrs[key])
        if "pie-card" in (attrs.get("class") or "").split():
            self.cards += 1
        if tag == "mark":
            self._mark = []
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:]}")
        else:
            self.stack.pop()
        if tag == "mark" and self._mark is not None:
            self.marks.append("".join(self._mark))
            self._mark = None

    def handle_data(self, data):
        if self._mark is not None and self.stack and self.stack[-1] == "mark":
            self._mark.append(data)


def _check(html):
    checker = _Checker()
    checker.feed(html)
    checker.close()
    assert checker.errors == [] and checker.stack == []
    return checker


@pytest.fixture(scope="module")
def results():
    nlp = persian_ie.Pipeline()
    seed = nlp(SEED, "1404-08-19", id="seed")
    seed.meta["title"] = "همکاری تهران و مینسک"
    return [seed, nlp(CITY, "1399-05-01", id="city")]


def test_page_is_self_contained_rtl_and_well_formed(results):
    html = persian_ie.render(results)
    assert html.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in html
    assert '<html lang="fa" dir="rtl">' in html
    checker = _check(html)
    assert checker.external == []                       # no links, images or scripts to fetch
    assert "<script" not in html and "@import" not in html and "url(" not in html
    assert checker.cards == sum(len(r.events) for r in results)


def test_text_is_kept_whole_with_its_zwnj_and_escaped(results):
    city = results[1]
    fragment = persian_ie.render(city, page=False, max_height=None)
    # every character of the article is in the HTML, in order, ZWNJ included
    text_div = re.search(r'<div class="pie-text">(.*?)</div>', fragment, re.S).group(1)
    visible = re.sub(r'<span class="pie-lab">[^<]*</span>', "", text_div)
    visible = re.sub(r"<[^>]+>", "", visible)
    from html import unescape
    assert unescape(visible) == CITY
    assert CITY.count("\u200c") > 0 and fragment.count("\u200c") >= CITY.count("\u200c")
    tricky = persian_ie.extract("<b>سفیر</b> & «زاکانی» دیدار کرد.")
    shown = persian_ie.render(tricky, page=False)
    assert "&lt;b&gt;سفیر&lt;/b&gt; &amp; «" in shown and "<b>سفیر</b>" not in shown


def test_entities_are_marked_by_label(results):
    seed = results[0]
    checker = _check(persian_ie.render(seed, page=False))
    html = persian_ie.render(seed, page=False)
    # each mark holds an entity's text (its label in a separate tag inside); overlapping
    # entities give one mark (the longer), as displacy does
    assert checker.marks and set(checker.marks) <= {e.text for e in seed.entities}
    assert len(checker.marks) <= len(seed.entities)
    for label in {e.label for e in seed.entities}:
        assert f'<span class="pie-lab">{label}</span></mark>' in html


def test_notebook_repr_and_saved_records(results):
    seed = results[0]
    assert seed._repr_html_() == persian_ie.render(seed, page=False)
    bare = Result.from_dict(json.loads(seed.to_json()))        # saved without its text
    html = persian_ie.render([bare, seed.to_dict()])
    _check(html)
    assert "text not saved" in html and html.count('class="pie-card"') == 2 * len(seed.events)
    empty = persian_ie.render(persian_ie.extract(""), page=False)
    _check(empty)


def test_long_article_scrolls_in_its_box(results):
    long_text = "\n\n".join([SEED] * 5)  # ~11,000 characters
    result = persian_ie.extract(long_text, published="1404-08-19")
    html = persian_ie.render(result, page=False)
    assert 'class="pie-text pie-scroll" style="max-height:28em"' in html
    assert "pie-scroll" not in persian_ie.render(result, page=False, max_height=None).split("</style>")[1]
