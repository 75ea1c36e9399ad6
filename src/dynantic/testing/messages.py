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

# ---------------------------------------------------------------- expressions
# Every expression error reads "Invalid <ExpressionKind>: <detail>".
EXPRESSION_INVALID = "Invalid {kind}: {detail}"
EXPRESSION_EMPTY = "The expression can not be empty;"
EXPRESSION_TOO_LONG = "Expression size has exceeded the maximum allowed size;"
# ConditionExpression and FilterExpression add the size.
EXPRESSION_TOO_LONG_SIZED = (
    "Expression size has exceeded the maximum allowed size; expression size: {size}"
)
EXPRESSION_SYNTAX_ERROR = 'Syntax error; token: "{token}", near: "{near}"'
EXPRESSION_TOO_MANY_OPERATORS = (
    "The expression contains too many operators; operator count: {count}"
)
EXPRESSION_REDUNDANT_PARENTHESES = "The expression has redundant parentheses;"
RESERVED_KEYWORD = "Attribute name is a reserved keyword; reserved keyword: {name}"
FUNCTION_UNKNOWN = "Invalid function name; function: {name}"
FUNCTION_MISUSED = (
    "The function is not allowed to be used this way in an expression; function: {name}"
)
OPERAND_COUNT = (
    "Incorrect number of operands for operator or function; "
    "operator or function: {name}, number of operands: {count}"
)
OPERAND_NOT_PATH = "Operator or function requires a document path; operator or function: {name}"
OPERAND_TYPE = (
    "Incorrect operand type for operator or function; "
    "operator or function: {name}, operand type: {type}"
)
UPDATE_OPERAND_TYPE = (
    "Incorrect operand type for operator or function; operator: {operator}, operand type: {type}"
)
# The operand type named when attribute_type's second operand is not a value.
ATTRIBUTE_TYPE_ANY = "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}"
ATTRIBUTE_TYPE_INVALID = (
    "Invalid attribute type name found; type: {type}, valid types: {{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}"
)
OPERANDS_NOT_DISTINCT = (
    "The first operand must be distinct from the remaining operands for this operator "
    "or function; operator: {operator}, first operand: {path}"
)
BETWEEN_TYPES_DIFFER = (
    "The BETWEEN operator requires same data type for lower and upper bounds; "
    "lower bound operand: AttributeValue: {{{lower}}}, "
    "upper bound operand: AttributeValue: {{{upper}}}"
)
BETWEEN_BOUNDS_REVERSED = (
    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
    "lower bound operand: AttributeValue: {{{lower}}}, "
    "upper bound operand: AttributeValue: {{{upper}}}"
)
IN_TOO_MANY_OPERANDS = (
    "The IN operator is provided with too many operands; number of operands: {count}"
)
NAME_NOT_DEFINED = (
    "An expression attribute name used in the document path is not defined; attribute name: {name}"
)
VALUE_NOT_DEFINED = (
    "An expression attribute value used in expression is not defined; attribute value: {name}"
)
PATHS_OVERLAP = (
    "Two document paths overlap with each other; must remove or rewrite one of these paths; "
    "path one: {one}, path two: {two}"
)
PATHS_CONFLICT = (
    "Two document paths conflict with each other; must remove or rewrite one of these paths; "
    "path one: {one}, path two: {two}"
)
UPDATE_SECTION_REPEATED = 'The "{section}" section can only be used once in an update expression;'

# ---------------------------------------------------------------- expression attribute maps
NAMES_EMPTY = "ExpressionAttributeNames must not be empty"
VALUES_EMPTY = "ExpressionAttributeValues must not be empty"
NAMES_INVALID_KEY = 'ExpressionAttributeNames contains invalid key: Syntax error; key: "{key}"'
NAMES_EMPTY_NAME = (
    "ExpressionAttributeNames contains invalid value: Empty attribute name for key {key}"
)
VALUES_INVALID_KEY = 'ExpressionAttributeValues contains invalid key: Syntax error; key: "{key}"'
VALUES_INVALID_VALUE = "ExpressionAttributeValues contains invalid value: {detail} for key {key}"
NAMES_UNUSED = "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{keys}}}"
VALUES_UNUSED = (
    "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{keys}}}"
)
NAMES_WITHOUT_EXPRESSIONS = "ExpressionAttributeNames can only be specified when using expressions"
VALUES_WITHOUT_EXPRESSIONS = (
    "ExpressionAttributeValues can only be specified when using expressions: {expressions}"
)
EXPRESSIONS_MIXED_WITH_LEGACY = (
    "Can not use both expression and non-expression parameters in the same request: "
    "Non-expression parameters: {{{legacy}}} Expression parameters: {{{expressions}}}"
)

# ---------------------------------------------------------------- applying updates
UPDATE_PATH_INVALID = "The document path provided in the update expression is invalid for update"
UPDATE_OPERAND_WRONG_TYPE = "An operand in the update expression has an incorrect data type"
UPDATE_ATTRIBUTE_MISSING = (
    "The provided expression refers to an attribute that does not exist in the item"
)
KEY_ATTRIBUTE_UPDATED = (
    "One or more parameter values were invalid: "
    "Cannot update attribute {name}. This attribute is part of the key"
)
KEY_ATTRIBUTE_NESTED = (
    "Key attributes must be scalars; list random access '[]' and map lookup '.' "
    "are not allowed: Key: {name}"
)
INDEX_KEY_ATTRIBUTE_NESTED = (
    "Key attributes must be scalars; list random access '[]' and map lookup '.' "
    "are not allowed: IndexKey: {name}"
)

# ---------------------------------------------------------------- key conditions
KEY_CONDITION_INVALID_OPERATOR = "Invalid operator used in KeyConditionExpression: {operator}"
KEY_CONDITION_NESTED_OPERATION = "KeyConditionExpressions cannot contain nested operations"
KEY_CONDITION_KEY_FIRST = (
    "Invalid condition in KeyConditionExpression: "
    "{operator} operator must have the key attribute as its first operand"
)
KEY_CONDITION_MULTIPLE_NAMES = (
    "Invalid condition in KeyConditionExpression: Multiple attribute names used in one condition"
)
KEY_CONDITION_NESTED_ATTRIBUTE = (
    "KeyConditionExpressions cannot have conditions on nested attributes"
)
KEY_CONDITION_NO_KEY = "Invalid condition in KeyConditionExpression: No key attribute specified"
KEY_CONDITION_ONE_PER_KEY = "KeyConditionExpressions must only contain one condition per key"

# ---------------------------------------------------------------- legacy parameters
LEGACY_INVALID = "One or more parameter values were invalid: {detail}"
LEGACY_VALUE_AND_LIST = "Value and AttributeValueList cannot be used together for Attribute: {name}"
LEGACY_EXISTS_AND_OPERATOR = (
    "Exists and ComparisonOperator cannot be used together for Attribute: {name}"
)
LEGACY_OPERATOR_WITHOUT_VALUE = (
    "Value or AttributeValueList must be used with ComparisonOperator: {operator} "
    "for Attribute: {name}"
)
LEGACY_ARGUMENT_COUNT = "Invalid number of argument(s) for the {operator} ComparisonOperator"
LEGACY_MIXED_TYPES = "AttributeValues inside AttributeValueList must be of same type"
LEGACY_OPERATOR_TYPE = "ComparisonOperator {operator} is not valid for {type} AttributeValue type"
LEGACY_BETWEEN_REVERSED = (
    "The BETWEEN condition was provided a range where the lower bound is greater than "
    "the upper bound"
)
LEGACY_LIST_WITHOUT_OPERATOR = (
    "AttributeValueList can only be used with a ComparisonOperator for Attribute: {name}"
)
LEGACY_VALUE_REQUIRED = "Value must be provided when Exists is {exists} for Attribute: {name}"
LEGACY_VALUE_WITH_EXISTS_FALSE = "Value cannot be used when Exists is false for Attribute: {name}"
LEGACY_DELETE_ONLY_WITHOUT_VALUE = (
    "Only DELETE action is allowed when no attribute value is specified"
)
LEGACY_DELETE_TYPE = "DELETE action with value is not supported for the type {type}"
LEGACY_ADD_TYPE = "ADD action is not supported for the type {type}"
LEGACY_UPDATE_TYPE_MISMATCH = "Type mismatch for attribute to update"
LEGACY_DUPLICATE_ATTRIBUTE = "Duplicate value in attribute name: {name}"
