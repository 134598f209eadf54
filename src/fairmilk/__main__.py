"""Run the command line as ``python -m fairmilk``."""

from fairmilk.cli import main

main()
