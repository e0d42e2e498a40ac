"""User-facing text comes from content/i18n through mesocore.i18n.t."""

from __future__ import annotations

import ast
import re

import pytest
from pydantic import BaseModel

from mesocore.catalog import LOCALES, Text, get_catalog
from mesocore.i18n import messages, t
from tests.conftest import ROOT

KEY_CALL = re.compile(r"""\bt\(\s*f?["']([a-z_]+\.[a-z_.{}]+)["']""")
UI_FILES = [
    ROOT / "app.py",
    *sorted((ROOT / "pages").glob("*.py")),
    *sorted((ROOT / "ui").rglob("*.py")),
    *sorted((ROOT / "mesocore").rglob("*.py")),
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
    assert t("assessment.age", "en", age=38) == "Age: 38"


def test_a_key_missing_everywhere_raises():
    with pytest.raises(KeyError):
        t("no.such.key")


# --- every language has every text ------------------------------------------------------------

PLACEHOLDER = re.compile(r"\{(\w*)[^}]*\}")
TRANSLATED = [locale for locale in LOCALES if locale != "en"]
SAME_IN_EVERY_LANGUAGE = {"app.title"}  # the product's name


def _placeholders(text: str) -> set[str]:
    return set(PLACEHOLDER.findall(text))


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_language_has_exactly_the_keys_of_english(locale):
    english, other = messages("en"), messages(locale)
    assert sorted(set(english) - set(other)) == [], f"missing in {locale}.toml"
    assert sorted(set(other) - set(english)) == [], f"only in {locale}.toml (typo or stale?)"


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_translation_keeps_the_placeholders_of_english(locale):
    english, other = messages("en"), messages(locale)
    differ = {
        key: (sorted(_placeholders(english[key])), sorted(_placeholders(other[key])))
        for key in english
        if key in other and _placeholders(english[key]) != _placeholders(other[key])
    }
    assert differ == {}


@pytest.mark.parametrize("locale", TRANSLATED)
def test_no_translation_is_empty_or_a_copy_of_a_long_english_text(locale):
    english, other = messages("en"), messages(locale)
    empty = [key for key, text in other.items() if not text.strip()]
    copied = [
        key
        for key, text in other.items()
        if text == english.get(key)
        and key not in SAME_IN_EVERY_LANGUAGE
        and len(re.sub(r"\W", "", PLACEHOLDER.sub("", text))) > 8
    ]
    assert empty == [] and copied == []


def _texts(node: object, path: str) -> list[tuple[str, Text]]:
    """Every catalog Text under `node`, with where it is (``cocktails.mesolift.name``)."""
    if isinstance(node, Text):
        return [(path, node)]
    if isinstance(node, BaseModel):
        return [
            found
            for name in type(node).model_fields
            for found in _texts(getattr(node, name), f"{path}.{name}")
        ]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in _texts(value, f"{path}.{key}")]
    if isinstance(node, (tuple, list)):
        return [found for i, value in enumerate(node) for found in _texts(value, f"{path}[{i}]")]
    return []


def test_the_catalog_walk_finds_the_texts_it_must_check():
    found = dict(_texts(get_catalog(), "catalog"))
    assert "catalog.rules.CI-PREGNANCY.label" in found
    assert "catalog.protocols.standard.milestones[0].text" in found
    assert "catalog.bodymap.views.face.name" in found
    assert len(found) > 150


@pytest.mark.parametrize("locale", TRANSLATED)
def test_every_catalog_text_is_written_in_every_language(locale):
    missing = [
        path
        for path, text in _texts(get_catalog(), "catalog")
        if not text.root.get(locale, "").strip()
    ]
    assert missing == [], f'add `{locale} = "…"` to these catalog texts'


# --- no page writes its own words -------------------------------------------------------------

# Streamlit arguments that people read; everything else (key, type, icon, mime, …) is not text.
TEXT_ARGUMENTS = {"label", "help", "placeholder", "body", "text", "title", "caption", "captions"}
# Markdown and Streamlit markup without words: ":small[", ":material/info:", ":red[".
MARKUP = re.compile(r":[a-z_]+\[|:material/[a-z_]+:|\]")
LETTER = re.compile(r"[^\W\d_]")
BRAND = t("app.title", "en")


def _words(node: ast.AST) -> str:
    """The letters a literal argument would print, once markup is taken out ('' if none)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        literal = node.value
    elif isinstance(node, ast.JoinedStr):
        literal = " ".join(
            part.value
            for part in node.values
            if isinstance(part, ast.Constant) and isinstance(part.value, str)
        )
    elif isinstance(node, (ast.List, ast.Tuple)):
        return " ".join(_words(item) for item in node.elts).strip()
    elif isinstance(node, ast.Lambda):
        return _words(node.body)
    elif isinstance(node, ast.IfExp):
        return f"{_words(node.body)} {_words(node.orelse)}".strip()
    else:
        return ""
    literal = MARKUP.sub(" ", literal).replace(BRAND, " ")
    return literal if LETTER.search(literal) else ""


def _is_streamlit_call(call: ast.Call) -> bool:
    """``st.x(...)``, ``st.sidebar.x(...)``, ``st.column_config.X(...)``: rooted at ``st``
    (``st.session_state`` holds data, not text)."""
    func = call.func
    while isinstance(func, ast.Attribute):
        if func.attr == "session_state":
            return False
        func = func.value
    return isinstance(func, ast.Name) and func.id == "st"


def hard_coded_texts(source: str, filename: str = "<source>") -> list[str]:
    """Words a Streamlit call prints that do not come from mesocore.i18n.t or the catalog."""
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if not (isinstance(node, ast.Call) and _is_streamlit_call(node)):
            continue
        shown = list(node.args[:1]) + [
            kw.value for kw in node.keywords if kw.arg in TEXT_ARGUMENTS | {"format_func"}
        ]
        for argument in shown:
            words = _words(argument)
            if words:
                found.append(f"{filename}:{argument.lineno}: {words.strip()!r}")
    return found


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('st.button("Save")', True),
        ('st.sidebar.markdown(f"**Patient**: {name}")', True),
        ('st.text_input(t("assessment.name", locale), help="As on the ID card")', True),
        ('st.column_config.TextColumn("Visit")', True),
        ('st.radio(label, options=o, format_func=lambda c: "Yes" if c else "No")', True),
        ('st.button(t("app.load_demo", locale), key="demo-button")', False),
        ("st.markdown(f\"**{t('areas.treats', locale)}**: {names}\")", False),
        ("st.caption(f\":small[{t('screening.rule_label', locale)} `{rule}`]\")", False),
        ('st.caption(f":material/info: {reason}")', False),
        ('st.markdown("- ✓ · —")', False),
        ("st.html(TOUCH_CSS)", False),
        ('st.set_page_config(page_title="MesoConsult", page_icon="💉")', False),
        ('st.container(key="screening-questions")', False),
    ],
)
def test_the_hard_coded_text_check_flags_words_and_only_words(source, flagged):
    assert bool(hard_coded_texts(source)) is flagged


@pytest.mark.parametrize(
    "path", [p for p in UI_FILES if "mesocore" not in p.parts], ids=lambda p: p.name
)
def test_no_page_or_ui_module_hard_codes_text(path):
    assert hard_coded_texts(path.read_text(encoding="utf-8"), path.name) == []


def test_a_language_is_a_file_not_code(content):
    """Adding a language is a copy of en.toml under its own name: the catalog's languages are
    the files of content/i18n, and catalog texts in it load (no Python list to extend)."""
    from mesocore.catalog import load_catalog, locales

    english = (content / "i18n" / "en.toml").read_text(encoding="utf-8")
    (content / "i18n" / "de.toml").write_text(
        english.replace('name = "English"', 'name = "Deutsch"'), encoding="utf-8"
    )
    concerns = content / "concerns.toml"
    text = concerns.read_text(encoding="utf-8")
    concerns.write_text(text.replace("tr = ", 'de = "Falten", tr = ', 1), encoding="utf-8")
    assert locales(content) == ("en", "de", "tr")
    load_catalog(content)  # a German text is a known language there


def test_every_language_names_itself():
    from mesocore.i18n import language_name

    assert {locale: language_name(locale) for locale in LOCALES} == {
        "en": "English",
        "tr": "Türkçe",
    }


def _strings_in_code() -> tuple[set[str], list[re.Pattern[str]]]:
    """Every string literal of the code, and every f-string that starts like a key
    (``f"nav.{step}"``) as a pattern its placeholders may fill."""
    import ast

    literals: set[str] = set()
    patterns: list[re.Pattern[str]] = []
    for path in UI_FILES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                literals.add(node.value)
            elif isinstance(node, ast.JoinedStr) and any(
                isinstance(v, ast.Constant) and "." in str(v.value) for v in node.values
            ):
                parts = [
                    re.escape(str(v.value)) if isinstance(v, ast.Constant) else r"[a-z_0-9.]*"
                    for v in node.values
                ]
                patterns.append(re.compile("^" + "".join(parts) + "$"))
    return literals, patterns


def test_every_english_text_is_used_somewhere():
    """A text no screen, PDF or calendar shows is dead weight a translator still translates.
    A key is used when the code names it (``t("nav.assessment")``, a flash key) or an f-string
    can build it (``t(f"nav.{step}")``); the PDF names its texts without ``summary.``."""
    literals, patterns = _strings_in_code()
    unused = [
        key
        for key in messages("en")
        if key not in literals
        and not (key.startswith("summary.pdf_") and key.removeprefix("summary.") in literals)
        and not key.startswith("language.")
        and not any(pattern.match(key) for pattern in patterns)
    ]
    assert not unused
