"""Events counted by the pilot report besides the pipeline's own."""

from cse_contracts.events import CpdCoursePublished, ExaminerTrained, ReferralDecided
from kit import clock
from kit.events import Envelope
from sqlalchemy.ext.asyncio import AsyncSession

from oversight.pipeline import repository as pipeline
from oversight.reports import metrics


async def on_examiner_trained(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(ExaminerTrained)
    # A trained examiner counts once, from their first completed course.
    await metrics.record(session, metrics.TRAINED_EXAMINERS,
                         f"{data.society_code}/{data.examiner_id}", data.society_code,
                         data.completed_on)


async def on_referral_decided(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(ReferralDecided)
    if data.outcome != "granted":
        return
    society = await pipeline.society_of_certificate(session, data.certificate_number)
    await metrics.record(session, metrics.BILATERAL_RECOGNITIONS, str(data.referral_id),
                         society or "cse", data.decided_on)


async def on_course_published(session: AsyncSession, envelope: Envelope) -> None:
    data = envelope.payload(CpdCoursePublished)
    if not data.quality:
        return
    # Counted for the publisher (a society's code, or "cse" for the CSE's own) on the China
    # date it was published.
    await metrics.record(session, metrics.QUALITY_CPD_COURSES, str(data.course_id),
                         data.publisher, clock.china_date(envelope.time))
