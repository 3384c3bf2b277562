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

  /** The change marker of the content actually fetched. */
  String changeMarker();

  @Override
  void close();
}
