package dev.ingestion.parse;

import dev.ingestion.model.DocumentMetadata;
import dev.ingestion.model.ExtractedDocument;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.TextBlock;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The wire format between the worker and a parse child process: length-prefixed UTF-8 strings and
 * plain numbers over the child's stdin/stdout.
 *
 * <p>A child first writes one READY byte when it has booted. Request: file path, file name, size, max chars. Response: status byte (OK or FAIL), then either the
 * extracted document or (category, retryable, message, exception class).
 */
final class ParseProtocol {
  static final byte OK = 1;
  static final byte FAIL = 2;
  /** Written once by a child when its parser is built and warm, before it reads the first request. */
  static final byte READY = 7;

  private ParseProtocol() {}

  record Request(String path, String fileName, long size, int maxChars) {}

  record Failure(FailureCategory category, boolean retryable, String message, String exceptionClass) {}

  static void writeRequest(DataOutputStream out, Request r) throws IOException {
    writeString(out, r.path());
    writeString(out, r.fileName());
    out.writeLong(r.size());
    out.writeInt(r.maxChars());
    out.flush();
  }

  static Request readRequest(DataInputStream in) throws IOException {
    return new Request(readString(in), readString(in), in.readLong(), in.readInt());
  }

  static void writeDocument(DataOutputStream out, ExtractedDocument d) throws IOException {
    out.writeByte(OK);
    writeString(out, d.text());
    out.writeInt(d.blocks().size());
    for (TextBlock b : d.blocks()) {
      out.writeByte(b.kind().ordinal());
      out.writeInt(b.level());
      out.writeInt(b.start());
      out.writeInt(b.end());
      out.writeInt(b.page() == null ? -1 : b.page());
    }
    DocumentMetadata m = d.metadata();
    writeString(out, m.mimeType());
    writeString(out, m.title());
    writeString(out, m.author());
    out.writeInt(m.pageCount() == null ? -1 : m.pageCount());
    writeString(out, m.language());
    writeString(out, m.created() == null ? null : m.created().toString());
    writeString(out, m.modified() == null ? null : m.modified().toString());
    out.writeBoolean(d.truncated());
    out.flush();
  }

  static void writeFailure(DataOutputStream out, Failure f) throws IOException {
    out.writeByte(FAIL);
    writeString(out, f.category().name());
    out.writeBoolean(f.retryable());
    writeString(out, f.message());
    writeString(out, f.exceptionClass());
    out.flush();
  }

  /** Reads a response: an ExtractedDocument, or a Failure. */
  static Object readResponse(DataInputStream in) throws IOException {
    byte status = in.readByte();
    if (status == FAIL) {
      return new Failure(FailureCategory.valueOf(readString(in)), in.readBoolean(), readString(in), readString(in));
    }
    String text = readString(in);
    int n = in.readInt();
    List<TextBlock> blocks = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      TextBlock.Kind kind = TextBlock.Kind.values()[in.readByte()];
      int level = in.readInt();
      int start = in.readInt();
      int end = in.readInt();
      int page = in.readInt();
      blocks.add(new TextBlock(kind, level, start, end, page < 0 ? null : page));
    }
    String mime = readString(in);
    String title = readString(in);
    String author = readString(in);
    int pages = in.readInt();
    String language = readString(in);
    String created = readString(in);
    String modified = readString(in);
    boolean truncated = in.readBoolean();
    DocumentMetadata meta = new DocumentMetadata(mime, title, author, pages < 0 ? null : pages, language,
        created == null ? null : Instant.parse(created), modified == null ? null : Instant.parse(modified));
    return new ExtractedDocument(text, blocks, meta, truncated);
  }

  static void writeString(DataOutputStream out, String s) throws IOException {
    if (s == null) {
      out.writeInt(-1);
      return;
    }
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  static String readString(DataInputStream in) throws IOException {
    int n = in.readInt();
    if (n < 0) {
      return null;
    }
    byte[] bytes = in.readNBytes(n);
    if (bytes.length != n) {
      throw new java.io.EOFException("truncated message");
    }
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
