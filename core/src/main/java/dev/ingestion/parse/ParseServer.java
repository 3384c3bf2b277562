package dev.ingestion.parse;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.ExtractedDocument;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The child process that parses for an {@link IsolatedDocumentParser}: reads requests on stdin, answers
 * on stdout, one document at a time, until stdin closes. Started with a bounded heap and
 * -XX:+ExitOnOutOfMemoryError, so a document that exhausts memory kills only this process. Anything the
 * parsers print goes to stderr, never into the protocol stream.
 *
 * <p>Arguments: maxEmbeddedDepth maxEmbeddedCount maxCompressionRatio.
 */
public final class ParseServer {
  private ParseServer() {}

  public static void main(String[] args) throws Exception {
    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(new FileOutputStream(FileDescriptor.out)));
    System.setOut(new PrintStream(new FileOutputStream(FileDescriptor.err), true));
    DataInputStream in = new DataInputStream(new BufferedInputStream(System.in));
    int depth = Integer.parseInt(args[0]);
    int count = Integer.parseInt(args[1]);
    long ratio = Long.parseLong(args[2]);
    java.util.Map<Integer, TikaDocumentParser> parsers = new java.util.HashMap<>();
    while (true) {
      ParseProtocol.Request request;
      try {
        request = ParseProtocol.readRequest(in);
      } catch (EOFException e) {
        return;
      }
      // The parent enforces the wall-clock limit by killing this process; no timeout thread is needed here.
      TikaDocumentParser parser = parsers.computeIfAbsent(request.maxChars(),
          chars -> new TikaDocumentParser(new ParseLimits(chars, depth, count, ratio, Duration.ofDays(1))));
      try {
        ExtractedDocument doc = parser.parse(Path.of(request.path()), request.fileName(), request.size());
        ParseProtocol.writeDocument(out, doc);
      } catch (DocumentException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        ParseProtocol.writeFailure(out, new ParseProtocol.Failure(e.category(), e.retryable(), e.getMessage(),
            cause.getClass().getName()));
      }
    }
  }
}
