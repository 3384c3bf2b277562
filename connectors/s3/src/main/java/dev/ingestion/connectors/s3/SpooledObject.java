package dev.ingestion.connectors.s3;

import dev.ingestion.source.FetchedContent;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** An object downloaded to a temporary file, which closing deletes. */
record SpooledObject(Path file, long size, String fileName, String changeMarker) implements FetchedContent {
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
