"""The model's patterns mean in Python what they mean to the service's Java regex engine."""

from __future__ import annotations

import re

import pytest

from dynantic.testing.model import service_model
from dynantic.testing.validation.java_regex import python_pattern

ROLE_ARN = r"[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\r\n\t]*"


@pytest.mark.parametrize(("text", "matches"), [("a b~", True), ("é", False), ("a\tb", False)])
def test_posix_print_is_printable_ascii(text: str, matches: bool) -> None:
    assert (re.fullmatch(python_pattern(r"\p{Print}+"), text) is not None) is matches


@pytest.mark.parametrize(
    ("text", "matches"),
    [("role\n", True), ("\U0001f600", True), ("\x00", False), ("\ufffe", False)],
)
def test_a_surrogate_pair_range_is_the_supplementary_planes(text: str, matches: bool) -> None:
    assert (re.fullmatch(python_pattern(ROLE_ARN), text) is not None) is matches


def test_every_pattern_in_the_model_compiles() -> None:
    model = service_model()
    patterns = {
        model.shape_for(name).metadata["pattern"]
        for name in model.shape_names
        if "pattern" in model.shape_for(name).metadata
    }
    assert ROLE_ARN in patterns
    for pattern in patterns:
        re.compile(python_pattern(pattern))
