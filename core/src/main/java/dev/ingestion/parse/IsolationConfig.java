package dev.ingestion.parse;

import dev.ingestion.config.Units;
import java.nio.file.Path;
import java.util.List;

/**
 * Where parsing runs. {@code process} (the default): in child JVMs with their own heap ({@code childHeap},
 * e.g. {@code 512m}), so a parser that hangs or exhausts memory is killed without touching the worker;
 * {@code in_process}: in the worker's JVM, for trusted corpora. At most {@code maxChildren} documents are
 * parsed at once (the name is older than lanes): by default one per worker thread but no more than the
 * machine's cores ({@link #childrenFor}), since parsing is CPU-bound; a worker thread waits for a free
 * lane (its time limit starts only once it has one). A child process parses up to {@code perChild} of
 * them at once, each on a thread of its own ({@code 0}: all of them in one child), so that Tika, POI and
 * PDFBox are loaded and compiled once rather than once per document in flight; its heap is
 * {@code childHeap} per lane. {@code childJavaOptions} are added to each child's command line; the
 * default, {@link #DEFAULT_CHILD_JAVA_OPTIONS}, compiles with the client compiler only (see
 * docs/benchmarks.md, "Where the CPU goes").
 */
public record IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir, List<String> childJavaOptions,
    int perChild) {
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

  /** Every lane in one child. */
  public IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir, List<String> childJavaOptions) {
    this(mode, childHeap, maxChildren, tempDir, childJavaOptions, 0);
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
    if (perChild < 0) {
      throw new IllegalArgumentException("pipeline.parse.documents_per_child must be 0 (all in one) or more, got " + perChild);
    }
  }

  /** Documents one child parses at once: {@code perChild}, or every lane when it is 0. */
  public int lanesPerChild() {
    int lanes = Math.max(1, maxChildren);
    return perChild == 0 ? lanes : Math.min(perChild, lanes);
  }

  /** The heap of a child parsing {@code lanes} documents at once: {@code childHeap} for each, as {@code -Xmx}. */
  public String heapFor(int lanes) {
    return lanes == 1 ? childHeap : Units.bytes(childHeap) / 1024 * lanes + "k";
  }

  /**
   * The young generation of a child's heap: half of {@code childHeap}, as a {@code -Xmn} value. A child
   * allocates fast and keeps little: Tika's tables, the document in hand. The serial collector's default
   * (a third of the heap, and less while the heap is still growing) collected twice as often, copying
   * the same survivors each time (docs/benchmarks.md, "Young generation, Lingua left to C1, and what
   * isolation costs").
   */
  public String youngGeneration() {
    return youngGeneration(1);
  }

  /** Half of the heap of a child parsing {@code lanes} documents at once. */
  public String youngGeneration(int lanes) {
    return Math.max(1, Units.bytes(childHeap) / 2048 * lanes) + "k";
  }

  /** The same with another number of lanes. */
  public IsolationConfig withMaxChildren(int n) {
    return new IsolationConfig(mode, childHeap, n, tempDir, childJavaOptions, perChild);
  }

  /** The same with another number of documents per child ({@code 0}: all in one). */
  public IsolationConfig withPerChild(int n) {
    return new IsolationConfig(mode, childHeap, maxChildren, tempDir, childJavaOptions, n);
  }
}
