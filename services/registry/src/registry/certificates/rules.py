"""Rules of the register, as plain functions."""

from datetime import date, timedelta

LEVEL_LETTERS = {"apprentice": "A", "professional": "P", "senior": "S"}
VALIDITY_YEARS = 5


def certificate_number(year: int, level: str, sequence: int) -> str:
    """The CSE's unified number: `CSE-2026-P-000123` (year of issue, level, yearly sequence)."""
    return f"CSE-{year}-{LEVEL_LETTERS[level]}-{sequence:06d}"


def validity(issued: date, years: int = VALIDITY_YEARS) -> tuple[date, date]:
    """Valid from the day of issue through the day before the same date `years` later."""
    try:
        end = issued.replace(year=issued.year + years)
    except ValueError:  # 29 February
        end = issued.replace(year=issued.year + years, day=28)
    return issued, end - timedelta(days=1)
