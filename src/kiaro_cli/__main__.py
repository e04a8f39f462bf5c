"""Run kiaro as ``python -m kiaro_cli``."""

from kiaro_cli.cli.app import main

main()
