"""Oversight: complaints to the supervision committee, pilot reports, cycle-time and examiner
analytics, built from the platform's events."""
