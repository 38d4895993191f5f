from __future__ import annotations

from pathlib import Path

import pytest

from editorial import settings, templates
from editorial.errors import EditorialError


@pytest.fixture
def env(tmp_path: Path):  # type: ignore[no-untyped-def]
    (tmp_path / "editorial.yaml").write_text("newsletter: {name: N}\n")
    (tmp_path / "templates").mkdir()
    return templates.environment(settings.load(start=tmp_path))


def test_yaml_filter_quotes_only_what_needs_quoting(env) -> None:  # type: ignore[no-untyped-def]
    (Path(env.loader.searchpath[0]) / "t.j2").write_text(
        "{{ a | yaml }}|{{ b | yaml }}|{{ c | yaml }}|{{ d | yaml }}|{{ e | yaml }}\n"
    )
    out = templates.render(env, "t.j2", {"a": "plain", "b": "x: y", "c": ["p", "q"], "d": "é – 'q'", "e": ""})
    assert out == "plain|'x: y'|[p, q]|é – 'q'|''\n"


def test_repository_template_overrides_default(env) -> None:  # type: ignore[no-untyped-def]
    (Path(env.loader.searchpath[0]) / templates.SECTION).write_text("{{ title }}!\n")
    assert templates.render(env, templates.SECTION, {"title": "T"}) == "T!\n"


def test_errors_name_template_and_line(env) -> None:  # type: ignore[no-untyped-def]
    folder = Path(env.loader.searchpath[0])
    (folder / "u.j2").write_text("line one\n{% if x %}\n{{ missing.attr }}\n{% endif %}\n")
    with pytest.raises(EditorialError) as exc:
        templates.render(env, "u.j2", {"x": True})
    assert str(exc.value) == f"{folder / 'u.j2'}:3: template error: 'missing' is undefined"
    with pytest.raises(EditorialError) as exc:
        templates.render(env, "nowhere.j2", {})
    assert str(exc.value) == "nowhere.j2: template not found in the repository's templates/ nor the defaults"
    (folder / "bad.j2").write_bytes(b"caf\xe9 {{ x }}\n")
    with pytest.raises(EditorialError) as exc:
        templates.render(env, "bad.j2", {})
    assert str(exc.value) == f"{folder / 'bad.j2'}:1: not UTF-8 text (byte 0xe9 at column 4)"
