"""Business errors of the inbox."""

from kit.errors import NotFound


class NotificationNotFound(NotFound):
    type_slug = "notification-not-found"
    title = "消息不存在 / Message not found"
