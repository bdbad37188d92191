"""`python -m notifications smtp-sink`: a local SMTP server that keeps every e-mail as files.

The default mail server under `make run`, so a new user can read what the platform sends:
each message becomes `<time>-<id>.eml` (as received), `.txt` (headers and the plain text
part, decoded) and `.html` (the HTML part) in `var/mail/`.
"""

import asyncio
import email
import email.policy
import signal
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session


class MailSink:
    """aiosmtpd handler: writes each message it accepts to `directory`."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.received: list[Path] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        assert isinstance(raw, bytes)
        self.directory.mkdir(parents=True, exist_ok=True)
        stem = self.directory / f"{datetime.now(UTC):%Y%m%dT%H%M%S%f}-{uuid.uuid4().hex[:8]}"
        stem.with_suffix(".eml").write_bytes(raw)
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        text = parsed.get_body(preferencelist=("plain",))
        html = parsed.get_body(preferencelist=("html",))
        headers = "".join(f"{name}: {parsed[name]}\n" for name in ("From", "To", "Subject", "Date")
                          if parsed[name])
        body = text.get_content() if text is not None else ""
        stem.with_suffix(".txt").write_text(headers + "\n" + body, encoding="utf-8")
        if html is not None:
            stem.with_suffix(".html").write_text(html.get_content(),
                                                 encoding="utf-8")
        self.received.append(stem.with_suffix(".eml"))
        return "250 Message accepted for delivery"


def start(directory: Path, host: str, port: int, handler: Any | None = None) -> Controller:
    controller = Controller(handler or MailSink(directory), hostname=host, port=port)
    controller.start()
    return controller


def main(directory: Path, host: str, port: int) -> None:
    controller = start(directory, host, port)
    print(f"SMTP sink on {host}:{port}, writing to {directory}", flush=True)  # noqa: T201

    async def wait() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await stop.wait()

    try:
        asyncio.run(wait())
    finally:
        controller.stop()
