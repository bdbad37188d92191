"""The scheduled job that makes the monthly and half-yearly reports ready on their day."""

from kit.jobs import ScheduledJob

from oversight.reports.service import make_ready

MAKE_REPORTS_READY = ScheduledJob(name="oversight.make_reports_ready", run=make_ready)
