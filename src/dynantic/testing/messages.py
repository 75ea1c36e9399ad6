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
# "An string set" is the service's own wording.
# A null member of a number or binary set: DynamoDB Local's words for a null
# in a binary set (no capture of the service's words for either set).
NULL_IN_SET = "The supplied Item contains a null AttributeValue"
NULL_IN_STRING_SET = (
    "One or more parameter values were invalid: "
    "An string set may not have a null string as a member"
)
DUPLICATE_STRING_SET = (
    "One or more parameter values were invalid: Input collection {members} contains duplicates."
)
DUPLICATE_NUMBER_SET = "Input collection contains duplicates"
# The current value layer (see engine/value_layers.py) words a number set's repeat so.
DUPLICATE_NUMBER_SET_CURRENT = (
    "One or more parameter values were invalid: Input collection contains duplicates."
)
DUPLICATE_BINARY_SET = (
    "One or more parameter values were invalid: "
    "Input collection {members}of type BS contains duplicates."
)
NESTING_TOO_DEEP = (
    "Nesting Levels have exceeded supported limits: "
    "Attributes in the item have nested levels beyond supported limit"
)
# A top-level attribute name that is empty: in a transaction's Put (public
# captures, ten regions, 2026-10), and likewise in PutItem's item,
# AttributeUpdates and AttributesToGet (ScyllaDB's Alternator suite run against
# the service; its wording there is only known to contain these words).
EMPTY_ATTRIBUTE_NAME = "Empty attribute name"

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
# ExclusiveStartKey keeps the older words; no live answer shows them changed.
START_KEY_EMPTY = (
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
INDEX_KEY_TOO_LARGE = (
    "One or more parameter values were invalid: "
    "Size limit exceeded for Index Key {name} Actual Size: {size} bytes Max Size: {limit} bytes "
    "IndexName: {index}"
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

# ---------------------------------------------------------------- table control plane
# CreateTable, UpdateTable, DeleteTable, tags and time to live. ``INVALID`` is
# the prefix the service puts before most of its semantic refusals.
INVALID = "One or more parameter values were invalid: "
TABLE_MEMBER_NULL = "Value null at '{path}' failed to satisfy constraint: Member must not be null"
TABLE_MEMBER_TOO_LONG = (
    "Value '{value}' at '{path}' failed to satisfy constraint: "
    "Member must have length less than or equal to {bound}"
)
TABLE_VALIDATION_ERRORS = "{count} validation error{plural} detected: {errors}"

# Billing mode and capacity.
PAY_PER_REQUEST_WITH_THROUGHPUT = (
    INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified "
    "when BillingMode is PAY_PER_REQUEST"
)
# UpdateTable asking for on-demand and capacity in one request words it its own way.
ON_DEMAND_REQUEST_WITH_THROUGHPUT = (
    INVALID + "ProvisionedThroughput cannot be specified when BillingMode is PAY_PER_REQUEST"
)
PROVISIONED_WITHOUT_CAPACITY = (
    INVALID + "ReadCapacityUnits and WriteCapacityUnits must both be specified "
    "when BillingMode is PROVISIONED"
)
PROVISIONED_WITHOUT_THROUGHPUT = (
    INVALID + "ProvisionedThroughput must be specified when BillingMode is PROVISIONED"
)
CAPACITY_OUT_OF_BOUNDS = "Given value {value} for {name} is out of bounds"
CAPACITY_ABOVE_TABLE_MAXIMUM = (
    "The requested {name}, {value}, is above the per table maximum for the account in "
    "{region}. Per table maximum: {maximum}. Refer to the Amazon DynamoDB Developer Guide "
    "for current limits and how to request higher limits."
)
CAPACITY_ABOVE_INDEX_MAXIMUM = (
    "The requested {name} for index {index}, {value}, is above the per index maximum for "
    "the account in {region}. Per table maximum: {maximum}. Refer to the Amazon DynamoDB "
    "Developer Guide for current limits and how to request higher limits."
)
THROUGHPUT_UNCHANGED = (
    "The provisioned throughput for the table will not change. The requested value equals "
    "the current value. Current ReadCapacityUnits provisioned for the table: {read}. "
    "Requested ReadCapacityUnits: {new_read}. Current WriteCapacityUnits provisioned for the "
    "table: {write}. Requested WriteCapacityUnits: {new_write}. Refer to the Amazon DynamoDB "
    "Developer Guide for current limits and how to request higher limits."
)
INDEX_THROUGHPUT_UNCHANGED = (
    "The provisioned throughput for the index {index} will not change. The requested value "
    "equals the current value. Current ReadCapacityUnits provisioned for index {index}: "
    "{read}. Requested ReadCapacityUnits: {new_read}. Current WriteCapacityUnits provisioned "
    "for index {index}: {write}. Requested WriteCapacityUnits: {new_write}. Refer to the "
    "Amazon DynamoDB Developer Guide for current limits and how to request higher limits."
)
DECREASES_LIMITED = (
    "Subscriber limit exceeded: Provisioned throughput decreases are limited within a given "
    "UTC day. After the first 4 decreases, each subsequent decrease in the same UTC day can be "
    "performed at most once every 3600 seconds. Number of decreases today: {count}. "
    "Last decrease at {last}. Next decrease can be made at {next}"
)
ON_DEMAND_ON_PROVISIONED_CREATE = (
    INVALID + "{member} for OnDemandThroughput cannot be specified when table BillingMode "
    "is PROVISIONED."
)
ON_DEMAND_ON_PROVISIONED_UPDATE = (
    INVALID + "{member} for OnDemandThroughput cannot be specified when the table "
    "BillingMode is PROVISIONED"
)
INDEX_ON_DEMAND_ON_PROVISIONED = (
    INVALID + "{member} for OnDemandThroughput for index: {index} cannot be specified when "
    "table BillingMode is PROVISIONED."
)
# UpdateTable's index form spaces the colon, as its table form adds "the".
INDEX_ON_DEMAND_ON_PROVISIONED_UPDATE = (
    INVALID + "{member} for OnDemandThroughput for index : {index} cannot be specified when "
    "the table BillingMode is PROVISIONED"
)
ON_DEMAND_OUT_OF_RANGE = (
    INVALID + "Requested {member} for OnDemandThroughput for table is outside of valid range"
)
INDEX_ON_DEMAND_OUT_OF_RANGE = (
    INVALID + "Requested {member} for OnDemandThroughput for index : {index} "
    "is outside of valid range"
)
ON_DEMAND_ABOVE_MAXIMUM = (
    "Subscriber limit exceeded: Requested {member} for OnDemandThroughput for {target} "
    "exceeds TableMax{quota}CapacityUnits of the account in region {region}"
)
WARM_ABOVE_MAXIMUM = (
    "Subscriber limit exceeded: Requested {member} for WarmThroughput for {target} "
    "exceeds TableMax{quota}CapacityUnits of the account in region {region}"
)
WARM_BELOW_ON_DEMAND_START = (
    INVALID + "Requested {member} for WarmThroughput for {target} is lower than initial "
    "throughput for OnDemand. See: https://docs.aws.amazon.com/amazondynamodb/latest/"
    "developerguide/on-demand-capacity-mode.html#on-demand-capacity-mode-initial"
)
WARM_BELOW_PROVISIONED = (
    INVALID + "Requested {member} for WarmThroughput for {target} is lower than {capacity} "
    "of ProvisionedThroughput"
)
WARM_DECREASE = (
    INVALID + "Requested {member} for WarmThroughput for {target} is lower than current "
    "WarmThroughput, decreasing WarmThroughput is not supported"
)
INDEX_WARM_EMPTY = (
    INVALID + "WarmThroughput must have at least one of ReadUnitsPerSecond or "
    "WriteUnitsPerSecond specified for index: {index}"
)

# Key schemas and attribute definitions.
ATTRIBUTE_NAME_DUPLICATED = "Attribute Name is duplicated: {name}"
KEY_ATTRIBUTES_WITHOUT_DEFINITION = "Invalid KeySchema: Some index key attribute have no definition"
KEY_ATTRIBUTES_NOT_DEFINED = (
    INVALID + "Some index key attributes are not defined in AttributeDefinitions. "
    "Keys: [{keys}], AttributeDefinitions: [{definitions}]"
)
KEY_SAME_NAME = "Both the Hash Key and the Range Key element in the KeySchema have the same name"
KEY_FIRST_NOT_HASH = "Invalid KeySchema: The first KeySchemaElement is not a HASH key type"
KEY_SECOND_NOT_RANGE = "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type"
KEY_ATTRIBUTE_COUNT_MISMATCH = (
    INVALID + "Number of attributes in KeySchema does not exactly match number of attributes "
    "defined in AttributeDefinitions"
)
ATTRIBUTE_DEFINITIONS_UNUSED = (
    INVALID + "Some AttributeDefinitions are not used. AttributeDefinitions: [{definitions}], "
    "keys used: [{keys}]"
)
KEY_DUPLICATE_ATTRIBUTES = "The KeySchema contains multiple key attributes with the same name"
KEY_HASH_AFTER_RANGE = (
    INVALID + "All HASH key attributes must precede RANGE key attributes in the KeySchema"
)
KEY_TOO_MANY = INVALID + "The KeySchema exceeds the maximum allowed number of {kind} key attributes"
KEY_SCHEMA_ELEMENT = "com.amazonaws.dynamodb.v20120810.KeySchemaElement@{hash:08x}"
JAVA_OBJECT = "com.amazonaws.dynamodb.v20120810.{shape}@{hash:08x}"

# Secondary indexes.
INDEX_LIST_EMPTY = INVALID + "List of {member} is empty"
LOCAL_INDEX_WITHOUT_TABLE_RANGE = (
    INVALID + "Table KeySchema does not have a range key, which is required when specifying "
    "a LocalSecondaryIndex"
)
LOCAL_INDEX_WITHOUT_RANGE = INVALID + "Index KeySchema does not have a range key for index: {index}"
LOCAL_INDEX_OTHER_HASH = (
    INVALID + "Index KeySchema does not have the same leading hash key as table KeySchema for "
    "index: {index}. index hash key: {index_hash}, table hash key: {table_hash}"
)
PROJECTION_TYPE_NULL = INVALID + "Unknown ProjectionType: null"
PROJECTION_NON_KEY_UNEXPECTED = (
    INVALID + "ProjectionType is {type}, but NonKeyAttributes is specified"
)
PROJECTION_NON_KEY_MISSING = (
    INVALID + "ProjectionType is INCLUDE, but NonKeyAttributes is not specified"
)
PROJECTION_NON_KEY_DUPLICATE = INVALID + "Duplicate element in NonKeyAttributes: {name}"
PROJECTED_ATTRIBUTES_TOO_MANY = (
    INVALID + "Number of projected attributes in all indexes exceeds limit of 100"
)
INDEX_NAME_DUPLICATE = INVALID + "Duplicate index name: {index}"
LOCAL_INDEX_COUNT = INVALID + "Number of LocalSecondaryIndexes exceeds per-table limit of 5"
GLOBAL_INDEX_COUNT = INVALID + "GlobalSecondaryIndex count exceeds the per-table limit of 20"
INDEX_THROUGHPUT_ON_DEMAND_CREATE = (
    INVALID + "ProvisionedThroughput should not be specified for index: {index} when "
    "BillingMode is PAY_PER_REQUEST"
)
INDEX_THROUGHPUT_ON_DEMAND_UPDATE = (
    INVALID + "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified for index: "
    "{index} when BillingMode is PAY_PER_REQUEST"
)
INDEX_THROUGHPUT_MISSING_CREATE = (
    INVALID + "ProvisionedThroughput is not specified for index: {index}"
)
INDEX_THROUGHPUT_MISSING_UPDATE = (
    INVALID + "Both ReadCapacityUnits and WriteCapacityUnits must be specified for index: {index}"
)
INDEX_THROUGHPUT_MISSING_SWITCH = (
    INVALID + "ProvisionedThroughput must be specified for index: {indexes}"
)
INDEX_ONLY_ON_DEMAND_UPDATES = (
    INVALID + "The only Updates for index: {index} when TableThroughputMode is PAY_PER_REQUEST "
    "can be to OnDemandThroughput, WarmThroughput"
)
INDEX_UPDATE_EMPTY = (
    INVALID + "One of GlobalSecondaryIndexUpdate.Update, GlobalSecondaryIndexUpdate.Create, "
    "GlobalSecondaryIndexUpdate.Delete must not be null"
)
INDEX_UPDATE_MANY_ACTIONS = (
    INVALID + "Only one global secondary index action is allowed per "
    "GlobalSecondaryIndexUpdate object"
)
INDEX_UPDATE_SAME_INDEX = (
    INVALID + "Only one global secondary index update per index is allowed simultaneously. "
    "Index: {index}"
)
INDEX_ONE_ONLINE = (
    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
    "per table"
)
GLOBAL_INDEX_LIMIT = (
    "Subscriber limit exceeded: Number of global secondary indexes exceeds per-table limit of 20"
)
INDEX_ALREADY_EXISTS = "Attempting to create an index which already exists"
INDEX_NOT_GLOBAL = "Cannot {action} an index that is not a GlobalSecondaryIndex: {index}"
INDEX_NOT_FOUND = "Requested resource not found: Index {index} for table {table}"
INDEX_DEFINITIONS_MISSING = INVALID + "AttributeDefinitions is not specified for index: {index}"
ATTRIBUTE_REDEFINED = (
    INVALID + "Attributes cannot be redefined. Please check that your attribute has the same "
    "type as previously defined. Existing schema: Schema:[{existing}] New schema: Schema:[{new}]"
)

# Streams, encryption, table class and deletion protection.
TABLE_CLASS_INVALID = (
    "Invalid table-class parameter provided. Please try again with a valid table-class value: "
    "[STANDARD, STANDARD_INFREQUENT_ACCESS]."
)
STREAM_CREATED_WITHOUT_VIEW = (
    INVALID + "Table is being created with a stream enabled, UpdateViewType is required"
)
STREAM_CREATED_DISABLED_WITH_VIEW = (
    INVALID + "Table is being created with a stream disabled, UpdateViewType should not be "
    "specified"
)
STREAM_ENABLED_WITHOUT_VIEW = INVALID + "If stream is being enabled then UpdateViewType is required"
STREAM_DISABLED_WITH_VIEW = (
    INVALID + "If stream is being disabled, then UpdateViewType must not be specified"
)
STREAM_ALREADY_ENABLED = "Table already has an enabled stream: TableName: {name}"
STREAM_NONE_TO_DISABLE = "Table has no stream to disable: TableName: {name}"
SSE_TYPE_WHEN_DISABLED = INVALID + "SSEType can not be specified if Enabled is false"
SSE_KEY_WHEN_DISABLED = INVALID + "KMSMasterKeyId can not be specified if Enabled is false"
SSE_KEY_NEEDS_KMS = INVALID + "SSEType KMS is required if KMSMasterKeyId is specified"
SSE_AES256 = INVALID + "SSEType AES256 is not supported"
SSE_ALREADY_DEFAULT = INVALID + "Table is already encrypted by default"
SSE_ALREADY_KEY = (
    INVALID + "Table is already encrypted with given KMSMasterKeyId. Use KMSMasterKeyId "
    "parameter if you want to change Master Key"
)
TABLE_CLASS_LIMIT = (
    "Subscriber limit exceeded: Updates to TableClass are limited to 2 times in 30 day(s)."
)
DELETION_PROTECTED = (
    "Resource cannot be deleted as it is currently protected against deletion. "
    "Disable deletion protection first."
)
DELETION_PROTECTION_COOLDOWN = (
    "Deletion protection setting for table {name} modified within the previous 15000 "
    "milliseconds. Please try again after {when}Z"
)

# UpdateTable: what may go together in one request.
UPDATE_NOTHING = "At least one of {members} or TableClass is required"
UPDATE_ONLY_OPERATION = INVALID + "{change} modification must be the only operation in the request"
UPDATE_WARM_ONLY_OPERATION = INVALID + "WarmThroughput must be the only operation in the request"
UPDATE_ON_DEMAND_WITH_BILLING_ONLY = (
    INVALID + "OnDemandThroughput can only be combined with BillingMode in an UpdateTable request"
)
UPDATE_STREAM_WITH_CAPACITY = INVALID + "You cannot modify stream status while updating table IOPS"
UPDATE_INDEX_WITH_CAPACITY = INVALID + "You cannot create or delete index while updating table IOPS"
UPDATE_INDEX_WITH_STREAM = (
    INVALID + "You cannot create or delete index while changing stream status"
)
UPDATE_INDEX_WITH_WARM = (
    INVALID + "Create global secondary index cannot be specified when updating WarmThroughput"
)
UNSUPPORTED_MEMBER = "{member} is not supported by the in-memory DynamoDB"

# Tags and resource ARNs.
RESOURCE_ARN_NOT_FOUND = "Requested resource not found: ResourceArn: {arn} not found"
ARN_NO_PREFIX = INVALID + "ARNs must start with 'arn:': {arn}"
ARN_NO_PARTITION = INVALID + "Second colon partition not found: {arn}"
ARN_NO_VENDOR = INVALID + "Third colon vendor not found: {arn}"
ARN_NO_REGION = INVALID + "Fourth colon (region/namespace delimiter) not found: {arn}"
ARN_NO_ACCOUNT = INVALID + "Fifth colon (namespace/relative-id delimiter) not found: {arn}"
ARN_NOT_DYNAMODB = INVALID + "Provided Arn is not a DynamoDB resource arn: {arn}"
ARN_NOT_TABLE = (
    INVALID + "Invalid resource arn provided, only table or stream is accepted. "
    "Provided resource arn: {arn}"
)
ARN_OTHER_REGION = "Invalid TableArn: Invalid ResourceArn provided as input {arn}"
ACCESS_DENIED = "Access is denied"
# A TableName holding this account's table ARN whose resource is not a bare table
# name (ExtendDB's PR 200, from the service; ack-api-quirks lists the same family).
TABLE_ARN_CONSTRAINT = (
    "1 validation error detected: Value '{arn}' at 'tableName' failed to satisfy constraint: "
)
TABLE_ARN_FORMAT = (
    TABLE_ARN_CONSTRAINT + "Valid ARN format is "
    "'arn:<awsPartition>:<vendor>:<region>:<subscriber>:resourceType/resourceName', where "
    "Resource name must have length less than or equal to 255, Resource name must have length "
    "greater than or equal to 3, Resource name must satisfy regular expression pattern: "
    "[a-zA-Z0-9_.-]+"
)
TABLE_ARN_NAME_SHORT = (
    TABLE_ARN_CONSTRAINT + "Table name of ARN must have length greater than or equal to 3"
)
TAG_KEY_INVALID = "The Tag Key provided is invalid, Key: {key}"
TAG_VALUE_INVALID = "The Tag Value provided is invalid, Value: {value}"
TAG_KEY_RESERVED = "Tag Key cannot be prefixed with aws:, Key: {key}"
TAG_KEYS_DUPLICATE = "Duplicate Tag Keys provided as input: Duplicate Tag Key found {key}"
TAGS_TOO_MANY = "Number of Tags exceed the current limit for the provided ResourceArn"
TAG_SET_TOO_LARGE = "Tag set size {size} bytes is above max size limit of {limit} bytes"
TAGS_EMPTY = "Atleast one Tag needs to be provided as Input."
TAG_KEYS_EMPTY = "Atleast one Tag Key needs to be provided as Input."

# Time to live.
TTL_ALREADY_ENABLED = "TimeToLive is already enabled"
TTL_ALREADY_DISABLED = "TimeToLive is already disabled"
TTL_OTHER_ATTRIBUTE = (
    "TimeToLive is active on a different AttributeName: current AttributeName is {name}"
)
TTL_COOLDOWN = "Time to live has been modified multiple times within a fixed interval"
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
# Not the service's: an operation of DynamoDB's API that the in-memory one lacks.
OPERATION_NOT_IMPLEMENTED = (
    "{operation} is a DynamoDB operation that dynantic's in-memory DynamoDB does not implement"
)
TRANSACTION_CONFLICT = "Transaction is ongoing for the item"
TRANSACTION_IN_PROGRESS = "The transaction with the given request token is already in progress"
ITEM_COLLECTION_SIZE_LIMIT_EXCEEDED = "Collection size exceeded"
LIMIT_EXCEEDED = "Too many operations for a given subscriber"
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
# An enum member checked ahead of the rest, by operation, in the newer
# validation's words and with its own list of values: Query's ConditionalOperator
# (live captures, eu-west-2 and us-east-1, 2026-10).
NEWER_ENUM_FIRST = {
    "Query": "Failed to satisfy constraint: Member must satisfy enum value set: [ALL, OR]",
}
# The newer validation's words for PutItem, UpdateItem and DeleteItem: an empty
# TableName alone, and ReturnValues outside its enum (its list as the service
# writes it, UPDATE_NEW included), in us-east-1 and eu-west-2 alike (paritysuite
# captures/cross-region-latest.json, 2026-09-20; registry/splits.json, 33 of 35
# regions by 2026-10-07).
EMPTY_TABLE_NAME_REPORTED = (
    "1 validation error detected: Value at 'TableName' failed to satisfy constraint: "
    "Member must have length greater than or equal to 1"
)
RETURN_VALUES_REPORTED = (
    "Failed to satisfy constraint: Member must satisfy enum value set: "
    "[ALL_OLD, UPDATED_OLD, ALL_NEW, UPDATE_NEW, NONE]"
)
LIMIT_REPORTED = "Value at 'Limit' failed to satisfy constraint: {constraint}"
BATCH_GET_KEYS_REPORTED = (
    "Value at 'RequestItems.{table}.member.Keys' failed to satisfy constraint: {constraint}"
)
# BatchGetItem and BatchWriteItem with an empty RequestItems map, in the words
# of the regions that still echo values in constraint messages (public captures,
# 2026-08 to 2026-10; the others answer with the framework's generic sentence).
REQUEST_ITEMS_REQUIRED = "The requestItems parameter is required for {operation}"
# BatchGetItem's in the newer validation's words, which 32 of 35 regions, us-east-1
# among them, answer (paritysuite registry/splits.json,
# batch-get-item-empty-request-items-message, 2026-10); BatchWriteItem's are
# still the older ones there.
REQUEST_ITEMS_EMPTY_REPORTED = (
    "1 validation error detected: Value at 'RequestItems' failed to satisfy constraint: "
    "Member must have length greater than or equal to 1"
)
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
# With the set of types the operator takes named last (a 2022 capture of the
# service through aws-sdk-java-v2, zio-dynamodb's notes; typedorm issue 264).
UPDATE_OPERAND_TYPE = (
    "Incorrect operand type for operator or function; operator: {operator}, "
    "operand type: {type}, typeSet: ALLOWED_FOR_{operator}_OPERAND"
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
PATH_TOO_DEEP = "The document path has too many nesting levels; nesting levels: {levels}"
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
NAMES_KEY_TOO_LONG = (
    "ExpressionAttributeNames contains invalid key: "
    "The expression attribute map contains a key that is too long; size of key: {size}"
)
NAMES_EMPTY_NAME = (
    "ExpressionAttributeNames contains invalid value: Empty attribute name for key {key}"
)
VALUES_INVALID_KEY = 'ExpressionAttributeValues contains invalid key: Syntax error; key: "{key}"'
# Unlike the names' message, this one gives no size.
VALUES_KEY_TOO_LONG = (
    "ExpressionAttributeValues contains invalid key: "
    "The expression attribute map contains a key that is too long;"
)
VALUES_INVALID_VALUE = "ExpressionAttributeValues contains invalid value: {detail} for key {key}"
NAMES_UNUSED = "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{keys}}}"
VALUES_UNUSED = (
    "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{keys}}}"
)
# The 2 MB bound on a request's placeholders, in DynamoDB Local's words (AWS's
# emulator; no capture of the service's).
NAMES_TOO_LARGE = "ExpressionAttributeNames exceeds max size"
VALUES_TOO_LARGE = "ExpressionAttributeValues exceeds max size"
SUBSTITUTIONS_TOO_LARGE = (
    "Combined size of ExpressionAttributeNames and ExpressionAttributeValues exceeds max size"
)
NAMES_WITHOUT_EXPRESSIONS = "ExpressionAttributeNames can only be specified when using expressions"
VALUES_WITHOUT_EXPRESSIONS_ALONE = (
    "ExpressionAttributeValues can only be specified when using expressions"
)
VALUES_WITHOUT_EXPRESSIONS = VALUES_WITHOUT_EXPRESSIONS_ALONE + ": {expressions}"
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

# ---------------------------------------------------------------- item operations
UPDATE_INDEX_KEY_TYPE = (
    "The update expression attempted to update the secondary index key to unsupported type"
)
# An update that sets an index key attribute to an empty string or binary: no
# index is named (four regions, nubo-db/dynamodb-conformance's index key messages).
UPDATE_INDEX_KEY_EMPTY = (
    "One or more parameter values are not valid. The update expression attempted to update a "
    "secondary index key to a value that is not supported. The AttributeValue for a key "
    "attribute cannot contain an empty {kind} value."
)
UPDATED_ITEM_TOO_LARGE = "Item size to update has exceeded the maximum allowed size"

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
ATTRIBUTE_NAME_TOO_LARGE = "Attribute name is too large, must be less than 65536 bytes"
KEY_CONDITION_NESTED_ATTRIBUTE = (
    "Invalid KeyConditionExpression: "
    "KeyConditionExpressions cannot have conditions on nested attributes"
)
KEY_CONDITION_NO_KEY = "Invalid condition in KeyConditionExpression: No key attribute specified"
KEY_CONDITION_ONE_PER_KEY = (
    "Invalid KeyConditionExpression: "
    "KeyConditionExpressions must only contain one condition per key"
)

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
CONDITIONAL_OPERATOR_WITHOUT_CONDITIONS = (
    "ConditionalOperator cannot be used without Filter or Expected"
)
CONDITIONAL_OPERATOR_ONE_CONDITION = (
    "ConditionalOperator can only be used when Filter or Expected has two or more elements"
)

# ---------------------------------------------------------------- query and scan
# Query puts "1 validation error detected: " before the Select rules; Scan does not.
VALIDATION_ERROR_PREFIX = "1 validation error detected: "
QUERY_NEEDS_KEY_CONDITION = (
    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the request."
)
INDEX_UNKNOWN = "The table does not have the specified index: {index}"
CONSISTENT_READ_ON_GLOBAL_INDEX = "Consistent reads are not supported on global secondary indexes"
SELECT_PROJECTION_EXPRESSION = "Cannot specify the ProjectionExpression when choosing to get {what}"
SELECT_ATTRIBUTES_TO_GET = "Cannot specify the AttributesToGet when choosing to get {what}"
SELECT_COUNT_WHAT = "only the Count"
SELECT_SPECIFIC_WITHOUT_ATTRIBUTES = (
    "Must specify the AttributesToGet or ProjectionExpression when choosing to get "
    "SPECIFIC_ATTRIBUTES"
)
SELECT_PROJECTED_WITHOUT_INDEX = (
    "ALL_PROJECTED_ATTRIBUTES can be used only when Querying using an IndexName"
)
SELECT_ALL_ON_GLOBAL_INDEX = (
    INVALID + "Select type ALL_ATTRIBUTES is not supported for global secondary index {index} "
    "because its projection type is not ALL"
)
GLOBAL_INDEX_DOES_NOT_PROJECT = (
    INVALID + "Global secondary index {index} does not project [{names}]"
)
INDEX_DOES_NOT_PROJECT_FILTER = (
    INVALID + "Secondary index {index} does not project one or more filter attributes: [{names}]"
)
FILTER_ON_KEY = (
    "{parameter} can only contain non-primary key attributes: Primary key attribute: {name}"
)
# Key conditions checked against the key schema.
KEY_CONDITION_MISSED_KEY = "Query condition missed key schema element: {name}"
KEY_CONDITION_NOT_SUPPORTED = "Query key condition not supported"
KEY_CONDITION_TOO_MANY = (
    "The number of query conditions ({count}) exceeds the number of key attributes defined in "
    "the schema ({keys})"
)
# Legacy KeyConditions with no condition, or more than two.
KEY_CONDITIONS_LENGTH = "Conditions can be of length 1 or 2 only"
KEY_CONDITION_NOT_INDEXABLE = "Attempted conditional constraint is not an indexable operation"
KEY_CONDITION_TYPE_MISMATCH = INVALID + "Condition parameter type does not match schema type"
KEY_CONDITION_PARTITION_EQUALITY = (
    "HASH key attributes {name} must have equality conditions specified in the query"
)
KEY_CONDITION_SORT_KEY_GAP = (
    "RANGE key attributes {earlier} must have equality conditions specified in the query "
    "because a condition is present on key attribute {later}"
)
# ExclusiveStartKey.
START_KEY_INVALID = "The provided starting key is invalid"
START_KEY_INVALID_DETAIL = "The provided starting key is invalid: {detail}"
START_KEY_OUTSIDE_QUERY = (
    "The provided starting key is outside query boundaries based on provided conditions"
)
START_KEY_OUTSIDE_RANGE = "The provided starting key does not match the range key predicate"
START_KEY_SINGLE_ROW = "The query can return at most one row and cannot be restarted"
START_KEY_WRONG_SEGMENT = (
    "Invalid ExclusiveStartKey. Please use ExclusiveStartKey with correct Segment. "
    "TotalSegments: {total} Segment: {segment}"
)
# Parallel scans.
SEGMENT_WITHOUT_TOTAL = (
    "The TotalSegments parameter is required but was not present in the request when "
    "Segment parameter is present"
)
TOTAL_WITHOUT_SEGMENT = (
    "The Segment parameter is required but was not present in the request when parameter "
    "TotalSegments is present"
)
SEGMENT_NOT_BELOW_TOTAL = (
    "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
    "Segment: {segment} is not less than TotalSegments: {total}"
)
# ---------------------------------------------------------------- batches and transactions
# Sources: AWS's DynamoDB API Reference (BatchWriteItem, BatchGetItem,
# TransactWriteItems, TransactionCanceledException), the texts dynalite recorded
# from the live service, and texts live DynamoDB returned in public reports.
BATCH_DUPLICATE_KEYS = "Provided list of item keys contains duplicates"
BATCH_WRITE_TOO_MANY = "Too many items requested for the BatchWriteItem call"
BATCH_GET_TOO_MANY = "Too many items requested for the BatchGetItem call"
# A WriteRequest holding neither or both of PutRequest and DeleteRequest.
BATCH_WRITE_REQUEST_NOT_ONE = ATTRIBUTE_VALUE_MANY_TYPES
TRANSACT_NOT_ONE_ACTION = "TransactItems can only contain one of Check, Put, Update or Delete"
# An action holding none of them (us-east-1 and DynamoDB Local; eu-west-2 has
# moved to a validation report naming 'transactItems').
TRANSACT_NO_ACTION = (
    "Invalid Request: TransactWriteRequest should contain Delete or Put or Update request"
)
TRANSACT_SAME_ITEM = "Transaction request cannot include multiple operations on one item"
TRANSACT_TOO_LARGE = "Transaction size has exceeded the maximum allowed size of 4 MB"
TRANSACTION_CANCELLED = (
    "Transaction cancelled, please refer cancellation reasons for specific reasons [{codes}]"
)
IDEMPOTENT_PARAMETER_MISMATCH = "Request with the same client token has different parameters"
