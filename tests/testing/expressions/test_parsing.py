"""Parsing: syntax errors as the service words them, limits, and the parse cache."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dynantic.testing.errors import ServiceError
from dynantic.testing.expressions import (
    ExpressionAttributes,
    ast,
    is_reserved,
    parse_condition,
    parse_projection,
    parse_update,
)
from dynantic.testing.expressions.reserved import reserved_words


def refusal(call: Callable[[], object]) -> str:
    with pytest.raises(ServiceError) as info:
        call()
    assert info.value.code == "ValidationException"
    return info.value.message


@pytest.mark.parametrize(
    ("text", "token", "near"),
    [
        ("a =", "<EOF>", "="),
        ("a = :v AND", "<EOF>", "AND"),
        ("= :v", "=", "= :v"),
        ("a b", "b", "a b"),
        ("a = :v :w", ":w", ":v :w"),
        ("a = 1", "1", "= 1"),
        ("a IN ()", ")", "()"),
        ("(a = :v", "<EOF>", ":v"),
        ("a = :v)", ")", ":v)"),
        ("a = :v !", "!", ":v !"),
    ],
)
def test_condition_syntax_errors_name_the_token_and_its_neighbours(
    text: str, token: str, near: str
) -> None:
    message = refusal(lambda: parse_condition(text))
    assert message == f'Invalid ConditionExpression: Syntax error; token: "{token}", near: "{near}"'


@pytest.mark.parametrize(
    ("text", "token", "near"),
    [
        ("INVALID SYNTAX HERE", "INVALID", "INVALID SYNTAX"),
        ("ADD hits : incr", ":", "hits : incr"),
        ("SET a = ", "<EOF>", "= "),
        ("SET a = :v,", "<EOF>", ","),
        ("SET", "<EOF>", "SET"),
        ("SET a = :v + :v + :v", "+", ":v + :v"),
        ("SET a = :v, REMOVE b", "REMOVE", ", REMOVE b"),
        ("ADD a b", "b", "a b"),
    ],
)
def test_update_syntax_errors_name_the_token_and_its_neighbours(
    text: str, token: str, near: str
) -> None:
    message = refusal(lambda: parse_update(text))
    assert message == f'Invalid UpdateExpression: Syntax error; token: "{token}", near: "{near}"'


@pytest.mark.parametrize(
    ("text", "token", "near"), [("a,", "<EOF>", ","), ("a b", "b", "a b"), ("!!!", "!", "!!")]
)
def test_projection_syntax_errors_name_the_token_and_its_neighbours(
    text: str, token: str, near: str
) -> None:
    message = refusal(lambda: parse_projection(text))
    assert message == (
        f'Invalid ProjectionExpression: Syntax error; token: "{token}", near: "{near}"'
    )


def test_the_expression_kind_prefixes_every_message() -> None:
    assert refusal(lambda: parse_condition("a =", "FilterExpression")).startswith(
        "Invalid FilterExpression: Syntax error;"
    )
    assert refusal(lambda: parse_condition("a =", "KeyConditionExpression")).startswith(
        "Invalid KeyConditionExpression: Syntax error;"
    )


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_an_empty_expression_is_refused(text: str) -> None:
    assert refusal(lambda: parse_update(text)) == (
        "Invalid UpdateExpression: The expression can not be empty;"
    )


def test_expressions_up_to_4_kb_are_accepted() -> None:
    name = "a" + "z" * 4095
    assert parse_projection(name).root.paths[0].elements == (name,)


def test_condition_and_filter_over_4_kb_report_their_size() -> None:
    text = "a" + "z" * 4096 + " = :v"
    assert refusal(lambda: parse_condition(text, "FilterExpression")) == (
        "Invalid FilterExpression: Expression size has exceeded the maximum allowed size; "
        f"expression size: {len(text)}"
    )


def test_update_projection_and_key_condition_over_4_kb_do_not_report_their_size() -> None:
    name = "a" + "z" * 4096
    assert refusal(lambda: parse_update(f"SET {name} = :v")) == (
        "Invalid UpdateExpression: Expression size has exceeded the maximum allowed size;"
    )
    assert refusal(lambda: parse_projection(name)) == (
        "Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;"
    )


def test_expression_size_counts_utf8_bytes() -> None:
    text = "é" * 2049  # 4098 bytes
    assert "Expression size has exceeded" in refusal(lambda: parse_projection(text))


def test_a_bare_reserved_word_is_refused_as_an_attribute_name() -> None:
    assert refusal(lambda: parse_condition("name = :v")) == (
        "Invalid ConditionExpression: Attribute name is a reserved keyword; reserved keyword: name"
    )


def test_reserved_words_are_refused_anywhere_in_a_path() -> None:
    assert refusal(lambda: parse_projection("a.Status")) == (
        "Invalid ProjectionExpression: Attribute name is a reserved keyword; "
        "reserved keyword: Status"
    )


def test_the_reserved_word_list_is_the_services_573_words_in_any_case() -> None:
    assert len(reserved_words()) == 573
    assert is_reserved("name")
    assert is_reserved("TTL")
    assert not is_reserved("pk")


def test_a_placeholder_stands_for_a_reserved_word() -> None:
    path = parse_condition("#name = :v").root
    assert isinstance(path, ast.Comparison)
    assert path.left == ast.DocumentPath((ast.NamePlaceholder("#name"),))


def test_an_unknown_function_is_refused() -> None:
    assert refusal(lambda: parse_condition("foo(a)")) == (
        "Invalid ConditionExpression: Invalid function name; function: foo"
    )


def test_function_names_are_case_sensitive() -> None:
    assert refusal(lambda: parse_condition("ATTRIBUTE_EXISTS(a)")) == (
        "Invalid ConditionExpression: Invalid function name; function: ATTRIBUTE_EXISTS"
    )


def test_update_functions_are_misused_in_conditions() -> None:
    assert refusal(lambda: parse_condition("if_not_exists(a, b) = :v")) == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: if_not_exists"
    )
    assert refusal(lambda: parse_condition("list_append(a, b) = :v")).endswith(
        "function: list_append"
    )


def test_condition_functions_are_unknown_in_updates() -> None:
    assert refusal(lambda: parse_update("SET a = size(b)")) == (
        "Invalid UpdateExpression: Invalid function name; function: size"
    )


def test_a_condition_function_cannot_be_compared() -> None:
    assert refusal(lambda: parse_condition("attribute_exists(a) = :v")) == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: attribute_exists"
    )


def test_size_alone_is_not_a_condition() -> None:
    assert refusal(lambda: parse_condition("size(a)")) == (
        "Invalid ConditionExpression: The function is not allowed to be used this way in an "
        "expression; function: size"
    )


def test_doubled_parentheses_are_redundant() -> None:
    expected = "Invalid ConditionExpression: The expression has redundant parentheses;"
    assert refusal(lambda: parse_condition("((a = :v))")) == expected
    assert refusal(lambda: parse_condition("((a)) = :v")) == expected


def test_single_parentheses_are_accepted_around_conditions_and_operands() -> None:
    parse_condition("(a = :v) AND (b = :w)")
    parse_condition("(a) = :v")
    parse_update("SET a = (b + :v)")


def test_in_accepts_at_most_100_operands() -> None:
    accepted = ", ".join(f":v{i}" for i in range(100))
    parse_condition(f"a IN ({accepted})")
    refused = ", ".join(f":v{i}" for i in range(101))
    assert refusal(lambda: parse_condition(f"a IN ({refused})")) == (
        "Invalid ConditionExpression: The IN operator is provided with too many operands; "
        "number of operands: 101"
    )


def test_an_expression_holds_at_most_300_operators() -> None:
    parse_condition(" OR ".join(["a = :v"] * 150))
    text = " OR ".join(["a = :v"] * 151)
    assert refusal(lambda: parse_condition(text)) == (
        "Invalid ConditionExpression: The expression contains too many operators; "
        "operator count: 301"
    )


def test_parentheses_and_function_calls_do_not_count_as_operators() -> None:
    # 149 levels: 149 ORs and 150 comparisons, 299 operators.
    parse_condition("a<b " + "or (a<b " * 149 + ")" * 149)
    assert refusal(lambda: parse_condition("a<b " + "or (a<b " * 454 + ")" * 454)) == (
        "Invalid ConditionExpression: The expression contains too many operators; "
        "operator count: 301"
    )


def test_nesting_is_limited_only_by_the_operator_count_and_the_size() -> None:
    assert "too many operators; operator count: 301" in refusal(
        lambda: parse_condition("not " * 1000 + "a<b")
    )
    assert refusal(lambda: parse_condition("(" * 2046 + "a<b" + ")" * 2046)) == (
        "Invalid ConditionExpression: The expression has redundant parentheses;"
    )
    assert refusal(lambda: parse_condition("a < " + "f(" * 1355 + "b" + ")" * 1355)) == (
        "Invalid ConditionExpression: Invalid function name; function: f"
    )
    nested = "SET a = " + "if_not_exists(a, " * 200 + ":v" + ")" * 200
    assert len(parse_update(nested).root.actions) == 1


def test_deeply_nested_size_calls_are_refused_when_bound() -> None:
    text = "a < " + "size(" * 680 + "b" + ")" * 680
    assert refusal(lambda: ExpressionAttributes().bind_condition(text)) == (
        "Invalid ConditionExpression: Incorrect operand type for operator or function; "
        "operator or function: size, operand type: N"
    )


def test_the_same_update_section_twice_is_refused() -> None:
    assert refusal(lambda: parse_update("SET a = :v SET b = :v")) == (
        'Invalid UpdateExpression: The "SET" section can only be used once in an update expression;'
    )


def test_update_keywords_are_case_insensitive() -> None:
    parsed = parse_update("set a = :v remove b")
    assert [type(action) for action in parsed.root.actions] == [
        ast.SetAction,
        ast.RemoveAction,
    ]


def test_and_binds_tighter_than_or_and_not_tighter_than_and() -> None:
    root = parse_condition("a = :a OR NOT b = :b AND c = :c").root
    assert isinstance(root, ast.Or)
    assert isinstance(root.right, ast.And)
    assert isinstance(root.right.left, ast.Not)


def test_nested_paths_parse_into_names_placeholders_and_indexes() -> None:
    root = parse_condition("a.#b[3].c = :v").root
    assert isinstance(root, ast.Comparison)
    assert root.left == ast.DocumentPath(("a", ast.NamePlaceholder("#b"), 3, "c"))


def test_a_parsed_expression_is_cached_by_its_text() -> None:
    first = parse_condition("attribute_exists(pk) AND #s = :cached")
    assert parse_condition("attribute_exists(pk) AND #s = :cached") is first
    assert parse_update("SET a = :cached") is parse_update("SET a = :cached")


def test_the_cached_tree_holds_placeholder_names_not_values() -> None:
    parsed = parse_condition("a = :v")
    ExpressionAttributes(None, {":v": "one"}).bind_condition("a = :v")
    assert parsed.placeholders == (":v",)
    assert isinstance(parsed.root, ast.Comparison)
    assert parsed.root.right == ast.ValuePlaceholder(":v")


def test_bare_names_start_with_a_letter() -> None:
    assert refusal(lambda: parse_update("SET _123 = :v")) == (
        'Invalid UpdateExpression: Syntax error; token: "_", near: "SET _123"'
    )
    assert refusal(lambda: parse_update("SET 123a = :v")) == (
        'Invalid UpdateExpression: Syntax error; token: "123", near: "SET 123a"'
    )
    parse_update("SET A123_ = :v, #_ = :_, #123 = :123")


def test_a_list_index_is_a_literal_number() -> None:
    assert "Syntax error" in refusal(lambda: parse_update("SET a[:i] = :v"))
    assert "Syntax error" in refusal(lambda: parse_update("SET a[#i] = :v"))
