package dev.ingestion.parse;

import java.nio.file.Path;

/**
 * Where parsing runs. {@code process} (the default): in child JVMs with their own heap ({@code childHeap},
 * e.g. {@code 512m}), so a parser that hangs or exhausts memory is killed without touching the worker;
 * {@code in_process}: in the worker's JVM, for trusted corpora. At most {@code maxChildren} children run:
 * by default one per worker thread but no more than the machine's cores ({@link #childrenFor}), since
 * parsing is CPU-bound and every child is a JVM with its own heap and JIT; a worker thread waits for a
 * free child (its time limit starts only once it has one).
 */
public record IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir) {
  public enum Mode { PROCESS, IN_PROCESS }

  /** Parser children for {@code workerThreads} threads: one each, at most one per core. */
  public static int childrenFor(int workerThreads) {
    return Math.max(1, Math.min(workerThreads, Runtime.getRuntime().availableProcessors()));
  }

  public IsolationConfig {
    if (!childHeap.matches("\\d+[kKmMgG]")) {
      throw new IllegalArgumentException("pipeline.parse.child_heap must look like 512m or 2g, got '" + childHeap + "'");
    }
  }
}
