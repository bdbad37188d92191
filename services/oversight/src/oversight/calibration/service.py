"""Examiner calibration figures for a society (its own examiners) or the whole platform."""

from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from oversight import cursors
from oversight.calibration import repository, rules
from oversight.calibration.schemas import CalibrationOut, ExaminerCalibration


def sort_key(figure: rules.Calibration) -> tuple[bool, float, str, str]:
    # The most out of line first: that is who the society looks at.
    return (not figure.flagged, -abs(figure.mean_difference or 0), figure.examiner_id,
            figure.society_code)


async def calibration(session: AsyncSession, kind: str, society: str | None,
                      page: PageParams) -> CalibrationOut:
    rows = await repository.scores(session, kind, society)
    figures = rules.calibrate(
        rules.Score(kind=r.kind, case_id=str(r.case_id), round=r.round,
                    examiner_id=r.examiner_id, society_code=r.society_code,
                    score=float(r.score))
        for r in rows
    )
    figures.sort(key=sort_key)
    # A ranking computed on each request: the cursor is a position in it.
    start = cursors.offset_of(page.cursor)
    shown = figures[start:start + page.limit]
    more = len(figures) > start + page.limit
    cursor = cursors.offset_cursor(start + page.limit) if more else None
    return CalibrationOut(
        kind=kind, society_code=society, min_cases=rules.MIN_CASES,
        threshold=rules.THRESHOLDS[kind],
        items=[ExaminerCalibration(**c.__dict__) for c in shown], next_cursor=cursor,
    )
