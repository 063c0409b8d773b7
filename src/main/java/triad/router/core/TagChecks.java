package triad.router.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import triad.api.core.model.Tag;
import triad.item.core.DbException;

/** Table tags as DynamoDB limits them: at most 50 per table, and the "aws:" prefix is AWS's. */
public final class TagChecks {
  public static final int TAGS_PER_RESOURCE_MAX = 50;

  private TagChecks() {}

  /** The tags after adding (or replacing) {@code added}. */
  public static Map<String, String> tagged(Map<String, String> current, List<Tag> added) {
    Map<String, String> next = new LinkedHashMap<>(current);
    for (Tag t : added) {
      if (t.key().startsWith("aws:")) {
        throw DbException.validation("One or more parameter values were invalid: Tag keys beginning with aws: are reserved for AWS use: " + t.key());
      }
      next.put(t.key(), t.value());
    }
    if (next.size() > TAGS_PER_RESOURCE_MAX) {
      throw new DbException(DbException.Kind.LIMIT_EXCEEDED, "Tag limit exceeded: a resource can have at most " + TAGS_PER_RESOURCE_MAX + " tags");
    }
    return next;
  }

  /** The tags after removing {@code keys} (absent keys are ignored, as in DynamoDB). */
  public static Map<String, String> untagged(Map<String, String> current, List<String> keys) {
    Map<String, String> next = new LinkedHashMap<>(current);
    keys.forEach(next::remove);
    return next;
  }
}
