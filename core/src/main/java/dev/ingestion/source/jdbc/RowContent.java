package dev.ingestion.source.jdbc;

import dev.ingestion.source.FetchedContent;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A rendered row: a small text document held in memory. */
final class RowContent implements FetchedContent {
  private final Row row;
  private final byte[] bytes;

  RowContent(Row row) {
    this.row = row;
    this.bytes = row.text().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public InputStream open() {
    return new ByteArrayInputStream(bytes);
  }

  @Override
  public long size() {
    return bytes.length;
  }

  @Override
  public String fileName() {
    return "row-" + row.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
  }

  @Override
  public Map<String, String> metadata() {
    return row.metadata();
  }

  @Override
  public String changeMarker() {
    return row.marker();
  }

  @Override
  public void close() {
    // nothing to clean: the text lives in memory
  }
}
