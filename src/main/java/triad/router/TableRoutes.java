package triad.router;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import triad.api.core.model.AttributeDefinition;
import triad.api.core.model.BillingModeSummary;
import triad.api.core.model.CreateTableInput;
import triad.api.core.model.CreateTableOutput;
import triad.api.core.model.DeleteTableInput;
import triad.api.core.model.DeleteTableOutput;
import triad.api.core.model.DescribeEndpointsResponse;
import triad.api.core.model.DescribeLimitsOutput;
import triad.api.core.model.DescribeTableInput;
import triad.api.core.model.DescribeTimeToLiveInput;
import triad.api.core.model.DescribeTimeToLiveOutput;
import triad.api.core.model.ListTagsOfResourceInput;
import triad.api.core.model.ListTagsOfResourceOutput;
import triad.api.core.model.Tag;
import triad.api.core.model.TagResourceInput;
import triad.api.core.model.TimeToLiveDescription;
import triad.api.core.model.TimeToLiveSpecification;
import triad.api.core.model.UntagResourceInput;
import triad.api.core.model.UpdateTimeToLiveInput;
import triad.api.core.model.UpdateTimeToLiveOutput;
import triad.api.core.model.DescribeTableOutput;
import triad.api.core.model.Endpoint;
import triad.api.core.model.GlobalSecondaryIndexDescription;
import triad.api.core.model.KeySchemaElement;
import triad.api.core.model.ListTablesInput;
import triad.api.core.model.ListTablesOutput;
import triad.api.core.model.LocalSecondaryIndexDescription;
import triad.api.core.model.Projection;
import triad.api.core.model.ProvisionedThroughputDescription;
import triad.api.core.model.TableClassSummary;
import triad.api.core.model.TableDescription;
import triad.api.core.model.UpdateTableInput;
import triad.api.core.model.UpdateTableOutput;
import triad.api.core.model.TableWarmThroughputDescription;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.metadata.TableAdmin;
import triad.metadata.TableAdmin.TableStats;
import triad.metadata.core.IndexDefinition;
import triad.metadata.core.TableDescriptor;
import triad.router.core.TableChecks;
import triad.router.core.TagChecks;

/** The control plane's API: table lifecycle requests, answered with DynamoDB's descriptions. */
final class TableRoutes {
  /** What a partition takes before it throttles (DynamoDB's per-partition limits). */
  private static final long PARTITION_READ_UNITS = 3000;
  private static final long PARTITION_WRITE_UNITS = 1000;
  private static final int LIST_TABLES_LIMIT_DEFAULT = 100;

  private final TableAdmin admin;
  private final String region;
  private final String accountId;
  private final String endpoint;
  private final int initialPartitions;
  private final int replicationFactor;
  private final int zones;
  private final SecureRandom ids = new SecureRandom();

  TableRoutes(TableAdmin admin, String region, String accountId, String endpoint, int initialPartitions, int replicationFactor, int zones) {
    this.admin = admin;
    this.region = region;
    this.accountId = accountId;
    this.endpoint = endpoint;
    this.initialPartitions = initialPartitions;
    this.replicationFactor = replicationFactor;
    this.zones = zones;
  }

  CompletionStage<Object> createTable(CreateTableInput in) {
    if (zones < replicationFactor) {
      throw new DbException(DbException.Kind.LIMIT_EXCEEDED, "This cluster has " + zones
          + " availability zones but tables need " + replicationFactor + " (one replica per zone); add nodes in more zones");
    }
    TableDescriptor draft = TableChecks.create(in, tableId(), admin.nowMillis(), initialPartitions);
    return admin.create(draft).thenApply(d -> CreateTableOutput.builder().tableDescription(description(d, new TableStats(0, 0))).build());
  }

  CompletionStage<Object> describeTable(DescribeTableInput in) {
    return admin.describe(in.tableName()).thenCompose(d -> admin.stats(d)
        .thenApply(s -> DescribeTableOutput.builder().table(description(d, s)).build()));
  }

  CompletionStage<Object> deleteTable(DeleteTableInput in) {
    return admin.delete(in.tableName()).thenApply(d -> DeleteTableOutput.builder().tableDescription(description(d, new TableStats(0, 0))).build());
  }

  CompletionStage<Object> updateTable(UpdateTableInput in) {
    return admin.describe(in.tableName()).thenCompose(d -> {
      if (d.status() != triad.metadata.core.TableStatus.ACTIVE) {
        throw DbException.inUse("Attempt to change a resource which is still in use: Table is being " + d.status().name().toLowerCase() + ": " + d.name());
      }
      TableDescriptor changed = TableChecks.update(in, d, admin.nowMillis());
      return admin.update(d, changed).thenCompose(u -> admin.stats(d)
          .thenApply(s -> UpdateTableOutput.builder().tableDescription(description(u, s)).build()));
    });
  }

  CompletionStage<Object> listTables(ListTablesInput in) {
    int limit = in.limit() == null ? LIST_TABLES_LIMIT_DEFAULT : in.limit();
    return admin.list().thenApply(all -> {
      List<String> names = new ArrayList<>();
      String last = null;
      for (TableDescriptor d : all) {
        if (in.exclusiveStartTableName() != null && d.name().compareTo(in.exclusiveStartTableName()) <= 0) {
          continue;
        }
        if (names.size() == limit) {
          last = names.get(names.size() - 1);
          break;
        }
        names.add(d.name());
      }
      return ListTablesOutput.builder().tableNames(names).lastEvaluatedTableName(last).build();
    });
  }

  CompletionStage<Object> tagResource(TagResourceInput in) {
    String name = tableOf(in.resourceArn());
    return admin.amend(name, d -> d.withTags(TagChecks.tagged(d.tags(), in.tags()))).thenApply(d -> RouterBehavior.NoOutput.INSTANCE);
  }

  CompletionStage<Object> untagResource(UntagResourceInput in) {
    String name = tableOf(in.resourceArn());
    return admin.amend(name, d -> d.withTags(TagChecks.untagged(d.tags(), in.tagKeys()))).thenApply(d -> RouterBehavior.NoOutput.INSTANCE);
  }

  CompletionStage<Object> listTagsOfResource(ListTagsOfResourceInput in) {
    String name = tableOf(in.resourceArn());
    return admin.describe(name).thenApply(d -> {
      List<Tag> tags = new ArrayList<>();
      d.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
      return ListTagsOfResourceOutput.builder().tags(tags).build();
    });
  }

  CompletionStage<Object> updateTimeToLive(UpdateTimeToLiveInput in) {
    TimeToLiveSpecification spec = in.timeToLiveSpecification();
    return admin.amend(in.tableName(), d -> {
      if (spec.enabled()) {
        if (d.ttlAttribute() != null) {
          throw DbException.validation(d.ttlAttribute().equals(spec.attributeName())
              ? "TimeToLive is already enabled" : "TimeToLive is active on a different AttributeName");
        }
        return d.withTtl(spec.attributeName());
      }
      if (d.ttlAttribute() == null) {
        throw DbException.validation("TimeToLive is already disabled");
      }
      if (!d.ttlAttribute().equals(spec.attributeName())) {
        throw DbException.validation("TimeToLive is active on a different AttributeName");
      }
      return d.withTtl(null);
    }).thenApply(d -> UpdateTimeToLiveOutput.builder().timeToLiveSpecification(spec).build());
  }

  CompletionStage<Object> describeTimeToLive(DescribeTimeToLiveInput in) {
    return admin.describe(in.tableName()).thenApply(d -> DescribeTimeToLiveOutput.builder()
        .timeToLiveDescription(d.ttlAttribute() == null
            ? TimeToLiveDescription.builder().timeToLiveStatus("DISABLED").build()
            : TimeToLiveDescription.builder().timeToLiveStatus("ENABLED").attributeName(d.ttlAttribute()).build())
        .build());
  }

  /** The table an ARN names, when it is a table of this region and account. */
  private String tableOf(String arn) {
    String prefix = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/";
    if (!arn.startsWith("arn:aws:dynamodb:") || !arn.contains(":table/")) {
      throw DbException.validation("Invalid TableArn: Invalid ResourceArn provided as input " + arn);
    }
    String name = arn.substring(arn.indexOf(":table/") + ":table/".length());
    if (!arn.startsWith(prefix) || name.isEmpty() || name.contains("/")) {
      throw DbException.notFound("Requested resource not found: ResourceArn: " + arn + " not found");
    }
    return name;
  }

  Object describeLimits() {
    return DescribeLimitsOutput.builder()
        .accountMaxReadCapacityUnits(80000L)
        .accountMaxWriteCapacityUnits(80000L)
        .tableMaxReadCapacityUnits(40000L)
        .tableMaxWriteCapacityUnits(40000L)
        .build();
  }

  Object describeEndpoints() {
    return DescribeEndpointsResponse.builder().endpoints(List.of(Endpoint.builder().address(endpoint).cachePeriodInMinutes(1440L).build())).build();
  }

  TableDescription description(TableDescriptor d, TableStats stats) {
    String arn = "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + d.name();
    boolean onDemand = d.billingMode().equals(TableDescriptor.PAY_PER_REQUEST);
    List<AttributeDefinition> defs = new ArrayList<>();
    d.attributeDefinitions().forEach((n, t) -> defs.add(AttributeDefinition.builder().attributeName(n).attributeType(t.name()).build()));
    List<LocalSecondaryIndexDescription> lsis = new ArrayList<>();
    List<GlobalSecondaryIndexDescription> gsis = new ArrayList<>();
    for (IndexDefinition i : d.indexes()) {
      Projection projection = Projection.builder().projectionType(i.projectionType())
          .nonKeyAttributes(i.nonKeyAttributes().isEmpty() ? null : i.nonKeyAttributes()).build();
      String indexArn = arn + "/index/" + i.name();
      if (i.global()) {
        gsis.add(GlobalSecondaryIndexDescription.builder()
            .indexName(i.name()).keySchema(keySchema(i.keySchema())).projection(projection).indexStatus("ACTIVE")
            .provisionedThroughput(throughput(0, 0, 0, i.readCapacityUnits(), i.writeCapacityUnits()))
            .indexSizeBytes(0L).itemCount(0L).indexArn(indexArn).build());
      } else {
        lsis.add(LocalSecondaryIndexDescription.builder()
            .indexName(i.name()).keySchema(keySchema(i.keySchema())).projection(projection)
            .indexSizeBytes(0L).itemCount(0L).indexArn(indexArn).build());
      }
    }
    return TableDescription.builder()
        .attributeDefinitions(defs)
        .tableName(d.name())
        .keySchema(keySchema(d.keySchema()))
        .tableStatus(d.status().name())
        .creationDateTime(Instant.ofEpochMilli(d.createdAtMillis()))
        .provisionedThroughput(throughput(d.lastIncreaseAtMillis(), d.lastDecreaseAtMillis(), d.decreasesToday(), d.readCapacityUnits(),
            d.writeCapacityUnits()))
        .tableSizeBytes(stats.sizeBytes())
        .itemCount(stats.itemCount())
        .tableArn(arn)
        .tableId(new UUID(d.tableId(), d.createdAtMillis()).toString())
        .billingModeSummary(onDemand || d.billingModeChangedAtMillis() != 0
            ? BillingModeSummary.builder().billingMode(d.billingMode())
                .lastUpdateToPayPerRequestDateTime(onDemand ? Instant.ofEpochMilli(d.billingModeChangedAtMillis()) : null).build()
            : null)
        .localSecondaryIndexes(lsis.isEmpty() ? null : lsis)
        .globalSecondaryIndexes(gsis.isEmpty() ? null : gsis)
        .tableClassSummary(d.tableClass().equals("STANDARD") ? null : TableClassSummary.builder().tableClass(d.tableClass()).build())
        .deletionProtectionEnabled(d.deletionProtection())
        .warmThroughput(TableWarmThroughputDescription.builder()
            .readUnitsPerSecond(PARTITION_READ_UNITS * d.partitions().size())
            .writeUnitsPerSecond(PARTITION_WRITE_UNITS * d.partitions().size())
            .status("ACTIVE").build())
        .build();
  }

  private static ProvisionedThroughputDescription throughput(long increase, long decrease, int decreases, long rcu, long wcu) {
    return ProvisionedThroughputDescription.builder()
        .lastIncreaseDateTime(increase == 0 ? null : Instant.ofEpochMilli(increase))
        .lastDecreaseDateTime(decrease == 0 ? null : Instant.ofEpochMilli(decrease))
        .numberOfDecreasesToday((long) decreases)
        .readCapacityUnits(rcu)
        .writeCapacityUnits(wcu)
        .build();
  }

  private static List<KeySchemaElement> keySchema(KeySchema k) {
    List<KeySchemaElement> out = new ArrayList<>();
    out.add(KeySchemaElement.builder().attributeName(k.partitionKey()).keyType("HASH").build());
    if (k.hasSortKey()) {
      out.add(KeySchemaElement.builder().attributeName(k.sortKey()).keyType("RANGE").build());
    }
    return out;
  }

  /** Never 0, which the catalog reserves for itself. */
  private long tableId() {
    long id;
    do {
      id = ids.nextLong();
    } while (id == 0);
    return id;
  }
}
