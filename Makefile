# The two commands: `make run` runs the whole platform, `make test` runs every test.
SHELL := /bin/bash
.DEFAULT_GOAL := help
# uv from PyPI; `python3 -m uv` works whether or not pip put it on PATH.
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
USERNAME ?= admin
PASSWORD ?=

.PHONY: help install nginx check run test lint bench admin client schemas

help:
	@echo "make run     run the whole platform (gateway on http://127.0.0.1:8080)"
	@echo "make test    run every test against the local PostgreSQL and RabbitMQ"
	@echo "make lint    ruff and mypy --strict"
	@echo "make admin USERNAME=... PASSWORD=...   create the first secretariat account"
	@echo "make bench   run the benchmarks (see bench/README.md)"

install:
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 || \
		python3 -m pip install --quiet uv || \
		python3 -m pip install --quiet --break-system-packages uv
	@$(UV) sync --frozen --quiet

nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
		echo "installing nginx from Debian"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx-light >/dev/null; }

check: install
	@$(UV) run python deploy/local/platform_launcher.py check

run: install nginx
	@$(UV) run python deploy/local/platform_launcher.py run

test: install nginx
	@$(UV) run python deploy/local/platform_launcher.py check
	$(UV) run pytest

lint: install
	$(UV) run ruff check .
	$(UV) run mypy libs/kit/src contracts/src gateway/src services/*/src deploy/local bench
	@# Test folders each have a conftest.py, so mypy checks them one at a time.
	@for dir in libs/kit/tests contracts/tests gateway/tests services/*/tests tests/*/; do \
		$(UV) run mypy "$$dir" || exit 1; done

schemas: install
	$(UV) run python -m cse_contracts.schemas

admin: install
	@test -n "$(PASSWORD)" || { echo "usage: make admin USERNAME=admin PASSWORD=<at least 10 characters>"; exit 2; }
	$(UV) run python -m gateway createdb
	$(UV) run python -m gateway migrate
	$(UV) run python -m gateway create-user --username "$(USERNAME)" --password "$(PASSWORD)" \
		--role secretariat --name "联合体秘书处 / CSE secretariat"

bench: install nginx
	$(UV) run python bench/run.py
