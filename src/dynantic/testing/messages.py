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

# ---------------------------------------------------------------- request constraints
CONSTRAINT_FAILED = "Value {value} at '{path}' failed to satisfy constraint: {constraint}"
VALIDATION_ERRORS = "{count} validation error{plural} detected: {errors}"
NOT_NULL = "Member must not be null"
MIN_LENGTH = "Member must have length greater than or equal to {bound}"
MAX_LENGTH = "Member must have length less than or equal to {bound}"
MIN_VALUE = "Member must have value greater than or equal to {bound}"
MAX_VALUE = "Member must have value less than or equal to {bound}"
ENUM = "Member must satisfy enum value set: [{values}]"
PATTERN = "Member must satisfy regular expression pattern: {pattern}"
MAP_KEYS = "Map keys must satisfy constraint: [{constraints}]"
MAP_VALUE = "Map value must satisfy constraint: [{constraints}]"
PARAMETER_REQUIRED = "The parameter '{name}' is required but was not present in the request"
TABLE_NAME_LENGTH = (
    "TableName must be at least {shortest} characters long and at most {longest} characters long"
)
INVALID_TABLE_ARN = "Invalid TableArn"
