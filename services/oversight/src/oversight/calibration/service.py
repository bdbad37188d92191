"""Examiner calibration figures for a society (its own examiners) or the whole platform."""

from sqlalchemy.ext.asyncio import AsyncSession

from oversight.calibration import repository, rules
from oversight.calibration.schemas import CalibrationOut, ExaminerCalibration


async def calibration(session: AsyncSession, kind: str, society: str | None) -> CalibrationOut:
    rows = await repository.scores(session, kind, society)
    figures = rules.calibrate(
        rules.Score(kind=r.kind, case_id=str(r.case_id), round=r.round,
                    examiner_id=r.examiner_id, society_code=r.society_code,
                    score=float(r.score))
        for r in rows
    )
    # The most out of line first: that is who the society looks at.
    figures.sort(key=lambda c: (not c.flagged, -abs(c.mean_difference or 0), c.examiner_id))
    return CalibrationOut(
        kind=kind, society_code=society, min_cases=rules.MIN_CASES,
        threshold=rules.THRESHOLDS[kind],
        examiners=[ExaminerCalibration(**c.__dict__) for c in figures],
    )
