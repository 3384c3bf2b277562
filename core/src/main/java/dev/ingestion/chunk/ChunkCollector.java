package dev.ingestion.chunk;

import dev.ingestion.model.Chunk;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Turns chunk ranges into {@link Chunk} records numbered across the document. One per call. */
final class ChunkCollector {
  private final String text;
  private final TextScan scan;
  private final DocumentOutline outline;
  private final MessageDigest sha256 = newSha256();
  private final List<Chunk> chunks = new ArrayList<>();

  ChunkCollector(String text, TextScan scan, DocumentOutline outline) {
    this.text = text;
    this.scan = scan;
    this.outline = outline;
  }

  /** Adds the range trimmed of whitespace, or nothing if only whitespace is left. */
  void add(int start, int end, Section section) {
    int s = scan.skipSpace(start, end);
    int e = scan.trimEnd(s, end);
    if (s == e) {
      return;
    }
    String chunkText = text.substring(s, e);
    chunks.add(
        new Chunk(
            chunks.size(),
            chunkText,
            s,
            e,
            section.headingPath(),
            outline.pageAt(s),
            hash(chunkText),
            outline.kindOf(s, e)));
  }

  List<Chunk> toList() {
    return List.copyOf(chunks);
  }

  private String hash(String chunkText) {
    return HexFormat.of().formatHex(sha256.digest(chunkText.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime must provide SHA-256", e);
    }
  }
}
