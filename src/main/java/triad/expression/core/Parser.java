package triad.expression.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import triad.expression.core.Syntax.AndCond;
import triad.expression.core.Syntax.ArithOp;
import triad.expression.core.Syntax.Action;
import triad.expression.core.Syntax.BetweenCond;
import triad.expression.core.Syntax.Clause;
import triad.expression.core.Syntax.CompareCond;
import triad.expression.core.Syntax.Comparator;
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
import triad.expression.core.Syntax.Section;
import triad.expression.core.Syntax.UpdateSyntax;
import triad.expression.core.Syntax.ValueOp;
import triad.expression.core.Token.Kind;

/**
 * Recursive-descent parser for DynamoDB's three expression grammars:
 *
 * <pre>
 * condition  := and (OR and)*            and := not (AND not)*      not := NOT not | primary
 * primary    := '(' condition ')' | function
 *             | operand (comparator operand | BETWEEN operand AND operand | IN '(' operand (',' operand)* ')')
 * operand    := path | :value | function | '(' operand ')'
 * function   := name '(' operand (',' operand)* ')'
 * path       := (name | #name) ('.' (name | #name) | '[' index ']')*
 * update     := (SET set (',' set)* | REMOVE path (',' path)* | (ADD | DELETE) path :value (',' path :value)*)+
 * set        := path '=' value           value := operand (('+' | '-') operand)? | '(' value ')'
 * projection := path (',' path)*
 * </pre>
 *
 * A '(' may open a condition or an operand; both are tried and, when both fail, the failure that
 * got furthest is reported, which is where DynamoDB's parser reports it too. Syntax errors quote
 * the offending token and the text from the token before it to the token after it.
 */
final class Parser {
  /**
   * Deepest nesting of parentheses, NOT and function calls the parser follows. A valid expression
   * stays below it (it would need more than 300 operators or redundant parentheses), and the bound
   * keeps recursion far from the thread's stack limit.
   */
  static final int NESTING_MAX = 640;

  private final String text;
  private final List<Token> tokens;
  private int pos;
  private int nesting;

  private Parser(String text) {
    this.text = text;
    this.tokens = Lexer.tokenize(text);
  }

  static Cond condition(String text) {
    Parser p = new Parser(text);
    return p.run(() -> {
      Cond c = p.orCond();
      p.expect(Kind.EOF);
      return c;
    });
  }

  static List<Path> projection(String text) {
    Parser p = new Parser(text);
    return p.run(() -> {
      List<Path> paths = new ArrayList<>();
      paths.add(p.path());
      while (p.accept(Kind.COMMA)) {
        paths.add(p.path());
      }
      p.expect(Kind.EOF);
      return paths;
    });
  }

  static UpdateSyntax update(String text) {
    Parser p = new Parser(text);
    return p.run(() -> {
      List<Section> sections = new ArrayList<>();
      do {
        sections.add(p.section());
      } while (clauseOf(p.peek()) != null);
      p.expect(Kind.EOF);
      return new UpdateSyntax(sections);
    });
  }

  private <T> T run(Supplier<T> body) {
    try {
      return body.get();
    } catch (Backtrack b) {
      throw new Invalid(syntaxError(b.index));
    } catch (TooDeep d) {
      throw new Invalid(tooDeep());
    }
  }

  private String syntaxError(int index) {
    Token t = tokens.get(index);
    int from = index > 0 ? tokens.get(index - 1).start() : 0;
    int to = index + 1 < tokens.size() - 1 ? tokens.get(index + 1).end() : text.length();
    return "Syntax error; token: \"" + t.text() + "\", near: \"" + text.substring(from, to) + "\"";
  }

  /** Only reachable by expressions DynamoDB rejects anyway; name the reason it would give. */
  private String tooDeep() {
    int operators = 0;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      boolean function = t.is(Kind.NAME) && i + 1 < tokens.size() && tokens.get(i + 1).is(Kind.LPAREN);
      if (function || t.isComparator() || t.is(Kind.AND) || t.is(Kind.OR) || t.is(Kind.NOT) || t.is(Kind.BETWEEN) || t.is(Kind.IN)) {
        operators++;
      }
    }
    return operators > Limits.OPERATORS_MAX ? Limits.tooManyOperators() : Limits.REDUNDANT_PARENTHESES;
  }

  // ---- conditions

  private Cond orCond() {
    List<Cond> terms = new ArrayList<>();
    terms.add(andCond());
    while (accept(Kind.OR)) {
      terms.add(andCond());
    }
    return terms.size() == 1 ? terms.get(0) : new OrCond(terms);
  }

  private Cond andCond() {
    List<Cond> terms = new ArrayList<>();
    terms.add(notCond());
    while (accept(Kind.AND)) {
      terms.add(notCond());
    }
    return terms.size() == 1 ? terms.get(0) : new AndCond(terms);
  }

  private Cond notCond() {
    if (!accept(Kind.NOT)) {
      return primary();
    }
    enter();
    try {
      return new NotCond(notCond());
    } finally {
      nesting--;
    }
  }

  private Cond primary() {
    if (peek().is(Kind.LPAREN)) {
      return parenthesized();
    }
    if (peek().is(Kind.NAME) && peek(1).is(Kind.LPAREN)) {
      Func f = function();
      return startsComparison(peek()) ? comparisonRest(new FuncOp(f)) : new FuncCond(f);
    }
    return comparisonRest(operand());
  }

  /** '(' opens either a condition or the left operand of a comparison; try both. */
  private Cond parenthesized() {
    int start = pos;
    Cond inner = null;
    int afterInner = -1;
    Backtrack asCondition = null;
    enter();
    try {
      pos++;
      inner = orCond();
      expect(Kind.RPAREN);
      afterInner = pos;
      if (!startsComparison(peek())) {
        return new ParenCond(inner);
      }
    } catch (Backtrack b) {
      asCondition = b;
    } finally {
      nesting--;
    }
    pos = start;
    try {
      return comparisonRest(operand());
    } catch (Backtrack asOperand) {
      if (inner != null) {
        pos = afterInner;
        return new ParenCond(inner);
      }
      throw asOperand.index >= asCondition.index ? asOperand : asCondition;
    }
  }

  private Cond comparisonRest(Operand left) {
    Token t = peek();
    if (t.isComparator()) {
      pos++;
      return new CompareCond(comparator(t), left, operand());
    }
    if (accept(Kind.BETWEEN)) {
      Operand lower = operand();
      expect(Kind.AND);
      return new BetweenCond(left, lower, operand());
    }
    if (accept(Kind.IN)) {
      expect(Kind.LPAREN);
      List<Operand> candidates = new ArrayList<>();
      candidates.add(operand());
      while (accept(Kind.COMMA)) {
        candidates.add(operand());
      }
      expect(Kind.RPAREN);
      return new InCond(left, candidates);
    }
    throw fail();
  }

  private static boolean startsComparison(Token t) {
    return t.isComparator() || t.is(Kind.BETWEEN) || t.is(Kind.IN);
  }

  private static Comparator comparator(Token t) {
    return switch (t.kind()) {
      case EQ -> Comparator.EQ;
      case NE -> Comparator.NE;
      case LT -> Comparator.LT;
      case LE -> Comparator.LE;
      case GT -> Comparator.GT;
      case GE -> Comparator.GE;
      default -> throw new IllegalStateException("not a comparator: " + t);
    };
  }

  // ---- operands

  private Operand operand() {
    Token t = peek();
    switch (t.kind()) {
      case LPAREN -> {
        enter();
        try {
          pos++;
          Operand inner = operand();
          expect(Kind.RPAREN);
          return new ParenOp(inner);
        } finally {
          nesting--;
        }
      }
      case VALUE_REF -> {
        pos++;
        return new ValueOp(t.text());
      }
      case NAME -> {
        return peek(1).is(Kind.LPAREN) ? new FuncOp(function()) : new PathOp(path());
      }
      case NAME_REF -> {
        return new PathOp(path());
      }
      default -> throw fail();
    }
  }

  private Func function() {
    Token name = expect(Kind.NAME);
    expect(Kind.LPAREN);
    enter();
    try {
      List<Operand> args = new ArrayList<>();
      args.add(operand());
      while (accept(Kind.COMMA)) {
        args.add(operand());
      }
      expect(Kind.RPAREN);
      return new Func(name.text(), args);
    } finally {
      nesting--;
    }
  }

  private Path path() {
    List<Elem> elems = new ArrayList<>();
    elems.add(pathName(false));
    while (true) {
      if (accept(Kind.DOT)) {
        elems.add(pathName(true));
      } else if (accept(Kind.LBRACKET)) {
        elems.add(new IndexLit(expect(Kind.INDEX).text()));
        expect(Kind.RBRACKET);
      } else {
        return new Path(elems);
      }
    }
  }

  /**
   * DynamoDB accepts a ":value" placeholder as a map key after a dot and then fails to find it
   * among the attribute names; mirror that rather than call it a syntax error.
   */
  private Elem pathName(boolean afterDot) {
    Token t = peek();
    if (t.is(Kind.NAME)) {
      pos++;
      return new NameLit(t.text());
    }
    if (t.is(Kind.NAME_REF) || (afterDot && t.is(Kind.VALUE_REF))) {
      pos++;
      return new NameRef(t.text());
    }
    throw fail();
  }

  // ---- update

  private Section section() {
    Clause clause = clauseOf(peek());
    if (clause == null) {
      throw fail();
    }
    pos++;
    List<Action> actions = new ArrayList<>();
    do {
      actions.add(action(clause));
    } while (accept(Kind.COMMA));
    return new Section(clause, actions);
  }

  private Action action(Clause clause) {
    Path path = path();
    return switch (clause) {
      case SET -> {
        expect(Kind.EQ);
        yield new Action(clause, path, setValue());
      }
      case REMOVE -> new Action(clause, path, null);
      case ADD, DELETE -> new Action(clause, path, new ValueOp(expect(Kind.VALUE_REF).text()));
    };
  }

  /** A SET value: an operand, a sum or difference of two, or a parenthesized value. */
  private Operand setValue() {
    int start = pos;
    try {
      Operand left = operand();
      Token t = peek();
      if (t.is(Kind.PLUS) || t.is(Kind.MINUS)) {
        pos++;
        return new ArithOp(t.is(Kind.PLUS), left, operand());
      }
      return left;
    } catch (Backtrack asOperand) {
      if (!tokens.get(start).is(Kind.LPAREN)) {
        throw asOperand;
      }
      pos = start;
      enter();
      try {
        pos++;
        Operand inner = setValue();
        expect(Kind.RPAREN);
        return new ParenOp(inner);
      } catch (Backtrack asParenthesized) {
        throw asOperand.index >= asParenthesized.index ? asOperand : asParenthesized;
      } finally {
        nesting--;
      }
    }
  }

  private static Clause clauseOf(Token t) {
    return switch (t.kind()) {
      case SET -> Clause.SET;
      case REMOVE -> Clause.REMOVE;
      case ADD -> Clause.ADD;
      case DELETE -> Clause.DELETE;
      default -> null;
    };
  }

  // ---- tokens

  private Token peek() {
    return tokens.get(pos);
  }

  private Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  private boolean accept(Kind k) {
    if (peek().is(k)) {
      pos++;
      return true;
    }
    return false;
  }

  private Token expect(Kind k) {
    Token t = peek();
    if (!t.is(k)) {
      throw fail();
    }
    pos++;
    return t;
  }

  private Backtrack fail() {
    return new Backtrack(pos);
  }

  private void enter() {
    if (++nesting > NESTING_MAX) {
      throw new TooDeep();
    }
  }

  /** A failed alternative; {@code index} is the token at which it failed. */
  private static final class Backtrack extends RuntimeException {
    final int index;

    Backtrack(int index) {
      super(null, null, false, false);
      this.index = index;
    }
  }

  private static final class TooDeep extends RuntimeException {
    TooDeep() {
      super(null, null, false, false);
    }
  }
}
