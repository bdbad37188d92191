"""`python -m <service> dead-letters list | show ID | replay ID|--all | drop ID|--all`.

A dead letter is an event a consumer failed on `max_attempts` times (or could not parse). Once
its cause is fixed, `replay` sends it back to the queue of the consumer that failed (not to
every subscriber of the event type); the consumer's inbox makes a replay of something already
applied a no-op, so replaying is always safe. `drop` discards it after a decision not to apply.
"""

import argparse
import json
import sys
from dataclasses import dataclass
from typing import Any

import aio_pika
from aio_pika.abc import AbstractIncomingMessage

from kit.broker import dead_letter_queue_name
from kit.service import ServiceSpec


@dataclass(frozen=True)
class DeadLetter:
    queue: str
    event_id: str
    type: str
    reason: str
    deaths: int
    envelope: dict[str, Any]


def _describe(queue: str, message: AbstractIncomingMessage) -> DeadLetter:
    try:
        envelope = json.loads(message.body)
    except ValueError:
        envelope = {"raw": message.body[:500].decode("utf-8", "replace")}
    deaths: Any = (message.headers or {}).get("x-death") or []
    first: dict[str, Any] = deaths[0] if deaths and isinstance(deaths[0], dict) else {}
    return DeadLetter(
        queue=queue,
        event_id=str(envelope.get("id", message.message_id or "?")),
        type=str(envelope.get("type", "?")),
        reason=str(first.get("reason", "?")),
        deaths=int(first.get("count", 1) or 1),
        envelope=envelope,
    )


async def _drain(channel: aio_pika.abc.AbstractChannel,
                 queue: str) -> list[tuple[AbstractIncomingMessage, DeadLetter]]:
    """Every message of the queue's dead-letter queue, held unacknowledged on `channel`."""
    dlq = await channel.get_queue(dead_letter_queue_name(queue))
    held: list[tuple[AbstractIncomingMessage, DeadLetter]] = []
    while (message := await dlq.get(no_ack=False, fail=False)) is not None:
        held.append((message, _describe(queue, message)))
    return held


async def list_dead_letters(amqp_url: str, queues: list[str]) -> list[DeadLetter]:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        found: list[DeadLetter] = []
        for queue in queues:
            held = await _drain(channel, queue)
            found.extend(letter for _, letter in held)
            for message, _ in held:
                await message.nack(requeue=True)
        return found


async def settle(amqp_url: str, queues: list[str], *, event_id: str | None,
                 replay: bool) -> list[DeadLetter]:
    """Replay (or drop) the dead letter with `event_id`, or all when it is None."""
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel(publisher_confirms=True)
        settled: list[DeadLetter] = []
        for queue in queues:
            for message, letter in await _drain(channel, queue):
                if event_id is not None and letter.event_id != event_id:
                    await message.nack(requeue=True)
                    continue
                if replay:
                    headers = {k: v for k, v in (message.headers or {}).items()
                               if not k.startswith("x-")}
                    await channel.default_exchange.publish(
                        aio_pika.Message(
                            message.body, headers=headers, content_type=message.content_type,
                            message_id=message.message_id, type=message.type,
                            delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                        ),
                        routing_key=queue,
                    )
                await message.ack()
                settled.append(letter)
        return settled


def add_parser(commands: Any) -> None:
    letters = commands.add_parser("dead-letters", help="list, show, replay or drop dead letters")
    letters.add_argument("action", choices=("list", "show", "replay", "drop"))
    letters.add_argument("event_id", nargs="?", help="the event id (list shows them)")
    letters.add_argument("--all", action="store_true", help="replay or drop every dead letter")


async def run(spec: ServiceSpec, amqp_url: str, queue_prefix: str, args: argparse.Namespace
              ) -> int:
    queues = [queue_prefix + s.queue for s in spec.subscriptions]
    out = sys.stdout
    if args.action == "list":
        letters = await list_dead_letters(amqp_url, queues)
        for letter in letters:
            out.write(f"{letter.event_id}  {letter.type}  queue={letter.queue}  "
                      f"reason={letter.reason}\n")
        out.write(f"{len(letters)} dead letter(s)\n")
        return 0
    if args.action == "show":
        if not args.event_id:
            sys.stderr.write("show needs an event id\n")
            return 2
        shown = [x for x in await list_dead_letters(amqp_url, queues)
                 if x.event_id == args.event_id]
        for letter in shown:
            out.write(json.dumps(letter.envelope, ensure_ascii=False, indent=2) + "\n")
        return 0 if shown else 1
    if not args.event_id and not args.all:
        sys.stderr.write(f"{args.action} needs an event id, or --all\n")
        return 2
    settled = await settle(amqp_url, queues, event_id=None if args.all else args.event_id,
                           replay=args.action == "replay")
    verb = "replayed" if args.action == "replay" else "dropped"
    for letter in settled:
        out.write(f"{verb} {letter.event_id} ({letter.type}) → {letter.queue}\n")
    out.write(f"{len(settled)} dead letter(s) {verb}\n")
    return 0 if settled else 1
