"""Benchmarks of the gateway and the event backbone; `make bench` runs them (see README.md)."""
