"""The CPD service's outbox."""

from kit.outbox import Outbox

from cpd.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/cpd")
