package dev.ingestion.parse;

import dev.ingestion.config.Units;
import java.nio.file.Path;
import java.util.List;

/**
 * Where parsing runs. {@code process} (the default): in child JVMs with their own heap ({@code childHeap},
 * e.g. {@code 512m}), so a parser that hangs or exhausts memory is killed without touching the worker;
 * {@code in_process}: in the worker's JVM, for trusted corpora. At most {@code maxChildren} children run:
 * by default one per worker thread but no more than the machine's cores ({@link #childrenFor}), since
 * parsing is CPU-bound and every child is a JVM with its own heap and JIT; a worker thread waits for a
 * free child (its time limit starts only once it has one). {@code childJavaOptions} are added to each
 * child's command line; the default, {@link #DEFAULT_CHILD_JAVA_OPTIONS}, compiles with the client
 * compiler only (see docs/benchmarks.md, "Where the CPU goes").
 */
public record IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir, List<String> childJavaOptions) {
  public enum Mode { PROCESS, IN_PROCESS }

  /**
   * C1 only: a child compiles Tika, POI and PDFBox with the quick compiler and never spends CPU on C2's
   * optimising compiles, which on thousands of documents cost more than the faster code they give back.
   */
  public static final List<String> DEFAULT_CHILD_JAVA_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

  /** With the default child options. */
  public IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir) {
    this(mode, childHeap, maxChildren, tempDir, DEFAULT_CHILD_JAVA_OPTIONS);
  }

  /** Parser children for {@code workerThreads} threads: one each, at most one per core. */
  public static int childrenFor(int workerThreads) {
    return Math.max(1, Math.min(workerThreads, Runtime.getRuntime().availableProcessors()));
  }

  public IsolationConfig {
    if (!childHeap.matches("\\d+[kKmMgG]")) {
      throw new IllegalArgumentException("pipeline.parse.child_heap must look like 512m or 2g, got '" + childHeap + "'");
    }
    childJavaOptions = List.copyOf(childJavaOptions);
  }

  /**
   * The young generation of a child's heap: half of {@code childHeap}, as a {@code -Xmn} value. A child
   * allocates fast and keeps little: Tika's tables, the document in hand. The serial collector's default
   * (a third of the heap, and less while the heap is still growing) collected twice as often, copying
   * the same survivors each time (docs/benchmarks.md, "Young generation, Lingua left to C1, and what
   * isolation costs").
   */
  public String youngGeneration() {
    return Math.max(1, Units.bytes(childHeap) / 2048) + "k";
  }

  /** The same with another number of children. */
  public IsolationConfig withMaxChildren(int n) {
    return new IsolationConfig(mode, childHeap, n, tempDir, childJavaOptions);
  }
}
