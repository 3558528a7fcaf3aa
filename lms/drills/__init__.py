"""Simulated chat drills: scenarios, scoring, platform-rule linting.

The pure modules (scenario, scoring, rules, calibration, ...) import nothing from
Django; models, views and templates live beside them.
"""
