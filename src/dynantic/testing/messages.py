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

# ---------------------------------------------------------------- programmed faults
# The answers the service gives under load or failure, for faults a test programs.
# Sources: AWS's DynamoDB API Reference (TransactionCanceledException, which lists
# the throttling and conflict texts; the message members of the error shapes) and
# Developer Guide ("Error handling with DynamoDB"), and the texts live DynamoDB
# returned in public error reports. One-sentence texts carry no final full stop:
# the documentation adds one that the service does not send (compare
# CONDITIONAL_CHECK_FAILED).
PROVISIONED_THROUGHPUT_EXCEEDED = (
    "The level of configured provisioned throughput for the table was exceeded. "
    "Consider increasing your provisioning level with the UpdateTable API."
)
# Data-plane operations on on-demand tables; control-plane operations get the other.
THROTTLING_DATA_PLANE = (
    "Throughput exceeds the current capacity of your table or index. DynamoDB is "
    "automatically scaling your table or index so please try again shortly. If exceptions "
    "persist, check if you have a hot key: "
    "https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html"
)
THROTTLING_CONTROL_PLANE = "Rate of requests exceeds the allowed throughput"
REQUEST_LIMIT_EXCEEDED = (
    "Throughput exceeds the current throughput limit for your account. "
    "Please contact AWS Support at https://aws.amazon.com/support request a limit increase"
)
INTERNAL_SERVER_ERROR = "Internal server error"
TRANSACTION_CONFLICT = "Transaction is ongoing for the item"
TRANSACTION_IN_PROGRESS = "The transaction with the given request token is already in progress"
ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED = "Collection size exceeded"
LIMIT_EXCEEDED = "Too many operations for a given subscriber"
