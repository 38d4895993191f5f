from __future__ import annotations

import datetime
from pathlib import Path

import fuzz
import pytest
from conftest import Run
from gitrepo import SECTIONS, SLUG, Repo, isolated_git  # noqa: F401 (fixtures)
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from editorial import yamlsource
from editorial.errors import EditorialError
from editorial.yamlsource import YamlSpan


def test_spans_of_keys_and_items_from_the_first_line() -> None:
    doc = yamlsource.load("a: 1\nb:\n  c: 2\n  d: [x, y]\ne: 2021-01-20\n", "f.yaml", first_line=2)
    assert doc.data == {"a": 1, "b": {"c": 2, "d": ["x", "y"]}, "e": datetime.date(2021, 1, 20)}
    assert doc.spans[("a",)] == YamlSpan(2, 3)
    assert doc.spans[("b",)] == YamlSpan(3, 6)
    assert doc.spans[("b", "d", 1)] == YamlSpan(5, 6)
    assert doc.spans[("e",)] == YamlSpan(6, 7)
    assert doc.line(("b", "c")) == 4
    assert doc.line(("b", "missing")) == 3
    assert doc.line(("nothing",)) == 2


def test_block_sequence_span_ends_after_its_last_item() -> None:
    doc = yamlsource.load("list:\n  - a\n  - b\nnext: 1\n", "f.yaml")
    assert doc.spans[("list",)] == YamlSpan(1, 4)
    assert doc.spans[("list", 1)] == YamlSpan(3, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a: 1\nb:\n  c: 1\n  c: 2\n", "f.yaml:4: duplicate key 'c'"),
        ("a: [1\nb: 2\n", "f.yaml:2: invalid YAML: did not find expected ',' or ']'"),
        ("a: b: c\n", "f.yaml:1: invalid YAML: mapping values are not allowed in this context"),
        ("a: *nope\n", "f.yaml:1: invalid YAML: found undefined alias"),
    ],
)
def test_errors_name_the_line(text: str, expected: str) -> None:
    with pytest.raises(EditorialError) as exc:
        yamlsource.load(text, "f.yaml")
    assert str(exc.value) == expected


def alias_bomb(levels: int = 9, indent: str = "") -> str:
    """Nine values, then each level nine aliases of the one before: 9**levels values from a few lines."""
    lines = [f"{indent}l0: &l0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"{indent}l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("lenient", [False, True])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Level 4 is where the aliases pass 10,000 values (9*10 + 9*91 + 9*820 + 7,381).
        (alias_bomb(), "f.yaml:6: YAML aliases expand to more than 10,000 values"),
        ("a: &a [*a]\n", "f.yaml:2: recursive YAML alias: a value contains an alias of itself"),
        ("a: 1\nb: &b\n  c: [1, {d: *b}]\n", "f.yaml:4: recursive YAML alias: a value contains an alias of itself"),
        ("a: " + "[" * 50 + "]" * 50 + "\n", "f.yaml:2: YAML nested more than 50 levels deep"),
        ("a:\n" + "".join("  " * i + "- \n" for i in range(1, 55)), "f.yaml:52: YAML nested more than 50 levels deep"),
        # Deep through an alias: 30 levels, then the same 30 again inside them.
        ("a: &a " + "[" * 30 + "]" * 30 + "\nb: " + "[" * 25 + "*a" + "]" * 25 + "\n", "f.yaml:3: YAML nested more than 50 levels deep"),
        # A collection as a key, in a mapping in a mapping: 2 + 49 levels.
        ("a:\n  ? " + "[" * 49 + "]" * 49 + "\n  : v\n", "f.yaml:3: YAML nested more than 50 levels deep"),
        ("a: " + "[" * 5000 + "]" * 5000 + "\n", "f.yaml:2: invalid YAML: exceeded maximum nesting depth"),
        ("a: 1\nday: 2021-13-45\n", "f.yaml:3: invalid YAML: '2021-13-45' is not a valid timestamp (month must be in 1..12)"),
        ("a: [1, !!int x]\n", "f.yaml:2: invalid YAML: 'x' is not a valid int (invalid literal for int() with base 10: 'x')"),
        ("a: !!bool maybe\n", "f.yaml:2: invalid YAML: 'maybe' is not a valid bool ('maybe')"),
        ("a: 1\nb: " + "7" * 5000 + "\n", "f.yaml:3: invalid YAML: '" + "7" * 40 + "…' is not a valid int (Exceeds the limit"
         " (4300 digits) for integer string conversion: value has 5000 digits; use sys.set_int_max_str_digits() to increase the limit)"),
    ],
)  # fmt: skip
def test_hostile_yaml_is_an_error_on_its_line(text: str, expected: str, lenient: bool) -> None:
    with pytest.raises(EditorialError) as exc:
        yamlsource.load(text, "f.yaml", first_line=2, lenient=lenient)
    assert str(exc.value) == expected


def test_aliases_used_as_intended_still_load() -> None:
    text = (
        "defaults: &defaults {level: warning, scope: [text, heading]}\n"
        "rules:\n"
        "  a: {<<: *defaults, level: error}\n"
        "  b: *defaults\n"
        "  c: [*defaults, *defaults]\n"
        "big: &big [" + ", ".join(["x"] * 189) + "]\n"
        "copies:\n" + "".join(f"  c{i}: *big\n" for i in range(52))
    )
    doc = yamlsource.load(text, "f.yaml")
    defaults = {"level": "warning", "scope": ["text", "heading"]}
    assert doc.data["rules"] == {"a": {"level": "error", "scope": ["text", "heading"]}, "b": defaults, "c": [defaults, defaults]}
    assert doc.data["copies"] == {f"c{i}": ["x"] * 189 for i in range(52)}
    assert doc.line(("rules", "b")) == 4
    assert doc.line(("copies", "c51", 188)) == 6  # where the aliased value is written
    # The aliases add 7 values for each use of the defaults and 190 for each copy: 9,908. One copy more is too many.
    with pytest.raises(EditorialError) as exc:
        yamlsource.load(text + "  c52: *big\n", "f.yaml")
    assert str(exc.value) == "f.yaml:60: YAML aliases expand to more than 10,000 values"


# Every command that reads YAML, as users run them: a bomb or a recursive alias is an error on its
# line within seconds (the timeout: before, a bomb took gigabytes and never finished).
QUICK = 30

REGISTRY = "contributors:\n  andrew:\n    name: Andrew\n  melanie:\n    name: Melanie\n"
ISSUE = "---\ndate: 2021-01-20\n---\n\nHello.\n\n<!-- editorial:sections -->\n"
BOMB_SECTION = "---\ntitle: Tools\nauthor: andrew\n" + alias_bomb() + "---\n\nSome tools.\n"
RECURSIVE_SECTION = "---\ntitle: Models\nauthor: melanie\nsee: &see [*see]\n---\n\nSome models.\n"


def newsletter_with(root: Path, files: dict[str, str]) -> Path:
    for name, text in {"editorial.yaml": REGISTRY, "issues/2021-01/issue.md": ISSUE, **files}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    return root


def test_lint_and_assemble_name_the_line_of_a_bomb_and_a_recursive_alias(run: Run, tmp_path: Path) -> None:
    root = newsletter_with(
        tmp_path / "news",
        {"issues/2021-01/sections/andrew.md": BOMB_SECTION, "issues/2021-01/sections/melanie.md": RECURSIVE_SECTION},
    )

    linted = run("lint", "--no-languagetool", cwd=root, timeout=QUICK)
    # Malformed front matter is a lint finding, as every other; the other files are linted.
    assert (linted.returncode, linted.stderr) == (1, "")
    assert linted.stdout == (
        "issues/2021-01/sections/andrew.md:8:1: error frontmatter.malformed YAML aliases expand to more than 10,000 values\n"
        "issues/2021-01/sections/melanie.md:4:1: error frontmatter.malformed"
        " recursive YAML alias: a value contains an alias of itself\n"
        "2 errors, 0 warnings, 0 suggestions in 3 files\n"
    )

    assembled = run("assemble", "2021-01", cwd=root, timeout=QUICK)
    assert (assembled.returncode, assembled.stdout) == (2, "")
    assert assembled.stderr == (
        "issues/2021-01/sections/andrew.md:8: YAML aliases expand to more than 10,000 values\n"
        "issues/2021-01/sections/melanie.md:4: recursive YAML alias: a value contains an alias of itself\n"
    )
    assert not (root / "build").exists()


@pytest.mark.parametrize("command", [["lint", "--no-languagetool"], ["assemble", "2021-01"], ["collect", "2021-01"]])
def test_a_bomb_in_editorial_yaml_stops_every_command(run: Run, tmp_path: Path, command: list[str]) -> None:
    root = newsletter_with(tmp_path / "news", {"editorial.yaml": REGISTRY + "lint:\n" + alias_bomb(indent="  ")})
    result = run(*command, cwd=root, timeout=QUICK)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "editorial.yaml:11: YAML aliases expand to more than 10,000 values\n"


@pytest.mark.usefixtures("isolated_git")
def test_collect_rejects_the_branch_with_a_bomb_and_takes_the_others(run: Run, editor: Repo) -> None:
    for contributor, text, when in [
        ("andrew", BOMB_SECTION, "2021-01-10T10:00:00+00:00"),
        ("melanie", RECURSIVE_SECTION.replace("see: &see [*see]\n", ""), "2021-01-10T11:00:00+00:00"),
        ("nisha", RECURSIVE_SECTION.replace("melanie", "nisha"), "2021-01-10T12:00:00+00:00"),
    ]:
        checkout = editor.worktree(f"{SLUG}/{contributor}", editor.path.parent / contributor)
        checkout.commit({f"{SECTIONS}/{contributor}.md": text}, "Section", contributor.title(), when)

    result = run("collect", SLUG, cwd=editor.path, timeout=QUICK)

    assert (result.returncode, result.stderr) == (1, "")
    assert result.stdout.split("\n")[1:] == [
        "CONTRIBUTOR  BRANCH           LAST COMMIT               FILES  STATUS",
        "melanie      2021-01/melanie  2021-01-10 11:00 Melanie      1  new",
        "andrew       2021-01/andrew   2021-01-10 10:00 Andrew       1  rejected",
        "nisha        2021-01/nisha    2021-01-10 12:00 Nisha        1  rejected",
        "zoë          2021-01/zoë      2021-01-05 09:00 Editor       0  missing",
        f"rejected: {SECTIONS}/andrew.md:8: 2021-01/andrew: YAML aliases expand to more than 10,000 values",
        f"rejected: {SECTIONS}/nisha.md:4: 2021-01/nisha: recursive YAML alias: a value contains an alias of itself",
        "wrote 1 file; 1 new, 1 missing, 2 rejected;"
        " nothing taken from 2 branches: 2021-01/andrew (rejected), 2021-01/nisha (rejected)",
        "",
    ]
    assert (editor.path / SECTIONS / "melanie.md").read_text(encoding="utf-8") == RECURSIVE_SECTION.replace("see: &see [*see]\n", "")


@pytest.mark.usefixtures("isolated_git")
def test_a_recursive_alias_in_collected_yaml_stops_collect(run: Run, editor: Repo) -> None:
    manifest = editor.path / "issues" / SLUG / "collected.yaml"
    manifest.write_text("remote: null\ncontributors: &c\n  melanie: *c\n", encoding="utf-8")
    result = run("collect", SLUG, cwd=editor.path, timeout=QUICK)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"issues/{SLUG}/collected.yaml:3: recursive YAML alias: a value contains an alias of itself\n"


def test_a_bomb_in_a_rule_file_or_a_schema_stops_lint(run: Run, tmp_path: Path) -> None:
    root = newsletter_with(
        tmp_path / "news",
        {
            "issues/2021-01/sections/andrew.md": "---\ntitle: Tools\nauthor: andrew\n---\n\nSome tools.\n",
            "rules/Team/Bomb.yml": "extends: existence\nmessage: '%s'\ntokens: [x]\n" + alias_bomb(),
        },
    )
    (root / "editorial.yaml").write_text(REGISTRY + "styles:\n  use: [House, Team]\n", encoding="utf-8")
    result = run("lint", "--no-languagetool", cwd=root, timeout=QUICK)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "rules/Team/Bomb.yml:8: YAML aliases expand to more than 10,000 values\n"

    (root / "rules/Team/Bomb.yml").unlink()
    (root / "schemas").mkdir()
    (root / "schemas/section.yaml").write_text("type: object\nproperties: &p\n  title: {properties: *p}\n", encoding="utf-8")
    (root / "editorial.yaml").write_text(REGISTRY + "lint:\n  frontmatter:\n    '**/*.md': schemas/section.yaml\n", encoding="utf-8")
    result = run("lint", "--no-languagetool", cwd=root, timeout=QUICK)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "schemas/section.yaml:3: recursive YAML alias: a value contains an alias of itself\n"


def test_lines_are_counted_as_editors_count_them() -> None:
    # YAML 1.1 also breaks lines at NEL, LS and PS; a file's reader sees one line where YAML sees two.
    text = "a: 'x\x85y'\nb: 'p\u2028q'\nc: [\n"
    with pytest.raises(EditorialError) as exc:
        yamlsource.load(text, "f.yaml", first_line=2)
    assert str(exc.value) == "f.yaml:5: invalid YAML: did not find expected node content"
    # The end of a text without a final line break is on its last line, not the one after.
    for text, line in [("a: [", 2), ("a: [\n", 3)]:
        with pytest.raises(EditorialError) as exc:
            yamlsource.load(text, "f.yaml", first_line=2)
        assert str(exc.value) == f"f.yaml:{line}: invalid YAML: did not find expected node content"
    doc = yamlsource.load("a: 'x\x85y'\nb:\n  - 'p\u2028q'\n  - r\n", "f.yaml")
    assert doc.data == {"a": "x y", "b": ["p\u2028q", "r"]}
    assert (doc.spans[("b",)], doc.spans[("b", 1)]) == (YamlSpan(2, 5), YamlSpan(4, 5))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(fuzz.yaml(), st.booleans())
def test_any_yaml_loads_or_is_an_error_on_one_of_its_lines(text: str, lenient: bool) -> None:
    note(repr(text))
    last = len(fuzz.line_lengths(text))
    try:
        doc = yamlsource.load(text, "f.yaml", lenient=lenient)
    except EditorialError as exc:
        for problem in exc.problems:
            assert problem.line is not None and 1 <= problem.line <= last, problem
        return
    for key, span in doc.spans.items():
        assert 1 <= span.start < span.end <= last + 1, (key, span)
