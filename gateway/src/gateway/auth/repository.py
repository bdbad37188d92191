from datetime import datetime
from typing import Any
from uuid import UUID

from kit.auth import Role
from kit.pagination import PageParams, next_cursor, paginate
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.models import ApiClient, User


class UserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self.session = session

    async def get(self, user_id: UUID) -> User | None:
        return await self.session.get(User, user_id)

    async def get_by_username(self, username: str) -> User | None:
        result = await self.session.execute(select(User).where(User.username == username))
        return result.scalar_one_or_none()

    async def page(self, params: PageParams, *, role: Role | None, society_code: str | None,
                   active: bool | None) -> tuple[list[User], str | None]:
        query = select(User)
        if role is not None:
            query = query.where(User.role == role)
        if society_code is not None:
            query = query.where(User.society_code == society_code)
        if active is not None:
            query = query.where(User.active == active)
        rows = list((await self.session.scalars(
            paginate(query, User.created_at, User.id, params))).all())
        return next_cursor(rows, params)

    async def voided_since(self, since: datetime) -> list[User]:
        return list((await self.session.scalars(
            select(User).where(User.tokens_valid_after > since))).all())

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

    async def page(self, params: PageParams, *, role: Role | None,
                   active: bool | None) -> tuple[list[ApiClient], str | None]:
        query: Any = select(ApiClient)
        if role is not None:
            query = query.where(ApiClient.role == role)
        if active is not None:
            query = query.where(ApiClient.active == active)
        rows = list((await self.session.scalars(
            paginate(query, ApiClient.created_at, ApiClient.id, params))).all())
        return next_cursor(rows, params)

    async def voided_since(self, since: datetime) -> list[ApiClient]:
        return list((await self.session.scalars(
            select(ApiClient).where(ApiClient.tokens_valid_after > since))).all())

    def add(self, client: ApiClient) -> None:
        self.session.add(client)
