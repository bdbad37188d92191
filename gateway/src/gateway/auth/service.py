"""Signing in and creating accounts; the caller's unit of work commits, these only flush."""

import secrets

from kit.auth import Role
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.errors import (
    ClientIdTaken,
    InvalidClient,
    InvalidCredentials,
    TenantRequired,
    UsernameTaken,
)
from gateway.auth.passwords import hash_secret, needs_rehash, verify_secret
from gateway.auth.repository import ApiClientRepository, UserRepository
from gateway.auth.rules import tenant_problem
from gateway.models import ApiClient, User
from gateway.tokens import Subject


async def authenticate_user(session: AsyncSession, username: str, password: str) -> User:
    user = await UserRepository(session).get_by_username(normalize_username(username))
    if not await verify_secret(user.password_hash if user else None, password):
        raise InvalidCredentials()
    assert user is not None
    if not user.active:
        raise InvalidCredentials()
    if needs_rehash(user.password_hash):
        user.password_hash = await hash_secret(password)
        await session.flush()
    return user


async def authenticate_client(session: AsyncSession, client_id: str, secret: str) -> ApiClient:
    client = await ApiClientRepository(session).get_by_client_id(client_id)
    if not await verify_secret(client.secret_hash if client else None, secret):
        raise InvalidClient()
    assert client is not None
    if not client.active:
        raise InvalidClient()
    return client


async def create_user(
    session: AsyncSession,
    *,
    username: str,
    password: str,
    display_name: str,
    role: Role,
    society_code: str | None = None,
    enterprise_id: str | None = None,
) -> User:
    problem = tenant_problem(role, society_code, enterprise_id)
    if problem:
        raise TenantRequired(problem)
    users = UserRepository(session)
    username = normalize_username(username)
    if await users.get_by_username(username) is not None:
        raise UsernameTaken(_username_taken(username))
    user = User(
        username=username,
        display_name=display_name,
        password_hash=await hash_secret(password),
        role=role,
        society_code=society_code,
        enterprise_id=enterprise_id,
    )
    users.add(user)
    try:
        await session.flush()
    except IntegrityError as exc:
        # Someone registered the same name between the check and the insert.
        raise UsernameTaken(_username_taken(username)) from exc
    return user


async def create_client(
    session: AsyncSession,
    *,
    name: str,
    role: Role,
    client_id: str | None = None,
    secret: str | None = None,
    society_code: str | None = None,
    enterprise_id: str | None = None,
) -> tuple[ApiClient, str]:
    """The new client and its secret in clear: the only moment anyone sees it."""
    problem = tenant_problem(role, society_code, enterprise_id)
    if problem:
        raise TenantRequired(problem)
    clients = ApiClientRepository(session)
    client_id = client_id or f"cli_{secrets.token_hex(8)}"
    if await clients.get_by_client_id(client_id) is not None:
        raise ClientIdTaken(_client_id_taken(client_id))
    secret = secret or secrets.token_urlsafe(32)
    client = ApiClient(
        client_id=client_id,
        secret_hash=await hash_secret(secret),
        name=name,
        role=role,
        society_code=society_code,
        enterprise_id=enterprise_id,
    )
    clients.add(client)
    try:
        await session.flush()
    except IntegrityError as exc:
        raise ClientIdTaken(_client_id_taken(client_id)) from exc
    return client, secret


def normalize_username(username: str) -> str:
    # `Zhang.Wei` and `zhang.wei` are one account, so nobody can sign up as a look-alike.
    return username.strip().lower()


def user_subject(user: User) -> Subject:
    return Subject(
        id=str(user.id),
        role=user.role,
        name=user.display_name,
        society=user.society_code,
        enterprise=user.enterprise_id,
    )


def client_subject(client: ApiClient) -> Subject:
    return Subject(
        id=client.client_id,
        role=client.role,
        name=client.name,
        society=client.society_code,
        enterprise=client.enterprise_id,
    )


def _username_taken(username: str) -> str:
    return f"用户名 {username} 已被使用 / The username {username} is already taken."


def _client_id_taken(client_id: str) -> str:
    return f"客户端标识 {client_id} 已存在 / The client id {client_id} already exists."
