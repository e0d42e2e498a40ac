"""The schema of release 0.1.0: one table of consultations.

Release 0.1.0 created this table with ``create_all`` before there were migrations; such a
database is stamped with this revision on its first start (mesocore/schema.py) and moves on
from here. Written out column by column, never from the live table definitions: a migration
describes the schema as it was when it was written.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "consultations",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("data", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("patient_name", sa.String(120), nullable=False),
        sa.Column("name_key", sa.String(240), nullable=False),
        sa.Column("consultation_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(32), nullable=False),
    )
    op.create_index("ix_consultations_updated_at", "consultations", ["updated_at"])
    op.create_index("ix_consultations_name_key", "consultations", ["name_key"])
    op.create_index("ix_consultations_consultation_date", "consultations", ["consultation_date"])


def downgrade() -> None:
    op.drop_table("consultations")
