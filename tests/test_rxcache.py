"""The compiled-pattern cache: same patterns back, nothing but patterns read, never required."""

import pickle

import pytest
import regex

from persian_ie import _rxcache


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    """The module's state as in a new process, with its file under ``tmp_path``."""
    monkeypatch.setenv("PERSIAN_IE_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(_rxcache, "_stored", None)
    monkeypatch.setattr(_rxcache, "_patterns", {})
    monkeypatch.setattr(_rxcache, "_used", set())
    monkeypatch.setattr(_rxcache, "_dirty", False)
    return tmp_path


def _new_process(monkeypatch):
    monkeypatch.setattr(_rxcache, "_stored", None)
    monkeypatch.setattr(_rxcache, "_patterns", {})


PATTERN = r"(?<![\p{L}\u200c])(?P<day>[۰-۹]{1,2})[ \u200c](?P<month>آبان|آذر|دی)(?![\p{L}])"
TEXT = "روز دوشنبه ۱۹ آبان ۱۴۰۴ و ۲ آذر"


def test_a_saved_pattern_is_read_back_without_compiling(fresh_cache, monkeypatch):
    first = _rxcache.compile(PATTERN, regex.V1)
    _rxcache.save()
    path = _rxcache.cache_file()
    assert path.parent == fresh_cache and path.is_file()

    _new_process(monkeypatch)

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


def test_a_torn_or_foreign_file_is_ignored(fresh_cache, monkeypatch, capsys):
    path = _rxcache.cache_file()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"\x80\x05garbage")
    assert _rxcache.compile("x+").fullmatch("xxx")

    class Boom:
        def __reduce__(self):
            return (print, ("executed",))

    key = ("y+", 0, int(regex.DEFAULT_VERSION))
    path.write_bytes(pickle.dumps({key: Boom()}))
    assert _rxcache._read(path) == {}  # refused before print was called
    path.write_bytes(pickle.dumps({key: pickle.dumps(Boom())}))  # a foreign entry
    _new_process(monkeypatch)
    assert _rxcache.compile("y+").fullmatch("yy")
    assert "executed" not in capsys.readouterr().out


def test_stale_entries_stay_pickled(fresh_cache, monkeypatch):
    for i in range(5):
        _rxcache.compile(f"a{{{i + 1}}}")
    _rxcache.save()
    _new_process(monkeypatch)
    assert _rxcache.compile("a{2}").fullmatch("aa")
    assert len(_rxcache._stored) == 5 and list(_rxcache._patterns) == [("a{2}", 0, int(regex.DEFAULT_VERSION))]


def test_empty_cache_dir_keeps_nothing_on_disk(tmp_path, monkeypatch):
    monkeypatch.setenv("PERSIAN_IE_CACHE_DIR", "")
    _new_process(monkeypatch)
    monkeypatch.setattr(_rxcache, "_dirty", False)
    assert _rxcache.cache_file() is None
    assert _rxcache.compile("z+").fullmatch("zz")
    _rxcache.save()
    assert list(tmp_path.iterdir()) == []


def test_named_lists_bypass_the_cache(fresh_cache):
    p = _rxcache.compile(r"\L<months>", months=["آبان", "آذر"])
    assert p.search("۱۹ آذر").group() == "آذر"
    assert not _rxcache._patterns
