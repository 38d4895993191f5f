from __future__ import annotations

import signal
import subprocess
import sys

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


def test_a_tick_still_on_its_way_at_the_end_does_not_end_the_process() -> None:
    # As valgrind delivers them: late, after the timer stopped. The default action would end the process.
    script = (
        "import signal, threading\n"
        "from editorial.style import timelimit\n"
        "with timelimit.watch():\n"
        "    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGVTALRM})\n"
        "    signal.pthread_kill(threading.get_ident(), signal.SIGVTALRM)\n"
        "signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGVTALRM})\n"
        "print(signal.getsignal(signal.SIGVTALRM) is signal.SIG_DFL, signal.sigpending())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert (result.returncode, result.stdout, result.stderr) == (0, "True set()\n", "")
