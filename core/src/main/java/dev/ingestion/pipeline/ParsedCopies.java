package dev.ingestion.pipeline;

import dev.ingestion.model.Chunk;
import dev.ingestion.store.NewVersion;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What this process's workers extracted from the documents they completed, by content hash and file name,
 * so that a copy (the same bytes under the same name in another folder, another source, a second upload)
 * takes the text, chunks and vectors of the first instead of being parsed, chunked and embedded again.
 *
 * <p>The file name is part of the key because detection reads it (a {@code .c} file and a {@code .txt} file
 * with the same bytes are different types) and so does the choice of Markdown structure. Only this process's
 * own results are kept: they were made with its parser, limits, chunking and embedding settings, so a copy
 * gets exactly what a parse of it would give. A job with its own limits ({@code replay} with overrides) is
 * always parsed. What is kept is bounded by an estimate of the heap it holds; the entries used longest ago
 * go first, and a document larger than an eighth of the bound is not kept.
 */
final class ParsedCopies {
  /** The default bound: about 32 MB of heap. */
  static final long DEFAULT_BUDGET_BYTES = 32L << 20;
  /** A chunk's record, its heading list and the map entry's share, beside its text. */
  private static final int BYTES_PER_CHUNK = 160;

  /** A completed version, and the heap it is taken to hold. */
  private record Kept(NewVersion version, long weight) {}

  private final long budget;
  private final LinkedHashMap<String, Kept> byKey = new LinkedHashMap<>(256, 0.75f, true);
  private long used;

  ParsedCopies(long budgetBytes) {
    this.budget = budgetBytes;
  }

  /**
   * The version a document with these bytes ({@code contentHash}) and this file name gets from a copy
   * completed earlier in this process, with the document's own source metadata; null when none is kept.
   */
  synchronized NewVersion copyOf(String contentHash, String fileName, long sizeBytes,
      Map<String, String> sourceMetadata) {
    Kept kept = fileName == null ? null : byKey.get(key(contentHash, fileName));
    if (kept == null) {
      return null;
    }
    NewVersion first = kept.version();
    List<byte[]> encoded = first.vectors().encoded();
    NewVersion.Vectors vectors = encoded.isEmpty() ? NewVersion.Vectors.NONE
        : new NewVersion.Vectors(encoded, 0, encoded.size());
    return new NewVersion(contentHash, sizeBytes, first.metadata(), first.charCount(), first.truncated(), first.chunks(),
        sourceMetadata, vectors);
  }

  /** Keeps what {@code version} (just completed, parsed from a file of this name) holds, for its copies. */
  synchronized void keep(String fileName, NewVersion version) {
    if (fileName == null || budget <= 0) {
      return;
    }
    long weight = weight(version);
    if (weight > budget / 8) {
      return;
    }
    Kept previous = byKey.put(key(version.contentHash(), fileName), new Kept(version, weight));
    used += weight - (previous == null ? 0 : previous.weight());
    for (Iterator<Kept> oldest = byKey.values().iterator(); used > budget && oldest.hasNext(); ) {
      used -= oldest.next().weight();
      oldest.remove();
    }
  }

  /** How many entries are kept (for tests). */
  synchronized int size() {
    return byKey.size();
  }

  private static String key(String contentHash, String fileName) {
    return contentHash + '/' + fileName.toLowerCase(Locale.ROOT);
  }

  /** Text as two bytes a character (the worst case), each chunk's fixed share, and the vectors. */
  private static long weight(NewVersion version) {
    long bytes = 0;
    for (Chunk chunk : version.chunks()) {
      bytes += 2L * chunk.text().length() + BYTES_PER_CHUNK;
      for (String heading : chunk.headingPath()) {
        bytes += 2L * heading.length();
      }
    }
    for (byte[] vector : version.vectors().encoded()) {
      bytes += vector.length;
    }
    return bytes;
  }
}
