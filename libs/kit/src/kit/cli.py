"""`python -m <service> serve|worker|migrate|seed|createdb|makemigration`, the same for all."""

import argparse
import asyncio

from kit import deadletters, server
from kit.db import create_database, create_engine, create_sessionmaker
from kit.service import ServiceSpec
from kit.worker import run_worker


async def seed(spec: ServiceSpec) -> None:
    if spec.seed is None:
        return
    engine = create_engine(spec.settings().database_url, pool_size=1)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            await spec.seed(session)
    finally:
        await engine.dispose()


def main(spec: ServiceSpec, factory: str) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m {spec.name}", description=spec.title)
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="run the HTTP API")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    commands.add_parser("worker", help="run the outbox relay and the event consumers")
    commands.add_parser("createdb", help="create the database if missing")
    commands.add_parser("migrate", help="apply Alembic migrations up to head")
    commands.add_parser("seed", help="load the versioned reference data")
    commands.add_parser("setup", help="createdb, migrate and seed in one go")
    make = commands.add_parser("makemigration", help="autogenerate a new Alembic revision")
    make.add_argument("message")
    deadletters.add_parser(commands)
    args = parser.parse_args()
    settings = spec.settings()
    if args.command == "serve":
        server.serve(factory, host=args.host, port=args.port)
    elif args.command == "worker":
        asyncio.run(run_worker(spec))
    elif args.command == "createdb":
        asyncio.run(create_database(settings.database_url))
    elif args.command == "migrate":
        # Alembic (~6 MB) only for the commands that migrate, not in every API and worker.
        from kit import migrations
        migrations.upgrade(spec.package, settings.database_url)
    elif args.command == "seed":
        asyncio.run(seed(spec))
    elif args.command == "setup":
        asyncio.run(create_database(settings.database_url))
        from kit import migrations
        migrations.upgrade(spec.package, settings.database_url)
        asyncio.run(seed(spec))
    elif args.command == "makemigration":
        from kit import migrations
        migrations.revision(spec.package, settings.database_url, args.message)
    elif args.command == "dead-letters":
        raise SystemExit(asyncio.run(
            deadletters.run(spec, settings.amqp_url, settings.queue_prefix, args)))
