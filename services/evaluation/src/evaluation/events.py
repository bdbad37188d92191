"""The evaluation service's outbox."""

from kit.outbox import Outbox

from evaluation.models import outbox as outbox_table

outbox = Outbox(outbox_table, source="/services/evaluation")
