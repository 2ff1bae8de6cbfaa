"""Bundled rule packs and word lists (installed as ``newslint.packs``)."""
