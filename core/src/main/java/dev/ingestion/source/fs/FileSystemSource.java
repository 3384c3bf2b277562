package dev.ingestion.source.fs;

import dev.ingestion.model.DocumentException;
import dev.ingestion.model.FailureCategory;
import dev.ingestion.model.Stage;
import dev.ingestion.source.CheckResult;
import dev.ingestion.source.FetchedContent;
import dev.ingestion.source.ListingListener;
import dev.ingestion.source.Source;
import dev.ingestion.source.SourceException;
import dev.ingestion.source.SourceItem;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Documents in a folder tree. External ids are paths relative to the root with '/' separators. Never
 * follows a path out of its root: symbolic links are taken only when they resolve to a regular file
 * inside the root, and every fetch re-checks the resolved path.
 */
public final class FileSystemSource implements Source {
  private final String name;
  private final FileSystemSourceConfig config;
  private final Path root;
  private final List<PathMatcher> includes;
  private final List<PathMatcher> excludes;

  public FileSystemSource(String name, FileSystemSourceConfig config) {
    this.name = name;
    this.config = config;
    this.root = config.root().toAbsolutePath().normalize();
    this.includes = matchers(config.include());
    this.excludes = matchers(config.exclude());
  }

  private static List<PathMatcher> matchers(List<String> globs) {
    return globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return FileSystemSourceFactory.TYPE;
  }

  @Override
  public String location() {
    return root.toString();
  }

  public FileSystemSourceConfig config() {
    return config;
  }

  @Override
  public void list(ListingListener listener) {
    Path realRoot = realRoot();
    try {
      Files.walkFileTree(realRoot, new Lister(realRoot, listener));
    } catch (IOException e) {
      throw new SourceException(FailureCategory.SOURCE_UNAVAILABLE, "cannot list " + root + ": " + e, e);
    }
  }

  private Path realRoot() {
    try {
      Path real = root.toRealPath();
      if (!Files.isDirectory(real)) {
        throw new SourceException(
            FailureCategory.NOT_FOUND, "source '" + name + "': " + root + " is not a folder", null);
      }
      return real;
    } catch (NoSuchFileException e) {
      throw new SourceException(
          FailureCategory.NOT_FOUND, "source '" + name + "': folder " + root + " does not exist", e);
    } catch (AccessDeniedException e) {
      throw new SourceException(
          FailureCategory.PERMISSION_DENIED, "source '" + name + "': no permission to read " + root, e);
    } catch (IOException e) {
      throw new SourceException(
          FailureCategory.SOURCE_UNAVAILABLE, "source '" + name + "': cannot open " + root + ": " + e, e);
    }
  }

  boolean wanted(String relative) {
    Path rel = Path.of(relative);
    return matchesAny(includes, rel, config.include()) && !matchesAny(excludes, rel, config.exclude());
  }

  private static boolean matchesAny(List<PathMatcher> matchers, Path rel, List<String> globs) {
    for (int i = 0; i < matchers.size(); i++) {
      if (matchers.get(i).matches(rel)) {
        return true;
      }
      String glob = globs.get(i);
      if (glob.startsWith("**/") && rel.getNameCount() == 1
          && FileSystems.getDefault().getPathMatcher("glob:" + glob.substring(3)).matches(rel)) {
        return true;
      }
    }
    return false;
  }

  static String marker(BasicFileAttributes attrs) {
    return attrs.size() + "/" + attrs.lastModifiedTime();
  }

  private final class Lister extends SimpleFileVisitor<Path> {
    private final Path realRoot;
    private final ListingListener listener;

    Lister(Path realRoot, ListingListener listener) {
      this.realRoot = realRoot;
      this.listener = listener;
    }

    @Override
    public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
      if (!dir.equals(realRoot) && !config.includeHidden() && dir.getFileName().toString().startsWith(".")) {
        return FileVisitResult.SKIP_SUBTREE;
      }
      return FileVisitResult.CONTINUE;
    }

    @Override
    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
      String relative = relative(file);
      if (!config.includeHidden() && file.getFileName().toString().startsWith(".")) {
        return FileVisitResult.CONTINUE;
      }
      if (!wanted(relative)) {
        return FileVisitResult.CONTINUE;
      }
      if (attrs.isSymbolicLink()) {
        visitLink(file, relative);
      } else if (attrs.isRegularFile()) {
        listener.item(new SourceItem(relative, marker(attrs), attrs.size(), attrs.lastModifiedTime().toInstant()));
      } else {
        listener.skipped(relative, "not a regular file");
      }
      return FileVisitResult.CONTINUE;
    }

    private void visitLink(Path link, String relative) {
      try {
        Path target = link.toRealPath();
        if (!target.startsWith(realRoot)) {
          listener.skipped(relative, "symbolic link points outside the source folder");
          return;
        }
        BasicFileAttributes attrs = Files.readAttributes(target, BasicFileAttributes.class);
        if (attrs.isRegularFile()) {
          listener.item(new SourceItem(relative, marker(attrs), attrs.size(), attrs.lastModifiedTime().toInstant()));
        } else {
          listener.skipped(relative, "symbolic link to a folder is not followed");
        }
      } catch (IOException e) {
        listener.skipped(relative, "broken symbolic link");
      }
    }

    @Override
    public FileVisitResult visitFileFailed(Path file, IOException exc) {
      listener.skipped(relative(file), "unreadable: " + exc.getMessage());
      return FileVisitResult.CONTINUE;
    }

    private String relative(Path file) {
      return realRoot.relativize(file).toString().replace('\\', '/');
    }
  }

  @Override
  public FetchedContent fetch(String externalId) {
    Path realRoot = realRoot();
    Path candidate = realRoot.resolve(externalId).normalize();
    if (!candidate.startsWith(realRoot)) {
      throw new DocumentException(Stage.FETCH, FailureCategory.PERMISSION_DENIED,
          "refused: '" + externalId + "' points outside the source folder " + realRoot);
    }
    try {
      Path real = candidate.toRealPath();
      if (!real.startsWith(realRoot)) {
        throw new DocumentException(Stage.FETCH, FailureCategory.PERMISSION_DENIED,
            "refused: '" + externalId + "' resolves outside the source folder " + realRoot);
      }
      BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        throw new DocumentException(Stage.FETCH, FailureCategory.NOT_FOUND, externalId + " is no longer a regular file");
      }
      if (attrs.size() > config.maxFileSize()) {
        throw new DocumentException(Stage.FETCH, FailureCategory.TOO_LARGE, String.format(
            "%s is %,d bytes, over this source's max_file_size of %,d bytes; raise max_file_size to ingest it",
            externalId, attrs.size(), config.maxFileSize()));
      }
      return new FileContent(real, attrs.size(), marker(attrs));
    } catch (NoSuchFileException e) {
      throw new DocumentException(Stage.FETCH, FailureCategory.NOT_FOUND, externalId + " no longer exists", e);
    } catch (AccessDeniedException e) {
      throw new DocumentException(Stage.FETCH, FailureCategory.PERMISSION_DENIED,
          "no permission to read " + candidate + "; check the file's owner and mode", e);
    } catch (IOException e) {
      throw new DocumentException(Stage.FETCH, FailureCategory.SOURCE_UNAVAILABLE,
          "cannot read " + candidate + ": " + e.getMessage(), e);
    }
  }

  @Override
  public CheckResult check() {
    long start = System.nanoTime();
    try {
      Path real = realRoot();
      boolean readable = Files.isReadable(real);
      Duration latency = Duration.ofNanos(System.nanoTime() - start);
      return new CheckResult(readable, latency,
          readable ? "folder is readable" : "folder exists but is not readable by this process",
          Map.of("path", real.toString()));
    } catch (SourceException e) {
      return new CheckResult(false, Duration.ofNanos(System.nanoTime() - start), e.getMessage(),
          Map.of("path", root.toString(), "category", e.category().dbValue()));
    }
  }

  private record FileContent(Path path, long size, String changeMarker) implements FetchedContent {
    @Override
    public InputStream open() throws IOException {
      return Files.newInputStream(path, LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String fileName() {
      return path.getFileName().toString();
    }

    @Override
    public java.util.Optional<Path> localFile() {
      return java.util.Optional.of(path);
    }

    @Override
    public void close() {
      // nothing to clean: the file is the source's own
    }
  }
}
