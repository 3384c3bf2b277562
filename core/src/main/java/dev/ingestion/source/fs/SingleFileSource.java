package dev.ingestion.source.fs;

import dev.ingestion.model.FailureCategory;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;

/**
 * One file as a source of its own ({@code ingestion ingest report.pdf}): its name is the file's absolute
 * path, its listing is the file alone, and fetching goes through a folder source over the file's folder
 * (so the same path checks apply). The folder around it is never walked.
 */
public final class SingleFileSource implements Source {
  private final Path file;
  private final FileSystemSource folder;

  public SingleFileSource(Path file) {
    this.file = file.toAbsolutePath().normalize();
    Path parent = this.file.getParent();
    this.folder = new FileSystemSource(this.file.toString(), new FileSystemSourceConfig(parent, List.of("**"),
        List.of(), FileSystemSourceConfig.DEFAULT_MAX_FILE_SIZE, true));
  }

  @Override
  public String name() {
    return file.toString();
  }

  @Override
  public String type() {
    return folder.type();
  }

  @Override
  public String location() {
    return file.toString();
  }

  @Override
  public void list(ListingListener listener) {
    String id = file.getFileName().toString();
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
      if (!attrs.isRegularFile()) {
        listener.skipped(id, "not a regular file");
        return;
      }
      listener.item(new SourceItem(id, FileSystemSource.marker(attrs), attrs.size(),
          attrs.lastModifiedTime().toInstant()));
    } catch (NoSuchFileException e) {
      throw new SourceException(FailureCategory.NOT_FOUND, "file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new SourceException(FailureCategory.SOURCE_UNAVAILABLE, "cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public FetchedContent fetch(String externalId) {
    return folder.fetch(externalId);
  }

  @Override
  public CheckResult check() {
    return folder.check();
  }
}
