package triad.bench;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * The measured operations, all on one table keyed (pk S, sk S). GetItem, eventually or strongly
 * consistent, reads a preloaded key space; Query reads one preloaded item collection of
 * {@link #COLLECTION_ITEMS} items.
 */
enum Workload {
  PUT("PutItem"),
  GET("GetItem"),
  GET_STRONG("GetItem strong"),
  QUERY("Query");

  static final String TABLE = "bench";
  static final int GET_KEYS = 5_000;
  static final int COLLECTIONS = 500;
  static final int COLLECTION_ITEMS = 10;
  /** PutItem spreads over this many keys: first inserts, then overwrites, as a live table sees. */
  static final int PUT_KEYS = 100_000;

  final String operation;

  Workload(String operation) {
    this.operation = operation;
  }

  static Workload named(String name) {
    for (Workload w : values()) {
      if (w.name().replace('_', '-').equalsIgnoreCase(name) || w.operation.equalsIgnoreCase(name)) {
        return w;
      }
    }
    throw new IllegalArgumentException("unknown workload " + name + " (put, get, get-strong, query)");
  }

  /** One request; an exception is an error. */
  void run(DynamoDbClient client, String payload) {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    switch (this) {
      case PUT -> client.putItem(b -> b.tableName(TABLE).item(item("p" + r.nextInt(PUT_KEYS), "0", payload)));
      case GET, GET_STRONG -> {
        boolean strong = this == GET_STRONG;
        if (!client.getItem(b -> b.tableName(TABLE).key(key("g" + r.nextInt(GET_KEYS), "0")).consistentRead(strong)).hasItem()) {
          throw new IllegalStateException("preloaded item missing");
        }
      }
      case QUERY -> {
        String pk = "q" + r.nextInt(COLLECTIONS);
        int count = client.query(b -> b.tableName(TABLE).keyConditionExpression("pk = :pk")
            .expressionAttributeValues(Map.of(":pk", s(pk)))).count();
        if (count != COLLECTION_ITEMS) {
          throw new IllegalStateException("collection " + pk + " has " + count + " items");
        }
      }
    }
  }

  /** The workload whose preloaded items this one reads: both kinds of GetItem read the same. */
  Workload dataSet() {
    return this == GET_STRONG ? GET : this;
  }

  /** The items this workload reads, written once per server before any measurement. */
  int preloadCount() {
    return switch (this) {
      case PUT -> 0;
      case GET, GET_STRONG -> GET_KEYS;
      case QUERY -> COLLECTIONS * COLLECTION_ITEMS;
    };
  }

  void preload(DynamoDbClient client, int i, String payload) {
    switch (this) {
      case PUT -> throw new IllegalStateException("PutItem reads nothing");
      case GET, GET_STRONG -> client.putItem(b -> b.tableName(TABLE).item(item("g" + i, "0", payload)));
      case QUERY -> client.putItem(b -> b.tableName(TABLE)
          .item(item("q" + i / COLLECTION_ITEMS, String.format("%02d", i % COLLECTION_ITEMS), payload)));
    }
  }

  /** Creates the table and waits until it is ACTIVE. */
  static void createTable(DynamoDbClient client) {
    requestTable(client);
    client.waiter().waitUntilTableExists(b -> b.tableName(TABLE));
  }

  /** CreateTable of the table: answered, not necessarily ACTIVE yet. */
  static void requestTable(DynamoDbClient client) {
    client.createTable(b -> b.tableName(TABLE)
        .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
            KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build())
        .attributeDefinitions(
            AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
            AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
        .billingMode(BillingMode.PAY_PER_REQUEST));
  }

  /** A payload that brings the item to about {@code itemBytes} (keys and names take ~15 bytes). */
  static String payload(int itemBytes) {
    return "x".repeat(Math.max(1, itemBytes - 15));
  }

  private static Map<String, AttributeValue> item(String pk, String sk, String payload) {
    Map<String, AttributeValue> item = new HashMap<>(key(pk, sk));
    item.put("v", s(payload));
    return item;
  }

  private static Map<String, AttributeValue> key(String pk, String sk) {
    return Map.of("pk", s(pk), "sk", s(sk));
  }

  private static AttributeValue s(String v) {
    return AttributeValue.builder().s(v).build();
  }
}
