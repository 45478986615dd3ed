"""`python -m checker` is the `report-checker` command."""

from checker.cli import main

main(prog_name="report-checker")
