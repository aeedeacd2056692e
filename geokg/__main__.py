"""`python -m geokg`: the command line."""

from geokg.cli import run

run()
