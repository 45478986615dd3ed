"""Safe YAML loading that refuses what PyYAML lets through silently, and
remembers lines: the one loader of every data file (rule packs, frameworks,
configurations, vocabularies).

`yaml.safe_load` keeps the last of two duplicate keys, so a rule pasted twice
in a rule file would silently replace the first: here a duplicate key is an
error naming the file and both lines. Mappings and lists also remember the
line of each key and item, so a schema error deep inside a rule file can be
reported at its line (see `line_of`).

Parsing YAML (and importing PyYAML, ~9 ms) at every start would cost a
one-report run more than checking the report: a file parsed once is kept in
the cache folder as JSON (checker/datafiles/jsoncache.py), lines included,
keyed by its bytes and by this module's source, and read back on later runs.
Only a successful parse is kept, so every error is still raised by the parser.
"""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from pathlib import Path


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


# The strict loader's construction hooks: every mapping and list remembers
# its lines, and a duplicate key is an error.

def _construct_yaml_map(self, node):
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


def _construct_yaml_seq(self, node):
    data = LineList()
    data.line = node.start_mark.line + 1
    data.item_lines = [n.start_mark.line + 1 for n in node.value]
    yield data
    data.extend(self.construct_sequence(node, deep=True))


@cache
def _strict_loader():
    import yaml

    # libyaml parses several times faster; the construction hooks above are
    # Python either way, and its nodes carry the same marks (lines).
    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class _StrictLoader(base):

        construct_yaml_map = _construct_yaml_map
        construct_yaml_seq = _construct_yaml_seq

    _StrictLoader.add_constructor("tag:yaml.org,2002:map", _StrictLoader.construct_yaml_map)
    _StrictLoader.add_constructor("tag:yaml.org,2002:seq", _StrictLoader.construct_yaml_seq)
    return _StrictLoader


def load_yaml(path: Path):
    """Parse one YAML file safely; duplicate keys and syntax errors raise DataFileError."""
    from checker.datafiles import jsoncache
    try:
        raw = Path(path).read_bytes()
    except OSError:
        return _load_strict(path)  # the parser raises as it always did
    name = "yaml-" + jsoncache.digest(_code_version(), raw)
    try:
        cached = jsoncache.read(name, object_hook=_decode)
    except (KeyError, TypeError):
        cached = None  # not a file this module wrote: parse again
    if cached is not None:
        return cached
    data = _load_strict(path)
    try:
        encoded = _encode(data)
    except _Uncacheable:
        return data  # a type JSON cannot hold (a !!set, !!binary): parsed each time
    jsoncache.write(name, encoded)
    return data


def _load_strict(path: Path):
    import yaml
    try:
        with open(path, encoding="utf-8") as fh:
            loader = _strict_loader()(fh)
            try:
                data = loader.get_single_data()
            finally:
                loader.dispose()
    except yaml.YAMLError as exc:
        raise DataFileError(f"{path}: {exc}") from None
    _check_expansion(data, path)
    return data


# An alias is one shared object, so ten lines of anchors can stand for a billion
# values ("billion laughs"), which validation would walk for hours: refused.
MAX_VALUES = 1_000_000


def _check_expansion(data, path) -> None:
    """How many values `data` holds with every alias expanded (each shared
    node counted once, without expanding it), iteratively."""
    sizes: dict[int, int] = {}
    stack = [(data, False)]
    while stack:
        node, done = stack.pop()
        if not isinstance(node, (dict, list)) or (not done and id(node) in sizes):
            continue
        children = list(node.values()) if isinstance(node, dict) else node
        if not done:
            stack.append((node, True))
            stack.extend((c, False) for c in children if isinstance(c, (dict, list)))
            continue
        total = 1 + sum(sizes.get(id(c), 1) for c in children)
        if total > MAX_VALUES:
            raise DataFileError(f"{path}: its aliases expand to more than {MAX_VALUES:,} "
                                "values (a YAML 'billion laughs'?)")
        sizes[id(node)] = total


# ------------------------------------------------------------- the cache ----

@cache
def _code_version() -> bytes:
    """Changes when this module (the loader, LineDict, LineList, the codec) changes."""
    from checker.datafiles.jsoncache import source_of
    return source_of(__file__)


class _Uncacheable(Exception):
    """A parsed value JSON cannot hold as it is."""


# Parsed YAML as JSON, lines kept: a mapping is {"m": line, "k": keys,
# "n": key lines, "v": values}, a list {"s": line, "n": item lines, "v":
# items}, a date {"date": "YYYY-MM-DD"}, a timestamp {"datetime": ISO};
# strings, numbers, booleans and null are themselves. Keys are encoded like
# values, so an integer key stays an integer.

def _encode(value):
    if isinstance(value, LineDict):
        return {"m": value.line, "k": [_encode(k) for k in value],
                "n": [value.key_lines[k] for k in value], "v": [_encode(v) for v in value.values()]}
    if isinstance(value, LineList):
        return {"s": value.line, "n": value.item_lines, "v": [_encode(v) for v in value]}
    if value is None or isinstance(value, (str, bool, int, float)):
        return value
    if isinstance(value, datetime):
        return {"datetime": value.isoformat()}
    if isinstance(value, date):
        return {"date": value.isoformat()}
    raise _Uncacheable(type(value).__name__)


def _decode(value: dict):
    """json.loads' object_hook: called for every JSON object, innermost first."""
    if "m" in value:
        data = LineDict(zip(value["k"], value["v"], strict=True))
        data.line = value["m"]
        data.key_lines = dict(zip(value["k"], value["n"], strict=True))
        return data
    if "s" in value:
        data = LineList(value["v"])
        data.line, data.item_lines = value["s"], value["n"]
        return data
    if "date" in value:
        return date.fromisoformat(value["date"])
    return datetime.fromisoformat(value["datetime"])


# ------------------------------------------------------------ line numbers ----

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
