"""``editorial lint --fix`` and ``--diff``: the fixes of a lint applied to the files' texts.

Each fix is an edit at an exact place (see fixes.py). The fixes of a file that
do not overlap are applied together; where two overlap, or another finding
overlaps a fix, the first is applied, the file (as fixed so far, in memory)
is linted again and what it then reports is fixed in the next round. The other
findings move with the text: their lines and columns are those of the fixed
file. Nothing is written until every round is done, and then only the files
that changed, each atomically (``write``); ``diff`` says what would change.

A file is linted again only where something overlapped, not after every fix:
that would cost a second lint of every fixed file (the target is --fix within
1.2 times the lint alone; benchmarks/fix.py). So a finding that a fix brings
about away from it, in a rule that weighs the whole file (a word count,
proselint's consistency checks), shows at the next lint.
"""

from __future__ import annotations

import difflib
import os
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from editorial.errors import EditorialError, Problem, display_path
from editorial.files import decode, read_bytes, write_many_atomic
from editorial.lines import Lines, offset_in, position_in
from editorial.lint import command, fingerprint
from editorial.lint.findings import Finding, Fix

# Each round lints again only the files whose fixes overlapped; a fix that brings back what it
# fixed would go on for ever.
MAX_ROUNDS = 10


@dataclass(frozen=True)
class Changed:
    """A file the fixes changed: its text before and after, and how many findings were fixed in it."""

    path: str  # as the findings name it
    before: str
    after: str
    fixed: int
    # The regions of ``before`` that the fixes replaced (offsets, end exclusive; empty where text was only
    # inserted): every other character of it is in ``after``, in order.
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Fixing:
    outcome: command.Outcome  # what is left: findings at their places in the fixed texts
    changed: tuple[Changed, ...]
    skipped: tuple[str, ...] = ()  # files left as they were, and why

    @property
    def fixed(self) -> int:
        return sum(c.fixed for c in self.changed)


@dataclass(frozen=True)
class _Edit:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class _Kept:
    """A stretch of a file's text as fixed so far that is its first text still: ``length`` characters at
    ``now`` that stood at ``first``. What lies between two is what the fixes put there."""

    now: int
    first: int
    length: int


def fix(options: command.Options, unsafe: bool = False, start: Path | None = None) -> Fixing:
    """Lint as ``options`` say, then apply the safe fixes (and the unsafe ones with ``unsafe``) to the texts, in memory."""
    if options.update_baseline:
        raise EditorialError(Problem("--fix", None, "fixes and --update-baseline do not go together: fix first, then record"))
    outcome = command.run(options, start)
    # What was linted, whose words the files linted again must know as they did.
    linted = options.paths or tuple(command.default_targets(outcome.settings, start or Path.cwd()))
    by_path: dict[str, list[Finding]] = defaultdict(list)
    for finding in outcome.result.findings:
        by_path[finding.path].append(finding)
    originals: dict[str, str] = {}
    texts: dict[str, str] = {}
    kept: dict[str, list[_Kept]] = {}
    fixed: dict[str, int] = defaultdict(int)
    skipped: list[str] = []
    warnings = list(outcome.warnings)
    written, aliases = _one_path_per_file(by_path)
    pending = [path for path in written if any(_wanted(f, unsafe) for f in by_path[path])]
    for _ in range(MAX_ROUNDS):
        again: dict[str, str] = {}
        for path in pending:
            if path not in texts:
                try:
                    texts[path] = originals[path] = decode(read_bytes(Path(path)), path)
                    kept[path] = [_Kept(0, 0, len(texts[path]))]
                except EditorialError as exc:
                    skipped.extend(f"{problem}; not fixed" for problem in exc.problems)
                    continue
            applied = _apply(path, texts[path], by_path[path], unsafe)
            if applied is None:
                skipped.append(f"{display_path(path)}: changed while it was linted; not fixed")
                texts[path] = originals[path]
                kept[path] = [_Kept(0, 0, len(texts[path]))]
                fixed.pop(path, None)
                continue
            texts[path], by_path[path], count, overlapping, edits = applied
            kept[path] = _kept_after(kept[path], edits)
            fixed[path] += count
            if overlapping:
                again[path] = texts[path]
        if not again:
            break
        # The runner takes the texts by absolute path and names its findings as the working directory
        # shows them: they are given back the names they were found under.
        absolute = {path: Path(os.path.abspath(path)) for path in again}
        named = {display_path(absolute[path]): path for path in again}
        sources = {absolute[path]: text.encode("utf-8") for path, text in again.items()}
        relinted = command.run(replace(options, paths=tuple(sources)), start, sources, linted)
        warnings.extend(relinted.warnings)
        for path in again:
            by_path[path] = []
        for finding in relinted.result.findings:
            by_path[named[finding.path]].append(replace(finding, path=named[finding.path]))
        pending = [path for path in again if any(_wanted(f, unsafe) for f in by_path[path])]
        if not pending:
            break
    for alias, path in aliases.items():
        if path in texts:  # the same file, fixed by its other name: what is left there is left here
            by_path[alias] = [replace(f, path=alias) for f in by_path[path]]
    remaining = tuple(sorted((f for found in by_path.values() for f in found), key=lambda f: f.sort_key))
    changed = tuple(
        Changed(path, originals[path], texts[path], fixed[path], _replaced(kept[path], len(originals[path]), len(texts[path])))
        for path in written
        if path in texts and texts[path] != originals[path]
    )
    result = replace(outcome.result, findings=remaining)
    return Fixing(replace(outcome, result=result, warnings=tuple(dict.fromkeys(warnings))), changed, tuple(skipped))


def write(fixing: Fixing) -> None:
    """Write the changed files, each atomically, with one flush to disk; none if any of them changed meanwhile."""
    targets: dict[Path, bytes] = {}
    for changed in fixing.changed:
        path = Path(changed.path)
        try:
            now = decode(read_bytes(path), path)
        except EditorialError:
            now = None
        if now != changed.before:
            raise EditorialError(Problem(path, None, "changed while lint --fix ran; nothing was written"))
        # The file a symbolic link leads to is the one fixed: the link stays a link.
        targets[Path(os.path.realpath(path))] = changed.after.encode("utf-8")
    write_many_atomic(targets)


def diff(fixing: Fixing) -> str:
    """The unified diff of what the fixes change, file by file (``a/``, ``b/`` before relative paths, as git writes them)."""
    out = []
    for changed in fixing.changed:
        name = display_path(changed.path)
        before, after = (name, name) if os.path.isabs(name) else (f"a/{name}", f"b/{name}")
        lines = difflib.unified_diff(_lines(changed.before), _lines(changed.after), before, after)
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
    return "".join(out)


def _lines(text: str) -> list[str]:
    """The text's lines, each with its "\\n" (str.splitlines would also split at form feeds and the like)."""
    parts = text.split("\n")
    lines = [part + "\n" for part in parts[:-1]]
    return lines + [parts[-1]] if parts[-1] else lines


def _wanted(finding: Finding, unsafe: bool) -> bool:
    return finding.fix is not None and (finding.fix.safe or unsafe)


def _one_path_per_file(by_path: dict[str, list[Finding]]) -> tuple[list[str], dict[str, str]]:
    """The paths with findings, one per file; and the others, each with the path of its file (symbolic links)."""
    first: dict[str, str] = {}
    aliases: dict[str, str] = {}
    for path in by_path:
        real = os.path.realpath(path)
        if real in first:
            aliases[path] = first[real]
        else:
            first[real] = path
    return list(first.values()), aliases


def _apply(
    path: str, text: str, findings: Sequence[Finding], unsafe: bool
) -> tuple[str, list[Finding], int, bool, list[_Edit]] | None:
    """The text with the fixes applied that do not overlap; the findings left, moved with the text; how many
    were fixed; whether something overlapped (then the file is linted again). None: the text is not what was linted."""
    starts = Lines(text).starts
    spans = {}
    for finding in findings:
        span = _span(starts, text, finding.line, finding.column, finding.end_line, finding.end_column)
        if text[span[0] : span[1]] != finding.matched:
            return None
        spans[id(finding)] = span
    candidates = sorted(
        ((_edit(starts, text, f.fix), f) for f in findings if _wanted(f, unsafe)),
        key=lambda pair: (pair[0].start, pair[0].end),
    )
    edits: list[_Edit] = []
    done: set[int] = set()
    overlapping = False
    for edit, finding in candidates:
        if edits and edit == edits[-1]:
            done.add(id(finding))  # two findings, one fix
        elif edits and (edit.start < edits[-1].end or edit.start == edits[-1].start):
            overlapping = True  # its turn comes after the file is linted again
        else:
            edits.append(edit)
            done.add(id(finding))
    fixed = text
    for edit in reversed(edits):
        fixed = fixed[: edit.start] + edit.text + fixed[edit.end :]
    left = [f for f in findings if id(f) not in done]
    for finding in left:
        spans_here = [spans[id(finding)]]
        if finding.fix is not None:
            edit = _edit(starts, text, finding.fix)
            spans_here.append((edit.start, edit.end))
        if any(_touches(start, end, edit) for start, end in spans_here for edit in edits):
            overlapping = True
    if overlapping:
        return fixed, left, len(done), True, edits
    new_starts = Lines(fixed).starts
    moved = [_moved(finding, spans[id(finding)], edits, fixed, new_starts, starts, text) for finding in left]
    return fixed, moved, len(done), False, edits


def _span(starts: Sequence[int], text: str, line: int, column: int, end_line: int | None, end_column: int | None) -> tuple[int, int]:
    start = offset_in(starts, len(text), line, column)
    if end_line is None or end_column is None:
        return start, start
    return start, max(start, offset_in(starts, len(text), end_line, end_column))


def _edit(starts: Sequence[int], text: str, fix: Fix) -> _Edit:
    start, end = _span(starts, text, fix.line, fix.column, fix.end_line, fix.end_column)
    return _Edit(start, end, fix.text)


def _touches(start: int, end: int, edit: _Edit) -> bool:
    """Whether the span ``start:end`` and the edit share a character, or one is empty and stands at the other."""
    if start == end or edit.start == edit.end:
        return edit.start <= end and start <= edit.end
    return start < edit.end and edit.start < end


def _shift(offset: int, edits: Sequence[_Edit]) -> int:
    """Where ``offset`` is once ``edits`` are applied: none is at it or around it (that file is linted again)."""
    return offset + sum(len(e.text) - (e.end - e.start) for e in edits if e.end <= offset)


def _moved(
    finding: Finding, span: tuple[int, int], edits: Sequence[_Edit], text: str, starts: Sequence[int], old_starts: Sequence[int], old: str
) -> Finding:
    """``finding`` at its place in the fixed ``text``: its lines, columns, fix and fingerprint."""
    start, end = _shift(span[0], edits), _shift(span[1], edits)
    begin = position_in(starts, len(text), start)
    moved = replace(finding, line=begin.line, column=begin.column, fingerprint=fingerprint.in_text(finding.rule, text, start, end))
    if finding.end_line is not None:
        finish = position_in(starts, len(text), end)
        moved = replace(moved, end_line=finish.line, end_column=finish.column)
    if finding.fix is not None:
        edit = _edit(old_starts, old, finding.fix)
        first, last = position_in(starts, len(text), _shift(edit.start, edits)), position_in(starts, len(text), _shift(edit.end, edits))
        moved = replace(moved, fix=replace(finding.fix, line=first.line, column=first.column, end_line=last.line, end_column=last.column))
    return moved


def _kept_after(kept: Sequence[_Kept], edits: Sequence[_Edit]) -> list[_Kept]:
    """The stretches of first text left once ``edits`` (of the text as it is now, in order) are applied."""
    out = []
    for stretch in kept:
        pieces = [(stretch.now, stretch.now + stretch.length)]
        for edit in edits:
            cut = []
            for start, end in pieces:
                if edit.start == edit.end and start < edit.start < end:
                    cut += [(start, edit.start), (edit.start, end)]  # text inserted inside it
                elif edit.start < end and start < edit.end:
                    cut += [part for part in ((start, edit.start), (edit.end, end)) if part[1] > part[0]]
                else:
                    cut.append((start, end))
            pieces = cut
        for start, end in pieces:
            moved = start + sum(len(e.text) - (e.end - e.start) for e in edits if e.end <= start)
            out.append(_Kept(moved, stretch.first + start - stretch.now, end - start))
    return out


def _replaced(kept: Sequence[_Kept], before: int, after: int) -> tuple[tuple[int, int], ...]:
    """The regions of the first text (``before`` characters long) that are not kept in the text now (``after``)."""
    spans = []
    first = now = 0
    for stretch in kept:
        if stretch.first > first or stretch.now > now:
            spans.append((first, stretch.first))
        first, now = stretch.first + stretch.length, stretch.now + stretch.length
    if first < before or now < after:
        spans.append((first, before))
    return tuple(spans)
