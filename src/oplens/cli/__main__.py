"""Run the command line as ``python -m oplens.cli``."""

from oplens.cli import main

main()
