package triad.expression.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import triad.expression.core.DocPath.Index;
import triad.expression.core.DocPath.Key;
import triad.expression.core.DocPath.Step;

/** DynamoDB's order of a node's children (measured against DynamoDB Local, see ExpressionOracleTest). */
class PathTrieTest {

  private static List<Step> order(Step... merged) {
    PathTrie<Void> trie = new PathTrie<>();
    for (Step s : merged) {
      trie.add(new DocPath(List.of(new Key("r"), s)), null);
    }
    PathTrie.Node<Void> node = trie.root.children.get(new Key("r"));
    return node.childrenInDynamoDbOrder().stream().map(Map.Entry::getKey).toList();
  }

  private static Step[] keys(String... names) {
    return java.util.Arrays.stream(names).map(Key::new).toArray(Step[]::new);
  }

  private static List<Step> keyList(String... names) {
    return List.of(keys(names));
  }

  @Test
  void namesInBucketOrderThenMergeOrder() {
    // p, ss and status share a bucket, as do a and q: they stay in the order they were merged
    assertEquals(keyList("n", "l", "with space", "x.y", "nul", "a", "q", "p", "ss", "status", "o"),
        order(keys("a", "q", "o", "p", "ss", "l", "n", "nul", "status", "x.y", "with space")));
    assertEquals(keyList("q", "a"), order(keys("q", "a")));
  }

  @Test
  void indexesHashAsThemselves() {
    assertEquals(List.of(new Index(14), new Index(8319), new Index(8318), new Index(1), new Index(0), new Index(16), new Index(15)),
        order(new Index(0), new Index(15), new Index(16), new Index(14), new Index(1), new Index(8319), new Index(8318)));
  }

  @Test
  void theTableDoublesPastThreeQuartersFull() {
    String[] twelve = {"dy", "ix", "my", "dx", "ry", "gy", "yy", "zy", "zx", "az", "nz", "mx"};
    assertEquals(new Key("zx"), order(keys(twelve)).get(0), "16 buckets");
    String[] thirteen = java.util.stream.Stream.concat(java.util.stream.Stream.of("dy", "sz"),
        java.util.Arrays.stream(twelve).skip(1)).toArray(String[]::new);
    assertEquals(new Key("my"), order(keys(thirteen)).get(0), "32 buckets");
  }
}
