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
 * <p>A child first writes one READY byte when it has booted. Request: file path, file name, size, max
 * chars. Response ({@link Response}): status byte (OK or FAIL), then either the extracted document or
 * (category, retryable, message, exception class, stack trace). How a child ends is told by its exit
 * code ({@link ChildExit}).
 */
final class ParseProtocol {
  static final byte OK = 1;
  static final byte FAIL = 2;
  /** Written once by a child when its parser is built and warm, before it reads the first request. */
  static final byte READY = 7;

  private ParseProtocol() {}

  record Request(String path, String fileName, long size, int maxChars) {}

  /** What a child answers to one request. */
  sealed interface Response permits Parsed, Failure {}

  record Parsed(ExtractedDocument document) implements Response {}

  /** The parser failed inside the child: its classification and the exception as the child saw it. */
  record Failure(FailureCategory category, boolean retryable, String message, String exceptionClass,
      String stackTrace) implements Response {}

  /**
   * The exit codes a child ends with, and what each says about the document it was parsing. Only a crash
   * of the child's own making (a native fault, an unexpected exit) is the document's doing.
   */
  enum ChildExit {
    /** Its input closed: it finished normally. */
    NORMAL(0),
    /** -XX:+ExitOnOutOfMemoryError: the document needed more than the child heap. */
    OUT_OF_MEMORY(3),
    /** SIGINT (Ctrl-C to the process group) from outside; children ignore it, but another JVM might not. */
    INTERRUPTED(130),
    /** SIGKILL: our own kill (time limit, shutdown) or the kernel's out-of-memory killer. */
    KILLED(137),
    /** SIGTERM from outside (a service manager stopping the whole group). */
    TERMINATED(143),
    /** Any other code: the child crashed. */
    CRASHED(-1);

    final int code;

    ChildExit(int code) {
      this.code = code;
    }

    static ChildExit of(int code) {
      for (ChildExit e : values()) {
        if (e.code == code) {
          return e;
        }
      }
      return CRASHED;
    }
  }

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
    writeString(out, f.stackTrace());
    out.flush();
  }

  /** Reads a response: the extracted document, or the child's failure. */
  static Response readResponse(DataInputStream in) throws IOException {
    byte status = in.readByte();
    if (status == FAIL) {
      return new Failure(FailureCategory.valueOf(readString(in)), in.readBoolean(), readString(in), readString(in),
          readString(in));
    }
    if (status != OK) {
      throw new IOException("unexpected response status " + status + " from the parser process");
    }
    return new Parsed(readDocument(in));
  }

  private static ExtractedDocument readDocument(DataInputStream in) throws IOException {
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
