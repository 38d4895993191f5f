"""Running the rules on one document: blocks in, findings with exact positions out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from editorial.lint.findings import Finding, Severity
from editorial.style import comments, plan, timelimit, view
from editorial.style.block import Block, Hit
from editorial.style.common import FileState
from editorial.style.config import ActiveRule, StyleConfig


def check(document: Any, config: StyleConfig) -> list[Finding]:
    """The findings of the styles in use on ``document``, sorted by position."""
    file_rules = config.for_path(Path(document.path))
    if not file_rules.rules:
        return []
    active = file_rules.rules
    asks = file_rules.asks
    options = view.ViewOptions(
        extension=_extension(document.path, config.formats),
        skipped_scopes=config.skipped_scopes,
        ignored_scopes=config.ignored_scopes,
        ignored_classes=config.ignored_classes,
        token_ignores=file_rules.token_ignores,
        block_ignores=file_rules.block_ignores,
        paragraphs="paragraph" in asks,
        sentences="sentence" in asks,
        summary="summary" in asks,
        raw="raw" in asks,
    )
    built = view.build(document, options)
    controls = comments.parse(document.source)
    state = FileState()
    findings: list[Finding] = []
    blocks: list[Block] = list(built.blocks)
    if built.summary is not None:
        blocks.append(built.summary)
    if built.raw is not None:
        blocks.append(built.raw)
    path = str(document.path)
    plans = file_rules.plans
    stopped: dict[str, ActiveRule] = {}  # rules out of time on this file
    with timelimit.watch() as watch:
        for block in blocks:
            key = (block.scope, block.parent, block.sentence)
            block_plan = plans.get(key)
            if block_plan is None:
                sections, parent = block.sections, block.parent_sections
                block_plan = plans[key] = plan.make([r for r in active if r.scope.matches(sections, parent, block.sentence)])
            raw = block.scope.startswith("raw")
            for active_rule, chosen in block_plan.runs(block.text):
                rule = active_rule.rule
                rule_id = rule.spec.id
                if stopped and rule_id in stopped:
                    continue
                try:
                    # Set and cleared within the try: a tick out of it never raises.
                    watch.rule = rule_id
                    hits = rule.run(block, state) if chosen is None else rule.run(block, state, chosen)  # type: ignore[call-arg]
                    watch.rule = None
                except timelimit.OutOfTime:
                    stopped[rule_id] = active_rule
                    continue
                for hit in hits:
                    if controls.regions and not raw and not hit.whole_document:
                        offset = block.source_offset(hit.start)
                        if controls.covers(offset, rule_id, block.text[hit.start : hit.end]):
                            continue
                    findings.append(_finding(document, path, block, hit, active_rule))
    if stopped:
        # What a rule found before its time ran out depends on the machine's speed: none of it is kept.
        findings = [f for f in findings if f.rule not in stopped]
        findings.extend(_out_of_time(path, active_rule, config.root) for active_rule in stopped.values())
    return _limited(sorted(set(findings), key=lambda f: f.sort_key), config)


def _out_of_time(path: str, active: ActiveRule, root: Path) -> Finding:
    spec = active.rule.spec
    try:
        source = spec.path.resolve().relative_to(root).as_posix()
    except ValueError:
        source = str(spec.path)
    return Finding(
        path=path,
        line=1,
        column=1,
        rule=spec.id,
        severity=Severity.warning,
        message=(
            f"stopped on this file after {timelimit.TIME_LIMIT:g} s: {source} takes too long here"
            " (a pattern such as (a|aa)+$ can backtrack for hours); its findings here are left out"
        ),
    )


def _extension(path: Any, formats: dict[str, str]) -> str:
    suffix = Path(str(path)).suffix.lstrip(".")
    suffix = formats.get(suffix, suffix)
    return "." + suffix if suffix else ".md"


def _finding(document: Any, path: str, block: Block, hit: Hit, active: ActiveRule) -> Finding:
    spec = active.rule.spec
    if hit.whole_document:
        line, column, end_line, end_column = 1, 1, None, None
    else:
        start_offset = block.source_offset(hit.start)
        start = document.position(start_offset)
        end_offset = block.source_end(hit.end - 1) if hit.end > hit.start else start_offset
        end = document.position(min(end_offset, len(document.source)))
        # Where the text is, also when it runs across markup ("[x in](url) in") or entities: Vale,
        # which searches the file for a match's text, puts those at the line's first column.
        line, column, end_line, end_column = start.line, start.column, end.line, end.column
    return Finding(
        path=path,
        line=line,
        column=column,
        rule=spec.id,
        severity=active.level,
        # Vale prints a match that spans lines or runs of spaces with single spaces.
        message=" ".join(hit.message.split()),
        end_line=end_line,
        end_column=end_column,
        replacements=hit.replacements,
        link=spec.link,
    )


def _limited(findings: list[Finding], config: StyleConfig) -> list[Finding]:
    """A rule's ``limit`` caps how many times it reports in one file."""
    counts: dict[str, int] = {}
    out = []
    for finding in findings:
        rule = config.rules.get(finding.rule)
        limit = rule.spec.limit if rule is not None else 0
        if limit > 0:
            counts[finding.rule] = counts.get(finding.rule, 0) + 1
            if counts[finding.rule] > limit:
                continue
        out.append(finding)
    return out
