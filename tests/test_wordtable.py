"""entities.crf.WordTable: the word-feature table looked up without a per-word dict."""

from persian_ie.entities.crf import WordTable, load_wordfeat


def test_sorted_and_unsorted_tables_agree():
    rows = ["a\t1\t", "ab\t2\tN", "b\t3\t", "b\t4\tV", "c\t\t"]
    fast, slow = WordTable(sorted(rows)), WordTable(list(reversed(rows)) + ["z"])
    assert fast._lines is not None and slow._rows is not None  # bisection vs dict
    for word, want in [("a", ("1", "")), ("ab", ("2", "N")), ("c", ("", "")), ("abc", None), ("", None)]:
        assert fast.get(word) == want and slow.get(word) == want
    assert fast.get("b") == ("4", "V")  # a repeated word: its last row, as a dict would keep
    assert slow.get("b") == ("3", "")  # (reversed input: the last row is the first one here)
    assert slow["z"] == () and "z" in slow and "zz" not in fast
    assert list(fast) == ["a", "ab", "b", "c"] and len(fast) == 4


def test_shipped_table_is_looked_up_by_bisection():
    table = load_wordfeat()
    assert table._lines is not None, "the shipped wordfeat.tsv.gz should be sorted (fast start-up)"
    assert table.get("تهران") is not None and len(table.get("تهران")) == 5
    assert table.get("\u0000no such word") is None


def test_bisection_over_sampled_lines_finds_every_word():
    """A look-up bisects every BLOCK-th line first, then one block: words at, before and
    after the sampled lines, and absent words between them, are found as in a dict."""
    from persian_ie.entities.crf import _PackedLines

    words = sorted({f"{chr(0x627 + i % 30)}{i:05d}" for i in range(1000)} | {"a", "ab", "abc"})
    rows = [f"{w}\t{k}\tN" for k, w in enumerate(words)]
    fast, slow = WordTable(rows), WordTable(list(reversed(rows)))
    assert fast._lines is not None and len(fast._lines._marks) == -(-len(rows) // _PackedLines.BLOCK)
    for w in words + [w + "0" for w in words[::7]] + [w[:-1] for w in words[::5]] + ["", "\U0010ffff"]:
        assert fast.get(w) == slow.get(w), w
