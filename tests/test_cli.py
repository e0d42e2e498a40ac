"""The command line: JSON Schema, and one clear line for a bad file."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mesocore.cli import main
from tests.conftest import ROOT
from tests.factories import consultation


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mesocore", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_schema_prints_the_consultation_json_schema():
    result = run_cli("schema")
    assert result.returncode == 0
    schema = json.loads(result.stdout)
    assert {"patient", "history", "treatments", "start_date"} <= set(schema["properties"])


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"patient": {"birth_date": "2999-01-01"}}', ["patient.birth_date", "future"]),
        ('{"history": {"pregnant": "perhaps"}}', ["history.pregnant"]),
        ('{"areas": ["elbow"]}', ["areas", "elbow"]),
        ("not json at all", ["Invalid JSON"]),
    ],
)
def test_a_bad_file_gets_one_line_naming_the_field_and_exit_2(tmp_path, capsys, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    assert main(["screen", str(path)]) == 2
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    for word in words:
        assert word in err


def test_a_missing_file_is_reported_without_traceback(tmp_path, capsys):
    assert main(["screen", str(tmp_path / "nope.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_screen_json_has_the_design_shape(tmp_path, capsys):
    path = tmp_path / "c.json"
    path.write_text(consultation(pregnant=True).model_dump_json(), encoding="utf-8")
    assert main(["screen", str(path), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "not_eligible"
    finding = out["findings"][0]
    assert set(finding) == {"rule", "severity", "message", "advice", "sources"}
