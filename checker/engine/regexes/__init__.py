"""The one place that reads the structure of a rule's regular expressions.

Two kinds of question are asked about a pattern, never about text:

- is it safe? `unsafe_reason()`: the shapes that make Python's backtracking
  `re` take exponential time on unlucky text, refused when rules load;
- what must a match hold? `needed_literals()` (strings every match contains),
  `needed_words()` (words it holds whole), `needed_by_alternative()`
  (either, for each alternative of an alternation) and `match_prefixes()` (strings
  every match starts with) let the checks
  skip text a rule cannot match (checker/engine/textscan.py), and
  `space_locality()` says whether a pattern can be run over the runs of text
  between white space alone (the abbreviation scan).

The parse tree comes from `interegular` (the regex parser lark uses), not
from CPython's private `re._parser`. interegular cannot express everything
Python's `re` accepts, so `_Lexer` below first rewrites a pattern into the
part of the syntax it reads, keeping what each answer needs:

- anchors (^ $ \\A \\Z \\b \\B) match no character: they are dropped, and the
  kinds seen are kept (an end anchor tells white space from the end of text);
- \\d \\w \\s and their negations are Unicode categories in Python and ASCII
  sets in interegular: each becomes a placeholder character standing for its
  category, so no answer takes \\d for [0-9];
- atomic groups (?>...), possessive repeats (a*+) and back references (\\1,
  (?P=name)) become placeholder characters, with the parse of an atomic
  part kept beside the tree (atomic parts never backtrack);
- \\uXXXX, \\UXXXXXXXX and \\N{...} become the characters they name, a brace
  that opens no repeat becomes a literal one, and a leading ] of a set a
  literal ].

Whatever is still beyond it (conditionals, verbose or ASCII flags) gets the
safe answer: nothing known for the speed questions, and for safety the plain
textual check for a nested quantifier.

Every answer is a pure function of the pattern string: cached.
"""

from checker.engine.regexes.contents import match_prefixes, needed_literals, space_locality
from checker.engine.regexes.safety import unsafe_reason
from checker.engine.regexes.syntax import Syntax, parse
from checker.engine.regexes.words import Alternative, needed_by_alternative, needed_words

__all__ = ["Alternative", "Syntax", "match_prefixes", "needed_by_alternative",
           "needed_literals", "needed_words", "parse",
           "space_locality", "unsafe_reason"]
