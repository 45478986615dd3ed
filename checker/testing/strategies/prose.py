"""The words of a generated report: paragraphs of real sentences, people's
names, and how the text is laid out.

Strategies draw whole sentences (an index into a pool of
checker.testing.sentences) and small integers, never letters, so a report of
20 paragraphs costs a few milliseconds and reads like a published one.
"""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from checker.testing.model import Layout
from checker.testing.sentences import for_topic

__all__ = ["sentences", "paragraph_texts", "paragraph_shape", "person", "inspector_title",
           "layouts"]


def sentences(topic: str, n: int, avoid=frozenset()) -> st.SearchStrategy[tuple[str, ...]]:
    """`n` different whole sentences on a topic, none of `avoid`."""
    pool = tuple(s for s in for_topic(topic) if s not in avoid)
    n = min(n, len(pool))
    return st.lists(st.integers(0, len(pool) - 1), min_size=n, max_size=n,
                    unique=True).map(lambda ix: tuple(pool[i] for i in ix))


@st.composite
def paragraph_texts(draw, topic: str, shape: list[int], avoid=frozenset()) -> list[str]:
    """Paragraphs of shape[i] sentences each, no sentence used twice (nor
    one of `avoid`: sentences other sections of the report already use)."""
    chosen = list(draw(sentences(topic, sum(shape), avoid)))
    out = []
    for n in shape:
        if not chosen:
            break
        out.append(" ".join(chosen[:n]))
        chosen = chosen[n:]
    return out


def paragraph_shape(paragraphs: tuple[int, int], sentences_per: tuple[int, int]):
    """How many sentences each paragraph has: a list of `paragraphs[0]` to
    `paragraphs[1]` counts, each in `sentences_per`."""
    return st.lists(st.integers(*sentences_per), min_size=paragraphs[0], max_size=paragraphs[1])


_FIRST = ("Alex", "Sam", "Jo", "Chris", "Robin", "Morgan", "Jamie", "Leslie", "Nadia", "Tariq")
_LAST = ("Hughes", "Patel", "Clarke", "Evans", "Ahmed", "Okafor", "Nowak", "Fletcher",
         "Marsh", "Doyle")


def person(draw) -> str:
    """A made-up inspector's or director's name."""
    return f"{draw(st.sampled_from(_FIRST))} {draw(st.sampled_from(_LAST))}"


def inspector_title(start: date) -> str:
    """"His Majesty's Inspector" from the day the reign changed, "Her" before."""
    return ("His" if start >= date(2022, 9, 8) else "Her") + " Majesty's Inspector"


def layouts(plain: bool = False) -> st.SearchStrategy[Layout]:
    """Text layouts, artefacts of copying a PDF included (plain: one line
    per paragraph, "- " bullets, LF)."""
    if plain:
        return st.just(Layout())
    return st.builds(
        lambda w, pb, **kw: Layout(wrap=w, page_breaks=pb and w is not None, **kw),
        st.one_of(st.none(), st.integers(50, 110)), st.booleans(),
        bullet=st.sampled_from(["- ", "\u2022 ", "\uf0b7 ", ""]),
        number_prefix=st.sampled_from(["", "- "]),
        line_end=st.sampled_from(["\n", "\r\n", "\r"]),
        trailing_space=st.booleans(), curly_quotes=st.booleans(),
        table_separator=st.sampled_from(["\t", "  ", "\t\t", "    "]),
        title_break=st.booleans(), inspector_break=st.booleans())
