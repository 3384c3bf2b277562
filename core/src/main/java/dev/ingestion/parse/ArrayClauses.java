package dev.ingestion.parse;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * The leaves of Tika's magic clause trees, evaluated on the header array itself. Tika's leaf (a
 * {@code MagicMatch}) wraps the header in a new stream with a new {@code Metadata} for each of the
 * ~1,400 patterns a text file is tried against, and its detector copies the pattern's window out of the
 * stream; under the parser children's quick compiler that wrapping cost more than the comparisons
 * (docs/benchmarks.md, "Detection on the header array"). Each leaf whose detector {@link FastMagic} replaced is
 * swapped for a proxy of Tika's package-private {@code Clause} interface that asks the
 * {@link FastMagic.Match} about the array directly ({@link FastMagic.Match#matches}): the same answer,
 * since the match reads the same bytes at the same offsets. A leaf whose detector is not a match of
 * ours, or a tree of another shape, is left as it is.
 */
final class ArrayClauses {
  private ArrayClauses() {}

  static boolean isReplaced(Object clause) {
    return Proxy.isProxyClass(clause.getClass()) && Proxy.getInvocationHandler(clause) instanceof Leaf;
  }

  /**
   * Replaces the leaves under one {@code Magic}: its own clause, or those of its And, Or and
   * MinShouldMatch clauses; returns how many.
   */
  static int replaceLeaves(Object magic) throws ReflectiveOperationException {
    Field field = declared(magic, "clause");
    Object clause = field.get(magic);
    Object leaf = leaf(clause);
    if (leaf == null) {
      return replaceUnder(clause);
    }
    field.set(magic, leaf);
    return 1;
  }

  private static int replaceUnder(Object clause) throws ReflectiveOperationException {
    int replaced = 0;
    switch (clause.getClass().getSimpleName()) {
      case "AndClause" -> {
        Object[] clauses = (Object[]) FastMagic.read(clause, "clauses");
        for (int i = 0; i < clauses.length; i++) {
          Object leaf = leaf(clauses[i]);
          replaced += leaf == null ? replaceUnder(clauses[i]) : 1;
          clauses[i] = leaf == null ? clauses[i] : leaf;
        }
      }
      case "OrClause", "MinShouldMatchClause" -> {
        Field field = declared(clause, "clauses");
        List<Object> clauses = new ArrayList<>((List<?>) field.get(clause));
        for (int i = 0; i < clauses.size(); i++) {
          Object leaf = leaf(clauses.get(i));
          replaced += leaf == null ? replaceUnder(clauses.get(i)) : 1;
          clauses.set(i, leaf == null ? clauses.get(i) : leaf);
        }
        field.set(clause, clauses);
      }
      default -> { }
    }
    return replaced;
  }

  /** The proxy for a MagicMatch whose detector is one of ours; null for anything else. */
  private static Object leaf(Object clause) throws ReflectiveOperationException {
    if (!clause.getClass().getSimpleName().equals("MagicMatch")) {
      return null;
    }
    if (!(FastMagic.read(clause, "detector") instanceof FastMagic.Match match)) {
      return null;
    }
    Class<?> clauseType = Class.forName("org.apache.tika.mime.Clause", false, clause.getClass().getClassLoader());
    // MagicMatch.size() is its detector's length
    return Proxy.newProxyInstance(clauseType.getClassLoader(), new Class<?>[] {clauseType},
        new Leaf(match, match.getLength(), clause.toString()));
  }

  private static Field declared(Object target, String name) throws NoSuchFieldException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f;
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
