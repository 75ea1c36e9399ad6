"""DynamoDB's expression languages: parsing, binding, evaluation, updates, projection.

One lexer and one Pratt parser read condition, filter, key condition, update
and projection expressions into the small tree of :mod:`.ast`; each distinct
text is parsed once. A request's placeholders are bound by
:class:`ExpressionAttributes`, which yields expressions ready to evaluate,
apply or project. :mod:`.legacy` translates the pre-expression parameters.
"""

from __future__ import annotations

from dynantic.testing.expressions.evaluate import BoundCondition
from dynantic.testing.expressions.key_condition import KeyCondition, key_conditions
from dynantic.testing.expressions.legacy import (
    LegacyUpdate,
    attribute_updates,
    attributes_to_get,
    check_conditional_operator,
    check_expression_parameters,
    expected_condition,
    filter_conditions,
    legacy_key_conditions,
)
from dynantic.testing.expressions.parsed import Parsed
from dynantic.testing.expressions.parsing import (
    ConditionKind,
    ExpressionKind,
    parse_condition,
    parse_key_condition,
    parse_projection,
    parse_update,
)
from dynantic.testing.expressions.placeholders import (
    BoundExpressions,
    ExpressionAttributes,
    bind_expressions,
    decode_expression_values,
)
from dynantic.testing.expressions.projection import BoundProjection
from dynantic.testing.expressions.reserved import is_reserved
from dynantic.testing.expressions.update import BoundUpdate, UpdateResult, check_key_updates

__all__ = [
    "BoundCondition",
    "BoundExpressions",
    "BoundProjection",
    "BoundUpdate",
    "ConditionKind",
    "ExpressionAttributes",
    "ExpressionKind",
    "KeyCondition",
    "LegacyUpdate",
    "Parsed",
    "UpdateResult",
    "attribute_updates",
    "attributes_to_get",
    "bind_expressions",
    "check_conditional_operator",
    "check_expression_parameters",
    "check_key_updates",
    "decode_expression_values",
    "expected_condition",
    "filter_conditions",
    "is_reserved",
    "key_conditions",
    "legacy_key_conditions",
    "parse_condition",
    "parse_key_condition",
    "parse_projection",
    "parse_update",
]
