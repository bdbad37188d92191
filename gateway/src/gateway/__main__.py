"""`python -m gateway <command>`: run the identity app, manage its data, write nginx.conf."""

import argparse
import asyncio
import json
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

from kit.auth import Role
from kit.db import create_database, create_engine, create_sessionmaker
from kit.errors import ProblemError
from kit.server import serve
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from gateway import nginx
from gateway.auth import service
from gateway.auth.errors import TenantRequired
from gateway.auth.passwords import verify_secret
from gateway.auth.repository import ApiClientRepository, UserRepository
from gateway.config import GatewaySettings, get_settings

T = TypeVar("T")


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = get_settings()
    if args.command == "serve":
        serve("gateway.app:create_app", host=args.host, port=args.port)
    elif args.command == "createdb":
        created = asyncio.run(create_database(settings.database_url))
        _say("database created" if created else "database already exists")
    elif args.command == "migrate":
        # Alembic (~6 MB) only for the commands that migrate, not in the identity app.
        from kit import migrations
        migrations.upgrade("gateway", settings.database_url)
        _say("identity database migrated to head")
    elif args.command == "makemigration":
        from kit import migrations
        migrations.revision("gateway", settings.database_url, args.message)
    elif args.command == "nginx-config":
        return _nginx_config(settings, args)
    elif args.command == "create-user":
        return asyncio.run(_with_session(settings, lambda s: create_user(s, args)))
    elif args.command == "create-client":
        return asyncio.run(_with_session(settings, lambda s: create_client(s, args)))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m gateway", description="CSE gateway: identity app and nginx config"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the identity app")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8090)
    commands.add_parser("createdb", help="create the identity database if missing")
    commands.add_parser("migrate", help="apply Alembic migrations up to head")
    make = commands.add_parser("makemigration", help="autogenerate a new Alembic revision")
    make.add_argument("message")

    conf = commands.add_parser("nginx-config", help="write nginx.conf from the route table")
    conf.add_argument("--out", type=Path, required=True)
    conf.add_argument("--port", type=int, help="listen port (default: GATEWAY_LISTEN_PORT, 8080)")
    conf.add_argument("--runtime-dir", type=Path,
                      help="pid, temp files and logs (default: GATEWAY_RUNTIME_DIR, var/nginx)")
    conf.add_argument("--no-rate-limit", action="store_true",
                      help="leave out the rate limits, e.g. for benchmarks")

    roles = [role.value for role in Role]
    user = commands.add_parser("create-user", help="create a user; exits 0 if it already exists")
    user.add_argument("--username", required=True)
    secret = user.add_mutually_exclusive_group(required=True)
    secret.add_argument("--password")
    secret.add_argument("--password-stdin", action="store_true",
                        help="read the password from standard input (kept out of argv and logs)")
    user.add_argument("--role", required=True, choices=roles)
    user.add_argument("--name", required=True, help="display name")
    user.add_argument("--society", help="society code (society_admin, examiner)")
    user.add_argument("--enterprise", help="enterprise id (enterprise)")
    user.add_argument("--organisation", help="organisation code (partner, provider)")

    client = commands.add_parser(
        "create-client",
        help="create an API client and print its secret; idempotent when --secret is given",
    )
    client.add_argument("--client-id", required=True)
    client.add_argument("--name", required=True)
    client.add_argument("--role", required=True, choices=roles)
    client.add_argument("--society", help="society code (society_admin, examiner)")
    client.add_argument("--enterprise", help="enterprise id (enterprise)")
    client.add_argument("--organisation", help="organisation code (partner, provider)")
    client.add_argument("--secret", help="use this secret instead of generating one")
    return parser


def _nginx_config(settings: GatewaySettings, args: argparse.Namespace) -> int:
    updates: dict[str, object] = {}
    if args.runtime_dir is not None:
        updates["runtime_dir"] = args.runtime_dir
    if args.no_rate_limit:
        updates["rate_limit_enabled"] = False
    settings = settings.model_copy(update=updates)
    try:
        out = nginx.write(settings, args.out, port=args.port)
    except ValueError as exc:
        _fail(str(exc))
        return 1
    runtime = settings.runtime_dir.resolve()
    _say(f"wrote {out}\nrun: nginx -p {runtime} -c {out.resolve()} -e stderr")
    return 0


async def create_user(session: AsyncSession, args: argparse.Namespace) -> int:
    if await UserRepository(session).get_by_username(service.normalize_username(args.username)):
        _say(f"user {args.username} already exists; left unchanged")
        return 0
    password = sys.stdin.readline().rstrip("\n") if args.password_stdin else args.password
    try:
        user = await service.create_user(
            session,
            username=args.username,
            password=password,
            display_name=args.name,
            role=Role(args.role),
            society_code=args.society,
            enterprise_id=args.enterprise,
            organisation_code=args.organisation,
        )
    except TenantRequired as exc:
        _fail(exc.detail)
        return 2
    _say(f"created user {user.username} ({user.role.value}), id {user.id}")
    return 0


async def create_client(session: AsyncSession, args: argparse.Namespace) -> int:
    existing = await ApiClientRepository(session).get_by_client_id(args.client_id)
    if existing is not None:
        if args.secret is None:
            _fail(f"client {args.client_id} already exists; its secret was shown when it was "
                  "created and cannot be shown again")
            return 1
        if not await verify_secret(existing.secret_hash, args.secret):
            _fail(f"client {args.client_id} already exists with a different secret")
            return 1
        _say(json.dumps({"client_id": existing.client_id, "client_secret": args.secret,
                         "created": False}))
        return 0
    try:
        client, secret = await service.create_client(
            session,
            client_id=args.client_id,
            name=args.name,
            role=Role(args.role),
            society_code=args.society,
            enterprise_id=args.enterprise,
            organisation_code=args.organisation,
            secret=args.secret,
        )
    except TenantRequired as exc:
        _fail(exc.detail)
        return 2
    _say(json.dumps({"client_id": client.client_id, "client_secret": secret, "created": True}))
    return 0


async def _with_session(
    settings: GatewaySettings, work: Callable[[AsyncSession], Awaitable[int]]
) -> int:
    engine = create_engine(settings.database_url, pool_size=1)
    try:
        return await run_in_transaction(create_sessionmaker(engine), work)
    finally:
        await engine.dispose()


async def run_in_transaction(
    sessionmaker: async_sessionmaker[AsyncSession],
    work: Callable[[AsyncSession], Awaitable[T]],
) -> T:
    """The CLI's unit of work: commit once when `work` succeeds."""
    async with sessionmaker() as session, session.begin():
        try:
            return await work(session)
        except ProblemError as exc:
            _fail(exc.detail)
            raise SystemExit(1) from exc


def _say(text: str) -> None:
    sys.stdout.write(text + "\n")


def _fail(text: str) -> None:
    sys.stderr.write(text + "\n")


if __name__ == "__main__":
    sys.exit(main())
