"""A check function as another package would ship it (see test_plugins.py)."""

import re

from checker.checks import Finding


def shouting(report, framework, args):
    """Words in capitals longer than `min` letters in improvement items."""
    for item in report.improvements:
        for m in re.finditer(rf"\b[A-Z]{{{int(args.get('min', 6))},}}\b", item.text):
            yield Finding.within(item, m.start(), m.end(), word=m.group(0))


shouting.provides = ("word",)
