package dev.ingestion.parse;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * The leaves of Tika's magic clause trees, evaluated on the header array itself. Tika's leaf (a
 * {@code MagicMatch}) wraps the header in a new stream with a new {@code Metadata} for each of the
 * ~1,400 patterns a text file is tried against, and its detector copies the pattern's window out of the
 * stream; under the parser children's quick compiler that wrapping cost more than the comparisons
 * (docs/benchmarks.md, "Detection on the header array"). Each leaf whose detector {@link FastMagic} replaced is
 * swapped for a proxy of Tika's package-private {@code Clause} interface that asks the
 * {@link FastMagic.Match} about the array directly ({@link FastMagic.Match#matches}): the same answer,
 * since the match reads the same bytes at the same offsets. {@link FastMagic#accelerate} finds the leaves
 * and puts the proxies in their places.
 */
final class ArrayClauses {
  private ArrayClauses() {}

  static boolean isReplaced(Object clause) {
    return Proxy.isProxyClass(clause.getClass()) && Proxy.getInvocationHandler(clause) instanceof Leaf;
  }

  /** A proxy of Tika's {@code Clause} for the MagicMatch {@code leaf}, whose detector is one of ours. */
  static Object leaf(Object leaf) throws ReflectiveOperationException {
    Class<?> clauseType = Class.forName("org.apache.tika.mime.Clause", false, leaf.getClass().getClassLoader());
    Field detector = leaf.getClass().getDeclaredField("detector");
    detector.setAccessible(true);
    FastMagic.Match match = (FastMagic.Match) detector.get(leaf);
    // MagicMatch.size() is its detector's length
    return Proxy.newProxyInstance(clauseType.getClassLoader(), new Class<?>[] {clauseType},
        new Leaf(match, match.getLength(), leaf.toString()));
  }

  /** eval(byte[]) by the match on the array; size() and toString() as the leaf it replaced. */
  private record Leaf(FastMagic.Match match, int size, String text) implements InvocationHandler {
    @Override
    public Object invoke(Object proxy, Method method, Object[] args) {
      return switch (method.getName()) {
        case "eval" -> match.matches((byte[]) args[0]);
        case "size" -> size;
        case "toString" -> text;
        case "hashCode" -> System.identityHashCode(proxy);
        case "equals" -> proxy == args[0];
        default -> throw new UnsupportedOperationException(method.getName());
      };
    }
  }
}
