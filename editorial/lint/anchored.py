"""proselint's slowest check, finding the same results faster.

Its fancy ``uncomparables`` check is one alternation of 180 patterns,
``(?<!at\\s)\\bmost\\s+unique\\b`` and the like, which Python's re tries at every
position of the text: 70% of all proselint's time on a newsletter. Each of
those patterns starts with "least" or "most", so here the same pattern is
tried only where one of those words stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from proselint.checks import uncomparables
from proselint.registry.checks import Check
from proselint.registry.checks.engine import Fancy, RegexOptions


class Anchored(Fancy):
    """proselint's Fancy engine, trying a pattern only where a word that starts each of its matches stands.

    The words are found with the pattern's own flags, so with its case
    folding, and each place where one starts is found even where they overlap.
    At each, the whole pattern is tried as finditer would try it there (its
    lookbehind and word boundary see the text before); no match can start
    anywhere else. So the matches are the same, in the same order.
    """

    def __init__(self, opts: RegexOptions, starts: tuple[str, ...]) -> None:
        super().__init__(opts)
        self.starts = f"(?=(?:{'|'.join(map(re.escape, starts))}))"

    def finditer(self, pattern: str, text: str) -> Iterator[Any]:
        whole = self.compiled_pattern(pattern)
        end = 0
        for place in self.compiled_pattern(self.starts).finditer(text):
            if place.start() >= end and (found := whole.match(text, place.start())):
                end = found.end()
                yield found


def sped_up(check: Check) -> Check:
    """``check``, or the same check on the :class:`Anchored` engine where that is known to be the same."""
    if check.check_type is uncomparables.check_fancy_uncomparables.check_type:
        return check._replace(engine=Anchored(check.engine.opts, uncomparables.FANCY_COMPARATORS))
    return check
