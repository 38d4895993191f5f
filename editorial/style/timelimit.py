"""A time limit for each rule on each file.

Vale matches with Go's RE2, in time that grows with the text alone; this
engine's patterns backtrack (as lookbehind and backreferences need), and one
such as ``(a|aa)+$`` takes minutes on forty letters, hours on fifty. So each
rule has :data:`TIME_LIMIT` seconds of CPU time on each file, and a rule that
has had them is stopped there.

The time is sampled, not measured: while a file is checked, a CPU timer
(``ITIMER_VIRTUAL``) ticks every :data:`TICK` seconds, and each tick counts for
the rule running then. Reading a CPU clock around every match instead (the
regex module's own ``timeout`` does) is a system call each time: it made the
engine a fifth slower on the five Vale packages. A tick that finds its rule
out of time raises :class:`OutOfTime` in it, whatever it is doing: the regex
module looks for signals while it matches.

Signals go to the main thread alone, and Windows has no such timer; elsewhere
the rules run without a limit."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

TIME_LIMIT = 2.0  # seconds of CPU time per rule and file
TICK = 0.05


class OutOfTime(BaseException):
    """Raised in a rule that has had its time on the file.

    Like KeyboardInterrupt, it comes from outside the code it interrupts: no
    ``except Exception`` in a rule may take it for one of its own errors.
    """


class Watch:
    """The time the rules have had on one file; ``rule`` is the one running (the engine sets it)."""

    def __init__(self) -> None:
        self.rule: str | None = None
        self.spent: dict[str, float] = {}

    def tick(self, signum: int, frame: FrameType | None) -> None:
        rule = self.rule
        if rule is None:  # the engine's own work
            return
        spent = self.spent[rule] = self.spent.get(rule, 0.0) + TICK
        if spent >= TIME_LIMIT:
            self.rule = None  # one exception per rule: a tick while it unwinds raises no other
            raise OutOfTime(rule)


@contextmanager
def watch() -> Iterator[Watch]:
    """A watch on the rules' time while they check one file, with the timer ticking where it can."""
    watching = Watch()
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield watching
        return
    handler = signal.signal(signal.SIGVTALRM, watching.tick)
    timer = signal.setitimer(signal.ITIMER_VIRTUAL, TICK, TICK)
    try:
        yield watching
    finally:
        watching.rule = None
        # A tick may be on its way still (valgrind, for one, delivers signals late): blocked
        # and taken here, it cannot meet the handler before, whose default is to end the process.
        mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGVTALRM})
        try:
            signal.setitimer(signal.ITIMER_VIRTUAL, *timer)
            if signal.SIGVTALRM in signal.sigpending():
                signal.sigwait({signal.SIGVTALRM})
            signal.signal(signal.SIGVTALRM, handler if handler is not None else signal.SIG_DFL)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, mask)
