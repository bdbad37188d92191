"""The notifications service's outbox (it emits nothing yet; the table keeps the layout uniform)."""

from kit.outbox import Outbox

from notifications.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/notifications")
