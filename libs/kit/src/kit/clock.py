"""The current time, replaceable in tests: deadlines and scheduled jobs read it from here.

Everything a person reads is dated in China (Asia/Shanghai): use `today()` / `china_date()`,
never `datetime.date()` of a UTC time (a certificate issued at 08:00 in Beijing is still the
previous day in UTC).

In dev mode a running platform's clock can be moved forward for every process at once: each
process reads an offset from one shared file (`<PREFIX>CLOCK_OFFSET_FILE`), written by
`python -m kit.clock advance --days N --file …` (or `platform_launcher.py clock advance`).
Outside dev mode the file is never read and the command refuses.
"""

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


class Clock:
    def now(self) -> datetime:
        return datetime.now(UTC)


class FrozenClock(Clock):
    """A clock that moves only when told to."""

    def __init__(self, at: datetime) -> None:
        self.at = at

    def now(self) -> datetime:
        return self.at

    def advance(self, delta: timedelta) -> None:
        self.at += delta


class OffsetFileClock(Clock):
    """Real time plus an offset in seconds read from a file shared by every process (dev only).

    The file is re-read when its modification time changes, so a move is seen by the next
    `now()` in every process, and scheduled jobs see the new time on their next run."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._stamp: float | None = None
        self._offset = timedelta()

    def offset(self) -> timedelta:
        try:
            stamp = os.stat(self.path).st_mtime_ns
        except FileNotFoundError:
            self._stamp, self._offset = None, timedelta()
            return self._offset
        if stamp != self._stamp:
            try:
                seconds = float(self.path.read_text().strip() or 0)
            except (OSError, ValueError):
                seconds = 0.0
            self._stamp, self._offset = stamp, timedelta(seconds=seconds)
        return self._offset

    def now(self) -> datetime:
        return datetime.now(UTC) + self.offset()


_clock: Clock = Clock()


def now() -> datetime:
    return _clock.now()


def china_date(moment: datetime) -> date:
    """The calendar date in China of an aware moment."""
    return moment.astimezone(CHINA).date()


def today() -> date:
    """Today's date in China."""
    return china_date(now())


def china_midnight(day: date) -> datetime:
    """The first moment (UTC) of a China calendar day."""
    return datetime(day.year, day.month, day.day, tzinfo=CHINA).astimezone(UTC)


@contextmanager
def use(clock: Clock) -> Iterator[Clock]:
    global _clock
    previous, _clock = _clock, clock
    try:
        yield clock
    finally:
        _clock = previous


def install(clock: Clock) -> None:
    """Replace the process's clock for good (a process started in dev mode)."""
    global _clock
    _clock = clock


def configure_from_settings(environment: str, offset_file: Path | None) -> None:
    """Use the shared offset file when the process runs in dev mode and one is configured."""
    if environment == "dev" and offset_file is not None:
        install(OffsetFileClock(offset_file))


def advance(path: Path, delta: timedelta) -> timedelta:
    """Move the shared clock forward by `delta`; returns the new total offset."""
    current = OffsetFileClock(path).offset()
    total = current + delta
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(str(total.total_seconds()))
    os.replace(temporary, path)
    return total


def reset(path: Path) -> None:
    path.unlink(missing_ok=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kit.clock", description="Move a dev platform's clock (dev mode only)."
    )
    parser.add_argument("action", choices=("advance", "reset", "show"))
    parser.add_argument("--file", type=Path, required=True, help="the shared clock offset file")
    parser.add_argument("--days", type=float, default=0.0)
    parser.add_argument("--hours", type=float, default=0.0)
    parser.add_argument("--environment", default="production",
                        help="the platform's environment; only 'dev' may move the clock")
    args = parser.parse_args(argv)
    if args.environment != "dev":
        sys.stderr.write("refused: the clock can be moved only on a platform in dev mode\n")
        return 2
    if args.action == "advance":
        total = advance(args.file, timedelta(days=args.days, hours=args.hours))
    elif args.action == "reset":
        reset(args.file)
        total = timedelta()
    else:
        total = OffsetFileClock(args.file).offset()
    sys.stdout.write(f"offset {total} → now {datetime.now(UTC) + total:%Y-%m-%d %H:%M} UTC\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
