package triad.router.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import triad.api.core.model.AttributeDefinition;
import triad.api.core.model.CreateTableInput;
import triad.api.core.model.KeySchemaElement;
import triad.api.core.model.LocalSecondaryIndex;
import triad.api.core.model.Projection;
import triad.api.core.model.ProvisionedThroughput;
import triad.item.core.DbException;
import triad.item.core.ScalarType;
import triad.metadata.core.TableDescriptor;
import triad.metadata.core.TableStatus;

class TableChecksTest {

  static KeySchemaElement key(String name, String type) {
    return KeySchemaElement.builder().attributeName(name).keyType(type).build();
  }

  static AttributeDefinition def(String name, String type) {
    return AttributeDefinition.builder().attributeName(name).attributeType(type).build();
  }

  static CreateTableInput.Builder table() {
    return CreateTableInput.builder().tableName("t1")
        .keySchema(List.of(key("pk", "HASH"), key("sk", "RANGE")))
        .attributeDefinitions(List.of(def("pk", "S"), def("sk", "N")))
        .billingMode("PAY_PER_REQUEST");
  }

  static String message(CreateTableInput in) {
    return assertThrows(DbException.class, () -> TableChecks.create(in, 1, 0, 2)).getMessage();
  }

  @Test
  void aValidTableBecomesACreatingDescriptor() {
    TableDescriptor d = TableChecks.create(table().build(), 9, 1000, 3);
    assertEquals(TableStatus.CREATING, d.status());
    assertEquals(ScalarType.N, d.keySchema().sortKeyType());
    assertEquals(3, d.partitions().size());
    assertEquals(1000, d.billingModeChangedAtMillis());
    assertEquals(0, d.readCapacityUnits());
  }

  @Test
  void keySchemaAndDefinitionsMustAgree() {
    assertEquals("One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: [pk, sk, x], keys used: [pk, sk]",
        message(table().attributeDefinitions(List.of(def("pk", "S"), def("sk", "N"), def("x", "S"))).build()));
    assertEquals("Hash Key not specified in Attribute Definitions.  Type unknown.",
        message(table().attributeDefinitions(List.of(def("sk", "N"))).build()));
    assertEquals("No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key",
        message(table().keySchema(List.of(key("pk", "RANGE"))).build()));
    assertEquals("Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key",
        message(table().keySchema(List.of(key("pk", "HASH"), key("sk", "HASH"))).build()));
    assertEquals("Cannot have two attributes with the same name",
        message(table().attributeDefinitions(List.of(def("pk", "S"), def("pk", "N"))).build()));
  }

  @Test
  void billingModeAndThroughputMustAgree() {
    ProvisionedThroughput pt = ProvisionedThroughput.builder().readCapacityUnits(1L).writeCapacityUnits(1L).build();
    assertTrue(message(table().provisionedThroughput(pt).build()).contains("PAY_PER_REQUEST"));
    assertEquals("No provisioned throughput specified for the table", message(table().billingMode(null).build()));
    assertEquals(1, TableChecks.create(table().billingMode(null).provisionedThroughput(pt).build(), 1, 0, 1).readCapacityUnits());
  }

  @Test
  void localIndexesNeedTheTablesHashKeyAndARangeKey() {
    LocalSecondaryIndex good = LocalSecondaryIndex.builder().indexName("byX").keySchema(List.of(key("pk", "HASH"), key("x", "RANGE")))
        .projection(Projection.builder().projectionType("KEYS_ONLY").build()).build();
    CreateTableInput in = table().attributeDefinitions(List.of(def("pk", "S"), def("sk", "N"), def("x", "S"))).localSecondaryIndexes(List.of(good)).build();
    assertEquals(1, TableChecks.create(in, 1, 0, 1).indexes().size());
    LocalSecondaryIndex wrongHash = LocalSecondaryIndex.builder().indexName("byX").keySchema(List.of(key("x", "HASH"), key("sk", "RANGE")))
        .projection(Projection.builder().projectionType("ALL").build()).build();
    assertTrue(message(table().attributeDefinitions(List.of(def("pk", "S"), def("sk", "N"), def("x", "S"))).localSecondaryIndexes(List.of(wrongHash)).build())
        .contains("does not have the same leading hash key"));
  }

  @Test
  void parametersNotBuiltYetAreRefusedNotIgnored() {
    assertTrue(message(table().onDemandThroughput(triad.api.core.model.OnDemandThroughput.builder().maxReadRequestUnits(5L).build()).build())
        .contains("OnDemandThroughput"));
  }

  @Test
  void tagsGivenAtCreationAreKept() {
    TableDescriptor d = TableChecks.create(table().tags(List.of(triad.api.core.model.Tag.builder().key("k").value("v").build())).build(), 1, 0, 1);
    assertEquals(java.util.Map.of("k", "v"), d.tags());
  }
}
