"""Case rules that respect the language: Turkish has two i's (i/İ and ı/I).

Python's ``str.upper``/``lower``/``casefold`` follow the default Unicode rules: ``"i".upper()`` is
``"I"`` (Turkish wants ``"İ"``), ``"I".lower()`` is ``"i"`` (Turkish wants ``"ı"``) and
``"İ".lower()`` is ``"i"`` plus a combining dot. Every upper-casing, lower-casing and case-blind
comparison of text people read or type goes through here, so "İstanbul" never prints as
"ISTANBUL" and "AYŞE YILMAZ" finds "Ayşe Yılmaz".
"""

from __future__ import annotations

import unicodedata

TURKIC = frozenset({"tr", "az"})
"""Languages with the dotted/dotless i pair (Azerbaijani shares the Turkish rule)."""

_COMBINING_DOT = "\u0307"


def upper(text: str, locale: str) -> str:
    """Upper case in `locale`: ``upper("istanbul", "tr") == "İSTANBUL"``."""
    if locale in TURKIC:
        text = text.replace("i", "İ")  # "ı".upper() is already "I"
    return text.upper()


def lower(text: str, locale: str) -> str:
    """Lower case in `locale`: ``lower("IĞDIR", "tr") == "ığdır"``.

    Elsewhere "İ" (a Turkish name in English text) becomes a plain "i", not "i" + a dot."""
    if locale in TURKIC:
        text = text.replace("I", "ı")
    return text.replace("İ", "i").lower()


def collapse(text: str) -> str:
    """Composed (NFC), with runs of whitespace made one space and the ends trimmed."""
    return " ".join(unicodedata.normalize("NFC", text).split())


def fold(text: str, locale: str = "tr") -> str:
    """A key for case-blind comparison and search in `locale` (whitespace collapsed).

    Turkish: I ↔ ı and İ ↔ i, so "ISPARTA" = "ısparta" but not "isparta". Otherwise Unicode
    case folding ("Straße" = "STRASSE"), with "İ" folded to a plain "i"."""
    text = collapse(text)
    if locale in TURKIC:
        return text.replace("İ", "i").replace("I", "ı").casefold()
    folded = unicodedata.normalize("NFC", text.casefold())
    return folded.replace("i" + _COMBINING_DOT, "i")


def same_text(first: str, second: str) -> bool:
    """Whether two texts are equal ignoring case and spacing, the Turkish way or the default
    way (so Turkish and other names both match; different letters never do)."""
    return any(fold(first, rule) == fold(second, rule) for rule in ("tr", "en"))


def contains(text: str, query: str) -> bool:
    """Whether `query` occurs in `text`, ignoring case the Turkish way or the default way
    (a search box: "ismail" finds "İSMAİL", "yilmaz" does not find "Yılmaz" but "yılmaz" does)."""
    return any(fold(query, rule) in fold(text, rule) for rule in ("tr", "en"))
