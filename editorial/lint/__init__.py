"""Checks over parsed documents, and the findings they report."""
