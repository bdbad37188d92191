# The two commands: `make run` runs the whole platform, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# uv from PyPI; `python3 -m uv` works whether or not pip put it on PATH.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
USERNAME ?= admin
PASSWORD ?=

.PHONY: help install system install-system compose-secrets check run test lint bench admin client schemas contract

help:
	@echo "make run     run the whole platform (gateway on http://127.0.0.1:8080)"
	@echo "make test    run every test against the local PostgreSQL and RabbitMQ"
	@echo "make lint    ruff and mypy --strict"
	@echo "make admin USERNAME=... PASSWORD=...   create the first secretariat account"
	@echo "make bench   run the benchmarks (see bench/README.md)"
	@echo "make system  install the Debian packages the commands need (run, test and bench do)"

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --quiet uv || \
		python3 -m pip install --quiet --break-system-packages uv
	@$(UV) sync --frozen --quiet

# `make system` installs the Debian tools the commands need (nginx, wrk, docker-compose, the CJK
# font, pdftoppm, chromium, openssl, pg_dump, valgrind). Each is given as package:probe; a package
# counts as present when dpkg has it or its probe (a command, or a file for the font) exists, so a
# machine where all are present never runs apt-get. nginx-light: the gateway; wrk: make bench and
# its smoke test; docker-compose: the compose file's check; fonts-wqy-zenhei: the CJK font every
# PDF embeds; poppler-utils: PDFs rendered to PNG in tests; chromium: the browser tests; openssl:
# the signing keys `make compose-secrets` writes; postgresql-client: pg_dump, with which a test
# reads what is stored at rest (present wherever PostgreSQL itself is installed); valgrind:
# `bench.count_instructions` (callgrind).
SYSTEM_PACKAGES ?= nginx-light:nginx wrk:wrk docker-compose:docker-compose \
	fonts-wqy-zenhei:/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc poppler-utils:pdftoppm \
	chromium:chromium openssl:openssl postgresql-client:pg_dump valgrind:callgrind_control
SUDO := $(shell [ "$$(id -u)" = 0 ] || command -v sudo 2>/dev/null)

system:
	@missing=""; \
	for entry in $(SYSTEM_PACKAGES); do \
		package="$${entry%%:*}"; probe="$${entry#*:}"; \
		dpkg-query -W -f='$${Status}' "$$package" 2>/dev/null | grep -q "ok installed" && continue; \
		case "$$probe" in /*) [ -e "$$probe" ] && continue;; \
			*) { command -v "$$probe" || [ -x "/usr/sbin/$$probe" ]; } >/dev/null 2>&1 && continue;; esac; \
		missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "installing from Debian:$$missing"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	fi

# The name kit.documents' error message gives.
install-system: system

check: install
	@$(UV) run python deploy/local/platform_launcher.py check

run: install system
	@$(UV) run python deploy/local/platform_launcher.py run

test: install system
	@$(UV) run python deploy/local/platform_launcher.py check
	$(UV) run pytest

lint: install
	$(UV) run ruff check .
	$(UV) run mypy libs/kit/src contracts/src gateway/src services/*/src deploy/local bench
	@# Test folders each have a conftest.py, so mypy checks them one at a time.
	@for dir in libs/kit/tests contracts/tests gateway/tests services/*/tests tests/*/; do \
		$(UV) run mypy "$$dir" || exit 1; done

# Keys for docker-compose.yml, written once into deploy/compose/secrets/ (never committed).
compose-secrets:
	@deploy/compose/make-secrets.sh

schemas: install
	$(UV) run python -m cse_contracts.schemas

# The committed API contract (contracts/openapi/, contracts/asyncapi/); a test fails when
# it differs from the code, another names every breaking change against previous.json.
contract: install
	$(UV) run python -m cse_contracts.openapi

admin: install
	@test -n "$(PASSWORD)" || { echo "usage: make admin USERNAME=admin PASSWORD=<at least 10 characters>"; exit 2; }
	$(UV) run python -m gateway createdb
	$(UV) run python -m gateway migrate
	@# The password goes through stdin: make never echoes it and it never shows in `ps`.
	@printf '%s\n' "$(PASSWORD)" | $(UV) run python -m gateway create-user --username "$(USERNAME)" \
		--password-stdin --role secretariat --name "联合体秘书处 / CSE secretariat"

bench: install system
	$(UV) run python bench/run.py
