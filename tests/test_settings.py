from __future__ import annotations

from pathlib import Path

import pytest

from editorial import settings
from editorial.errors import EditorialError


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def messages(exc: pytest.ExceptionInfo[EditorialError]) -> list[str]:
    return [f"{p.line}: {p.message}" for p in exc.value.problems]


def test_found_by_walking_up_with_defaults(tmp_path: Path) -> None:
    write(tmp_path / "editorial.yaml", "contributors:\n  zoë:\n    name: Zoë\n  ana:\n    name: Ana\n    link: https://a.example\n")
    deep = tmp_path / "issues" / "2021-01" / "sections"
    deep.mkdir(parents=True)
    loaded = settings.load(start=deep)
    assert loaded.root == tmp_path
    assert loaded.config_path == tmp_path / "editorial.yaml"
    assert loaded.name == tmp_path.name
    assert loaded.language == "en-US"
    assert [c.id for c in loaded.contributors] == ["zoë", "ana"]
    assert loaded.contributor("ana") == settings.Contributor("ana", "Ana", "https://a.example", None)
    assert loaded.contributor("bob") is None
    assert loaded.paths == settings.Paths(
        tmp_path / "issues", tmp_path / "templates", tmp_path / "rules", tmp_path / "build"
    )


def test_explicit_config_and_paths(tmp_path: Path) -> None:
    config = write(
        tmp_path / "conf" / "letter.yaml",
        "newsletter:\n  name: Letter\n  language: de-DE\npaths:\n  issues: editions\n  build: out\n",
    )
    loaded = settings.load(config)
    assert (loaded.name, loaded.language) == ("Letter", "de-DE")
    assert loaded.paths.issues == tmp_path / "conf" / "editions"
    assert loaded.paths.build == tmp_path / "conf" / "out"
    assert loaded.contributors == ()


def test_empty_file_is_all_defaults(tmp_path: Path) -> None:
    write(tmp_path / "editorial.yaml", "# nothing yet\n")
    assert settings.load(start=tmp_path).contributors == ()


def test_defaults_where_not_required(tmp_path: Path) -> None:
    loaded = settings.load(start=tmp_path, required=False)
    assert (loaded.root, loaded.config_path, loaded.contributors, loaded.data) == (tmp_path, None, (), {})
    assert loaded.paths.issues == tmp_path / "issues"


def test_missing(tmp_path: Path) -> None:
    with pytest.raises(EditorialError) as exc:
        settings.load(start=tmp_path)
    assert messages(exc) == ["None: no editorial.yaml here or in any parent folder (run 'editorial init' to create one)"]


def test_every_problem_with_its_line(tmp_path: Path) -> None:
    write(
        tmp_path / "editorial.yaml",
        "newsletter:\n"
        "  name: X\n"
        "  lang: en\n"
        "contributors:\n"
        "  andrew:\n"
        "    link: https://x\n"
        "  'bad id':\n"
        "    name: B\n"
        "  c: 3\n"
        "  d:\n"
        "    name: [D]\n"
        "paths:\n"
        "  issues: 5\n"
        "extra: true\n",
    )
    with pytest.raises(EditorialError) as exc:
        settings.load(start=tmp_path)
    assert messages(exc) == [
        "3: unknown key 'newsletter.lang' (known keys: language, name)",
        "5: 'contributors.andrew' has no 'name'",
        "7: contributor id 'bad id' must be letters, digits, '.', '-' or '_' (it names files and branches)",
        "9: 'contributors.c' must be a mapping of keys to values",
        "11: 'contributors.d.name' must be text, not a list",
        "13: 'paths.issues' must be text, not a whole number",
        "14: unknown key 'extra' (known keys: collect, contributors, languagetool, lint, newsletter, paths, styles, vocabulary)",
    ]
    assert all(p.path == tmp_path / "editorial.yaml" for p in exc.value.problems)


def test_a_contributors_other_keys_are_kept_for_the_templates(tmp_path: Path) -> None:
    write(
        tmp_path / "editorial.yaml",
        "contributors:\n"
        "  andrew:\n"
        "    name: Andrew\n"
        "    link: https://twitter.com/andrewrreed\n"
        "    links: [https://www.linkedin.com/in/andrew-r-reed/]\n"
        "    byline: '*[— Andrew](https://twitter.com/andrewrreed)*'\n"
        "    role: {title: Research Engineer, since: 2019}\n",
    )
    andrew = settings.load(start=tmp_path).contributor("andrew")
    assert andrew is not None
    assert andrew.links == ("https://twitter.com/andrewrreed", "https://www.linkedin.com/in/andrew-r-reed/")
    assert andrew.as_dict() == {
        "byline": "*[— Andrew](https://twitter.com/andrewrreed)*",
        "role": {"title": "Research Engineer", "since": 2019},
        "id": "andrew",
        "name": "Andrew",
        "link": "https://twitter.com/andrewrreed",
        "email": None,
        "links": ["https://twitter.com/andrewrreed", "https://www.linkedin.com/in/andrew-r-reed/"],
    }


def test_the_keys_editorial_reads_are_still_checked_beside_the_others(tmp_path: Path) -> None:
    write(
        tmp_path / "editorial.yaml",
        "contributors:\n  ana:\n    name: Ana\n    id: anna\n    links: https://a.example\n    byline: [any, value]\n",
    )
    with pytest.raises(EditorialError) as exc:
        settings.load(start=tmp_path)
    assert messages(exc) == [
        "4: 'contributors.ana.id' cannot be set: the id is the entry's key ('ana')",
        "5: 'contributors.ana.links' must be a list",
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"- a\n- b\n", "1: 'the file' must be a mapping of keys to values"),
        (b"newsletter:\n  name: [x\n", "3: invalid YAML: did not find expected ',' or ']'"),
        (b"a: 1\na: 2\n", "2: duplicate key 'a'"),
        (b"newsletter:\n  name: Caf\xe9\n", "2: not UTF-8 text (byte 0xe9 at column 12)"),
        (b"\xef\xbb\xbfnewsletter: {}\n", "1: starts with a byte-order mark; save the file as UTF-8 without BOM"),
        (b"newsletter:\r\n  name: x\r\n", "1: CRLF line ending; save the file with LF (Unix) line endings"),
    ],
)
def test_bad_files(tmp_path: Path, content: bytes, expected: str) -> None:
    write(tmp_path / "editorial.yaml", content)
    with pytest.raises(EditorialError) as exc:
        settings.load(start=tmp_path)
    assert messages(exc) == [expected]


def test_a_contributor_may_sign_with_other_links(tmp_path: Path) -> None:
    write(
        tmp_path / "editorial.yaml",
        "contributors:\n"
        "  melanie:\n    name: Melanie\n    link: https://www.linkedin.com/in/mb\n    links: [https://github.com/mb, https://mb.example]\n"
        "  ana:\n    name: Ana\n    links: [https://ana.example]\n"
        "  bo:\n    name: Bo\n",
    )
    loaded = settings.load(start=tmp_path)
    melanie, ana, bo = loaded.contributors
    assert melanie == settings.Contributor(
        "melanie", "Melanie", "https://www.linkedin.com/in/mb", None, ("https://github.com/mb", "https://mb.example")
    )
    assert melanie.links == ("https://www.linkedin.com/in/mb", "https://github.com/mb", "https://mb.example")
    assert (ana.link, ana.links, bo.links) == (None, ("https://ana.example",), ())
    assert ana.as_dict() == {"id": "ana", "name": "Ana", "link": None, "email": None, "links": ["https://ana.example"]}


def test_the_new_lint_and_vocabulary_settings_are_checked(tmp_path: Path) -> None:
    write(
        tmp_path / "editorial.yaml",
        "contributors:\n  a:\n    name: A\n    links: https://a.example\n"
        "lint:\n  profile: 1\n  baseline: [x]\n"
        "vocabulary:\n  learn: sometimes\n  min_files: two\n  sources: issues\n  accept: [MLOps]\n  reject: [[teh]]\n  teach: []\n",
    )
    with pytest.raises(EditorialError) as exc:
        settings.load(start=tmp_path)
    assert messages(exc) == [
        "4: 'contributors.a.links' must be a list",
        "6: 'lint.profile' must be text, not a whole number",
        "7: 'lint.baseline' must be text, not a list",
        "9: 'vocabulary.learn' must be true or false, not text",
        "10: 'vocabulary.min_files' must be a whole number, not text",
        "11: 'vocabulary.sources' must be a list",
        "13: 'vocabulary.reject.0' must be text, not a list",
        "14: unknown key 'vocabulary.teach' (known keys: accept, learn, min_files, reject, sources)",
    ]
