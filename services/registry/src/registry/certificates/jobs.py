"""Scheduled jobs of the register (run by the worker)."""

from kit.jobs import ScheduledJob

from registry.certificates.service import expire_ended, remind_reregistration

EXPIRE_ENDED = ScheduledJob(name="registry.expire_ended", run=expire_ended)
REMIND_REREGISTRATION = ScheduledJob(name="registry.remind_reregistration",
                                     run=remind_reregistration)
