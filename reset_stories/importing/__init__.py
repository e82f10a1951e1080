"""Bringing an existing podcast in: reading its feed and downloading its audio."""
