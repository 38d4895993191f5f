"""The lint results cache: used while nothing that decides a file's findings has changed."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import Run

ARGS = ("lint", "--no-languagetool", "--format", "line")
# proselint.uncomparables ("very unique"), the finding these tests doctor, reports in the strict profile.
STRICT = (*ARGS, "--profile", "strict")


def cache_file(tmp_path: Path) -> Path:
    return tmp_path / ".editorial-cache" / "lint-results.sqlite"  # where the run fixture points the cache


def doctor(tmp_path: Path, old: str, new: str) -> None:
    db = sqlite3.connect(cache_file(tmp_path))
    db.execute("UPDATE entries SET value = replace(value, ?, ?)", (old, new))
    db.commit()
    db.close()


def test_an_unchanged_file_is_answered_from_the_cache(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("It is very unique.\n")
    first = run(*STRICT, "a.md")
    assert first.stdout.count("\n") == 2
    # Prove the second run reads the cache: doctor the entry, and see it come back.
    doctor(tmp_path, "Comparison of an uncomparable", "FROM THE CACHE")
    second = run(*STRICT, "a.md")
    assert second.stdout.splitlines()[0] == "a.md:1:7:proselint.uncomparables:FROM THE CACHE: 'very unique' is not comparable."
    fresh = run(*STRICT, "--no-cache", "a.md")
    assert fresh.stdout == first.stdout
    (tmp_path / "a.md").write_text("It is very unique!\n")
    changed = run(*STRICT, "a.md")
    assert "FROM THE CACHE" not in changed.stdout


def test_a_local_link_that_appears_or_disappears_is_seen(run: Run, tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("![A chart](chart.png)\n")
    missing = run(*ARGS, "a.md")
    assert missing.stdout == "a.md:1:12:markdown.broken-local-link:'chart.png' does not exist (relative to ./)\n"
    (tmp_path / "chart.png").write_bytes(b"png")
    assert run(*ARGS, "a.md").stdout == ""
    (tmp_path / "chart.png").unlink()
    assert run(*ARGS, "a.md").stdout == missing.stdout


def test_configuration_rule_files_and_the_issue_date_are_part_of_the_key(run: Run, tmp_path: Path) -> None:
    (tmp_path / "rules/Mine").mkdir(parents=True)
    rule = tmp_path / "rules/Mine/Words.yml"
    rule.write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [synergy]\n")
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [Mine]\n")
    issue = tmp_path / "issues/2021-07"
    (issue / "sections").mkdir(parents=True)
    (issue / "issue.md").write_text("---\ndate: 2021-07-01\n---\n\nHello.\n")
    section = issue / "sections/a.md"
    section.write_text("---\ntitle: T\nauthor: a\n---\n\nOur synergy, this June issue, and leverage.\n")
    select = ("--select", "Mine,newsletter.wrong-month")
    first = run(*ARGS, *select, "issues")
    assert [line.split(":")[3] for line in first.stdout.splitlines()] == ["Mine.Words", "newsletter.wrong-month"]
    rule.write_text("extends: existence\nmessage: \"Avoid '%s'.\"\nlevel: error\ntokens: [leverage]\n")
    assert "'leverage'" in run(*ARGS, *select, "issues").stdout
    (issue / "issue.md").write_text("---\ndate: 2021-06-01\n---\n\nHello.\n")
    assert "newsletter.wrong-month" not in run(*ARGS, *select, "issues").stdout
    (tmp_path / "editorial.yaml").write_text("styles:\n  use: [Mine]\nlint:\n  ignore: [Mine]\n")
    assert run(*ARGS, *select, "issues").stdout == ""


def test_front_matter_findings_outlive_an_edit_to_the_body(run: Run, tmp_path: Path) -> None:
    issue = tmp_path / "issues/2021-01"
    issue.mkdir(parents=True)
    (issue / "issue.md").write_text("---\ntitle: January\n---\n\nHello.\n")
    select = ("--select", "frontmatter")
    assert run(*ARGS, *select, "issues").stdout == "issues/2021-01/issue.md:1:1:frontmatter.required:front matter has no 'date'\n"
    doctor(tmp_path, "front matter has no", "CACHED: no")
    (issue / "issue.md").write_text("---\ntitle: January\n---\n\nHello, edited.\n")
    assert run(*ARGS, *select, "issues").stdout == "issues/2021-01/issue.md:1:1:frontmatter.required:CACHED: no 'date'\n"
    (issue / "issue.md").write_text("---\ntitle: January!\n---\n\nHello, edited.\n")
    assert run(*ARGS, *select, "issues").stdout == "issues/2021-01/issue.md:1:1:frontmatter.required:front matter has no 'date'\n"


def test_editing_one_file_keeps_the_others_cached(run: Run, tmp_path: Path) -> None:
    # A newsletter name makes a rule from editorial.yaml (House.Names): no rule file of its own.
    (tmp_path / "editorial.yaml").write_text("newsletter:\n  name: Fast Forward\n")
    (tmp_path / "a.md").write_text("It is very unique.\n")
    (tmp_path / "b.md").write_text("Another page.\n")
    assert run(*STRICT, ".").returncode == 0
    doctor(tmp_path, "Comparison of an uncomparable", "FROM THE CACHE")
    (tmp_path / "b.md").write_text("Another page, edited.\n")
    assert "a.md:1:7:proselint.uncomparables:FROM THE CACHE" in run(*STRICT, ".").stdout


def test_installed_versions_are_read_without_importlib_metadata() -> None:
    from importlib import metadata

    from editorial.lint.cache import installed_version

    assert installed_version("proselint") == metadata.version("proselint")
    assert installed_version("jsonschema") == metadata.version("jsonschema")
    assert installed_version("no_such_package_here") == "none"
