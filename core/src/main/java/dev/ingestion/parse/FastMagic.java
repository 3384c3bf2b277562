package dev.ingestion.parse;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.tika.detect.CompositeDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.detect.MagicDetector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;

/**
 * Tika's content detection with the same answers for less CPU. Tika evaluates each of its ~1,400 magic
 * byte patterns against the start of every file that matches none earlier (every text file, for
 * instance), and each pattern does more work than its answer needs: a regular expression is compiled
 * again and the header decoded to characters again for each of them, and a case-insensitive pattern
 * looks every byte of its range up in the Unicode tables. That was a fifth to a quarter of the parser
 * children's CPU (docs/benchmarks.md, "Content detection").
 *
 * <p>{@link #accelerate} puts a {@link Match} in place of the {@link MagicDetector} of every magic
 * pattern of a {@link MimeTypes}: the same pattern, mask, offset range and flags, read from the
 * detector Tika builds for the pattern, and the same algorithm (the same bytes read, the same positions
 * tried, the same regular expression matched over the same characters), with the expression compiled
 * once, the bytes read as characters in place and lower case taken from a table. Tika's magic patterns
 * are reached through its package-private classes, by reflection; when they are not where this class
 * looks (another Tika version), nothing is replaced and Tika's own detection runs. Each pattern is then
 * asked about the header array itself instead of a stream over it ({@link ArrayClauses}).
 * {@code FastMagicTest} compares the answers on real documents and on mutilated headers of them.
 */
final class FastMagic {
  private FastMagic() {}

  /**
   * Replaces the magic detectors of every {@link MimeTypes} inside {@code detector}, and puts the clauses
   * that use them on the header array ({@link ArrayClauses}); returns how many patterns were put there
   * (0 when Tika's classes are not as expected, or all were put there before).
   */
  static int accelerate(Detector detector) {
    try {
      List<Leaf> leaves = new ArrayList<>();
      for (MimeTypes types : mimeTypes(detector, new ArrayList<>())) {
        for (Object magic : (List<?>) read(types, "magics")) {
          Field clause = declared(magic, "clause");
          collectLeaves(clause.get(magic), v -> clause.set(magic, v), leaves);
        }
      }
      for (Leaf leaf : leaves) {
        replace(leaf.match());
        leaf.slot().put(ArrayClauses.leaf(leaf.match()));
      }
      return leaves.size();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 0;
    }
  }

  private static List<MimeTypes> mimeTypes(Detector detector, List<MimeTypes> found) {
    if (detector instanceof MimeTypes types && !found.contains(types)) {
      found.add(types);
    } else if (detector instanceof CompositeDetector composite) {
      for (Detector d : composite.getDetectors()) {
        mimeTypes(d, found);
      }
    }
    return found;
  }

  /** Where a clause sits in its tree: the Magic's field, or a place in an And, Or or MinShouldMatch clause. */
  private interface Slot {
    void put(Object clause) throws ReflectiveOperationException;
  }

  /** A MagicMatch leaf and where it sits. */
  private record Leaf(Object match, Slot slot) {}

  /**
   * The leaves (MagicMatch) of a clause tree of And, Or and MinShouldMatch clauses, with their places; leaves
   * put on the header array before are skipped, a clause of another kind fails the whole walk (nothing replaced).
   */
  private static void collectLeaves(Object clause, Slot slot, List<Leaf> leaves) throws ReflectiveOperationException {
    if (ArrayClauses.isReplaced(clause)) {
      return;
    }
    switch (clause.getClass().getSimpleName()) {
      case "MagicMatch" -> leaves.add(new Leaf(clause, slot));
      case "AndClause" -> {
        Object[] clauses = (Object[]) read(clause, "clauses");
        for (int i = 0; i < clauses.length; i++) {
          int at = i;
          collectLeaves(clauses[i], v -> clauses[at] = v, leaves);
        }
      }
      case "OrClause", "MinShouldMatchClause" -> {
        Field field = declared(clause, "clauses");
        List<Object> clauses = new ArrayList<>((Collection<?>) field.get(clause));
        field.set(clause, clauses);  // a list of our own, with the same clauses, to put leaves in
        for (int i = 0; i < clauses.size(); i++) {
          int at = i;
          collectLeaves(clauses.get(i), v -> clauses.set(at, v), leaves);
        }
      }
      default -> throw new IllegalStateException("unknown magic clause " + clause.getClass());
    }
  }

  private static Field declared(Object target, String name) throws NoSuchFieldException {
    Field f = target.getClass().getDeclaredField(name);
    f.setAccessible(true);
    return f;
  }

  /** Builds the MagicMatch's detector as Tika would, then swaps in a {@link Match} made from it. */
  private static void replace(Object magicMatch) throws ReflectiveOperationException {
    Field field = magicMatch.getClass().getDeclaredField("detector");
    field.setAccessible(true);
    synchronized (magicMatch) {
      Object current = field.get(magicMatch);
      if (current instanceof Match) {
        return;
      }
      MagicDetector tika = current != null ? (MagicDetector) current
          : MagicDetector.parse((MediaType) read(magicMatch, "mediaType"), (String) read(magicMatch, "type"),
              (String) read(magicMatch, "offset"), (String) read(magicMatch, "value"),
              (String) read(magicMatch, "mask"));
      field.set(magicMatch, new Match(tika));
    }
  }

  private static Object read(Object target, String name) throws ReflectiveOperationException {
    return read(target, target.getClass(), name);
  }

  private static Object read(Object target, Class<?> declaring, String name) throws ReflectiveOperationException {
    Field f = declaring.getDeclaredField(name);
    f.setAccessible(true);
    return f.get(target);
  }

  /** One magic pattern, matched as {@link MagicDetector#detect} matches it. */
  static final class Match extends MagicDetector {
    /** A byte as {@code Character.toLowerCase} of its sign-extended value sees it: only A-Z change. */
    private static final byte[] LOWER = new byte[256];
    private static final ThreadLocal<byte[]> WINDOW = ThreadLocal.withInitial(() -> new byte[0]);

    static {
      for (int b = 0; b < 256; b++) {
        LOWER[b] = (byte) Character.toLowerCase((int) (byte) b);
      }
    }

    private final MediaType type;
    private final byte[] pattern;
    private final byte[] mask;
    private final int length;
    private final int begin;
    private final int end;
    private final boolean ignoreCase;
    private final Pattern regex;
    /**
     * Which bytes can begin a match: masked (and lower-cased) equal to the pattern's first byte; for an
     * expression, not turned down by it on their own (see {@link #canBegin}).
     */
    private final boolean[] first = new boolean[256];
    /** The byte values of {@link #first}, when few enough to visit their positions instead of every position. */
    private final byte[] firstBytes;

    Match(MagicDetector tika) throws ReflectiveOperationException {
      this((MediaType) field(tika, "type"), (byte[]) field(tika, "pattern"), (byte[]) field(tika, "mask"),
          (Boolean) field(tika, "isRegex"), (Boolean) field(tika, "isStringIgnoreCase"),
          (Integer) field(tika, "offsetRangeBegin"), (Integer) field(tika, "offsetRangeEnd"),
          (Integer) field(tika, "length"));
    }

    private Match(MediaType type, byte[] pattern, byte[] mask, boolean isRegex, boolean ignoreCase, int begin,
        int end, int length) {
      super(type, pattern, mask, isRegex, ignoreCase, begin, end);
      this.type = type;
      this.pattern = pattern.clone();
      this.mask = mask.clone();
      this.length = length;
      this.begin = begin;
      this.end = end;
      this.ignoreCase = ignoreCase;
      this.regex = isRegex ? Pattern.compile(new String(pattern, StandardCharsets.UTF_8),
          ignoreCase ? Pattern.CASE_INSENSITIVE : 0) : null;
      java.io.ByteArrayOutputStream firsts = new java.io.ByteArrayOutputStream();
      for (int b = 0; b < 256; b++) {
        first[b] = regex != null ? canBegin(regex, (byte) b) : length > 0 && matches((byte) b, 0);
        if (first[b]) {
          firsts.write(b);
        }
      }
      firstBytes = firsts.size() <= Occurrences.MAX_VALUES ? firsts.toByteArray() : null;
    }

    /**
     * False only when the expression, anchored at a character, turns it down without reading past it:
     * then no text that starts with that character matches there either, so Tika's attempt at such a
     * position can be skipped (most positions of the ranges up to 8 KB that three expressions scan).
     */
    private static boolean canBegin(Pattern regex, byte b) {
      Matcher m = regex.matcher(new Latin1(new byte[] {b}, 0, 1, 1));
      return m.lookingAt() || m.hitEnd();
    }

    private static Object field(MagicDetector tika, String name) throws ReflectiveOperationException {
      return read(tika, MagicDetector.class, name);
    }

    @Override
    public MediaType detect(InputStream input, Metadata metadata) throws IOException {
      if (input == null) {
        return MediaType.OCTET_STREAM;
      }
      input.mark(end + length);
      try {
        if (!skipTo(input)) {
          return MediaType.OCTET_STREAM;
        }
        int size = length + end - begin;
        byte[] window = window(size);
        int read = input.readNBytes(window, 0, size);
        if (regex != null) {
          return regexAt(window, 0, read, size, null) ? type : MediaType.OCTET_STREAM;
        }
        boolean found = read >= length && bytesAt(window, 0, read, null);
        return found ? type : MediaType.OCTET_STREAM;
      } finally {
        input.reset();
      }
    }

    /**
     * What {@link #detect} answers for a stream over {@code data}, read in place: Tika's clauses evaluate
     * every pattern against the header held in one array, and wrapping it in a stream, a {@link Metadata}
     * and a window copy for each of ~1,400 patterns cost more than the comparisons.
     */
    boolean matches(byte[] data) {
      if (data.length < begin) {
        return false;
      }
      int size = length + end - begin;
      int read = Math.min(size, data.length - begin);
      Occurrences index = wide(read) ? Occurrences.of(data) : null;
      if (regex != null) {
        return regexAt(data, begin, read, size, index);
      }
      return read >= length && bytesAt(data, begin, read, index);
    }

    /** A range wide enough that visiting the positions of the allowed first bytes beats trying each position. */
    private boolean wide(int read) {
      return firstBytes != null && Math.min(end - begin + 1, read) > Occurrences.NARROW;
    }

    /**
     * This thread's window, at least {@code size} bytes: Tika reads each pattern's window into a new array,
     * up to 16 KB for the ~1,400 patterns a text file is tried against.
     */
    private static byte[] window(int size) {
      byte[] w = WINDOW.get();
      if (w.length < size) {
        w = new byte[size];
        WINDOW.set(w);
      }
      return w;
    }

    /** Skips to the start of the offset range; false when the input ends before it. */
    private boolean skipTo(InputStream input) throws IOException {
      int offset = 0;
      while (offset < begin) {
        long n = input.skip(begin - offset);
        if (n > 0) {
          offset += (int) n;
        } else if (input.read() != -1) {
          offset++;
        } else {
          return false;
        }
      }
      return true;
    }

    /**
     * The expression, anchored at each position of the range, over the window read as ISO-8859-1. With
     * an {@code index} of the window (the header itself), only the positions of the bytes that can
     * begin a match are tried among the bytes read, in no particular order: the answer is whether any
     * position matches.
     */
    private boolean regexAt(byte[] window, int off, int read, int size, Occurrences index) {
      Matcher m = regex.matcher(new Latin1(window, off, read, size));
      int from = 0;
      if (index != null) {
        from = Math.min(end - begin + 1, read);
        if (index.anyAt(firstBytes, off, from, i -> m.region(i, length + i).lookingAt())) {
          return true;
        }
      }
      for (int i = from; i <= end - begin; i++) {
        if (first[i < read ? window[off + i] & 0xff : 0] && m.region(i, length + i).lookingAt()) {
          return true;
        }
      }
      return false;
    }

    /**
     * The pattern at some position of the range: the first byte by table, then the rest. The window is
     * the {@code read} bytes from {@code off}; past them, bytes are zero, as in Tika's zero-filled window.
     * With an {@code index} of the window (the header itself), only the positions of the bytes that can
     * begin the pattern are visited, in no particular order.
     */
    private boolean bytesAt(byte[] window, int off, int read, Occurrences index) {
      if (length == 0) {
        return true;
      }
      int last = end - begin;
      int real = Math.min(last + 1, read);
      if (index != null) {
        if (index.anyAt(firstBytes, off, real, i -> restAt(window, off, read, i))) {
          return true;
        }
      } else {
        for (int i = 0; i < real; i++) {
          if (first[window[off + i] & 0xff] && restAt(window, off, read, i)) {
            return true;
          }
        }
      }
      // positions starting in the zeros past the end: the whole pattern would have to match zeros
      return real <= last && first[0] && restAt(window, off, read, real);
    }

    private boolean restAt(byte[] window, int off, int read, int at) {
      for (int j = 1; j < length; j++) {
        int k = at + j;
        if (!matches(k < read ? window[off + k] : 0, j)) {
          return false;
        }
      }
      return true;
    }

    /** Tika's test for one byte: masked, lower-cased when the pattern ignores case, equal to the pattern's. */
    private boolean matches(byte value, int j) {
      byte b = (byte) (value & mask[j]);
      return (ignoreCase ? LOWER[b & 0xff] : b) == pattern[j];
    }
  }

  /**
   * Where each byte value occurs in one header, in increasing order per value: a pattern that scans a
   * range of up to 8 KB (about thirty of Tika's do, and every text file is tried against them) visits
   * only the positions of the few bytes that can begin it. Built once per header and thread, by a
   * counting sort, when the first such pattern asks.
   */
  static final class Occurrences {
    /** A pattern with more possible first bytes (a mask on its first byte) scans as before. */
    static final int MAX_VALUES = 8;
    /** Ranges up to this many positions are scanned: the index would not pay for itself. */
    static final int NARROW = 64;
    private static final ThreadLocal<Occurrences> LAST = new ThreadLocal<>();

    private final byte[] data;
    private final int[] start = new int[257];
    private final int[] positions;

    private Occurrences(byte[] data) {
      this.data = data;
      for (byte b : data) {
        start[(b & 0xff) + 1]++;
      }
      for (int v = 0; v < 256; v++) {
        start[v + 1] += start[v];
      }
      positions = new int[data.length];
      int[] next = java.util.Arrays.copyOf(start, 256);
      for (int i = 0; i < data.length; i++) {
        positions[next[data[i] & 0xff]++] = i;
      }
    }

    /** The index of this header: the same array as the last one asked about on this thread, or a new one. */
    static Occurrences of(byte[] data) {
      Occurrences last = LAST.get();
      if (last == null || last.data != data) {
        last = new Occurrences(data);
        LAST.set(last);
      }
      return last;
    }

    /**
     * Whether {@code test} holds at some position of one of {@code values} in the {@code count} bytes from
     * {@code off}; positions are given relative to {@code off}, in no particular order.
     */
    boolean anyAt(byte[] values, int off, int count, java.util.function.IntPredicate test) {
      for (byte b : values) {
        for (int k = from(b, off), stop = start[(b & 0xff) + 1]; k < stop && positions[k] - off < count; k++) {
          if (test.test(positions[k] - off)) {
            return true;
          }
        }
      }
      return false;
    }

    /** The first slot of {@code value}'s positions at or after {@code at}. */
    private int from(byte value, int at) {
      int lo = start[value & 0xff];
      int hi = start[(value & 0xff) + 1];
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (positions[mid] < at) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      return lo;
    }

  }

  /**
   * A window read as ISO-8859-1 characters, in place: what decoding it would give, without the copy. Past
   * the bytes read, characters are zero, as in Tika's zero-filled window.
   */
  private static final class Latin1 implements CharSequence {
    private final byte[] bytes;
    private final int off;
    private final int read;
    private final int length;

    Latin1(byte[] bytes, int off, int read, int length) {
      this.bytes = bytes;
      this.off = off;
      this.read = read;
      this.length = length;
    }

    @Override
    public int length() {
      return length;
    }

    @Override
    public char charAt(int index) {
      if (index < 0 || index >= length) {
        throw new IndexOutOfBoundsException(index);
      }
      return index < read ? (char) (bytes[off + index] & 0xff) : 0;
    }

    @Override
    public CharSequence subSequence(int start, int stop) {
      return toString().substring(start, stop);
    }

    @Override
    public String toString() {
      char[] chars = new char[length];
      for (int i = 0; i < length; i++) {
        chars[i] = charAt(i);
      }
      return new String(chars);
    }
  }
}
