"""Business errors of plans, courses and attendance."""

from kit.errors import Conflict, Forbidden, NotFound, Unprocessable


class CourseNotFound(NotFound):
    type_slug = "cpd-course-not-found"


class PlanNotFound(NotFound):
    type_slug = "cpd-plan-not-found"


class InvalidCourse(Unprocessable):
    type_slug = "cpd-course-invalid"


class PlanExists(Conflict):
    type_slug = "cpd-plan-exists"


class NotYourCourse(Forbidden):
    type_slug = "cpd-not-your-course"


class IdempotencyKeyReused(Conflict):
    type_slug = "idempotency-key-reused"


class IdempotencyKeyRequired(Unprocessable):
    type_slug = "idempotency-key-required"
