"""The compiled-pattern cache: same patterns back, nothing but patterns read, never required."""

import pickle

import pytest
import regex

from persian_ie import _rxcache


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """The module's state as in a new process, with its file under ``tmp_path``."""
    monkeypatch.setenv("PERSIAN_IE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_rxcache, "_patterns", None)
    monkeypatch.setattr(_rxcache, "_used", set())
    monkeypatch.setattr(_rxcache, "_dirty", False)
    return tmp_path


PATTERN = r"(?<![\p{L}\u200c])(?P<day>[۰-۹]{1,2})[ \u200c](?P<month>آبان|آذر|دی)(?![\p{L}])"
TEXT = "روز دوشنبه ۱۹ آبان ۱۴۰۴ و ۲ آذر"


def test_a_saved_pattern_is_read_back_without_compiling(fresh_cache, monkeypatch):
    first = _rxcache.compile(PATTERN, regex.V1)
    _rxcache.save()
    path = _rxcache.cache_file()
    assert path.parent == fresh_cache and path.is_file()

    monkeypatch.setattr(_rxcache, "_patterns", None)  # a new process

    def no_compile(*args, **kwargs):
        raise AssertionError("compiled again although the cache holds the pattern")

    monkeypatch.setattr(_rxcache.regex, "compile", no_compile)
    again = _rxcache.compile(PATTERN, regex.V1)
    assert again is not first
    assert [m.groupdict() for m in again.finditer(TEXT)] == [m.groupdict() for m in first.finditer(TEXT)] \
        == [{"day": "۱۹", "month": "آبان"}, {"day": "۲", "month": "آذر"}]
    assert (again.pattern, again.flags, again.groupindex) == (first.pattern, first.flags, first.groupindex)


def test_other_flags_are_another_pattern(fresh_cache):
    plain = _rxcache.compile("abc")
    folded = _rxcache.compile("abc", regex.IGNORECASE)
    assert plain.search("ABC") is None and folded.search("ABC") is not None


def test_a_torn_or_foreign_file_is_ignored(fresh_cache, monkeypatch):
    path = _rxcache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x80\x05garbage")
    assert _rxcache.compile("x+").fullmatch("xxx")

    class Boom:
        def __reduce__(self):
            return (print, ("executed",))

    monkeypatch.setattr(_rxcache, "_patterns", None)
    path.write_bytes(pickle.dumps({("y+", 0, 0): Boom()}))
    assert _rxcache._read(path) == {}  # refused before print was called
    assert _rxcache.compile("y+").fullmatch("yy")


def test_empty_cache_dir_keeps_nothing_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSIAN_IE_CACHE_DIR", "")
    monkeypatch.setattr(_rxcache, "_patterns", None)
    monkeypatch.setattr(_rxcache, "_dirty", False)
    assert _rxcache.cache_file() is None
    assert _rxcache.compile("z+").fullmatch("zz")
    _rxcache.save()
    assert list(tmp_path.iterdir()) == []


def test_named_lists_bypass_the_cache(fresh_cache):
    p = _rxcache.compile(r"\L<months>", months=["آبان", "آذر"])
    assert p.search("۱۹ آذر").group() == "آذر"
    assert not _rxcache._patterns
