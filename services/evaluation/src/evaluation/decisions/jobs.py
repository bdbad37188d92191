"""Scheduled jobs of the decision step (run by the worker)."""

from kit.jobs import ScheduledJob

from evaluation.decisions.service import approve_ended_notices

APPROVE_ENDED_NOTICES = ScheduledJob(name="evaluation.approve_ended_notices",
                                     run=approve_ended_notices)
