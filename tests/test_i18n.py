"""User-facing text comes from content/i18n through mesocore.i18n.t."""

from __future__ import annotations

import re

import pytest

from mesocore.i18n import messages, t
from tests.conftest import ROOT

KEY_CALL = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.{}]+)["']""")
UI_FILES = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").glob("*.py")),
    *sorted((ROOT / "mesocore").glob("*.py")),
]


def _used_keys() -> set[str]:
    keys = set()
    for path in UI_FILES:
        keys |= set(KEY_CALL.findall(path.read_text(encoding="utf-8")))
    return keys


def test_every_literal_key_used_in_the_code_exists_in_english():
    english = messages("en")
    missing = [key for key in _used_keys() if "{" not in key and key not in english]
    assert not missing


def test_every_formatted_key_family_exists_in_english():
    english = messages("en")
    for key in (k for k in _used_keys() if "{" in k):
        prefix = key.split("{")[0]
        assert any(existing.startswith(prefix) for existing in english), key


def test_an_unknown_locale_falls_back_to_english():
    assert t("nav.assessment", "xx") == t("nav.assessment", "en") == "Assessment"


def test_values_are_formatted_into_the_text():
    assert t("app.step_of", "en", number=2, total=7) == "Step 2 of 7"


def test_a_key_missing_everywhere_raises():
    with pytest.raises(KeyError):
        t("no.such.key")
