package triad.expression.core;

import java.util.List;
import triad.expression.core.Bound.Pred;
import triad.expression.core.Syntax.Cond;
import triad.expression.core.Syntax.Path;
import triad.expression.core.Syntax.UpdateSyntax;
import triad.item.core.DbException;
import triad.item.core.KeySchema;

/**
 * Compiles DynamoDB expressions. Each expression goes through DynamoDB's stages in its order:
 * size, syntax, the checks that need only the text (parentheses, reserved words, functions),
 * then binding to the request's names and values with the checks that need them, then the
 * operator count and the size with names and values substituted. Syntax and the text-only checks
 * are cached by expression text in a bounded LRU cache shared by all threads; binding happens
 * per request.
 */
public final class Expressions {
  /** Parsed expressions kept, across all kinds. */
  public static final int CACHE_ENTRIES_MAX = 10_000;

  private static final ExpressionCache<Parsed> CACHE = new ExpressionCache<>(CACHE_ENTRIES_MAX);

  /** The outcome of the text-only stages: the tree of its grammar (and its operator count), or the error detail. */
  private record Parsed(Cond condition, List<Path> projection, UpdateSyntax update, int operators, String failure) {
    static Parsed failed(String failure) {
      return new Parsed(null, null, null, 0, failure);
    }
  }

  private enum Grammar {
    CONDITION,
    PROJECTION,
    UPDATE
  }

  private Expressions() {}

  public static Condition condition(String text, ExpressionContext ctx) {
    return compileCondition("ConditionExpression", text, ctx);
  }

  public static Condition filter(String text, ExpressionContext ctx) {
    return compileCondition("FilterExpression", text, ctx);
  }

  /**
   * A KeyConditionExpression for the key schema of the table or index queried. DynamoDB checks
   * the key structure only after it has found every name and value used, so this runs
   * {@link ExpressionContext#checkAllUsed()} itself: compile the Query's FilterExpression and
   * ProjectionExpression first (in that order, as DynamoDB does), then this.
   */
  public static KeyCondition keyCondition(String text, ExpressionContext ctx, KeySchema schema) {
    Pred pred = bindCondition("KeyConditionExpression", text, ctx);
    ctx.checkAllUsed();
    return KeyConditions.of(pred, schema);
  }

  /**
   * DynamoDB's refusal of a Query FilterExpression that reads a key attribute of the key schema
   * queried; call it after {@link #keyCondition}.
   */
  public static void checkQueryFilter(Condition filter, KeySchema schema) {
    List<DocPath> paths = Bound.paths(((BoundCondition) filter).pred());
    for (String key : new String[] {schema.partitionKey(), schema.sortKey()}) {
      for (DocPath path : paths) {
        if (path.topLevelName().equals(key)) {
          throw DbException.validation(path.size() > 1 ? KeyConditions.notScalar(key)
              : "Filter Expression can only contain non-primary key attributes: Primary key attribute: " + key);
        }
      }
    }
  }

  public static Projection projection(String text, ExpressionContext ctx) {
    List<Path> paths = parse("ProjectionExpression", Grammar.PROJECTION, text, ctx).projection();
    Binder binder = new Binder(ctx);
    PathTrie<Void> trie = new PathTrie<>();
    DocPath[] bound = new DocPath[paths.size()];
    try {
      for (int i = paths.size() - 1; i >= 0; i--) {
        bound[i] = binder.path(paths.get(i));
        trie.add(bound[i], null);
      }
      binder.requireSubstitutedSize(text);
    } catch (Invalid e) {
      throw invalid("ProjectionExpression", e);
    }
    return new ProjectionImpl(trie, List.of(bound));
  }

  public static Update update(String text, ExpressionContext ctx) {
    UpdateSyntax syntax = parse("UpdateExpression", Grammar.UPDATE, text, ctx).update();
    try {
      Binder binder = new Binder(ctx);
      Update update = UpdateImpl.bind(syntax, binder);
      binder.requireSubstitutedSize(text);
      return update;
    } catch (Invalid e) {
      throw invalid("UpdateExpression", e);
    }
  }

  private static Condition compileCondition(String parameter, String text, ExpressionContext ctx) {
    return BoundCondition.of(bindCondition(parameter, text, ctx));
  }

  private static Pred bindCondition(String parameter, String text, ExpressionContext ctx) {
    Parsed parsed = parse(parameter, Grammar.CONDITION, text, ctx);
    try {
      Binder binder = new Binder(ctx);
      Pred pred = binder.condition(parsed.condition());
      if (parsed.operators() > Limits.OPERATORS_MAX) {
        throw new Invalid(Limits.tooManyOperators());
      }
      binder.requireSubstitutedSize(text);
      return pred;
    } catch (Invalid e) {
      throw invalid(parameter, e);
    }
  }

  private static Parsed parse(String parameter, Grammar grammar, String text, ExpressionContext ctx) {
    ctx.beginExpression();
    if (text.isEmpty()) {
      throw DbException.validation("Invalid " + parameter + ": The expression can not be empty;");
    }
    if (text.length() > Limits.EXPRESSION_CHARS_MAX) {
      // Only conditions quote the size; DynamoDB says nothing more for projections and updates.
      String size = grammar == Grammar.CONDITION ? " expression size: " + text.length() : "";
      throw DbException.validation("Invalid " + parameter + ": " + Limits.EXPRESSION_TOO_LARGE + size);
    }
    Parsed parsed = CACHE.get(grammar.ordinal() + text, k -> parseUncached(grammar, text));
    if (parsed.failure() != null) {
      throw DbException.validation("Invalid " + parameter + ": " + parsed.failure());
    }
    return parsed;
  }

  private static Parsed parseUncached(Grammar grammar, String text) {
    try {
      return switch (grammar) {
        case CONDITION -> {
          Cond c = Parser.condition(text);
          SyntaxChecks.condition(c);
          yield new Parsed(c, null, null, Binder.operators(c), null);
        }
        case PROJECTION -> {
          List<Path> paths = Parser.projection(text);
          SyntaxChecks.projection(paths);
          yield new Parsed(null, List.copyOf(paths), null, 0, null);
        }
        case UPDATE -> {
          UpdateSyntax u = Parser.update(text);
          SyntaxChecks.update(u);
          yield new Parsed(null, null, u, 0, null);
        }
      };
    } catch (Invalid e) {
      return Parsed.failed(e.detail());
    }
  }

  private static DbException invalid(String parameter, Invalid e) {
    return DbException.validation("Invalid " + parameter + ": " + e.detail());
  }
}
