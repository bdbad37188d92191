"""The oversight service's outbox."""

from kit.outbox import Outbox

from oversight.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/oversight")
