package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import triad.expression.core.Syntax.AndCond;
import triad.expression.core.Syntax.ArithOp;
import triad.expression.core.Syntax.CompareCond;
import triad.expression.core.Syntax.Cond;
import triad.expression.core.Syntax.FuncCond;
import triad.expression.core.Syntax.NotCond;
import triad.expression.core.Syntax.OrCond;
import triad.expression.core.Syntax.ParenCond;
import triad.expression.core.Syntax.ParenOp;
import triad.expression.core.Token.Kind;

/** The lexer, the grammar and syntax error reporting (token and context as DynamoDB Local quotes them). */
class ParserTest {

  private static String conditionError(String text) {
    return assertThrows(Invalid.class, () -> Parser.condition(text)).detail();
  }

  private static void syntaxError(String text, String token, String near) {
    assertEquals("Syntax error; token: \"" + token + "\", near: \"" + near + "\"", conditionError(text), text);
  }

  @Test
  void lexesDynamoDbsTokens() {
    List<Token> tokens = Lexer.tokenize("a_1.#b[10] <> :v0 AND not b<=c>=d<e>f between In set REMOVE add Delete 0 01 é");
    assertEquals(List.of(Kind.NAME, Kind.DOT, Kind.NAME_REF, Kind.LBRACKET, Kind.INDEX, Kind.RBRACKET, Kind.NE, Kind.VALUE_REF, Kind.AND,
        Kind.NOT, Kind.NAME, Kind.LE, Kind.NAME, Kind.GE, Kind.NAME, Kind.LT, Kind.NAME, Kind.GT, Kind.NAME, Kind.BETWEEN, Kind.IN, Kind.SET,
        Kind.REMOVE, Kind.ADD, Kind.DELETE, Kind.INDEX, Kind.INDEX, Kind.INDEX, Kind.UNKNOWN, Kind.EOF), tokens.stream().map(Token::kind).toList());
    assertEquals("0", tokens.get(26).text(), "01 is two indexes");
    assertEquals("1", tokens.get(27).text());
  }

  @Test
  void onlySpaceTabCrLfSeparateTokens() {
    assertInstanceOf(CompareCond.class, Parser.condition("a\t=\r\nb"));
    syntaxError("a\u000b= b", "\u000b", "a\u000b=");
    syntaxError("a\u00a0= b", "\u00a0", "a\u00a0=");
    syntaxError("a\f= b", "\f", "a\f=");
  }

  @Test
  void precedenceIsNotThenAndThenOr() {
    Cond c = Parser.condition("NOT a = b AND c = d OR e = f AND NOT NOT g = h");
    OrCond or = assertInstanceOf(OrCond.class, c);
    AndCond left = assertInstanceOf(AndCond.class, or.terms().get(0));
    assertInstanceOf(NotCond.class, left.terms().get(0));
    AndCond right = assertInstanceOf(AndCond.class, or.terms().get(1));
    assertInstanceOf(NotCond.class, assertInstanceOf(NotCond.class, right.terms().get(1)).inner());
  }

  @Test
  void parenthesisOpensAConditionOrAnOperand() {
    assertInstanceOf(ParenCond.class, Parser.condition("(a = b)"));
    CompareCond cmp = assertInstanceOf(CompareCond.class, Parser.condition("(a) = b"));
    assertInstanceOf(ParenOp.class, cmp.left());
    assertInstanceOf(CompareCond.class, Parser.condition("(size(a)) = b"));
    assertInstanceOf(ParenCond.class, Parser.condition("(attribute_exists(a))"));
    assertInstanceOf(FuncCond.class, Parser.condition("attribute_exists(a)"));
    assertInstanceOf(CompareCond.class, Parser.condition("attribute_exists(a) = b"), "a function before a comparator is an operand");
  }

  @Test
  void syntaxErrorsQuoteTheOffendingTokenAndItsNeighbours() {
    syntaxError("a x b", "x", "a x b");
    syntaxError(" ", "<EOF>", " ");
    syntaxError("a = ", "<EOF>", "= ");
    syntaxError("a =   ", "<EOF>", "=   ");
    syntaxError("a = $", "$", "= $");
    syntaxError("a = b c d e f", "c", "b c d");
    syntaxError("  = a", "=", "  = a");
    syntaxError("a = b   )   ", ")", "b   )   ");
    syntaxError("a == b", "=", "== b");
    syntaxError("a = b AND", "<EOF>", "AND");
    syntaxError("a.b..c = d", ".", "..c");
    syntaxError("a[x] = d", "x", "[x]");
    syntaxError("a[-1] = d", "-", "[-1");
    syntaxError("a[01] = c", "1", "01]");
    syntaxError("a[1.0] = c", ".", "1.0");
    syntaxError("a = 123", "123", "= 123");
    syntaxError("a = \"x\"", "\"", "= \"x");
    syntaxError("1a = c", "1", "1a");
    syntaxError("_a = c", "_", "_a");
    syntaxError("é = c", "é", "é =");
    syntaxError("# = c", "#", "# =");
    syntaxError("a!=b", "!", "a!=");
    syntaxError("a< =b", "=", "< =b");
    syntaxError("a >< b", "<", ">< b");
    syntaxError("a", "<EOF>", "a");
    syntaxError("NOT a", "<EOF>", "a");
    syntaxError("a = b = c", "=", "b = c");
    syntaxError("a + b = c", "+", "a + b");
    syntaxError("attribute_exists()", ")", "()");
    syntaxError("begins_with s, :v", "s", "begins_with s,");
    syntaxError("a IN ()", ")", "()");
    syntaxError("a IN b", "b", "IN b");
    syntaxError("a IN (:v,)", ")", ",)");
    syntaxError("a BETWEEN :v OR :v", "OR", ":v OR :v");
    syntaxError("a = SET", "SET", "= SET");
    syntaxError("a.and = b", "and", ".and =");
  }

  @Test
  void whenBothReadingsOfAParenthesisFailTheFurthestFailureIsReported() {
    syntaxError("(a = b", "<EOF>", "b");
    syntaxError("((a = :v)", "<EOF>", ")");
    syntaxError("(a, b) = :v", ",", "a, b");
    syntaxError("(a) AND b = c", "AND", ") AND b");
    syntaxError("(a = b) = c", "=", ") = c");
    syntaxError("NOT (a)", "<EOF>", ")");
    syntaxError("(a) = (b", "<EOF>", "b");
    syntaxError("(a = :v) (b = :v)", "(", ") (b");
  }

  @Test
  void updateGrammar() {
    Syntax.UpdateSyntax u = Parser.update("set a = b + :v, c = (:v - d) remove e, f[1] ADD g :w DELETE h :x");
    assertEquals(4, u.sections().size());
    assertInstanceOf(ArithOp.class, u.sections().get(0).actions().get(0).value());
    assertInstanceOf(ParenOp.class, u.sections().get(0).actions().get(1).value());
    assertEquals("Syntax error; token: \"+\", near: \":v + :v\"", assertThrows(Invalid.class, () -> Parser.update("SET b = :v + :v + :v")).detail());
    assertEquals("Syntax error; token: \"+\", near: \") + :v\"", assertThrows(Invalid.class, () -> Parser.update("SET b = (:v + :v) + :v")).detail());
    assertEquals("Syntax error; token: \"+\", near: \":v + :v\"", assertThrows(Invalid.class, () -> Parser.update("SET b = :v + (:v + :v)")).detail());
    assertEquals("Syntax error; token: \"REMOVE\", near: \", REMOVE b\"", assertThrows(Invalid.class, () -> Parser.update("SET a = :v, REMOVE b")).detail());
    assertEquals("Syntax error; token: \"b\", near: \"a b\"", assertThrows(Invalid.class, () -> Parser.update("ADD a b")).detail());
    assertEquals("Syntax error; token: \"<EOF>\", near: \"SET\"", assertThrows(Invalid.class, () -> Parser.update("SET")).detail());
    assertEquals("Syntax error; token: \"(\", near: \"SET (a\"", assertThrows(Invalid.class, () -> Parser.update("SET (a) = :v")).detail());
    assertEquals("Syntax error; token: \":v\", near: \"REMOVE :v\"", assertThrows(Invalid.class, () -> Parser.update("REMOVE :v")).detail());
  }

  @Test
  void projectionGrammar() {
    assertEquals(3, Parser.projection("a , b.c[1] ,#d").size());
    assertEquals("Syntax error; token: \"<EOF>\", near: \",\"", assertThrows(Invalid.class, () -> Parser.projection("a,")).detail());
    assertEquals("Syntax error; token: \"(\", near: \"size(a\"", assertThrows(Invalid.class, () -> Parser.projection("size(a)")).detail());
    assertEquals("Syntax error; token: \":v\", near: \":v\"", assertThrows(Invalid.class, () -> Parser.projection(":v")).detail());
  }
}
