package triad.metadata.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.item.core.AttributeValue;
import triad.item.core.AttributeValue.M;
import triad.item.core.AttributeValue.S;
import triad.item.core.KeySchema;
import triad.item.core.Num;
import triad.item.core.ScalarType;

/**
 * Table descriptors as items of the catalog table, which lives in a system partition replicated
 * and journaled like user data. Plain attributes (no opaque blobs) keep the catalog readable.
 */
public final class CatalogCodec {
  /** The catalog's own table: one partition covering the hash space, key "name". */
  public static final String CATALOG_TABLE = "triad.catalog";
  public static final long CATALOG_TABLE_ID = 0L;
  public static final String CATALOG_PARTITION_ID = "catalog";
  public static final KeySchema CATALOG_KEY = KeySchema.hashOnly("name", ScalarType.S);

  private CatalogCodec() {}

  public static PartitionDescriptor catalogPartition() {
    return new PartitionDescriptor(CATALOG_PARTITION_ID, 0L, -1L);
  }

  public static Map<String, AttributeValue> toItem(TableDescriptor d) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("name", new S(d.name()));
    m.put("tableId", num(d.tableId()));
    m.put("version", num(d.version()));
    m.put("status", new S(d.status().name()));
    m.put("key", keySchema(d.keySchema()));
    Map<String, AttributeValue> defs = new LinkedHashMap<>();
    d.attributeDefinitions().forEach((k, v) -> defs.put(k, new S(v.name())));
    m.put("attributes", new M(defs));
    m.put("billingMode", new S(d.billingMode()));
    m.put("rcu", num(d.readCapacityUnits()));
    m.put("wcu", num(d.writeCapacityUnits()));
    List<AttributeValue> idx = new ArrayList<>();
    for (IndexDefinition i : d.indexes()) {
      Map<String, AttributeValue> im = new LinkedHashMap<>();
      im.put("name", new S(i.name()));
      im.put("global", AttributeValue.bool(i.global()));
      im.put("key", keySchema(i.keySchema()));
      im.put("projection", new S(i.projectionType()));
      im.put("nonKey", new AttributeValue.L(i.nonKeyAttributes().stream().map(a -> (AttributeValue) new S(a)).toList()));
      im.put("rcu", num(i.readCapacityUnits()));
      im.put("wcu", num(i.writeCapacityUnits()));
      idx.add(new M(im));
    }
    m.put("indexes", new AttributeValue.L(idx));
    List<AttributeValue> parts = new ArrayList<>();
    for (PartitionDescriptor p : d.partitions()) {
      Map<String, AttributeValue> pm = new LinkedHashMap<>();
      pm.put("id", new S(p.partitionId()));
      pm.put("start", num(p.hashStart()));
      pm.put("end", num(p.hashEnd()));
      parts.add(new M(pm));
    }
    m.put("partitions", new AttributeValue.L(parts));
    m.put("createdAt", num(d.createdAtMillis()));
    m.put("billingModeChangedAt", num(d.billingModeChangedAtMillis()));
    m.put("lastIncreaseAt", num(d.lastIncreaseAtMillis()));
    m.put("lastDecreaseAt", num(d.lastDecreaseAtMillis()));
    m.put("decreasesToday", num(d.decreasesToday()));
    m.put("deletionProtection", AttributeValue.bool(d.deletionProtection()));
    m.put("tableClass", new S(d.tableClass()));
    Map<String, AttributeValue> tags = new LinkedHashMap<>();
    d.tags().forEach((k, v) -> tags.put(k, new S(v)));
    m.put("tags", new M(tags));
    if (d.ttlAttribute() != null) {
      m.put("ttl", new S(d.ttlAttribute()));
    }
    return m;
  }

  public static TableDescriptor fromItem(Map<String, AttributeValue> m) {
    Map<String, ScalarType> defs = new LinkedHashMap<>();
    ((M) m.get("attributes")).value().forEach((k, v) -> defs.put(k, ScalarType.valueOf(str(v))));
    List<IndexDefinition> indexes = new ArrayList<>();
    for (AttributeValue v : ((AttributeValue.L) m.get("indexes")).value()) {
      Map<String, AttributeValue> im = ((M) v).value();
      indexes.add(new IndexDefinition(
          str(im.get("name")),
          ((AttributeValue.Bool) im.get("global")).value(),
          keySchema(im.get("key")),
          str(im.get("projection")),
          ((AttributeValue.L) im.get("nonKey")).value().stream().map(CatalogCodec::str).toList(),
          lng(im.get("rcu")),
          lng(im.get("wcu"))));
    }
    List<PartitionDescriptor> partitions = new ArrayList<>();
    for (AttributeValue v : ((AttributeValue.L) m.get("partitions")).value()) {
      Map<String, AttributeValue> pm = ((M) v).value();
      partitions.add(new PartitionDescriptor(str(pm.get("id")), lng(pm.get("start")), lng(pm.get("end"))));
    }
    return new TableDescriptor(
        str(m.get("name")),
        lng(m.get("tableId")),
        lng(m.get("version")),
        TableStatus.valueOf(str(m.get("status"))),
        keySchema(m.get("key")),
        defs,
        str(m.get("billingMode")),
        lng(m.get("rcu")),
        lng(m.get("wcu")),
        indexes,
        partitions,
        lng(m.get("createdAt")),
        lng(m.get("billingModeChangedAt")),
        lng(m.get("lastIncreaseAt")),
        lng(m.get("lastDecreaseAt")),
        (int) lng(m.get("decreasesToday")),
        ((AttributeValue.Bool) m.get("deletionProtection")).value(),
        str(m.get("tableClass")),
        tags(m.get("tags")),
        m.containsKey("ttl") ? str(m.get("ttl")) : null);
  }

  private static Map<String, String> tags(AttributeValue v) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (v != null) {
      ((M) v).value().forEach((k, t) -> tags.put(k, str(t)));
    }
    return tags;
  }

  private static AttributeValue keySchema(KeySchema k) {
    Map<String, AttributeValue> m = new LinkedHashMap<>();
    m.put("hash", new S(k.partitionKey()));
    m.put("hashType", new S(k.partitionKeyType().name()));
    if (k.hasSortKey()) {
      m.put("range", new S(k.sortKey()));
      m.put("rangeType", new S(k.sortKeyType().name()));
    }
    return new M(m);
  }

  private static KeySchema keySchema(AttributeValue v) {
    Map<String, AttributeValue> m = ((M) v).value();
    return new KeySchema(
        str(m.get("hash")),
        ScalarType.valueOf(str(m.get("hashType"))),
        m.containsKey("range") ? str(m.get("range")) : null,
        m.containsKey("rangeType") ? ScalarType.valueOf(str(m.get("rangeType"))) : null);
  }

  private static AttributeValue num(long v) {
    return new AttributeValue.N(Num.of(v));
  }

  private static long lng(AttributeValue v) {
    return ((AttributeValue.N) v).value().bigDecimal().longValueExact();
  }

  private static String str(AttributeValue v) {
    return ((S) v).value();
  }
}
