from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import ApiClient, User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_username(self, username: str) -> User | None:
        result = await self.session.execute(select(User).where(User.username == username))
        return result.scalar_one_or_none()

    def add(self, user: User) -> None:
        self.session.add(user)


class ApiClientRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get_by_client_id(self, client_id: str) -> ApiClient | None:
        result = await self.session.execute(
            select(ApiClient).where(ApiClient.client_id == client_id)
        )
        return result.scalar_one_or_none()

    def add(self, client: ApiClient) -> None:
        self.session.add(client)
