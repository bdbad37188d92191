"""Scheduled jobs of materials review (run by the worker)."""

from kit.jobs import ScheduledJob

from evaluation.reviews.service import lapse_supplement_requests

LAPSE_SUPPLEMENT_REQUESTS = ScheduledJob(name="evaluation.lapse_supplement_requests",
                                         run=lapse_supplement_requests)
