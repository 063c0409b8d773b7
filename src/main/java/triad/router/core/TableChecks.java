package triad.router.core;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import triad.api.core.model.AttributeDefinition;
import triad.api.core.model.CreateTableInput;
import triad.api.core.model.GlobalSecondaryIndex;
import triad.api.core.model.KeySchemaElement;
import triad.api.core.model.LocalSecondaryIndex;
import triad.api.core.model.Projection;
import triad.api.core.model.ProvisionedThroughput;
import triad.api.core.model.UpdateTableInput;
import triad.item.core.DbException;
import triad.item.core.KeySchema;
import triad.item.core.ScalarType;
import triad.metadata.core.IndexDefinition;
import triad.metadata.core.TableDescriptor;
import triad.metadata.core.TableStatus;

/** CreateTable and UpdateTable checked as DynamoDB checks them, into a table descriptor. */
public final class TableChecks {
  public static final int LOCAL_INDEXES_MAX = 5;
  public static final int GLOBAL_INDEXES_MAX = 20;
  public static final int PROJECTED_ATTRIBUTES_MAX = 100;

  private TableChecks() {}

  /** The new table's descriptor, status CREATING, version 1. */
  public static TableDescriptor create(CreateTableInput in, long tableId, long nowMillis, int partitions) {
    List<String> missing = new ArrayList<>();
    if (in.attributeDefinitions() == null) {
      missing.add("Value null at 'attributeDefinitions' failed to satisfy constraint: Member must not be null");
    }
    if (in.keySchema() == null) {
      missing.add("Value null at 'keySchema' failed to satisfy constraint: Member must not be null");
    }
    if (!missing.isEmpty()) {
      throw DbException.validation(missing.size() + " validation error" + (missing.size() > 1 ? "s" : "") + " detected: " + String.join("; ", missing));
    }
    if (in.attributeDefinitions().isEmpty()) {
      throw DbException.validation("No Attribute Schema Defined");
    }
    unsupported(in.streamSpecification() != null && Boolean.TRUE.equals(in.streamSpecification().streamEnabled()), "StreamSpecification");
    unsupported(in.sseSpecification() != null && Boolean.TRUE.equals(in.sseSpecification().enabled()), "SSESpecification");
    unsupported(in.resourcePolicy() != null, "ResourcePolicy");
    unsupported(in.onDemandThroughput() != null, "OnDemandThroughput");
    unsupported(in.globalTableSourceArn() != null, "GlobalTableSourceArn");
    unsupported(in.globalTableSettingsReplicationMode() != null, "GlobalTableSettingsReplicationMode");
    unsupported(in.warmThroughput() != null, "WarmThroughput");
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    for (AttributeDefinition a : in.attributeDefinitions()) {
      if (defs.put(a.attributeName(), ScalarType.valueOf(a.attributeType())) != null) {
        throw DbException.validation("Cannot have two attributes with the same name");
      }
    }
    KeySchema key = keySchema(in.keySchema(), defs, null);
    Set<String> used = new TreeSet<>(keyNames(key));
    String billing = in.billingMode() == null ? TableDescriptor.PROVISIONED : in.billingMode();
    ProvisionedThroughput pt = in.provisionedThroughput();
    checkThroughput(billing, pt, null);
    List<IndexDefinition> indexes = new ArrayList<>();
    Set<String> indexNames = new HashSet<>();
    int projected = 0;
    if (in.localSecondaryIndexes() != null) {
      if (!key.hasSortKey()) {
        throw DbException.validation("One or more parameter values were invalid: Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex");
      }
      if (in.localSecondaryIndexes().size() > LOCAL_INDEXES_MAX) {
        throw DbException.validation("One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds per-table limit of " + LOCAL_INDEXES_MAX);
      }
      for (LocalSecondaryIndex l : in.localSecondaryIndexes()) {
        uniqueIndex(indexNames, l.indexName());
        KeySchema ik = keySchema(l.keySchema(), defs, l.indexName());
        if (!ik.partitionKey().equals(key.partitionKey())) {
          throw DbException.validation("One or more parameter values were invalid: Index KeySchema does not have the same leading hash key as table KeySchema for index: "
              + l.indexName() + ". index hash key: " + ik.partitionKey() + ", table hash key: " + key.partitionKey());
        }
        if (!ik.hasSortKey()) {
          throw DbException.validation("One or more parameter values were invalid: Index KeySchema must have a range key for index: " + l.indexName());
        }
        used.addAll(keyNames(ik));
        projected += projection(l.projection(), l.indexName());
        indexes.add(new IndexDefinition(l.indexName(), false, ik, l.projection().projectionType(), nonKey(l.projection()), 0, 0));
      }
    }
    if (in.globalSecondaryIndexes() != null) {
      if (in.globalSecondaryIndexes().size() > GLOBAL_INDEXES_MAX) {
        throw DbException.validation("One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the per-table limit of " + GLOBAL_INDEXES_MAX);
      }
      for (GlobalSecondaryIndex g : in.globalSecondaryIndexes()) {
        uniqueIndex(indexNames, g.indexName());
        KeySchema ik = keySchema(g.keySchema(), defs, g.indexName());
        used.addAll(keyNames(ik));
        projected += projection(g.projection(), g.indexName());
        checkThroughput(billing, g.provisionedThroughput(), g.indexName());
        long r = g.provisionedThroughput() == null ? 0 : g.provisionedThroughput().readCapacityUnits();
        long w = g.provisionedThroughput() == null ? 0 : g.provisionedThroughput().writeCapacityUnits();
        indexes.add(new IndexDefinition(g.indexName(), true, ik, g.projection().projectionType(), nonKey(g.projection()), r, w));
      }
    }
    if (projected > PROJECTED_ATTRIBUTES_MAX) {
      throw DbException.validation("One or more parameter values were invalid: Number of projected attributes in all indexes exceeds limit of "
          + PROJECTED_ATTRIBUTES_MAX + ", number of projected attributes: " + projected);
    }
    if (!used.equals(new TreeSet<>(defs.keySet()))) {
      throw DbException.validation("One or more parameter values were invalid: Some AttributeDefinitions are not used. AttributeDefinitions: "
          + new TreeSet<>(defs.keySet()) + ", keys used: " + used);
    }
    long rcu = pt == null || billing.equals(TableDescriptor.PAY_PER_REQUEST) ? 0 : pt.readCapacityUnits();
    long wcu = pt == null || billing.equals(TableDescriptor.PAY_PER_REQUEST) ? 0 : pt.writeCapacityUnits();
    return new TableDescriptor(in.tableName(), tableId, 1, TableStatus.CREATING, key, defs, billing, rcu, wcu, indexes,
        TableDescriptor.evenPartitions(tableId, partitions), nowMillis, billing.equals(TableDescriptor.PAY_PER_REQUEST) ? nowMillis : 0,
        0, 0, 0, Boolean.TRUE.equals(in.deletionProtectionEnabled()), in.tableClass() == null ? "STANDARD" : in.tableClass(),
        in.tags() == null ? Map.of() : TagChecks.tagged(Map.of(), in.tags()), null);
  }

  /** The descriptor after an UpdateTable of billing mode, throughput or deletion protection. */
  public static TableDescriptor update(UpdateTableInput in, TableDescriptor d, long nowMillis) {
    unsupported(in.attributeDefinitions() != null, "AttributeDefinitions");
    unsupported(in.globalSecondaryIndexUpdates() != null, "GlobalSecondaryIndexUpdates");
    unsupported(in.streamSpecification() != null, "StreamSpecification");
    unsupported(in.sseSpecification() != null, "SSESpecification");
    unsupported(in.replicaUpdates() != null, "ReplicaUpdates");
    unsupported(in.multiRegionConsistency() != null, "MultiRegionConsistency");
    unsupported(in.globalTableWitnessUpdates() != null, "GlobalTableWitnessUpdates");
    unsupported(in.onDemandThroughput() != null, "OnDemandThroughput");
    unsupported(in.warmThroughput() != null, "WarmThroughput");
    unsupported(in.globalTableSettingsReplicationMode() != null, "GlobalTableSettingsReplicationMode");
    TableDescriptor next = d;
    boolean changed = false;
    if (in.billingMode() != null || in.provisionedThroughput() != null) {
      String billing = in.billingMode() == null ? d.billingMode() : in.billingMode();
      ProvisionedThroughput pt = in.provisionedThroughput();
      if (billing.equals(TableDescriptor.PROVISIONED) && pt == null && d.billingMode().equals(TableDescriptor.PAY_PER_REQUEST)) {
        throw DbException.validation("One or more parameter values were invalid: ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
      }
      checkThroughput(billing, pt, null);
      long rcu = billing.equals(TableDescriptor.PAY_PER_REQUEST) ? 0 : pt == null ? d.readCapacityUnits() : pt.readCapacityUnits();
      long wcu = billing.equals(TableDescriptor.PAY_PER_REQUEST) ? 0 : pt == null ? d.writeCapacityUnits() : pt.writeCapacityUnits();
      if (billing.equals(d.billingMode()) && rcu == d.readCapacityUnits() && wcu == d.writeCapacityUnits()) {
        if (pt != null) {
          throw DbException.validation("The provisioned throughput for the table will not change. The requested value equals the current value. Current ReadCapacityUnits provisioned for the table: "
              + d.readCapacityUnits() + ". Requested ReadCapacityUnits: " + rcu + ". Current WriteCapacityUnits provisioned for the table: "
              + d.writeCapacityUnits() + ". Requested WriteCapacityUnits: " + wcu + ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request higher limits.");
        }
      } else {
        boolean increase = rcu > d.readCapacityUnits() || wcu > d.writeCapacityUnits();
        boolean decrease = rcu < d.readCapacityUnits() || wcu < d.writeCapacityUnits();
        next = next.withCapacity(billing, rcu, wcu,
            billing.equals(d.billingMode()) ? d.billingModeChangedAtMillis() : nowMillis,
            increase && billing.equals(TableDescriptor.PROVISIONED) ? nowMillis : d.lastIncreaseAtMillis(),
            decrease && billing.equals(TableDescriptor.PROVISIONED) ? nowMillis : d.lastDecreaseAtMillis(),
            d.decreasesToday() + (decrease && billing.equals(TableDescriptor.PROVISIONED) ? 1 : 0));
        changed = true;
      }
    }
    if (in.deletionProtectionEnabled() != null && in.deletionProtectionEnabled() != d.deletionProtection()) {
      next = next.withDeletionProtection(in.deletionProtectionEnabled());
      changed = true;
    }
    if (in.tableClass() != null && !in.tableClass().equals(d.tableClass())) {
      next = next.withTableClass(in.tableClass());
      changed = true;
    }
    if (!changed) {
      throw DbException.validation("At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
    }
    return next;
  }

  /** Never silently ignore a parameter: what is not built yet is refused, saying so. */
  private static void unsupported(boolean given, String parameter) {
    if (given) {
      throw DbException.validation(parameter + " is not supported by this TriadDB version yet");
    }
  }

  private static KeySchema keySchema(List<KeySchemaElement> elements, Map<String, ScalarType> defs, String index) {
    KeySchemaElement hash = null;
    KeySchemaElement range = null;
    int hashes = 0;
    for (KeySchemaElement e : elements) {
      if (e.keyType().equals("HASH")) {
        hashes++;
        hash = e;
      } else {
        range = e;
      }
    }
    if (hashes > 1) {
      throw DbException.validation("Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key");
    }
    if (hash == null) {
      throw DbException.validation("No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key");
    }
    if (elements.size() == 2 && range == null) {
      throw DbException.validation("Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key");
    }
    if (elements.get(0) != hash) {
      throw DbException.validation("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
    }
    if (range != null && range.attributeName().equals(hash.attributeName())) {
      throw DbException.validation("Both the Hash Key and the Range Key element in the KeySchema have the same name");
    }
    ScalarType hashType = defs.get(hash.attributeName());
    if (hashType == null) {
      throw DbException.validation(index == null
          ? "Hash Key not specified in Attribute Definitions.  Type unknown."
          : "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: ["
              + hash.attributeName() + "], AttributeDefinitions: " + defs.keySet());
    }
    ScalarType rangeType = null;
    if (range != null) {
      rangeType = defs.get(range.attributeName());
      if (rangeType == null) {
        throw DbException.validation(index == null
            ? "Range Key not specified in Attribute Definitions.  Type unknown."
            : "One or more parameter values were invalid: Some index key attributes are not defined in AttributeDefinitions. Keys: ["
                + range.attributeName() + "], AttributeDefinitions: " + defs.keySet());
      }
    }
    return new KeySchema(hash.attributeName(), hashType, range == null ? null : range.attributeName(), rangeType);
  }

  private static List<String> keyNames(KeySchema k) {
    return k.hasSortKey() ? List.of(k.partitionKey(), k.sortKey()) : List.of(k.partitionKey());
  }

  private static void uniqueIndex(Set<String> names, String name) {
    if (!names.add(name)) {
      throw DbException.validation("One or more parameter values were invalid: Duplicate index name: " + name);
    }
  }

  private static int projection(Projection p, String index) {
    String type = p.projectionType() == null ? "INCLUDE" : p.projectionType();
    List<String> nonKey = p.nonKeyAttributes();
    if (!type.equals("INCLUDE") && nonKey != null) {
      throw DbException.validation("One or more parameter values were invalid: ProjectionType is " + type + ", but NonKeyAttributes is specified");
    }
    if (type.equals("INCLUDE") && (nonKey == null || nonKey.isEmpty())) {
      throw DbException.validation("One or more parameter values were invalid: NonKeyAttributes must not be empty when ProjectionType is INCLUDE for index: " + index);
    }
    return nonKey == null ? 0 : nonKey.size();
  }

  private static List<String> nonKey(Projection p) {
    return p.nonKeyAttributes() == null ? List.of() : p.nonKeyAttributes();
  }

  private static void checkThroughput(String billing, ProvisionedThroughput pt, String index) {
    if (billing.equals(TableDescriptor.PAY_PER_REQUEST)) {
      if (pt != null) {
        throw DbException.validation(index == null
            ? "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST"
            : "One or more parameter values were invalid: ProvisionedThroughput should not be specified for index: " + index + " when BillingMode is PAY_PER_REQUEST");
      }
    } else if (pt == null) {
      throw DbException.validation(index == null
          ? "No provisioned throughput specified for the table"
          : "One or more parameter values were invalid: ProvisionedThroughput must be specified for index: " + index);
    }
  }
}
