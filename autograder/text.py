"""Text from a submission, made safe for where it goes: SQLite, CSV, HTML and the terminal.

Anything a student controls (folder names, notebook metadata, what the kernel says) passes
through here before it is stored or shown. HTML escaping is the templates' job (jinja2's
autoescape); these functions do the rest.
"""

from __future__ import annotations

import unicodedata

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_text(text: object, limit: int = 10_000) -> str:
    """``text`` as valid Unicode without control characters (newlines and tabs kept)."""
    value = text if isinstance(text, str) else str(text)
    value = value.encode("utf-8", "replace").decode("utf-8")  # lone surrogates become "?"
    value = "".join(
        c if c in "\n\t" or unicodedata.category(c) not in ("Cc", "Cs") else "\ufffd"
        for c in value[:limit]
    )
    return value


def one_line(text: object, limit: int = 200) -> str:
    """``text`` on one line for the terminal: no escapes, no newlines, at most ``limit``."""
    value = " ".join(safe_text(text).split())
    return value if len(value) <= limit else value[: limit - 3] + "..."


def csv_cell(value: object) -> object:
    """A value for a CSV cell that no spreadsheet runs as a formula (OWASP's advice: a leading
    quote before text that starts like one)."""
    if not isinstance(value, str):
        return value
    value = safe_text(value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def exception_name(error_line: str) -> str:
    """The exception's name from an error line ("ValueError: ..." -> "ValueError"), when it is
    a plain dotted name; "an error" otherwise. The message after it is the kernel's text, which
    a submission controls, so it is never shown beside the grade."""
    name = error_line.split(":", 1)[0].strip()
    parts = name.split(".")
    if 0 < len(name) <= 60 and all(p.isidentifier() for p in parts):
        return name
    return "an error"
