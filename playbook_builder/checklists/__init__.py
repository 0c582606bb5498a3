"""Checklist scoring, saved answers files, aggregation and the page script bundle."""
