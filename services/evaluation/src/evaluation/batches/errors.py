"""Business errors of batches."""

from kit.errors import NotFound


class BatchNotFound(NotFound):
    type_slug = "batch-not-found"
