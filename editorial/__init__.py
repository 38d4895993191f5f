"""editorial: an editorial workflow and linting toolkit for newsletters kept in git."""

__version__ = "0.1.0"
