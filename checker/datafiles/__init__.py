"""The project's data files: where they are, one loader, and the domain data
read from them (frameworks, grade scales, working days)."""
