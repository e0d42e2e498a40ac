"""User-facing text: one function, ``t(key, locale)``, over ``content/i18n/<locale>.toml``.

A second language is a new file, not a code change. Keys are dotted paths into the TOML tables
(``assessment.title``). A text missing in a language falls back to English; a key missing in
English is a programming error and raises KeyError (a test checks every key the code uses).
"""

from __future__ import annotations

from functools import cache

from mesocore.catalog import CONTENT_DIR, DEFAULT_LOCALE, LOCALES


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{path}."))
        else:
            flat[path] = str(value)
    return flat


@cache
def messages(locale: str) -> dict[str, str]:
    """All texts of one language, flattened; loaded once per process."""
    path = CONTENT_DIR / "i18n" / f"{locale}.toml"
    if locale not in LOCALES or not path.exists():
        return {}
    import tomllib  # here, not at import: `screen --json` often needs no user-facing text

    with path.open("rb") as handle:
        return _flatten(tomllib.load(handle))


def t(key: str, locale: str = DEFAULT_LOCALE, /, **values: object) -> str:
    """The text for `key` in `locale` (English if missing there), formatted with `values`."""
    text = messages(locale).get(key)
    if text is None:
        text = messages(DEFAULT_LOCALE)[key]
    return text.format(**values) if values else text


def language_name(locale: str) -> str:
    """A language's name in that language ("Türkçe"), from its own file's ``[language]``."""
    return messages(locale)["language.name"]
