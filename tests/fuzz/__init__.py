"""Fuzz tests: hypothesis drives every form and import parser with random input (no server error, no partial
write). The strategies below are the awkward values users and files send, shared by the files of this package."""

from __future__ import annotations

from hypothesis import strategies as st

# Text of every kind, with the characters that break naive code more likely: delimiters, quotes, NUL, newlines,
# accents, digits of other scripts, and digit runs longer than int() reads.
awkward_text = st.one_of(
    st.text(max_size=30),
    st.text(alphabet=st.sampled_from(list(',;"\n\r\t ñÑáé٣𝟗-+/.:0123456789abc')), max_size=30),
    st.sampled_from(
        [
            "", " ", "0", "-1", "1e9", "NaN", "inf", "9" * 5000, "0" * 40 + "7", "٢٠١٥-٠٣-١٤", "2015-02-30",
            "0000-01-01", "99999-12-31", "31/12/99999", "1/1/0000", "x" * 5000, "\x00", "null", "[]", "{}",
            "90+4", "150+31", "Matchday " + "9" * 5000, "-" + "9" * 5000, "2026-03-14",
        ]
    ),
)


def rarely(common, rare):
    """`common` nine times in ten, else `rare` (a bare `one_of` would favour the simpler branch)."""
    return st.tuples(st.integers(0, 9), common, rare).map(lambda drawn: drawn[2] if drawn[0] == 9 else drawn[1])


def mostly(*valid):
    """One of `valid` nine times in ten, else anything: a form or file with several fields still goes through
    often enough to test what an accepted one writes."""
    return rarely(st.sampled_from(valid), awkward_text)
