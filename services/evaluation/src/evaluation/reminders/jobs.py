"""Scheduled jobs of reminders (run by the worker)."""

from kit.jobs import ScheduledJob

from evaluation.reminders.service import send_reminders

SEND_REMINDERS = ScheduledJob(name="evaluation.send_reminders", run=send_reminders)
