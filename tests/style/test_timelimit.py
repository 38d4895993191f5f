from __future__ import annotations

import signal

import pytest

from editorial.style import timelimit


def test_each_tick_counts_for_the_rule_running_and_raises_once_at_the_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(timelimit, "TIME_LIMIT", 3 * timelimit.TICK)
    watch = timelimit.Watch()
    watch.tick(signal.SIGVTALRM, None)  # the engine's own work: no rule's time
    watch.rule = "Team.Slow"
    watch.tick(signal.SIGVTALRM, None)
    watch.tick(signal.SIGVTALRM, None)
    watch.rule = "Team.Quick"
    watch.tick(signal.SIGVTALRM, None)
    assert watch.spent == {"Team.Slow": 2 * timelimit.TICK, "Team.Quick": timelimit.TICK}
    watch.rule = "Team.Slow"
    with pytest.raises(timelimit.OutOfTime, match="Team.Slow"):
        watch.tick(signal.SIGVTALRM, None)
    assert watch.rule is None
    watch.tick(signal.SIGVTALRM, None)  # while it unwinds: nothing more


def test_the_timer_and_the_handler_before_are_restored() -> None:
    def mine(signum: int, frame: object) -> None:
        pass

    previous = signal.signal(signal.SIGVTALRM, mine)
    try:
        with timelimit.watch() as watch:
            assert signal.getsignal(signal.SIGVTALRM) == watch.tick
            assert signal.getitimer(signal.ITIMER_VIRTUAL)[1] == timelimit.TICK
        assert signal.getsignal(signal.SIGVTALRM) is mine
        assert signal.getitimer(signal.ITIMER_VIRTUAL) == (0.0, 0.0)
    finally:
        signal.signal(signal.SIGVTALRM, previous)
