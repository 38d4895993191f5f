"""LanguageTool for the lint: an English-only server installed from Maven Central and run detached.

``install`` fetches the pinned jars into the user's cache folder, ``server``
starts, finds and stops the server, and ``supervisor`` is the small process
that keeps it running and ends it once nobody has used it for a while.
"""
