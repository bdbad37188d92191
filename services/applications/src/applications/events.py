"""The applications service's outbox: events it emits leave through here."""

from kit.outbox import Outbox

from applications.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/applications")
