from __future__ import annotations

import datetime

import pytest

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
