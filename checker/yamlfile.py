"""Safe YAML loading that refuses what PyYAML lets through silently, and
remembers lines.

`yaml.safe_load` keeps the last of two duplicate keys, so a rule pasted twice
in a rule file would silently replace the first: here a duplicate key is an
error naming the file and both lines. Mappings and lists also remember the
line of each key and item, so a schema error deep inside a rule file can be
reported at its line (see `line_of`).
"""

from __future__ import annotations

from pathlib import Path

import yaml

class DataFileError(Exception):
    """A rule, framework or vocabulary file that cannot be used; says where."""


class LineDict(dict):
    """A mapping that knows the line (1-based) of each key and of itself."""

    line: int = 0
    key_lines: dict


class LineList(list):
    """A list that knows the line of each item and of itself."""

    line: int = 0
    item_lines: list


# libyaml parses several times faster; the construction hooks below are
# Python either way, and its nodes carry the same marks (lines).
_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Base):

    def construct_yaml_map(self, node):
        data = LineDict()
        data.line = node.start_mark.line + 1
        data.key_lines = {}
        yield data
        seen: dict = {}
        for key_node, value_node in node.value:
            key = self.construct_object(key_node, deep=True)
            if key in seen:
                raise DataFileError(
                    f"{key_node.start_mark.name}:{key_node.start_mark.line + 1}: "
                    f"duplicate key {key!r} (first at line {seen[key] + 1})")
            seen[key] = key_node.start_mark.line
            data[key] = self.construct_object(value_node, deep=True)
            data.key_lines[key] = key_node.start_mark.line + 1

    def construct_yaml_seq(self, node):
        data = LineList()
        data.line = node.start_mark.line + 1
        data.item_lines = [n.start_mark.line + 1 for n in node.value]
        yield data
        data.extend(self.construct_sequence(node, deep=True))


_StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
_StrictLoader.add_constructor("tag:yaml.org,2002:seq", _StrictLoader.construct_yaml_seq)


def load_yaml(path: Path):
    """Parse one YAML file safely; duplicate keys and syntax errors raise DataFileError."""
    try:
        with open(path, encoding="utf-8") as fh:
            loader = _StrictLoader(fh)
            try:
                return loader.get_single_data()
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: {exc}") from None


def line_of(data, path) -> int:
    """The line of the deepest node along `path` (keys and indexes) that has one."""
    line = getattr(data, "line", 0)
    node = data
    for step in path:
        if isinstance(node, LineDict) and step in node:
            line = node.key_lines.get(step, line)
            node = node[step]
        elif isinstance(node, LineList) and isinstance(step, int) and step < len(node):
            line = node.item_lines[step]
            node = node[step]
        else:
            break
    return line
