"""Precision of ``editorial lint`` on a real archive, per rule and at default settings.

Lints the 242 issues of This Week in Rust (``../shared/corpora/twir/archive``)
with the default profile and with ``--profile strict`` (every rule), then
joins the findings with the hand labels in ``benchmarks/data/twir-labels.tsv``
(file, fingerprint, rule, verdict: would an editor change the text?) and prints:

- findings per 1,000 words, by severity, at default settings and strict;
- per rule: how many findings, how many labelled, how many worth acting on;
- the precision at default settings: per rule, of its labelled findings in the
  default run (a rule's findings there are a subset of its strict ones, which
  can be much better than the rest), weighted by each rule's share of the
  default findings; rules never labelled are named.

The editorial.yaml is a team's first one: the archive as the source of the
house vocabulary, and a LanguageTool server if one runs
(EDITORIAL_LANGUAGETOOL_URL, or ``editorial languagetool start``).

    .venv/bin/python benchmarks/precision.py                  # the report
    .venv/bin/python benchmarks/precision.py --sample 100 --seed 7 --to /tmp/sample.tsv
        # 100 unlabelled findings with their lines, to judge; append the verdicts to the labels

Without the archive it says so and exits 0.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from collections import Counter, defaultdict
from pathlib import Path

import twir

LABELS = twir.DATA / "twir-labels.tsv"
# A team's first editorial.yaml for its archive: the archive is where the house vocabulary comes from;
# a first lint of a whole archive gives LanguageTool time.
LANGUAGETOOL = "languagetool:\n  timeout: 600\n"
CONFIG = f"vocabulary:\n  sources: [{twir.ARCHIVE}]\n{LANGUAGETOOL}"
LEVELS = ("error", "warning", "suggestion")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--editorial", default=str(twir.EDITORIAL), help="the editorial command to measure")
    parser.add_argument("--no-languagetool", action="store_true")
    parser.add_argument("--cache", type=Path, help="a results cache folder kept between runs (LanguageTool's answers)")
    parser.add_argument("--sample", type=int, default=0, help="write this many unlabelled findings to judge")
    parser.add_argument("--per-rule", type=int, default=0, help="…or at most this many per rule")
    parser.add_argument("--profile", default="strict", help="the profile to sample from")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--to", type=Path, help="where to write the sample (never inside the project)")
    args = parser.parse_args()
    twir.require_corpus()
    paths = sorted(twir.ARCHIVE.glob("*.md"))
    options = ["--no-languagetool"] if args.no_languagetool else []
    config = CONFIG
    runs = {
        profile: twir.lint(
            ["archive"], twir.CORPUS, editorial=args.editorial, options=[*options, "--profile", profile],
            config=config, cache=args.cache,
        )
        for profile in ("default", "strict")
    }
    for run in runs.values():
        if run.warnings.strip():
            print(run.warnings.strip(), file=sys.stderr)
    labels = read_labels()
    if args.sample or args.per_rule:
        write_sample(runs[args.profile].findings, labels, args)
        return
    report(runs, labels, twir.words(paths), len(paths))


def key(finding: dict) -> tuple[str, str]:
    return Path(finding["path"]).name, finding["fingerprint"]


def read_labels() -> dict[tuple[str, str], dict[str, str]]:
    if not LABELS.exists():
        return {}
    with LABELS.open(encoding="utf-8", newline="") as handle:
        rows = csv.DictReader((line for line in handle if not line.startswith("#")), delimiter="\t")
        return {(row["file"], row["fingerprint"]): row for row in rows}


def write_sample(findings: list[dict], labels: dict, args: argparse.Namespace) -> None:
    if args.to is None or args.to.resolve().is_relative_to(twir.REPO):
        raise SystemExit("--to: a file outside the project (the sample quotes the archive)")
    unlabelled = [f for f in findings if key(f) not in labels]
    chance = random.Random(args.seed)
    if args.per_rule:
        by_rule: dict[str, list[dict]] = defaultdict(list)
        for finding in unlabelled:
            by_rule[finding["rule"]].append(finding)
        chosen = [f for group in by_rule.values() for f in chance.sample(group, min(args.per_rule, len(group)))]
    else:
        chosen = chance.sample(unlabelled, min(args.sample, len(unlabelled)))
    lines = {path: path.read_text(encoding="utf-8").split("\n") for path in {twir.CORPUS / f["path"] for f in chosen}}
    with args.to.open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["file", "fingerprint", "rule", "verdict", "note", "line", "severity", "message", "text"])
        for f in sorted(chosen, key=lambda f: (f["rule"], f["path"], f["line"])):
            text = lines[twir.CORPUS / f["path"]][f["line"] - 1]
            end = f["end_column"] if f["end_line"] == f["line"] and f["end_column"] else len(text) + 1
            marked = text[: f["column"] - 1] + "⟦" + text[f["column"] - 1 : end - 1] + "⟧" + text[end - 1 :]
            writer.writerow([*key(f), f["rule"], "", "", f["line"], f["severity"], f["message"], marked])
    print(f"wrote {len(chosen)} findings to judge to {args.to}")


def report(runs: dict[str, twir.Run], labels: dict, words: int, files: int) -> None:
    print(f"This Week in Rust: {files} files, {words:,} words of prose")
    for profile, run in runs.items():
        counts = Counter(f["severity"] for f in run.findings)
        per = ", ".join(f"{counts[level]:,} {level}s ({counts[level] * 1000 / words:.2f})" for level in LEVELS)
        warning_up = counts["error"] + counts["warning"]
        print(
            f"  {profile:8} {len(run.findings):6,} findings, {len(run.findings) * 1000 / words:5.2f} per 1,000 words;"
            f" warning or above {warning_up * 1000 / words:.2f} per 1,000: {per}"
        )
    default = runs["default"].findings
    in_default = Counter(f["rule"] for f in default)
    rows = defaultdict(lambda: [0, 0, 0, ""])  # strict count, labelled, worth acting on, default severity
    for finding in runs["strict"].findings:
        row = rows[finding["rule"]]
        row[0] += 1
        label = labels.get(key(finding))
        if label is not None:
            row[1] += 1
            row[2] += label["verdict"] == "yes"
    for finding in default:
        rows[finding["rule"]][3] = finding["severity"]
    print()
    print(f"{'rule':58} {'strict':>6} {'default':>7} {'labelled':>8} {'worth it':>8} {'precision':>9}  default severity")
    for rule, (count, labelled, good, severity) in sorted(rows.items(), key=lambda item: (-item[1][0], item[0])):
        precision = f"{good / labelled:9.0%}" if labelled else f"{'-':>9}"
        print(f"{rule:58} {count:6} {in_default[rule]:7} {labelled:8} {good:8} {precision}  {severity or 'off'}")
    print()
    judged: dict[str, list[bool]] = defaultdict(list)  # per rule, the verdicts on its default findings
    for finding in default:
        label = labels.get(key(finding))
        if label is not None:
            judged[finding["rule"]].append(label["verdict"] == "yes")
    for name, chosen in (("all", default), ("errors", [f for f in default if f["severity"] == "error"])):
        share = Counter(f["rule"] for f in chosen)
        measured = {r: sum(judged[r]) / len(judged[r]) for r in share if judged[r]}
        covered = sum(share[r] for r in measured)
        if not covered:
            print(f"default settings, {name}: nothing labelled")
            continue
        estimate = sum(share[r] * measured[r] for r in measured) / covered
        unlabelled = sorted(r for r in share if r not in measured)
        labelled_here = [labels[key(f)] for f in chosen if key(f) in labels]
        good = sum(label["verdict"] == "yes" for label in labelled_here)
        print(
            f"default settings, {name}: {len(chosen):,} findings; precision {estimate:.0%} (per rule, weighted by"
            f" each rule's findings; {covered:,} of {len(chosen):,} findings are of labelled rules);"
            f" {good} of {len(labelled_here)} labelled findings worth acting on"
            + (f"; rules never labelled: {', '.join(unlabelled)}" if unlabelled else "")
        )


if __name__ == "__main__":
    main()
