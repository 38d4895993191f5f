"""Recall of ``editorial lint`` on the slips This Week in Rust's editors fixed after writing.

``../shared/corpora/twir/fixes/`` holds 70 fixes, each a file before and after
one small commit. ``benchmarks/data/twir-fixes.yaml`` says, for each, what its
editors fixed: a ``prose`` slip (a typo, a doubled or missing word, a wrong
word form), a ``markup`` slip (a link or emphasis that renders wrong), or
something no linter can know (``url``: another address; ``content``: other
facts or wording). A slip counts as caught when a finding of the run touches
a word the fix changed (line diff, then the changed characters widened to
whole words).

    .venv/bin/python benchmarks/recall.py                    # this checkout, default and strict
    .venv/bin/python benchmarks/recall.py --editorial "env PYTHONPATH=/old/checkout .venv/bin/python -m editorial" \\
        --profile '' --before-vocabulary        # a version from before profiles and the vocabulary

Without the archive it says so and exits 0.
"""

from __future__ import annotations

import argparse
import difflib
import re
from collections.abc import Iterator
from pathlib import Path

import precision
import twir
import yaml

KINDS = twir.DATA / "twir-fixes.yaml"
_WORD_CHAR = re.compile(r"[\w'’-]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editorial", default=str(twir.EDITORIAL))
    parser.add_argument("--profile", action="append", help="profiles to measure (default: default and strict; '' for none)")
    parser.add_argument("--no-languagetool", action="store_true")
    parser.add_argument("--cache", type=Path)
    parser.add_argument("--verbose", action="store_true", help="name each slip and the rules that caught it")
    parser.add_argument(
        "--before-vocabulary", action="store_true", help="an editorial.yaml without vocabulary: (older versions refuse the key)"
    )
    args = parser.parse_args()
    twir.require_corpus()
    kinds = yaml.safe_load(KINDS.read_text(encoding="utf-8"))
    slips = {fix: kind for fix, kind in kinds.items() if kind["kind"] in ("prose", "markup")}
    befores = [twir.FIXES / fix / "before.md" for fix in sorted(slips)]
    changed = {fix: list(_changed_spans(twir.FIXES / fix)) for fix in slips}
    for profile in args.profile if args.profile is not None else ["default", "strict"]:
        options = (["--profile", profile] if profile else []) + (["--no-languagetool"] if args.no_languagetool else [])
        run = twir.lint(
            [p.relative_to(twir.FIXES) for p in befores], twir.FIXES, editorial=args.editorial, options=options,
            config=precision.LANGUAGETOOL if args.before_vocabulary else precision.CONFIG, cache=args.cache,
        )
        caught: dict[str, set[str]] = {fix: set() for fix in slips}
        for finding in run.findings:
            fix = Path(finding["path"]).parts[0]
            if fix in caught and any(_touches(finding, span) for span in changed[fix]):
                caught[fix].add(finding["rule"])
        print(f"profile {profile or '(none: the tool has no profiles)'}:")
        for kind in ("prose", "markup"):
            of_kind = [fix for fix in slips if slips[fix]["kind"] == kind]
            found = [fix for fix in of_kind if caught[fix]]
            print(f"  {kind} slips caught: {len(found)} of {len(of_kind)} ({len(found) / len(of_kind):.0%})")
        if args.verbose:
            for fix in sorted(slips):
                rules = ", ".join(sorted(caught[fix])) or "-"
                print(f"    {fix:22} {slips[fix]['kind']:7} {slips[fix].get('note', ''):40} {rules}")


def _changed_spans(folder: Path) -> Iterator[tuple[int, int, int, int]]:
    """What the fix changed in before.md: (line, first column, line, end column), 1-based, whole words."""
    before = (folder / "before.md").read_text(encoding="utf-8").split("\n")
    after = (folder / "after.md").read_text(encoding="utf-8").split("\n")
    lines = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, b1, b2, a1, a2 in lines.get_opcodes():
        if tag == "equal":
            continue
        if tag == "delete" or b2 - b1 != a2 - a1:
            # Lines removed or regrouped: the whole of each.
            for index in range(b1, b2):
                yield index + 1, 1, index + 1, len(before[index]) + 1
            continue
        for offset in range(b2 - b1):
            old, new = before[b1 + offset], after[a1 + offset]
            chars = difflib.SequenceMatcher(None, old, new, autojunk=False)
            for op, o1, o2, _, _ in chars.get_opcodes():
                if op != "equal":
                    start, end = _widened(old, o1, o2)
                    yield b1 + offset + 1, start + 1, b1 + offset + 1, end + 1


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    """The change grown to the whole words it touches (an insertion inside a word is that word)."""
    while start > 0 and _WORD_CHAR.match(text[start - 1]):
        start -= 1
    while end < len(text) and _WORD_CHAR.match(text[end]):
        end += 1
    return start, max(end, start + 1)


def _touches(finding: dict, span: tuple[int, int, int, int]) -> bool:
    line, first, _, last = span
    start = (finding["line"], finding["column"])
    end = (finding["end_line"] or finding["line"], finding["end_column"] or finding["column"] + 1)
    return start < (line, last) and (line, first) < end


if __name__ == "__main__":
    main()
