package triad.router;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import triad.api.core.model.BatchGetItemInput;
import triad.api.core.model.BatchGetItemOutput;
import triad.api.core.model.BatchWriteItemInput;
import triad.api.core.model.BatchWriteItemOutput;
import triad.api.core.model.ConsumedCapacity;
import triad.api.core.model.DeleteItemInput;
import triad.api.core.model.DeleteItemOutput;
import triad.api.core.model.GetItemInput;
import triad.api.core.model.GetItemOutput;
import triad.api.core.model.ItemCollectionMetrics;
import triad.api.core.model.KeysAndAttributes;
import triad.api.core.model.PutItemInput;
import triad.api.core.model.PutItemOutput;
import triad.api.core.model.QueryInput;
import triad.api.core.model.QueryOutput;
import triad.api.core.model.ScanInput;
import triad.api.core.model.ScanOutput;
import triad.api.core.model.UpdateItemInput;
import triad.api.core.model.UpdateItemOutput;
import triad.api.core.model.WriteRequest;
import triad.item.core.AttributeValue;
import triad.item.core.Capacity;
import triad.item.core.DbException;
import triad.item.core.PartitionHash;
import triad.item.core.PrimaryKey;
import triad.metadata.core.PartitionDescriptor;
import triad.metadata.core.TableDescriptor;
import triad.replication.PartitionClient;
import triad.replication.ReplicaBehavior;
import triad.replication.ReplicaBehavior.Reply;
import triad.router.core.KeyChecks;
import triad.router.core.RequestChecks;
import triad.router.core.RequestChecks.Compiled;
import triad.storage.core.Expr;
import triad.storage.core.PageReader;
import triad.storage.core.ReadOp;
import triad.storage.core.WriteOp;

/**
 * The data plane of a request router: validates each item request against its table, finds the
 * partition by the key's hash, and forwards to the partition's replica (the leader for writes and
 * strongly consistent reads).
 */
final class ItemRoutes {
  // Like DynamoDB, requests are checked against their table only once it is known to exist.

  /** DynamoDB's BatchGetItem response budget. */
  private static final long BATCH_GET_BYTES_MAX = 16L * 1024 * 1024;

  private final Tables tables;
  private final PartitionClient partitions;
  private final List<String> members;

  ItemRoutes(Tables tables, PartitionClient partitions, List<String> members) {
    this.tables = tables;
    this.partitions = partitions;
    this.members = List.copyOf(members);
  }

  /** Fails with {@code invalid}, but only after every table the request names is found. */
  CompletionStage<Object> afterTables(Object input, DbException invalid) {
    List<String> names = switch (input) {
      case PutItemInput in -> List.of(in.tableName());
      case GetItemInput in -> List.of(in.tableName());
      case UpdateItemInput in -> List.of(in.tableName());
      case DeleteItemInput in -> List.of(in.tableName());
      case QueryInput in -> List.of(in.tableName());
      case ScanInput in -> List.of(in.tableName());
      case BatchGetItemInput in -> List.copyOf(in.requestItems().keySet());
      case BatchWriteItemInput in -> List.copyOf(in.requestItems().keySet());
      default -> List.of();
    };
    CompletableFuture<?>[] lookups = names.stream().map(n -> tables.active(n).toCompletableFuture()).toArray(CompletableFuture[]::new);
    return CompletableFuture.allOf(lookups).thenApply(x -> {
      throw invalid;
    });
  }

  // ---- single items ----

  CompletionStage<Object> putItem(PutItemInput in) {
    return tables.active(in.tableName()).thenCompose(d -> {
      Compiled c = RequestChecks.put(in);
      PrimaryKey key = KeyChecks.itemKey(in.item(), d.keySchema());
      KeyChecks.itemSize(in.item());
      WriteOp op = new WriteOp.Put(key, in.item(), c.expr(), c.returnValues(), c.returnOldOnFailure());
      return write(in.tableName(), d, key, op).thenApply(w -> PutItemOutput.builder()
          .attributes(w.returned())
          .consumedCapacity(writeCapacity(in.returnConsumedCapacity(), d, w))
          .itemCollectionMetrics(collectionMetrics(in.returnItemCollectionMetrics(), d, key, w))
          .build());
    });
  }

  CompletionStage<Object> deleteItem(DeleteItemInput in) {
    return tables.active(in.tableName()).thenCompose(d -> {
      Compiled c = RequestChecks.delete(in);
      PrimaryKey key = KeyChecks.key(in.key(), d.keySchema());
      WriteOp op = new WriteOp.Delete(key, c.expr(), c.returnValues(), c.returnOldOnFailure());
      return write(in.tableName(), d, key, op).thenApply(w -> DeleteItemOutput.builder()
          .attributes(w.returned())
          .consumedCapacity(writeCapacity(in.returnConsumedCapacity(), d, w))
          .itemCollectionMetrics(collectionMetrics(in.returnItemCollectionMetrics(), d, key, w))
          .build());
    });
  }

  CompletionStage<Object> updateItem(UpdateItemInput in) {
    return tables.active(in.tableName()).thenCompose(d -> {
      Compiled c = RequestChecks.update(in);
      PrimaryKey key = KeyChecks.key(in.key(), d.keySchema());
      RequestChecks.updateLeavesKeyAlone(c, d.keySchema());
      WriteOp op = new WriteOp.Update(key, c.expr(), c.returnValues(), c.returnOldOnFailure());
      return write(in.tableName(), d, key, op).thenApply(w -> UpdateItemOutput.builder()
          .attributes(w.returned())
          .consumedCapacity(writeCapacity(in.returnConsumedCapacity(), d, w))
          .itemCollectionMetrics(collectionMetrics(in.returnItemCollectionMetrics(), d, key, w))
          .build());
    });
  }

  CompletionStage<Object> getItem(GetItemInput in) {
    boolean consistent = Boolean.TRUE.equals(in.consistentRead());
    return tables.active(in.tableName()).thenCompose(d -> {
      Compiled c = RequestChecks.get(in.projectionExpression(), in.attributesToGet(), in.expressionAttributeNames());
      PrimaryKey key = KeyChecks.key(in.key(), d.keySchema());
      ReadOp.Get get = new ReadOp.Get(key, consistent, c.expr());
      return read(in.tableName(), d, partitionOf(d, key.partition()), get).thenApply(reply -> {
        ReplicaBehavior.Got g = (ReplicaBehavior.Got) reply;
        return GetItemOutput.builder()
            .item(g.item())
            .consumedCapacity(capacity(in.returnConsumedCapacity(), d, g.capacityUnits()))
            .build();
      });
    });
  }

  private CompletionStage<ReplicaBehavior.Written> write(String table, TableDescriptor d, PrimaryKey key, WriteOp op) {
    PartitionDescriptor p = partitionOf(d, key.partition());
    return partitions.toLeader(p.partitionId(), members, PartitionClient.Kind.WRITE, r -> new ReplicaBehavior.Write(d.tableId(), op, r))
        .thenCompose(reply -> {
          if (staleTable(reply)) {
            return tables.refreshed(table).thenCompose(fresh -> fresh.tableId() == d.tableId()
                ? CompletableFuture.failedFuture(Tables.notFound())
                : write(table, fresh, key, op));
          }
          return CompletableFuture.completedFuture(switch (reply) {
            case ReplicaBehavior.Written w -> w;
            case ReplicaBehavior.ConditionFailed f ->
                throw new DbException(DbException.Kind.CONDITIONAL_CHECK_FAILED, "The conditional request failed", f.item());
            default -> throw failure(reply);
          });
        });
  }

  private CompletionStage<Reply> read(String table, TableDescriptor d, PartitionDescriptor p, ReadOp op) {
    Function<ActorRef<Reply>, ReplicaBehavior.Command> message = r -> new ReplicaBehavior.Read(d.tableId(), op, r);
    CompletionStage<Reply> answer = op.consistent()
        ? partitions.toLeader(p.partitionId(), members, PartitionClient.Kind.READ, message)
        : partitions.toNearest(p.partitionId(), members, message);
    return answer.thenCompose(reply -> {
      if (staleTable(reply)) {
        return tables.refreshed(table).thenCompose(fresh -> fresh.tableId() == d.tableId()
            ? CompletableFuture.failedFuture(Tables.notFound())
            : read(table, fresh, partitionOf(fresh, p, op), op));
      }
      if (reply instanceof ReplicaBehavior.Got || reply instanceof ReplicaBehavior.Paged) {
        return CompletableFuture.completedFuture(reply);
      }
      throw failure(reply);
    });
  }

  /** The same hash range in a re-created table (same name, new partitions). */
  private static PartitionDescriptor partitionOf(TableDescriptor fresh, PartitionDescriptor old, ReadOp op) {
    for (PartitionDescriptor p : fresh.partitions()) {
      if (p.contains(old.hashStart())) {
        return p;
      }
    }
    return fresh.partitions().get(0);
  }

  private static boolean staleTable(Reply reply) {
    return reply instanceof ReplicaBehavior.Rejected r && r.kind() == DbException.Kind.RESOURCE_NOT_FOUND;
  }

  static DbException failure(Reply reply) {
    return switch (reply) {
      case ReplicaBehavior.Rejected r -> new DbException(r.kind(), r.message());
      case ReplicaBehavior.NotLeader n -> DbException.unavailable("The partition is electing a leader; retry the request");
      default -> new DbException(DbException.Kind.INTERNAL_SERVER_ERROR, "Internal server error");
    };
  }

  private static PartitionDescriptor partitionOf(TableDescriptor d, AttributeValue partitionKey) {
    return d.partitionFor(PartitionHash.of(partitionKey));
  }

  // ---- Query and Scan ----

  CompletionStage<Object> query(QueryInput in) {
    return tables.active(in.tableName()).thenCompose(d -> {
      RequestChecks.Query q = RequestChecks.query(in, d);
      PartitionDescriptor p = partitionOf(d, q.partitionValue());
      ReadOp.QueryPage page = new ReadOp.QueryPage(q.expr(), q.index(), !Boolean.FALSE.equals(in.scanIndexForward()), q.exclusiveStart(),
          q.limit(), PageReader.PAGE_BYTES_MAX, q.countOnly(), q.fetchItems(), q.consistent());
      return read(in.tableName(), d, p, page).thenApply(reply -> {
        ReplicaBehavior.Paged paged = (ReplicaBehavior.Paged) reply;
        return QueryOutput.builder()
            .items(q.countOnly() ? null : paged.items())
            .count(paged.count())
            .scannedCount(paged.scanned())
            .lastEvaluatedKey(q.mayContinueAfter(paged.lastEvaluatedKey(), !Boolean.FALSE.equals(in.scanIndexForward()))
                ? paged.lastEvaluatedKey() : null)
            .consumedCapacity(capacity(in.returnConsumedCapacity(), d, q.index(), Capacity.read(paged.bytesRead(), q.consistent())))
            .build();
      });
    });
  }

  CompletionStage<Object> scan(ScanInput in) {
    return tables.active(in.tableName()).thenCompose(d -> {
      RequestChecks.Scan s = RequestChecks.scan(in, d);
      List<PartitionDescriptor> ranges = new ArrayList<>();
      for (PartitionDescriptor p : d.partitions()) {
        long start = Long.compareUnsigned(p.hashStart(), s.hashStart()) > 0 ? p.hashStart() : s.hashStart();
        long end = Long.compareUnsigned(p.hashEnd(), s.hashEnd()) < 0 ? p.hashEnd() : s.hashEnd();
        if (Long.compareUnsigned(start, end) <= 0) {
          ranges.add(new PartitionDescriptor(p.partitionId(), start, end));
        }
      }
      int first = 0;
      if (s.exclusiveStart() != null) {
        long h = PartitionHash.prefix(PartitionHash.of(s.exclusiveStart().get(d.keySchema().partitionKey())));
        while (first < ranges.size() && !ranges.get(first).contains(h)) {
          first++;
        }
      }
      ScanState state = new ScanState(s.limit());
      return scanFrom(in.tableName(), d, s, ranges, first, s.exclusiveStart(), state).thenApply(done -> ScanOutput.builder()
          .items(s.countOnly() ? null : state.items)
          .count(state.count)
          .scannedCount(state.scanned)
          .lastEvaluatedKey(state.last)
          .consumedCapacity(capacity(in.returnConsumedCapacity(), d, s.index(), Capacity.read(state.bytes, s.consistent())))
          .build());
    });
  }

  /** What a Scan gathered so far across partitions: it shares one Limit and one 1 MB budget. */
  private static final class ScanState {
    final List<Map<String, AttributeValue>> items = new ArrayList<>();
    final int limit;
    int count;
    int scanned;
    long bytes;
    Map<String, AttributeValue> last;

    ScanState(int limit) {
      this.limit = limit;
    }
  }

  private CompletionStage<Void> scanFrom(String table, TableDescriptor d, RequestChecks.Scan s, List<PartitionDescriptor> ranges, int i,
      Map<String, AttributeValue> start, ScanState state) {
    if (i >= ranges.size()) {
      return CompletableFuture.completedFuture(null);
    }
    PartitionDescriptor r = ranges.get(i);
    int remaining = state.limit == 0 ? 0 : state.limit - state.scanned;
    ReadOp.ScanPage page = new ReadOp.ScanPage(r.hashStart(), r.hashEnd(), s.index(), s.expr(), start, remaining,
        PageReader.PAGE_BYTES_MAX - state.bytes, s.countOnly(), s.fetchItems(), s.consistent());
    return read(table, d, r, page).thenCompose(reply -> {
      ReplicaBehavior.Paged paged = (ReplicaBehavior.Paged) reply;
      state.items.addAll(paged.items());
      state.count += paged.count();
      state.scanned += paged.scanned();
      state.bytes += paged.bytesRead();
      if (paged.lastEvaluatedKey() != null) {
        state.last = paged.lastEvaluatedKey();
        return CompletableFuture.completedFuture(null);
      }
      return scanFrom(table, d, s, ranges, i + 1, null, state);
    });
  }

  // ---- batches ----

  CompletionStage<Object> batchGetItem(BatchGetItemInput in) {
    Map<String, KeysAndAttributes> requested = in.requestItems();
    RequestChecks.batchGet(requested);
    List<CompletableFuture<TableDescriptor>> lookups = new ArrayList<>();
    List<String> names = new ArrayList<>(requested.keySet());
    for (String name : names) {
      lookups.add(tables.active(name).toCompletableFuture());
    }
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenCompose(x -> {
      record Pending(String table, TableDescriptor d, Map<String, AttributeValue> key, CompletableFuture<Reply> reply) {}
      List<Pending> pending = new ArrayList<>();
      for (int t = 0; t < names.size(); t++) {
        String name = names.get(t);
        TableDescriptor d = lookups.get(t).join();
        KeysAndAttributes ka = requested.get(name);
        Compiled c = RequestChecks.get(ka.projectionExpression(), ka.attributesToGet(), ka.expressionAttributeNames());
        boolean consistent = Boolean.TRUE.equals(ka.consistentRead());
        Set<PrimaryKey> seen = new HashSet<>();
        List<PrimaryKey> keys = new ArrayList<>();
        for (Map<String, AttributeValue> k : ka.keys()) {
          PrimaryKey key = KeyChecks.key(k, d.keySchema());
          if (!seen.add(key)) {
            throw DbException.validation("Provided list of item keys contains duplicates");
          }
          keys.add(key);
        }
        for (int k = 0; k < keys.size(); k++) {
          PrimaryKey key = keys.get(k);
          pending.add(new Pending(name, d, ka.keys().get(k),
              read(name, d, partitionOf(d, key.partition()), new ReadOp.Get(key, consistent, c.expr())).toCompletableFuture()));
        }
      }
      return CompletableFuture.allOf(pending.stream().map(Pending::reply).toArray(CompletableFuture[]::new)).thenApply(y -> {
        Map<String, List<Map<String, AttributeValue>>> responses = new LinkedHashMap<>();
        Map<String, List<Map<String, AttributeValue>>> unprocessedKeys = new LinkedHashMap<>();
        Map<String, Double> units = new LinkedHashMap<>();
        long bytes = 0;
        for (String name : names) {
          responses.put(name, new ArrayList<>());
        }
        for (Pending p : pending) {
          ReplicaBehavior.Got g = (ReplicaBehavior.Got) p.reply().join();
          units.merge(p.table(), g.capacityUnits(), Double::sum);
          if (g.item() == null) {
            continue;
          }
          long size = triad.item.core.ItemSize.of(g.item());
          if (bytes + size > BATCH_GET_BYTES_MAX) {
            unprocessedKeys.computeIfAbsent(p.table(), n -> new ArrayList<>()).add(p.key());
            continue;
          }
          bytes += size;
          responses.get(p.table()).add(g.item());
        }
        Map<String, KeysAndAttributes> unprocessed = new LinkedHashMap<>();
        unprocessedKeys.forEach((table, keys) -> {
          KeysAndAttributes ka = requested.get(table);
          unprocessed.put(table, KeysAndAttributes.builder().keys(keys).attributesToGet(ka.attributesToGet()).consistentRead(ka.consistentRead())
              .projectionExpression(ka.projectionExpression()).expressionAttributeNames(ka.expressionAttributeNames()).build());
        });
        return BatchGetItemOutput.builder()
            .responses(responses)
            .unprocessedKeys(unprocessed)
            .consumedCapacity(capacities(in.returnConsumedCapacity(), lookups, names, units))
            .build();
      });
    });
  }

  CompletionStage<Object> batchWriteItem(BatchWriteItemInput in) {
    Map<String, List<WriteRequest>> requested = in.requestItems();
    RequestChecks.batchWrite(requested);
    List<String> names = new ArrayList<>(requested.keySet());
    List<CompletableFuture<TableDescriptor>> lookups = new ArrayList<>();
    for (String name : names) {
      lookups.add(tables.active(name).toCompletableFuture());
    }
    return CompletableFuture.allOf(lookups.toArray(CompletableFuture[]::new)).thenCompose(x -> {
      record Planned(String table, TableDescriptor d, PrimaryKey key, WriteOp op) {}
      List<Planned> planned = new ArrayList<>();
      for (int t = 0; t < names.size(); t++) {
        String name = names.get(t);
        TableDescriptor d = lookups.get(t).join();
        Set<PrimaryKey> seen = new HashSet<>();
        for (WriteRequest w : requested.get(name)) {
          PrimaryKey key;
          WriteOp op;
          if (w.putRequest() != null) {
            Map<String, AttributeValue> item = w.putRequest().item();
            key = KeyChecks.itemKey(item, d.keySchema());
            KeyChecks.itemSize(item);
            op = new WriteOp.Put(key, item, Expr.NONE, "NONE", false);
          } else {
            key = KeyChecks.key(w.deleteRequest().key(), d.keySchema());
            op = new WriteOp.Delete(key, Expr.NONE, "NONE", false);
          }
          if (!seen.add(key)) {
            throw DbException.validation("Provided list of item keys contains duplicates");
          }
          planned.add(new Planned(name, d, key, op));
        }
      }
      List<CompletableFuture<ReplicaBehavior.Written>> writes = new ArrayList<>();
      for (Planned p : planned) {
        writes.add(write(p.table(), p.d(), p.key(), p.op()).toCompletableFuture());
      }
      return CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).thenApply(y -> {
        Map<String, Double> units = new LinkedHashMap<>();
        for (int i = 0; i < planned.size(); i++) {
          ReplicaBehavior.Written w = writes.get(i).join();
          units.merge(planned.get(i).table(), w.capacityUnits() + w.indexUnits().values().stream().mapToDouble(Double::doubleValue).sum(),
              Double::sum);
        }
        return BatchWriteItemOutput.builder()
            .unprocessedItems(new LinkedHashMap<>())
            .consumedCapacity(capacities(in.returnConsumedCapacity(), lookups, names, units))
            .build();
      });
    });
  }

  // ---- capacity ----

  /** A write's capacity: the table's and each local index's it changed. */
  static ConsumedCapacity writeCapacity(String mode, TableDescriptor d, ReplicaBehavior.Written w) {
    if (mode == null || mode.equals("NONE")) {
      return null;
    }
    double indexes = w.indexUnits().values().stream().mapToDouble(Double::doubleValue).sum();
    ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(d.name()).capacityUnits(w.capacityUnits() + indexes);
    if (mode.equals("INDEXES")) {
      b.table(triad.api.core.model.Capacity.builder().capacityUnits(w.capacityUnits()).build());
      if (!w.indexUnits().isEmpty()) {
        Map<String, triad.api.core.model.Capacity> lsis = new LinkedHashMap<>();
        w.indexUnits().forEach((ix, u) -> lsis.put(ix, triad.api.core.model.Capacity.builder().capacityUnits(u).build()));
        b.localSecondaryIndexes(lsis);
      }
    }
    return b.build();
  }

  /** ReturnItemCollectionMetrics SIZE: only tables with local indexes have item collections. */
  static ItemCollectionMetrics collectionMetrics(String mode, TableDescriptor d, PrimaryKey key, ReplicaBehavior.Written w) {
    if (!"SIZE".equals(mode) || w.collectionBytes() < 0) {
      return null;
    }
    double gb = Math.floor(w.collectionBytes() / (double) (1L << 30));
    return ItemCollectionMetrics.builder()
        .itemCollectionKey(Map.of(d.keySchema().partitionKey(), key.partition()))
        .sizeEstimateRangeGB(List.of(gb, gb + 1))
        .build();
  }

  static ConsumedCapacity capacity(String mode, TableDescriptor d, double units) {
    return capacity(mode, d, null, units);
  }

  /** {@code index}: the local index a read used, which is charged instead of the table. */
  static ConsumedCapacity capacity(String mode, TableDescriptor d, String index, double units) {
    if (mode == null || mode.equals("NONE")) {
      return null;
    }
    ConsumedCapacity.Builder b = ConsumedCapacity.builder().tableName(d.name()).capacityUnits(units);
    if (mode.equals("INDEXES")) {
      triad.api.core.model.Capacity c = triad.api.core.model.Capacity.builder().capacityUnits(units).build();
      if (index == null) {
        b.table(c);
      } else {
        b.localSecondaryIndexes(Map.of(index, c));
      }
    }
    return b.build();
  }

  private static List<ConsumedCapacity> capacities(String mode, List<CompletableFuture<TableDescriptor>> lookups, List<String> names,
      Map<String, Double> units) {
    if (mode == null || mode.equals("NONE")) {
      return null;
    }
    List<ConsumedCapacity> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(capacity(mode, lookups.get(i).join(), units.getOrDefault(names.get(i), 0.0)));
    }
    return out;
  }
}
