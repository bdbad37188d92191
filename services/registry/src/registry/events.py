"""The registry service's outbox."""

from kit.outbox import Outbox

from registry.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/registry")
