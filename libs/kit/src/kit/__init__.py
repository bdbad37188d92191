"""Shared plumbing for the CSE services. No domain code lives here."""
