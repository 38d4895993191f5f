"""Vale's scenarios and the five style packages' scenarios, compared line for line.

Each in-scope scenario runs as a user would run it: ``editorial lint --format
line`` in the fixture folder, reading the folder's ``.vale.ini`` (see
``runner.py``). A scenario with files in other formats runs on its Markdown
part. ``skips.py`` lists every scenario that does not run, with the reason.
"""

from __future__ import annotations

import pytest

from . import runner
from .skips import CORRECTED, SKIPS

SCENARIOS = runner.scenarios()


def test_every_skip_names_a_scenario() -> None:
    assert set(SKIPS) | set(CORRECTED) <= {s.id for s in SCENARIOS}


def test_scenario_ids_are_unique() -> None:
    ids = [s.id for s in SCENARIOS]
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("scenario", SCENARIOS, ids=[s.id for s in SCENARIOS])
def test_scenario(scenario: runner.Scenario) -> None:
    if scenario.id in SKIPS:
        pytest.skip(SKIPS[scenario.id])
    run = runner.plan(scenario)
    assert run is not None, f"a step this runner does not know: {scenario.id} (add it to skips.py with a reason)"
    with runner.workspace(run, runner.root_of(scenario)) as folder:
        corrected = CORRECTED.get(scenario.id, {})
        expected = [corrected.get(line, line) for line in runner.markdown_lines(run.expected, folder)]
        whole = len(expected) == len(run.expected)
        output, status = runner.execute(folder, run.targets, markdown_only=not whole)
    if run.exact:
        assert output == expected
    else:
        missing = [line for line in expected if line not in output]
        assert not missing, f"missing from the output: {missing}"
    for text in run.not_contain:
        assert not any(text in line for line in output)
    if whole and run.status is not None and status is not None:
        assert status == run.status


def test_every_scenario_is_here_and_runs_or_says_why_not() -> None:
    """The vendored data holds every feature file: a clone runs the 62 scenarios README.md counts, never fewer."""
    assert (len(SCENARIOS), len(SCENARIOS) - len(SKIPS)) == (147, 62)
