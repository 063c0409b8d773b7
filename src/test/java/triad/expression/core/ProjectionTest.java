package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static triad.expression.core.Ddb.ctx;
import static triad.expression.core.Ddb.item;
import static triad.expression.core.Ddb.rejects;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.item.core.AttributeValue;

/** ProjectionExpression: the shape of projected items and DynamoDB's overlap errors (verified against DynamoDB Local). */
class ProjectionTest {
  private static final Map<String, AttributeValue> ITEM = item("""
      {'pk':{'S':'k2'},'a':{'N':'1'},'s':{'S':'x'},
       'l':{'L':[{'N':'0'},{'M':{'x':{'N':'1'},'y':{'N':'2'}}},{'N':'2'},{'L':[{'N':'3'},{'N':'4'}]}]},
       'm':{'M':{'x':{'N':'1'},'y':{'M':{'z':{'N':'2'},'w':{'N':'3'}}},'l':{'L':[{'N':'0'},{'N':'1'}]}}}}""");

  private static Map<String, AttributeValue> project(String expr, String... names) {
    ExpressionContext ctx = ctx(null, names);
    Projection p = Expressions.projection(expr, ctx);
    ctx.checkAllUsed();
    return p.apply(ITEM);
  }

  private static void overlap(String expr, String one, String two) {
    rejects("Invalid ProjectionExpression: Two document paths overlap with each other; must remove or rewrite one of these paths; path one: "
        + one + ", path two: " + two, () -> Expressions.projection(expr, ctx(null)));
  }

  @Test
  void projectsTopLevelAttributes() {
    assertEquals(item("{'a':{'N':'1'},'s':{'S':'x'}}"), project("a, s, zz"));
    assertEquals(item("{'pk':{'S':'k2'}}"), project("#p", "#p", "pk"));
  }

  @Test
  void nestedProjectionsKeepOnlyTheSelectedParts() {
    assertEquals(item("{'a':{'N':'1'},'m':{'M':{'l':{'L':[{'N':'1'}]},'y':{'M':{'z':{'N':'2'}}}}}}"), project("m.y.z, m.l[1], a"));
    assertEquals(item("{'l':{'L':[{'N':'0'},{'N':'2'}]}}"), project("l[2], l[0]"), "list elements compacted in index order");
    assertEquals(item("{'l':{'L':[{'M':{'x':{'N':'1'}}},{'L':[{'N':'4'}]}]}}"), project("l[1].x, l[3][1]"));
    assertEquals(item("{'m':{'M':{'y':{'M':{'z':{'N':'2'},'w':{'N':'3'}}}}}}"), project("m.y"));
    assertEquals(item("{'m':{'M':{'x':{'N':'1'}}}}"), project("m.x, m.y.q"));
  }

  @Test
  void missingOrMistypedPathsAreLeftOut() {
    for (String e : List.of("m.zz", "l[10]", "s.x", "s[0]", "l.x", "m[0]", "l[1].zz", "zz")) {
      assertEquals(Map.of(), project(e), e);
    }
    assertEquals(item("{'l':{'L':[{'N':'0'}]}}"), project("l[0], l[1].q"));
  }

  @Test
  void topLevelNames() {
    assertEquals(List.of("m", "l", "a"), List.copyOf(Expressions.projection("m.y, l[0], a, m.x", ctx(null)).topLevelNames()));
  }

  @Test
  void overlapsNameThePathMergedAndTheFirstInDynamoDbsOrderBelowTheClash() {
    overlap("a, a", "[a]", "[a]");
    overlap("a, a.b", "[a]", "[a, b]");
    overlap("a.b, a", "[a, b]", "[a]");
    overlap("a[0], a[0].b", "[a, [0]]", "[a, [0], b]");
    overlap("a,b,a", "[a]", "[b]");
    overlap("d,a,b,c,a", "[a]", "[c]");
    overlap("c,b,a,b", "[b]", "[b]");
    overlap("x.a,y,x.a", "[x, a]", "[x, a]");
    overlap("a,z,a.b", "[a]", "[z]");
    overlap("z,a,a.b", "[a]", "[a, b]");
    overlap("x,y.b,y.a,x.c", "[x]", "[y, b]");
    overlap("b.c,a,b.a,a", "[a]", "[b, a]");
    overlap("y,x,y.a,x.c", "[x]", "[y, a]");
    overlap("a,b[1],b[0],a", "[a]", "[b, [1]]");
    overlap("#u, a, a", "[a]", "[a]");
    overlap("ss,l,ss", "[ss]", "[l]");
    overlap("o,p,o", "[o]", "[p]");
    overlap("a,q,a", "[a]", "[a]");
    overlap("q,a,q", "[q]", "[q]");
    overlap("x[15],x[0],x[15]", "[x, [15]]", "[x, [0]]");
    overlap("dy,mx,nz,az,zx,zy,yy,gy,ry,dx,my,ix,dy", "[dy]", "[zx]");
    overlap("dy,mx,nz,az,zx,zy,yy,gy,ry,dx,my,ix,sz,dy", "[dy]", "[my]");
    rejects("Invalid ProjectionExpression: Two document paths conflict with each other; must remove or rewrite one of these paths; "
        + "path one: [b, [1]], path two: [b, c]", () -> Expressions.projection("b[0],b[1],b.c", ctx(null)));
    assertEquals(Map.of(), project("a[1], a[0], a.b[0]".replace(", a.b[0]", "")), "distinct indexes do not overlap");
  }

  @Test
  void errors() {
    rejects("Invalid ProjectionExpression: An expression attribute name used in the document path is not defined; attribute name: #u",
        () -> Expressions.projection("a, a, #u", ctx(null)));
    rejects("Invalid ProjectionExpression: Attribute name is a reserved keyword; reserved keyword: name",
        () -> Expressions.projection("a.name", ctx(null)));
    rejects("Invalid ProjectionExpression: Syntax error; token: \"add\", near: \"add\"", () -> Expressions.projection("add", ctx(null)));
    rejects("Invalid ProjectionExpression: The document path has too many nesting levels; nesting levels: 33",
        () -> Expressions.projection("a" + ".b".repeat(32) + ", a", ctx(null)));
    rejects("Invalid ProjectionExpression: Expression size has exceeded the maximum allowed size;",
        () -> Expressions.projection("x".repeat(4097), ctx(null)));
    rejects("Invalid ProjectionExpression: The expression can not be empty;", () -> Expressions.projection("", ctx(null)));
  }
}
