package triad.expression.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import triad.expression.core.Bound.AndPred;
import triad.expression.core.Bound.ArithExpr;
import triad.expression.core.Bound.BeginsWithPred;
import triad.expression.core.Bound.BetweenPred;
import triad.expression.core.Bound.ComparePred;
import triad.expression.core.Bound.ConstExpr;
import triad.expression.core.Bound.ContainsPred;
import triad.expression.core.Bound.ExistsPred;
import triad.expression.core.Bound.Expr;
import triad.expression.core.Bound.IfNotExistsExpr;
import triad.expression.core.Bound.InPred;
import triad.expression.core.Bound.ListAppendExpr;
import triad.expression.core.Bound.NotPred;
import triad.expression.core.Bound.OrPred;
import triad.expression.core.Bound.PathExpr;
import triad.expression.core.Bound.Pred;
import triad.expression.core.Bound.SizeExpr;
import triad.expression.core.Bound.TypePred;
import triad.expression.core.DocPath.Index;
import triad.expression.core.DocPath.Key;
import triad.expression.core.DocPath.Step;
import triad.expression.core.Syntax.AndCond;
import triad.expression.core.Syntax.ArithOp;
import triad.expression.core.Syntax.BetweenCond;
import triad.expression.core.Syntax.CompareCond;
import triad.expression.core.Syntax.Cond;
import triad.expression.core.Syntax.Elem;
import triad.expression.core.Syntax.Func;
import triad.expression.core.Syntax.FuncCond;
import triad.expression.core.Syntax.FuncOp;
import triad.expression.core.Syntax.InCond;
import triad.expression.core.Syntax.IndexLit;
import triad.expression.core.Syntax.NameLit;
import triad.expression.core.Syntax.NameRef;
import triad.expression.core.Syntax.NotCond;
import triad.expression.core.Syntax.Operand;
import triad.expression.core.Syntax.OrCond;
import triad.expression.core.Syntax.ParenCond;
import triad.expression.core.Syntax.ParenOp;
import triad.expression.core.Syntax.Path;
import triad.expression.core.Syntax.PathOp;
import triad.expression.core.Syntax.ValueOp;
import triad.item.core.AttributeValue;
import triad.item.core.ItemSize;

/**
 * Binds a checked syntax tree to one request's names and values, making the checks that need
 * them. Like DynamoDB it visits a node's operands before the node itself, left to right, so the
 * first problem in the text is the one reported: an undefined name or value, a path nested too
 * deeply, a function with the wrong number or kind of operands, an operand compared with itself,
 * BETWEEN bounds of different types or in the wrong order, an IN with too many operands.
 */
final class Binder {
  private static final Set<String> ATTRIBUTE_TYPES = Set.of("S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS");
  /** DynamoDB lists the valid type names in this (hash) order. */
  private static final String ATTRIBUTE_TYPES_QUOTED = "{N,BS,L,B,NULL,M,S,SS,NS,BOOL}";
  /** What DynamoDB says a document path's type is when attribute_type is given one as its type. */
  private static final String PATH_TYPE_QUOTED = "{NS,HDS,BOOL,DOUBLE,M,DICT,INT,FLOAT,DECIMAL,BS,L,INTSET,N,NULL,SS,DOUBLESET,S,HD,FS,B,DECIMALSET}";

  private final ExpressionContext ctx;
  /** Bytes the names and values substituted so far add to the expression, once per use. */
  private long substitutedBytes;

  Binder(ExpressionContext ctx) {
    this.ctx = ctx;
  }

  /**
   * DynamoDB's limit on an expression with its placeholders replaced: its characters plus the
   * bytes of every name and value substituted, counted at each use, at most 1 MB.
   */
  void requireSubstitutedSize(String text) {
    if (text.length() + substitutedBytes > Limits.SUBSTITUTED_BYTES_MAX) {
      throw new Invalid(Limits.EXPRESSION_TOO_LARGE);
    }
  }

  Pred condition(Cond c) {
    return switch (c) {
      case OrCond o -> new OrPred(conditions(o.terms()));
      case AndCond a -> new AndPred(conditions(a.terms()));
      case NotCond n -> new NotPred(condition(n.inner()));
      case ParenCond p -> condition(p.inner());
      case CompareCond cmp -> compare(cmp);
      case BetweenCond b -> between(b);
      case InCond in -> in(in);
      case FuncCond f -> conditionFunction(f.func());
    };
  }

  private List<Pred> conditions(List<Cond> terms) {
    List<Pred> out = new ArrayList<>(terms.size());
    for (Cond t : terms) {
      out.add(condition(t));
    }
    return out;
  }

  private Pred compare(CompareCond cmp) {
    Expr left = operand(cmp.left());
    Expr right = operand(cmp.right());
    if (cmp.op() != Syntax.Comparator.EQ && cmp.op() != Syntax.Comparator.NE) {
      requireOrderable(cmp.op().symbol, left);
      requireOrderable(cmp.op().symbol, right);
    }
    requireDistinct(cmp.op().symbol, left, right);
    return new ComparePred(cmp.op(), left, right);
  }

  private Pred between(BetweenCond b) {
    Expr subject = operand(b.subject());
    Expr lower = operand(b.lower());
    Expr upper = operand(b.upper());
    requireOrderable("BETWEEN", subject);
    requireOrderable("BETWEEN", lower);
    requireOrderable("BETWEEN", upper);
    requireDistinct("BETWEEN", subject, lower, upper);
    if (lower instanceof ConstExpr lo && upper instanceof ConstExpr hi) {
      String bounds = "lower bound operand: " + Values.describe(lo.value()) + ", upper bound operand: " + Values.describe(hi.value());
      if (!lo.value().type().equals(hi.value().type())) {
        throw new Invalid("The BETWEEN operator requires same data type for lower and upper bounds; " + bounds);
      }
      if (Values.compare(lo.value(), hi.value()) > 0) {
        throw new Invalid("The BETWEEN operator requires upper bound to be greater than or equal to lower bound; " + bounds);
      }
    }
    return new BetweenPred(subject, lower, upper);
  }

  private Pred in(InCond in) {
    Expr subject = operand(in.subject());
    List<Expr> candidates = new ArrayList<>(in.candidates().size());
    for (Operand o : in.candidates()) {
      candidates.add(operand(o));
    }
    if (candidates.size() > Limits.IN_OPERANDS_MAX) {
      throw new Invalid("The IN operator is provided with too many operands; number of operands: " + candidates.size());
    }
    requireDistinct("IN", subject, candidates.toArray(Expr[]::new));
    return new InPred(subject, candidates);
  }

  private Pred conditionFunction(Func f) {
    Function fn = Function.named(f.name());
    List<Expr> args = arguments(f, fn);
    return switch (fn) {
      case ATTRIBUTE_EXISTS, ATTRIBUTE_NOT_EXISTS -> new ExistsPred(requirePath(fn, args.get(0)), fn == Function.ATTRIBUTE_EXISTS);
      case ATTRIBUTE_TYPE -> {
        DocPath path = requirePath(fn, args.get(0));
        yield new TypePred(path, attributeType(args.get(1)));
      }
      case BEGINS_WITH -> {
        requireStringOrBinary(fn, args.get(0));
        requireStringOrBinary(fn, args.get(1));
        requireDistinct(fn.text, args.get(0), args.get(1));
        yield new BeginsWithPred(args.get(0), args.get(1));
      }
      case CONTAINS -> {
        requireDistinct(fn.text, args.get(0), args.get(1));
        yield new ContainsPred(args.get(0), args.get(1));
      }
      default -> throw new IllegalStateException(fn + " passed the syntax checks as a condition");
    };
  }

  Expr operand(Operand o) {
    return switch (o) {
      case PathOp p -> new PathExpr(path(p.path()));
      case ValueOp v -> new ConstExpr(value(v.ref()));
      case FuncOp f -> operandFunction(f.func());
      case ParenOp p -> operand(p.inner());
      case ArithOp a -> {
        Expr left = operand(a.left());
        Expr right = operand(a.right());
        String symbol = a.plus() ? "+" : "-";
        requireType(symbol, left, "N");
        requireType(symbol, right, "N");
        yield new ArithExpr(a.plus(), left, right);
      }
    };
  }

  private Expr operandFunction(Func f) {
    Function fn = Function.named(f.name());
    List<Expr> args = arguments(f, fn);
    return switch (fn) {
      case SIZE -> {
        String t = args.get(0).staticType();
        if (t != null && (t.equals("N") || t.equals("BOOL") || t.equals("NULL"))) {
          throw wrongOperandType(fn.text, t);
        }
        yield new SizeExpr(args.get(0));
      }
      case IF_NOT_EXISTS -> {
        DocPath path = requirePath(fn, args.get(0));
        requireDistinct(fn.text, args.get(0), args.get(1));
        yield new IfNotExistsExpr(path, args.get(1));
      }
      case LIST_APPEND -> {
        requireType(fn.text, args.get(0), "L");
        requireType(fn.text, args.get(1), "L");
        yield new ListAppendExpr(args.get(0), args.get(1));
      }
      default -> throw new IllegalStateException(fn + " passed the syntax checks as an operand");
    };
  }

  private List<Expr> arguments(Func f, Function fn) {
    List<Expr> args = new ArrayList<>(f.args().size());
    for (Operand o : f.args()) {
      args.add(operand(o));
    }
    if (args.size() != fn.arity()) {
      throw new Invalid("Incorrect number of operands for operator or function; operator or function: " + fn.text + ", number of operands: " + args.size());
    }
    return args;
  }

  DocPath path(Path p) {
    List<Step> steps = new ArrayList<>(p.elems().size());
    for (Elem e : p.elems()) {
      steps.add(switch (e) {
        case NameLit n -> new Key(n.name());
        case NameRef r -> {
          String name = ctx.name(r.ref());
          if (name == null) {
            throw new Invalid("An expression attribute name used in the document path is not defined; attribute name: " + r.ref());
          }
          substitutedBytes += ItemSize.utf8Length(name);
          yield new Key(name);
        }
        case IndexLit i -> new Index(Integer.parseInt(i.digits()));
      });
    }
    if (steps.size() > Limits.PATH_DEPTH_MAX) {
      throw new Invalid("The document path has too many nesting levels; nesting levels: " + steps.size());
    }
    return new DocPath(steps);
  }

  AttributeValue value(String ref) {
    AttributeValue v = ctx.value(ref);
    if (v == null) {
      throw new Invalid("An expression attribute value used in expression is not defined; attribute value: " + ref);
    }
    substitutedBytes += ItemSize.of(v);
    return v;
  }

  private static String attributeType(Expr e) {
    if (e instanceof ConstExpr c && c.value() instanceof AttributeValue.S s) {
      if (!ATTRIBUTE_TYPES.contains(s.value())) {
        throw new Invalid("Invalid attribute type name found; type: " + s.value() + ", valid types: " + ATTRIBUTE_TYPES_QUOTED);
      }
      return s.value();
    }
    String t = e.staticType();
    throw wrongOperandType(Function.ATTRIBUTE_TYPE.text, t != null ? t : PATH_TYPE_QUOTED);
  }

  private static DocPath requirePath(Function fn, Expr e) {
    if (e instanceof PathExpr p) {
      return p.path();
    }
    throw new Invalid("Operator or function requires a document path; operator or function: " + fn.text);
  }

  private static void requireOrderable(String operator, Expr e) {
    String t = e.staticType();
    if (t != null && !Values.isOrderable(t)) {
      throw wrongOperandType(operator, t);
    }
  }

  private static void requireStringOrBinary(Function fn, Expr e) {
    String t = e.staticType();
    if (t != null && !t.equals("S") && !t.equals("B")) {
      throw wrongOperandType(fn.text, t);
    }
  }

  private static void requireType(String operator, Expr e, String type) {
    String t = e.staticType();
    if (t != null && !t.equals(type)) {
      throw wrongOperandType(operator, t);
    }
  }

  private static Invalid wrongOperandType(String operator, String type) {
    return new Invalid("Incorrect operand type for operator or function; operator or function: " + operator + ", operand type: " + type);
  }

  /** DynamoDB refuses an operator whose first operand is a path that reappears among the others. */
  private static void requireDistinct(String operator, Expr first, Expr... others) {
    if (!(first instanceof PathExpr p)) {
      return;
    }
    for (Expr o : others) {
      if (o instanceof PathExpr q && q.path().equals(p.path())) {
        throw new Invalid("The first operand must be distinct from the remaining operands for this operator or function; operator: "
            + operator + ", first operand: " + p.path());
      }
    }
  }

  /** Operators and functions, counted as DynamoDB counts them against its limit of 300. */
  static int operators(Cond c) {
    return switch (c) {
      case OrCond o -> o.terms().size() - 1 + o.terms().stream().mapToInt(Binder::operators).sum();
      case AndCond a -> a.terms().size() - 1 + a.terms().stream().mapToInt(Binder::operators).sum();
      case NotCond n -> 1 + operators(n.inner());
      case ParenCond p -> operators(p.inner());
      case CompareCond cmp -> 1 + operators(cmp.left()) + operators(cmp.right());
      case BetweenCond b -> 1 + operators(b.subject()) + operators(b.lower()) + operators(b.upper());
      case InCond in -> 1 + operators(in.subject()) + in.candidates().stream().mapToInt(Binder::operators).sum();
      case FuncCond f -> 1 + f.func().args().stream().mapToInt(Binder::operators).sum();
    };
  }

  private static int operators(Operand o) {
    return switch (o) {
      case FuncOp f -> 1 + f.func().args().stream().mapToInt(Binder::operators).sum();
      case ParenOp p -> operators(p.inner());
      case ArithOp a -> 1 + operators(a.left()) + operators(a.right());
      case PathOp p -> 0;
      case ValueOp v -> 0;
    };
  }
}
