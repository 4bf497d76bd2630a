"""Offline, multilingual fact-checking assistant over a local collection of news articles."""

__version__ = "0.1.0"
