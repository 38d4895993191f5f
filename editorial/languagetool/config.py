"""The ``languagetool:`` part of editorial.yaml."""

from __future__ import annotations

import hashlib
import json
import re
import urllib.parse
from dataclasses import dataclass, field

from editorial.errors import EditorialError, Problem
from editorial.lint.findings import Severity
from editorial.settings import Settings

# What a finding's severity is by LanguageTool's category, unless configured:
# nothing blocks a commit by default; grammar and spelling stand out from style.
DEFAULT_SEVERITY = {
    "GRAMMAR": Severity.warning,
    "TYPOS": Severity.warning,
    "CONFUSED_WORDS": Severity.warning,
    "CASING": Severity.warning,
    "PUNCTUATION": Severity.warning,
    "STYLE": Severity.suggestion,
    "TYPOGRAPHY": Severity.suggestion,
    "REDUNDANCY": Severity.suggestion,
    "PLAIN_ENGLISH": Severity.suggestion,
    "REPETITIONS_STYLE": Severity.suggestion,
    "COLLOCATIONS": Severity.suggestion,
}
OTHER_SEVERITY = Severity.warning
DEFAULT_TIMEOUT = 20.0


@dataclass(frozen=True)
class LanguageToolSettings:
    enabled: bool = True
    url: str | None = None
    language: str = "en-US"
    required: bool = False
    picky: bool = False
    enabled_rules: tuple[str, ...] = ()
    disabled_rules: tuple[str, ...] = ()
    enabled_categories: tuple[str, ...] = ()
    disabled_categories: tuple[str, ...] = ()
    # Words never reported as misspelt: the configured ones, every contributor's
    # name, the newsletter's name and the names of styles.names (products, organisations).
    accept: frozenset[str] = frozenset()
    severity: dict[str, Severity] = field(default_factory=dict)
    timeout: float = DEFAULT_TIMEOUT

    def severity_of(self, category: str) -> Severity:
        return self.severity.get(category) or DEFAULT_SEVERITY.get(category, OTHER_SEVERITY)

    def fingerprint(self) -> str:
        """What changes LanguageTool's answer for the same text: part of every cache key."""
        settings = [
            self.language,
            self.picky,
            sorted(self.enabled_rules),
            sorted(self.disabled_rules),
            sorted(self.enabled_categories),
            sorted(self.disabled_categories),
        ]
        return hashlib.sha256(json.dumps(settings).encode()).hexdigest()[:16]


def load(settings: Settings) -> LanguageToolSettings:
    data = settings.data.get("languagetool") or {}
    problems = []

    def problem(key: tuple[str, ...], message: str) -> None:
        line = settings.source.line(("languagetool", *key)) if settings.source else None
        problems.append(Problem(settings.config_path or "editorial.yaml", line, message))

    severity: dict[str, Severity] = {}
    for category, level in (data.get("severity") or {}).items():
        try:
            severity[category] = Severity.parse(level)
        except KeyError:
            problem(("severity", category), f"'{level}' is not a severity (error, warning, suggestion)")
    timeout = float(data.get("timeout", DEFAULT_TIMEOUT))
    if timeout <= 0:
        problem(("timeout",), f"timeout must be a number of seconds above 0, not {data['timeout']}")
    url = data.get("url")
    if url is not None and not is_http_url(url):
        problem(("url",), f"'{url}' is not the http:// or https:// address of a LanguageTool server")
    if problems:
        raise EditorialError(*problems)
    names = {c.name for c in settings.contributors} | {settings.name} | set((settings.data.get("styles") or {}).get("names") or ())
    accept = {word for name in names for word in re.findall(r"[\w'’-]+", name)} | set(data.get("accept") or ())
    return LanguageToolSettings(
        enabled=data.get("enabled", True),
        url=url,
        language=data.get("language", settings.language),
        required=data.get("required", False),
        picky=data.get("picky", False),
        enabled_rules=tuple(data.get("enabled_rules") or ()),
        disabled_rules=tuple(data.get("disabled_rules") or ()),
        enabled_categories=tuple(data.get("enabled_categories") or ()),
        disabled_categories=tuple(data.get("disabled_categories") or ()),
        accept=frozenset(accept),
        severity=severity,
        timeout=timeout,
    )


def is_http_url(url: str) -> bool:
    parts = urllib.parse.urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)
