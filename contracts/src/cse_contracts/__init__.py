"""The published language between the CSE services: event payloads and reference data."""
