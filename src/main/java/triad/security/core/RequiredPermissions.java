package triad.security.core;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import triad.api.core.model.BatchGetItemInput;
import triad.api.core.model.BatchWriteItemInput;
import triad.api.core.model.CreateTableInput;
import triad.api.core.model.DeleteItemInput;
import triad.api.core.model.DeleteTableInput;
import triad.api.core.model.DescribeEndpointsRequest;
import triad.api.core.model.DescribeLimitsInput;
import triad.api.core.model.DescribeTableInput;
import triad.api.core.model.DescribeTimeToLiveInput;
import triad.api.core.model.GetItemInput;
import triad.api.core.model.ListTablesInput;
import triad.api.core.model.ListTagsOfResourceInput;
import triad.api.core.model.PutItemInput;
import triad.api.core.model.QueryInput;
import triad.api.core.model.ScanInput;
import triad.api.core.model.TagResourceInput;
import triad.api.core.model.TransactGetItem;
import triad.api.core.model.TransactGetItemsInput;
import triad.api.core.model.TransactWriteItem;
import triad.api.core.model.TransactWriteItemsInput;
import triad.api.core.model.UntagResourceInput;
import triad.api.core.model.UpdateItemInput;
import triad.api.core.model.UpdateTableInput;
import triad.api.core.model.UpdateTimeToLiveInput;

/**
 * The IAM permissions a DynamoDB request needs, as DynamoDB checks them: mostly
 * {@code dynamodb:<Operation>} on the table's ARN, with these differences —
 * <ul>
 *   <li>Query and Scan with an IndexName need the index's ARN ({@code table/T/index/I});
 *   <li>batches need their action on every table they name;
 *   <li>transactions have no action of their own: TransactGetItems needs GetItem, and
 *       TransactWriteItems needs PutItem, UpdateItem, DeleteItem or ConditionCheckItem, per item;
 *   <li>CreateTable with Tags also needs TagResource;
 *   <li>ListTables, DescribeLimits and DescribeEndpoints have no resource: "*".
 * </ul>
 * Tag operations name their table by ARN; the permission is checked on the ARN this node would
 * resolve it to (the table name in this region and account), so a Deny on a table cannot be
 * sidestepped by spelling its ARN with another region or account.
 */
public final class RequiredPermissions {
  private static final String ACTION = "dynamodb:";
  private static final Pattern TABLE_ARN = Pattern.compile("arn:[^:]+:dynamodb:[^:]*:[^:]*:table/([^/]+)(/.*)?");

  private RequiredPermissions() {}

  /**
   * @param input a validated request record from {@link triad.api.core.Requests#read}
   * @param region the region in the node's table ARNs
   * @param accountId the account that owns the node's tables
   */
  public static List<Permission> of(Object input, String region, String accountId) {
    Arns arns = new Arns(region, accountId);
    Set<Permission> out = new LinkedHashSet<>();
    switch (input) {
      case GetItemInput i -> out.add(arns.table("GetItem", i.tableName()));
      case PutItemInput i -> out.add(arns.table("PutItem", i.tableName()));
      case UpdateItemInput i -> out.add(arns.table("UpdateItem", i.tableName()));
      case DeleteItemInput i -> out.add(arns.table("DeleteItem", i.tableName()));
      case QueryInput i -> out.add(arns.tableOrIndex("Query", i.tableName(), i.indexName()));
      case ScanInput i -> out.add(arns.tableOrIndex("Scan", i.tableName(), i.indexName()));
      case BatchGetItemInput i -> i.requestItems().keySet().forEach(t -> out.add(arns.table("BatchGetItem", t)));
      case BatchWriteItemInput i -> i.requestItems().keySet().forEach(t -> out.add(arns.table("BatchWriteItem", t)));
      case TransactGetItemsInput i -> transactGet(i.transactItems(), arns, out);
      case TransactWriteItemsInput i -> transactWrite(i.transactItems(), arns, out);
      case CreateTableInput i -> {
        out.add(arns.table("CreateTable", i.tableName()));
        if (i.tags() != null && !i.tags().isEmpty()) {
          out.add(arns.table("TagResource", i.tableName()));
        }
      }
      case DescribeTableInput i -> out.add(arns.table("DescribeTable", i.tableName()));
      case UpdateTableInput i -> out.add(arns.table("UpdateTable", i.tableName()));
      case DeleteTableInput i -> out.add(arns.table("DeleteTable", i.tableName()));
      case UpdateTimeToLiveInput i -> out.add(arns.table("UpdateTimeToLive", i.tableName()));
      case DescribeTimeToLiveInput i -> out.add(arns.table("DescribeTimeToLive", i.tableName()));
      case TagResourceInput i -> out.add(arns.byArn("TagResource", i.resourceArn()));
      case UntagResourceInput i -> out.add(arns.byArn("UntagResource", i.resourceArn()));
      case ListTagsOfResourceInput i -> out.add(arns.byArn("ListTagsOfResource", i.resourceArn()));
      case ListTablesInput i -> out.add(new Permission(ACTION + "ListTables", "*"));
      case DescribeLimitsInput i -> out.add(new Permission(ACTION + "DescribeLimits", "*"));
      case DescribeEndpointsRequest i -> out.add(new Permission(ACTION + "DescribeEndpoints", "*"));
      default -> throw new IllegalArgumentException("no permissions known for " + input.getClass().getSimpleName());
    }
    return List.copyOf(out);
  }

  private static void transactGet(List<TransactGetItem> items, Arns arns, Set<Permission> out) {
    for (TransactGetItem item : items) {
      out.add(arns.table("GetItem", item.get().tableName()));
    }
  }

  private static void transactWrite(List<TransactWriteItem> items, Arns arns, Set<Permission> out) {
    for (TransactWriteItem item : items) {
      if (item.put() != null) {
        out.add(arns.table("PutItem", item.put().tableName()));
      } else if (item.update() != null) {
        out.add(arns.table("UpdateItem", item.update().tableName()));
      } else if (item.delete() != null) {
        out.add(arns.table("DeleteItem", item.delete().tableName()));
      } else if (item.conditionCheck() != null) {
        out.add(arns.table("ConditionCheckItem", item.conditionCheck().tableName()));
      } else {
        throw new IllegalArgumentException("a TransactWriteItem with no operation");
      }
    }
  }

  /** ARNs of this node's tables for one account. */
  private record Arns(String region, String accountId) {
    Permission table(String operation, String table) {
      return new Permission(ACTION + operation, tableArn(table));
    }

    Permission tableOrIndex(String operation, String table, String index) {
      return new Permission(ACTION + operation, index == null ? tableArn(table) : tableArn(table) + "/index/" + index);
    }

    /** The table an ARN names, in this region and account; an ARN that names no table is checked as given. */
    Permission byArn(String operation, String arn) {
      Matcher m = TABLE_ARN.matcher(arn);
      return new Permission(ACTION + operation, m.matches() ? tableArn(m.group(1)) : arn);
    }

    private String tableArn(String table) {
      if (table == null) {
        throw new IllegalArgumentException("the request names no table; validate it before authorizing");
      }
      return "arn:aws:dynamodb:" + region + ":" + accountId + ":table/" + table;
    }
  }
}
