// The AWS SDK for JavaScript v3 against the endpoint: node js_sdk_client.cjs <sdk folder> <url>
// Prints one JSON document: what each call answered, or the error it raised.
"use strict";
const sdk = require(process.argv[2]);
const client = new sdk.DynamoDBClient({
  endpoint: process.argv[3],
  region: "us-east-1",
  credentials: { accessKeyId: "x", secretAccessKey: "x" },
  maxAttempts: 1,
});

async function outcome(command) {
  try {
    const answer = await client.send(command);
    delete answer.$metadata;
    return { answer };
  } catch (error) {
    return {
      error: error.name,
      message: error.message,
      status: error.$metadata && error.$metadata.httpStatusCode,
      reasons: error.CancellationReasons,
      item: error.Item,
    };
  }
}

function blobs(key, value) {
  // Uint8Array as a plain list of bytes, so the answer prints as JSON.
  return value instanceof Uint8Array ? Array.from(value) : value;
}

async function main() {
  const table = "orders";
  const key = { pk: { S: "a" }, sk: { N: "1" } };
  const results = {};
  results.create = await outcome(new sdk.CreateTableCommand({
    TableName: table,
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    AttributeDefinitions: [
      { AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" },
    ],
    BillingMode: "PAY_PER_REQUEST",
  }));
  results.put = await outcome(new sdk.PutItemCommand({
    TableName: table,
    Item: {
      ...key,
      b: { B: new Uint8Array([0, 1, 254]) },
      n: { N: "1.50" },
      m: { M: { l: { L: [{ NULL: true }, { SS: ["x", "y"] }] } } },
    },
  }));
  results.get = await outcome(new sdk.GetItemCommand({ TableName: table, Key: key }));
  results.batch = await outcome(new sdk.BatchWriteItemCommand({
    RequestItems: {
      [table]: [2, 3, 4].map((i) => ({ PutRequest: { Item: { pk: { S: "a" }, sk: { N: String(i) } } } })),
    },
  }));
  results.query = await outcome(new sdk.QueryCommand({
    TableName: table,
    KeyConditionExpression: "pk = :p AND sk > :s",
    ExpressionAttributeValues: { ":p": { S: "a" }, ":s": { N: "1" } },
    ScanIndexForward: false,
    Limit: 2,
    ReturnConsumedCapacity: "TOTAL",
  }));
  results.update = await outcome(new sdk.UpdateItemCommand({
    TableName: table,
    Key: key,
    UpdateExpression: "ADD n :one",
    ExpressionAttributeValues: { ":one": { N: "1" } },
    ReturnValues: "UPDATED_NEW",
  }));
  results.conditionFailed = await outcome(new sdk.DeleteItemCommand({
    TableName: table,
    Key: key,
    ConditionExpression: "n < :low",
    ExpressionAttributeValues: { ":low": { N: "0" } },
    ReturnValuesOnConditionCheckFailure: "ALL_OLD",
  }));
  results.cancelled = await outcome(new sdk.TransactWriteItemsCommand({
    TransactItems: [
      { ConditionCheck: { TableName: table, Key: key, ConditionExpression: "attribute_not_exists(pk)" } },
      { Put: { TableName: table, Item: { pk: { S: "z" }, sk: { N: "1" } } } },
    ],
  }));
  results.missingTable = await outcome(new sdk.GetItemCommand({ TableName: "nowhere", Key: key }));
  results.invalid = await outcome(new sdk.PutItemCommand({ TableName: table, Item: { pk: { S: "" }, sk: { N: "1" } } }));
  process.stdout.write(JSON.stringify(results, blobs));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack));
  process.exit(1);
});
