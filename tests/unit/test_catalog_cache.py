"""The cache of the validated catalog: a hit equals a fresh load, and an edit is never missed."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mesocore import catalog as catalog_module
from mesocore import catalog_cache
from mesocore.catalog import CONTENT_DIR, CatalogError, content_files, load_catalog
from mesocore.catalog_cache import FILE_NAME, cache_dir, cache_key, cached_catalog, read_cached
from mesocore.models import Consultation, Patient
from tests.conftest import ROOT

PREGNANCY_MESSAGE = "Mesotherapy is not done during pregnancy."


def _no_load(_root=None):
    raise AssertionError("load_catalog ran: the cache was not used")


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_second_load_comes_from_the_cache_and_equals_a_fresh_load(content, tmp_path, monkeypatch):
    first = cached_catalog(content, tmp_path / "cache")
    assert (tmp_path / "cache" / FILE_NAME).is_file()
    monkeypatch.setattr(catalog_cache, "load_catalog", _no_load)
    second = cached_catalog(content, tmp_path / "cache")
    assert second == first == load_catalog(content)
    assert second.rules["CI-PREGNANCY"].message() == PREGNANCY_MESSAGE


def test_an_edit_to_contraindications_is_seen_by_the_next_load(content, tmp_path):
    cached_catalog(content, tmp_path / "cache")
    _edit(content / "contraindications.toml", PREGNANCY_MESSAGE, "Never during pregnancy.")
    assert cached_catalog(content, tmp_path / "cache").rules["CI-PREGNANCY"].message() == (
        "Never during pregnancy."
    )


def test_a_bad_edit_fails_as_it_would_without_a_cache(content, tmp_path):
    cached_catalog(content, tmp_path / "cache")
    _edit(content / "contraindications.toml", 'severity = "not_eligible"', 'severity = "fine"')
    with pytest.raises(CatalogError, match=r"contraindications\.toml"):
        cached_catalog(content, tmp_path / "cache")


def test_an_edit_to_the_clinic_override_file_is_seen(content, tmp_path, monkeypatch):
    clinic = tmp_path / "clinic.toml"
    clinic.write_text((CONTENT_DIR / "clinic.toml").read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("MESOCONSULT_CLINIC", str(clinic))
    assert cached_catalog(content, tmp_path / "cache").clinic.min_age == 18
    _edit(clinic, "min_age = 18", "min_age = 21")
    assert cached_catalog(content, tmp_path / "cache").clinic.min_age == 21


def test_the_key_covers_every_file_load_catalog_reads(content, tmp_path, monkeypatch):
    clinic = tmp_path / "elsewhere" / "clinic.toml"
    clinic.parent.mkdir()
    clinic.write_bytes((CONTENT_DIR / "clinic.toml").read_bytes())
    monkeypatch.setenv("MESOCONSULT_CLINIC", str(clinic))
    read: list[Path] = []
    original = catalog_module._read_toml

    def recording(path: Path) -> dict:
        read.append(path)
        return original(path)

    monkeypatch.setattr(catalog_module, "_read_toml", recording)
    load_catalog(content)
    assert sorted(read) == sorted(content_files(content))
    for path in read:  # and a change to any one of them changes the key
        before = cache_key(content)
        path.write_bytes(path.read_bytes() + b"\n# edited\n")
        assert cache_key(content) != before, path.name


def test_a_change_to_the_code_that_defines_the_models_changes_the_key(tmp_path, monkeypatch):
    code = tmp_path / "catalog.py"
    code.write_text("# version 1\n", encoding="utf-8")
    monkeypatch.setattr(catalog_cache, "CODE_FILES", (code,))
    before = cache_key()
    code.write_text("# version 2\n", encoding="utf-8")
    assert cache_key() != before


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[:-10],  # truncated
        lambda data: data[:-1] + bytes([data[-1] ^ 1]),  # one bit flipped in the body
        lambda data: b"not a cache file",
        lambda data: b"",
    ],
    ids=["truncated", "bit-flip", "garbage", "empty"],
)
def test_a_damaged_cache_file_is_ignored_and_rewritten(content, tmp_path, damage):
    path = tmp_path / "cache" / FILE_NAME
    expected = cached_catalog(content, path.parent)
    path.write_bytes(damage(path.read_bytes()))
    assert read_cached(path, cache_key(content)) is None
    assert cached_catalog(content, path.parent) == expected
    assert read_cached(path, cache_key(content)) == expected


def test_a_cache_file_others_can_write_is_not_trusted(content, tmp_path):
    path = tmp_path / "cache" / FILE_NAME
    cached_catalog(content, path.parent)
    os.chmod(path, 0o666)
    assert read_cached(path, cache_key(content)) is None


def test_an_unwritable_cache_directory_still_gives_the_catalog(content, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory", encoding="utf-8")
    unwritable = blocker / "cache"  # cannot be created, even by root
    assert cached_catalog(content, unwritable) == load_catalog(content)
    assert not unwritable.exists()


def test_a_missing_content_file_is_reported_by_load_catalog(content, tmp_path):
    (content / "contraindications.toml").unlink()
    with pytest.raises(CatalogError, match=r"contraindications\.toml: file is missing"):
        cached_catalog(content, tmp_path / "cache")


def test_the_cache_file_is_private_to_its_user(content, tmp_path):
    path = tmp_path / "cache" / FILE_NAME
    cached_catalog(content, path.parent)
    assert path.stat().st_mode & 0o077 == 0
    assert path.parent.stat().st_mode & 0o077 == 0
    assert [p.name for p in path.parent.iterdir()] == [FILE_NAME]  # no temporary file left


def test_the_cache_directory_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("MESOCONSULT_CACHE_DIR", str(tmp_path / "mine"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache_dir() == tmp_path / "mine"
    monkeypatch.delenv("MESOCONSULT_CACHE_DIR")
    assert cache_dir() == tmp_path / "xdg" / "mesoconsult"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "mesoconsult"


def test_the_command_line_sees_a_clinic_edit_made_between_two_runs(tmp_path):
    """Two processes, one cache: the second run must apply the clinic's new minimum age."""
    clinic = tmp_path / "clinic.toml"
    clinic.write_text((CONTENT_DIR / "clinic.toml").read_text(encoding="utf-8"), encoding="utf-8")
    patient = Consultation(
        consultation_date=date(2025, 6, 1), patient=Patient(birth_date=date(2005, 1, 1))
    )
    file = tmp_path / "c.json"
    file.write_text(patient.model_dump_json(), encoding="utf-8")
    env = {**os.environ, "MESOCONSULT_CACHE_DIR": str(tmp_path / "cache")}
    env["MESOCONSULT_CLINIC"] = str(clinic)

    def screen() -> subprocess.CompletedProcess:
        command = [sys.executable, "-m", "mesocore", "screen", str(file), "--json"]
        return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)

    first = screen()
    assert first.returncode == 0, first.stderr
    assert json.loads(first.stdout)["status"] == "incomplete"
    assert (tmp_path / "cache" / FILE_NAME).is_file()
    _edit(clinic, "min_age = 18", "min_age = 21")
    second = screen()
    assert second.returncode == 2
    assert "age 20 is outside the range the clinic treats (21–90)" in second.stderr
