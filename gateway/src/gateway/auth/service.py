"""Signing in and creating accounts; the caller's unit of work commits, these only flush."""

import secrets
import uuid
from datetime import UTC, datetime, timedelta

from kit import clock
from kit.auth import Role
from kit.pagination import PageParams
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from gateway.auth.errors import (
    AccountNotFound,
    ClientIdTaken,
    CreationForbidden,
    InvalidClient,
    InvalidCredentials,
    TenantRequired,
    UsernameTaken,
)
from gateway.auth.passwords import hash_secret, needs_rehash, verify_secret
from gateway.auth.repository import ApiClientRepository, UserRepository
from gateway.auth.rules import may_create, tenant_problem
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
    organisation_code: str | None = None,
) -> User:
    problem = tenant_problem(role, society_code, enterprise_id, organisation_code)
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
        organisation_code=organisation_code,
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
    organisation_code: str | None = None,
) -> tuple[ApiClient, str]:
    """The new client and its secret in clear: the only moment anyone sees it."""
    problem = tenant_problem(role, society_code, enterprise_id, organisation_code)
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
        organisation_code=organisation_code,
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
        organisation=user.organisation_code,
    )


def client_subject(client: ApiClient) -> Subject:
    return Subject(
        id=client.client_id,
        role=client.role,
        name=client.name,
        society=client.society_code,
        enterprise=client.enterprise_id,
        organisation=client.organisation_code,
    )


def _username_taken(username: str) -> str:
    return f"用户名 {username} 已被使用 / The username {username} is already taken."


def _client_id_taken(client_id: str) -> str:
    return f"客户端标识 {client_id} 已存在 / The client id {client_id} already exists."


def check_may_create(creator_role: Role, creator_society: str | None, role: Role,
                     society_code: str | None) -> None:
    problem = may_create(creator_role, creator_society, role, society_code)
    if problem:
        raise CreationForbidden(problem)


async def list_users(
    session: AsyncSession, params: PageParams, *, role: Role | None,
    society_code: str | None, active: bool | None,
) -> tuple[list[User], str | None]:
    return await UserRepository(session).page(params, role=role, society_code=society_code,
                                              active=active)


async def list_clients(session: AsyncSession, params: PageParams, *, role: Role | None,
                       active: bool | None) -> tuple[list[ApiClient], str | None]:
    return await ApiClientRepository(session).page(params, role=role, active=active)


async def get_user(session: AsyncSession, user_id: uuid.UUID) -> User:
    user = await UserRepository(session).get(user_id)
    if user is None:
        raise AccountNotFound(f"没有用户 {user_id} / There is no user {user_id}.")
    return user


async def get_client(session: AsyncSession, client_id: str) -> ApiClient:
    client = await ApiClientRepository(session).get_by_client_id(client_id)
    if client is None:
        raise AccountNotFound(f"没有客户端 {client_id} / There is no API client {client_id}.")
    return client


def _void_tokens(account: User | ApiClient) -> None:
    # Real time, not kit.clock: tokens carry real `iat`/`exp`, even on a dev platform whose
    # clock was moved forward.
    account.tokens_valid_after = account.updated_at = datetime.now(UTC)


async def set_user_active(session: AsyncSession, user_id: uuid.UUID, active: bool) -> User:
    """Disabling voids every token the user holds (refused by every service within seconds)."""
    user = await get_user(session, user_id)
    user.active = active
    if active:
        user.updated_at = clock.now()
    else:
        _void_tokens(user)
    await session.flush()
    return user


async def reset_password(session: AsyncSession, user_id: uuid.UUID, password: str) -> User:
    user = await get_user(session, user_id)
    user.password_hash = await hash_secret(password)
    _void_tokens(user)
    await session.flush()
    return user


async def set_client_active(session: AsyncSession, client_id: str, active: bool) -> ApiClient:
    client = await get_client(session, client_id)
    client.active = active
    if active:
        client.updated_at = clock.now()
    else:
        _void_tokens(client)
    await session.flush()
    return client


async def rotate_client_secret(session: AsyncSession, client_id: str) -> tuple[ApiClient, str]:
    """A new secret, shown once; the old one is refused from this commit on, and the tokens
    issued with it are void."""
    client = await get_client(session, client_id)
    secret = secrets.token_urlsafe(32)
    client.secret_hash = await hash_secret(secret)
    _void_tokens(client)
    await session.flush()
    return client, secret


async def revoke_client_secret(session: AsyncSession, client_id: str) -> ApiClient:
    """No secret works any more until the secretariat rotates in a new one."""
    client = await get_client(session, client_id)
    client.secret_hash = "revoked"  # never a valid argon2 hash: every secret is refused
    _void_tokens(client)
    await session.flush()
    return client


async def revocations(session: AsyncSession, token_ttl: int) -> list[tuple[str, float]]:
    """(subject, not_before) for every account whose tokens were voided recently enough that
    some of them may not have expired yet."""
    since = datetime.now(UTC) - timedelta(seconds=token_ttl + 300)
    users = await UserRepository(session).voided_since(since)
    clients = await ApiClientRepository(session).voided_since(since)
    return [(str(u.id), u.tokens_valid_after.timestamp()) for u in users
            if u.tokens_valid_after] + [
        (c.client_id, c.tokens_valid_after.timestamp()) for c in clients if c.tokens_valid_after
    ]
