package dev.ingestion.parse;

import java.nio.file.Path;

/**
 * Where parsing runs. {@code process} (the default): in child JVMs with their own heap ({@code childHeap},
 * e.g. {@code 512m}), so a parser that hangs or exhausts memory is killed without touching the worker;
 * {@code in_process}: in the worker's JVM, for trusted corpora. At most {@code maxChildren} children run.
 */
public record IsolationConfig(Mode mode, String childHeap, int maxChildren, Path tempDir) {
  public enum Mode { PROCESS, IN_PROCESS }

  public IsolationConfig {
    if (!childHeap.matches("\\d+[kKmMgG]")) {
      throw new IllegalArgumentException("pipeline.parse.child_heap must look like 512m or 2g, got '" + childHeap + "'");
    }
  }
}
