"""Everything people read in a terminal: tables that fit it, cards, the home screen.

The only package that imports Rich. ``cells`` says how values read, ``fit`` makes
tables fit the terminal, ``tables``, ``workspace``, ``cards`` and ``home`` print what the
commands show. A command imports the module it prints with, so that printing one table
does not load every card and chart.
"""
