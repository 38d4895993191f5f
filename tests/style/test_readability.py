from __future__ import annotations

from tests.style.conftest import Lint


def test_grade_above_the_limit(lint: Lint) -> None:
    rule = """
    extends: readability
    message: "Grade level (%s) too high!"
    metrics: [Automated Readability]
    grade: 1
    """
    assert lint("Unquestionably complicated circumlocutions obfuscate understanding.\n", Rule=rule) == [
        "1:1:Test.Rule:Grade level (39.47) too high!"
    ]
