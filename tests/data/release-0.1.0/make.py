"""Writes the databases of release 0.1.0 that tests/unit/test_schema.py upgrades: run once, with
the code of that release (main at 9edba97, before migrations), never with today's:

    git archive 9edba97 | tar -x -C /tmp/release-0.1.0
    PYTHONPATH=/tmp/release-0.1.0 python tests/data/release-0.1.0/make.py OUT_DIR [PG_URL]

It saves real consultations through that release's own Store (its schema made by
``create_all``, its columns filled by its own save) into ``consultations.sqlite`` and, given a
PostgreSQL URL, into that database (then dumped with ``pg_dump`` to ``consultations.pg.sql``),
and writes what it saved to ``consultations.json``: id, version and the consultation file.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from mesocore.catalog import get_catalog
from mesocore.consent import confirm
from mesocore.demo import ALL_NO, demo_consultation
from mesocore.models import Consent, Consultation, History, Patient, Treatment
from mesocore.store import Store, new_id

DAY = date(2026, 11, 20)


def consultations() -> list[list[Consultation]]:
    """Each a list of successive saves of one consultation (the last one is what is stored)."""
    demo = demo_consultation(today=DAY)
    turkish = demo_consultation(today=DAY, locale="tr").model_copy(
        update={"patient": Patient(name="İsmail Işık", birth_date=date(1979, 2, 28), sex="male")}
    )
    named = Consultation(consultation_date=DAY, patient=Patient(name="Çağla Öztürk"))
    pregnant = demo.model_copy(
        update={
            "patient": Patient(name="Zeynep Şahin", birth_date=date(1992, 7, 1), sex="female"),
            "history": History(**(ALL_NO | {"pregnant": True})),
        }
    )
    custom = demo.model_copy(
        update={
            "patient": Patient(name="John O'Neill", birth_date=date(1970, 1, 31), sex="other"),
            "history": History(**(ALL_NO | {"allergies": ["salmon_dna"], "blood_thinners": None})),
            "treatments": [
                Treatment(area="face", cocktail="custom", ingredients=["hyaluronic_acid"]),
                Treatment(area="neck", cocktail="mesolift", sessions=4, interval_days=10),
            ],
            "wishes": ["avoid_bruising"],
            "treatment_choice": "mesotherapy",
            "visit_dates": {"session-2": DAY + timedelta(days=20)},
            "visit_time": time(16, 30),
        }
    )
    consented = demo.model_copy(
        update={
            "patient": Patient(name="Ayşe Yılmaz", birth_date=date(1988, 4, 12), sex="female"),
            "notes": "Second consultation.\nSigned on paper too.",
        }
    )
    drafted = Consent(statements=list(get_catalog().consent), patient_name="AYŞE YILMAZ")
    consented = consented.model_copy(update={"consent": drafted})
    consented = consented.model_copy(
        update={"consent": confirm(consented, datetime(2026, 11, 20, 15, 4, 5))}
    )
    edited = [named, named.model_copy(update={"goals": "Less tired eyes"})]
    edited.append(edited[-1].model_copy(update={"concerns": ["dark_circles"]}))
    return [[demo], [turkish], edited, [pregnant], [custom], [consented]]


def main(out: Path, pg_url: str | None) -> None:
    out.mkdir(parents=True, exist_ok=True)
    sqlite_path = out / "consultations.sqlite"
    sqlite_path.unlink(missing_ok=True)
    stores = [Store(f"sqlite:///{sqlite_path}")]
    if pg_url:
        stores.append(Store(pg_url))
    written = []
    for saves in consultations():
        record_id, version = new_id(), None  # one id in both databases
        for consultation in saves:
            for store in stores:
                saved = store.save(consultation.model_copy(update={"id": record_id}), version)
            version = saved.version
        stored = stores[0].load(record_id)
        written.append(
            {
                "id": record_id,
                "version": stored.version,
                "file": json.loads(stored.consultation.model_dump_json()),
            }
        )
    (out / "consultations.json").write_text(
        json.dumps(written, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main(Path(sys.argv[1]), sys.argv[2] if len(sys.argv) > 2 else None)
