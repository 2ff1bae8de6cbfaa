"""Name mentions, variant keys and the names pack behind the N rules (see newslint/rules/naming.py)."""
