package dev.ingestion.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ingestion.model.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The guarantees every chunking must keep, checked in one linear pass so they work on huge texts
 * too.
 */
final class ChunkInvariants {
  private ChunkInvariants() {}

  static void assertHold(String text, ChunkerConfig config, List<Chunk> chunks) {
    assertHold(text, config, chunks, String::length);
  }

  /** The same, with sizes and overlaps measured by {@code size} (a token count) instead of characters. */
  static void assertHold(String text, ChunkerConfig config, List<Chunk> chunks, ToIntFunction<String> size) {
    Chunk previous = null;
    int covered = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Chunk chunk = chunks.get(i);
      assertThat(chunk.ordinal()).as("ordinal").isEqualTo(i);
      assertShape(text, config, chunk, size);
      assertNoTextSkipped(text, covered, chunk.startOffset());
      if (previous != null) {
        assertOverlapWithin(config, previous, chunk, size.applyAsInt(text.substring(chunk.startOffset(),
            Math.max(chunk.startOffset(), previous.endOffset()))));
      }
      covered = Math.max(covered, chunk.endOffset());
      previous = chunk;
    }
    assertNoTextSkipped(text, covered, text.length());
  }

  static void assertHashes(List<Chunk> chunks) {
    for (Chunk chunk : chunks) {
      assertThat(chunk.contentHash())
          .as("hash of chunk %d", chunk.ordinal())
          .isEqualTo(sha256(chunk.text()));
    }
  }

  static String sha256(String text) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }

  /**
   * Characters the previous chunk's end and this chunk's start share; zero when they do not meet.
   */
  static int overlap(Chunk previous, Chunk next) {
    return Math.max(0, previous.endOffset() - next.startOffset());
  }

  private static void assertShape(String text, ChunkerConfig config, Chunk chunk, ToIntFunction<String> size) {
    String body = chunk.text();
    assertThat(body).as("chunk %d", chunk.ordinal()).isNotEmpty();
    assertThat(size.applyAsInt(body))
        .as("length of chunk %d", chunk.ordinal())
        .isLessThanOrEqualTo(config.chunkSize());
    assertThat(chunk.endOffset() - chunk.startOffset()).isEqualTo(body.length());
    assertThat(text.regionMatches(chunk.startOffset(), body, 0, body.length()))
        .as("offsets of chunk %d reproduce its text", chunk.ordinal())
        .isTrue();
    assertThat(Character.isWhitespace(body.charAt(0))).as("leading space").isFalse();
    assertThat(Character.isWhitespace(body.charAt(body.length() - 1)))
        .as("trailing space")
        .isFalse();
    if (config.chunkSize() >= 2) {
      assertThat(Character.isLowSurrogate(body.charAt(0)))
          .as("starts inside a surrogate pair")
          .isFalse();
      assertThat(Character.isHighSurrogate(body.charAt(body.length() - 1)))
          .as("ends inside a surrogate pair")
          .isFalse();
    }
  }

  private static void assertOverlapWithin(ChunkerConfig config, Chunk previous, Chunk next, int overlapSize) {
    assertThat(next.startOffset()).as("chunks move forward").isGreaterThan(previous.startOffset());
    assertThat(next.endOffset()).as("chunks move forward").isGreaterThan(previous.endOffset());
    assertThat(overlapSize)
        .as("overlap of chunk %d", next.ordinal())
        .isLessThanOrEqualTo(config.chunkOverlap());
  }

  private static void assertNoTextSkipped(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      if (!Character.isWhitespace(text.charAt(i))) {
        throw new AssertionError("character " + i + " is in no chunk: '" + text.charAt(i) + "'");
      }
    }
  }
}
