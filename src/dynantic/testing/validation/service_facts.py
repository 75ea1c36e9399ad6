"""What the service does with constraints that its model does not say.

The model gives the constraints; these tables give the order in which the
service lists what fails, and which operations check a parameter ahead of the
rest with a text of their own. They were observed on the live service (as
recorded by dynalite, which was tested against it). Shapes and operations
missing here are reported in the model's own order.
"""

from __future__ import annotations

__all__ = [
    "BYTE_LENGTH_SHAPES",
    "ENUMS_ALONE",
    "ENUM_ORDER",
    "JAVA_FIELDS_SHAPES",
    "JAVA_OBJECT_SHAPES",
    "MAP_KEYS_ALONE",
    "MEMBER_ORDER",
    "NEWER_ENUM_FIRST",
    "NEWER_ITEM_WRITES",
    "OWN_ENUM_SHAPES",
    "OWN_LENGTH_SHAPES",
    "OWN_REQUIRED_MEMBERS",
    "REQUEST_ITEMS_FIRST",
    "RESOURCE_ARN_FIRST",
    "SERVICE_MIN_LENGTHS",
    "TABLE_NAME_FIRST",
    "TABLE_NAME_LENGTH_GENERIC",
    "TABLE_NAME_MEMBER",
    "TABLE_NAME_OR_ARN_SHAPE",
    "TABLE_NAME_SHAPE",
]

MEMBER_ORDER: dict[str, tuple[str, ...]] = {
    # Request shapes: the order in which their members' failures are listed.
    # BatchGetItem lists a bad table name in RequestItems before an unknown
    # ReturnConsumedCapacity (paritysuite validation-ordering/batchOperations,
    # us-east-1 and eu-west-2, 2026-10).
    "BatchGetItemInput": ("RequestItems", "ReturnConsumedCapacity"),
    "BatchWriteItemInput": (
        "ReturnConsumedCapacity",
        "ReturnItemCollectionMetrics",
        "RequestItems",
    ),
    "CreateTableInput": (
        "AttributeDefinitions",
        "TableName",
        "BillingMode",
        "ProvisionedThroughput",
        "KeySchema",
        # The global indexes' failures come first, whatever order the request
        # lists the two kinds in (public captures, eu-west-2 and us-east-1,
        # 2026-10).
        "GlobalSecondaryIndexes",
        "LocalSecondaryIndexes",
    ),
    "DeleteItemInput": (
        "ReturnConsumedCapacity",
        "TableName",
        "ReturnValues",
        "ReturnItemCollectionMetrics",
        "Key",
        "ConditionalOperator",
        "Expected",
        "ConditionExpression",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
    ),
    "GetItemInput": (
        "ReturnConsumedCapacity",
        "AttributesToGet",
        "TableName",
        "Key",
        "ConsistentRead",
        "ProjectionExpression",
        "ExpressionAttributeNames",
    ),
    "ListTablesInput": ("Limit", "ExclusiveStartTableName"),
    "PutItemInput": (
        "ReturnConsumedCapacity",
        "TableName",
        "Item",
        "ConditionalOperator",
        "Expected",
        "ReturnValues",
        "ReturnItemCollectionMetrics",
        "ConditionExpression",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
    ),
    "QueryInput": (
        "Select",
        "IndexName",
        "ReturnConsumedCapacity",
        "QueryFilter",
        "TableName",
        "ConditionalOperator",
        "AttributesToGet",
        "Limit",
        "KeyConditions",
        "ExclusiveStartKey",
        "ConsistentRead",
        "ScanIndexForward",
        "KeyConditionExpression",
        "FilterExpression",
        "ProjectionExpression",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
    ),
    "ScanInput": (
        "Select",
        "IndexName",
        "TotalSegments",
        "ReturnConsumedCapacity",
        "TableName",
        "ConditionalOperator",
        "ScanFilter",
        "Segment",
        "Limit",
        "AttributesToGet",
        "ExclusiveStartKey",
        "FilterExpression",
        "ProjectionExpression",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
    ),
    "UpdateItemInput": (
        "ReturnConsumedCapacity",
        "TableName",
        "ReturnItemCollectionMetrics",
        "ReturnValues",
        # A ConditionalOperator outside its enum is listed before a missing Key
        # (public captures, eu-west-2 and us-east-1, 2026-10).
        "ConditionalOperator",
        "Key",
        "Expected",
        "AttributeUpdates",
        "ConditionExpression",
        "UpdateExpression",
        "ExpressionAttributeValues",
        "ExpressionAttributeNames",
    ),
    # The live service lists a too long token before an unknown
    # ReturnConsumedCapacity (public captures, us-east-1, 2026-10); where
    # TransactItems falls among them is not on record.
    "TransactWriteItemsInput": (
        "TransactItems",
        "ClientRequestToken",
        "ReturnConsumedCapacity",
        "ReturnItemCollectionMetrics",
    ),
    "UpdateTableInput": (
        "TableName",
        "ProvisionedThroughput",
        "BillingMode",
        "GlobalSecondaryIndexUpdates",
    ),
    # Shapes inside requests.
    "AttributeValue": ("S", "B", "N", "BOOL", "NULL", "BS", "NS", "SS", "L", "M"),
    "CreateGlobalSecondaryIndexAction": (
        "Projection",
        "IndexName",
        "ProvisionedThroughput",
        "KeySchema",
    ),
    "ExpectedAttributeValue": ("AttributeValueList", "ComparisonOperator", "Exists", "Value"),
    "GlobalSecondaryIndexUpdate": ("Update", "Create", "Delete"),
    "ProvisionedThroughput": ("WriteCapacityUnits", "ReadCapacityUnits"),
    "WriteRequest": ("DeleteRequest", "PutRequest"),
}

ENUM_ORDER: dict[str, tuple[str, ...]] = {
    # Enum shapes whose values the service lists in another order than the model.
    "ComparisonOperator": (
        "IN",
        "NULL",
        "BETWEEN",
        "LT",
        "NOT_CONTAINS",
        "EQ",
        "GT",
        "NOT_NULL",
        "NE",
        "LE",
        "BEGINS_WITH",
        "GE",
        "CONTAINS",
    ),
    "ConditionalOperator": ("OR", "AND"),
    "ProjectionType": ("ALL", "INCLUDE", "KEYS_ONLY"),
    "ReturnValue": ("ALL_NEW", "UPDATED_OLD", "ALL_OLD", "NONE", "UPDATED_NEW"),
    "ScalarAttributeType": ("B", "N", "S"),
    "Select": ("SPECIFIC_ATTRIBUTES", "COUNT", "ALL_ATTRIBUTES", "ALL_PROJECTED_ATTRIBUTES"),
    # CreateTable's answer to a lowercase view type (aws-controllers-k8s/dynamodb-controller
    # docs/api-quirks DDB-TABLE-035, probed against AWS 2026-10-08).
    "StreamViewType": ("OLD_IMAGE", "KEYS_ONLY", "NEW_AND_OLD_IMAGES", "NEW_IMAGE"),
}

OWN_ENUM_SHAPES: frozenset[str] = frozenset(
    # Enum shapes the generic check leaves alone: the operations taking them
    # refuse another value in their own words. TableClass: "Invalid table-class
    # parameter provided. …" from CreateTable and UpdateTable (quoted by
    # ScyllaDB's Alternator suite, test_tableclass.py, run against the service).
    {"TableClass"}
)

BYTE_LENGTH_SHAPES: frozenset[str] = frozenset(
    # String shapes whose maximum length the service counts in UTF-8 bytes, and
    # reports in a map's keys or values in words of its own: "Attribute name is
    # too large, must be less than 65536 bytes", for a 65,536-byte name at the
    # top of an item, as a nested map key, in an update's value or through
    # ExpressionAttributeNames (ExtendDB issue 365, measured against the
    # service 2026-09-16; a 65,535-byte nested key is accepted).
    {"AttributeName"}
)

OWN_LENGTH_SHAPES: frozenset[str] = frozenset(
    # String shapes whose lengths the generic check leaves alone: the operations
    # refuse them in their own words. A tag key of 129 characters or one of 257
    # for a value reads "The Tag Key provided is invalid, Key: …" / "The Tag Value
    # provided is invalid, Value: …" in CreateTable, TagResource and
    # UntagResource (the ack-api-quirks DynamoDB catalogue, DDB-TABLE-107 and
    # DDB-TABLE-110, live 2026-10).
    {"TagKeyString", "TagValueString"}
)

OWN_REQUIRED_MEMBERS: dict[str, frozenset[str]] = {
    # Required members the generic check leaves alone, for the same reason: a tag
    # without its key or value reads "… Key: null" / "… Value: null" (the same
    # catalogue, DDB-TABLE-107 and its service-wide error taxonomy).
    "Tag": frozenset({"Key", "Value"}),
}

SERVICE_MIN_LENGTHS: dict[str, int] = {
    # String shapes the service holds to a minimum length the model does not
    # state, reported by the generic check like the model's own: an empty
    # KMSMasterKeyId in CreateTable's or UpdateTable's SSESpecification reads
    # "Value '' at 'sSESpecification.kMSMasterKeyId' failed to satisfy
    # constraint: Member must have length greater than or equal to 1" (the
    # ack-api-quirks DynamoDB catalogue, DDB-TABLE-457, live 2026-10).
    "KMSMasterKeyId": 1,
}

JAVA_OBJECT_SHAPES: frozenset[str] = frozenset(
    # Structures that a failure message shows as Java objects (class@hash), and the
    # maps and lists holding them in Java's own rendering ({table=[…, …]}) rather
    # than as JSON: the elements of BatchWriteItem's RequestItems and of the
    # transactions' TransactItems. Seen in the live service's answers.
    {"WriteRequest", "TransactWriteItem", "TransactGetItem"}
)

JAVA_FIELDS_SHAPES: dict[str, tuple[str, ...]] = {
    # Of those, the structures shown with their fields, Name(member=value, …),
    # each member named in lower camel case in the model's order, then the
    # service's own fields the model lacks, always null; a structure inside
    # them that is not listed here (an AttributeValue) is shown as class@hash:
    # '{t=[WriteRequest(putRequest=PutRequest(item={pk=com.amazonaws.dynamodb.
    # v20120810.AttributeValue@483470e1}, workloadProfileName=null),
    # deleteRequest=null)]}' (paritysuite's weekly eu-west-2 captures and
    # error-messages/batchWriteItem.test.ts, us-east-1 and eu-west-2, 2026-10).
    # DeleteRequest's own field is inferred from PutRequest's.
    "WriteRequest": (),
    "PutRequest": ("workloadProfileName",),
    "DeleteRequest": ("workloadProfileName",),
}

MAP_KEYS_ALONE: frozenset[str] = frozenset(
    # Maps whose bad keys are reported only when nothing else in the request
    # fails: BatchWriteItem answers an unknown ReturnConsumedCapacity alone
    # beside a malformed table name, where BatchGetItem lists both
    # (paritysuite validation-ordering/batchOperations, us-east-1 and
    # eu-west-2, 2026-10).
    {"BatchWriteItemRequestMap"}
)

TABLE_NAME_FIRST: frozenset[str] = frozenset(
    # Operations that check TableName before anything else, each failure alone
    # and in its own words: missing, or a name outside 3..255 characters.
    {
        "CreateTable",
        "DeleteTable",
        "DescribeTable",
        "DescribeTimeToLive",
        "UpdateTable",
        "UpdateTimeToLive",
    }
)

TABLE_NAME_LENGTH_GENERIC: frozenset[str] = frozenset(
    # Of those, the ones whose name length the generic constraint check judges
    # (with the bounds 3..255, not the ARN-wide model's): CreateTable of 'ab'
    # reads "Value 'ab' at 'tableName' ... greater than or equal to 3" live
    # (paritysuite captures/cross-region-latest.json, s_ct_table_short).
    {"CreateTable"}
)

REQUEST_ITEMS_FIRST: frozenset[str] = frozenset(
    # Operations that refuse an empty RequestItems map in their own words
    # before anything else is checked.
    {"BatchGetItem", "BatchWriteItem"}
)

NEWER_ENUM_FIRST: dict[str, tuple[str, frozenset[str]]] = {
    # Operations that check one enum member before anything else and refuse a
    # value outside it alone, in the newer validation's words (see
    # ``messages.NEWER_ENUM_FIRST``): the member and the values it takes.
    "Query": ("ConditionalOperator", frozenset({"AND", "OR"})),
}

ENUMS_ALONE: dict[str, tuple[str, ...]] = {
    # Operations that check these enum members next, one at a time in this
    # order, and refuse the first value outside its enum alone, in the older
    # per-value words: a Query with both wrong names ReturnConsumedCapacity
    # alone (ExtendDB's handle_query, measured in us-east-1 2026-08-24), where
    # Scan lists both, Select first.
    "Query": ("ReturnConsumedCapacity", "Select"),
}

NEWER_ITEM_WRITES: dict[str, bool] = {
    # Operations the newer validation words in part (see messages
    # EMPTY_TABLE_NAME_REPORTED and RETURN_VALUES_REPORTED), and whether a
    # ReturnValues outside its enum is then reported alone: UpdateItem's is,
    # PutItem's and DeleteItem's are listed with the rest. An UpdateItem
    # without a Key is still worded wholly in the older form.
    "PutItem": False,
    "DeleteItem": False,
    "UpdateItem": True,
}

RESOURCE_ARN_FIRST: frozenset[str] = frozenset(
    # Operations that answer "Invalid TableArn" when ResourceArn is missing.
    {"ListTagsOfResource", "TagResource", "UntagResource"}
)

TABLE_NAME_OR_ARN_SHAPE = "TableArn"
"""The shape of parameters that take a table's name or its ARN.

A ``TableName`` member or a ``RequestItems`` key of this shape that does not
start with ``arn:`` is a table name, held to :data:`TABLE_NAME_SHAPE`'s
constraints (3 to 255 characters of ``[a-zA-Z0-9_.-]``) rather than to the
ARN's 1 to 1024 characters.
"""

TABLE_NAME_SHAPE = "TableName"
"""The model's shape for a plain table name."""

TABLE_NAME_MEMBER = "TableName"
"""The member that names a request's table."""
