package dev.ingestion.source;

import java.io.IOException;
import java.io.InputStream;

/**
 * A document's bytes, openable more than once (hashing then parsing). Closing it removes any temporary
 * copy the source made.
 */
public interface FetchedContent extends AutoCloseable {
  InputStream open() throws IOException;

  long size();

  /** The name to help format detection, e.g. the file name. */
  String fileName();

  /**
   * The content as a local file, when there is one (a file source, or a remote source that spooled
   * its download): parsers that need random access (PDF, ZIP, Office) then read it in place instead of
   * copying the stream to a temporary file.
   */
  default java.util.Optional<java.nio.file.Path> localFile() {
    return java.util.Optional.empty();
  }

  /**
   * What the source knows about the document besides its bytes (author, web URL, path, chosen
   * columns); empty by default.
   */
  default java.util.Map<String, String> metadata() {
    return java.util.Map.of();
  }

  /** The change marker of the content actually fetched. */
  String changeMarker();

  @Override
  void close();
}
