"""Names split into given and family names: the documented rules, and nothing lost."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kiaro_cli.core.names import PARTICLES, split_name


@pytest.mark.parametrize(
    ("name", "given_name", "family_name"),
    [
        ("Ann Lee", "Ann", "Lee"),
        ("Mary Ann Lee", "Mary Ann", "Lee"),
        ("Lerato van der Merwe", "Lerato", "van der Merwe"),
        ("Marieke de Vries", "Marieke", "de Vries"),
        ("Ana Maria dos Santos", "Ana Maria", "dos Santos"),
        ("Ludwig van Beethoven", "Ludwig", "van Beethoven"),
        ("Jan van den Berg", "Jan", "van den Berg"),
        ("Anna von der Heide", "Anna", "von der Heide"),
        ("Luca di Montezemolo", "Luca", "di Montezemolo"),
        ("Giulia della Rovere", "Giulia", "della Rovere"),
        ("Pieter ter Horst", "Pieter", "ter Horst"),
        ("Mohammed bin Salman", "Mohammed", "bin Salman"),
        ("Omar al Farouq", "Omar", "al Farouq"),
        ("Jean Le Pen", "Jean", "Le Pen"),
        ("Van Morrison", "Van", "Morrison"),  # the first word is always a given name
        ("O'Brien, Seán", "Seán", "O'Brien"),
        ("van der Merwe,  Lerato", "Lerato", "van der Merwe"),
        ("山田 太郎", "太郎", "山田"),
        ("김 민준", "민준", "김"),
        ("毛泽东", "", "毛泽东"),
        ("Madonna", "", "Madonna"),
        ("  Ann   Lee ", "Ann", "Lee"),
    ],
)
def test_names_split_by_the_documented_rules(name: str, given_name: str, family_name: str) -> None:
    parts = split_name(name)
    assert (parts.given, parts.family) == (given_name, family_name)


words = st.text(alphabet="abcÅéøłЖ山田'-", min_size=1, max_size=8)
names = st.lists(words | st.sampled_from(sorted(PARTICLES)) | st.just(","), min_size=1, max_size=6).map(
    " ".join
)


@given(names)
def test_given_and_family_names_together_are_the_names_words(name: str) -> None:
    parts = split_name(name)

    def words_of(text: str) -> Counter[str]:
        return Counter(text.replace(",", " ").split())

    assert words_of(parts.given) + words_of(parts.family) == words_of(name)
    assert parts.family or not name.replace(",", " ").split()
