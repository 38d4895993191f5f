"""editorial.lint.anchored: proselint's fancy uncomparables check, sped up, finds exactly what proselint's finds."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from proselint.checks import uncomparables

from editorial.lint.anchored import Anchored, sped_up

PROSELINTS = uncomparables.check_fancy_uncomparables
OURS = sped_up(PROSELINTS)
EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "2021-01"

# Words and gaps the pattern turns on: its comparators in other cases (and the
# long s that re's case folding takes for "s"), the "at" its lookbehind looks
# for, words that end in or contain a comparator, and the adjectives themselves.
FRAGMENTS = [
    "most", "least", "Most", "LEAST", "leaſt", "moſt", "almost", "utmost", "mostly", "at", "At", "that",
    *uncomparables.UNCOMPARABLES[::7], "unique", "uniquely", "perfect", "-", "'", "é", "_", "1",
    " ", "  ", "\n", "\t", "\u00a0", ".", ",",
]  # fmt: skip


def both(text: str) -> tuple[list[object], list[object]]:
    return list(PROSELINTS.check_with_flags(text)), list(OURS.check_with_flags(text))


def test_only_the_fancy_uncomparables_check_is_changed() -> None:
    assert isinstance(OURS.engine, Anchored)
    assert OURS._replace(engine=PROSELINTS.engine) == PROSELINTS
    assert sped_up(uncomparables.check_uncomparables) is uncomparables.check_uncomparables


def test_what_it_finds_in_every_pairing_and_its_neighbours() -> None:
    pairs = [f"{c} {a}" for c in uncomparables.FANCY_COMPARATORS for a in uncomparables.UNCOMPARABLES]
    text = "\n" + ". ".join(pairs) + ". At most unique. at  least absolute. almost unique. Most\tcorrect, LEAST\nideal.\n"
    theirs, ours = both(text)
    assert ours == theirs
    assert len(ours) == len(pairs) + 3  # not right after "at ", nor inside "almost"
    tail = text.index(". At most unique.")
    assert [r.span for r in ours[-3:]] == [
        (tail + 22, tail + 36),
        (tail + 53, tail + 65),
        (tail + 67, tail + 78),
    ]
    assert [text[slice(*r.span)] for r in ours[-3:]] == ["least absolute", "Most\tcorrect", "LEAST\nideal"]


def test_the_example_issue() -> None:
    for path in sorted(EXAMPLE.rglob("*.md")):
        text = f"\n{path.read_text()}\n"
        assert both(text)[1] == both(text)[0], path


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=40).map("".join))
def test_the_same_results_on_any_text(text: str) -> None:
    theirs, ours = both(text)
    assert ours == theirs
