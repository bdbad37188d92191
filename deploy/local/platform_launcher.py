"""Run the whole platform on one machine: the same processes `docker-compose.yml` runs.

`make run` calls `python deploy/local/platform.py run`; the end-to-end tests start it with
other ports, databases, exchange and queue names so they never touch a developer's platform.
"""

import argparse
import importlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path

import aio_pika
from kit import clock
from kit.broker import dead_letter_queue_name
from kit.db import recreate_database

ROOT = Path(__file__).resolve().parents[2]
SERVICES = ("applications", "evaluation", "registry", "cpd", "notifications", "oversight")
PG_START = "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start"
RABBIT_START = "rabbitmq-server -detached && rabbitmqctl await_startup"


@dataclass
class PlatformConfig:
    gateway_port: int = 8080
    identity_port: int = 8090
    first_service_port: int = 8001
    database_prefix: str = "cse_"
    exchange: str = "cse.events"
    queue_prefix: str = ""
    runtime_dir: Path = field(default_factory=lambda: ROOT / "var")
    rate_limit: bool = True
    postgres: str = "postgres@127.0.0.1:5432"
    amqp_url: str = "amqp://guest:guest@127.0.0.1:5672/"
    # How often each worker runs its scheduled jobs (expiry, lapses, reminders).
    job_interval_seconds: float = 60.0

    @property
    def smtp_port(self) -> int:
        """The local SMTP sink's port, beside the services' (8025 for `make run`)."""
        return self.first_service_port + 24

    @property
    def mail_dir(self) -> Path:
        """Where the local SMTP sink writes every e-mail the platform sends."""
        return self.runtime_dir / "mail"

    @property
    def clock_file(self) -> Path:
        """The dev platform's shared clock offset (kit.clock): every process reads it."""
        return self.runtime_dir / "clock-offset"

    def service_port(self, name: str) -> int:
        return self.first_service_port + SERVICES.index(name)

    def worker_port(self, name: str) -> int:
        return self.service_port(name) + 100

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        jwks = f"http://127.0.0.1:{self.identity_port}/.well-known/jwks.json"
        for name in SERVICES:
            prefix = name.upper() + "_"
            env[prefix + "DATABASE_URL"] = self.database_url(name)
            env[prefix + "AMQP_URL"] = self.amqp_url
            env[prefix + "JWKS_URL"] = jwks
            env[prefix + "EXCHANGE"] = self.exchange
            env[prefix + "QUEUE_PREFIX"] = self.queue_prefix
            env[prefix + "LOG_JSON"] = "false"
            env[prefix + "ENVIRONMENT"] = "dev"
            env[prefix + "CLOCK_OFFSET_FILE"] = str(self.clock_file)
            env[prefix + "JOB_INTERVAL_SECONDS"] = str(self.job_interval_seconds)
            # The worker's /metrics and /healthz: 100 above its API's port.
            env[prefix + "WORKER_PORT"] = str(self.worker_port(name))
            env[prefix + "WORKER_HOST"] = "127.0.0.1"
            env["GATEWAY_UPSTREAMS__" + name.upper()] = f"127.0.0.1:{self.service_port(name)}"
        env["GATEWAY_UPSTREAMS__IDENTITY"] = f"127.0.0.1:{self.identity_port}"
        env["GATEWAY_DATABASE_URL"] = self.database_url("identity")
        env["GATEWAY_AMQP_URL"] = self.amqp_url
        env["GATEWAY_LISTEN_PORT"] = str(self.gateway_port)
        env["GATEWAY_RUNTIME_DIR"] = str(self.runtime_dir / "nginx")
        env["GATEWAY_SIGNING_KEY_PATH"] = str(self.runtime_dir / "keys" / "identity-ed25519.pem")
        env["GATEWAY_LOG_JSON"] = "false"
        env["GATEWAY_ENVIRONMENT"] = "dev"
        env["GATEWAY_CLOCK_OFFSET_FILE"] = str(self.clock_file)
        env.update(self.notifications_env())
        # The certificate's QR code and the verification links point at this gateway.
        env["REGISTRY_PUBLIC_BASE_URL"] = f"http://127.0.0.1:{self.gateway_port}"
        env["PYTHONUNBUFFERED"] = "1"
        return env

    def notifications_env(self) -> dict[str, str]:
        """Notifications sends e-mail to the local SMTP sink and links to this gateway; its
        jobs (sending e-mail and webhooks) run every few seconds, and a webhook receiver on
        this machine's loopback is allowed (an operator's choice a production setup leaves
        out)."""
        return {
            "NOTIFICATIONS_SMTP_HOST": "127.0.0.1",
            "NOTIFICATIONS_SMTP_PORT": str(self.smtp_port),
            "NOTIFICATIONS_MAIL_SINK_HOST": "127.0.0.1",
            "NOTIFICATIONS_MAIL_SINK_PORT": str(self.smtp_port),
            "NOTIFICATIONS_MAIL_DIR": str(self.mail_dir),
            "NOTIFICATIONS_PUBLIC_BASE_URL": f"http://127.0.0.1:{self.gateway_port}",
            "NOTIFICATIONS_JOB_INTERVAL_SECONDS": str(min(self.job_interval_seconds, 5.0)),
            "NOTIFICATIONS_WEBHOOK_ALLOWED_HOSTS": '["127.0.0.1/32"]',
        }

    def database_url(self, name: str) -> str:
        return f"postgresql+asyncpg://{self.postgres}/{self.database_prefix}{name}"


def queue_names(config: PlatformConfig) -> list[str]:
    """Every consumer queue of the platform, from the services' own specs."""
    return [
        config.queue_prefix + subscription.queue
        for name in SERVICES
        for subscription in importlib.import_module(f"{name}.spec").SPEC.subscriptions
    ]


async def reset(config: PlatformConfig, *, databases: bool = True) -> None:
    """A clean slate for a test or benchmark platform: its databases recreated (unless told
    not to), its queues, their dead-letter queues and its exchange deleted."""
    clock.reset(config.clock_file)
    if databases:
        for name in (*SERVICES, "identity"):
            await recreate_database(config.database_url(name))
    connection = await aio_pika.connect(config.amqp_url)
    async with connection:
        channel = await connection.channel()
        for queue in queue_names(config):
            await channel.queue_delete(queue)
            await channel.queue_delete(dead_letter_queue_name(queue))
        await channel.exchange_delete(config.exchange)


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=2):
            return True
    except OSError:
        return False


def check_dependencies() -> list[str]:
    """One clear line per missing dependency, with the command that starts it."""
    problems = []
    if not reachable("127.0.0.1", 5432):
        problems.append(f"PostgreSQL is not reachable on 127.0.0.1:5432 — start it: {PG_START}")
    if not reachable("127.0.0.1", 5672):
        problems.append(f"RabbitMQ is not reachable on 127.0.0.1:5672 — start it: {RABBIT_START}")
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        problems.append("nginx is not installed — install it: apt-get install -y nginx-light")
    return problems


class Platform:
    """Bootstraps databases and config, starts every process, stops them all."""

    def __init__(self, config: PlatformConfig, log_dir: Path | None = None) -> None:
        self.config = config
        self.env = config.env()
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.python = sys.executable

    def gateway_cli(self, *args: str) -> str:
        """`python -m gateway …` against this platform (accounts, API clients); its output."""
        result = subprocess.run(
            [self.python, "-m", "gateway", *args], env=self.env, cwd=ROOT,
            capture_output=True, text=True, check=True,
        )
        return result.stdout

    def advance_clock(self, delta: timedelta) -> None:
        """Move every process's clock forward (dev platform only); jobs see it on their next run."""
        clock.advance(self.config.clock_file, delta)

    def _run(self, *args: str) -> None:
        subprocess.run(args, env=self.env, cwd=ROOT, check=True)

    def bootstrap(self) -> None:
        """Create databases, migrate, seed reference data, write nginx.conf (in parallel)."""
        self.config.runtime_dir.mkdir(parents=True, exist_ok=True)
        jobs = [
            subprocess.Popen([self.python, "-m", name, "setup"], env=self.env, cwd=ROOT)
            for name in SERVICES
        ]
        jobs.append(subprocess.Popen(
            ["sh", "-c", f"{self.python} -m gateway createdb && {self.python} -m gateway migrate"],
            env=self.env, cwd=ROOT,
        ))
        failed = [job.args for job in jobs if job.wait() != 0]
        if failed:
            raise RuntimeError(f"setup failed: {failed}")
        conf = [self.python, "-m", "gateway", "nginx-config", "--out", str(self.nginx_conf)]
        if not self.config.rate_limit:
            conf.append("--no-rate-limit")
        self._run(*conf)

    @property
    def nginx_conf(self) -> Path:
        return self.config.runtime_dir / "nginx" / "nginx.conf"

    def commands(self) -> dict[str, list[str]]:
        py = self.python
        commands = {
            "identity": [py, "-m", "gateway", "serve", "--port", str(self.config.identity_port)],
            "nginx": [shutil.which("nginx") or "/usr/sbin/nginx", "-p",
                      str(self.nginx_conf.parent), "-c", str(self.nginx_conf), "-e", "stderr"],
        }
        for name in SERVICES:
            commands[name] = [py, "-m", name, "serve", "--port",
                              str(self.config.service_port(name))]
            commands[f"{name}-worker"] = [py, "-m", name, "worker"]
        # The embedded mail server: every e-mail ends up as files under var/mail/.
        commands["smtp-sink"] = [py, "-m", "notifications", "smtp-sink"]
        return commands

    def ports(self) -> dict[str, int]:
        """Every port this platform listens on, by the process that listens."""
        ports = {"nginx": self.config.gateway_port, "identity": self.config.identity_port,
                 "smtp-sink": self.config.smtp_port}
        for name in SERVICES:
            ports[name] = self.config.service_port(name)
            ports[f"{name}-worker"] = self.config.worker_port(name)
        return ports

    def busy_ports(self) -> list[str]:
        """One line per port something else holds, so a start fails with its name rather than
        with a process's exit code (uvicorn's 3 for a port it could not bind)."""
        busy = []
        for name, port in self.ports().items():
            with socket.socket() as probe:
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    probe.bind(("127.0.0.1", port))
                except OSError as exc:
                    busy.append(f"port {port} ({name}) is in use ({exc.strerror}): "
                                f"see what holds it with `ss -tanp 'sport = :{port}'`")
        return busy

    def start(self) -> None:
        busy = self.busy_ports()
        if busy:
            raise RuntimeError("cannot start the platform:\n" + "\n".join(busy))
        for name, command in self.commands().items():
            output = None
            if self.log_dir is not None:
                self.log_dir.mkdir(parents=True, exist_ok=True)
                output = (self.log_dir / f"{name}.log").open("ab")
            self.processes[name] = subprocess.Popen(
                command, env=self.env, cwd=ROOT, stdout=output, stderr=output,
                start_new_session=True,
            )

    def wait_ready(self, timeout: float = 90.0) -> None:
        urls = [f"http://127.0.0.1:{self.config.service_port(n)}/readyz" for n in SERVICES]
        urls.append(f"http://127.0.0.1:{self.config.identity_port}/readyz")
        urls.append(f"http://127.0.0.1:{self.config.gateway_port}/v1/reference/societies")
        deadline = time.monotonic() + timeout
        while not reachable("127.0.0.1", self.config.smtp_port):
            if time.monotonic() > deadline:
                raise TimeoutError(f"SMTP sink not listening on {self.config.smtp_port}")
            time.sleep(0.2)
        for url in urls:
            while not _ok(url):
                dead = {n: p.returncode for n, p in self.processes.items() if p.poll() is not None}
                if dead:
                    raise RuntimeError(f"processes exited early: {dead}")
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{url} not ready after {timeout}s")
                time.sleep(0.2)

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        deadline = time.monotonic() + 10
        for process in self.processes.values():
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()

    @contextmanager
    def running(self) -> Iterator["Platform"]:
        self.bootstrap()
        self.start()
        try:
            self.wait_ready()
            yield self
        finally:
            self.stop()


def _ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False


def run(config: PlatformConfig) -> int:
    platform = Platform(config)
    problems = check_dependencies() + platform.busy_ports()
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        return 1
    stopping = False

    def on_signal(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    with platform.running():
        gateway = f"http://127.0.0.1:{config.gateway_port}"
        print(f"\nCSE platform is up.\n  gateway:  {gateway}\n  API docs: {gateway}/docs\n"
              f"  OpenAPI:  {gateway}/openapi.json\n"
              f"  e-mail:   {config.mail_dir}/ (local SMTP sink on 127.0.0.1:{config.smtp_port})\n"
              "  first secretariat account: make admin USERNAME=... PASSWORD=...\n"
              "Press Ctrl-C to stop everything.\n", flush=True)
        while not stopping:
            dead = [n for n, p in platform.processes.items() if p.poll() is not None]
            if dead:
                print(f"stopping: {', '.join(dead)} exited", file=sys.stderr)
                break
            time.sleep(0.5)
    print("stopped.")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the CSE platform locally")
    parser.add_argument("command", choices=["run", "check", "setup", "clock"])
    parser.add_argument("clock_action", nargs="?", choices=["advance", "reset", "show"],
                        help="with `clock`: move the running dev platform's clock")
    parser.add_argument("--days", type=float, default=0.0)
    parser.add_argument("--port", type=int, default=int(os.environ.get("GATEWAY_PORT", 8080)))
    parser.add_argument("--no-rate-limit", action="store_true")
    args = parser.parse_args()
    config = PlatformConfig(gateway_port=args.port, rate_limit=not args.no_rate_limit)
    if args.command == "clock":
        return clock.main([args.clock_action or "show", "--file", str(config.clock_file),
                           "--days", str(args.days), "--environment", "dev"])
    if args.command == "check":
        problems = check_dependencies()
        for line in problems:
            print(line, file=sys.stderr)
        return 1 if problems else 0
    if args.command == "setup":
        Platform(config).bootstrap()
        return 0
    return run(config)


if __name__ == "__main__":
    sys.exit(main())
