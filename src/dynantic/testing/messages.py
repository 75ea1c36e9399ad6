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

# ---------------------------------------------------------------- tables
# Data-plane operations name no table; control-plane operations do.
TABLE_NOT_FOUND = "Requested resource not found"
TABLE_NOT_FOUND_NAMED = "Requested resource not found: Table: {name} not found"
TABLE_ALREADY_EXISTS = "Table already exists: {name}"

# ---------------------------------------------------------------- keys and items
KEY_SCHEMA_MISMATCH = "The provided key element does not match the schema"
ITEM_MISSING_KEY = "One or more parameter values were invalid: Missing the key {name} in the item"
ITEM_KEY_TYPE_MISMATCH = (
    "One or more parameter values were invalid: "
    "Type mismatch for key {name} expected: {expected} actual: {actual}"
)
ITEM_KEY_EMPTY = (
    "One or more parameter values are not valid. "
    "The AttributeValue for a key attribute cannot contain an empty {kind} value. Key: {name}"
)
KEY_EMPTY = (
    "One or more parameter values were invalid: "
    "The AttributeValue for a key attribute cannot contain an empty {kind} value. Key: {name}"
)
PARTITION_KEY_TOO_LARGE = (
    "One or more parameter values were invalid: "
    "Size of hashkey has exceeded the maximum size limit of2048 bytes"
)
SORT_KEY_TOO_LARGE = (
    "One or more parameter values were invalid: "
    "Aggregated size of all range keys has exceeded the size limit of 1024 bytes"
)
INDEX_KEY_TYPE_MISMATCH = (
    "One or more parameter values were invalid: "
    "Type mismatch for Index Key {name} Expected: {expected} Actual: {actual} IndexName: {index}"
)
INDEX_KEY_EMPTY = (
    "One or more parameter values are not valid. A value specified for a secondary index key "
    "is not supported. The AttributeValue for a key attribute cannot contain an empty {kind} "
    "value. IndexName: {index}, IndexKey: {name}"
)
ITEM_TOO_LARGE = "Item size has exceeded the maximum allowed size"
PUT_RETURN_VALUES = "ReturnValues can only be ALL_OLD or NONE"
CONDITIONAL_CHECK_FAILED = "The conditional request failed"
DELETE_RETURN_VALUES = "ReturnValues can only be ALL_OLD or NONE"

# ---------------------------------------------------------------- the JSON wire format
# SerializationException texts: what the service's deserializer says when a JSON
# value has the wrong type for its member (recorded by dynalite against the live
# service). ``{token}`` is the JSON token the body held, ``{java}`` the type the
# member has in the service's Java model.
WIRE_TOKEN_NOT_CONVERTIBLE = "{token} cannot be converted to {java}"
WIRE_STRUCTURE_NOT_EXPECTED = "Start of structure or map found where not expected"
WIRE_UNRECOGNIZED_CLASS = "Unrecognized collection type class {java}"
WIRE_UNRECOGNIZED_COLLECTION = "Unrecognized collection type {java}"
WIRE_UNEXPECTED_FIELD_TYPE = "Unexpected field type"
WIRE_UNEXPECTED_VALUE_TYPE = "Unexpected value type in payload"
WIRE_UNEXPECTED_TOKEN = "Unexpected token received from parser"
WIRE_NOT_BASE64 = "only base-64-encoded strings are convertible to bytes"
WIRE_BASE64_LENGTH = "Base64 encoded length is expected a multiple of 4 bytes but found: {length}"
WIRE_BASE64_LAST_CHARACTER = "Invalid last non-pad Base64 character dectected"  # sic
WIRE_PARAMETERIZED_TYPE = (
    "class sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl cannot be cast to "
    "class java.lang.Class (sun.reflect.generics.reflectiveObjects.ParameterizedTypeImpl and "
    "java.lang.Class are in module java.base of loader 'bootstrap')"
)

# ---------------------------------------------------------------- the HTTP endpoint
MISSING_AUTHENTICATION_TOKEN = "Request is missing Authentication Token"
SIGNATURE_HEADER_AND_QUERY = (
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP header."
)
SIGNATURE_HEADER_PARAMETER = "Authorization header requires '{name}' parameter. "
SIGNATURE_HEADER_DATE = (
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. "
)
SIGNATURE_HEADER_SUFFIX = "Authorization={header}"
SIGNATURE_QUERY_PARAMETER = "AWS query-string parameters must include '{name}'. "
SIGNATURE_QUERY_SUFFIX = "Re-examine the query-string parameters."
INTERNAL_SERVER_ERROR = "Internal server error"
