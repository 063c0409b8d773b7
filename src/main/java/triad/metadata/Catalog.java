package triad.metadata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import triad.item.core.AttributeValue;
import triad.item.core.DbException;
import triad.item.core.PrimaryKey;
import triad.metadata.core.CatalogCodec;
import triad.metadata.core.TableDescriptor;
import triad.replication.PartitionSpec;
import triad.replication.ReplicaBehavior;
import triad.replication.PartitionClient;
import triad.storage.core.Expr;
import triad.storage.core.ReadOp;
import triad.storage.core.WriteOp;

/**
 * The authority on tables: descriptors stored as items of the catalog table, in a system
 * partition that is replicated and journaled like any other. Every change is a conditional
 * write, so concurrent control-plane requests on one table serialize in the catalog's log.
 */
public final class Catalog {
  private static final long PAGE_BYTES = 1024 * 1024;

  private final PartitionClient partitions;
  private final List<String> members;

  public Catalog(PartitionClient partitions, List<String> members) {
    this.partitions = partitions;
    this.members = List.copyOf(members);
  }

  public PartitionSpec spec() {
    return new PartitionSpec(CatalogCodec.CATALOG_TABLE, CatalogCodec.CATALOG_TABLE_ID, CatalogCodec.CATALOG_KEY, List.of(),
        CatalogCodec.catalogPartition(), members);
  }

  /** The table's descriptor, or null when there is no such table. */
  public CompletionStage<TableDescriptor> get(String name) {
    ReadOp.Get get = new ReadOp.Get(key(name), true, Expr.NONE);
    return partitions.toLeader(CatalogCodec.CATALOG_PARTITION_ID, members, PartitionClient.Kind.READ, r -> new ReplicaBehavior.Read(CatalogCodec.CATALOG_TABLE_ID, get, r))
        .thenApply(reply -> switch (reply) {
          case ReplicaBehavior.Got g -> g.item() == null ? null : CatalogCodec.fromItem(g.item());
          default -> throw failure(reply);
        });
  }

  /** Stores a new table; false when the name is taken. */
  public CompletionStage<Boolean> create(TableDescriptor d) {
    Expr notExists = Expr.condition("attribute_not_exists(#n)", Map.of("#n", "name"), null);
    return write(new WriteOp.Put(key(d.name()), CatalogCodec.toItem(d), notExists, "NONE", false));
  }

  /** Replaces {@code previous} by {@code next}; false when the table changed in between. */
  public CompletionStage<Boolean> replace(TableDescriptor previous, TableDescriptor next) {
    return write(new WriteOp.Put(key(next.name()), CatalogCodec.toItem(next), sameVersion(previous), "NONE", false));
  }

  public CompletionStage<Boolean> remove(TableDescriptor previous) {
    return write(new WriteOp.Delete(key(previous.name()), sameVersion(previous), "NONE", false));
  }

  /** Every table, in name order (one page: the catalog stays small). */
  public CompletionStage<List<TableDescriptor>> list() {
    return scan(null, new ArrayList<>());
  }

  private CompletionStage<List<TableDescriptor>> scan(Map<String, AttributeValue> start, List<TableDescriptor> acc) {
    ReadOp.ScanPage page = new ReadOp.ScanPage(0L, -1L, null, Expr.NONE, start, 0, PAGE_BYTES, false, false, true);
    return partitions.toLeader(CatalogCodec.CATALOG_PARTITION_ID, members, PartitionClient.Kind.READ, r -> new ReplicaBehavior.Read(CatalogCodec.CATALOG_TABLE_ID, page, r))
        .thenCompose(reply -> {
          if (!(reply instanceof ReplicaBehavior.Paged p)) {
            throw failure(reply);
          }
          p.items().forEach(i -> acc.add(CatalogCodec.fromItem(i)));
          if (p.lastEvaluatedKey() != null) {
            return scan(p.lastEvaluatedKey(), acc);
          }
          acc.sort((a, b) -> a.name().compareTo(b.name()));
          return CompletableFuture.completedFuture(acc);
        });
  }

  private CompletionStage<Boolean> write(WriteOp op) {
    return partitions.toLeader(CatalogCodec.CATALOG_PARTITION_ID, members, PartitionClient.Kind.WRITE, r -> new ReplicaBehavior.Write(CatalogCodec.CATALOG_TABLE_ID, op, r))
        .thenApply(reply -> switch (reply) {
          case ReplicaBehavior.Written w -> true;
          case ReplicaBehavior.ConditionFailed f -> false;
          default -> throw failure(reply);
        });
  }

  private static Expr sameVersion(TableDescriptor d) {
    return Expr.condition("#v = :v", Map.of("#v", "version"), Map.of(":v", AttributeValue.n(d.version())));
  }

  private static PrimaryKey key(String name) {
    return new PrimaryKey(AttributeValue.s(name), null);
  }

  static DbException failure(ReplicaBehavior.Reply reply) {
    return switch (reply) {
      case ReplicaBehavior.Rejected r -> new DbException(r.kind(), r.message());
      case ReplicaBehavior.NotLeader n -> DbException.unavailable("The table catalog is electing a leader; retry");
      default -> new DbException(DbException.Kind.INTERNAL_SERVER_ERROR, "unexpected catalog answer " + reply.getClass().getSimpleName());
    };
  }
}
