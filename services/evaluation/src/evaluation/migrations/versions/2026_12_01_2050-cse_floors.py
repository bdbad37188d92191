"""cse floors: stored society settings looser than the CSE's rules are tightened to them

A society may be stricter than the CSE, never looser (DOMAIN.md §13); the API now refuses
looser values, and rows written before that are raised to the floors: cycle ≤ 6 months,
public notice ≥ 1 working day, interview pass total ≥ 60, knowledge ≥ 21 (professional,
apprentice) / ≥ 18 (senior), ethics ≥ 12. Not reversible: the looser values broke the rules.

Revision ID: c3f1a9d2e7b4
Revises: 7a16ab4670b1
Create Date: 2026-12-01 20:50:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "c3f1a9d2e7b4"
down_revision: str | None = "7a16ab4670b1"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.execute("UPDATE society_policies SET cycle_months = 6 WHERE cycle_months > 6")
    op.execute("UPDATE society_policies SET notice_working_days = 1 "
               "WHERE notice_working_days < 1")
    op.execute("UPDATE rubrics SET pass_total = 60 WHERE pass_total < 60")
    for level, knowledge in (("professional", 21), ("apprentice", 21), ("senior", 18)):
        for name, floor in (("knowledge", knowledge), ("ethics", 12)):
            op.execute(
                f"UPDATE rubrics SET minima = jsonb_set(minima, '{{{name}}}', '\"{floor}\"') "
                f"WHERE level = '{level}' AND (NOT minima ? '{name}' "
                f"OR (minima ->> '{name}')::numeric < {floor})"
            )


def downgrade() -> None:
    pass
