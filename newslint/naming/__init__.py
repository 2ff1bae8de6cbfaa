"""Mentions, variant keys and the names pack behind the N rules (newslint/rules/naming.py)."""
