package dev.ingestion.connectors.sharepoint;

import dev.ingestion.source.FetchedContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A drive item spooled to a temporary file, which closing deletes. */
record DownloadedItem(Path file, long size, String fileName, String changeMarker, Map<String, String> metadata)
    implements FetchedContent {
  @Override
  public InputStream open() throws IOException {
    return Files.newInputStream(file);
  }

  @Override
  public Optional<Path> localFile() {
    return Optional.of(file);
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      file.toFile().deleteOnExit();
    }
  }
}
