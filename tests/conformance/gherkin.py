"""Just enough Gherkin for Vale's feature files: features, backgrounds, scenarios, steps, doc strings."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class Step:
    keyword: str  # Given, When, Then, And
    text: str
    doc: str | None = None
    line: int = 0


@dataclass
class Scenario:
    feature: str  # the feature file's path
    name: str
    line: int
    occurrence: int = 1  # a second scenario of the same name in the file is "#2"
    steps: list[Step] = field(default_factory=list)
    background: list[Step] = field(default_factory=list)

    @property
    def id(self) -> str:
        """``vale/checks.feature:Metric`` or ``Google/rules.feature:Use of numbers``."""
        feature = Path(self.feature)
        suffix = f" #{self.occurrence}" if self.occurrence > 1 else ""
        return f"{feature.parent.parent.name}/{feature.name}:{self.name}{suffix}"


def parse(path: Path) -> list[Scenario]:
    lines = path.read_text(encoding="utf-8").split("\n")
    scenarios: list[Scenario] = []
    background: list[Step] = []
    current: list[Step] | None = None
    i = 0
    while i < len(lines):
        raw = lines[i]
        line = raw.strip()
        i += 1
        if not line or line.startswith("#"):
            continue
        if line.startswith("Feature:"):
            continue
        if line.startswith("Background:"):
            current = background
            continue
        if line.startswith(("Scenario:", "Scenario Outline:")):
            name = line.split(":", 1)[1].strip()
            seen = sum(1 for s in scenarios if s.name == name)
            scenario = Scenario(str(path), name, i, seen + 1, background=background)
            scenarios.append(scenario)
            current = scenario.steps
            continue
        if line.startswith('"""'):
            indent = len(raw) - len(raw.lstrip())
            body = []
            while i < len(lines) and not lines[i].strip().startswith('"""'):
                text = lines[i]
                body.append(text[indent:] if text[:indent].strip() == "" else text.lstrip())
                i += 1
            i += 1  # the closing quotes
            if current:
                current[-1].doc = "\n".join(body)
            continue
        keyword, _, text = line.partition(" ")
        if keyword in ("Given", "When", "Then", "And", "But") and current is not None:
            current.append(Step(keyword, text, None, i))
    return scenarios
