"""_resources.paused_gc: the collector is off inside the block and as it was after it."""

import gc

import pytest

from persian_ie._resources import paused_gc


def test_collector_paused_then_restored():
    assert gc.isenabled()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with paused_gc():
            raise ValueError("a failing load")
    assert gc.isenabled()


def test_a_collector_switched_off_by_the_caller_stays_off():
    gc.disable()
    try:
        with paused_gc():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
