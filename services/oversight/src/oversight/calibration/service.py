"""Examiner calibration figures for a society (its own examiners) or the whole platform."""

from kit.pagination import PageParams
from sqlalchemy.ext.asyncio import AsyncSession

from oversight import cursors
from oversight.calibration import repository, rules
from oversight.calibration.schemas import CalibrationOut, ExaminerCalibration

SortKey = tuple[bool, float, str, str]


def sort_key(figure: rules.Calibration) -> SortKey:
    # The most out of line first: that is who the society looks at.
    return (not figure.flagged, -abs(figure.mean_difference or 0), figure.examiner_id,
            figure.society_code)


def _after(cursor: str) -> SortKey:
    settled, distance, examiner, society = cursors.decode(cursor, 4)
    if not (isinstance(settled, bool) and isinstance(distance, int | float)
            and not isinstance(distance, bool)
            and isinstance(examiner, str) and isinstance(society, str)):
        raise cursors.invalid()
    return settled, float(distance), examiner, society


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
    if page.cursor:
        after = _after(page.cursor)
        figures = [f for f in figures if sort_key(f) > after]
    shown, cursor = cursors.trim(figures, page, lambda f: cursors.encode(list(sort_key(f))))
    return CalibrationOut(
        kind=kind, society_code=society, min_cases=rules.MIN_CASES,
        threshold=rules.THRESHOLDS[kind],
        items=[ExaminerCalibration(**c.__dict__) for c in shown], next_cursor=cursor,
    )
