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


def _write(tmp_path, consultation_) -> str:
    path = tmp_path / "consultation.json"
    path.write_text(consultation_.model_dump_json(), encoding="utf-8")
    return str(path)


def test_screen_json_is_exactly_the_design_shape_worst_first(tmp_path):
    path = _write(tmp_path, consultation(blood_thinners=True, cancer=None, pregnant=True))
    result = run_cli("screen", path, "--json")
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert set(out) == {"status", "findings"}
    assert out["status"] == "not_eligible"
    assert [f["rule"] for f in out["findings"]] == [
        "CI-PREGNANCY",
        "CI-CANCER",
        "CI-BLOOD-THINNERS",
    ]
    assert [f["severity"] for f in out["findings"]] == [
        "not_eligible",
        "incomplete",
        "eligible_with_cautions",
    ]
    for finding in out["findings"]:
        assert set(finding) == {"rule", "severity", "message", "advice", "sources"}
        assert finding["message"] and finding["advice"]
        assert finding["sources"] and all(s.startswith("seed-") for s in finding["sources"])


def test_screen_json_of_a_fully_screened_patient_is_eligible_with_no_findings(tmp_path, capsys):
    assert main(["screen", _write(tmp_path, consultation()), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {"status": "eligible", "findings": []}


def test_screen_json_names_the_cocktail_an_allergy_blocks(tmp_path, capsys):
    assert main(["screen", _write(tmp_path, consultation(allergies=["salmon_dna"])), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["status"] == "not_eligible"
    rules = {f["rule"]: f for f in out["findings"]}
    assert "Mesolift" in rules["CI-ALLERGY"]["message"]
    assert rules["CI-ALLERGY-RECORDED"]["severity"] == "eligible_with_cautions"


def test_screen_prints_outcome_findings_advice_and_sources_for_people(tmp_path, capsys):
    assert main(["screen", _write(tmp_path, consultation(active_skin_infection=True))]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Screening: Deferred"
    assert lines[1].startswith("- [deferred] CI-SKIN-INFECTION: Treatment is postponed")
    assert lines[2].startswith("  Advice: Defer")
    assert lines[3] == "  Sources: seed-000"


def test_screen_reports_an_unknown_answer_as_incomplete_never_eligible(tmp_path, capsys):
    assert main(["screen", _write(tmp_path, consultation(urticaria=None))]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Screening: Incomplete")
    assert "CI-URTICARIA: Not answered yet" in out


def test_screen_shows_questions_that_do_not_apply_with_the_reason(tmp_path, capsys):
    base = consultation(pregnant=None, breastfeeding=None)
    male = base.model_copy(update={"patient": base.patient.model_copy(update={"sex": "male"})})
    assert main(["screen", _write(tmp_path, male)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Screening: Eligible")
    assert "- CI-PREGNANCY: Not applicable: the patient is recorded as Male." in out


def test_the_command_line_runs_with_docstrings_stripped(tmp_path):
    """`python -OO` drops every docstring; the parser once read its description from one."""
    path = tmp_path / "c.json"
    path.write_text(consultation().model_dump_json(), encoding="utf-8")
    for args in (["--help"], ["screen", str(path), "--json"]):
        result = subprocess.run(
            [sys.executable, "-OO", "-m", "mesocore", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
