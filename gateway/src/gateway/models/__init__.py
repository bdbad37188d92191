"""The identity app's tables; the migrations and the app import them from here."""

from gateway.models.api_client import ApiClient
from gateway.models.base import Base, metadata
from gateway.models.user import User

__all__ = ["ApiClient", "Base", "User", "metadata"]
