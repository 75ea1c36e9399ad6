"""The service's error messages, kept in one place as data.

Texts follow what DynamoDB answers (checked against AWS's documentation and
against dynalite, which was probed against the live service). Templates use
``str.format`` fields.
"""

from __future__ import annotations

# ---------------------------------------------------------------- attribute values
ATTRIBUTE_VALUE_EMPTY = (
    "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"
)
ATTRIBUTE_VALUE_MANY_TYPES = (
    "Supplied AttributeValue has more than one datatypes set, "
    "must contain exactly one of the supported datatypes"
)
ATTRIBUTE_VALUE_INVALID_TYPE = "Supplied AttributeValue has an invalid payload"
NUMBER_NOT_NUMERIC = "The parameter cannot be converted to a numeric value"
NUMBER_NOT_NUMERIC_VALUE = "The parameter cannot be converted to a numeric value: {value}"
NUMBER_OVERFLOW = (
    "Number overflow. Attempting to store a number with magnitude larger than supported range"
)
NUMBER_UNDERFLOW = (
    "Number underflow. Attempting to store a number with magnitude smaller than supported range"
)
NUMBER_TOO_MANY_DIGITS = "Attempting to store more than 38 significant digits in a Number"
NULL_MUST_BE_TRUE = (
    "One or more parameter values were invalid: "
    "Null attribute value types must have the value of true"
)
EMPTY_STRING_SET = "One or more parameter values were invalid: An string set  may not be empty"
EMPTY_NUMBER_SET = "One or more parameter values were invalid: An number set  may not be empty"
EMPTY_BINARY_SET = "One or more parameter values were invalid: Binary sets should not be empty"
DUPLICATE_STRING_SET = (
    "One or more parameter values were invalid: Input collection {members} contains duplicates."
)
DUPLICATE_NUMBER_SET = "Input collection contains duplicates"
DUPLICATE_BINARY_SET = (
    "One or more parameter values were invalid: "
    "Input collection {members}of type BS contains duplicates."
)
NESTING_TOO_DEEP = "Nesting Levels have exceeded supported limits"
