"""Safe YAML loading that refuses what PyYAML lets through silently.

`yaml.safe_load` keeps the last of two duplicate keys, so a rule pasted twice
in a rule file would silently replace the first. Rule files are written by
people, so a duplicate key is an error naming the file and both lines.
"""

from __future__ import annotations

from pathlib import Path

import yaml


class DataFileError(Exception):
    """A rule, framework or vocabulary file that cannot be used; says where."""


class _StrictLoader(yaml.SafeLoader):
    def construct_mapping(self, node, deep=False):
        seen: dict = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DataFileError(
                    f"{key_node.start_mark.name}:{key_node.start_mark.line + 1}: "
                    f"duplicate key {key!r} (first at line {seen[key] + 1})"
                )
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def load_yaml(path: Path):
    """Parse one YAML file safely; duplicate keys and syntax errors raise DataFileError."""
    try:
        with open(path, encoding="utf-8") as fh:
            loader = _StrictLoader(fh)
            loader.name = str(path)
            try:
                return loader.get_single_data()
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: {exc}") from None
