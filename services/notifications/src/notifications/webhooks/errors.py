"""Business errors of webhooks."""

from kit.errors import Conflict, Forbidden, NotFound, Unprocessable


class WebhookNotFound(NotFound):
    type_slug = "webhook-not-found"
    title = "Webhook 订阅不存在 / Webhook subscription not found"


class DeliveryNotFound(NotFound):
    type_slug = "webhook-delivery-not-found"
    title = "投递记录不存在 / Webhook delivery not found"


class WebhooksNotForRole(Forbidden):
    type_slug = "webhooks-not-for-role"
    title = "此角色不能订阅 Webhook / This role cannot subscribe to webhooks"


class WebhookUrlRefused(Unprocessable):
    type_slug = "webhook-url-refused"
    title = "Webhook 地址不可用 / The webhook URL is refused"


class UnknownEventType(Unprocessable):
    type_slug = "webhook-unknown-event-type"
    title = "未知的事件类型 / Unknown event type"


class IdempotencyKeyReused(Conflict):
    type_slug = "webhook-idempotency-key-reused"
    title = "Idempotency-Key 已用于其他订阅 / Idempotency-Key already used"
